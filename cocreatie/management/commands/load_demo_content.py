from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.module_loading import import_string

# Each loader adds its part of the demo content and is safe to run again.
CONTENT_LOADERS: list[str] = ["roadmap.demo.load", "sessions_app.demo.load"]

# Later loaders may give an account from an earlier one another role: it is printed once,
# with all of them.
ACCOUNT_LOADERS = ["community.demo.load_accounts", "planner.demo.load_accounts"]


class Command(BaseCommand):
    help = (
        "Load the demo content. Safe to run again: nothing is duplicated and nothing "
        "a moderator edited is overwritten. Demo accounts are made only when DEBUG is on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="Do not create the demo accounts."
        )

    def handle(self, *args, no_accounts=False, **options):
        # Demo content is made through the real services, which send mail: not now.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self.load(no_accounts=no_accounts)

    def load(self, *, no_accounts):
        for dotted_path in CONTENT_LOADERS:
            summary = import_string(dotted_path)()
            self.stdout.write(f"{dotted_path}: {summary}")

        if no_accounts:
            return
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts made.")
            return

        from community.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

        accounts = {}
        for path in ACCOUNT_LOADERS:
            for account in import_string(path)():
                if account.email in accounts:
                    accounts[account.email].role += f"; {account.role}"
                else:
                    accounts[account.email] = account
        self.stdout.write(self.style.SUCCESS("Demo accounts (password unless changed since):"))
        for account in accounts.values():
            self.stdout.write(f"  {account.email:<32} {DEMO_PASSWORD}   {account.role}")
            if account.recovery_codes:
                codes = " ".join(account.recovery_codes[:3])
                self.stdout.write(f"      second step: a recovery code ({codes}, ...)")
        self.stdout.write(
            f"  Or add the TOTP secret {DEMO_TOTP_SECRET} to an authenticator app "
            "for the accounts with a second step."
        )

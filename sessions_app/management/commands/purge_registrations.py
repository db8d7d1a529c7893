from django.conf import settings
from django.core.management.base import BaseCommand

from sessions_app import services


class Command(BaseCommand):
    help = (
        "Anonymise the registrations of session series whose last session ended more than "
        "SESSION_REGISTRATION_RETENTION_DAYS days ago. Co-evaluation answers are kept "
        "without personal data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SESSION_REGISTRATION_RETENTION_DAYS,
            help="Retention in days (default: %(default)s).",
        )

    def handle(self, *args, days, **options):
        count = services.registrations_purge(older_than_days=days)
        self.stdout.write(f"Anonymised {count} registration(s).")

from django.core.management.base import BaseCommand

from cocreatie.core.digest import digests_send


class Command(BaseCommand):
    help = (
        "Mail each member one weekly digest with the notifications they chose to get "
        "weekly, everything new since their previous digest; nothing when there is "
        "nothing new. Each notification is in one digest at most; safe to run again and "
        "with two copies at the same time. Run it once a week."
    )

    def handle(self, *args, **options):
        queued = digests_send()
        self.stdout.write(f"Queued {queued} digest(s).")

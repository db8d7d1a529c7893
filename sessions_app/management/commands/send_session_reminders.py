from django.core.management.base import BaseCommand

from sessions_app import services


class Command(BaseCommand):
    help = (
        "Mail the meeting link to participants of sessions that start within 24 hours, and "
        "invite participants of sessions that ended to the co-evaluation. Each mail goes "
        "out once; safe to run every few minutes and with two copies at the same time."
    )

    def handle(self, *args, **options):
        reminders = services.reminders_send()
        invitations = services.evaluation_invitations_send()
        self.stdout.write(
            f"Sent {reminders} reminder(s) and {invitations} co-evaluation invitation(s)."
        )

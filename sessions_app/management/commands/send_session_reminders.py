from django.core.management.base import BaseCommand

from sessions_app import services


class Command(BaseCommand):
    help = (
        "Mail the meeting link to participants of sessions that start within 24 hours, "
        "invite participants of sessions that ended (from 30 minutes after the end) to the "
        "co-evaluation, and remind them once, 3 days later, if they have not answered. Each "
        "mail goes out once; safe to run every few minutes and with two copies at the same "
        "time."
    )

    def handle(self, *args, **options):
        reminders = services.reminders_send()
        invitations = services.evaluation_invitations_send()
        evaluation_reminders = services.evaluation_reminders_send()
        self.stdout.write(
            f"Sent {reminders} reminder(s), {invitations} co-evaluation invitation(s) and "
            f"{evaluation_reminders} co-evaluation reminder(s)."
        )

from django.core.management.base import BaseCommand

from cocreatie.core.mail import send_queued


class Command(BaseCommand):
    help = (
        "Send queued e-mail that could not be sent before (for example while the mail "
        "server was down). Safe to run often and in parallel."
    )

    def handle(self, *args, **options):
        sent, waiting = send_queued()
        self.stdout.write(f"Sent {sent} message(s); {waiting} still waiting.")

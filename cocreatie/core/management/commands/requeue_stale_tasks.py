from datetime import timedelta

from django.core.management.base import BaseCommand

from cocreatie.core.worker import requeue_stale_tasks, stale_running_timeout


class Command(BaseCommand):
    help = (
        "Put tasks that have been RUNNING for longer than TASKS_STALE_RUNNING_TIMEOUT "
        "(default 30 minutes) back in the queue: their worker died. The task_worker does "
        "this itself every minute; this command is for workers started otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help="Override the timeout (in minutes).",
        )

    def handle(self, *args, minutes=None, **options):
        timeout = timedelta(minutes=minutes) if minutes is not None else stale_running_timeout()
        count = requeue_stale_tasks(timeout)
        self.stdout.write(f"Requeued {count} task(s) running for longer than {timeout}.")

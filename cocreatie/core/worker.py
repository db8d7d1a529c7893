"""The task worker that keeps running: django-tasks-db's worker, made to survive a
database outage and to pick up the tasks of a worker that died.

django-tasks-db's ``db_worker`` lets any database error other than "database is locked"
end the process, and a task whose worker was killed mid-run stays ``RUNNING`` for good.
``manage.py task_worker`` runs ``ResilientWorker`` instead:

- a lost database (``OperationalError``/``InterfaceError``, a restart or a failover)
  closes the connections, waits 1, 2, 4 … at most 30 seconds and tries again; the outage
  is logged once when it starts and once when it ends;
- every minute (and at start) a task that has been ``RUNNING`` for longer than
  ``TASKS_STALE_RUNNING_TIMEOUT`` seconds (default 30 minutes) goes back to ``READY``,
  so another worker runs it. Tasks must therefore be safe to run twice; ``deliver_mail``
  is (see ``cocreatie.core.mail``).

The process can still die (a kill, an out-of-memory); the service manager restarts it
(``Restart=always``, see ``deploy/systemd/cocreatie-worker.service``).
"""

import logging
import random
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger(__name__)

STALE_CHECK_INTERVAL = 60  # seconds between two looks for abandoned tasks
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 30.0

# What a database that went away raises; the worker waits these out.
DATABASE_DOWN = (OperationalError, InterfaceError)


def stale_running_timeout() -> timedelta:
    return timedelta(seconds=settings.TASKS_STALE_RUNNING_TIMEOUT)


def requeue_stale_tasks(older_than: timedelta | None = None) -> int:
    """Put tasks that have been ``RUNNING`` for longer than ``older_than`` back in the
    queue (their worker died); returns how many."""
    cutoff = timezone.now() - (older_than if older_than is not None else stale_running_timeout())
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    ids = list(stale.values_list("id", flat=True))
    if not ids:
        return 0
    # The same conditions again: a task that finished meanwhile is left alone.
    requeued = stale.filter(id__in=ids).update(status=TaskResultStatus.READY)
    for task_id in ids:
        logger.warning("Task %s ran too long (its worker gone?): back in the queue.", task_id)
    return requeued


def close_connections() -> None:
    """Drop every database connection, broken ones included, so the next query opens a
    fresh one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            pass


class ResilientWorker(Worker):
    """django-tasks-db's ``Worker`` with the loop split into ``step()`` and a ``run()``
    that waits out database outages and requeues abandoned tasks."""

    sleep = staticmethod(time.sleep)  # tests replace it

    def __init__(self, *args, stale_check_interval: float = STALE_CHECK_INTERVAL, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale_check_interval = stale_check_interval
        self._next_stale_check = 0.0

    def tasks(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def step(self) -> bool | None:
        """Claim and run one task: True when one ran, False when the queue is empty,
        None when the database was locked (SQLite) and nothing could be said."""
        close_old_connections()
        if time.monotonic() >= self._next_stale_check:
            requeue_stale_tasks()
            self._next_stale_check = time.monotonic() + self.stale_check_interval
        tasks = self.tasks()
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # RUNNING: no other worker takes it
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None
                raise
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names)
        )
        if self.startup_delay and self.interval:
            self.sleep(random.random())  # noqa: S311 (no thundering herd)

        delay, down_since = BACKOFF_FIRST, None
        while self.running:
            try:
                ran = self.step()
            except DATABASE_DOWN as error:
                if down_since is None:
                    down_since = time.monotonic()
                    logger.error("Database unreachable, the worker waits and retries: %s", error)
                close_connections()
                if not self.running:
                    return
                self.sleep(delay)
                delay = min(delay * 2, BACKOFF_MAX)
                continue
            if down_since is not None:
                logger.warning(
                    "Database reachable again after %.0f s; the worker goes on.",
                    time.monotonic() - down_since,
                )
                delay, down_since = BACKOFF_FIRST, None

            if self.batch and ran is False:
                logger.info("No more tasks for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran %d tasks on worker_id=%s - exiting.",
                    self._run_tasks,
                    self.worker_id,
                )
                return
            close_old_connections()
            if self.running and not ran:
                self.sleep(self.interval)

"""The worker and the outbox survive what production throws at them: a mail server that
hangs up mid-conversation, a worker killed between the server's "250 OK" and the commit,
a worker killed mid-task, and a database that goes away for a while.

The SMTP tests talk to a real (tiny) SMTP server on a free local port, through Django's
own SMTP backend.
"""

import email
import importlib
import logging
import socket
import socketserver
import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import mail as django_mail
from django.core.management import call_command
from django.db.models import QuerySet
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cocreatie.core import mail, worker
from cocreatie.core.models import OutgoingMail

# --- a real SMTP server ------------------------------------------------------------------


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough ESMTP for smtplib. ``server.hang_up``: None (a working server),
    "after_ehlo" or "after_data" (the connection drops once the message body is in,
    before the server's answer: the one moment SMTP cannot settle)."""

    def reply(self, text):
        self.wfile.write(text.encode() + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 test.example ESMTP")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith("EHLO"):
                if server.hang_up == "after_ehlo":
                    return
                self.reply("250-test.example\r\n250 8BITMIME")
            elif command.startswith("HELO"):
                self.reply("250 test.example")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 go ahead")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                message = email.message_from_bytes(b"".join(lines))
                if server.hang_up == "after_data":
                    server.lost.append(message)
                    return
                server.received.append(message)
                self.reply("250 OK queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("500 what?")


class _SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.hang_up = None
        self.received = []  # answered with 250
        self.lost = []  # read in full, connection dropped before the answer


@pytest.fixture
def smtp_server(settings):
    server = _SMTPServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()


def queued(to="nynke@gemeente.example"):
    return mail.queue(django_mail.EmailMessage(subject="Aanmelding", body="Tot dan!", to=[to]))


class Killed(BaseException):
    """The worker process dies (SIGKILL, out of memory) at this point."""


# --- at most once ------------------------------------------------------------------------


def test_a_mail_arrives_once_with_the_message_id_stored_on_its_row(
    db, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = queued()

    (message,) = smtp_server.received
    outgoing.refresh_from_db()
    assert outgoing.message_id.startswith("<") and outgoing.message_id.endswith(">")
    assert message["Message-ID"] == outgoing.message_id
    assert message["To"] == "nynke@gemeente.example"
    assert outgoing.sent_at is not None and outgoing.attempts == 1
    assert outgoing.sending_by == mail.worker_id() and outgoing.sending_at is None

    assert mail.send_queued() == (0, 0)
    assert len(smtp_server.received) == 1


@pytest.mark.parametrize("hang_up", ["after_ehlo", "after_data"])
def test_a_server_that_hangs_up_mid_conversation_leaves_the_mail_for_a_retry(
    db, smtp_server, django_capture_on_commit_callbacks, hang_up
):
    smtp_server.hang_up = hang_up
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = queued()

    outgoing.refresh_from_db()
    assert not smtp_server.received
    assert outgoing.sent_at is None and outgoing.attempts == 1
    assert "SMTPServerDisconnected" in outgoing.last_error
    assert outgoing.sending_at is None  # released: a retry may go at once

    smtp_server.hang_up = None
    assert mail.send_queued() == (1, 0)
    assert mail.send_queued() == (0, 0)

    (message,) = smtp_server.received
    assert message["Message-ID"] == outgoing.message_id
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None and outgoing.attempts == 2 and not outgoing.last_error
    # Had the server kept the message it never confirmed, the recipient can tell the
    # second copy is the same message.
    assert [lost["Message-ID"] for lost in smtp_server.lost] == (
        [outgoing.message_id] if hang_up == "after_data" else []
    )


def test_a_worker_killed_after_the_server_accepted_does_not_send_again_soon(
    db, smtp_server, monkeypatch
):
    outgoing = queued()

    def killed(outgoing):
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(mail, "_mark_sent", killed)
        with pytest.raises(Killed):
            mail.send_outgoing(outgoing.pk)

    assert len(smtp_server.received) == 1
    outgoing.refresh_from_db()
    assert outgoing.sent_at is None
    assert outgoing.sending_by == mail.worker_id() and outgoing.sending_at is not None

    # Another worker, the task's retry or the timer: none of them sends it again ...
    assert mail.send_outgoing(outgoing.pk) is False
    assert mail.deliver_mail.call(outgoing.pk) is False
    assert mail.send_queued() == (0, 1)
    assert len(smtp_server.received) == 1

    # ... until the claim is older than MAIL_SENDING_TIMEOUT: then once more, recognisably
    # the same message.
    OutgoingMail.objects.update(sending_at=timezone.now() - timedelta(hours=1, minutes=1))
    assert mail.send_queued() == (1, 0)
    first, second = smtp_server.received
    assert first["Message-ID"] == second["Message-ID"] == outgoing.message_id


def test_the_sending_timeout_is_a_setting(db, smtp_server, monkeypatch, settings):
    settings.MAIL_SENDING_TIMEOUT = 60
    outgoing = queued()
    OutgoingMail.objects.update(
        sending_by="gone:1", sending_at=timezone.now() - timedelta(seconds=30)
    )
    assert mail.send_queued() == (0, 1)
    OutgoingMail.objects.update(sending_at=timezone.now() - timedelta(seconds=90))
    assert mail.send_queued() == (1, 0)
    outgoing.refresh_from_db()
    assert outgoing.sending_by == mail.worker_id()


def test_mail_queued_before_the_upgrade_gets_a_message_id(db):
    old = OutgoingMail.objects.create(to=["a@example.org"], subject="Oud", body="Oud")
    other = OutgoingMail.objects.create(to=["b@example.org"], subject="Oud", body="Oud")
    assert old.message_id == ""

    migration = importlib.import_module("cocreatie.core.migrations.0006_outgoing_mail_at_most_once")
    schema_editor = SimpleNamespace(connection=SimpleNamespace(alias="default"))
    migration.give_existing_mail_a_message_id(apps, schema_editor)
    old.refresh_from_db()
    other.refresh_from_db()
    assert old.message_id and other.message_id and old.message_id != other.message_id

    # A row without one (however it came about) gets it when it is sent.
    OutgoingMail.objects.filter(pk=other.pk).update(message_id="")
    assert mail.send_outgoing(other.pk) is True
    other.refresh_from_db()
    (sent,) = django_mail.outbox
    assert sent.message()["Message-ID"] == other.message_id != ""


# --- tasks whose worker died -------------------------------------------------------------


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_a_task_left_running_by_a_dead_worker_goes_back_to_the_queue(database_tasks):
    outgoing = queued()  # autocommit: the task is enqueued at once
    (task,) = DBTaskResult.objects.all()
    # A worker claimed it and was killed.
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=31),
        worker_ids=["gone:1"],
    )
    busy = queued("ander@example.org")
    DBTaskResult.objects.filter(args_kwargs__args=[busy.pk]).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=5)
    )

    assert worker.requeue_stale_tasks() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert worker.requeue_stale_tasks() == 0

    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    (message,) = django_mail.outbox
    assert message.to == ["nynke@gemeente.example"]
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["gone:1", mail.worker_id()]
    # The young RUNNING one is left to its (living) worker.
    assert DBTaskResult.objects.get(args_kwargs__args=[busy.pk]).status == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_the_worker_itself_requeues_stale_tasks_and_the_command_does_too(database_tasks, settings):
    settings.TASKS_STALE_RUNNING_TIMEOUT = 60
    queued()
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=2)
    )
    call_command("requeue_stale_tasks", "--minutes", "5")
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING
    call_command("requeue_stale_tasks")
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY


# --- database outages --------------------------------------------------------------------


# What `db_worker --batch` passes its Worker, for both workers in these tests.
WORKER_OPTIONS = {
    "queue_names": ["*"],
    "interval": 0,
    "batch": True,
    "backend_name": "default",
    "startup_delay": False,
    "max_tasks": None,
    "worker_id": "test:1",
    "excluded_queue_names": [],
}


def make_worker(**options):
    return worker.ResilientWorker(**(WORKER_OPTIONS | options))


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_and_goes_on(database_tasks, monkeypatch, caplog):
    outgoing = queued()
    task_worker = make_worker()
    sleeps = []
    task_worker.sleep = sleeps.append
    real_step, failures = task_worker.step, []

    def step():
        if len(failures) < 3:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_step()

    task_worker.step = step
    with caplog.at_level(logging.INFO, logger="cocreatie.core.worker"):
        task_worker.run()

    assert sleeps == [1, 2, 4]  # exponential back-off ...
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None  # ... and then the task ran
    assert len(django_mail.outbox) == 1
    down = [r for r in caplog.records if "Database unreachable" in r.getMessage()]
    back = [r for r in caplog.records if "reachable again" in r.getMessage()]
    assert len(down) == 1 and len(back) == 1  # each outage logged once, not per retry


def test_the_back_off_is_capped(db, monkeypatch):
    task_worker = make_worker(batch=False)
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 10:
            task_worker.running = False

    task_worker.sleep = sleep

    def step():
        raise OperationalError("could not connect to server")

    task_worker.step = step
    closed = []
    monkeypatch.setattr(worker, "close_connections", lambda: closed.append(1))
    task_worker.run()
    assert sleeps == [1, 2, 4, 8, 16, 30, 30, 30, 30, 30]
    assert len(closed) == 10  # a fresh connection for every try


def raising(error):
    def fail(*args, **kwargs):
        raise error

    return fail


@pytest.mark.django_db(transaction=True)
def test_a_database_lost_mid_task_neither_stops_the_worker_nor_sends_twice(
    database_tasks, monkeypatch
):
    outgoing = queued()
    task_worker = make_worker()
    task_worker.sleep = lambda seconds: None
    down = OperationalError("terminating connection due to administrator command")
    with monkeypatch.context() as patch:
        # The mail went out, then the database went away before the task was marked done.
        patch.setattr(DBTaskResult, "set_successful", raising(down))
        patch.setattr(DBTaskResult, "set_failed", raising(down))
        task_worker.run()  # db_worker would have exited with this OperationalError

    assert len(django_mail.outbox) == 1
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.RUNNING  # left behind ...

    DBTaskResult.objects.update(started_at=timezone.now() - timedelta(minutes=31))
    make_worker().run()  # ... requeued by the next worker, which runs it again

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value is False  # nothing left to send
    assert len(django_mail.outbox) == 1
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_database():
    """``down()``: the real connection goes and nothing answers on the database's port
    any more (as while PostgreSQL restarts); ``up()``: it answers again."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs a database server to lose (DATABASE_URL=postgres://...)")
    real = dict(connection.settings_dict)

    def down():
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))

    def up():
        connection.settings_dict.update(HOST=real["HOST"], PORT=real["PORT"])

    yield SimpleNamespace(down=down, up=up)
    up()
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_db_worker_exits_when_the_database_is_gone_and_task_worker_does_not(
    database_tasks, unreachable_database
):
    from django_tasks_db.management.commands.db_worker import Worker

    outgoing = queued()
    unreachable_database.down()
    with pytest.raises(OperationalError):  # the defect: the process would end here
        Worker(**WORKER_OPTIONS).run()

    task_worker = make_worker()
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            unreachable_database.up()  # PostgreSQL is back

    task_worker.sleep = sleep
    task_worker.run()

    assert sleeps == [1, 2]
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None and len(django_mail.outbox) == 1


@pytest.mark.django_db(transaction=True)  # outside a transaction, as in the worker
def test_a_database_blip_right_after_sending_is_retried_before_it_delays_the_mail(
    smtp_server, database_tasks, monkeypatch
):
    outgoing = queued()  # the task waits in the queue
    real_update, failures, waits = QuerySet.update, [], []

    def update(queryset, **values):
        if "sent_at" in values and len(failures) < 2:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", update)
    monkeypatch.setattr(mail.time, "sleep", waits.append)
    assert mail.send_outgoing(outgoing.pk) is True

    assert waits == [0.5, 2]
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None and outgoing.sending_at is None
    assert len(smtp_server.received) == 1

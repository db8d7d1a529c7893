"""Templated e-mail, queued with the data it belongs to and sent by a task.

``send_after_commit`` renders the message at once (so a template error shows in the
request), stores it as an ``OutgoingMail`` row in the current transaction, and after the
commit enqueues ``deliver_mail``. If the mail server is down the row stays unsent and is
tried again: by the task itself on a worker that can defer, and by the
``send_queued_mail`` command, which a timer runs.

Each message is sent at most once as far as SMTP allows. ``send_outgoing`` first claims
the row in a short transaction of its own (``sending_by`` = this process,
``sending_at`` = now) and commits; only then does it talk to the mail server, outside
any transaction; then a second transaction records ``sent_at``. A process that dies in
between (after the server accepted the message, before ``sent_at`` was stored) leaves
the claim behind, and nobody sends that row again for ``MAIL_SENDING_TIMEOUT`` seconds
(default an hour); after that it is tried once more, with the same ``Message-ID``
(generated when the row was made), so the recipient's server or mail program can
recognise a duplicate. A send that fails with an error releases the claim at once: the
server said no, or the connection broke before the server answered the final dot (the
one moment SMTP cannot settle; the retry then carries the same ``Message-ID`` too).
"""

import logging
import os
import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, make_msgid
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.db.utils import InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend, task

from cocreatie.core import ratelimit
from cocreatie.core.models import OutgoingMail

logger = logging.getLogger(__name__)

# Give up on a message after this many failed attempts (it stays in the outbox table,
# with its last error).
MAX_ATTEMPTS = 8


def sending_timeout() -> timedelta:
    """A claim (``sending_at``) older than this is from a process that died while
    sending; the message is then tried again (``MAIL_SENDING_TIMEOUT``)."""
    return timedelta(seconds=settings.MAIL_SENDING_TIMEOUT)


def worker_id() -> str:
    """This process: ``host:pid``, at most 64 characters (django-tasks-db's limit). It
    claims outgoing mail and, in ``task_worker``, the tasks."""
    pid = str(os.getpid())
    return f"{socket.gethostname()[: 63 - len(pid)]}:{pid}"


def new_message_id() -> str:
    """A ``Message-ID`` in the site's own domain, made once per queued message."""
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")


def render_mail(
    template: str, context: dict, to: list[str], *, reply_to=(), attachments=()
) -> EmailMessage:
    """``mail/<template>_subject.txt`` and ``mail/<template>.txt``, plain Dutch text.

    ``attachments``: (filename, text content, mimetype) triples.
    """
    context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.SITE_NAME, **context}
    subject = " ".join(render_to_string(f"mail/{template}_subject.txt", context).split())
    body = render_to_string(f"mail/{template}.txt", context)
    message = EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=list(reply_to),
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def queue(message: EmailMessage) -> OutgoingMail:
    """Store the message in the current transaction; send it once that commits."""
    outgoing = OutgoingMail.objects.create(
        to=list(message.to),
        reply_to=list(message.reply_to),
        subject=message.subject,
        body=message.body,
        message_id=new_message_id(),
        attachments=[
            {"filename": name, "content": content, "mimetype": mimetype}
            for name, content, mimetype in message.attachments
        ],
    )
    # robust: the data and its mail are committed; if the task queue fails now the
    # visitor still gets the success page, and `send_queued_mail` sends the message.
    transaction.on_commit(lambda: deliver_mail.enqueue(outgoing.pk), robust=True)
    return outgoing


# Mail that anyone can make the site send (a registration, a contact form) goes to one
# address at most this many times an hour, whoever asks and from wherever.
VISITOR_MAIL_PER_HOUR = 5


def send_after_commit(
    template: str, context: dict, to: list[str], *, reply_to=(), attachments=(),
    visitor_triggered: bool = False,
) -> OutgoingMail | None:  # fmt: skip
    """Render and queue a message. ``visitor_triggered``: anyone could have asked for it
    with somebody else's address, so each recipient gets at most
    ``VISITOR_MAIL_PER_HOUR`` of these an hour; beyond that nothing is sent."""
    to = [address for address in to if address]
    if visitor_triggered:
        to = [
            address
            for address in to
            if ratelimit.allow(
                f"visitor-mail:{address.strip().lower()}",
                limit=VISITOR_MAIL_PER_HOUR,
                period=60 * 60,
            )
        ]
        if not to:
            logger.info("Visitor-triggered mail %s not sent: recipient over the limit.", template)
    if not to:
        return None
    return queue(render_mail(template, context, to, reply_to=reply_to, attachments=attachments))


def _as_message(outgoing: OutgoingMail) -> EmailMessage:
    message = EmailMessage(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=outgoing.to,
        reply_to=outgoing.reply_to,
        headers={"Message-ID": outgoing.message_id},
    )
    for attachment in outgoing.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def _may_send() -> Q:
    """Unsent, and nobody is sending it (or the one who was has been gone too long)."""
    return Q(sent_at__isnull=True) & (
        Q(sending_at__isnull=True) | Q(sending_at__lt=timezone.now() - sending_timeout())
    )


def _claim(pk: int) -> OutgoingMail | None:
    """Mark the row as being sent by this process, and commit that before any SMTP."""
    with transaction.atomic():
        outgoing = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(_may_send(), pk=pk)
            .first()
        )
        if outgoing is None:
            return None
        if outgoing.sending_at is not None:
            logger.warning(
                "Mail %s: %s began sending it at %s and never finished; trying again "
                "with the same Message-ID.",
                pk,
                outgoing.sending_by,
                outgoing.sending_at,
            )
        outgoing.attempts += 1
        outgoing.message_id = outgoing.message_id or new_message_id()  # rows from before
        outgoing.sending_by, outgoing.sending_at = worker_id(), timezone.now()
        outgoing.save(update_fields=["attempts", "message_id", "sending_by", "sending_at"])
        return outgoing


# After the server accepted a message, a database blip must not leave it marked "being
# sent" for an hour: try to record it for about 10 seconds (reconnecting) before that.
MARK_SENT_RETRY_WAITS = (0.5, 2, 8)


def _mark_sent(outgoing: OutgoingMail) -> None:
    sent_at = timezone.now()
    for wait in (*MARK_SENT_RETRY_WAITS, None):
        try:
            OutgoingMail.objects.filter(pk=outgoing.pk).update(
                sent_at=sent_at, last_error="", sending_at=None
            )
            return
        except (OperationalError, InterfaceError) as error:
            if wait is None or transaction.get_connection().in_atomic_block:
                raise  # the claim stays: retried after MAIL_SENDING_TIMEOUT
            logger.warning("Mail %s sent, but not yet recorded as sent: %s", outgoing.pk, error)
            time.sleep(wait)
            close_old_connections()  # drops the broken connection; the next query reconnects


def _mark_failed(outgoing: OutgoingMail, error: OSError) -> None:
    OutgoingMail.objects.filter(pk=outgoing.pk).update(
        last_error=f"{type(error).__name__}: {error}"[:2000], sending_at=None, sending_by=""
    )


def send_outgoing(pk: int) -> bool:
    """Send one queued message unless it was sent already or another worker has it.
    Returns whether it is sent now. Call it outside a transaction (as the task and
    ``send_queued`` do): the claim must be committed before the mail server is contacted."""
    outgoing = _claim(pk)
    if outgoing is None:
        return False
    try:
        _as_message(outgoing).send()
    except OSError as error:  # server down or refusing (SMTPException is an OSError)
        _mark_failed(outgoing, error)
        logger.warning("Mail %s not sent (attempt %s): %s", pk, outgoing.attempts, error)
        return False
    _mark_sent(outgoing)
    return True


@task()
def deliver_mail(pk: int) -> bool:
    sent = send_outgoing(pk)
    if not sent and default_task_backend.supports_defer:
        attempts = OutgoingMail.objects.filter(pk=pk, sent_at__isnull=True).values_list(
            "attempts", flat=True
        )
        if attempts and attempts[0] < MAX_ATTEMPTS:
            delay = timedelta(minutes=2 ** attempts[0])
            deliver_mail.using(run_after=timezone.now() + delay).enqueue(pk)
    return sent


def send_queued() -> tuple[int, int]:
    """Try every unsent message that has attempts left and that nobody is sending
    (a claim older than ``MAIL_SENDING_TIMEOUT`` counts as abandoned); (sent, still
    waiting)."""
    unsent = OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    pending = unsent.filter(_may_send()).order_by("pk").values_list("pk", flat=True)
    sent = sum(send_outgoing(pk) for pk in pending)
    return sent, unsent.count()

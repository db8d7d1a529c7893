"""Templated e-mail, queued with the data it belongs to and sent by a task.

``send_after_commit`` renders the message at once (so a template error shows in the
request), stores it as an ``OutgoingMail`` row in the current transaction, and after the
commit enqueues ``deliver_mail``. If the mail server is down the row stays unsent and is
tried again: by the task itself on a worker that can defer, and by the
``send_queued_mail`` command, which a timer runs.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend, task

from cocreatie.core import ratelimit
from cocreatie.core.models import OutgoingMail

logger = logging.getLogger(__name__)

# Give up on a message after this many failed attempts (it stays visible in the admin).
MAX_ATTEMPTS = 8


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
    )
    for attachment in outgoing.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def send_outgoing(pk: int) -> bool:
    """Send one queued message unless it was sent already or another worker has it.
    Returns whether it is sent now."""
    with transaction.atomic():
        outgoing = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if outgoing is None:
            return False
        outgoing.attempts += 1
        try:
            _as_message(outgoing).send()
        except OSError as error:  # server down or refusing (SMTPException is an OSError)
            outgoing.last_error = f"{type(error).__name__}: {error}"[:2000]
            outgoing.save(update_fields=["attempts", "last_error"])
            logger.warning("Mail %s not sent (attempt %s): %s", pk, outgoing.attempts, error)
            return False
        outgoing.sent_at, outgoing.last_error = timezone.now(), ""
        outgoing.save(update_fields=["attempts", "last_error", "sent_at"])
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
    """Try every unsent message that has attempts left; (sent, still waiting)."""
    pending = OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    sent = sum(send_outgoing(pk) for pk in pending.order_by("pk").values_list("pk", flat=True))
    return sent, pending.count()

"""Templated e-mail, queued with the data it belongs to and sent by a task.

``send_after_commit`` renders the message at once (so a template error shows in the
request), stores it as an ``OutgoingMail`` row in the current transaction, and after the
commit enqueues ``deliver_mail``. If the mail server is down the row stays unsent and is
tried again: by the task itself on a worker that can defer, and by the
``send_queued_mail`` command, which a timer runs.

``queue_later`` is for the busiest paths (a registration): the transaction stores only
what the message is about (the name of a writer, ``@writer``, and the ids it needs) and
the task writes it, outside the transaction and its locks, just before sending it.

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

Every message is multipart: the plain text of ``mail/<name>.txt`` and the same text as
HTML (``html_from_text``, in ``mail/_layout.html``), or ``mail/<name>.html`` where a
template wants more structure than paragraphs and lists. Both parts hold the same links.
"""

import logging
import os
import re
import socket
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, make_msgid
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.db.utils import InterfaceError, OperationalError
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
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


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: the HTTPS link a mail program can POST to, and a mailto."""
    mailto = f"mailto:{settings.UNSUBSCRIBE_EMAIL}?subject=afmelden"
    return {
        "List-Unsubscribe": f"<{url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- The HTML part -------------------------------------------------------------------------

# Inline styles (mail programs drop <style> blocks and stylesheets), in the site's
# colours: text #1d2730 and links #0a5866 on white, both well above 4.5:1.
STYLES = {
    "p": "margin:0 0 16px;",
    "a": "color:#0a5866;text-decoration:underline;overflow-wrap:anywhere;word-break:break-word;",
    "ul": "margin:0 0 16px;padding:0 0 0 20px;",
    "li": "margin:0 0 8px;",
    "h2": "margin:24px 0 8px;font-size:18px;line-height:1.3;color:#063a44;",
    "small": "margin:0 0 16px;font-size:14px;color:#47535e;",
}

# What the text part presents as a link: an explicit http(s) address. Bare domain
# names ("voorbeeld.nl" in someone's comment) stay text in both parts.
_URL = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?'\")]"
# A line at least this long, followed by one that goes on in lower case, was wrapped
# for the plain-text reader: in HTML the sentence flows on instead of breaking there.
_WRAPPED_LINE = 60


def _trim_url(url: str) -> str:
    """Drop punctuation that ends the sentence rather than the address (but keep the
    closing bracket of an address that opened one)."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _linked(line: str) -> str:
    """One line of text, escaped, with its addresses as links."""
    parts, position = [], 0
    for match in _URL.finditer(line):
        url = _trim_url(match.group())
        parts.append(escape(line[position : match.start()]))
        parts.append(f'<a href="{escape(url)}" style="{STYLES["a"]}">{escape(url)}</a>')
        position = match.start() + len(url)
    parts.append(escape(line[position:]))
    return "".join(parts)


def _flowed(lines: list[str]) -> str:
    """Lines of one paragraph or list item: joined by a space where the text part only
    wrapped a long sentence, by a line break where the writer broke the line."""
    html = ""
    for number, line in enumerate(lines):
        if number:
            previous = lines[number - 1]
            wrapped = (
                len(previous) >= _WRAPPED_LINE
                and not previous.endswith(":")
                and line[:1].islower()
                and not line.startswith(("http://", "https://"))
            )
            html += " " if wrapped else "<br>\n"
        html += _linked(line)
    return html


def _block(lines: list[str]) -> str:
    """A block between blank lines: paragraphs, and "- item" lines (with indented
    continuation lines) as a list."""
    html, paragraph, items = [], [], []

    def flush_paragraph():
        if paragraph:
            html.append(f'<p style="{STYLES["p"]}">{_flowed(paragraph)}</p>')
            paragraph.clear()

    def flush_items():
        if items:
            rows = "".join(f'<li style="{STYLES["li"]}">{_flowed(item)}</li>' for item in items)
            html.append(f'<ul style="{STYLES["ul"]}">{rows}</ul>')
            items.clear()

    for raw in lines:
        line = raw.strip()
        if raw.startswith("- "):
            flush_paragraph()
            items.append([line[2:].strip()])
        elif items and raw[:1].isspace() and line:
            items[-1].append(line)
        elif line:
            flush_items()
            paragraph.append(line)
    flush_paragraph()
    flush_items()
    return "\n".join(html)


def html_from_text(text: str) -> SafeString:
    """The HTML of a plain-text mail: every character escaped, blank lines making
    paragraphs, line breaks kept, "- " lines as a list, addresses as links. The same
    words and the same links as the text."""
    text = text.replace("\r\n", "\n").strip()
    blocks = re.split(r"\n[ \t]*\n", text)
    html = "\n".join(filter(None, (_block(block.split("\n")) for block in blocks)))
    # List items the text spaced out with blank lines are still one list.
    return mark_safe(html.replace(f'</ul>\n<ul style="{STYLES["ul"]}">', ""))


def html_document(text: str, subject: str, context: dict | None = None) -> str:
    """A whole HTML mail (``mail/_layout.html``) around the text of a mail."""
    context = {"SITE_NAME": settings.SITE_NAME, **(context or {})}
    return render_to_string(
        "mail/_layout.html",
        {**context, "subject": subject, "content": html_from_text(text), "style": STYLES},
    )


def render_html(template: str, context: dict, text: str, subject: str) -> str:
    """``mail/<template>.html`` (extending ``mail/_layout.html``) when there is one,
    else the text in the layout."""
    try:
        html_template = get_template(f"mail/{template}.html")
    except TemplateDoesNotExist:
        return html_document(text, subject, context)
    return html_template.render({**context, "subject": subject, "style": STYLES})


# --- Rendering and queueing ---------------------------------------------------------------


def render_mail(
    template: str, context: dict, to: list[str], *, reply_to=(), attachments=(),
    unsubscribe_url: str = "",
) -> EmailMultiAlternatives:  # fmt: skip
    """``mail/<template>_subject.txt`` and ``mail/<template>.txt``, plain text in the
    active language (the request's, or a ``translation.override`` around the call), with
    the same message as HTML as an alternative (``render_html``).

    ``attachments``: (filename, text content, mimetype) triples. ``unsubscribe_url``:
    for notifications only, never for transactional mail; the templates get it as
    ``unsubscribe_url`` to show it in the footer.
    """
    context = {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "unsubscribe_url": unsubscribe_url,
        **context,
    }
    subject = " ".join(render_to_string(f"mail/{template}_subject.txt", context).split())
    subject = f"{settings.EMAIL_SUBJECT_PREFIX}{subject}"
    body = render_to_string(f"mail/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=list(reply_to),
        headers=unsubscribe_headers(unsubscribe_url) if unsubscribe_url else None,
    )
    message.attach_alternative(render_html(template, context, body, subject), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def _html_part(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", ()):
        if mimetype == "text/html":
            return content
    return ""


def _fill(outgoing: OutgoingMail, message: EmailMessage) -> None:
    """The row's copy of ``message``."""
    outgoing.to = list(message.to)
    outgoing.reply_to = list(message.reply_to)
    outgoing.subject = message.subject
    outgoing.body = message.body
    outgoing.html_body = _html_part(message)
    outgoing.headers = dict(message.extra_headers)
    outgoing.attachments = [
        {"filename": name, "content": content, "mimetype": mimetype}
        for name, content, mimetype in message.attachments
    ]


def _queued(outgoing: OutgoingMail) -> OutgoingMail:
    outgoing.save()
    # robust: the data and its mail are committed; if the task queue fails now the
    # visitor still gets the success page, and `send_queued_mail` sends the message.
    transaction.on_commit(lambda: deliver_mail.enqueue(outgoing.pk), robust=True)
    return outgoing


def queue(message: EmailMessage) -> OutgoingMail:
    """Store the message in the current transaction; send it once that commits."""
    outgoing = OutgoingMail(message_id=new_message_id())
    _fill(outgoing, message)
    return _queued(outgoing)


# Mail that anyone can make the site send (a registration, a contact form) goes to one
# address at most this many times an hour, whoever asks and from wherever.
VISITOR_MAIL_PER_HOUR = 5


def _within_visitor_limit(to: list[str], name: str) -> list[str]:
    """The addresses of ``to`` that may get one more visitor-triggered mail this hour."""
    allowed = [
        address
        for address in to
        if ratelimit.allow(
            f"visitor-mail:{address.strip().lower()}",
            limit=VISITOR_MAIL_PER_HOUR,
            period=60 * 60,
        )
    ]
    if not allowed:
        logger.info("Visitor-triggered mail %s not sent: recipient over the limit.", name)
    return allowed


def send_after_commit(
    template: str, context: dict, to: list[str], *, reply_to=(), attachments=(),
    visitor_triggered: bool = False, unsubscribe_url: str = "",
) -> OutgoingMail | None:  # fmt: skip
    """Render and queue a message. ``visitor_triggered``: anyone could have asked for it
    with somebody else's address, so each recipient gets at most
    ``VISITOR_MAIL_PER_HOUR`` of these an hour; beyond that nothing is sent."""
    to = [address for address in to if address]
    if visitor_triggered:
        to = _within_visitor_limit(to, template)
    if not to:
        return None
    return queue(
        render_mail(
            template, context, to, reply_to=reply_to, attachments=attachments,
            unsubscribe_url=unsubscribe_url,
        )
    )  # fmt: skip


# --- Written when sent -----------------------------------------------------------------------

# The functions that write a message from what ``queue_later`` stored: name -> function.
WRITERS: dict[str, Callable[..., EmailMessage | None]] = {}


def writer(name: str):
    """``@writer("sessions.registration_confirmation")``: registers a function that gets
    the stored parameters as keyword arguments and returns the message (``render_mail``),
    or ``None`` when there is nothing to send any more (the data is gone)."""

    def register(function):
        WRITERS[name] = function
        return function

    return register


def queue_later(
    name: str, params: dict, to: str, *, visitor_triggered: bool = False
) -> OutgoingMail:
    """Store a message to ``to`` that the writer ``name`` writes from ``params`` (ids,
    JSON) when it is sent, in the language of now; send it once the transaction commits.
    ``visitor_triggered``: as for ``send_after_commit``, counted when it is written."""
    outgoing = OutgoingMail(
        to=[to],
        message_id=new_message_id(),
        write_later={
            "writer": name,
            "params": params,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "visitor_triggered": visitor_triggered,
        },
    )
    return _queued(outgoing)


def _write(outgoing: OutgoingMail) -> bool:
    """Write a message queued with ``queue_later`` and store it in its row (a retry sends
    what was written the first time). False when there is nothing to send: the row is
    gone then."""
    pending = outgoing.write_later
    to = outgoing.to
    if pending.get("visitor_triggered"):
        to = _within_visitor_limit(to, pending["writer"])
    with translation.override(pending["language"]):
        message = WRITERS[pending["writer"]](**pending["params"]) if to else None
    if message is None:
        OutgoingMail.objects.filter(pk=outgoing.pk).delete()
        return False
    message.to = to
    _fill(outgoing, message)
    outgoing.write_later = {}
    outgoing.save(
        update_fields=[
            "to", "reply_to", "subject", "body", "html_body", "headers", "attachments",
            "write_later",
        ]
    )  # fmt: skip
    return True


def _as_message(outgoing: OutgoingMail) -> EmailMessage:
    """The stored message, ready for the mail server. Rows queued before mail had an
    HTML part go out as plain text, as they were made."""
    message_class = EmailMultiAlternatives if outgoing.html_body else EmailMessage
    message = message_class(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=outgoing.to,
        reply_to=outgoing.reply_to,
        headers={**outgoing.headers, "Message-ID": outgoing.message_id},
    )
    if outgoing.html_body:
        message.attach_alternative(outgoing.html_body, "text/html")
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


def _mark_failed(outgoing: OutgoingMail, error: Exception) -> None:
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
    if outgoing.write_later:
        try:
            if not _write(outgoing):
                return False
        except Exception as error:  # a bug or missing data: kept, with the error, for a retry
            logger.exception("Mail %s could not be written.", pk)
            _mark_failed(outgoing, error)
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

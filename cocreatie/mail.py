"""Templated e-mail, sent only once the surrounding transaction has committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string


def render_mail(template: str, context: dict, to: list[str]) -> EmailMessage:
    """``mail/<template>_subject.txt`` and ``mail/<template>.txt``, plain Dutch text."""
    context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.SITE_NAME, **context}
    subject = " ".join(render_to_string(f"mail/{template}_subject.txt", context).split())
    body = render_to_string(f"mail/{template}.txt", context)
    return EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def send_after_commit(template: str, context: dict, to: list[str]) -> None:
    """Build the message now (so errors show at once), send it after the commit."""
    if not [address for address in to if address]:
        return
    message = render_mail(template, context, [address for address in to if address])
    transaction.on_commit(message.send)

"""Mail from organisers to a group of participants, and what became of each mail.

A message goes to a group (``ParticipantMessage.Group``) of one session or of the whole
series. Each person gets one mail per registration, however many of their seats match,
and never once their registration is anonymised. The preview and the real mail are
rendered by the same function (``cocreatie.core.mail.render_mail``) from the same
template and context, so what the organiser checks is what is sent. Whether a mail has
gone out is read from the outbox row (``OutgoingMail``) each recipient's
``MessageDelivery`` points to.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core.actionlog import log_action
from cocreatie.core.i18n import content_label, sentence_with
from cocreatie.core.mail import MAX_ATTEMPTS, render_mail, send_after_commit
from cocreatie.core.models import OutgoingMail
from community.permissions import require_organiser
from sessions_app.models import (
    MessageDelivery,
    OrganiserVerb,
    ParticipantMessage,
    Registration,
    Seat,
    Session,
    SessionSeries,
)

TEMPLATE = "participant_message"
SUBJECT_MAX = ParticipantMessage._meta.get_field("subject").max_length
MESSAGE_MAX = 5000
# The same message to the same people again this soon is a double click, not a choice.
REPEAT_WINDOW = timedelta(minutes=2)

Group = ParticipantMessage.Group


# --- Who gets it -----------------------------------------------------------------------------


def _matching_seats(series: SessionSeries, session: Session | None, group: str) -> QuerySet:
    """The seats that put someone in ``group``. For the whole series, seats of cancelled
    sessions do not count (those people were told already); a session chosen on its own
    counts even when it is cancelled (to announce a new date, say)."""
    seats = Seat.objects.filter(session__series=series)
    if session is not None:
        seats = seats.filter(session=session)
    else:
        seats = seats.exclude(session__status=Session.Status.CANCELLED)
    if group == Group.ACTIVE:
        return seats.filter(status__in=Seat.ACTIVE)
    if group == Group.CONFIRMED:
        return seats.filter(status=Seat.Status.CONFIRMED)
    if group == Group.WAITING:
        return seats.filter(status=Seat.Status.WAITING)
    if group == Group.ATTENDED:
        return seats.attended()
    if group == Group.ABSENT:
        return seats.absent()
    raise ValidationError(_("Kies wie het bericht krijgt."))


def participant_message_recipients(
    *, series: SessionSeries, session: Session | None = None, group: str
) -> QuerySet:
    """The registrations that get the message, one per person, in name order."""
    _check_scope(series, session)
    seats = _matching_seats(series, session, group)
    return (
        Registration.objects.filter(
            series=series, anonymised_at__isnull=True, pk__in=seats.values("registration")
        )
        .exclude(email="")
        .order_by(Lower("name"), "pk")
    )


def _check_scope(series: SessionSeries, session: Session | None) -> None:
    if session is not None and session.series_id != series.pk:
        raise ValidationError(_("Kies een sessie van deze reeks."))


def recipients_description(group: str, session: Session | None) -> SafeString:
    """'Op de wachtlijst, sessie 2. Ontwerpen' / '…, alle sessies van de reeks', for a
    page (the session's title marked as Dutch)."""
    if session is not None:
        return sentence_with(
            _("%(group)s, sessie %(session)s"),
            group=Group(group).label,
            session=content_label(str(session)),
        )
    return sentence_with(_("%(group)s, alle sessies van de reeks"), group=Group(group).label)


def persons(count: int) -> str:
    return ngettext("%(count)s persoon", "%(count)s personen", count) % {"count": count}


# --- The mail --------------------------------------------------------------------------------


def _clean(subject: str, message: str, group: str) -> tuple[str, str]:
    subject, message = " ".join(subject.split()), message.strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Vul een onderwerp in.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("Het onderwerp mag maximaal %(limit_value)d tekens hebben.") % {
            "limit_value": SUBJECT_MAX
        }
    if not message:
        errors["message"] = _("Schrijf een bericht.")
    elif len(message) > MESSAGE_MAX:
        errors["message"] = _("Het bericht mag maximaal %(limit_value)d tekens hebben.") % {
            "limit_value": MESSAGE_MAX
        }
    if group not in Group.values:
        errors["group"] = _("Kies wie het bericht krijgt.")
    if errors:
        raise ValidationError(errors)
    return subject, message


def _context(
    *, registration: Registration, series: SessionSeries, session: Session | None,
    group: str, subject: str, message: str,
) -> dict:  # fmt: skip
    return {
        "registration": registration,
        "series": series,
        "session": session,
        "group": group,
        "subject": subject,
        "message": message,
    }


def participant_message_preview(
    *, series: SessionSeries, session: Session | None = None, group: str, subject: str,
    message: str, actor: AbstractUser,
) -> tuple[EmailMessage | None, int]:  # fmt: skip
    """The mail the first recipient (in name order) would get now, exactly as it would be
    sent, and how many people would get one. ``(None, 0)``: nobody is in the group."""
    require_organiser(actor)
    subject, message = _clean(subject, message, group)
    recipients = participant_message_recipients(series=series, session=session, group=group)
    first = recipients.first()
    if first is None:
        return None, 0
    context = _context(
        registration=first, series=series, session=session, group=group, subject=subject,
        message=message,
    )  # fmt: skip
    return render_mail(TEMPLATE, context, [first.email]), recipients.count()


def participant_message_send(
    *, series: SessionSeries, session: Session | None = None, group: str, subject: str,
    message: str, actor: AbstractUser,
) -> ParticipantMessage:  # fmt: skip
    """Mail ``group`` of ``session`` (or of the whole series): one mail per person, to
    whoever is in the group at this moment. Each mail is queued in the outbox; the
    message keeps a link to every one of them."""
    require_organiser(actor)
    subject, message = _clean(subject, message, group)
    _check_scope(series, session)
    with transaction.atomic():
        # One send at a time per series: a double click sends once.
        series = SessionSeries.objects.select_for_update().get(pk=series.pk)
        _refuse_repeat(series, session, group, subject, message, actor)
        recipients = list(
            participant_message_recipients(series=series, session=session, group=group)
        )
        if not recipients:
            raise ValidationError(
                _(
                    "Niemand hoort nu bij deze groep. Er is niets verstuurd: kies een andere "
                    "groep of sessie."
                )
            )
        sent = ParticipantMessage.objects.create(
            series=series,
            session=session,
            sender=actor,
            group=group,
            subject=subject,
            body=message,
            recipient_count=len(recipients),
        )
        MessageDelivery.objects.bulk_create(
            MessageDelivery(
                message=sent,
                registration=registration,
                outgoing=send_after_commit(
                    TEMPLATE,
                    _context(
                        registration=registration,
                        series=series,
                        session=session,
                        group=group,
                        subject=subject,
                        message=message,
                    ),  # fmt: skip
                    [registration.email],
                ),
            )
            for registration in recipients
        )
        log_action(
            actor=actor,
            verb=OrganiserVerb.PARTICIPANTS_MAIL,
            target=session if session is not None else series,
            target_label=f"{series.title}: {session}" if session is not None else series.title,
            message=subject,
            data={
                "message": sent.pk,
                "group": group,
                "scope": "session" if session is not None else "series",
                "recipients": len(recipients),
            },
        )
    return sent


def _refuse_repeat(series, session, group, subject, message, actor) -> None:
    earlier = (
        ParticipantMessage.objects.filter(
            series=series,
            session=session,
            group=group,
            subject=subject,
            body=message,
            sender=actor,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        )
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        at = timezone.localtime(earlier.created_at)
        raise ValidationError(
            _(
                "Je hebt dit bericht om %(time)s uur al verstuurd. Het gaat niet nog een keer "
                "weg; je vindt het bij de verstuurde berichten."
            )
            % {"time": f"{at:%H.%M}"}
        )


# --- What became of each mail ----------------------------------------------------------------


class DeliveryState:
    SENT = "sent"
    PENDING = "pending"
    RETRYING = "retrying"
    FAILED = "failed"
    UNKNOWN = "unknown"


LABELS = {
    DeliveryState.SENT: gettext_lazy("verstuurd"),
    DeliveryState.PENDING: gettext_lazy("wacht op verzending"),
    DeliveryState.RETRYING: gettext_lazy("wordt opnieuw geprobeerd"),
    DeliveryState.FAILED: gettext_lazy("mislukt"),
    DeliveryState.UNKNOWN: gettext_lazy("onbekend"),
}


@dataclass(frozen=True)
class Delivery:
    """How one recipient's mail is doing, in words for the organiser."""

    state: str
    sent_at: datetime | None = None
    attempts: int = 0
    hint: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.state]


def delivery_state(outgoing: OutgoingMail | None) -> Delivery:
    if outgoing is None:
        return Delivery(
            DeliveryState.UNKNOWN, hint=_("Deze e-mail staat niet meer in de wachtrij.")
        )
    if outgoing.sent_at is not None:
        return Delivery(DeliveryState.SENT, sent_at=outgoing.sent_at, attempts=outgoing.attempts)
    if outgoing.attempts >= MAX_ATTEMPTS:
        return Delivery(
            DeliveryState.FAILED,
            attempts=outgoing.attempts,
            hint=ngettext(
                "Na %(count)s poging opgegeven. Klopt het e-mailadres? "
                "De beheerder van de site kan de foutmelding bekijken.",
                "Na %(count)s pogingen opgegeven. Klopt het e-mailadres? "
                "De beheerder van de site kan de foutmelding bekijken.",
                outgoing.attempts,
            )
            % {"count": outgoing.attempts},
        )
    if outgoing.attempts > 0:
        return Delivery(
            DeliveryState.RETRYING,
            attempts=outgoing.attempts,
            # Dutch says "keer" for one and for more; other languages may not.
            hint=ngettext(
                "%(count)s keer niet gelukt; het wordt vanzelf opnieuw geprobeerd.",
                "%(count)s keer niet gelukt; het wordt vanzelf opnieuw geprobeerd.",
                outgoing.attempts,
            )
            % {"count": outgoing.attempts},
        )
    return Delivery(DeliveryState.PENDING)


def delivery_totals(message: ParticipantMessage) -> dict[str, int]:
    """How many mails of ``message`` are in each state, in one query."""
    unsent = Q(outgoing__isnull=False, outgoing__sent_at__isnull=True)
    return message.deliveries.aggregate(
        sent=Count("pk", filter=Q(outgoing__sent_at__isnull=False)),
        pending=Count("pk", filter=unsent & Q(outgoing__attempts=0)),
        retrying=Count(
            "pk", filter=unsent & Q(outgoing__attempts__gt=0, outgoing__attempts__lt=MAX_ATTEMPTS)
        ),
        failed=Count("pk", filter=unsent & Q(outgoing__attempts__gte=MAX_ATTEMPTS)),
        unknown=Count("pk", filter=Q(outgoing__isnull=True)),
    )

"""Who was there, and the certificate of participation ("deelnamebewijs") that follows.

An organiser ticks the participants who were present, from the start of a session. Until
14 days after its end the list can change either way; after that it can only grow: a
certificate someone may already have shown never loses hours, while a participant the
organiser forgot can still be added.

A certificate is made the first time its holder downloads it, and kept up to date with
every download and every change of attendance. It lists the sessions ticked as attended;
its code lets anyone check the name, the series and the hours.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core.pdf import fonts, pdf_language, ruled_table_style
from community.permissions import require_organiser
from sessions_app.models import Certificate, OrganiserVerb, Registration, Seat, Session
from sessions_app.services import _lock_sessions, _log

# Until this long after the end of a session, an organiser may also untick someone.
ATTENDANCE_CHANGE_WINDOW = timedelta(days=14)


NOT_STARTED = gettext_lazy(
    "Deze sessie is nog niet begonnen. Je kunt de aanwezigheid bijhouden vanaf het begin "
    "van de sessie."
)
CANCELLED = gettext_lazy("Deze sessie is afgelast. Er is geen aanwezigheid om bij te houden.")
NOT_A_PARTICIPANT = gettext_lazy(
    "Je kunt alleen deelnemers aanvinken die voor deze sessie zijn aangemeld. Laad de "
    "pagina opnieuw en probeer het nog eens."
)
LOCKED = gettext_lazy(
    "Deze sessie is meer dan 14 dagen geleden. Je kunt niemand meer afvinken, want "
    "deelnamebewijzen veranderen dan niet meer. Iemand aanvinken kan nog wel."
)
NOTHING_TO_CERTIFY = gettext_lazy("Je was nog bij geen enkele sessie aanwezig.")


# --- Attendance ------------------------------------------------------------------------------


def attendance_problem(session: Session) -> str:
    """Why attendance cannot be recorded for this session now; empty when it can."""
    if session.is_cancelled:
        return CANCELLED
    if not session.has_started:
        return NOT_STARTED
    return ""


def removals_allowed(session: Session, now: datetime | None = None) -> bool:
    """May an organiser still untick someone (until 14 days after the end)?"""
    return (now or timezone.now()) < session.ends_at + ATTENDANCE_CHANGE_WINDOW


def attendance_seats(session: Session):
    """The seats an organiser can tick: confirmed, of a registration still held."""
    return session.seats.filter(
        status=Seat.Status.CONFIRMED, registration__anonymised_at__isnull=True
    )


@dataclass
class AttendanceResult:
    present: int
    added: int
    removed: int


def _seat_pks(present: Iterable[Seat | int | str]) -> set[int]:
    pks = set()
    for item in present:
        value = item.pk if isinstance(item, Seat) else item
        try:
            pks.add(int(value))
        except (TypeError, ValueError):
            raise ValidationError(NOT_A_PARTICIPANT) from None
    return pks


@transaction.atomic
def attendance_update(
    *, session: Session, present: Iterable[Seat | int], actor: AbstractUser
) -> AttendanceResult:
    """Record who was present: the seats in ``present`` are ticked, every other confirmed
    seat of the session is unticked. The first time, the session counts as "attendance
    recorded": from then on only the ticked participants get the co-evaluation and a
    certificate. Certificates already made follow the change."""
    require_organiser(actor)
    wanted = _seat_pks(present)
    (session,) = _lock_sessions([session.pk])
    problem = attendance_problem(session)
    if problem:
        raise ValidationError(problem)
    seats = {seat.pk: seat for seat in attendance_seats(session).only("pk", "attended_at")}
    if wanted - seats.keys():
        raise ValidationError(NOT_A_PARTICIPANT)
    now = timezone.now()
    added = [pk for pk, seat in seats.items() if pk in wanted and not seat.attended]
    removed = [pk for pk, seat in seats.items() if pk not in wanted and seat.attended]
    if removed and not removals_allowed(session, now):
        raise ValidationError(LOCKED)
    Seat.objects.filter(pk__in=added).update(attended_at=now)
    Seat.objects.filter(pk__in=removed).update(attended_at=None)
    if not session.attendance_recorded:
        # Not a change visitors see: no save(), so no cached page is thrown away.
        Session.objects.filter(pk=session.pk).update(attendance_recorded_at=now)
        session.attendance_recorded_at = now
    changed = Seat.objects.filter(pk__in=added + removed).values("registration")
    _certificates_refresh(Certificate.objects.filter(registration__in=changed))
    # Counts only: the log outlives the registrations, so it names no one.
    _log(
        actor=actor,
        verb=OrganiserVerb.ATTENDANCE_UPDATE,
        session=session,
        present=len(wanted),
        added=len(added),
        removed=len(removed),
    )
    return AttendanceResult(present=len(wanted), added=len(added), removed=len(removed))


# --- Certificates ----------------------------------------------------------------------------


def attended_sessions(registration: Registration) -> list[Session]:
    """The sessions this registrant was ticked present at, in programme order."""
    seats = registration.seats.attended().select_related("session").order_by("session__order")
    return [seat.session for seat in seats]


def _minutes(sessions: Iterable[Session]) -> int:
    return sum(round(session.duration.total_seconds() / 60) for session in sessions)


def _certificates_refresh(certificates) -> None:
    """Bring the minutes of these certificates in line with the attendance."""
    certificates = list(certificates)
    if not certificates:
        return
    minutes = dict.fromkeys((c.registration_id for c in certificates), 0)
    seats = Seat.objects.filter(registration__in=minutes.keys()).attended()
    for pk, starts_at, ends_at in seats.values_list(
        "registration_id", "session__starts_at", "session__ends_at"
    ):
        minutes[pk] += round((ends_at - starts_at).total_seconds() / 60)
    now = timezone.now()
    for certificate in certificates:
        certificate.minutes, certificate.updated_at = minutes[certificate.registration_id], now
    Certificate.objects.bulk_update(certificates, ["minutes", "updated_at"])


@transaction.atomic
def certificate_issue(*, registration: Registration) -> Certificate:
    """The registrant's certificate: made the first time, brought up to date (name,
    minutes) every time. Refused while no session is ticked as attended."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    sessions = attended_sessions(registration)
    if not sessions or registration.anonymised_at is not None:
        raise ValidationError(NOTHING_TO_CERTIFY)
    minutes = _minutes(sessions)
    certificate = Certificate.objects.filter(registration=registration).first()
    if certificate is None:
        return Certificate.objects.create(
            registration=registration,
            series_id=registration.series_id,
            name=registration.name,
            minutes=minutes,
        )
    if (certificate.name, certificate.minutes) != (registration.name, minutes):
        certificate.name, certificate.minutes = registration.name, minutes
        certificate.save(update_fields=["name", "minutes", "updated_at"])
    return certificate


def hours_label(minutes: int) -> str:
    """'2 uur', '1,5 uur', '0,75 uur': hours with the decimal sign of the language
    (a comma in Dutch)."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    hours = Decimal(f"{hours:f}".rstrip("0").rstrip("."))
    # A fraction takes the plural ("1,5 hours"): only exactly one hour is singular.
    count = 1 if hours == 1 else 2
    return ngettext("%(hours)s uur", "%(hours)s uur", count) % {
        "hours": formats.number_format(hours, use_l10n=True)
    }


def duration_label(session: Session) -> str:
    """'45 minuten' under an hour, '1 uur' or '1,5 uur' from an hour on."""
    minutes = _minutes([session])
    if minutes >= 60:
        return hours_label(minutes)
    return ngettext("%(count)s minuut", "%(count)s minuten", minutes) % {"count": minutes}


def verification_url(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}{certificate.get_absolute_url()}"


def _date_label(session: Session) -> str:
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return _("%(day)s, %(start)s–%(end)s uur") % {
        "day": formats.date_format(start, "l j F Y"),
        "start": f"{start:%H.%M}",
        "end": f"{end:%H.%M}",
    }


# --- The PDF -------------------------------------------------------------------------------


def certificate_pdf(certificate: Certificate, sessions: list[Session]) -> bytes:
    """The certificate as an A4 PDF: name, series, the sessions attended with date and
    duration, the total in hours, the organisers, and how to check it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    regular, bold = fonts()
    series = certificate.series
    text = ParagraphStyle("text", fontName=regular, fontSize=11, leading=16, spaceAfter=6)
    small = ParagraphStyle("small", parent=text, fontSize=9, leading=13)
    title = ParagraphStyle("title", parent=text, fontName=bold, fontSize=26, leading=32,
                           spaceAfter=18)  # fmt: skip
    name = ParagraphStyle("name", parent=text, fontName=bold, fontSize=18, leading=24)
    cell = ParagraphStyle("cell", parent=text, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=bold)

    organisers = escape(series.organisers)
    if series.partner:
        organisers = _("%(organisers)s, met %(partner)s") % {
            "organisers": organisers,
            "partner": escape(series.partner),
        }
    rows = [[Paragraph(_("Sessie"), head), Paragraph(_("Datum"), head), Paragraph(_("Duur"), head)]]
    rows += [
        [
            Paragraph(escape(f"{session.order}. {session.title}"), cell),
            Paragraph(escape(_date_label(session)), cell),
            Paragraph(escape(duration_label(session)), cell),
        ]
        for session in sessions
    ]
    table = Table(rows, colWidths=[70 * mm, 70 * mm, 30 * mm], repeatRows=1)
    table.setStyle(ruled_table_style())
    url = verification_url(certificate)
    total = _("Totaal: %(hours)s") % {"hours": hours_label(certificate.minutes)}
    story = [
        Paragraph(_("Deelnamebewijs"), title),
        Paragraph(_("Hierbij verklaren wij dat"), text),
        Paragraph(escape(certificate.name), name),
        Paragraph(_("heeft deelgenomen aan de online sessiereeks"), text),
        Paragraph(f"<b>{escape(series.title)}</b>", text),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        Paragraph(f"<b>{total}</b>", text),
        Paragraph(_("Georganiseerd door %(organisers)s.") % {"organisers": organisers}, text),
        Spacer(1, 12 * mm),
        Paragraph(
            _("Controleer dit deelnamebewijs met de code <b>%(code)s</b> op %(link)s")
            % {
                "code": escape(certificate.code),
                "link": f'<link href="{escape(url, {chr(34): "&quot;"})}">{escape(url)}</link>',
            },
            small,
        ),
    ]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=25 * mm,
        bottomMargin=20 * mm,
        title=_("Deelnamebewijs %(series)s") % {"series": series.title},
        author=settings.SITE_NAME,
        subject=_("Deelnamebewijs voor %(name)s") % {"name": certificate.name},
        lang=pdf_language(),
    )
    document.build(story)
    return out.getvalue()

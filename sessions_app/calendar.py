"""Calendar files (RFC 5545) for sessions. They never carry the meeting link."""

import functools
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from sessions_app.models import Seat, Session

PRODID = "-//Cocreatie//Online sessies//NL"


def build_calendar(
    sessions: Iterable[Session], *, method: str = "PUBLISH", extra_sequence: dict | None = None
) -> bytes:
    """One VEVENT per session, with a stable UID, its SEQUENCE and STATUS, and the
    VTIMEZONE for Europe/Amsterdam. ``method``: PUBLISH, or CANCEL for a cancellation.
    ``extra_sequence``: per session pk, what to add to its SEQUENCE (see
    ``seats_calendar``)."""
    extra_sequence = extra_sequence or {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    now = timezone.now()
    zone = timezone.get_default_timezone()
    calendar.add_component(_vtimezone(zone.key))  # before the events that name it
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session.ics_uid)
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", f"{session.series.title}: {session.title}")
        description = [
            session.speaker and _("Met %(speaker)s.") % {"speaker": session.speaker},
            _("Online sessie."),
        ]
        description.append(
            _("De link naar de online sessie krijg je uiterlijk een dag van tevoren per e-mail.")
        )
        event.add("description", " ".join(part for part in description if part))
        event.add("location", "Online")
        event.add("url", f"{settings.SITE_URL}{session.series.get_absolute_url()}")
        event.add("sequence", session.ics_sequence + extra_sequence.get(session.pk, 0))
        cancelled = session.is_cancelled or method == "CANCEL"
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


@functools.cache
def _vtimezone(tzid: str) -> icalendar.Timezone:
    """The VTIMEZONE of ``tzid`` (1970–2038, icalendar's default span): built once per
    process, as it is the same in every file and slow to build."""
    return icalendar.Timezone.from_tzid(tzid)


def filename(session_or_series) -> str:
    if isinstance(session_or_series, Session):
        return f"sessie-{session_or_series.order}.ics"
    return f"{session_or_series.slug}.ics"


def seats_calendar(seats: Iterable[Seat], *, method: str = "PUBLISH") -> bytes:
    """A registrant's own calendar file for these seats: the SEQUENCE of each event is the
    session's plus the seat's (``Seat.calendar_sequence``), so cancelling a seat and taking
    it again always yields a newer file than the one before."""
    seats = list(seats)
    return build_calendar(
        [seat.session for seat in seats],
        method=method,
        extra_sequence={seat.session_id: seat.ics_sequence for seat in seats},
    )


# --- "Zet in je agenda" links for calendars on the web -------------------------------------
# Built from public data only: never the meeting link.

GOOGLE_URL = "https://calendar.google.com/calendar/render"
OUTLOOK_URL = "https://outlook.live.com/calendar/0/deeplink/compose"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _with_query(url: str, query: dict[str, str]) -> str:
    # Spaces as %20, not "+": not every calendar reads "+" as a space.
    return f"{url}?{urlencode(query, safe='/:', quote_via=quote)}"


def _event_text(session: Session) -> tuple[str, str]:
    """The title and the description of a session for a calendar on the web."""
    lines = [
        session.speaker and _("Met %(speaker)s.") % {"speaker": session.speaker},
        _(
            "Online sessie. De link naar de online sessie krijg je uiterlijk een dag van "
            "tevoren per e-mail, als je bent aangemeld."
        ),
        _("Programma en aanmelden: %(url)s")
        % {"url": f"{settings.SITE_URL}{session.series.get_absolute_url()}"},
    ]
    return f"{session.series.title}: {session.title}", "\n\n".join(line for line in lines if line)


def google_calendar_url(session: Session) -> str:
    title, details = _event_text(session)
    dates = "/".join(
        _utc(moment).strftime("%Y%m%dT%H%M%SZ") for moment in (session.starts_at, session.ends_at)
    )
    query = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details,
        "location": "Online",
    }
    return _with_query(GOOGLE_URL, query)


def outlook_calendar_url(session: Session) -> str:
    title, body = _event_text(session)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": _utc(session.starts_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(session.ends_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": body,
        "location": "Online",
    }
    return _with_query(OUTLOOK_URL, query)


def web_calendar_links(session: Session) -> dict[str, str]:
    """For ``sessions_app/_add_to_calendar.html``; needs ``session.series`` loaded."""
    return {"google": google_calendar_url(session), "outlook": outlook_calendar_url(session)}

"""Calendar files (RFC 5545) for sessions. They never carry the meeting link."""

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

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
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session.ics_uid)
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", f"{session.series.title}: {session.title}")
        description = [session.speaker and f"Met {session.speaker}.", "Online sessie."]
        description.append(
            "De link naar de online sessie krijg je uiterlijk een dag van tevoren per e-mail."
        )
        event.add("description", " ".join(part for part in description if part))
        event.add("location", "Online")
        event.add("url", f"{settings.SITE_URL}{session.series.get_absolute_url()}")
        event.add("sequence", session.ics_sequence + extra_sequence.get(session.pk, 0))
        cancelled = session.is_cancelled or method == "CANCEL"
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


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

"""Planning series and sessions: making a series and its sessions, changing them, and
copying a series for the next round.

When the title or the time of a session changes while people are registered or waiting,
each of them gets a mail with the new details and, for a confirmed seat, a calendar
update (same UID, higher SEQUENCE). Because that reaches people, ``session_update``
first asks for a confirmation (``ConfirmationRequired``) and only writes once it has
one.

Times are wall-clock times in the site's time zone (``TIME_ZONE``, Europe/Amsterdam):
a session at 13.30 copied a number of weeks ahead is at 13.30 again, also across a
change to or from summer time.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.actionlog import log_action
from cocreatie.core.i18n import for_member
from cocreatie.core.mail import send_after_commit
from community.permissions import require_organiser
from roadmap.models import Phase
from sessions_app import announcements, calendar, services
from sessions_app.models import MAX_CAPACITY, OrganiserVerb, Seat, Session, SessionSeries
from sessions_app.services import _log

# Slugs the public URLs already use for something else (``sessions_app/urls.py``).
RESERVED_SLUGS = frozenset({"mijn-aanmeldingen", "aanmelding"})
SLUG_LENGTH = SessionSeries._meta.get_field("slug").max_length
# The highest number ``Session.order`` can hold (a PositiveSmallIntegerField).
MAX_ORDER = 32767
MAX_COPY_WEEKS = 104
# A session further ahead than this is a typing error in the year.
MAX_AHEAD = timedelta(days=10 * 366)
URL_LENGTH = Session._meta.get_field("meeting_url").max_length


def local_zone():
    return timezone.get_default_timezone()


def local_datetime(day: date, clock: time) -> datetime:
    """The moment a date and a time on the clock in the site's time zone stand for."""
    return datetime.combine(day, clock, tzinfo=local_zone())


def shift_weeks(moment: datetime, weeks: int) -> datetime:
    """``weeks`` later on the wall clock: 13.30 stays 13.30 across a change to or from
    summer time (arithmetic on the local time, not on UTC)."""
    return moment.astimezone(local_zone()) + timedelta(weeks=weeks)


# --- Series --------------------------------------------------------------------------------

SERIES_FIELDS = (
    "title",
    "summary",
    "introduction",
    "organisers",
    "partner",
    "joining_tips",
    "is_published",
)
SERIES_REQUIRED = {
    "title": gettext_lazy("Vul een titel in."),
    "summary": gettext_lazy("Vul een korte omschrijving in."),
    "introduction": gettext_lazy("Vul een inleiding in."),
    "organisers": gettext_lazy("Vul in wie de reeks organiseert."),
}


def _max_characters(limit: int) -> str:
    return _("Maximaal %(limit_value)d tekens.") % {"limit_value": limit}


def _series_values(**fields) -> dict:
    """The series' fields, tidied and checked; raises a ``ValidationError`` per field."""
    values = {
        name: (fields[name] if name == "is_published" else fields[name].strip())
        for name in SERIES_FIELDS
    }
    values["is_published"] = bool(values["is_published"])
    errors = {name: message for name, message in SERIES_REQUIRED.items() if not values[name]}
    for name, value in values.items():
        limit = getattr(SessionSeries._meta.get_field(name), "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit and name not in errors:
            errors[name] = _max_characters(limit)
    if errors:
        raise ValidationError(errors)
    return values


def _unique_slug(title: str) -> str:
    """The address of a new series: its title in lower case with hyphens, made unique
    with -2, -3, …"""
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "reeks"
    number = 1
    while True:
        suffix = f"-{number}" if number > 1 else ""
        candidate = f"{base[: SLUG_LENGTH - len(suffix)].rstrip('-')}{suffix}"
        if (
            candidate not in RESERVED_SLUGS
            and not SessionSeries.objects.filter(slug=candidate).exists()
        ):
            return candidate
        number += 1


def _create_series(**values) -> SessionSeries:
    """Save a new series under a free address (another organiser may take the same one
    at the same moment: then the next number)."""
    for _attempt in range(5):
        series = SessionSeries(slug=_unique_slug(values["title"]), **values)
        try:
            with transaction.atomic():
                series.save()
        except IntegrityError:
            continue
        return series
    raise ValidationError(_("Het opslaan lukte niet. Probeer het nog een keer."))


def _log_series(*, actor, verb: str, series: SessionSeries, message: str = "", **data) -> None:
    """One row of the action log about ``series``; it links to the organisers' page."""
    log_action(
        actor=actor, verb=verb, target=series, target_label=series.title, message=message, data=data
    )


@transaction.atomic
def series_create(
    *,
    actor: AbstractUser,
    title: str,
    summary: str,
    introduction: str,
    organisers: str,
    partner: str = "",
    joining_tips: str = "",
    is_published: bool = False,
) -> SessionSeries:
    """A new series; its address (slug) comes from the title and never changes after."""
    require_organiser(actor)
    values = _series_values(
        title=title,
        summary=summary,
        introduction=introduction,
        organisers=organisers,
        partner=partner,
        joining_tips=joining_tips,
        is_published=is_published,
    )
    series = _create_series(**values)
    _log_series(
        actor=actor,
        verb=OrganiserVerb.SERIES_CREATE,
        series=series,
        published=series.is_published,
    )
    announcements.series_announce(series=series, actor=actor)
    return series


@transaction.atomic
def series_update(
    *,
    series: SessionSeries,
    actor: AbstractUser,
    title: str,
    summary: str,
    introduction: str,
    organisers: str,
    partner: str,
    joining_tips: str,
    is_published: bool,
) -> list[str]:
    """Change a series (not its address: links to it keep working). Returns the names
    of the fields that changed."""
    require_organiser(actor)
    values = _series_values(
        title=title,
        summary=summary,
        introduction=introduction,
        organisers=organisers,
        partner=partner,
        joining_tips=joining_tips,
        is_published=is_published,
    )
    series = SessionSeries.objects.select_for_update().get(pk=series.pk)
    changed = [name for name, value in values.items() if getattr(series, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(series, name, values[name])
    series.save()
    _log_series(
        actor=actor,
        verb=OrganiserVerb.SERIES_UPDATE,
        series=series,
        changed=changed,
        published=series.is_published,
    )
    announcements.series_announce(series=series, actor=actor)
    return changed


def _first_session(series: SessionSeries) -> Session | None:
    return series.sessions.filter(status=Session.Status.PLANNED).order_by("starts_at").first()


def copy_weeks_default(series: SessionSeries, *, today: date | None = None) -> int:
    """The fewest weeks that put the first session of the copy after today."""
    first = _first_session(series)
    if first is None:
        return 1
    today = today or timezone.localdate(timezone=local_zone())
    days_ago = (today - first.starts_at.astimezone(local_zone()).date()).days
    return min(max(1, days_ago // 7 + 1), MAX_COPY_WEEKS)


@transaction.atomic
def series_copy(
    *, series: SessionSeries, weeks: int, title: str, actor: AbstractUser
) -> SessionSeries:
    """The next round of a series: the same texts and every session that was not
    cancelled, ``weeks`` later on the clock, without registrations and without meeting
    links (each round gets new ones). The copy is not published and remembers the
    original as its ``previous`` round."""
    require_organiser(actor)
    title = title.strip()
    errors = {}
    if not title:
        errors["title"] = _("Vul een titel in.")
    elif len(title) > (limit := SessionSeries._meta.get_field("title").max_length):
        errors["title"] = _max_characters(limit)
    if not 1 <= weeks <= MAX_COPY_WEEKS:
        errors["weeks"] = _("Kies een aantal weken van 1 tot en met %(limit)s.") % {
            "limit": MAX_COPY_WEEKS
        }
    if errors:
        raise ValidationError(errors)
    sessions = list(series.sessions.filter(status=Session.Status.PLANNED).select_related("phase"))
    try:
        shifted = {
            s.pk: (shift_weeks(s.starts_at, weeks), shift_weeks(s.ends_at, weeks)) for s in sessions
        }
    except OverflowError:  # a date the calendar does not have (year 9999)
        raise ValidationError({"weeks": _("Zo ver vooruit kan een sessie niet staan.")}) from None
    now = timezone.now()
    too_early = [s for s in sessions if shifted[s.pk][0] <= now]
    if too_early:
        first = min(too_early, key=lambda s: s.starts_at)
        raise ValidationError(
            {
                "weeks": _(
                    "Met %(weeks)s weken verschuiven ligt sessie %(order)s nog in het "
                    "verleden. Kies minstens %(minimum)s weken."
                )
                % {"weeks": weeks, "order": first.order, "minimum": copy_weeks_default(series)}
            }
        )
    copy = _create_series(
        title=title,
        summary=series.summary,
        introduction=series.introduction,
        organisers=series.organisers,
        partner=series.partner,
        joining_tips=series.joining_tips,
        is_published=False,
        previous=series,
    )
    for session in sessions:
        Session.objects.create(
            series=copy,
            order=session.order,
            title=session.title,
            phase=session.phase,
            description=session.description,
            speaker=session.speaker,
            starts_at=shifted[session.pk][0],
            ends_at=shifted[session.pk][1],
            capacity=session.capacity,
            meeting_url="",
        )
    _log_series(
        actor=actor,
        verb=OrganiserVerb.SERIES_COPY,
        series=copy,
        **{"from": series.pk, "weeks": weeks, "sessions": len(sessions)},
    )
    return copy


# --- Sessions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionDetails:
    """What an organiser fills in for a session. ``order`` None: the next free number
    (only when creating)."""

    title: str
    starts_at: datetime
    ends_at: datetime
    order: int | None = None
    phase: Phase | None = None
    description: str = ""
    speaker: str = ""
    capacity: int | None = None
    meeting_url: str = ""

    @classmethod
    def of(cls, session: Session) -> "SessionDetails":
        stored = cls(**{name: getattr(session, name) for name in DETAIL_FIELDS})
        return stored.tidied()

    def as_fields(self) -> dict:
        return {name: getattr(self, name) for name in DETAIL_FIELDS}

    def tidied(self) -> "SessionDetails":
        return dataclasses.replace(
            self,
            title=self.title.strip(),
            # Line breaks come as CRLF from a browser and as LF from elsewhere.
            description=self.description.replace("\r\n", "\n").strip(),
            speaker=self.speaker.strip(),
            meeting_url=self.meeting_url.strip(),
        )


DETAIL_FIELDS = tuple(field.name for field in dataclasses.fields(SessionDetails))
TIME_FIELDS = ("starts_at", "ends_at")
ORDER_TAKEN = gettext_lazy(
    "Er is al een sessie met nummer %(order)s in deze reeks. Kies een ander nummer."
)


@dataclass(frozen=True)
class SessionChange:
    """A change to a session: before and after, and who is told about it."""

    old: SessionDetails
    new: SessionDetails
    recipients: int = 0

    @property
    def changed(self) -> list[str]:
        return [
            name for name in DETAIL_FIELDS if getattr(self.old, name) != getattr(self.new, name)
        ]

    @property
    def title_changed(self) -> bool:
        return self.old.title != self.new.title

    @property
    def time_changed(self) -> bool:
        return any(getattr(self.old, name) != getattr(self.new, name) for name in TIME_FIELDS)

    @property
    def notifies(self) -> bool:
        """A new title or time reaches the registrants: a mail, and a calendar update."""
        return self.title_changed or self.time_changed


@dataclass(frozen=True)
class SessionUpdateResult:
    session: Session
    change: SessionChange
    promoted: int = 0


class ConfirmationRequired(Exception):
    """The change reaches registrants: ask the organiser first, then call again with
    ``confirmed=True``. Nothing was written."""

    def __init__(self, change: SessionChange):
        super().__init__(f"{change.recipients} registrants would be told")
        self.change = change


_is_https_url = URLValidator(schemes=["https"])


def _meeting_url_error(url: str) -> str | None:
    if not url:
        return None
    if len(url) > URL_LENGTH:
        return _("De link mag maximaal %(limit_value)d tekens hebben.") % {
            "limit_value": URL_LENGTH
        }
    if url.lower().startswith("http://"):
        return _("Gebruik een beveiligde link: die begint met https://, niet met http://.")
    try:
        _is_https_url(url)
    except ValidationError:
        return _("Dit is geen goede link. Plak de hele link, die begint met https://.")
    return None


def _validate(
    details: SessionDetails, *, series: SessionSeries, session: Session | None = None
) -> None:
    """Every rule for a session's details. Errors are keyed by field (``starts_at`` for
    the date and start time, ``ends_at`` for the end time)."""
    errors: dict[str, str] = {}
    now = timezone.now()
    old = SessionDetails.of(session) if session else None
    if not details.title:
        errors["title"] = _("Vul een titel in.")
    if details.order is not None:
        if not 1 <= details.order <= MAX_ORDER:
            errors["order"] = _("Kies een nummer van 1 tot en met %(limit)s.") % {
                "limit": MAX_ORDER
            }
        else:
            taken = series.sessions.filter(order=details.order)
            if session is not None:
                taken = taken.exclude(pk=session.pk)
            if taken.exists():
                errors["order"] = ORDER_TAKEN % {"order": details.order}
    started = session is not None and session.has_started
    times_changed = old is None or (old.starts_at, old.ends_at) != (
        details.starts_at,
        details.ends_at,
    )
    if started and times_changed:
        errors["starts_at"] = _(
            "Deze sessie is al begonnen: de datum en de tijden kunnen niet meer veranderen."
        )
    elif times_changed:
        if details.ends_at <= details.starts_at:
            errors["ends_at"] = _("De eindtijd moet na de begintijd liggen.")
        if details.starts_at <= now:
            errors["starts_at"] = _(
                "Deze datum en tijd zijn al voorbij. Kies een moment dat nog moet komen."
            )
        elif details.starts_at > now + MAX_AHEAD:
            errors["starts_at"] = _(
                "Deze datum ligt meer dan tien jaar vooruit. Klopt het jaartal?"
            )
    if started and details.capacity != old.capacity:
        errors["capacity"] = _("Deze sessie is al begonnen: het aantal plaatsen ligt vast.")
    elif details.capacity is not None and not 1 <= details.capacity <= MAX_CAPACITY:
        errors["capacity"] = _(
            "Vul een aantal plaatsen in van 1 tot en met %(limit)s, of laat het veld "
            "leeg voor geen maximum."
        ) % {"limit": MAX_CAPACITY}
    if url_error := _meeting_url_error(details.meeting_url):
        errors["meeting_url"] = url_error
    for name in ("title", "speaker"):
        limit = Session._meta.get_field(name).max_length
        if len(getattr(details, name)) > limit and name not in errors:
            errors[name] = _max_characters(limit)
    if errors:
        raise ValidationError(errors)


def session_next_order(series: SessionSeries) -> int:
    """The number a new session gets when the organiser does not choose one."""
    highest = series.sessions.aggregate(highest=Max("order"))["highest"] or 0
    return min(highest + 1, MAX_ORDER)


def _order_taken(details: SessionDetails) -> ValidationError:
    """For the moment when another organiser took the number just before the save."""
    return ValidationError({"order": ORDER_TAKEN % {"order": details.order}})


@transaction.atomic
def session_create(
    *, series: SessionSeries, details: SessionDetails, actor: AbstractUser
) -> Session:
    """A new session in ``series``, open for registration as soon as the series is
    published."""
    require_organiser(actor)
    details = details.tidied()
    # The series row is the lock for its numbers: two sessions added at once do not both
    # take the next free one.
    series = SessionSeries.objects.select_for_update().get(pk=series.pk)
    if details.order is None:
        details = dataclasses.replace(details, order=session_next_order(series))
    _validate(details, series=series)
    session = Session(series=series, **details.as_fields())
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        raise _order_taken(details) from None
    _log(
        actor=actor,
        verb=OrganiserVerb.SESSION_CREATE,
        session=session,
        starts_at=session.starts_at.isoformat(),
        capacity=session.capacity,
    )
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    details: SessionDetails,
    actor: AbstractUser,
    confirmed: bool = False,
) -> SessionUpdateResult:
    """Change a session. A new title or time of a session to come reaches everyone
    registered or waiting: a mail with what changed and, for a confirmed seat, a
    calendar update. When there is anyone to tell and ``confirmed`` is False, raises
    ``ConfirmationRequired`` and writes nothing. A new number of seats goes through
    ``services.session_capacity_change`` (the waiting list moves up). Once a session has
    started its time and number of seats are fixed, and a new title is saved without
    mail (a correction afterwards is no news); a cancelled session does not change."""
    require_organiser(actor)
    session = Session.objects.select_for_update().select_related("series").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("Deze sessie is afgelast. Je kunt hem niet meer wijzigen."))
    details = details.tidied()
    if details.order is None:
        details = dataclasses.replace(details, order=session.order)
    _validate(details, series=session.series, session=session)
    change = SessionChange(old=SessionDetails.of(session), new=details)
    changed = change.changed
    if not changed:
        return SessionUpdateResult(session, change)
    seats = (
        list(session.seats.active().select_related("registration").order_by("pk"))
        if change.notifies and not session.has_started
        else []
    )
    change = dataclasses.replace(change, recipients=len(seats))
    if seats and not confirmed:
        raise ConfirmationRequired(change)

    for name in changed:
        if name != "capacity":
            setattr(session, name, getattr(details, name))
    try:
        with transaction.atomic():
            session.save()  # a new title or time raises the calendar SEQUENCE
    except IntegrityError:
        raise _order_taken(details) from None
    promoted = []
    if "capacity" in changed:
        promoted = services.session_capacity_change(
            session=session, capacity=details.capacity, actor=actor
        )
        session.capacity = details.capacity
    if seats:
        _mail_change(session, change, seats)
    _log(
        actor=actor,
        verb=OrganiserVerb.SESSION_UPDATE,
        session=session,
        changed=changed,
        notified=len(seats),
    )
    return SessionUpdateResult(session, change, promoted=len(promoted))


def _mail_change(session: Session, change: SessionChange, seats: list[Seat]) -> None:
    """Tell each registrant what changed, in their language; a confirmed seat gets a
    calendar update."""
    now = timezone.now()
    for seat in seats:
        seat.session = session  # the saved row, with its new SEQUENCE
        if seat.is_confirmed and change.time_changed:
            # The link goes out again before the new time (or with this mail, when that
            # is within a day).
            seat.reminder_sent_at = now if now >= session.reminder_due_at else None
            seat.save(update_fields=["reminder_sent_at"])
        with for_member(seat.registration):
            attachments = ()
            if seat.is_confirmed:
                ics = calendar.seats_calendar([seat]).decode()
                attachments = [(calendar.filename(session), ics, "text/calendar")]
            send_after_commit(
                "session_changed",
                {
                    "registration": seat.registration,
                    "session": session,
                    "seat": seat,
                    "change": change,
                },
                [seat.registration.email],
                attachments=attachments,
            )

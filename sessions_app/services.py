"""Everything that changes registrations, in one place.

Seats are counted inside a lock on the session row (``select_for_update``), so two
people can never take the last seat at the same time on PostgreSQL. Sessions are
always locked in primary-key order, so two registrations for several sessions cannot
deadlock. Mail is queued in the same transaction and sent after the commit.

Names follow ``<thing>_<verb>``. What an organiser does takes the organiser as
``actor``, checks that they may organise, and writes a row of the action log in the
same transaction as the step itself.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreatie.core import content
from cocreatie.core.actionlog import log_action
from cocreatie.core.i18n import current_language, for_member
from cocreatie.core.mail import queue_later, render_mail, send_after_commit, writer
from community.permissions import require_organiser
from sessions_app import calendar
from sessions_app.models import (
    MAX_CAPACITY,
    REMINDER_BEFORE,
    Certificate,
    Evaluation,
    OrganiserVerb,
    Registration,
    Seat,
    Session,
    SessionSeries,
    new_token,
    normalise_email,
)

# Registering again for the same sessions within this time sends no second overview.
CONFIRMATION_REPEAT_AFTER = timedelta(minutes=10)
# Invitations to the co-evaluation go out for sessions that ended this recently.
EVALUATION_WINDOW = timedelta(days=14)


def _log(*, actor, verb: str, session: Session, message: str = "", **data) -> None:
    """One row of the action log about ``session``; it links to the organisers' page."""
    log_action(
        actor=actor,
        verb=verb,
        target=session,
        target_label=f"{session.series.title}: {session}",
        message=message,
        data=data,
    )


def _lock_sessions(pks: Iterable[int]) -> list[Session]:
    return list(
        Session.objects.select_for_update()
        .filter(pk__in=list(pks))
        .select_related("series")
        .order_by("pk")
    )


def _confirmed_count(session: Session) -> int:
    return session.seats.filter(status=Seat.Status.CONFIRMED).count()


def _take_seat(seat: Seat, session: Session, now: datetime, *, has_room: bool) -> None:
    """Confirm the seat if there is room (``has_room``, counted by the caller, who holds
    the lock on ``session``), else put it on the waiting list."""
    if seat.pk is not None:
        seat.ics_sequence += 1  # taken again after cancelling: newer than the CANCEL sent
    seat.status = Seat.Status.CONFIRMED if has_room else Seat.Status.WAITING
    seat.requested_at = seat.status_changed_at = now
    if seat.is_confirmed and now >= session.reminder_due_at:
        seat.reminder_sent_at = now  # the link goes with this mail: no separate reminder


def _calendar_attachment(seats):
    """The registrant's own calendar file: their confirmed seats, each with its own
    SEQUENCE (``calendar.seats_calendar``)."""
    confirmed = [seat for seat in seats if seat.is_confirmed]
    if not confirmed:
        return ()
    return [("sessies.ics", calendar.seats_calendar(confirmed).decode(), "text/calendar")]


def _overview_seats(registration: Registration) -> list[Seat]:
    return list(
        registration.seats.with_waiting_place()
        .select_related("session__series", "session__phase")
        .order_by("session__order")
    )


def _mail_overview(registration: Registration, template: str, **context) -> None:
    """All of the registrant's seats, with their status and waiting-list place, and the
    calendar file of the confirmed ones."""
    seats = _overview_seats(registration)
    _mail_registrant(
        template, registration, {"seats": seats, **context},
        attachments=lambda: _calendar_attachment(seats),
    )  # fmt: skip


def _mail_registrant(
    template: str, registration: Registration, context: dict, *, attachments=None,
    own_request: bool = False,
) -> None:  # fmt: skip
    """A mail to the registrant: in the language of the page they are on when their own
    request sends it (``own_request``), otherwise in the language they registered in.
    ``attachments``: a callable, written in that language too."""
    with nullcontext() if own_request else for_member(registration):
        send_after_commit(
            template,
            {"registration": registration, **context},
            [registration.email],
            attachments=attachments() if attachments else (),
        )


@dataclass
class RegistrationResult:
    registration: Registration
    new_seats: list[Seat]


def registration_create(
    *,
    series: SessionSeries,
    sessions: Iterable[Session],
    name: str,
    email: str,
    organisation: str = "",
    role: str = "",
    user: AbstractUser | None = None,
) -> RegistrationResult:
    """Register for one or more sessions of a series.

    Registering again with the same address adds sessions to the existing registration
    and never duplicates a seat; the details already stored are kept (whoever types an
    address has not proven it is theirs). Either way the owner of the address gets a
    mail with their personal link, so the page can answer the same for everyone; a new
    place on a waiting list also brings a mail on what happens next. The new seats carry
    ``waiting_place`` (``None`` when confirmed).

    The transaction holds the locks on the sessions only for what needs them: count the
    seats, store the registration and its seats, queue the mails. The mails and their
    calendar file are written by the task that sends them (``mail.queue_later``).
    """
    email = normalise_email(email)
    session_pks = {session.pk for session in sessions}
    if not session_pks:
        raise ValidationError(_("Kies minstens één sessie."))
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_sessions(session_pks)
        closed = [s for s in locked if s.series_id != series.pk or not s.is_open]
        if closed or len(locked) != len(session_pks):
            raise ValidationError(
                _(
                    "Voor een of meer gekozen sessies kun je je niet meer aanmelden. "
                    "Kies opnieuw uit de sessies die nog open zijn."
                )
            )
        registration, created = _registration_for(
            series, email, name, organisation, role, user, now
        )
        existing = {}
        if not created:
            existing = {
                seat.session_id: seat for seat in registration.seats.filter(session__in=locked)
            }
        # A seat already confirmed or waiting stays as it is.
        wanted = [s for s in locked if not (s.pk in existing and existing[s.pk].is_active)]
        counts = _seat_counts(wanted)
        new_seats = []
        for session in wanted:
            seat = existing.get(session.pk) or Seat(registration=registration)
            seat.session = session  # the locked row, with its series
            confirmed, waiting = counts.get(session.pk, (0, 0))
            has_room = session.capacity is None or confirmed < session.capacity
            _take_seat(seat, session, now, has_room=has_room)
            seat.waiting_place = waiting + 1 if seat.is_waiting else None  # asked last
            new_seats.append(seat)
        retaken = [seat for seat in new_seats if seat.pk is not None]  # after cancelling
        Seat.objects.bulk_create([seat for seat in new_seats if seat.pk is None])
        if retaken:
            Seat.objects.bulk_update(retaken, TAKEN_SEAT_FIELDS)
        content.bulk_changed(new_seats)  # the seats left on the series' pages
        recently = registration.confirmation_sent_at and (
            now - registration.confirmation_sent_at < CONFIRMATION_REPEAT_AFTER
        )
        if new_seats or not recently:  # a new registration always has new seats
            params = {"registration": registration.pk, "new_seats": [s.pk for s in new_seats]}
            queue_later("sessions.registration_confirmation", params, email, visitor_triggered=True)
            if any(seat.is_waiting for seat in new_seats):  # what happens next, on its own
                queue_later("sessions.waiting_list_joined", params, email, visitor_triggered=True)
            if not created:  # a new registration was stored with the time already
                registration.confirmation_sent_at = now
                registration.save(update_fields=["confirmation_sent_at"])
    return RegistrationResult(registration, new_seats)


# What taking a seat again (after cancelling it) changes (``_take_seat``).
TAKEN_SEAT_FIELDS = [
    "status",
    "requested_at",
    "status_changed_at",
    "reminder_sent_at",
    "ics_sequence",
]


def _seat_counts(sessions: list[Session]) -> dict[int, tuple[int, int]]:
    """Per session pk: (confirmed, waiting), in one query, for the sessions with a
    capacity (in one without, every seat is confirmed). The caller holds the locks."""
    limited = [session.pk for session in sessions if session.capacity is not None]
    if not limited:
        return {}
    rows = (
        Seat.objects.filter(session__in=limited)
        .order_by()
        .values("session")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Seat.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Seat.Status.WAITING)),
        )
        .values_list("session", "confirmed", "waiting")
    )
    return {session: (confirmed, waiting) for session, confirmed, waiting in rows}


def _registration_for(
    series, email, name, organisation, role, user, now
) -> tuple[Registration, bool]:
    """The registration of ``email`` for ``series``: stored now (True), or the one that
    was there (False, its details kept). One statement for a new address: an insert
    that, when the address is registered already (the partial unique constraint),
    changes nothing and returns that row's id."""
    registration = Registration(
        series=series,
        email=email,
        name=name.strip(),
        organisation=organisation.strip(),
        role=role.strip(),
        consent_at=now,
        confirmation_sent_at=now,
        language=current_language(),
        user=user if user and normalise_email(user.email) == email else None,
    )
    pk, token = _insert_or_find(registration)
    if token != registration.token:
        return Registration.objects.get(pk=pk), False
    registration.pk = pk
    registration._state.adding = False
    return registration, True


def _insert_or_find(registration: Registration) -> tuple[int, str]:
    """``INSERT … ON CONFLICT (series, email) WHERE not anonymised DO UPDATE`` (a change
    to nothing, so that the existing row is returned too): (id, token) of the row."""
    meta = Registration._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    q = connection.ops.quote_name
    columns = ", ".join(q(field.column) for field in fields)
    values = [
        field.get_db_prep_save(field.pre_save(registration, add=True), connection)
        for field in fields
    ]
    email, series, anonymised = (
        q(meta.get_field(n).column) for n in ("email", "series", "anonymised_at")
    )
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(meta.db_table)} ({columns}) VALUES ({placeholders}) "
            f"ON CONFLICT ({series}, {email}) WHERE {anonymised} IS NULL "
            f"DO UPDATE SET {email} = excluded.{email} "
            f"RETURNING {q(meta.pk.column)}, {q(meta.get_field('token').column)}",
            values,
        )
        return cursor.fetchone()


@writer("sessions.registration_confirmation")
def _write_registration_confirmation(*, registration: int, new_seats: list[int]):
    """All of the registrant's seats as they are now, the new ones named, and the
    calendar file of the confirmed ones."""
    registration = Registration.objects.filter(pk=registration, anonymised_at__isnull=True).first()
    if registration is None:
        return None
    seats = _overview_seats(registration)
    new_seats = set(new_seats)
    new = [seat for seat in seats if seat.pk in new_seats]
    return render_mail(
        "registration_confirmation",
        {
            "registration": registration,
            "seats": seats,
            "new_seats": new,
            "waiting": [seat for seat in new if seat.is_waiting],
        },
        [registration.email],
        attachments=_calendar_attachment(seats),
    )


@writer("sessions.waiting_list_joined")
def _write_waiting_list_joined(*, registration: int, new_seats: list[int]):
    """What happens next for the new seats that are still waiting (none: no mail)."""
    waiting = list(
        Seat.objects.with_waiting_place()
        .filter(
            pk__in=new_seats,
            status=Seat.Status.WAITING,
            registration__anonymised_at__isnull=True,
        )
        .select_related("registration", "session__series", "session__phase")
        .order_by("session__order")
    )
    if not waiting:
        return None
    registration = waiting[0].registration
    return render_mail(
        "waiting_list_joined",
        {"registration": registration, "waiting": waiting},
        [registration.email],
    )


def seat_cancel(
    *, seat: Seat, actor: AbstractUser | None = None, notify: bool = True
) -> Seat | None:
    """Cancel one seat: by the registrant (no ``actor``), or by an organiser (``actor``,
    logged). A freed seat goes to the first on the waiting list, who is told by e-mail.
    Returns the promoted seat, if any."""
    if actor is not None:
        require_organiser(actor)
    with transaction.atomic():
        (session,) = _lock_sessions([seat.session_id])
        seat = Seat.objects.select_related("registration").get(pk=seat.pk)
        if not seat.is_active:
            return None
        if session.has_started:
            raise ValidationError(_("Deze sessie is al begonnen. Afmelden kan niet meer."))
        was_confirmed = seat.is_confirmed
        seat.session = session  # the locked row: its SEQUENCE is current
        seat.status, seat.status_changed_at = Seat.Status.CANCELLED, timezone.now()
        seat.ics_sequence += 1  # the CANCEL must be newer than the file sent before
        seat.save(update_fields=["status", "status_changed_at", "ics_sequence"])
        if notify:
            _mail_cancelled_seat(seat, session, by_registrant=actor is None)
        promoted = _promote_waiting(session) if was_confirmed else []
        if actor is not None:
            # The seat's number, never the registrant's name or address: the log outlives
            # the registration.
            _log(
                actor=actor,
                verb=OrganiserVerb.SEAT_CANCEL,
                session=session,
                seat=seat.pk,
                was_confirmed=was_confirmed,
                promoted=len(promoted),
            )
        return promoted[0] if promoted else None


def _mail_cancelled_seat(seat: Seat, session: Session, *, by_registrant: bool) -> None:
    _mail_registrant(
        "seat_cancelled", seat.registration, {"session": session},
        attachments=lambda: [
            (
                calendar.filename(session),
                calendar.seats_calendar([seat], method="CANCEL").decode(),
                "text/calendar",
            )
        ],
        own_request=by_registrant,
    )  # fmt: skip


def _promote_waiting(session: Session) -> list[Seat]:
    """Fill free seats from the waiting list, first come first served (no maximum:
    everyone waiting). The caller holds the lock on ``session``. Returns the promoted
    seats, in order."""
    if session.is_cancelled or session.has_started:
        return []
    waiting = (
        session.seats.filter(status=Seat.Status.WAITING)
        .select_related("registration")
        .order_by("requested_at", "pk")
    )
    if session.capacity is not None:
        free = session.capacity - _confirmed_count(session)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for seat in promoted:
        now = timezone.now()
        seat.status, seat.status_changed_at = Seat.Status.CONFIRMED, now
        seat.ics_sequence += 1  # the calendar file in the mail replaces any earlier one
        if now >= session.reminder_due_at:
            seat.reminder_sent_at = now
        seat.save(update_fields=["status", "status_changed_at", "reminder_sent_at", "ics_sequence"])
        _mail_overview(seat.registration, "seat_promoted", session=session, seat=seat)
    return promoted


# --- What organisers do ----------------------------------------------------------------------


def session_cancel(*, session: Session, message: str, actor: AbstractUser) -> int:
    """The organiser cancels a session: everyone registered or waiting is told, with a
    calendar update (same UID, higher SEQUENCE, STATUS:CANCELLED). Returns how many."""
    require_organiser(actor)
    message = message.strip()
    if not message:
        raise ValidationError(_("Schrijf een bericht voor de deelnemers."))
    with transaction.atomic():
        (session,) = _lock_sessions([session.pk])
        if session.is_cancelled:
            raise ValidationError(_("Deze sessie is al afgelast."))
        if session.has_started:
            raise ValidationError(
                _("Deze sessie is al begonnen of voorbij: afgelasten kan niet meer.")
            )
        session.status = Session.Status.CANCELLED  # saving raises the calendar SEQUENCE
        session.save(update_fields=["status", "updated_at"])
        seats = list(session.seats.active().select_related("registration"))
        for seat in seats:
            seat.session = session  # with the SEQUENCE its save just raised
            # Each registrant's own SEQUENCE: higher than any file they were sent before.
            _mail_registrant(
                "session_cancelled", seat.registration, {"session": session, "message": message},
                attachments=lambda seat=seat: [
                    (
                        calendar.filename(session),
                        calendar.seats_calendar([seat], method="CANCEL").decode(),
                        "text/calendar",
                    )
                ],
            )  # fmt: skip
        _log(
            actor=actor,
            verb=OrganiserVerb.SESSION_CANCEL,
            session=session,
            message=message,
            recipients=len(seats),
        )
    return len(seats)


def session_capacity_change(
    *, session: Session, capacity: int | None, actor: AbstractUser
) -> list[Seat]:
    """The organiser sets the number of seats (``None``: no maximum). The waiting list
    moves up as far as there is room, in the order people asked, each told by e-mail;
    lowering it below the number confirmed takes no one's seat away. Returns the
    promoted seats."""
    require_organiser(actor)
    if capacity is not None and capacity < 0:
        raise ValidationError(_("Het aantal plaatsen kan niet negatief zijn."))
    if capacity is not None and capacity > MAX_CAPACITY:
        raise ValidationError(
            _("Zoveel plaatsen heeft geen online sessie: maximaal %(limit_value)s.")
            % {"limit_value": MAX_CAPACITY}
        )
    with transaction.atomic():
        (session,) = _lock_sessions([session.pk])
        if session.is_cancelled:
            raise ValidationError(
                _("Deze sessie is afgelast: het aantal plaatsen kan niet meer veranderen.")
            )
        if session.has_started:
            raise ValidationError(
                _(
                    "Deze sessie is al begonnen of voorbij: het aantal plaatsen kan niet meer "
                    "veranderen."
                )
            )
        old = session.capacity
        session.capacity = capacity
        session.save(update_fields=["capacity", "updated_at"])
        promoted = _promote_waiting(session)
        _log(
            actor=actor,
            verb=OrganiserVerb.SESSION_CAPACITY_CHANGE,
            session=session,
            old_capacity=old,
            new_capacity=capacity,
            promoted=len(promoted),
        )
    return promoted


# --- Scheduled work: reminders and co-evaluation invitations -----------------------------

BATCH = 200


def reminders_send(*, now: datetime | None = None) -> int:
    """Mail the meeting link to every confirmed participant of a session that starts
    within the next 24 hours, once. Safe to run twice at the same time: each run takes
    the seats it can lock and skips the ones another run holds."""
    now = now or timezone.now()
    due = Seat.objects.filter(
        status=Seat.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status=Session.Status.PLANNED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + REMINDER_BEFORE,
    )
    return _process_in_batches(due, _send_reminder, now)


def _send_reminder(seat: Seat, now: datetime) -> None:
    seat.reminder_sent_at = now
    seat.save(update_fields=["reminder_sent_at"])
    _mail_registrant("session_reminder", seat.registration, {"session": seat.session, "seat": seat})


# Invitations wait this long after the end, so the organiser can tick who was there first.
EVALUATION_DELAY = timedelta(minutes=30)
# One reminder, this long after the invitation, to whoever has not answered.
EVALUATION_REMINDER_AFTER = timedelta(days=3)


def evaluation_invitations_send(*, now: datetime | None = None) -> int:
    """After a session: invite its participants to the short co-evaluation, once. From
    half an hour after the end (time to record attendance) until 14 days after; to the
    seats ticked as attended, or to everyone confirmed if nobody recorded attendance."""
    now = now or timezone.now()
    due = Seat.objects.present_as_far_as_known().filter(
        status=Seat.Status.CONFIRMED,
        evaluation_invited_at__isnull=True,
        session__status=Session.Status.PLANNED,
        session__ends_at__lte=now - EVALUATION_DELAY,
        session__ends_at__gt=now - EVALUATION_WINDOW,
        registration__anonymised_at__isnull=True,
    )
    return _process_in_batches(due, _send_evaluation_invitation, now)


def _send_evaluation_invitation(seat: Seat, now: datetime) -> None:
    seat.evaluation_invited_at = now
    seat.save(update_fields=["evaluation_invited_at"])
    _mail_registrant("evaluation_invitation", seat.registration, {"session": seat.session})


def evaluation_reminders_send(*, now: datetime | None = None) -> int:
    """Three days after the invitation, remind whoever was there and has not answered,
    once (and not for sessions longer ago than the invitations' window plus those days)."""
    now = now or timezone.now()
    due = Seat.objects.present_as_far_as_known().filter(
        ~Exists(Evaluation.objects.filter(seat=OuterRef("pk"))),
        status=Seat.Status.CONFIRMED,
        evaluation_invited_at__lte=now - EVALUATION_REMINDER_AFTER,
        evaluation_reminded_at__isnull=True,
        session__status=Session.Status.PLANNED,
        session__ends_at__gt=now - EVALUATION_WINDOW - EVALUATION_REMINDER_AFTER,
        registration__anonymised_at__isnull=True,
    )
    return _process_in_batches(due, _send_evaluation_reminder, now)


def _send_evaluation_reminder(seat: Seat, now: datetime) -> None:
    seat.evaluation_reminded_at = now
    seat.save(update_fields=["evaluation_reminded_at"])
    _mail_registrant("evaluation_reminder", seat.registration, {"session": seat.session})


def _process_in_batches(queryset, handle, now: datetime) -> int:
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                queryset.select_for_update(skip_locked=True, of=("self",))
                .select_related("registration", "session__series")
                .order_by("pk")[:BATCH]
            )
            for seat in batch:
                handle(seat, now)
        done += len(batch)
        if len(batch) < BATCH:
            return done


# --- Co-evaluation -------------------------------------------------------------------------


def evaluation_create(*, seat: Seat, score: int, keep: str = "", improve: str = "") -> Evaluation:
    with transaction.atomic():
        seat = Seat.objects.select_for_update().select_related("session").get(pk=seat.pk)
        if not seat.was_attended:
            raise ValidationError(_("Je kunt alleen een sessie beoordelen waar je bij was."))
        if Evaluation.objects.filter(seat=seat).exists():
            raise ValidationError(_("Je hebt deze sessie al beoordeeld. Dank je wel!"))
        evaluation = Evaluation(
            session=seat.session, seat=seat, score=score, keep=keep.strip(), improve=improve.strip()
        )
        evaluation.full_clean()
        evaluation.save()
        return evaluation


# --- Privacy ---------------------------------------------------------------------------


def registrations_purge(*, older_than_days: int, now: datetime | None = None) -> int:
    """Anonymise the registrations of series whose last session ended more than
    ``older_than_days`` ago. Co-evaluation answers stay, without a link to a person."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    series = SessionSeries.objects.with_dates().filter(last_end__lt=cutoff)
    registrations = Registration.objects.filter(series__in=series, anonymised_at__isnull=True)
    count = 0
    with transaction.atomic():
        for registration in registrations.select_for_update():
            _anonymise(registration, now)
            count += 1
    return count


def _anonymise(registration: Registration, now: datetime) -> None:
    Evaluation.objects.filter(seat__registration=registration).update(seat=None)
    registration.name, registration.email = "Verwijderd", ""
    registration.organisation = registration.role = ""
    registration.user, registration.token = None, new_token()
    registration.anonymised_at = now
    registration.save()


# --- A member's own data (account export and deletion) -----------------------------------


def member_export(*, user: AbstractUser) -> dict:
    def stamp(value):
        return value.isoformat() if value else None

    registrations = (
        Registration.objects.of_member(user)
        .select_related("series", "certificate")
        .prefetch_related("seats__session")
    )
    return {
        "session_registrations": [
            {
                "series": registration.series.title,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation,
                "role": registration.role,
                "consent_at": stamp(registration.consent_at),
                "sessions": [
                    {
                        "session": seat.session.title,
                        "starts_at": stamp(seat.session.starts_at),
                        "status": seat.status,
                        "attended_at": stamp(seat.attended_at),
                    }
                    for seat in registration.seats.all()
                ],
                "certificate": (
                    {
                        "code": registration.certificate.code,
                        "name": registration.certificate.name,
                        "minutes": registration.certificate.minutes,
                    }
                    if hasattr(registration, "certificate")
                    else None
                ),
            }
            for registration in registrations
        ]
    }


def member_forget(*, user: AbstractUser) -> None:
    """When a member deletes their account: give up their seats in sessions to come
    (the waiting list moves up), delete their certificates of participation and
    anonymise their registrations."""
    now = timezone.now()
    for registration in Registration.objects.of_member(user):
        for seat in registration.seats.active().filter(session__starts_at__gt=now):
            seat_cancel(seat=seat, notify=False)
        with transaction.atomic():
            Certificate.objects.filter(registration=registration).delete()
            _anonymise(Registration.objects.select_for_update().get(pk=registration.pk), now)

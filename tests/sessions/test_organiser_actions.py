"""What organisers change and how the site follows: the number of seats (the waiting
list moves up), cancelling a session from the admin, signing one registrant off, the
admin that cannot bypass those rules, and the action log that records each step."""

import re
from datetime import timedelta

import icalendar
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import ActionLog
from sessions_app import services
from sessions_app.models import OrganiserVerb, Seat, Session
from tests.community.factories import AdminFactory, ModeratorFactory, VerifiedUserFactory
from tests.sessions.factories import (
    SeriesFactory,
    SessionFactory,
)
from tests.sessions.factories import (
    seat_for as seat,
)

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING, CANCELLED = Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.CANCELLED
PROMOTED_SUBJECT = "Er is een plaats vrij"


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def organiser(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def admin_user():
    admin = AdminFactory()
    TOTP.activate(admin, generate_totp_secret())
    return admin


@pytest.fixture
def superuser(client, admin_user):
    client.force_login(admin_user)
    return client


def waiting_list(session) -> list[str]:
    """Four people waiting, created in another order than they asked; "wim" and "willem"
    asked at the same moment, and then the seat made first goes first. Returns the names
    in the order they are served."""
    start = timezone.now() - timedelta(hours=3)
    asked = {"wendy": start, "walter": start + timedelta(minutes=10)}
    asked["wim"] = asked["willem"] = start + timedelta(minutes=20)
    for name in ("walter", "wim", "wendy", "willem"):
        seat(session, WAITING, asked[name], name=name, email=f"{name}@example.org")
    return ["wendy", "walter", "wim", "willem"]


def statuses(session) -> dict[str, str]:
    return dict(session.seats.values_list("registration__name", "status"))


def promoted_to(outbox) -> list[str]:
    return [m.to[0].split("@")[0] for m in outbox if PROMOTED_SUBJECT in m.subject]


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def session_page(session) -> str:
    return reverse("sessions:organiser_session", args=[session.pk])


def action_url(session, action):
    return reverse("sessions:organiser_session_action", args=[session.pk, action])


def changelist_action(client, action, session, *, apply=True, **data):
    """Choose ``action`` for ``session`` in the admin's list; ``apply``: and submit its
    form (else: the page with the form)."""
    return client.post(
        reverse("admin:sessions_app_session_changelist"),
        {
            "action": action,
            "_selected_action": [session.pk],
            **({"apply": "1"} if apply else {}),
            **data,
        },
    )


def log_of(session, verb):
    return ActionLog.objects.for_target(session).filter(verb=verb)


# --- The number of seats ----------------------------------------------------------------------


@pytest.fixture
def full_session():
    """Two seats, both taken, and four people waiting."""
    session = SessionFactory(title="Ontwerpen", capacity=2)
    seat(session, name="anouk", email="anouk@example.org")
    seat(session, name="bart", email="bart@example.org")
    return session, waiting_list(session)


def test_more_seats_promote_the_first_waiting_in_order_with_the_promotion_mail(
    full_session, moderator, django_capture_on_commit_callbacks
):
    session, line = full_session

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.session_capacity_change(session=session, capacity=4, actor=moderator)

    assert [s.registration.name for s in promoted] == line[:2]
    now = statuses(session)
    assert [name for name in line if now[name] == CONFIRMED] == line[:2]
    assert [name for name in line if now[name] == WAITING] == line[2:]
    assert now["anouk"] == now["bart"] == CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{n}@example.org" for n in line[:2])
    for message in mail.outbox:
        assert PROMOTED_SUBJECT in message.subject
        assert "Ontwerpen" in message.body and "bent nu" in message.body
    session.refresh_from_db()
    assert session.capacity == 4


def test_no_maximum_promotes_everyone_waiting(
    full_session, moderator, django_capture_on_commit_callbacks
):
    session, line = full_session

    with django_capture_on_commit_callbacks(execute=True):
        services.session_capacity_change(session=session, capacity=None, actor=moderator)

    assert set(statuses(session).values()) == {CONFIRMED}
    assert sorted(promoted_to(mail.outbox)) == sorted(line)
    # And the next person to register is confirmed straight away, not put on a frozen list.
    with django_capture_on_commit_callbacks(execute=True):
        result = services.registration_create(
            series=session.series, sessions=[session], name="Laat", email="laat@example.org"
        )
    assert result.new_seats[0].status == CONFIRMED


def test_a_freed_seat_without_maximum_goes_to_whoever_still_waits(
    moderator, django_capture_on_commit_callbacks
):
    """Waiting seats left over from a limit that was lifted directly in the database."""
    session = SessionFactory(capacity=None)
    leaving = seat(session, name="anouk", email="anouk@example.org")
    line = waiting_list(session)

    with django_capture_on_commit_callbacks(execute=True):
        services.seat_cancel(seat=leaving)

    assert sorted(promoted_to(mail.outbox)) == sorted(line)


def test_fewer_seats_than_confirmed_takes_no_seat_away(
    full_session, moderator, django_capture_on_commit_callbacks
):
    session, line = full_session

    with django_capture_on_commit_callbacks(execute=True):
        services.session_capacity_change(session=session, capacity=1, actor=moderator)
        # Someone confirmed leaves: still more confirmed than seats, so nobody moves up.
        services.seat_cancel(seat=session.seats.get(registration__name="anouk"))

    now = statuses(session)
    assert now["bart"] == CONFIRMED and now["anouk"] == CANCELLED
    assert all(now[name] == WAITING for name in line)
    assert promoted_to(mail.outbox) == []


@pytest.mark.parametrize(
    ("make_session", "capacity", "error"),
    [
        (lambda: SessionFactory(capacity=2), -1, "kan niet negatief zijn"),
        (lambda: SessionFactory(capacity=2, status=Session.Status.CANCELLED), 5, "afgelast"),
        (
            lambda: SessionFactory(
                capacity=2,
                starts_at=timezone.now() - timedelta(minutes=5),
                ends_at=timezone.now() + timedelta(minutes=55),
            ),
            5,
            "al begonnen",
        ),
    ],
    ids=["negative", "cancelled", "started"],
)
def test_the_capacity_cannot_change_when_it_makes_no_sense(
    moderator, make_session, capacity, error, django_capture_on_commit_callbacks
):
    session = make_session()
    seat(session)
    seat(session, WAITING)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as raised:
        services.session_capacity_change(session=session, capacity=capacity, actor=moderator)

    assert error in " ".join(raised.value.messages)
    session.refresh_from_db()
    assert session.capacity == 2
    assert session.seats.filter(status=WAITING).count() == 1
    assert not mail.outbox and not log_of(session, OrganiserVerb.SESSION_CAPACITY_CHANGE).exists()


def test_only_organisers_change_the_capacity(full_session):
    session, _ = full_session

    with pytest.raises(PermissionDenied):
        services.session_capacity_change(session=session, capacity=10, actor=VerifiedUserFactory())

    session.refresh_from_db()
    assert session.capacity == 2


def test_the_capacity_changes_inside_the_session_lock(full_session, moderator, monkeypatch):
    """The same lock as registrations: a sign-up cannot count seats half-way a change."""
    session, _ = full_session
    locked = []
    lock = services._lock_sessions

    def spy(pks):
        locked.append((list(pks), transaction.get_connection().in_atomic_block))
        return lock(pks)

    monkeypatch.setattr(services, "_lock_sessions", spy)

    services.session_capacity_change(session=session, capacity=3, actor=moderator)

    assert locked == [([session.pk], True)]


def test_the_organiser_changes_the_capacity_on_the_session_page(
    organiser, full_session, django_capture_on_commit_callbacks
):
    session, line = full_session
    html = page(organiser, session_page(session))
    assert re.search(r'<input[^>]*name="plaatsen-capacity"[^>]*value="2"', html)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(action_url(session, "plaatsen"), {"plaatsen-capacity": "3"})

    assert response.status_code == 302 and response["Location"] == session_page(session)
    assert promoted_to(mail.outbox) == line[:1]
    after = page(organiser, response["Location"])
    assert "Het aantal plaatsen is nu 3. 1 deelnemer van de wachtlijst" in after
    assert "3 aangemeld van 3, 3 op de wachtlijst" in after


def test_a_wrong_number_of_seats_gets_a_dutch_message_and_changes_nothing(organiser, full_session):
    session, _ = full_session

    response = organiser.post(action_url(session, "plaatsen"), {"plaatsen-capacity": "-3"})

    assert response.status_code == 200
    assert "Het aantal plaatsen kan niet negatief zijn." in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 2 and not mail.outbox


def test_the_admin_action_changes_the_capacity_and_promotes_in_order(
    superuser, full_session, django_capture_on_commit_callbacks
):
    session, line = full_session
    intermediate = changelist_action(superuser, "change_capacity", session, apply=False)
    assert intermediate.status_code == 200
    assert '<label for="id_capacity">Aantal plaatsen:</label>' in intermediate.content.decode()
    assert statuses(session)[line[0]] == WAITING  # nothing happens before the form is sent

    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(superuser, "change_capacity", session, capacity="5")

    assert response.status_code == 302
    now = statuses(session)
    assert [name for name in line if now[name] == CONFIRMED] == line[:3]
    assert now[line[3]] == WAITING
    assert sorted(promoted_to(mail.outbox)) == sorted(line[:3])
    session.refresh_from_db()
    assert session.capacity == 5


def test_the_admin_action_with_an_empty_number_lifts_the_maximum(
    superuser, full_session, django_capture_on_commit_callbacks
):
    session, line = full_session

    with django_capture_on_commit_callbacks(execute=True):
        changelist_action(superuser, "change_capacity", session, capacity="")

    session.refresh_from_db()
    assert session.capacity is None
    assert set(statuses(session).values()) == {CONFIRMED}
    assert sorted(promoted_to(mail.outbox)) == sorted(line)


# --- Cancelling a session from the admin ---------------------------------------------------


def calendar_event(message) -> icalendar.Event:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    (event,) = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")
    return event


def test_cancelling_in_the_admin_sends_everyone_a_calendar_cancellation(
    superuser, admin_user, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Testen", capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("anna", "bram", "wout"):  # wout ends up on the waiting list
            services.registration_create(
                series=session.series, sessions=[session], name=name, email=f"{name}@example.org"
            )
    confirmations = {m.to[0]: calendar_event(m) for m in mail.outbox if m.attachments}
    assert sorted(confirmations) == ["anna@example.org", "bram@example.org"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(
            superuser, "cancel_sessions", session, message="De gast is ziek."
        )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["anna@example.org", "bram@example.org", "wout@example.org"]
    for address, message in by_address.items():
        assert "De gast is ziek." in message.body
        event = calendar_event(message)
        assert str(event["UID"]) == session.ics_uid
        assert str(event["STATUS"]) == "CANCELLED"
        if address in confirmations:
            assert str(event["UID"]) == str(confirmations[address]["UID"])
            assert int(event["SEQUENCE"]) > int(confirmations[address]["SEQUENCE"])
    (entry,) = log_of(session, OrganiserVerb.SESSION_CANCEL)
    assert entry.actor == admin_user
    assert entry.message == "De gast is ziek." and entry.data == {"recipients": 3}


def test_cancelling_in_the_admin_asks_for_the_message_first(superuser):
    session = SessionFactory()
    seat(session)

    response = changelist_action(superuser, "cancel_sessions", session, message="")

    assert response.status_code == 200
    assert "Schrijf een bericht voor de deelnemers." in response.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED and not mail.outbox


# --- The admin cannot bypass the rules -----------------------------------------------------------


def admin_session_form(session, **changes) -> dict:
    local = [timezone.localtime(moment) for moment in (session.starts_at, session.ends_at)]
    return {
        "series": session.series_id,
        "order": session.order,
        "title": session.title,
        "phase": "",
        "description": session.description,
        "speaker": session.speaker,
        "starts_at_0": f"{local[0]:%Y-%m-%d}",
        "starts_at_1": f"{local[0]:%H:%M:%S}",
        "ends_at_0": f"{local[1]:%Y-%m-%d}",
        "ends_at_1": f"{local[1]:%H:%M:%S}",
        "capacity": session.capacity if session.capacity is not None else "",
        "meeting_url": session.meeting_url,
        **changes,
    }


def test_the_admin_change_form_cannot_change_status_or_capacity(
    superuser, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    seat(session)
    seat(session, WAITING)
    url = reverse("admin:sessions_app_session_change", args=[session.pk])
    html = page(superuser, url)
    assert re.search(r'<input[^>]*name="capacity"[^>]*disabled', html)
    assert 'name="status"' not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser.post(
            url, admin_session_form(session, capacity="10", status="cancelled", title="Nieuw")
        )

    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.title == "Nieuw"
    assert (session.capacity, session.status) == (1, Session.Status.PLANNED)
    assert session.seats.filter(status=WAITING).count() == 1
    assert not mail.outbox


def test_the_series_page_in_the_admin_cannot_change_status_or_capacity_of_a_session(superuser):
    series = SeriesFactory()
    session = SessionFactory(series=series, order=1, capacity=1)
    url = reverse("admin:sessions_app_sessionseries_change", args=[series.pk])
    inline = admin_session_form(session, capacity="10", status="cancelled")
    del inline["series"]
    data = {
        "title": series.title,
        "slug": series.slug,
        "summary": series.summary,
        "introduction": series.introduction,
        "organisers": series.organisers,
        "joining_tips": series.joining_tips,
        "is_published": "on",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "1",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-id": session.pk,
        "sessions-0-series": series.pk,
        **{f"sessions-0-{key}": value for key, value in inline.items()},
        # A new session on the same page: its number of seats can be set.
        "sessions-1-series": series.pk,
        **{
            f"sessions-1-{key}": value
            for key, value in admin_session_form(
                session, order=2, title="Nieuwe sessie", capacity="30", status="cancelled"
            ).items()
            if key != "series"
        },
    }

    response = superuser.post(url, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"]
    session.refresh_from_db()
    assert (session.capacity, session.status) == (1, Session.Status.PLANNED)
    new = series.sessions.get(order=2)
    assert (new.capacity, new.status) == (30, Session.Status.PLANNED)


def test_a_new_session_in_the_admin_gets_its_number_of_seats(superuser):
    template = SessionFactory.build(series=SeriesFactory(), order=1, capacity=25)

    response = superuser.post(
        reverse("admin:sessions_app_session_add"), admin_session_form(template, capacity="25")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Session.objects.get(title=template.title).capacity == 25


# --- Signing one registrant off --------------------------------------------------------------


def test_the_organiser_signs_a_registrant_off_and_the_waiting_list_moves_up(
    organiser, moderator, full_session, django_capture_on_commit_callbacks
):
    session, line = full_session
    leaving = session.seats.get(registration__name="anouk")
    html = page(organiser, session_page(session))
    button = reverse("sessions:organiser_seat_cancel", args=[session.pk, leaving.pk])
    assert f'action="{button}"' in html
    assert 'Afmelden<span class="visually-hidden"> anouk</span>' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(button)

    assert response.status_code == 302 and response["Location"] == session_page(session)
    now = statuses(session)
    assert now["anouk"] == CANCELLED and now[line[0]] == CONFIRMED
    (gone,) = [m for m in mail.outbox if m.to == ["anouk@example.org"]]
    assert gone.subject.endswith("Je bent afgemeld voor Ontwerpen")
    assert str(calendar_event(gone)["STATUS"]) == "CANCELLED"
    assert promoted_to(mail.outbox) == line[:1]
    after = page(organiser, response["Location"])
    assert f"anouk is afgemeld en krijgt een e-mail. {line[0]} van de wachtlijst" in after
    (entry,) = log_of(session, OrganiserVerb.SEAT_CANCEL)
    assert entry.actor == moderator
    assert entry.data == {"seat": leaving.pk, "was_confirmed": True, "promoted": 1}
    assert "anouk" not in f"{entry.target_label} {entry.message} {entry.data}"


def test_there_is_no_sign_off_button_once_the_session_has_started(organiser):
    started = SessionFactory(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(minutes=55),
    )
    registrant = seat(started)

    html = page(organiser, session_page(started))
    response = organiser.post(
        reverse("sessions:organiser_seat_cancel", args=[started.pk, registrant.pk])
    )

    assert "/afmelden/" not in html
    assert "al begonnen" in page(organiser, response["Location"])
    registrant.refresh_from_db()
    assert registrant.status == CONFIRMED


def test_the_organisers_page_has_unique_ids_for_all_its_forms(organiser, full_session):
    session, _ = full_session

    html = page(organiser, session_page(session))

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for field in ("afgelasten-message", "plaatsen-capacity"):
        assert f'<label class="form-field__label" for="id_{field}">' in html


# --- The action log --------------------------------------------------------------------------


def test_every_organiser_step_is_in_the_action_log_with_who_did_it(
    organiser, moderator, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    first = seat(session, name="Eerste", email="eerste@example.org")
    seat(session, WAITING, name="Tweede", email="tweede@example.org")
    seat(session, CANCELLED, name="Weg", email="weg@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        organiser.get(reverse("sessions:organiser_export", args=[session.pk]))
        organiser.post(action_url(session, "plaatsen"), {"plaatsen-capacity": "4"})
        organiser.post(reverse("sessions:organiser_seat_cancel", args=[session.pk, first.pk]))
        organiser.post(action_url(session, "afgelasten"), {"afgelasten-message": "Gaat niet door."})

    entries = list(ActionLog.objects.for_target(session).order_by("id"))
    assert [(e.verb, e.actor) for e in entries] == [
        (OrganiserVerb.REGISTRATIONS_EXPORT, moderator),
        (OrganiserVerb.SESSION_CAPACITY_CHANGE, moderator),
        (OrganiserVerb.SEAT_CANCEL, moderator),
        (OrganiserVerb.SESSION_CANCEL, moderator),
    ]
    export, capacity, signed_off, cancelled = entries
    assert export.data == {"rows": 3}
    assert capacity.data == {"old_capacity": 1, "new_capacity": 4, "promoted": 1}
    assert signed_off.data["seat"] == first.pk
    assert cancelled.message == "Gaat niet door." and cancelled.data == {"recipients": 1}
    logged = " ".join(f"{e.target_label} {e.message} {e.data}" for e in entries)
    for address in ("eerste@example.org", "tweede@example.org", "weg@example.org"):
        assert address not in logged

    # Moderators read it in the log, each step linking to the session's page.
    log = page(organiser, reverse("community:moderation_log"))
    assert log.count(f'href="{session_page(session)}"') == 4
    for label in ("Sessie afgelast", "Aantal plaatsen gewijzigd", "Aanmeldingen gedownload"):
        assert label in log


def test_a_registrant_signing_off_themselves_is_not_an_organiser_step(
    client, django_capture_on_commit_callbacks
):
    registrant = seat(SessionFactory())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("sessions:seat_cancel", args=[registrant.registration.token, registrant.pk])
        )

    registrant.refresh_from_db()
    assert registrant.status == CANCELLED
    assert not ActionLog.objects.exists()

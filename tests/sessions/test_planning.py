"""Organisers plan without the admin: making a series and its sessions, changing them
(registrants are told about a new title or time, after the organiser confirms), and
copying a series for the next round, on the same wall-clock times."""

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import ActionLog
from sessions_app import planning, services
from sessions_app.models import OrganiserVerb, Seat, Session, SessionSeries
from tests.community.factories import OrganiserFactory, VerifiedUserFactory
from tests.roadmap.factories import PhaseFactory
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CONFIRMED, WAITING, CANCELLED = Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.CANCELLED


@pytest.fixture
def organiser():
    return OrganiserFactory()


@pytest.fixture
def as_organiser(client, organiser):
    client.force_login(organiser)
    return client


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def log_of(target, verb) -> list[ActionLog]:
    return list(ActionLog.objects.for_target(target).filter(verb=verb))


def series_data(**changes) -> dict:
    data = {
        "title": "Co-creatie in de praktijk",
        "summary": "Vier online sessies over samen ontwerpen.",
        "introduction": "Elke week een fase.\n\nMet **gasten** uit gemeenten.",
        "organisers": "Hogeschool Utrecht",
        "partner": "",
        "joining_tips": "- Zet je camera aan",
    }
    return {**data, **changes}


def session_data(day: date, start="13:30", end="14:30", **changes) -> dict:
    data = {
        "order": "",
        "title": "Verkennen",
        "phase": "",
        "description": "We verkennen de vraag.",
        "speaker": "Nynke Joustra",
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "capacity": "",
        "meeting_url": "https://meet.example.org/verkennen",
    }
    return {**data, **changes}


def data_of(session: Session, **changes) -> dict:
    """What the edit form posts for ``session`` unchanged (plus ``changes``)."""
    start, end = session.starts_at.astimezone(AMSTERDAM), session.ends_at.astimezone(AMSTERDAM)
    stored = {
        "order": str(session.order),
        "title": session.title,
        "phase": str(session.phase_id or ""),
        "description": session.description,
        "speaker": session.speaker,
        "capacity": "" if session.capacity is None else str(session.capacity),
        "meeting_url": session.meeting_url,
    }
    return session_data(start.date(), f"{start:%H:%M}", f"{end:%H:%M}", **{**stored, **changes})


def edit_url(session) -> str:
    return reverse("sessions:organiser_session_edit", args=[session.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def follow_messages(client, response) -> list[str]:
    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["form"].errors
    )
    return messages_of(client.get(response["Location"]))


# --- Making a series and its sessions ---------------------------------------------------------


def test_an_organiser_makes_a_series_with_two_sessions_and_sees_them_on_its_page(
    as_organiser, organiser
):
    client = as_organiser
    response = client.post(reverse("sessions:organiser_series_create"), series_data())

    series = SessionSeries.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:organiser_series", args=[series.pk])
    assert series.slug == "co-creatie-in-de-praktijk"
    assert not series.is_published
    assert "<strong>gasten</strong>" in series.introduction_html

    create = reverse("sessions:organiser_session_create", args=[series.pk])
    form = client.get(create).content.decode()
    assert re.search(r'name="order" value="1"', form)
    day = in_days(10)
    first = client.post(create, session_data(day, order="1", capacity="25"))
    assert first.status_code == 302
    # Without a number the next free one.
    second = client.post(create, session_data(day + timedelta(days=7), "15:00", "16:15",
                                              title="Ontwerpen"))  # fmt: skip
    assert second.status_code == 302

    page = text(client.get(response["Location"]).content.decode())
    assert "1. Verkennen" in page and "2. Ontwerpen" in page
    verkennen, ontwerpen = series.sessions.order_by("order")
    assert verkennen.starts_at == local(day, 13, 30) and verkennen.ends_at == local(day, 14, 30)
    assert verkennen.capacity == 25 and ontwerpen.capacity is None
    assert ontwerpen.order == 2 and ontwerpen.starts_at == local(day + timedelta(days=7), 15)
    assert f"{verkennen.starts_at.astimezone(AMSTERDAM):%-d}" in page and "13.30" in page

    (created,) = log_of(series, OrganiserVerb.SERIES_CREATE)
    assert created.actor == organiser and created.data == {"published": False}
    assert created.target.log_url == reverse("sessions:organiser_series", args=[series.pk])
    for session in (verkennen, ontwerpen):
        (entry,) = log_of(session, OrganiserVerb.SESSION_CREATE)
        assert entry.actor == organiser


def test_each_series_gets_its_own_address_that_stays_when_the_title_changes(organiser):
    fields = series_data()
    one = planning.series_create(actor=organiser, **fields)
    two = planning.series_create(actor=organiser, **fields)
    mine = planning.series_create(actor=organiser, **series_data(title="Mijn aanmeldingen"))
    odd = planning.series_create(actor=organiser, **series_data(title="¿¡!"))

    assert [one.slug, two.slug] == ["co-creatie-in-de-praktijk", "co-creatie-in-de-praktijk-2"]
    # /sessies/mijn-aanmeldingen/ is the page with a member's own registrations.
    assert mine.slug == "mijn-aanmeldingen-2"
    assert odd.slug == "reeks"

    planning.series_update(
        series=one, actor=organiser, **series_data(title="Een nieuwe titel"), is_published=True
    )
    one.refresh_from_db()
    assert one.title == "Een nieuwe titel" and one.slug == "co-creatie-in-de-praktijk"


def test_publishing_a_series_is_saved_and_logged_with_the_fields_that_changed(
    as_organiser, organiser
):
    series = SeriesFactory(is_published=False, **series_data(title="Oud"))
    url = reverse("sessions:organiser_series_edit", args=[series.pk])
    assert 'value="Oud"' in as_organiser.get(url).content.decode()

    response = as_organiser.post(url, series_data(title="Nieuw", is_published="on"))

    assert any("gepubliceerd" in m for m in follow_messages(as_organiser, response))
    series.refresh_from_db()
    assert series.title == "Nieuw" and series.is_published
    (entry,) = log_of(series, OrganiserVerb.SERIES_UPDATE)
    assert entry.actor == organiser
    assert entry.data == {"changed": ["title", "is_published"], "published": True}

    # The same form again changes nothing and logs nothing.
    as_organiser.post(url, series_data(title="Nieuw", is_published="on"))
    assert len(log_of(series, OrganiserVerb.SERIES_UPDATE)) == 1


def test_a_series_without_its_required_texts_is_refused_in_plain_dutch(as_organiser):
    response = as_organiser.post(
        reverse("sessions:organiser_series_create"), series_data(title=" ", introduction="")
    )

    assert response.status_code == 200
    page = text(response.content.decode())
    assert "Vul een titel in." in page and "Vul een inleiding in." in page
    assert "Markdown" not in page
    assert not SessionSeries.objects.exists()


# --- What a session may be --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_time": "14:30", "end_time": "13:30"}, "De eindtijd moet na de begintijd liggen."),
        ({"start_time": "14:30", "end_time": "14:30"}, "De eindtijd moet na de begintijd liggen."),
        ({"date": "2020-03-10"}, "Deze datum en tijd zijn al voorbij."),
        ({"meeting_url": "http://meet.example.org/x"}, "Gebruik een beveiligde link"),
        ({"meeting_url": "meet punt example"}, "Dit is geen goede link."),
        ({"order": "1"}, "Er is al een sessie met nummer 1 in deze reeks."),
        ({"capacity": "0"}, "Vul een aantal plaatsen in van 1 tot en met 100000"),
        ({"capacity": "99999999999999999999"}, "Vul een aantal plaatsen in van 1"),
        ({"date": "11-06-morgen"}, "Vul een datum in, zoals"),
        ({"phase": "99999999999999999999999"}, "Kies een fase uit de lijst."),
    ],
)
def test_a_session_that_cannot_be_is_refused_with_a_dutch_message(as_organiser, changes, message):
    series = SeriesFactory()
    SessionFactory(series=series, order=1)
    url = reverse("sessions:organiser_session_create", args=[series.pk])

    response = as_organiser.post(url, session_data(in_days(5), **changes))

    assert response.status_code == 200
    assert message in text(response.content.decode())
    assert series.sessions.count() == 1


def test_the_service_refuses_a_session_in_the_past_and_a_non_organiser(organiser):
    series = SeriesFactory()
    yesterday = timezone.now() - timedelta(days=1)
    details = planning.SessionDetails(
        title="Te laat", starts_at=yesterday, ends_at=yesterday + timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as refused:
        planning.session_create(series=series, details=details, actor=organiser)
    assert "starts_at" in refused.value.error_dict
    with pytest.raises(PermissionDenied):
        planning.session_create(series=series, details=details, actor=VerifiedUserFactory())


# --- Copying a series -------------------------------------------------------------------------


def test_copying_shifts_every_session_by_whole_weeks_on_the_clock_without_registrations(
    as_organiser, organiser
):
    # Mid March, before summer time starts (last Sunday of March); four weeks later after.
    day = date(timezone.localdate().year + 1, 3, 10)
    phase = PhaseFactory()
    series = SeriesFactory(title="Ronde 1", partner="Gemeente Nieuwegein")
    first = SessionFactory(series=series, order=1, title="Verkennen", phase=phase, capacity=30,
                           starts_at=local(day, 13, 30), ends_at=local(day, 14, 30),
                           description="Over **de vraag**.")  # fmt: skip
    second = SessionFactory(series=series, order=2, title="Ontwerpen",
                            starts_at=local(day + timedelta(days=7), 9),
                            ends_at=local(day + timedelta(days=7), 10, 15))  # fmt: skip
    dropped = SessionFactory(series=series, order=3, title="Afgelast",
                             starts_at=local(day + timedelta(days=14), 9),
                             ends_at=local(day + timedelta(days=14), 10),
                             status=Session.Status.CANCELLED)  # fmt: skip
    for session in (first, second, dropped):
        seat_for(session)
    url = reverse("sessions:organiser_series_copy", args=[series.pk])
    page = text(as_organiser.get(url).content.decode())
    assert "links naar de online sessies gaan niet mee" in page
    assert "Afgelaste sessies gaan niet mee: 3. Afgelast" in page

    response = as_organiser.post(url, {"weeks": "4", "title": "Ronde 2"})

    copy = SessionSeries.objects.get(title="Ronde 2")
    assert response["Location"] == reverse("sessions:organiser_series", args=[copy.pk])
    assert copy.previous == series and not copy.is_published
    assert copy.slug != series.slug and copy.partner == "Gemeente Nieuwegein"
    assert copy.registrations.count() == 0
    sessions = list(copy.sessions.order_by("order"))
    assert [s.title for s in sessions] == ["Verkennen", "Ontwerpen"]
    for original, new in zip((first, second), sessions, strict=True):
        for field in ("starts_at", "ends_at"):
            before = getattr(original, field).astimezone(AMSTERDAM)
            after = getattr(new, field).astimezone(AMSTERDAM)
            assert after.date() == before.date() + timedelta(weeks=4)
            assert after.time() == before.time()
        assert new.meeting_url == "" and new.seats.count() == 0
        assert new.ics_sequence == 0 and new.status == Session.Status.PLANNED
    # 13.30 in winter time is 12.30 UTC; 13.30 in summer time is 11.30 UTC.
    assert sessions[0].starts_at - first.starts_at == timedelta(weeks=4, hours=-1)
    assert sessions[0].phase == phase and sessions[0].capacity == 30
    assert "<strong>de vraag</strong>" in sessions[0].description_html
    (entry,) = log_of(copy, OrganiserVerb.SERIES_COPY)
    assert entry.actor == organiser
    assert entry.data == {"from": series.pk, "weeks": 4, "sessions": 2}


def test_the_copy_form_proposes_the_fewest_weeks_that_put_the_first_session_after_today(
    as_organiser,
):
    series = SeriesFactory()
    ten_days_ago = timezone.now() - timedelta(days=10)
    SessionFactory(series=series, starts_at=ten_days_ago, ends_at=ten_days_ago + timedelta(hours=1))

    page = as_organiser.get(reverse("sessions:organiser_series_copy", args=[series.pk]))

    # One week on is still three days ago; two weeks on is four days ahead.
    assert re.search(r'name="weeks" value="2"', page.content.decode())
    assert planning.copy_weeks_default(series) == 2
    assert planning.copy_weeks_default(SeriesFactory()) == 1


def test_a_copy_with_a_session_still_in_the_past_is_refused(as_organiser):
    series = SeriesFactory(title="Vorig jaar")
    start = timezone.now() - timedelta(days=20)
    SessionFactory(series=series, order=4, starts_at=start, ends_at=start + timedelta(hours=1))

    response = as_organiser.post(
        reverse("sessions:organiser_series_copy", args=[series.pk]),
        {"weeks": "2", "title": "Dit jaar"},
    )

    assert response.status_code == 200
    assert "Met 2 weken verschuiven ligt sessie 4 nog in het verleden." in text(
        response.content.decode()
    )
    assert not SessionSeries.objects.filter(title="Dit jaar").exists()


# --- Changing a session -----------------------------------------------------------------------


def calendar_event(message) -> icalendar.Event:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    (event,) = icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")
    return event


def test_moving_a_session_with_registrants_is_confirmed_first_then_each_is_mailed_once(
    as_organiser, organiser, django_capture_on_commit_callbacks
):
    day = in_days(20)
    session = SessionFactory(title="Ontwerpen", capacity=1,
                             starts_at=local(day, 13, 30), ends_at=local(day, 14, 30))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("anna", "wout"):  # wout ends up on the waiting list
            services.registration_create(series=session.series, sessions=[session],
                                         name=name, email=f"{name}@example.org")  # fmt: skip
    seat_for(session, CANCELLED, email="carla@example.org")
    (before,) = [calendar_event(m) for m in mail.outbox if m.to == ["anna@example.org"]]
    mail.outbox.clear()
    moved = data_of(session, date=(day + timedelta(days=1)).isoformat(), start_time="15:00",
                    end_time="16:00")  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        asked = as_organiser.post(edit_url(session), moved)

    assert asked.status_code == 200
    page = text(asked.content.decode())
    assert "2 deelnemers krijgen een e-mail met de nieuwe gegevens en een agenda-update" in page
    assert "13.30" in page and "15.00" in page
    assert 'name="confirm" value="1"' in asked.content.decode()
    assert mail.outbox == []
    session.refresh_from_db()
    assert session.starts_at == local(day, 13, 30) and session.ics_sequence == 0
    assert not log_of(session, OrganiserVerb.SESSION_UPDATE)

    with django_capture_on_commit_callbacks(execute=True):
        response = as_organiser.post(edit_url(session), {**moved, "confirm": "1"})

    assert response["Location"] == reverse("sessions:organiser_session", args=[session.pk])
    session.refresh_from_db()
    new_start = local(day + timedelta(days=1), 15)
    assert session.starts_at == new_start and session.ends_at == local(day + timedelta(days=1), 16)
    by_address = {}
    for message in mail.outbox:
        assert message.to[0] not in by_address, "one mail per registrant"
        by_address[message.to[0]] = message
    assert sorted(by_address) == ["anna@example.org", "wout@example.org"]
    for message in by_address.values():
        assert "Gewijzigd: Ontwerpen" in message.subject
        assert "van 15.00 tot 16.00 uur" in message.body
        assert "Eerst was dat" in message.body and "van 13.30 tot 14.30 uur" in message.body
    event = calendar_event(by_address["anna@example.org"])
    assert str(event["UID"]) == str(before["UID"])
    assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])
    assert event.decoded("DTSTART") == new_start
    # Waiting: told, but no event for their calendar (they have no place yet).
    assert not by_address["wout@example.org"].attachments
    assert "wachtlijst" in by_address["wout@example.org"].body
    (entry,) = log_of(session, OrganiserVerb.SESSION_UPDATE)
    assert entry.actor == organiser
    assert entry.data == {"changed": ["starts_at", "ends_at"], "notified": 2}


def test_a_new_title_is_confirmed_too_and_the_back_button_keeps_what_was_typed(
    as_organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Ontwerpen")
    seat_for(session, email="anna@example.org")
    renamed = data_of(session, title="Samen ontwerpen")

    asked = as_organiser.post(edit_url(session), renamed)
    assert "1 deelnemer krijgt een e-mail" in text(asked.content.decode())
    back = as_organiser.post(edit_url(session), {**renamed, "back": "1"})
    assert back.status_code == 200 and 'value="Samen ontwerpen"' in back.content.decode()
    assert 'name="confirm"' not in back.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        as_organiser.post(edit_url(session), {**renamed, "confirm": "1"})

    (message,) = mail.outbox
    assert 'De titel is nu: "Samen ontwerpen".' in message.body
    assert 'Eerst was dat: "Ontwerpen".' in message.body
    assert int(calendar_event(message)["SEQUENCE"]) == 1


def test_other_changes_are_saved_at_once_and_mail_nobody(
    as_organiser, django_capture_on_commit_callbacks
):
    # The factory's times have seconds: the form shows minutes, and that is no change.
    session = SessionFactory(description="Oud.")
    seat_for(session)

    with django_capture_on_commit_callbacks(execute=True):
        response = as_organiser.post(
            edit_url(session), data_of(session, description="Nieuw.", speaker="Een ander")
        )

    assert follow_messages(as_organiser, response) == ["De sessie is opgeslagen."]
    assert mail.outbox == []
    session.refresh_from_db()
    assert session.description == "Nieuw." and session.ics_sequence == 0
    (entry,) = log_of(session, OrganiserVerb.SESSION_UPDATE)
    assert entry.data == {"changed": ["description", "speaker"], "notified": 0}


def test_a_session_without_registrants_moves_at_once(as_organiser):
    session = SessionFactory()
    day = in_days(30)

    response = as_organiser.post(edit_url(session), data_of(session, date=day.isoformat()))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at.astimezone(AMSTERDAM).date() == day


def test_more_seats_on_the_edit_form_promote_the_waiting_seat(
    as_organiser, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    seat_for(session, email="anna@example.org")
    waiting = seat_for(session, WAITING, email="wout@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = as_organiser.post(edit_url(session), data_of(session, capacity="2"))

    assert "1 deelnemer van de wachtlijst is nu aangemeld" in " ".join(
        follow_messages(as_organiser, response)
    )
    waiting.refresh_from_db()
    assert waiting.status == CONFIRMED
    assert [m.to for m in mail.outbox] == [["wout@example.org"]]
    (capacity,) = log_of(session, OrganiserVerb.SESSION_CAPACITY_CHANGE)
    assert capacity.actor == organiser and capacity.data["promoted"] == 1
    (update,) = log_of(session, OrganiserVerb.SESSION_UPDATE)
    assert update.data == {"changed": ["capacity"], "notified": 0}


def test_a_started_session_keeps_its_time_and_seats_and_a_new_title_mails_nobody(
    as_organiser, organiser, django_capture_on_commit_callbacks
):
    start = timezone.now() - timedelta(minutes=10)
    session = SessionFactory(title="Bezig", capacity=5, starts_at=start,
                             ends_at=start + timedelta(hours=1))  # fmt: skip
    seat_for(session)
    form = as_organiser.get(edit_url(session)).content.decode()
    assert "al begonnen" in form
    assert re.search(r'<input type="date" name="date"[^>]*disabled', form)

    with django_capture_on_commit_callbacks(execute=True):
        response = as_organiser.post(
            edit_url(session),
            data_of(session, title="Nog steeds bezig", date=in_days(3).isoformat(), capacity="50"),
        )

    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.title == "Nog steeds bezig" and mail.outbox == []
    assert session.starts_at == start and session.capacity == 5
    later = timezone.now() + timedelta(days=3)
    details = planning.SessionDetails.of(session)
    for changes in ({"starts_at": later, "ends_at": later + timedelta(hours=1)}, {"capacity": 9}):
        with pytest.raises(ValidationError, match="al begonnen"):
            planning.session_update(
                session=session, details=dataclasses.replace(details, **changes),
                actor=organiser,
            )  # fmt: skip


def test_a_cancelled_session_cannot_be_changed(as_organiser, organiser):
    session = SessionFactory(status=Session.Status.CANCELLED, title="Afgelast")

    response = as_organiser.get(edit_url(session))
    assert "afgelast" in " ".join(follow_messages(as_organiser, response))
    as_organiser.post(edit_url(session), data_of(session, title="Toch"))

    session.refresh_from_db()
    assert session.title == "Afgelast"
    details = planning.SessionDetails.of(session)
    with pytest.raises(ValidationError, match="afgelast"):
        planning.session_update(session=session, details=details, actor=organiser)


# --- Who may ----------------------------------------------------------------------------------


def test_a_member_who_does_not_organise_gets_403_and_nothing_changes(client):
    client.force_login(VerifiedUserFactory())
    series = SeriesFactory(title="Blijft")
    session = SessionFactory(series=series, title="Blijft ook")
    posts = [
        (reverse("sessions:organiser_series_create"), series_data()),
        (reverse("sessions:organiser_series_edit", args=[series.pk]), series_data()),
        (reverse("sessions:organiser_series_copy", args=[series.pk]), {"weeks": "1", "title": "X"}),
        (reverse("sessions:organiser_session_create", args=[series.pk]), session_data(in_days(3))),
        (edit_url(session), {**data_of(session, title="Anders"), "confirm": "1"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert list(SessionSeries.objects.values_list("title", flat=True)) == ["Blijft"]
    assert list(Session.objects.values_list("title", flat=True)) == ["Blijft ook"]
    assert not ActionLog.objects.exists()


def test_the_edit_page_needs_no_more_queries_with_more_registrations(
    as_organiser, django_assert_max_num_queries
):
    """The page counts the registrants once; it never loads them one by one."""
    session = SessionFactory(phase=PhaseFactory())
    for _ in range(10):
        seat_for(session)
    with django_assert_max_num_queries(50) as few:
        assert as_organiser.get(edit_url(session)).status_code == 200
    for status in (CONFIRMED, WAITING, CANCELLED) * 64:
        seat_for(session, status)

    with django_assert_max_num_queries(len(few)):
        page = as_organiser.get(edit_url(session)).content.decode()

    assert "138 deelnemers zijn aangemeld of staan op de wachtlijst" in text(page)


def test_sending_a_create_form_twice_makes_one_series_one_session_and_one_copy(as_organiser):
    """A double click, or a reload after a slow answer, makes nothing twice."""
    create = reverse("sessions:organiser_series_create")
    token = {"form_token": "eenmalig-0123456789"}

    first = as_organiser.post(create, series_data(**token))
    again = as_organiser.post(create, series_data(**token))

    (series,) = SessionSeries.objects.all()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == reverse("sessions:organiser_series", args=[series.pk])
    add = reverse("sessions:organiser_session_create", args=[series.pk])
    for _ in range(2):
        as_organiser.post(add, session_data(in_days(10), form_token="sessie-0123456789"))
    assert series.sessions.count() == 1
    copy = reverse("sessions:organiser_series_copy", args=[series.pk])
    for _ in range(2):
        as_organiser.post(copy, {"weeks": "2", "title": "Volgende ronde", "form_token": "kopie-01"})
    assert SessionSeries.objects.filter(title="Volgende ronde").count() == 1
    # Without a token (an old page), the form still works.
    assert as_organiser.post(create, series_data(title="Nog een reeks")).status_code == 302
    assert SessionSeries.objects.count() == 3

"""Calendar files that calendar programs accept: every file mailed to a registrant is
newer (higher SEQUENCE, same UID) than the one before it, and the "Zet in je agenda"
links for Outlook.com and Google Agenda carry public data only."""

import html
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sessions_app import services
from sessions_app.models import Registration, Seat
from tests.community.factories import OrganiserFactory
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def session():
    return SessionFactory(
        title="Ontwerpen",
        capacity=1,
        series=SeriesFactory(title="Samen ontwerpen", slug="samen-ontwerpen"),
    )


def event_in(message, session) -> icalendar.Event:
    """The event of ``session`` in the calendar file attached to ``message``."""
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    calendar = icalendar.Calendar.from_ical(attachment[1])
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == session.ics_uid]
    event.method = str(calendar["METHOD"])
    return event


def register(capture, session, email):
    with capture():
        services.registration_create(
            series=session.series, sessions=[session], name="Nynke", email=email
        )
    return Registration.objects.get(email=email)


def last_mail_to(address):
    return [m for m in mail.outbox if m.to == [address]][-1]


def cancel_on_personal_page(client, capture, registration, session):
    seat = registration.seats.get(session=session)
    with capture():
        client.post(reverse("sessions:seat_cancel", args=[registration.token, seat.pk]))


def test_cancelling_and_taking_the_seat_again_mails_ever_newer_files(client, capture, session):
    registration = register(capture, session, "nynke@example.org")
    first = event_in(last_mail_to("nynke@example.org"), session)

    cancel_on_personal_page(client, capture, registration, session)
    cancel = event_in(last_mail_to("nynke@example.org"), session)

    with capture():
        client.post(
            reverse("sessions:registration_add", args=[registration.token]),
            {"sessions": [session.pk]},
        )
    again = event_in(last_mail_to("nynke@example.org"), session)

    assert (first.method, cancel.method, again.method) == ("PUBLISH", "CANCEL", "PUBLISH")
    assert str(cancel["STATUS"]) == "CANCELLED" and str(again["STATUS"]) == "CONFIRMED"
    assert str(first["UID"]) == str(cancel["UID"]) == str(again["UID"]) == session.ics_uid
    assert int(first["SEQUENCE"]) < int(cancel["SEQUENCE"]) < int(again["SEQUENCE"])


def test_an_organiser_cancelling_a_seat_also_sends_a_newer_file(capture, session):
    registration = register(capture, session, "nynke@example.org")
    first = event_in(last_mail_to("nynke@example.org"), session)

    with capture():
        services.seat_cancel(seat=registration.seats.get(), actor=OrganiserFactory())

    cancel = event_in(last_mail_to("nynke@example.org"), session)
    assert cancel.method == "CANCEL"
    assert int(cancel["SEQUENCE"]) > int(first["SEQUENCE"])


def test_moving_up_from_the_waiting_list_raises_the_sequence(client, capture, session):
    # Bram had a seat, gave it up and asked again when the session was full.
    bram = register(capture, session, "bram@example.org")
    cancel_on_personal_page(client, capture, bram, session)
    anna = register(capture, session, "anna@example.org")
    bram = register(capture, session, "bram@example.org")
    cancel = next(
        event_in(m, session)
        for m in mail.outbox
        if m.to == ["bram@example.org"] and "afgemeld" in m.subject.lower()
    )
    assert bram.seats.get().status == Seat.Status.WAITING
    before = bram.seats.get().calendar_sequence

    cancel_on_personal_page(client, capture, anna, session)

    promoted = event_in(last_mail_to("bram@example.org"), session)
    assert "Er is een plaats vrij" in last_mail_to("bram@example.org").subject
    assert promoted.method == "PUBLISH" and str(promoted["STATUS"]) == "CONFIRMED"
    assert int(promoted["SEQUENCE"]) == before + 1
    assert int(promoted["SEQUENCE"]) > int(cancel["SEQUENCE"])


def test_a_cancelled_session_sends_each_registrant_a_cancel_newer_than_their_file(
    client, capture, session
):
    session.capacity = None
    session.save()
    steady = register(capture, session, "steady@example.org")
    steady_file = event_in(last_mail_to("steady@example.org"), session)
    # This one cancelled and came back: their own file has a higher SEQUENCE.
    back = register(capture, session, "back@example.org")
    cancel_on_personal_page(client, capture, back, session)
    with capture():
        client.post(
            reverse("sessions:registration_add", args=[back.token]), {"sessions": [session.pk]}
        )
    back_file = event_in(last_mail_to("back@example.org"), session)
    assert int(back_file["SEQUENCE"]) > int(steady_file["SEQUENCE"])

    with capture():
        services.session_cancel(
            session=session, message="De gast is ziek.", actor=OrganiserFactory()
        )

    for address, before in (("steady@example.org", steady_file), ("back@example.org", back_file)):
        cancel = event_in(last_mail_to(address), session)
        assert cancel.method == "CANCEL" and str(cancel["STATUS"]) == "CANCELLED"
        assert str(cancel["UID"]) == str(before["UID"])
        assert int(cancel["SEQUENCE"]) > int(before["SEQUENCE"])
    assert steady.seats.get().status == Seat.Status.CONFIRMED  # the seat itself stays


def test_the_public_download_keeps_the_sessions_own_sequence(client, capture, session):
    registration = register(capture, session, "nynke@example.org")
    cancel_on_personal_page(client, capture, registration, session)

    response = client.get(
        reverse("sessions:session_ics", args=[session.series.slug, session.order])
    )

    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    session.refresh_from_db()
    assert int(event["SEQUENCE"]) == session.ics_sequence == 0


# --- "Zet in je agenda" links -------------------------------------------------------------


@pytest.fixture
def planned():
    """A session on 4 March 2031, 14.00–16.00 in Amsterdam: 13.00–15.00 UTC."""
    series = SeriesFactory(title="Samen ontwerpen", slug="samen-ontwerpen")
    start = datetime(2031, 3, 4, 14, 0, tzinfo=AMSTERDAM)
    return SessionFactory(
        series=series,
        order=1,
        title="Ontwerpen & testen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )


def links(page: str, host: str) -> list[dict[str, str]]:
    found = re.findall(rf'href="(https://{re.escape(host)}/[^"]+)"', page)
    return [
        {key: values[0] for key, values in parse_qs(urlsplit(html.unescape(url)).query).items()}
        for url in found
    ]


def test_the_series_page_links_to_outlook_and_google_with_public_data_only(client, planned):
    past = SessionFactory(
        series=planned.series,
        order=2,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
    )
    cancelled = SessionFactory(series=planned.series, order=3, status="cancelled")

    page = client.get(planned.series.get_absolute_url()).content.decode()

    (google,) = links(page, "calendar.google.com")
    assert google["action"] == "TEMPLATE"
    assert google["text"] == "Samen ontwerpen: Ontwerpen & testen"
    assert google["dates"] == "20310304T130000Z/20310304T150000Z"
    assert google["location"] == "Online"
    assert "http://127.0.0.1:8000/sessies/samen-ontwerpen/" in google["details"]
    assert (
        "De link naar de online sessie krijg je uiterlijk een dag van tevoren"
        in (google["details"])
    )
    (outlook,) = links(page, "outlook.live.com")
    assert outlook["subject"] == "Samen ontwerpen: Ontwerpen & testen"
    assert outlook["startdt"] == "2031-03-04T13:00:00Z"
    assert outlook["enddt"] == "2031-03-04T15:00:00Z"
    assert outlook["rru"] == "addevent" and outlook["location"] == "Online"
    assert google["details"] == outlook["body"]
    ics = reverse("sessions:session_ics", args=[planned.series.slug, 1])
    assert f'href="{ics}"' in page
    for other in (past, cancelled):  # no links for what is over or called off
        assert reverse("sessions:session_ics", args=[other.series.slug, other.order]) not in page
    for secret in (planned.meeting_url, past.meeting_url, cancelled.meeting_url):
        assert secret not in page


def test_the_personal_page_links_confirmed_seats_and_never_shows_the_meeting_link(client, planned):
    confirmed = seat_for(planned, email="nynke@example.org")
    later = SessionFactory(series=planned.series, order=2, title="Later")
    Seat.objects.create(registration=confirmed.registration, session=later, status="waiting")

    page = client.get(confirmed.registration.get_absolute_url()).content.decode()

    (google,) = links(page, "calendar.google.com")
    (outlook,) = links(page, "outlook.live.com")
    assert google["text"] == outlook["subject"] == "Samen ontwerpen: Ontwerpen & testen"
    assert google["dates"] == "20310304T130000Z/20310304T150000Z"
    assert planned.meeting_url not in page and later.meeting_url not in page
    assert planned.meeting_url not in google["details"] + outlook["body"]

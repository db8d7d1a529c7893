"""The waiting list is stated clearly: the thank-you page, the mails, the personal page and
"Mijn aanmeldingen" say per session "bevestigd" or "op de wachtlijst, plaats N"; joining
a waiting list brings a mail on what happens next."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions_app.models import Registration, Seat
from tests.community.factories import VerifiedUserFactory
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

pytestmark = pytest.mark.django_db

WAITING_SUBJECT = "Je staat op de wachtlijst"


@pytest.fixture
def series():
    series = SeriesFactory(title="Samen ontwerpen", slug="samen-ontwerpen")
    start = timezone.now() + timedelta(days=10)
    for order, (title, capacity) in enumerate(
        [("Volle sessie", 1), ("Vrije sessie", None), ("Latere sessie", None)], start=1
    ):
        SessionFactory(
            series=series,
            order=order,
            title=title,
            capacity=capacity,
            starts_at=start + timedelta(days=7 * order),
        )
    return series


def session(series, order):
    return series.sessions.get(order=order)


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """Send the registration form; returns the thank-you page the visitor lands on."""

    def post(series, *orders, email, name="Nynke de Boer", website=""):
        data = {
            "sessions": [session(series, order).pk for order in orders],
            "name": name,
            "email": email,
            "organisation": "Gemeente Nieuwegein",
            "role": "",
            "consent": "on",
            "website": website,
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("sessions:register", args=[series.slug]), data)
        assert response.status_code == 302
        return text(client.get(response["Location"]).content.decode())

    return post


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def personal_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/sessies/aanmelding/[^/\s]+/)", message.body).group(1)


def mails_to(address, subject=""):
    return [m for m in mail.outbox if m.to == [address] and subject in m.subject]


def test_the_thank_you_page_says_confirmed_or_the_place_on_the_waiting_list(series, register):
    register(series, 1, email="een@example.org")
    register(series, 1, email="twee@example.org")

    page = register(series, 1, 2, email="drie@example.org")

    assert re.search(r"1\. Volle sessie, [^:]+: op de wachtlijst, plaats 2", page)
    assert re.search(r"2\. Vrije sessie, [^:]+: bevestigd", page)
    assert "Latere sessie" not in page
    assert "We hebben een e-mail gestuurd naar drie@example.org" in page
    assert "Over de wachtlijst krijg je ook een aparte e-mail" in page
    assert "al was aangemeld" not in page


def test_the_thank_you_page_shows_nothing_of_what_the_address_held_before(series, register):
    register(series, 1, email="een@example.org")
    register(series, 1, 2, email="nynke@example.org")  # waiting for 1, confirmed for 2

    # Someone else types the same address and picks one known and one new session.
    page = register(series, 2, 3, email="nynke@example.org", name="Iemand anders")

    assert re.search(r"3\. Latere sessie, [^:]+: bevestigd", page)
    assert "Vrije sessie" not in page and "Volle sessie" not in page
    assert "wachtlijst, plaats" not in page
    assert (
        "Voor sessies waarvoor dit adres al was aangemeld verandert er niets; "
        "de e-mail geeft het hele overzicht." in page
    )
    # The mail to the owner of the address does give the whole overview.
    overview = mails_to("nynke@example.org", "Je aanmelding")[-1]
    assert "Status: op de wachtlijst, plaats 1" in overview.body
    assert overview.body.count("Status: bevestigd") == 2


def test_a_thank_you_page_without_a_registration_behind_it_shows_no_earlier_outcome(
    series, register
):
    register(series, 1, 2, email="nynke@example.org")

    # The next form in this browser is caught by the honeypot: nothing is done, and the
    # outcome of the request before is not shown again.
    page = register(series, 3, email="bot@example.org", website="http://spam.example")

    assert "Kijk in je e-mail" in page
    assert "bevestigd" not in page and "Volle sessie" not in page
    assert not Registration.objects.filter(email="bot@example.org").exists()


def test_the_confirmation_and_the_personal_page_show_the_place(client, series, register):
    register(series, 1, email="een@example.org")
    register(series, 1, email="twee@example.org")
    register(series, 1, 2, email="drie@example.org")

    (confirmation,) = mails_to("drie@example.org", "Je aanmelding")
    assert "Status: op de wachtlijst, plaats 2" in confirmation.body
    assert "Status: bevestigd" in confirmation.body
    link = personal_link(confirmation)
    page = client.get(link).content.decode()
    assert "Status:</strong> op de wachtlijst, plaats 2" in page
    assert "Status:</strong> bevestigd" in page
    assert "schuif je vanzelf op" in page

    # The first one gives up their seat: the second is promoted, the third moves up.
    first = Registration.objects.get(email="een@example.org")
    client.post(reverse("sessions:seat_cancel", args=[first.token, first.seats.get().pk]))

    page = client.get(link).content.decode()
    assert "Status:</strong> op de wachtlijst, plaats 1" in page
    first_page = client.get(first.get_absolute_url()).content.decode()
    assert "Status:</strong> afgemeld" in first_page


def test_my_registrations_shows_the_place(client, series, register):
    member = VerifiedUserFactory(email="lid@gemeente.example")
    register(series, 1, email="een@example.org")
    register(series, 1, 2, email="lid@gemeente.example")
    client.force_login(member)

    page = text(client.get(reverse("sessions:my_registrations")).content.decode())

    assert re.search(r"1\. Volle sessie, [^:]+: op de wachtlijst, plaats 1", page)
    assert re.search(r"2\. Vrije sessie, [^:]+: bevestigd", page)


def test_ended_and_cancelled_sessions_say_so(client, series):
    ended = SessionFactory(
        series=series,
        order=9,
        title="Voorbije sessie",
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1),
    )
    seat = seat_for(ended, email="nynke@example.org")
    cancelled = session(series, 3)
    Seat.objects.create(registration=seat.registration, session=cancelled, status="confirmed")
    cancelled.status = "cancelled"
    cancelled.save()

    page = client.get(seat.registration.get_absolute_url()).content.decode()

    assert "Status:</strong> afgelopen" in page
    assert "Status:</strong> afgelast" in page


def test_joining_a_waiting_list_sends_one_mail_on_what_happens_next(series, register):
    register(series, 1, email="een@example.org")

    register(series, 1, 2, email="nynke@example.org")

    (joined,) = mails_to("nynke@example.org", WAITING_SUBJECT)
    assert joined.subject.endswith("Volle sessie")
    volle = session(series, 1)
    registration = Registration.objects.get(email="nynke@example.org")
    body = joined.body
    assert "Volle sessie" in body and "Vrije sessie" not in body
    assert "Je plaats op de wachtlijst: 1" in body
    assert "Je hoeft niets te doen" in body
    assert "schuift de wachtlijst vanzelf op, in volgorde" in body
    assert "agendabestand" in body
    assert "geen plaats vrijkomt" in body and "als de sessie begint" in body
    assert timezone.localtime(volle.starts_at).strftime("%H.%M") in body
    assert personal_link(joined) == registration.get_absolute_url()
    assert '"Afmelden"' in body
    assert joined.attachments == []
    assert volle.meeting_url not in body

    # Registering again, now or later, for the same sessions: no second copy.
    register(series, 1, 2, email="nynke@example.org")
    Registration.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    register(series, 1, email="nynke@example.org")
    assert len(mails_to("nynke@example.org", WAITING_SUBJECT)) == 1


def test_no_waiting_list_mail_when_every_seat_is_confirmed(series, register):
    register(series, 1, 2, email="nynke@example.org")

    (only,) = mails_to("nynke@example.org")
    assert WAITING_SUBJECT not in only.subject
    assert "op de wachtlijst, plaats" not in only.body


def test_the_promotion_mail_says_the_seat_is_confirmed_and_brings_the_calendar_file(
    client, series, register, django_capture_on_commit_callbacks
):
    register(series, 1, email="een@example.org")
    register(series, 1, email="twee@example.org")
    mail.outbox.clear()
    first = Registration.objects.get(email="een@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sessions:seat_cancel", args=[first.token, first.seats.get().pk]))

    (promoted,) = mails_to("twee@example.org")
    assert "Je plaats is bevestigd voor sessie 1" in promoted.body
    assert "Status: bevestigd" in promoted.body
    ((filename, content, mimetype),) = promoted.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert session(series, 1).ics_uid in content


def test_places_cost_no_query_per_seat(client, django_assert_max_num_queries):
    """The waiting-list place is one subquery per page, not a query per seat: the
    personal page, "Mijn aanmeldingen" and the series page answer in the same number
    of queries with 5 or 60 people waiting."""
    series = SeriesFactory(slug="drukte")
    sessions = [SessionFactory(series=series, order=n, capacity=1) for n in (1, 2, 3)]
    member = VerifiedUserFactory(email="lid@example.org")

    def wait(people, **details):
        for _ in range(people):
            registration = seat_for(sessions[0], "waiting", **details).registration
            for other in sessions[1:]:
                Seat.objects.create(registration=registration, session=other, status="waiting")

    wait(1, email="lid@example.org")
    wait(4)
    last = Registration.objects.order_by("-pk").first()
    urls = [
        last.get_absolute_url(),
        reverse("sessions:my_registrations"),
        reverse("sessions:series_detail", args=[series.slug]),
    ]
    client.force_login(member)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)

    wait(55)
    last = Registration.objects.order_by("-pk").first()
    urls[0] = last.get_absolute_url()

    for url, count in zip(urls, counts.values(), strict=True):
        with django_assert_max_num_queries(count):
            page = client.get(url).content.decode()
        if url == urls[0]:
            assert page.count("op de wachtlijst, plaats 60") == 3

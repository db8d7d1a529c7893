"""Registering for sessions as a visitor meets it: one form for several sessions, a mail
with the personal link and a calendar file, the waiting list, the personal page."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import OutgoingMail
from sessions_app.models import Registration, Seat
from tests.community.factories import VerifiedUserFactory
from tests.sessions.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    series = SeriesFactory(title="Co-creatie in het publieke domein", slug="co-creatie")
    start = timezone.now() + timedelta(days=10)
    for order in range(1, 5):
        SessionFactory(
            series=series,
            order=order,
            title=f"Fase {order}",
            starts_at=start + timedelta(days=7 * (order - 1)),
            capacity=2 if order == 3 else None,
        )
    return series


def session(series, order):
    return series.sessions.get(order=order)


def form(series, *orders, **changes):
    data = {
        "sessions": [session(series, order).pk for order in orders],
        "name": "Nynke de Boer",
        "email": "nynke@gemeente.example",
        "organisation": "Gemeente Nieuwegein",
        "role": "Projectleider",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    def post(series, *orders, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("sessions:register", args=[series.slug]), form(series, *orders, **changes)
            )

    return post


def personal_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/sessies/aanmelding/[^/\s]+/)", message.body).group(1)


def calendar_of(message) -> icalendar.Calendar:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    return icalendar.Calendar.from_ical(attachment[1])


def test_registering_for_two_sessions_confirms_by_mail_with_link_and_calendar(
    client, series, register
):
    response = register(series, 1, 3)

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Kijk in je e-mail" in page
    assert "/sessies/aanmelding/" not in page  # the link only goes to the mailbox
    (message,) = mail.outbox
    assert message.to == ["nynke@gemeente.example"]
    assert "Fase 1" in message.body and "Fase 3" in message.body and "Fase 2" not in message.body
    calendar = calendar_of(message)
    events = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "PUBLISH"
    assert [str(e["SUMMARY"]) for e in events] == [
        "Co-creatie in het publieke domein: Fase 1",
        "Co-creatie in het publieke domein: Fase 3",
    ]
    assert {str(e["UID"]) for e in events} == {
        session(series, 1).ics_uid,
        session(series, 3).ics_uid,
    }
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert "DTSTAMP" in event
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert "meet.example.org" not in message.body + calendar.to_ical().decode()

    personal = client.get(personal_link(message)).content.decode()
    assert "Nynke de Boer" in personal
    assert personal.count("Status:</strong> bevestigd") == 2
    assert "meet.example.org" not in personal  # not until the reminder


def test_registering_again_adds_sessions_but_never_a_duplicate(series, register):
    register(series, 1)
    first_page = register(series, 1, 2)

    registration = Registration.objects.get()
    assert sorted(registration.seats.values_list("session__order", flat=True)) == [1, 2]
    assert first_page.status_code == 302
    # Another attempt with nothing new: same answer, and no second mail so soon ...
    mail.outbox.clear()
    again = register(series, 1, name="Iemand anders")
    assert again.status_code == 302
    assert Seat.objects.count() == 2
    registration.refresh_from_db()
    assert registration.name == "Nynke de Boer"  # typing an address proves nothing
    assert mail.outbox == []
    # ... but later the owner gets their link again, saying nothing changed.
    Registration.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    register(series, 1)
    assert "er is niets veranderd" in mail.outbox[0].body


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(client, series, register):
    known = register(series, 1)
    unknown = register(series, 1, email="onbekend@gemeente.example")

    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).status_code == 200


def test_a_full_session_puts_you_on_the_waiting_list_and_a_freed_seat_promotes_the_first(
    client, series, register, django_capture_on_commit_callbacks
):
    register(series, 3, email="een@example.org", name="Een")
    register(series, 3, email="twee@example.org", name="Twee")
    register(series, 3, email="drie@example.org", name="Drie")
    register(series, 3, email="vier@example.org", name="Vier")
    third = mail.outbox[2]
    assert "op de wachtlijst" in third.body
    assert (
        "Fase 3"
        in client.get(reverse("sessions:series_detail", args=[series.slug])).content.decode()
    )
    assert (
        "Vol — wachtlijst"
        in client.get(reverse("sessions:series_detail", args=[series.slug])).content.decode()
    )
    mail.outbox.clear()

    first = Registration.objects.get(email="een@example.org")
    seat = first.seats.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sessions:seat_cancel", args=[first.token, seat.pk]))

    statuses = dict(Seat.objects.values_list("registration__name", "status"))
    assert statuses == {"Een": "cancelled", "Twee": "confirmed", "Drie": "confirmed",
                        "Vier": "waiting"}  # fmt: skip
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["drie@example.org", "een@example.org"]
    promoted = next(m for m in mail.outbox if m.to == ["drie@example.org"])
    assert "Er is een plaats vrij" in promoted.subject


def test_started_and_cancelled_sessions_cannot_be_chosen(client, series, register):
    cancelled = session(series, 2)
    cancelled.status = "cancelled"
    cancelled.save()
    started = session(series, 4)
    started.starts_at, started.ends_at = (
        timezone.now() - timedelta(minutes=5),
        timezone.now() + timedelta(minutes=55),
    )
    started.save()

    page = client.get(reverse("sessions:register", args=[series.slug])).content.decode()
    response = register(series, 1, 2)

    assert f'value="{cancelled.pk}"' not in page and f'value="{started.pk}"' not in page
    assert response.status_code == 200
    assert "kun je je niet (meer) aanmelden" in response.content.decode()
    assert not Registration.objects.exists()


def test_bad_input_gets_dutch_messages_and_nothing_typed_is_lost(series, register):
    response = register(series, email="geen-adres", consent="", name="", sessions=[])

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies minstens één sessie." in html
    assert "Vul je naam in." in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Geef toestemming" in html
    assert 'value="geen-adres"' in html and 'value="Gemeente Nieuwegein"' in html
    assert not Registration.objects.exists()


def test_the_honeypot_and_the_rate_limit_keep_bots_out(series, register):
    bot = register(series, 1, website="http://spam.example")
    assert bot.status_code == 302
    assert not Registration.objects.exists() and not mail.outbox

    for number in range(9):
        register(series, 1, email=f"mens{number}@example.org")
    blocked = register(series, 1, email="nummer11@example.org")

    assert blocked.status_code == 429
    assert "Probeer het over een uur opnieuw" in blocked.content.decode()
    assert not Registration.objects.filter(email="nummer11@example.org").exists()


def test_a_logged_in_member_finds_the_form_filled_in_and_their_registrations_listed(
    client, series, register
):
    member = VerifiedUserFactory(email="lid@gemeente.example")
    client.force_login(member)

    html = client.get(reverse("sessions:register", args=[series.slug])).content.decode()
    register(series, 2, email="lid@gemeente.example")

    assert 'value="lid@gemeente.example"' in html
    assert Registration.objects.get().user == member
    mine = client.get(reverse("sessions:my_registrations")).content.decode()
    assert series.title in mine and "Fase 2" in mine


def test_the_personal_page_adds_and_cancels_sessions(client, series, register):
    register(series, 1)
    link = personal_link(mail.outbox[0])
    registration = Registration.objects.get()

    client.post(
        reverse("sessions:registration_add", args=[registration.token]),
        {"sessions": [session(series, 4).pk]},
    )
    seat = registration.seats.get(session__order=1)
    client.post(reverse("sessions:seat_cancel", args=[registration.token, seat.pk]))

    page = client.get(link).content.decode()
    assert dict(registration.seats.values_list("session__order", "status")) == {
        1: "cancelled",
        4: "confirmed",
    }
    assert "Status:</strong> afgemeld" in page


def test_the_meeting_link_never_appears_on_public_pages_or_calendars(client, series):
    secret = session(series, 1).meeting_url
    urls = [
        reverse("sessions:series_list"),
        reverse("sessions:series_detail", args=[series.slug]),
        reverse("sessions:register", args=[series.slug]),
        reverse("sessions:series_ics", args=[series.slug]),
        reverse("sessions:session_ics", args=[series.slug, 1]),
        reverse("feed"),
        reverse("sitemap"),
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.content.decode(), url


def test_a_registration_is_kept_while_the_mail_server_is_down_and_mailed_later(
    series, register, settings
):
    settings.EMAIL_BACKEND = "tests.sessions.broken_mail.RefusingBackend"

    response = register(series, 1)

    assert response.status_code == 302
    assert Registration.objects.filter(email="nynke@gemeente.example").exists()
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is None and queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error
    assert not mail.outbox

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command

    call_command("send_queued_mail")

    (message,) = mail.outbox
    assert message.to == ["nynke@gemeente.example"]
    assert message.attachments  # the calendar file survived the wait
    queued.refresh_from_db()
    assert queued.sent_at is not None


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_in_production_the_task_worker_sends_the_confirmation(series, register, settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    register(series, 1)

    assert not mail.outbox  # queued, not sent by the web request
    assert DBTaskResult.objects.filter(task_path="cocreatie.core.mail.deliver_mail").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    (message,) = mail.outbox
    assert message.to == ["nynke@gemeente.example"]
    assert OutgoingMail.objects.get().sent_at is not None

"""What a registration does while it holds the locks on its sessions, and what it leaves
for the task that sends the mail: few statements, the same number however many people
registered before, and a mail written when it is sent, from what is true then."""

import icalendar
import pytest
from django.contrib.sessions.models import Session as BrowserSession
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreatie.core import mail as outbox
from cocreatie.core.models import OutgoingMail
from sessions_app import calendar, services
from sessions_app.models import Seat
from sessions_app.views import REGISTERED_COOKIE
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    series = SeriesFactory(slug="samen-ontwerpen")
    for order in (1, 2):
        SessionFactory(series=series, order=order, title=f"Sessie {order}", capacity=100)
    return series


def form(series, email="lotte@gemeente.example", *orders):
    sessions = series.sessions.filter(order__in=orders or (1, 2))
    return {
        "sessions": [session.pk for session in sessions],
        "name": "Lotte Jansen",
        "email": email,
        "organisation": "Gemeente Zeist",
        "role": "",
        "consent": "on",
        "website": "",
    }


def register(client, series, data, capture):
    """The POST as the visitor's request runs it: its statements, and the callbacks it
    leaves for after the commit (not run yet)."""
    url = reverse("sessions:register", args=[series.slug])
    with CaptureQueriesContext(connection) as queries, capture(execute=False) as callbacks:
        response = client.post(url, data)
    assert response.status_code == 302
    return queries, callbacks


def test_a_registration_for_two_sessions_takes_few_statements_however_full_the_sessions(
    client, series, django_capture_on_commit_callbacks
):
    first, _ = register(
        client, series, form(series, "een@gemeente.example"), django_capture_on_commit_callbacks
    )
    for number in range(40):
        for session in series.sessions.all():
            seat_for(session, email=f"deelnemer{number}-{session.order}@gemeente.example")

    later, callbacks = register(
        client, series, form(series, "twee@gemeente.example"), django_capture_on_commit_callbacks
    )

    assert len(later) == len(first)
    # Read the series, check the form, count the address, lock, count the seats, store
    # the registration, its seats and its mail (plus the savepoint around them here).
    assert len(later) <= 10, [query["sql"][:80] for query in later]
    assert len(callbacks) == 1  # the task that sends the mail: one insert in production
    assert Seat.objects.filter(registration__email="twee@gemeente.example").count() == 2


def test_the_mail_is_written_by_the_task_after_the_commit_not_under_the_lock(
    client, series, django_capture_on_commit_callbacks
):
    _, callbacks = register(client, series, form(series), django_capture_on_commit_callbacks)

    (row,) = OutgoingMail.objects.all()
    assert row.to == ["lotte@gemeente.example"]
    assert row.subject == "" and row.body == ""  # nothing written in the transaction
    assert row.write_later["writer"] == "sessions.registration_confirmation"
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    assert message.subject.startswith("[Cocreatie] ")
    assert "Lotte Jansen" in message.body and "Sessie 1" in message.body
    (attachment,) = message.attachments
    assert attachment[0] == "sessies.ics" and attachment[1].count("BEGIN:VEVENT") == 2
    row.refresh_from_db()
    assert row.write_later == {} and row.sent_at is not None
    assert row.subject == message.subject and row.body == message.body  # a retry sends this


def test_a_mail_written_later_tells_how_things_stand_then(
    client, django_capture_on_commit_callbacks
):
    series = SeriesFactory(slug="vol")
    session = SessionFactory(series=series, order=1, title="De volle sessie", capacity=1)
    taken = seat_for(session, email="eerder@gemeente.example")

    _, callbacks = register(client, series, form(series), django_capture_on_commit_callbacks)
    assert OutgoingMail.objects.filter(write_later__writer="sessions.waiting_list_joined").exists()
    services.seat_cancel(seat=taken)  # the seat comes free before the mails are written
    for callback in callbacks:
        callback()

    mine = [message for message in mail.outbox if message.to == ["lotte@gemeente.example"]]
    (confirmation,) = mine  # no mail about a waiting list the seat is no longer on
    assert "De volle sessie" in confirmation.body
    assert "wachtlijst" not in confirmation.subject.lower()
    assert not OutgoingMail.objects.filter(write_later__writer="sessions.waiting_list_joined")


def test_no_mail_is_written_for_a_registration_that_was_removed_in_between(
    client, series, django_capture_on_commit_callbacks
):
    _, callbacks = register(client, series, form(series), django_capture_on_commit_callbacks)
    services.registrations_purge(older_than_days=-30)  # anonymised

    for callback in callbacks:
        callback()

    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_a_mail_that_cannot_be_written_stays_queued_with_its_error(
    client, series, django_capture_on_commit_callbacks, monkeypatch
):
    _, callbacks = register(client, series, form(series), django_capture_on_commit_callbacks)
    writer = outbox.WRITERS["sessions.registration_confirmation"]

    def broken(**params):
        raise LookupError("template gone")

    monkeypatch.setitem(outbox.WRITERS, "sessions.registration_confirmation", broken)
    for callback in callbacks:
        callback()

    (row,) = OutgoingMail.objects.all()
    assert mail.outbox == []
    assert row.sent_at is None and row.sending_at is None and row.attempts == 1
    assert "template gone" in row.last_error
    monkeypatch.setitem(outbox.WRITERS, "sessions.registration_confirmation", writer)
    assert outbox.send_queued() == (1, 0)
    assert len(mail.outbox) == 1


def test_the_page_after_registering_shows_this_browser_what_it_sent_and_stores_no_session(
    client, series, django_capture_on_commit_callbacks
):
    register(client, series, form(series), django_capture_on_commit_callbacks)
    page = reverse("sessions:registered", args=[series.slug])

    response = client.get(page)

    assert "lotte@gemeente.example" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]  # never from the page cache
    assert not BrowserSession.objects.exists()
    cookie = client.cookies[REGISTERED_COOKIE]
    assert cookie["httponly"] and cookie["path"] == page

    client.cookies[REGISTERED_COOKIE] = cookie.value[:-3] + "abc"  # tampered with
    assert "@gemeente.example" not in client.get(page).content.decode()
    client.cookies.pop(REGISTERED_COOKIE)
    assert "@gemeente.example" not in client.get(page).content.decode()


def test_the_time_zone_of_the_calendar_files_is_built_once_per_process(series, monkeypatch):
    calendar._vtimezone.cache_clear()
    built = []
    from_tzid = icalendar.Timezone.from_tzid

    def counted(tzid, **kwargs):
        built.append(tzid)
        return from_tzid(tzid, **kwargs)

    monkeypatch.setattr(icalendar.Timezone, "from_tzid", counted)
    files = [calendar.build_calendar(series.sessions.all()) for _ in range(3)]

    assert built == ["Europe/Amsterdam"]
    zones = {content.split(b"BEGIN:VEVENT")[0].split(b"BEGIN:VTIMEZONE", 1)[1] for content in files}
    assert len(zones) == 1 and b"TZOFFSETTO:+0200" in zones.pop()  # summer time included
    for content in files:
        parsed = icalendar.Calendar.from_ical(content)
        assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        kinds = [component.name for component in parsed.subcomponents]
        assert kinds == ["VTIMEZONE", "VEVENT", "VEVENT"]  # the zone before the events

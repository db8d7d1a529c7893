"""The meeting link goes out once, at the latest a day before; afterwards participants
are invited to the co-evaluation, once."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sessions_app import services
from sessions_app.models import Evaluation, Seat
from tests.community.factories import ModeratorFactory
from tests.sessions.factories import SeatFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_actor():
    return ModeratorFactory()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run_command(name="send_session_reminders"):
        with django_capture_on_commit_callbacks(execute=True):
            call_command(name, stdout=io.StringIO())

    return run_command


def in_hours(hours):
    return timezone.now() + timedelta(hours=hours)


def test_the_reminder_with_the_link_goes_out_once_within_a_day_of_the_session(client, run):
    tomorrow = SessionFactory(starts_at=in_hours(20), ends_at=in_hours(21))
    next_week = SessionFactory(starts_at=in_hours(24 * 7), ends_at=in_hours(24 * 7 + 1))
    seat = SeatFactory(session=tomorrow)
    SeatFactory(session=next_week)
    SeatFactory(session=tomorrow, status=Seat.Status.WAITING)
    SeatFactory(session=tomorrow, status=Seat.Status.CANCELLED)
    personal = reverse("sessions:registration", args=[seat.registration.token])

    run()
    run()  # a second run (or a second copy at the same time) sends nothing more

    (reminder,) = mail.outbox
    assert reminder.to == [seat.registration.email]
    assert tomorrow.meeting_url in reminder.body
    assert "Zet je camera aan" in reminder.body  # the joining tips
    assert tomorrow.meeting_url in client.get(personal).content.decode()


def test_the_personal_page_keeps_the_link_hidden_until_the_reminder(client, run):
    session = SessionFactory(starts_at=in_hours(48), ends_at=in_hours(49))
    seat = SeatFactory(session=session)
    personal = reverse("sessions:registration", args=[seat.registration.token])

    before = client.get(personal).content.decode()
    run()

    assert session.meeting_url not in before
    assert not mail.outbox  # still two days to go


def test_a_late_registration_gets_the_link_in_the_confirmation_and_no_second_mail(
    client, run, django_capture_on_commit_callbacks
):
    soon = SessionFactory(starts_at=in_hours(3), ends_at=in_hours(4))

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            series=soon.series, sessions=[soon], name="Laat", email="laat@example.org"
        )
    run()

    (confirmation,) = mail.outbox
    assert soon.meeting_url in confirmation.body


def test_two_reminder_runs_at_once_send_each_reminder_once(run):
    session = SessionFactory(starts_at=in_hours(10), ends_at=in_hours(11))
    seats = [SeatFactory(session=session) for _ in range(5)]

    # The second run finds every seat already reminded or locked by the first.
    run()
    services.reminders_send()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.registration.email for s in seats)


def test_after_the_session_participants_are_invited_to_evaluate_once(client, run):
    ended = SessionFactory(starts_at=in_hours(-3), ends_at=in_hours(-2), order=2)
    seat = SeatFactory(session=ended)
    SeatFactory(session=ended, status=Seat.Status.CANCELLED)

    run()
    run()

    (invitation,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(\S+/evaluatie/2/)", invitation.body).group(1)
    page = client.get(link)
    assert f"Co-evaluatie: {ended.title}" in page.content.decode()
    bad = client.post(link, {"score": "9", "keep": "", "improve": ""})
    assert "Kies een cijfer van 1 tot 5." in bad.content.decode()
    client.post(link, {"score": "4", "keep": "Het interview", "improve": "Meer tijd"})
    again = client.post(link, {"score": "1", "keep": "", "improve": ""})

    evaluation = Evaluation.objects.get()
    assert (evaluation.score, evaluation.keep, evaluation.session) == (4, "Het interview", ended)
    assert "al beoordeeld" in client.get(link).content.decode()
    assert again.status_code == 200
    assert "Je hebt deze sessie al beoordeeld" in again.content.decode()
    assert Evaluation.objects.count() == 1
    assert seat.registration.email in invitation.to


def test_a_session_that_has_not_been_held_cannot_be_evaluated(client):
    seat = SeatFactory(session=SessionFactory(starts_at=in_hours(5), ends_at=in_hours(6)))

    url = reverse("sessions:evaluation", args=[seat.registration.token, seat.session.order])

    assert client.get(url).status_code == 404


def test_the_mail_and_the_personal_page_follow_the_same_link_rule(client, run, moderator_actor):
    without_link = SessionFactory(starts_at=in_hours(5), ends_at=in_hours(6), meeting_url="")
    waiting_for_link = SeatFactory(session=without_link)
    with_link = SessionFactory(starts_at=in_hours(7), ends_at=in_hours(8))
    reminded = SeatFactory(session=with_link)

    run()

    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "(de organisatie stuurt de link nog)" in by_address[waiting_for_link.registration.email]
    assert with_link.meeting_url in by_address[reminded.registration.email]
    page = client.get(reverse("sessions:registration", args=[reminded.registration.token]))
    assert with_link.meeting_url in page.content.decode()

    # Once the session is cancelled the link is gone from the page.
    services.session_cancel(session=with_link, message="Gaat niet door.", actor=moderator_actor)
    page = client.get(reverse("sessions:registration", args=[reminded.registration.token]))
    assert with_link.meeting_url not in page.content.decode()

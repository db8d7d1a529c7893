"""When the co-evaluation questions go out: from half an hour after a session (time for
the organiser to tick who was there), to those ticked present, or to everyone confirmed
when nobody recorded attendance; one reminder three days later, only to those who have
not answered."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sessions_app import attendance, services
from sessions_app.models import Evaluation, Seat
from tests.community.factories import OrganiserFactory
from tests.sessions.factories import SessionFactory, seat_for

pytestmark = pytest.mark.django_db

INVITATION = "drie korte vragen"
REMINDER = "Nog even: wat vond je van"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the scheduled command at ``now`` (default: the real clock); returns its output."""

    def run(now=None):
        with django_capture_on_commit_callbacks(execute=True):
            if now is None:
                out = io.StringIO()
                call_command("send_session_reminders", stdout=out)
                return out.getvalue()
            services.reminders_send(now=now)
            services.evaluation_invitations_send(now=now)
            services.evaluation_reminders_send(now=now)
            return ""

    return run


def ended(minutes_ago, **kwargs):
    ends_at = timezone.now() - timedelta(minutes=minutes_ago)
    return SessionFactory(starts_at=ends_at - timedelta(hours=1), ends_at=ends_at, **kwargs)


def recipients(subject_part) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if subject_part in m.subject)


def test_when_attendance_is_recorded_only_those_ticked_are_invited(send, client):
    session = ended(minutes_ago=60)
    there = seat_for(session, email="aanwezig@example.org")
    absent = seat_for(session, email="afwezig@example.org")
    attendance.attendance_update(session=session, present=[there], actor=OrganiserFactory())

    output = send()

    assert recipients(INVITATION) == ["aanwezig@example.org"]
    assert "1 co-evaluation invitation(s)" in output
    # The one left out cannot open the questions either.
    page = f"/sessies/aanmelding/{absent.registration.token}/evaluatie/{session.order}/"
    assert client.get(page).status_code == 404


def test_without_recorded_attendance_everyone_confirmed_is_invited(send):
    session = ended(minutes_ago=60)
    for name in ("anna", "bram"):
        seat_for(session, email=f"{name}@example.org")
    seat_for(session, Seat.Status.WAITING, email="wachtend@example.org")
    seat_for(session, Seat.Status.CANCELLED, email="afgemeld@example.org")

    send()

    assert recipients(INVITATION) == ["anna@example.org", "bram@example.org"]


def test_nobody_is_invited_in_the_first_half_hour_after_the_end(send):
    session = ended(minutes_ago=20)
    seat_for(session, email="anna@example.org")

    send()
    assert recipients(INVITATION) == []

    send(now=timezone.now() + timedelta(minutes=11))
    assert recipients(INVITATION) == ["anna@example.org"]


def test_nobody_is_invited_for_a_session_more_than_14_days_ago(send):
    seat_for(ended(minutes_ago=15 * 24 * 60), email="anna@example.org")

    send()

    assert recipients(INVITATION) == []


def test_one_reminder_after_three_days_and_none_to_those_who_answered(send):
    session = ended(minutes_ago=60)
    answered = seat_for(session, email="beantwoord@example.org")
    silent = seat_for(session, email="stil@example.org")
    send()
    assert recipients(INVITATION) == ["beantwoord@example.org", "stil@example.org"]
    Evaluation.objects.create(session=session, seat=answered, score=4)
    now = timezone.now()

    send(now=now + timedelta(days=2, hours=23))
    assert recipients(REMINDER) == []

    send(now=now + timedelta(days=3, minutes=1))
    send(now=now + timedelta(days=4))
    send(now=now + timedelta(days=10))

    assert recipients(REMINDER) == ["stil@example.org"]
    (reminder,) = [m for m in mail.outbox if REMINDER in m.subject]
    link = re.search(r"https?://\S+/evaluatie/(\d+)/", reminder.body)
    assert link and link.group(0).endswith(
        f"/sessies/aanmelding/{silent.registration.token}/evaluatie/{session.order}/"
    )
    silent.refresh_from_db()
    assert silent.evaluation_reminded_at is not None
    assert len(recipients(INVITATION)) == 2  # the invitation itself went out once


def test_the_command_reports_the_reminders(send):
    session = ended(minutes_ago=60)
    seat = seat_for(session)
    Seat.objects.filter(pk=seat.pk).update(
        evaluation_invited_at=timezone.now() - timedelta(days=3, minutes=5)
    )

    output = send()

    assert "1 co-evaluation reminder(s)" in output
    assert recipients(REMINDER) == [seat.registration.email]

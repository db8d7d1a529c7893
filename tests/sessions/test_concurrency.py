"""No overbooking under concurrent sign-ups: many registrations at once, each in its
own thread and database connection, against a session with few seats; and a change of
the number of seats takes the same lock.

Runs on PostgreSQL (as CI does); SQLite has no row locks and lets one writer in at a
time, so there is nothing to race there.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from sessions_app import services
from sessions_app.models import Seat, Session
from tests.community.factories import ModeratorFactory
from tests.sessions.factories import RegistrationFactory, SeatFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL guarantee"
    ),
]

PEOPLE, SEATS, THREADS = 200, 50, 40


class CountWindow(list):
    """The seat counts made while the window was open (one per sign-up), and how long it
    stays open between counting and taking a seat."""

    seconds = 0.005


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting seats and taking one, as a busy server would.
    Gives the counts made, so a test shows the window was really there."""
    count = services._seat_counts
    window = CountWindow()

    def slowly(sessions):
        result = count(sessions)
        window.append(result)
        time.sleep(window.seconds)
        return result

    monkeypatch.setattr(services, "_seat_counts", slowly)
    return window


def sign_up_everyone(session):
    def sign_up(number):
        try:
            services.registration_create(
                series=session.series,
                sessions=[session],
                name=f"Deelnemer {number}",
                email=f"deelnemer{number}@example.org",
            )
            return None
        except Exception as error:  # noqa: BLE001 - every failure is a test failure
            return repr(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return [error for error in pool.map(sign_up, range(PEOPLE)) if error]


def seats_by_status(session):
    return {
        status: Seat.objects.filter(session=session, status=status).count()
        for status in ("confirmed", "waiting")
    }


def test_two_hundred_at_once_for_fifty_seats_fill_exactly_fifty(settings, slow_count):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    session = SessionFactory(capacity=SEATS)

    errors = sign_up_everyone(session)

    assert errors == []
    assert len(slow_count) == PEOPLE
    assert seats_by_status(session) == {"confirmed": SEATS, "waiting": PEOPLE - SEATS}
    assert Seat.objects.filter(session=session).values("registration").distinct().count() == PEOPLE


def test_without_the_lock_the_same_rush_overbooks(settings, slow_count, monkeypatch):
    """The control run: proof that the test above would catch a missing lock. Its window
    is wider: each sign-up (with its mail, sent at once in the tests) holds the
    interpreter for tens of milliseconds, so a window of a few only rarely overlaps."""
    slow_count.seconds = 0.5
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    session = SessionFactory(capacity=SEATS)
    monkeypatch.setattr(
        services,
        "_lock_sessions",
        lambda pks: list(Session.objects.filter(pk__in=list(pks)).select_related("series")),
    )

    sign_up_everyone(session)

    assert len(slow_count) == PEOPLE
    assert seats_by_status(session)["confirmed"] > SEATS


def test_a_capacity_change_waits_for_a_sign_up_that_holds_the_session(settings):
    """While one transaction holds the session row (as a sign-up does while it counts
    seats), a change of the number of seats waits, then counts what that sign-up left."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    session = SessionFactory(capacity=1)
    SeatFactory(session=session, status=Seat.Status.CONFIRMED)
    waiting = [
        SeatFactory(
            session=session,
            status=Seat.Status.WAITING,
            registration=RegistrationFactory(series=session.series),
        )
        for _ in range(3)
    ]
    moderator = ModeratorFactory()

    def change():
        try:
            return services.session_capacity_change(session=session, capacity=3, actor=moderator)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        with transaction.atomic():
            services._lock_sessions([session.pk])
            # A late sign-up takes the seat that is still free, under the same lock.
            SeatFactory(session=session, status=Seat.Status.CONFIRMED)
            changing = pool.submit(change)
            time.sleep(0.5)
            assert not changing.done(), "the change did not wait for the lock"
        promoted = changing.result(timeout=10)

    # capacity 3, 2 confirmed when the change ran: one seat left for the first waiting.
    assert [seat.pk for seat in promoted] == [waiting[0].pk]
    assert seats_by_status(session) == {"confirmed": 3, "waiting": 2}

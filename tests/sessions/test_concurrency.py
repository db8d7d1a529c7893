"""No overbooking under concurrent sign-ups: many registrations at once, each in its
own thread and database connection, against a session with few seats.

Runs on PostgreSQL (as CI does); SQLite has no row locks and lets one writer in at a
time, so there is nothing to race there.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from sessions_app import services
from sessions_app.models import Seat, Session
from tests.sessions.factories import SessionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are a PostgreSQL guarantee"
    ),
]

PEOPLE, SEATS, THREADS = 200, 50, 40


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting seats and taking one, as a busy server would."""
    count = services._confirmed_count

    def slowly(session):
        result = count(session)
        time.sleep(0.005)
        return result

    monkeypatch.setattr(services, "_confirmed_count", slowly)


def sign_up_everyone(session):
    def sign_up(number):
        try:
            services.register(
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
    assert seats_by_status(session) == {"confirmed": SEATS, "waiting": PEOPLE - SEATS}
    assert Seat.objects.filter(session=session).values("registration").distinct().count() == PEOPLE


def test_without_the_lock_the_same_rush_overbooks(settings, slow_count, monkeypatch):
    """The control run: proof that the test above would catch a missing lock."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    session = SessionFactory(capacity=SEATS)
    monkeypatch.setattr(
        services,
        "_lock_sessions",
        lambda pks: list(Session.objects.filter(pk__in=list(pks)).select_related("series")),
    )

    sign_up_everyone(session)

    assert seats_by_status(session)["confirmed"] > SEATS

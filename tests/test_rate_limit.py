"""The rate limit counts every use with one statement, on every app server the same, and
starts afresh in each new window; it stores no address."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreatie.core import ratelimit
from cocreatie.core.models import RateCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """``clock.now``: the time the rate limit reads."""

    class Clock:
        now = datetime(2026, 12, 3, 10, 0, 5, tzinfo=UTC)

    monkeypatch.setattr(ratelimit.timezone, "now", lambda: Clock.now)
    return Clock


def test_each_use_is_one_statement_and_the_limit_holds_within_the_window(clock):
    with CaptureQueriesContext(connection) as queries:
        allowed = [ratelimit.allow("contact:10.0.0.1", limit=3, period=3600) for _ in range(5)]

    assert allowed == [True, True, True, False, False]
    assert len(queries) == 5
    (row,) = RateCount.objects.all()
    assert row.count == 5 and "10.0.0.1" not in row.key


def test_a_new_window_starts_the_count_afresh(clock):
    for _ in range(4):
        ratelimit.allow("contact:10.0.0.1", limit=3, period=3600)
    assert not ratelimit.allow("contact:10.0.0.1", limit=3, period=3600)

    clock.now += timedelta(hours=1)

    assert ratelimit.allow("contact:10.0.0.1", limit=3, period=3600)
    assert RateCount.objects.get().count == 1


def test_keys_and_periods_are_counted_apart(clock):
    for _ in range(3):
        ratelimit.allow("contact:10.0.0.1", limit=3, period=3600)

    assert ratelimit.allow("contact:10.0.0.2", limit=3, period=3600)
    assert ratelimit.allow("contact:10.0.0.1", limit=3, period=60)
    assert not ratelimit.allow("contact:10.0.0.1", limit=3, period=3600)


def test_counts_of_ended_windows_are_removed_now_and_then(clock, monkeypatch):
    ratelimit.allow("contact:10.0.0.1", limit=3, period=60)
    clock.now += timedelta(minutes=5)
    monkeypatch.setattr(ratelimit, "PURGE_ONE_IN", 1)

    ratelimit.allow("contact:10.0.0.2", limit=3, period=3600)

    assert RateCount.objects.count() == 1  # only the window that is still open

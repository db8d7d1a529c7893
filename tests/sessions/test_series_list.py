from datetime import timedelta

import pytest
from django.utils import timezone

from tests.sessions.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_upcoming_series_come_first_and_long_lists_are_paged(client):
    now = timezone.now()
    soon = SessionFactory(
        series=SeriesFactory(title="Binnenkort"), starts_at=now + timedelta(days=2)
    )
    for number in range(25):
        start = now - timedelta(days=30 + number)
        SessionFactory(series=SeriesFactory(title=f"Eerder {number:02d}"), starts_at=start,
                       ends_at=start + timedelta(hours=1))  # fmt: skip

    first = client.get("/sessies/").content.decode()
    second = client.get("/sessies/?eerder=2").content.decode()

    assert first.index(soon.series.title) < first.index("Eerder 00")
    assert "Eerder 19" in first and "Eerder 20" not in first
    assert "Eerder 24" in second and 'href="?eerder=2"' in first

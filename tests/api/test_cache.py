"""Anonymous answers are kept in the shared page cache, like pages, and a change of the
content they show makes new copies at once (``cocreatie.core.pagecache``)."""

import pytest
from django.core.cache import caches

from tests.roadmap.factories import PhaseFactory
from tests.sessions.factories import SessionFactory, seat_for

# Versions are raised when a transaction commits: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


def test_anonymous_answers_are_cached_until_the_content_changes(client):
    phase = PhaseFactory(title="Oude titel")
    assert client.get("/api/v1/phases")["X-Page-Cache"] == "miss"
    hit = client.get("/api/v1/phases")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["API-Version"] == "1.0.0" and hit["Link"]

    phase.title = "Nieuwe titel"
    phase.save()

    fresh = client.get("/api/v1/phases")
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.json()["results"][0]["title"] == "Nieuwe titel"


def test_a_seat_taken_refreshes_the_cached_session_lists(client):
    session = SessionFactory(capacity=5)
    for path in ("/api/v1/sessions", "/api/v1/session-series", f"/api/v1/sessions/{session.pk}"):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"

    seat_for(session)

    assert client.get("/api/v1/sessions").json()["results"][0]["seats_left"] == 4
    assert (
        client.get("/api/v1/session-series").json()["results"][0]["sessions"][0]["seats_left"] == 4
    )
    assert client.get(f"/api/v1/sessions/{session.pk}").json()["seats_left"] == 4


def test_a_change_elsewhere_leaves_the_knowledge_answers_cached(client):
    """The control: answers are refreshed by what they show, not by every change."""
    PhaseFactory()
    client.get("/api/v1/phases")
    client.get("/api/v1/sessions")

    SessionFactory()

    assert client.get("/api/v1/phases")["X-Page-Cache"] == "hit"
    assert client.get("/api/v1/sessions")["X-Page-Cache"] == "miss"

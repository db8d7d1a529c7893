"""What the API never shows: anything the public pages do not show either.

Cases in every state but published, hidden and withdrawn cases, unpublished knowledge
items and unpublished series are missing from the lists and answer 404 on their own
address; related items are named only when they are published. No answer holds a
personal field: no e-mail address, no meeting link, nobody who registered.
"""

import json

import pytest
from django.utils import timezone

from tests.api.conftest import ENDPOINTS
from tests.community.factories import CaseFactory
from tests.roadmap import factories as roadmap
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

NOT_PUBLISHED_STATES = ["draft", "submitted", "changes_requested", "rejected"]


@pytest.fixture
def hidden(world):
    """Items no visitor may see, each linked to the published items of ``world``."""
    from roadmap.models import Challenge

    phase = roadmap.PhaseFactory(is_published=False, tags=["geheim-label"])
    tool = roadmap.ToolFactory(is_published=False, tags=["geheim-label"])
    example = roadmap.ExampleFactory(is_published=False)
    article = roadmap.ArticleFactory(is_published=False)
    theme = roadmap.ThemeFactory(is_published=False)
    challenge = roadmap.ChallengeFactory(is_published=False)
    published_challenge = Challenge.objects.get(slug=world["challenge"])
    published_challenge.phases.add(phase)
    published_challenge.tools.add(tool)
    published_challenge.examples.add(example)
    cases = [
        CaseFactory(status=state, published_at=None, tags=["geheim-label"])
        for state in NOT_PUBLISHED_STATES
    ]
    cases.append(CaseFactory(is_hidden=True, hidden_reason="Spam"))
    cases.append(CaseFactory(deleted_at=timezone.now()))
    draft_series = SeriesFactory(is_published=False)
    draft_session = SessionFactory(series=draft_series)
    seat_for(draft_session, name="Bert Verborgen", email="bert.verborgen@example.org")
    return {
        "phases": [phase.slug],
        "tools": [tool.slug],
        "examples": [example.slug],
        "articles": [article.slug],
        "themes": [theme.slug],
        "challenges": [challenge.slug],
        "cases": [case.slug for case in cases],
        "session-series": [draft_series.slug],
        "sessions": [draft_session.pk],
        "tags": ["geheim-label"],
    }


def everything(client) -> str:
    """Every list at its largest page size and every listed item's own answer, as text."""
    texts = []
    for list_path, detail_path, _ in ENDPOINTS:
        body = client.get(f"{list_path}?page_size=100").json()
        texts.append(json.dumps(body))
        for item in body["results"]:
            key = item.get("slug", item.get("id"))
            texts.append(client.get(detail_path.format(key)).content.decode())
    return "\n".join(texts)


@pytest.mark.parametrize(("list_path", "detail_path", "key"), ENDPOINTS)
def test_hidden_items_are_not_listed_and_not_found(client, hidden, list_path, detail_path, key):
    kind = list_path.rsplit("/", 1)[1]
    listed = client.get(f"{list_path}?page_size=100").json()["results"]
    keys = {item.get("slug", item.get("id")) for item in listed}
    assert listed, "the published item is listed"
    for secret in hidden[kind]:
        assert secret not in keys
        response = client.get(detail_path.format(secret))
        assert response.status_code == 404, (kind, secret)
        assert response["Content-Type"] == "application/problem+json"


def test_related_items_are_named_only_when_published(client, hidden, world):
    challenge = client.get(f"/api/v1/challenges/{world['challenge']}").json()

    assert challenge["phases"] == [world["phase"]]
    assert challenge["tools"] == [world["tool"]]
    assert challenge["examples"] == [world["example"]]


def test_no_personal_field_in_any_answer(client, hidden, world):
    text = everything(client)
    author = world["case_author"]
    session = world["session_object"]

    assert author.email not in text
    assert "@example.org" not in text  # no address of a member or a registrant
    assert session.meeting_url not in text
    assert "meet.example.org" not in text
    for name in ("Anna Aanmelder", "Bert Verborgen"):
        assert name not in text
    for field in ('"email"', '"meeting_url"', '"registrations"', '"seats"', '"moderator_message"',
                  '"hidden_reason"', '"first_name"', '"last_name"', '"bio"', '"role"'):  # fmt: skip
        assert field not in text
    # What the case page shows of its author is there: the chosen name.
    assert author.profile.display_name in text

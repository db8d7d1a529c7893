"""Every list answers in the same number of queries with 10 and with 1,000 items.

Each item names its tags and related items (phases of a challenge, the sessions of a
series with their free seats, the author and organisation of a case): without the
endpoints' select_related / prefetch_related each of those would cost a query per
item on the page, an N+1 that grows with the page size and the content.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from community.models import Case
from roadmap.models import Article, Challenge, Example, GuidingQuestion, Phase, Theme, Tool
from sessions_app.models import Registration, Seat, Session, SessionSeries
from tests.api.conftest import ENDPOINTS
from tests.community.factories import OrganisationFactory, VerifiedUserFactory

LISTS = [list_path for list_path, _, _ in ENDPOINTS]


def _knowledge(model, start: int, count: int, fields):
    return model.objects.bulk_create(
        model(slug=f"{model.__name__.lower()}-{n}", title=f"{model.__name__} {n}",
              summary="Kort.", body="Tekst.", body_html="<p>Tekst.</p>", **fields(n))
        for n in range(start, start + count)
    )  # fmt: skip


def add_content(start: int, count: int, *, author, organisation, tag) -> None:
    """``count`` published items of every kind, each with a tag and its relations."""
    phases = _knowledge(Phase, start, count, lambda n: {"order": n + 1, "short_title": "K"})
    GuidingQuestion.objects.bulk_create(
        GuidingQuestion(phase=phase, question="Hoe?", answer="Zo.") for phase in phases
    )
    tools = _knowledge(Tool, start, count, lambda n: {"kind": "methode"})
    examples = _knowledge(Example, start, count, lambda n: {"country": "Nederland"})
    challenges = _knowledge(Challenge, start, count, lambda n: {"number": n + 1})
    articles = _knowledge(Article, start, count, lambda n: {"kind": "achtergrond"})
    themes = _knowledge(Theme, start, count, lambda n: {"order": n})
    for model, items, relations in (
        (Tool, tools, {"phases": phases}),
        (Example, examples, {"phases": phases, "tools": tools}),
        (Challenge, challenges, {"phases": phases, "examples": examples, "tools": tools}),
        (Theme, themes, {"tools": tools, "examples": examples, "articles": articles}),
    ):
        for name, targets in relations.items():
            through = getattr(model, name).through
            source = f"{model.__name__.lower()}_id"
            target = f"{getattr(model, name).field.related_model.__name__.lower()}_id"
            through.objects.bulk_create(
                through(**{source: item.pk, target: other.pk})
                for item, other in zip(items, targets, strict=True)
            )
    now = timezone.now()
    cases = Case.objects.bulk_create(
        Case(slug=f"verhaal-{n}", title=f"Verhaal {n}", summary="Kort.", body="Tekst.",
             body_html="<p>Tekst.</p>", status="published", published_at=now,
             author=author, organisation=organisation)
        for n in range(start, start + count)
    )  # fmt: skip
    Case.phases.through.objects.bulk_create(
        Case.phases.through(case_id=case.pk, phase_id=phase.pk)
        for case, phase in zip(cases, phases, strict=True)
    )
    tagged = [
        TaggedItem(tag=tag, content_type=ContentType.objects.get_for_model(type(item)),
                   object_id=item.pk)
        for items in (phases, tools, examples, challenges, articles, themes, cases)
        for item in items
    ]  # fmt: skip
    TaggedItem.objects.bulk_create(tagged)
    series = SessionSeries.objects.bulk_create(
        SessionSeries(slug=f"reeks-{n}", title=f"Reeks {n}", summary="Kort.",
                      introduction="Inleiding.", organisers="HU", is_published=True)
        for n in range(start, start + count)
    )  # fmt: skip
    starts = now + timedelta(days=7)
    sessions = Session.objects.bulk_create(
        Session(series=one, order=1, title="Sessie", phase=phase, starts_at=starts,
                ends_at=starts + timedelta(hours=1), capacity=20,
                meeting_url="https://meet.example.org/geheim")
        for one, phase in zip(series, phases, strict=True)
    )  # fmt: skip
    registrations = Registration.objects.bulk_create(
        Registration(series=one, name="Deelnemer", email=f"d{one.pk}@example.org",
                     consent_at=now)
        for one in series
    )  # fmt: skip
    Seat.objects.bulk_create(
        Seat(session=session, registration=registration, status=Seat.Status.CONFIRMED)
        for session, registration in zip(sessions, registrations, strict=True)
    )


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_content(client, settings, django_assert_max_num_queries):
    settings.API_RATE_LIMIT = 0  # its purge of old rows runs now and then: one more query
    author, organisation = VerifiedUserFactory(), OrganisationFactory()
    tag = Tag.objects.create(name="wijk", slug="wijk")
    add_content(0, 10, author=author, organisation=organisation, tag=tag)
    paths = [f"{path}?page_size=100" for path in LISTS] + LISTS
    small = {path: queries(client, path) for path in paths}

    add_content(10, 990, author=author, organisation=organisation, tag=tag)
    for path in paths:
        with django_assert_max_num_queries(small[path]):
            response = client.get(path)
        assert response.json()["count"] >= 1000 or "tags" in path, path

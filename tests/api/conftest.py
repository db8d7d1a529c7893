import json

import pytest
from jsonschema import Draft202012Validator

from tests.community.factories import CaseFactory, OrganisationFactory, VerifiedUserFactory
from tests.roadmap import factories as roadmap
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

# Every endpoint: (list path, detail path template, the world's key for the detail).
ENDPOINTS = [
    ("/api/v1/phases", "/api/v1/phases/{}", "phase"),
    ("/api/v1/challenges", "/api/v1/challenges/{}", "challenge"),
    ("/api/v1/examples", "/api/v1/examples/{}", "example"),
    ("/api/v1/tools", "/api/v1/tools/{}", "tool"),
    ("/api/v1/themes", "/api/v1/themes/{}", "theme"),
    ("/api/v1/articles", "/api/v1/articles/{}", "article"),
    ("/api/v1/tags", "/api/v1/tags/{}", "tag"),
    ("/api/v1/cases", "/api/v1/cases/{}", "case"),
    ("/api/v1/session-series", "/api/v1/session-series/{}", "series"),
    ("/api/v1/sessions", "/api/v1/sessions/{}", "session"),
]


@pytest.fixture
def world(db):
    """One published item of every kind, linked to each other, with a tag."""
    phase = roadmap.PhaseFactory(tags=["wijk"])
    roadmap.GuidingQuestionFactory(phase=phase)
    tool = roadmap.ToolFactory(tags=["wijk"])
    tool.phases.add(phase)
    example = roadmap.ExampleFactory(tags=["wijk"])
    example.phases.add(phase)
    example.tools.add(tool)
    challenge = roadmap.ChallengeFactory(tags=["wijk"])
    challenge.phases.add(phase)
    challenge.examples.add(example)
    challenge.tools.add(tool)
    article = roadmap.ArticleFactory(tags=["wijk"], author="Hogeschool Utrecht")
    theme = roadmap.ThemeFactory(tags=["wijk"])
    theme.tools.add(tool)
    theme.examples.add(example)
    theme.articles.add(article)
    organisation = OrganisationFactory()
    case = CaseFactory(author=VerifiedUserFactory(), organisation=organisation, tags=["wijk"])
    case.phases.add(phase)
    case.challenges.add(challenge)
    series = SeriesFactory()
    session = SessionFactory(series=series, phase=phase, capacity=10)
    seat_for(session, name="Anna Aanmelder", email="anna.aanmelder@example.org")
    return {
        "phase": phase.slug,
        "tool": tool.slug,
        "example": example.slug,
        "challenge": challenge.slug,
        "article": article.slug,
        "theme": theme.slug,
        "tag": phase.tags.get().slug,
        "case": case.slug,
        "case_author": case.author,
        "series": series.slug,
        "session": session.pk,
        "session_object": session,
    }


@pytest.fixture(scope="session")
def openapi(django_db_blocker):
    from cocreatie.api.v1 import api

    with django_db_blocker.unblock():
        return json.loads(json.dumps(api.get_openapi_schema()))


def response_schema(openapi, path: str) -> dict:
    """The schema of the 200 answer of the operation at ``path`` (with {placeholders})."""
    operation = openapi["paths"][path]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def validator(openapi, schema: dict) -> Draft202012Validator:
    """A validator for ``schema`` that resolves its $refs in the document's components."""
    return Draft202012Validator({**schema, "components": openapi["components"]})

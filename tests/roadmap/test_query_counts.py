"""Every knowledge-base page answers in the same number of queries at 5 and 100 items.

Each page lists related items (phases of every challenge, examples of a phase, tags of
an item ...): without the views' select/prefetch_related each of those would cost one
query per listed item, an N+1 that grows with the content.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadmap.models import Article, Challenge, Example, Phase, Theme, Tool
from tests.roadmap.factories import (
    ArticleFactory,
    ChallengeFactory,
    ExampleFactory,
    GuidingQuestionFactory,
    PhaseFactory,
    ThemeFactory,
    ToolFactory,
)

PAGES = [
    "/",
    "/roadmap/",
    "/roadmap/{phase}/",
    "/uitdagingen/",
    "/uitdagingen/{challenge}/",
    "/voorbeelden/",
    "/voorbeelden/?land=Nederland&fase={phase}&uitdaging={challenge}&tag=samen",
    "/voorbeelden/{example}/",
    "/hulpmiddelen/",
    "/hulpmiddelen/{tool}/",
    "/themas/",
    "/themas/{theme}/",
    "/artikelen/",
    "/artikelen/{article}/",
    "/tags/samen/",
    "/zoeken/?q=tekst",
    "/sitemap.xml",
    "/feed/",
]

FIRST = {"phase": "fase-a", "challenge": "uitdaging-a", "example": "voorbeeld-a"}
FIRST |= {"tool": "hulpmiddel-a", "theme": "thema-a", "article": "artikel-a"}


def grow(to):
    """Make ``to`` items of each kind, all linked to the first item of every other kind."""
    factories = [
        (Phase, PhaseFactory, "phase"),
        (Tool, ToolFactory, "tool"),
        (Example, ExampleFactory, "example"),
        (Challenge, ChallengeFactory, "challenge"),
        (Article, ArticleFactory, "article"),
        (Theme, ThemeFactory, "theme"),
    ]
    made = {}
    for model, factory, key in factories:
        made[key] = []
        for number in range(model.objects.count(), to):
            slug = FIRST[key] if number == 0 else None
            extra = {"slug": slug} if slug else {}
            made[key].append(factory(tags=["samen", f"tag-{number % 7}"], **extra))
    first = {key: model.objects.get(slug=FIRST[key]) for model, _, key in factories}
    for phase in made["phase"]:
        GuidingQuestionFactory(phase=phase)
        GuidingQuestionFactory(phase=first["phase"])
    for tool in made["tool"]:
        tool.phases.add(first["phase"])
        first["example"].tools.add(tool)
    for example in made["example"]:
        example.phases.add(first["phase"])
        example.tools.add(first["tool"])
        first["challenge"].examples.add(example)
        first["theme"].examples.add(example)
    for challenge in made["challenge"]:
        challenge.phases.add(first["phase"])
        challenge.examples.add(first["example"])
        challenge.tools.add(first["tool"])
    for article in made["article"]:
        first["theme"].articles.add(article)
    for theme in made["theme"]:
        theme.tools.add(first["tool"])
        theme.examples.add(first["example"])
        theme.articles.add(first["article"])


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_content(client, django_assert_max_num_queries):
    urls = [page.format(**FIRST) for page in PAGES]
    grow(5)
    for url in urls:  # the first request stores the cache versions and related rankings
        client.get(url)
    small = {url: count_queries(client, url) for url in urls}

    grow(100)

    for url in urls:
        assert small[url] <= 15, f"{url} needs {small[url]} queries"
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200

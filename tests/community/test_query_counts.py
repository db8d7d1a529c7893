"""Community pages answer in the same number of queries with few or many cases,
comments and members: lists prefetch phases, organisations and author profiles, and a
case page fetches its comments with their authors in one go (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)
from tests.roadmap.factories import ChallengeFactory, ExampleFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    phase, challenge = PhaseFactory(slug="fase"), ChallengeFactory(slug="uitdaging")
    organisation = OrganisationFactory(slug="org")
    author = VerifiedUserFactory()
    author.profile.organisation = organisation
    author.profile.slug = "auteur"
    author.profile.save()
    case = CaseFactory(author=author, organisation=organisation, slug="verhaal", tags=["wijk"])
    case.phases.add(phase)
    case.challenges.add(challenge)
    return {"phase": phase, "challenge": challenge, "organisation": organisation,
            "author": author, "case": case}  # fmt: skip


def grow(world, n):
    for number in range(n):
        member = VerifiedUserFactory()
        member.profile.organisation = world["organisation"]
        member.profile.save()
        case = CaseFactory(author=member, organisation=world["organisation"], tags=["wijk"])
        case.phases.add(world["phase"])
        case.challenges.add(world["challenge"])
        CommentFactory(case=world["case"], author=member)
        CaseFactory(author=member, status="submitted", published_at=None)
        # The author's profile lists their cases, each with its organisation.
        CaseFactory(author=world["author"], organisation=OrganisationFactory())
        example = ExampleFactory()
        world["challenge"].examples.add(example)
        if number % 2:
            CommentFactory(case=world["case"], author=member, is_hidden=True)


PAGES = [
    ("anonymous", "/community/"),
    ("anonymous", "/community/?fase=fase&uitdaging=uitdaging&organisatie=gemeente&tag=wijk"),
    ("anonymous", "/community/verhalen/verhaal/"),
    ("member", "/community/verhalen/verhaal/"),
    ("anonymous", "/community/leden/auteur/"),
    ("anonymous", "/community/organisaties/org/"),
    ("author", "/community/mijn-verhalen/"),
    ("moderator", "/moderatie/"),
    ("moderator", "/moderatie/logboek/"),
    ("moderator", "/moderatie/verhalen/verhaal/"),
    ("anonymous", "/"),
]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_community_query_counts_do_not_grow(client, world, django_assert_max_num_queries):
    users = {"member": VerifiedUserFactory(), "author": world["author"],
             "moderator": ModeratorFactory()}  # fmt: skip

    def measure():
        counts = {}
        for role, url in PAGES:
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            counts[(role, url)] = count(client, url)
        return counts

    grow(world, 3)
    measure()  # the first request stores the cache versions and last-known figures
    small = measure()
    grow(world, 30)

    for (role, url), queries in small.items():
        assert queries <= 20, f"{url} as {role}: {queries} queries"
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200

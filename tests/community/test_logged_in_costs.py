"""What a logged-in page costs: nothing read per request that does not depend on the
page (the member's roles come with the member, the follow state with the case), the part
of a case page that is the same for everyone kept in the shared cache, and at most 12
queries on the pages members use most, set up as in production with Redis (here a cache
in this process, the sessions read from it)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreatie.core import following
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)
from tests.community.test_notifications import notify
from tests.roadmap.factories import ChallengeFactory, ExampleFactory
from tests.sessions.factories import RegistrationFactory, SeatFactory, SessionFactory

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response


@pytest.fixture
def as_with_redis(settings):
    """Caches outside the database and sessions read from them, as with REDIS_URL set."""
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", settings.PAGE_CACHE_ALIAS)
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 300
    for alias in ("default", settings.PAGE_CACHE_ALIAS):
        caches[alias].clear()


@pytest.fixture
def case_with_neighbours():
    """A published case with comments, a challenge, a colleague's case and an example
    about the same challenge (what the "Collega's met dezelfde uitdaging" part shows)."""
    challenge = ChallengeFactory(title="Weinig draagvlak")
    case = CaseFactory(status="published", title="Ons buurtplan")
    case.challenges.add(challenge)
    colleague = CaseFactory(status="published", title="Samen met de wijk")
    colleague.challenges.add(challenge)
    ExampleFactory(title="Leefbaarheid in de wijk").challenges.add(challenge)
    for _ in range(3):
        CommentFactory(case=case)
    return case


def test_a_logged_in_page_reads_the_member_with_their_roles_in_one_query(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    client.get(reverse("community:my_cases"))

    sql, _ = queries_of(client, reverse("community:my_cases"))

    assert not [query for query in sql if "auth_group" in query and "EXISTS" not in query]
    assert len([query for query in sql if 'FROM "community_user"' in query]) == 1


def test_a_role_taken_away_counts_on_the_next_request(client, settings):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    dashboard = reverse("community:moderation")
    assert client.get(dashboard).status_code == 200

    moderator.groups.remove(Group.objects.get(name=settings.MODERATORS_GROUP))

    assert client.get(dashboard).status_code == 403


def test_the_follow_button_knows_its_state_from_the_case_query(client, case_with_neighbours):
    member = VerifiedUserFactory()
    client.force_login(member)
    url = case_with_neighbours.get_absolute_url()

    sql, page = queries_of(client, url)
    assert not [
        query for query in sql if query.startswith('SELECT 1 AS "a" FROM "cocreatie_follow"')
    ]
    assert "Niet meer volgen" not in page.content.decode()

    following.follow(user=member, obj=case_with_neighbours)
    _, page = queries_of(client, url)
    assert "Niet meer volgen" in page.content.decode()


@pytest.mark.django_db(transaction=True)  # committed, as on a live site: versions move
def test_the_part_everyone_sees_alike_is_rendered_once_until_the_content_changes(
    client, as_with_redis, case_with_neighbours
):
    url = case_with_neighbours.get_absolute_url()
    reader, another = VerifiedUserFactory(), VerifiedUserFactory()
    client.force_login(reader)
    first_sql, first = queries_of(client, url)
    assert "Samen met de wijk" in first.content.decode()
    assert "Leefbaarheid in de wijk" in first.content.decode()

    client.force_login(another)
    second_sql, second = queries_of(client, url)

    def related(sql):  # the colleagues' cases and the examples, five of each at most
        return [query for query in sql if query.endswith("LIMIT 5")]

    assert related(first_sql) and not related(second_sql)
    assert "Samen met de wijk" in second.content.decode()

    newcomer = CaseFactory(status="published", title="Draagvlak in Dorpsstad")
    newcomer.challenges.add(*case_with_neighbours.challenges.all())
    _, third = queries_of(client, url)
    assert "Draagvlak in Dorpsstad" in third.content.decode()


def test_the_part_is_kept_per_language(client, as_with_redis, case_with_neighbours):
    url = case_with_neighbours.get_absolute_url()
    client.force_login(VerifiedUserFactory())
    assert "Collega's met dezelfde uitdaging" in client.get(url).content.decode()

    english = client.get("/en" + url).content.decode()

    assert "Collega's met dezelfde uitdaging" not in english


def test_the_pages_members_use_most_take_at_most_12_queries(
    client, as_with_redis, case_with_neighbours
):
    member = VerifiedUserFactory()
    for _ in range(3):
        CaseFactory(author=member, status="published")
        session = SessionFactory()
        registration = RegistrationFactory(series=session.series, user=member, email=member.email)
        SeatFactory(registration=registration, session=session)
    notify(member, n=5)
    client.force_login(member)
    pages = [
        case_with_neighbours.get_absolute_url(),  # with the comment form
        reverse("community:my_cases"),
        reverse("sessions:my_registrations"),
        reverse("community:notification_list"),
    ]
    for url in pages:
        client.get(url)  # the session and the shared part are in the cache from here on

    counts = {url: len(queries_of(client, url)[0]) for url in pages}

    assert all(count <= 12 for count in counts.values()), counts

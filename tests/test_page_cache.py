"""Anonymous visitors get pages from the shared cache; any change to what a page shows
makes a fresh copy at once, and logged-in members, forms and private pages are never
served from it."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreatie.core import pagecache
from community import services as community_services
from tests.community.factories import CaseFactory, CommentFactory, VerifiedUserFactory
from tests.roadmap.factories import ChallengeFactory
from tests.sessions.factories import SeatFactory, SessionFactory

# Transactions really commit here, as on a live site, so the versions move on commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.store().clear()  # the cache table outlives each test's data


def test_a_repeated_visit_is_served_from_the_cache_with_a_validator(
    client, django_assert_max_num_queries
):
    ChallengeFactory(title="Weinig draagvlak", slug="draagvlak")

    first = client.get("/uitdagingen/")
    with django_assert_max_num_queries(1):  # one round trip to the cache, nothing else
        second = client.get("/uitdagingen/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "Weinig draagvlak" in second.content.decode()
    assert second["Content-Security-Policy"] and second["Last-Modified"]
    etag = second["ETag"]
    unchanged = client.get("/uitdagingen/", headers={"if-none-match": etag})
    assert unchanged.status_code == 304


def test_a_change_shows_at_once(client):
    challenge = ChallengeFactory(title="Weinig draagvlak", slug="draagvlak")
    client.get("/uitdagingen/")

    challenge.title = "Te weinig draagvlak bij bestuurders"
    challenge.save()

    response = client.get("/uitdagingen/")
    assert response["X-Page-Cache"] == "miss"
    assert "Te weinig draagvlak bij bestuurders" in response.content.decode()


def test_changes_made_without_save_signals_show_at_once_too(client):
    case = CaseFactory(title="Buurtkamer")
    client.get(case.get_absolute_url())

    for _ in range(3):  # three reports hide it through queryset.update()
        community_services.report_create(
            reporter=VerifiedUserFactory(), item=case, reason="spam", text=""
        )

    assert client.get(case.get_absolute_url()).status_code == 404


def test_seats_left_follow_each_registration(client):
    session = SessionFactory(capacity=5)
    url = session.series.get_absolute_url()
    assert "Nog 5 plaatsen" in client.get(url).content.decode()

    SeatFactory(session=session)

    assert "Nog 4 plaatsen" in client.get(url).content.decode()


def test_logged_in_members_and_forms_are_never_served_from_the_cache(client):
    client.get("/contact/")
    assert "X-Page-Cache" not in client.get("/contact/")  # a form with a CSRF token

    member = VerifiedUserFactory()
    client.get("/")
    client.force_login(member)
    page = client.get("/")
    assert "X-Page-Cache" not in page
    assert "Uitloggen" in page.content.decode()


def test_private_pages_are_never_cached(client):
    seat = SeatFactory()
    url = reverse("sessions:registration", args=[seat.registration.token])

    client.get(url)
    response = client.get(url)

    assert "X-Page-Cache" not in response


def test_the_version_moves_only_after_the_commit(client):
    from django.db import transaction

    from cocreatie.core import pagecache

    knowledge, cache = pagecache.version_key("knowledge"), pagecache.store()
    client.get("/uitdagingen/")
    before = cache.get(knowledge)

    with transaction.atomic():
        ChallengeFactory(slug="een")
        ChallengeFactory(slug="twee")
        assert cache.get(knowledge) == before  # others still read the old data

    after = cache.get(knowledge)
    assert after != before
    assert client.get("/uitdagingen/")["X-Page-Cache"] == "miss"


def test_a_new_member_leaves_the_case_list_and_the_case_pages_cached(client):
    case = CaseFactory(status="published", title="Ons buurtplan")
    for url in ("/community/", case.get_absolute_url()):
        client.get(url)

    VerifiedUserFactory()  # signs up: a profile, listed on the member pages only

    assert client.get("/community/")["X-Page-Cache"] == "hit"
    assert client.get(case.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_member_who_commented_renames_and_the_case_page_shows_it(client):
    case = CaseFactory(status="published")
    commenter = VerifiedUserFactory()
    CommentFactory(case=case, author=commenter, body="Goed plan")
    assert commenter.profile.display_name in client.get(case.get_absolute_url()).content.decode()

    commenter.profile.display_name = "Fatima de Vries"
    commenter.profile.save()

    page = client.get(case.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Fatima de Vries" in page.content.decode()


def test_a_large_page_is_kept_gzipped_and_sent_as_each_client_takes_it(client):
    case = CaseFactory(status="published", body="Een lang verhaal over de wijk. " * 800)
    url = case.get_absolute_url()
    plain = client.get(url).content
    assert len(plain) > pagecache.COMPRESS_FROM_BYTES

    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    unpacked = client.get(url, headers={"accept-encoding": "identity"})
    refused = client.get(url, headers={"accept-encoding": "gzip;q=0, br"})

    assert packed["X-Page-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain
    assert len(packed.content) < len(plain) / 4
    for response in (unpacked, refused):
        assert not response.has_header("Content-Encoding")
        assert response.content == plain
    assert all("Accept-Encoding" in r["Vary"] for r in (packed, unpacked, refused))


def test_with_a_cache_outside_the_database_raising_a_version_costs_no_sql(settings):
    """With Redis a change (a registration) raises versions in one round trip, without
    the savepoint that protects a change from a broken cache table."""
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    before = pagecache.store().get(pagecache.version_key("community"))

    with CaptureQueriesContext(connection) as queries:
        pagecache.bump("community")

    assert len(queries) == 0
    assert pagecache.store().get(pagecache.version_key("community")) != before

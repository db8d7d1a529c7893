"""The case list pages by cursor: older and newer pages follow each other without gaps
or repeats, filters are kept, and a deep page costs the same queries as the first."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import task_backends

from bench.pages import case_list_page_url
from cocreatie.core import lastknown, pagecache
from tests.community.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    now = timezone.now()
    return [
        CaseFactory(title=f"Verhaal {n:02d}", published_at=now - timedelta(hours=n))
        for n in range(45)
    ]


def titles(response):
    return re.findall(r">(Verhaal \d\d)</a>", response.content.decode())


def link(response, rel):
    match = re.search(rf'href="(\?[^"]*)" rel="{rel}"', response.content.decode())
    return match and match.group(1).replace("&amp;", "&")


def test_older_and_newer_pages_cover_every_case_once(client, cases):
    first = client.get("/community/")
    second = client.get("/community/" + link(first, "next"))
    third = client.get("/community/" + link(second, "next"))
    back = client.get("/community/" + link(third, "prev"))

    seen = titles(first) + titles(second) + titles(third)
    assert seen == [f"Verhaal {n:02d}" for n in range(45)]
    assert link(third, "next") is None
    assert titles(back) == titles(second)
    assert "45 praktijkverhalen" in first.content.decode()


def test_filters_stay_on_the_next_page(client, cases):
    for case in cases[:30]:
        case.tags.add("wijk")

    first = client.get("/community/?tag=wijk")
    second = client.get("/community/" + link(first, "next"))

    assert "tag=wijk" in link(first, "next")
    assert titles(first) + titles(second) == [f"Verhaal {n:02d}" for n in range(30)]


def test_a_deep_page_costs_no_more_than_the_first(client, cases, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get("/community/")
    deep = case_list_page_url(3)

    with django_assert_max_num_queries(len(first)):
        response = client.get(deep)

    assert titles(response) == [f"Verhaal {n:02d}" for n in range(40, 45)]


def test_a_broken_cursor_shows_the_first_page(client, cases):
    response = client.get("/community/?na=kapot")

    assert response.status_code == 200
    assert titles(response)[0] == "Verhaal 00"


@pytest.mark.django_db(transaction=True)  # committed, as on a live site: versions move
def test_after_a_change_the_whole_list_shows_the_last_count_and_a_task_counts_again(
    client, settings
):
    """No reader waits for the count of every published case: after a change the list
    shows the last count at once and one task counts again for everyone."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    pagecache.store().clear()  # the cache table outlives each test's data
    for n in range(3):
        CaseFactory(title=f"Verhaal {n:02d}")
    assert "3 praktijkverhalen</h2>" in client.get("/community/").content.decode()

    CaseFactory(title="Verhaal 03")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/community/").content.decode()
    second = client.get("/community/").content.decode()  # another reader, before the task

    assert not [q for q in queries if q["sql"].startswith("SELECT COUNT(")]
    assert "X-Page-Cache" not in client.get("/community/")  # not kept: the count will change
    assert "3 praktijkverhalen</h2>" in first and "Verhaal 03" in first
    assert "3 praktijkverhalen</h2>" in second
    backend = task_backends["default"]
    assert [result.task.name for result in backend.results] == ["work_out"]

    lastknown.work_out.call(*backend.results[0].args)
    assert "4 praktijkverhalen</h2>" in client.get("/community/").content.decode()

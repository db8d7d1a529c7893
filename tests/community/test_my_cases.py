"""A member's own cases come 25 to a page, the most recently changed first, in as many
queries with 3 cases as with 60."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.community.factories import CaseFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'<td><a href="[^"]+" lang="nl">([^<]+)</a>', response.content.decode())


def test_the_cases_come_25_to_a_page_and_a_wrong_page_shows_the_nearest(client):
    member = VerifiedUserFactory()
    for number in range(30):
        CaseFactory(author=member, title=f"Verhaal {number:02}", status="draft")
    CaseFactory(title="Van iemand anders")
    client.force_login(member)
    url = reverse("community:my_cases")

    first, second = client.get(url), client.get(url, {"page": 2})

    assert titles(first) == [f"Verhaal {number:02}" for number in range(29, 4, -1)]
    assert titles(second) == [f"Verhaal {number:02}" for number in range(4, -1, -1)]
    assert "Pagina 1 van 2" in first.content.decode()
    assert titles(client.get(url, {"page": 99})) == titles(second)
    assert titles(client.get(url, {"page": "twee"})) == titles(first)


def test_the_page_takes_as_many_queries_with_few_or_many_cases(client):
    def queries_for(count):
        member = VerifiedUserFactory()
        for _ in range(count):
            CaseFactory(author=member, status="published")
        client.force_login(member)
        client.get(reverse("community:my_cases"))  # the session's first read
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("community:my_cases")).status_code == 200
        return len(queries)

    few, many = queries_for(3), queries_for(60)

    assert few == many <= 8

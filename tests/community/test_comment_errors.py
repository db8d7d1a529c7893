"""A comment with an error comes back like every other form on the site: the case page
itself (status 200, not a redirect), the error summary, the field marked invalid and
linked to its message, "Fout: " in the title, and what the member typed still there.
Nothing is stored, and no one else ever gets that page."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Comment
from tests.community.factories import CaseFactory, CommentFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(title="Buurtkamer in Houten")


def post_comment(client, case, body):
    client.force_login(VerifiedUserFactory())
    return client.post(reverse("community:comment_create", args=[case.slug]), {"body": body})


def form_token(page):
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def textarea(page):
    return re.search(r"<textarea[^>]*name=\"body\"[^>]*>(.*?)</textarea>", page, re.S)


@pytest.mark.parametrize("body", ["", "   \n  "], ids=["empty", "only spaces"])
def test_an_empty_comment_comes_back_on_the_case_page_with_the_error(client, case, body):
    response = post_comment(client, case, body)

    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Fout: Buurtkamer in Houten", page)
    assert 'class="error-summary"' in page
    assert page.index('class="error-summary"') < textarea(page).start()
    assert "Schrijf eerst je reactie." in page
    tag = textarea(page).group(0)
    assert 'aria-invalid="true"' in tag
    described_by = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
    for element_id in described_by:
        assert f'id="{element_id}"' in page
    error_id = next(element_id for element_id in described_by if element_id.endswith("_error"))
    error_block = page[page.index(f'id="{error_id}"') :][:200]
    assert "Schrijf eerst je reactie." in error_block
    assert not Comment.objects.exists()


def test_the_form_turns_off_browser_checks_and_keeps_its_place(client, case):
    client.force_login(VerifiedUserFactory())

    page = client.get(case.get_absolute_url()).content.decode()

    form = re.search(r'<form[^>]*id="reageren"[^>]*>', page).group(0)
    assert "novalidate" in form
    assert f'action="{reverse("community:comment_create", args=[case.slug])}#reageren"' in form
    assert "<title>Fout:" not in page
    assert "aria-invalid" not in textarea(page).group(0)


def test_what_was_typed_is_kept(client, case):
    too_long = "Een lange reactie over de buurtkamer. " * 100  # over 3,000 characters

    response = post_comment(client, case, too_long)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Je reactie is te lang" in page
    assert "Een lange reactie over de buurtkamer." in textarea(page).group(1)
    assert not Comment.objects.exists()


def test_a_good_comment_after_an_error_is_stored_once(client, case):
    client.force_login(VerifiedUserFactory())
    url = reverse("community:comment_create", args=[case.slug])
    token = form_token(client.get(case.get_absolute_url()).content.decode())

    first = client.post(url, {"body": " ", "form_token": token})
    assert form_token(first.content.decode()) == token  # the same form, sent again
    done = client.post(url, {"body": "Mooi gedaan!", "form_token": token})
    repeat = client.post(url, {"body": "Mooi gedaan!", "form_token": token})

    assert done.status_code == repeat.status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == ["Mooi gedaan!"]


def test_the_error_page_takes_as_many_queries_with_few_or_many_comments(
    client, django_assert_max_num_queries
):
    """The page with the error is the case page: its comments and their authors are
    fetched in one go, as on the page itself."""
    cache.clear()
    few, many = CaseFactory(), CaseFactory()
    CommentFactory(case=few)
    for _ in range(20):
        CommentFactory(case=many)
    client.force_login(VerifiedUserFactory())
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("community:comment_create", args=[few.slug]), {"body": ""})
    assert response.status_code == 200

    cache.clear()  # the rate limit counts afresh, as it did the first time
    with django_assert_max_num_queries(len(queries)):
        response = client.post(reverse("community:comment_create", args=[many.slug]), {"body": ""})
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_no_one_else_is_served_the_error_page(client, case, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.force_login(VerifiedUserFactory())
    visitor = Client()
    assert visitor.get(case.get_absolute_url()).status_code == 200

    url = reverse("community:comment_create", args=[case.slug])
    assert client.post(url, {"body": ""}).status_code == 200

    again = visitor.get(case.get_absolute_url())
    assert again.status_code == 200
    assert again["X-Page-Cache"] == "hit"  # the copy from before, not the member's page
    page = again.content.decode()
    assert "Fout:" not in page and "error-summary" not in page

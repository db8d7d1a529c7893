"""Every path that changes what visitors see reaches search and the page cache at once,
through ``cocreatie.core.content``; a change in one part of the site leaves the cached
pages of the other parts alone."""

import pytest
from django.test import Client
from django.urls import reverse

from community import services
from community.models import Case
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)
from tests.roadmap.factories import ChallengeFactory
from tests.sessions.factories import SeatFactory, SessionFactory

# Transactions really commit here, as on a live site, so the versions move on commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def found(query):
    """The addresses the search page lists for ``query``, as a visitor sees them."""
    response = Client().get(reverse("search"), {"q": query})
    return [result.url for result in response.context["results"]]


@pytest.fixture
def case():
    return CaseFactory(title="Buurtkamer Lunetten", body="Een huiskamer voor de wijk.")


def report_three_times(item):
    for _ in range(3):
        services.report_create(reporter=VerifiedUserFactory(), item=item, reason="spam")


def test_a_case_hidden_by_member_reports_leaves_search_and_comes_back(case):
    assert found("Lunetten") == [case.get_absolute_url()]

    report_three_times(case)
    assert found("Lunetten") == []

    services.content_restore(item=case, moderator=ModeratorFactory(), reason="Geen spam.")
    assert found("Lunetten") == [case.get_absolute_url()]


def test_a_case_hidden_by_a_moderator_leaves_search_and_comes_back(case):
    moderator = ModeratorFactory()

    services.content_hide(item=case, moderator=moderator, reason="Bevat een telefoonnummer.")
    assert found("Lunetten") == []

    services.content_restore(item=case, moderator=moderator, reason="Nummer is weg.")
    assert found("Lunetten") == [case.get_absolute_url()]


def admin_action(client, action, case, **data):
    return client.post(
        reverse("admin:community_case_changelist"),
        {"action": action, "_selected_action": [case.pk], "apply": "1", **data},
    )


def test_a_case_hidden_through_the_admin_leaves_search_and_the_author_is_told(
    case, client, mailoutbox
):
    client.force_login(ModeratorFactory())

    asked = client.post(
        reverse("admin:community_case_changelist"),
        {"action": "hide", "_selected_action": [case.pk]},
    )
    assert "Reden" in asked.content.decode()  # first the reason, nothing hidden yet
    assert found("Lunetten") == [case.get_absolute_url()]

    admin_action(client, "hide", case, reason="Bevat persoonsgegevens.")
    case.refresh_from_db()
    assert case.is_hidden and case.hidden_reason == "Bevat persoonsgegevens."
    assert found("Lunetten") == []
    assert [message.to for message in mailoutbox] == [[case.author.email]]
    assert "Bevat persoonsgegevens." in mailoutbox[0].body

    admin_action(client, "restore", case, reason="")
    assert found("Lunetten") == [case.get_absolute_url()]


def test_the_admin_form_cannot_hide_feature_or_publish_a_case(case, client):
    """Those fields carry rules (mail, log, search): the change form shows them only."""
    client.force_login(ModeratorFactory())
    url = reverse("admin:community_case_change", args=[case.pk])
    form = client.get(url).context["adminform"].form

    assert not {"is_hidden", "is_featured", "published_at"} & set(form.fields)


def test_a_hidden_comment_leaves_the_cached_case_page_at_once(case):
    comment = CommentFactory(case=case, body="Bel me op 06-12345678.")
    visitor = Client()
    assert "06-12345678" in visitor.get(case.get_absolute_url()).content.decode()
    assert visitor.get(case.get_absolute_url())["X-Page-Cache"] == "hit"

    report_three_times(comment)
    page = visitor.get(case.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "06-12345678" not in page.content.decode()

    services.content_restore(item=comment, moderator=ModeratorFactory())
    assert "06-12345678" in visitor.get(case.get_absolute_url()).content.decode()


def test_a_tag_used_only_on_a_case_has_a_tag_page_that_lists_it():
    case = CaseFactory(title="Samen de speeltuin ontwerpen", tags=["speeltuin"])
    CaseFactory(title="Nog in concept", status="draft", published_at=None, tags=["speeltuin"])

    response = Client().get(reverse("tag_detail", args=["speeltuin"]))

    assert response.status_code == 200
    page = response.content.decode()
    assert case.get_absolute_url() in page and "Praktijkverhalen" in page
    assert "Nog in concept" not in page


def test_a_new_member_leaves_the_cached_roadmap_pages_alone():
    challenge = ChallengeFactory(title="Weinig draagvlak", slug="draagvlak")
    visitor = Client()
    visitor.get(challenge.get_absolute_url())
    assert visitor.get(challenge.get_absolute_url())["X-Page-Cache"] == "hit"

    signed_up = Client().post(
        reverse("account_signup"),
        {
            "email": "nieuw@gemeente.example",
            "password1": "een-lang-wachtwoord-2026",
            "password2": "een-lang-wachtwoord-2026",
        },
    )
    assert signed_up.status_code == 302
    VerifiedUserFactory()  # a confirmed member with a profile

    assert visitor.get(challenge.get_absolute_url())["X-Page-Cache"] == "hit"
    assert visitor.get("/uitdagingen/")["X-Page-Cache"] == "miss"  # first visit
    assert visitor.get("/uitdagingen/")["X-Page-Cache"] == "hit"


def test_a_registration_for_one_series_leaves_the_other_series_cached():
    first, other = SessionFactory(capacity=5), SessionFactory(capacity=5)
    roadmap = ChallengeFactory().get_absolute_url()
    visitor = Client()
    for url in (first.series.get_absolute_url(), other.series.get_absolute_url(), roadmap):
        visitor.get(url)

    SeatFactory(session=first)

    page = visitor.get(first.series.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Nog 4 plaatsen" in page.content.decode()
    assert visitor.get(other.series.get_absolute_url())["X-Page-Cache"] == "hit"
    assert visitor.get(roadmap)["X-Page-Cache"] == "hit"


def test_a_change_to_the_knowledge_base_shows_on_community_pages_at_once(case):
    challenge = ChallengeFactory(title="Weinig draagvlak")
    case.challenges.add(challenge)
    visitor = Client()
    assert "Weinig draagvlak" in visitor.get(case.get_absolute_url()).content.decode()

    challenge.title = "Te weinig draagvlak bij bestuurders"
    challenge.save()

    page = visitor.get(case.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Te weinig draagvlak bij bestuurders" in page.content.decode()


def test_featuring_a_case_shows_on_the_cached_home_page_at_once(case):
    visitor = Client()
    visitor.get("/")
    assert visitor.get("/")["X-Page-Cache"] == "hit"

    services.case_feature(case=case, moderator=ModeratorFactory(), featured=True)

    page = visitor.get("/")
    assert page["X-Page-Cache"] == "miss"
    assert Case.objects.get(pk=case.pk).is_featured

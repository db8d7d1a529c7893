"""Following: one button (a POST form, no JavaScript needed) on every page of something
a member can follow, "Mijn volglijst" with unfollow, and the follows that come by
themselves when a member writes a case or a comment."""

import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from taggit.models import Tag

from cocreatie.core import following
from cocreatie.core.models import Follow
from community import services
from tests.community.factories import (
    CaseFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)
from tests.roadmap.factories import ChallengeFactory, PhaseFactory, ThemeFactory
from tests.sessions.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as read aloud: inline spans joined to their words, other tags a space."""
    content = re.sub(r"</?span[^>]*>", "", response.content.decode())
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", content).split()))


def follow_url(obj) -> str:
    return reverse("community:follow", args=[following.key_of(obj), obj.pk])


@pytest.fixture
def member(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    return member


def test_a_member_follows_and_unfollows_a_challenge_with_the_button(client, member):
    challenge = ChallengeFactory(title="Draagvlak", slug="draagvlak")
    page = client.get(challenge.get_absolute_url())
    assert "Volgen: uitdaging ‘Draagvlak’" in text(page)  # the button's whole name
    assert f'action="{follow_url(challenge)}"' in page.content.decode()

    response = client.post(
        follow_url(challenge), {"action": "volgen", "next": challenge.get_absolute_url()}
    )

    assert response.status_code == 302 and response["Location"] == challenge.get_absolute_url()
    assert following.is_following(member, challenge)
    page = client.get(response["Location"])
    assert "Je volgt nu uitdaging ‘Draagvlak’." in text(page)
    assert "Niet meer volgen: uitdaging ‘Draagvlak’" in text(page)

    client.post(follow_url(challenge), {"action": "ontvolgen", "next": "/"})
    assert not following.is_following(member, challenge)
    assert "Je volgt uitdaging ‘Draagvlak’ niet meer." in text(client.get("/"))


def test_following_twice_is_one_follow(client, member):
    phase = PhaseFactory()
    client.post(follow_url(phase), {"action": "volgen"})
    client.post(follow_url(phase), {"action": "volgen"})
    assert Follow.objects.filter(user=member).count() == 1


def test_the_follow_form_only_takes_a_post_from_a_member(client):
    challenge = ChallengeFactory()
    anonymous = client.post(follow_url(challenge), {"action": "volgen"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(
        reverse("account_login")
    )
    client.force_login(VerifiedUserFactory())
    assert client.get(follow_url(challenge)).status_code == 405
    assert not Follow.objects.exists()


def test_what_may_not_be_followed_is_404(client, member):
    unpublished = ChallengeFactory(is_published=False)
    draft = CaseFactory(status="draft", published_at=None)
    hidden = CaseFactory(is_hidden=True)
    unlisted = VerifiedUserFactory()
    unlisted.profile.is_listed = False
    unlisted.profile.save()
    for url in [
        reverse("community:follow", args=["onbekend", 1]),
        reverse("community:follow", args=["uitdaging", 999999]),
        follow_url(unpublished),
        follow_url(draft),
        follow_url(hidden),
        follow_url(unlisted.profile),
    ]:
        assert client.post(url, {"action": "volgen"}).status_code == 404, url
    assert not Follow.objects.exists()


def test_a_member_cannot_follow_themselves(client, member):
    response = client.post(follow_url(member.profile), {"action": "volgen"}, follow=True)
    assert "Je kunt jezelf niet volgen." in text(response)
    assert not Follow.objects.exists()
    # Their own profile shows no button.
    assert (
        follow_url(member.profile)
        not in client.get(member.profile.get_absolute_url()).content.decode()
    )


def test_a_foreign_next_address_is_not_followed(client, member):
    theme = ThemeFactory()
    response = client.post(
        follow_url(theme), {"action": "volgen", "next": "https://elders.example.com/"}
    )
    assert response["Location"] == theme.get_absolute_url()


def test_an_unknown_action_changes_nothing(client, member):
    theme = ThemeFactory()
    response = client.post(follow_url(theme), {"action": "misschien"}, follow=True)
    assert "Kies of je dit wilt volgen of niet meer wilt volgen." in text(response)
    assert not Follow.objects.exists()


@pytest.fixture
def followables():
    """One of everything that has a follow button on its page."""
    other = VerifiedUserFactory()
    organisation = OrganisationFactory()
    case = CaseFactory(author=other, tags=["wijkaanpak"])
    series = SessionFactory().series
    return {
        "uitdaging": ChallengeFactory(),
        "fase": PhaseFactory(),
        "thema": ThemeFactory(),
        "tag": Tag.objects.get(name="wijkaanpak"),
        "organisatie": organisation,
        "lid": other.profile,
        "verhaal": case,
        "reeks": series,
    }


def page_of(obj) -> str:
    if isinstance(obj, Tag):
        return reverse("tag_detail", args=[obj.slug])
    return obj.get_absolute_url()


@pytest.mark.parametrize(
    "key", ["uitdaging", "fase", "thema", "tag", "organisatie", "lid", "verhaal", "reeks"]
)
def test_every_followable_page_has_the_button(client, followables, key):
    obj = followables[key]
    anonymous = client.get(page_of(obj))
    assert "Log in om te volgen" in text(anonymous)
    assert follow_url(obj) not in anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()

    member = VerifiedUserFactory()
    client.force_login(member)
    assert f'action="{follow_url(obj)}"' in client.get(page_of(obj)).content.decode()
    client.post(follow_url(obj), {"action": "volgen"})
    assert following.is_following(member, obj)
    assert "Niet meer volgen" in text(client.get(page_of(obj)))


@pytest.mark.django_db(transaction=True)
def test_the_page_with_a_button_stays_in_the_page_cache_for_visitors(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    challenge = ChallengeFactory()
    first = client.get(challenge.get_absolute_url())
    second = client.get(challenge.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "Log in om te volgen" in text(second)


def test_the_follow_list_shows_what_a_member_follows_per_kind_and_unfollows(client, member):
    challenge = ChallengeFactory(title="Draagvlak")
    organisation = OrganisationFactory(name="Gemeente Houten")
    following.follow(user=member, obj=challenge)
    following.follow(user=member, obj=organisation)
    url = reverse("community:follow_list")

    page = text(client.get(url))
    assert "Uitdagingen Draagvlak" in page and "Organisaties Gemeente Houten" in page
    assert page.index("Uitdagingen") < page.index("Organisaties")
    assert "Niet meer volgen: organisatie ‘Gemeente Houten’" in page

    response = client.post(follow_url(organisation), {"action": "ontvolgen", "next": url})
    assert response["Location"] == url
    page = text(client.get(url))
    assert "Je volgt organisatie ‘Gemeente Houten’ niet meer." in page
    assert "Niet meer volgen: organisatie" not in page
    assert following.is_following(member, challenge)


def test_an_empty_follow_list_says_what_can_be_followed(client, member):
    page = text(client.get(reverse("community:follow_list")))
    assert "Je volgt nog niets." in page
    assert (
        "uitdagingen, fasen, thema's, tags, organisaties, leden, praktijkverhalen en sessiereeksen"
        in page
    )


def test_what_is_no_longer_public_leaves_the_follow_list(client, member):
    challenge = ChallengeFactory(title="Verdwenen uitdaging")
    following.follow(user=member, obj=challenge)
    challenge.is_published = False
    challenge.save()
    assert "Verdwenen uitdaging" not in text(client.get(reverse("community:follow_list")))


def test_the_follow_list_needs_no_more_queries_for_more_follows(
    client, member, django_assert_max_num_queries
):
    """One query for the follows and one per kind, not one per followed thing (each
    unfollow button knows it follows, without asking)."""

    def follow_some(n):
        for _ in range(n):
            following.follow(user=member, obj=ChallengeFactory())
            following.follow(user=member, obj=OrganisationFactory())
            following.follow(user=member, obj=SeriesFactory())

    url = reverse("community:follow_list")
    follow_some(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    follow_some(29)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert text(response).count("Niet meer volgen") == 90


def test_writing_a_case_or_a_comment_follows_it(member):
    case = services.case_create(author=member, title="Ons buurtplan", summary="Kort.", body="Lang.")
    assert following.is_following(member, case)

    other = VerifiedUserFactory()
    published = CaseFactory()
    services.comment_create(case=published, author=other, body="Herkenbaar verhaal.")
    assert following.is_following(other, published)


def test_a_visitor_never_counts_as_following():
    assert not following.is_following(AnonymousUser(), ChallengeFactory())

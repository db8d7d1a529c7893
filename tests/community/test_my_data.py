"""A member's own data (AVG): download everything, delete the account."""

import json

import pytest
from django.urls import reverse

from cocreatie.core.models import ActionLog
from community.models import Case, Comment, Report, User
from tests.community.data_download import download_my_data, my_data
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    member = VerifiedUserFactory(email="sanne@houten.example")
    member.profile.display_name = "Sanne Bakker"
    member.profile.role = "Beleidsadviseur"
    member.profile.save()
    return member


def test_download_holds_everything_about_the_member_and_nothing_of_others(client, member):
    case = CaseFactory(author=member, title="Mijn buurtverhaal")
    CommentFactory(case=case, author=member, body="Mijn eigen reactie")
    other_comment = CommentFactory(case=case, body="Reactie van iemand anders")
    Report.objects.create(reporter=member, comment=other_comment, reason="spam")
    CaseFactory(title="Verhaal van een ander")
    client.force_login(member)

    response = client.get(reverse("community:my_data_download"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".zip" in response["Content-Disposition"]
    data, archive = download_my_data(client)
    assert archive.namelist() == ["gegevens.json"]  # no photos or documents yet
    assert data["account"]["email"] == "sanne@houten.example"
    assert data["profile"]["display_name"] == "Sanne Bakker"
    assert [c["title"] for c in data["cases"]] == ["Mijn buurtverhaal"]
    assert [c["body"] for c in data["comments"]] == ["Mijn eigen reactie"]
    assert [r["reason"] for r in data["reports"]] == ["spam"]
    assert "Verhaal van een ander" not in archive.read("gegevens.json").decode()
    assert "Reactie van iemand anders" not in json.dumps(data["comments"])


def test_deleting_the_account_keeps_published_content_as_former_member(client, member):
    published = CaseFactory(author=member, title="Blijft staan")
    draft = CaseFactory(author=member, status="draft", published_at=None)
    comment = CommentFactory(case=published, author=member, body="Blijft ook staan")
    moderator = ModeratorFactory()
    from community import services

    services.member_suspend(member=member, moderator=moderator, reason="test")
    services.member_unsuspend(member=member, moderator=moderator)
    client.force_login(member)

    response = client.post(reverse("community:my_data"), {"confirm": "VERWIJDEREN"})

    assert response.status_code == 302
    assert not User.objects.filter(email="sanne@houten.example").exists()
    published.refresh_from_db()
    comment.refresh_from_db()
    assert published.author is None and comment.author is None
    assert not Case.objects.filter(pk=draft.pk).exists()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "voormalig lid" in page
    assert "Sanne Bakker" not in page and "sanne@houten.example" not in page
    logged = " ".join(ActionLog.objects.values_list("target_label", flat=True))
    assert "Sanne Bakker" not in logged


def test_deleting_the_account_can_delete_the_content_too(client, member):
    case = CaseFactory(author=member)
    CommentFactory(case=CaseFactory(), author=member)
    client.force_login(member)

    client.post(reverse("community:my_data"), {"confirm": "verwijderen", "delete_content": "on"})

    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Comment.objects.filter(author__isnull=True).exists()


def test_deletion_needs_the_confirmation_word(client, member):
    client.force_login(member)

    response = client.post(reverse("community:my_data"), {"confirm": "ja"})

    assert response.status_code == 200
    assert "Typ precies het woord VERWIJDEREN." in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_profile_never_shows_the_email_address(client, member):
    CaseFactory(author=member)

    for url in (member.profile.get_absolute_url(), reverse("community:case_list")):
        assert "sanne@houten.example" not in client.get(url).content.decode()


def test_verified_badge_for_an_address_on_the_organisations_domain(client, member):
    from community import services
    from tests.community.factories import OrganisationFactory

    organisation = OrganisationFactory(email_domains="houten.example")
    other = VerifiedUserFactory(email="piet@gmail.example")
    services.profile_update(profile=member.profile, organisation=organisation)
    services.profile_update(profile=other.profile, organisation=organisation)

    member.profile.refresh_from_db()
    other.profile.refresh_from_db()
    assert member.profile.is_verified_member
    assert not other.profile.is_verified_member
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "geverifieerd" in page.lower()


def test_a_member_adds_a_new_organisation_from_the_profile_form(client, member):
    client.force_login(member)

    response = client.post(
        reverse("community:profile_update"),
        {
            "display_name": "Sanne",
            "new_organisation": "Gemeente Houten",
            "new_organisation_kind": "gemeente",
            "is_listed": "on",
        },
    )

    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.organisation.name == "Gemeente Houten"
    assert member.profile.organisation.kind == "gemeente"


def test_merging_organisations_moves_members_and_cases():
    from community import services
    from community.models import Organisation
    from tests.community.factories import OrganisationFactory

    keep = OrganisationFactory(name="Gemeente Houten")
    duplicate = OrganisationFactory(name="Gem. Houten", email_domains="houten.example")
    member = VerifiedUserFactory(email="a@houten.example")
    services.profile_update(profile=member.profile, organisation=duplicate)
    case = CaseFactory(organisation=duplicate)

    services.organisation_merge(source=duplicate, target=keep, actor=ModeratorFactory())

    member.profile.refresh_from_db()
    case.refresh_from_db()
    assert member.profile.organisation == keep and case.organisation == keep
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert member.profile.is_verified_member


def test_the_download_holds_the_decisions_about_the_member_and_their_objections(client, member):
    from community import services
    from community.appeals import appeal_create
    from community.models import Decision

    moderator = ModeratorFactory(email="moderator-geheim@example.org")
    comment = CommentFactory(author=member, body="Bel me op 06-12345678")
    services.content_hide(item=comment, moderator=moderator, reason="Een telefoonnummer.")
    decision = Decision.objects.get(comment=comment)
    appeal_create(decision=decision, member=member, text="Het is mijn eigen zakelijke nummer.")
    client.force_login(member)

    data = my_data(client)

    (exported,) = data["decisions"]
    assert exported["decision"] == "Verborgen door een moderator"
    assert exported["message"] == "Een telefoonnummer."
    assert exported["appeal"]["text"] == "Het is mijn eigen zakelijke nummer."
    assert "moderator-geheim@example.org" not in json.dumps(data["decisions"])

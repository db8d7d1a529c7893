"""The team: invitations by e-mail (14 days, once, only for the invited address, also
for someone without an account), roles, removing, leaving and handing over ownership."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import User
from planner import services
from planner.models import Activity, Invitation, Membership, Role
from tests.community.factories import VerifiedUserFactory
from tests.planner.factories import planner_world

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def world():
    return planner_world()


def invite(client, world, email, role="editor"):
    client.force_login(world["owner"])
    return client.post(
        reverse("planner:invite", args=[world["trajectory"].pk]),
        {"uitnodiging-email": email, "uitnodiging-role": role, "uitnodiging-message": "Doe mee!"},
    )


def link_in_mail(message) -> str:
    return re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_an_invitation_mails_a_link_that_works_once_for_that_address(
    client, world, django_capture_on_commit_callbacks
):
    colleague = VerifiedUserFactory(email="kees@lindendal.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world, "Kees@Lindendal.example")

    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["Kees@Lindendal.example"]
    assert world["trajectory"].title in message.subject
    assert "Doe mee!" in message.body
    assert "14 dagen" in message.body
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    link = path_of(link_in_mail(message))
    assert link.split("/")[-2] not in invitation.token_digest  # only a digest is stored

    client.force_login(colleague)
    assert "als bewerker" in client.get(link).content.decode()
    response = client.post(link)

    assert response.status_code == 302
    assert (
        Membership.objects.get(trajectory=world["trajectory"], user=colleague).role == Role.EDITOR
    )
    assert Activity.objects.filter(verb=Activity.Verb.JOIN, actor=colleague).exists()
    # Once only: the same link again (by the same person or anyone else) is refused.
    page = client.get(link).content.decode()
    assert "Deze uitnodiging is al gebruikt" in page
    client.force_login(world["other_member"])
    response = client.post(link)
    assert response.status_code == 400
    assert not Membership.objects.filter(user=world["other_member"]).exists()


def test_an_invitation_cannot_be_used_by_another_address(client, world):
    _invitation, token = services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="kees@lindendal.example",
        role=Role.READER,
    )  # fmt: skip
    link = reverse("planner:invitation", args=[token])
    client.force_login(world["other_member"])

    page = client.get(link).content.decode()
    response = client.post(link)

    assert "voor een ander e-mailadres" in page
    assert response.status_code == 400
    assert not Membership.objects.filter(user=world["other_member"]).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_unverified_address_does_not_count(client, world):
    unverified = VerifiedUserFactory(email="kees@lindendal.example")
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    _invitation, token = services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="kees@lindendal.example",
        role=Role.READER,
    )  # fmt: skip
    client.force_login(unverified)

    response = client.post(reverse("planner:invitation", args=[token]))

    assert response.status_code == 400
    assert not Membership.objects.filter(user=unverified).exists()


def test_an_invitation_expires_after_14_days(client, world):
    invitation, token = services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="kees@lindendal.example",
        role=Role.READER,
    )  # fmt: skip
    colleague = VerifiedUserFactory(email="kees@lindendal.example")
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=14, minutes=1),
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(colleague)

    page = client.get(reverse("planner:invitation", args=[token])).content.decode()
    response = client.post(reverse("planner:invitation", args=[token]))

    assert "verlopen" in page
    assert response.status_code == 400
    assert not Membership.objects.filter(user=colleague).exists()


def test_a_revoked_invitation_no_longer_works(client, world):
    invitation, token = services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="kees@lindendal.example",
        role=Role.READER,
    )  # fmt: skip
    client.force_login(world["owner"])
    client.post(reverse("planner:invitation_revoke", args=[world["trajectory"].pk, invitation.pk]))
    colleague = VerifiedUserFactory(email="kees@lindendal.example")
    client.force_login(colleague)

    response = client.post(reverse("planner:invitation", args=[token]))

    assert response.status_code == 400
    assert "ingetrokken" in response.content.decode()
    assert not Membership.objects.filter(user=colleague).exists()


def test_someone_without_an_account_makes_one_by_accepting(client, world):
    _invitation, token = services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="partner@buurtkracht.example",
        role=Role.EDITOR,
    )  # fmt: skip
    link = reverse("planner:invitation", args=[token])

    page = client.get(link).content.decode()
    assert "Maak je account" in page
    weak = client.post(
        link, {"display_name": "Fatma", "password1": "12345", "password2": "12345", "privacy": "on"}
    )
    assert weak.status_code == 200
    assert not User.objects.filter(email="partner@buurtkracht.example").exists()

    response = client.post(
        link,
        {
            "display_name": "Fatma Yilmaz",
            "password1": "bewoners praten mee in de wijk",
            "password2": "bewoners praten mee in de wijk",
            "privacy": "on",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="partner@buurtkracht.example")
    assert EmailAddress.objects.get(user=user).verified
    assert user.profile.display_name == "Fatma Yilmaz"
    assert Membership.objects.get(user=user).role == Role.EDITOR
    # Logged in at once: the trajectory opens.
    assert client.get(response["Location"]).status_code == 200


def test_an_existing_account_is_asked_to_log_in_first(client, world):
    VerifiedUserFactory(email="kees@lindendal.example")
    _invitation, token = services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="kees@lindendal.example",
        role=Role.EDITOR,
    )  # fmt: skip
    link = reverse("planner:invitation", args=[token])

    page = client.get(link).content.decode()
    response = client.post(
        link, {"display_name": "X", "password1": "a" * 20, "password2": "a" * 20, "privacy": "on"}
    )

    assert "Log in, dan kun je de uitnodiging aannemen" in page
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert User.objects.filter(email__iexact="kees@lindendal.example").count() == 1


def test_inviting_someone_already_in_the_team_is_refused(client, world):
    response = invite(client, world, world["editor"].email)

    assert response.status_code == 200
    assert "zit al in het team" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_owner_changes_a_role_and_removes_someone(client, world):
    trajectory = world["trajectory"]
    reader = trajectory.memberships.get(user=world["reader"])
    client.force_login(world["owner"])

    client.post(reverse("planner:member_role", args=[trajectory.pk, reader.pk]), {"role": "editor"})
    reader.refresh_from_db()
    assert reader.role == Role.EDITOR

    client.post(reverse("planner:member_remove", args=[trajectory.pk, reader.pk]))
    assert not Membership.objects.filter(pk=reader.pk).exists()
    client.force_login(world["reader"])
    assert client.get(trajectory.get_absolute_url()).status_code == 404
    verbs = set(Activity.objects.filter(trajectory=trajectory).values_list("verb", flat=True))
    assert {Activity.Verb.ROLE, Activity.Verb.REMOVE} <= verbs


def test_the_owner_hands_over_and_stays_as_editor(client, world):
    trajectory = world["trajectory"]
    editor = trajectory.memberships.get(user=world["editor"])
    client.force_login(world["owner"])

    client.post(reverse("planner:transfer", args=[trajectory.pk, editor.pk]))

    roles = dict(trajectory.memberships.values_list("user", "role"))
    assert roles[world["editor"].pk] == Role.OWNER
    assert roles[world["owner"].pk] == Role.EDITOR
    # The old owner no longer manages the team.
    assert client.get(reverse("planner:delete", args=[trajectory.pk])).status_code == 403


def test_anyone_but_the_owner_may_leave(client, world):
    trajectory = world["trajectory"]
    owner = trajectory.memberships.get(user=world["owner"])
    editor = trajectory.memberships.get(user=world["editor"])

    client.force_login(world["editor"])
    client.post(reverse("planner:member_remove", args=[trajectory.pk, editor.pk]))
    assert not Membership.objects.filter(pk=editor.pk).exists()
    assert Activity.objects.filter(verb=Activity.Verb.LEAVE, actor=world["editor"]).exists()

    client.force_login(world["owner"])
    response = client.post(reverse("planner:member_remove", args=[trajectory.pk, owner.pk]))
    assert response.status_code == 302
    assert Membership.objects.filter(pk=owner.pk).exists()

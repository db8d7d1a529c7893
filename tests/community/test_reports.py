"""Reports, hiding and restoring, and suspending members."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from cocreatie.core import notifications
from cocreatie.core.models import ActionLog
from community import appeals, services
from community.models import Appeal, Comment, Decision, Report
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment():
    return CommentFactory(body="Bel me op 06-12345678")


def test_a_member_reports_a_comment_once(client, comment):
    member = VerifiedUserFactory()
    client.force_login(member)
    url = reverse("community:report", args=["reactie", comment.pk])

    first = client.post(url, {"reason": "personal_data", "text": "Telefoonnummer"})
    second = client.post(url, {"reason": "spam"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Je hebt dit al gemeld" in second.content.decode()
    assert Report.objects.count() == 1


def test_other_needs_an_explanation(client, comment):
    client.force_login(VerifiedUserFactory())

    response = client.post(
        reverse("community:report", args=["reactie", comment.pk]), {"reason": "other"}
    )

    assert response.status_code == 200
    assert "Vertel kort wat er aan de hand is." in response.content.decode()
    assert not Report.objects.exists()


def test_three_different_members_hide_an_item_until_a_moderator_looks(client, comment):
    for _ in range(2):
        services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="spam")
    comment.refresh_from_db()
    assert not comment.is_hidden

    services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="offensive")

    comment.refresh_from_db()
    assert comment.is_hidden
    assert ActionLog.objects.for_target(comment).filter(verb="auto_hide", actor=None).exists()
    page = client.get(comment.case.get_absolute_url()).content.decode()
    assert "06-12345678" not in page


def test_a_moderator_hides_and_restores_with_a_reason_and_the_author_is_told(
    client, comment, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    url = reverse("community:moderation_visibility", args=["reactie", comment.pk, "verbergen"])

    refused = client.post(url, {"reason": ""})
    comment.refresh_from_db()
    assert refused.status_code == 302 and not comment.is_hidden

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Bevat een telefoonnummer."})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Bevat een telefoonnummer."
    (message,) = mail.outbox
    assert message.to == [comment.author.email]
    assert "Bevat een telefoonnummer." in message.body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:moderation_visibility", args=["reactie", comment.pk, "terugzetten"]),
            {"reason": "Nummer was van de organisatie."},
        )
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert list(ActionLog.objects.for_target(comment).values_list("verb", flat=True)) == [
        "restore",
        "hide",
    ]


def test_the_author_of_hidden_content_may_appeal_once(comment):
    moderator = ModeratorFactory()
    services.content_hide(item=comment, moderator=moderator, reason="Spam")
    decision = Decision.objects.get(comment=comment)

    appeals.appeal_create(decision=decision, member=comment.author, text="Dit is geen spam.")

    with pytest.raises(ValidationError, match="Je hebt al bezwaar gemaakt"):
        appeals.appeal_create(decision=decision, member=comment.author, text="Echt niet, nee!")
    assert Appeal.objects.get().text == "Dit is geen spam."


def test_a_member_deletes_their_own_comment_only_after_confirming(client, comment):
    url = reverse("community:comment_delete", args=[comment.pk])
    client.force_login(VerifiedUserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404

    client.force_login(comment.author)
    confirm = client.get(url)
    assert "Weet je het zeker?" in confirm.content.decode()
    assert Comment.objects.exists()
    client.post(url)

    assert not Comment.objects.exists()


def test_comment_notifies_the_case_author_if_they_want(client, django_capture_on_commit_callbacks):
    case = CaseFactory()
    commenter = VerifiedUserFactory()
    client.force_login(commenter)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:comment_create", args=[case.slug]), {"body": "Herkenbaar!"})
    assert [m.to for m in mail.outbox] == [[case.author.email]]
    assert "Herkenbaar!" in mail.outbox[0].body
    assert commenter.email not in mail.outbox[0].body

    notifications.preferences_update(user=case.author, deliveries={"comment": "site"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:comment_create", args=[case.slug]), {"body": "Nog een"})
    assert len(mail.outbox) == 1


def test_an_empty_comment_is_refused_in_dutch(client):
    case = CaseFactory()
    client.force_login(VerifiedUserFactory())

    response = client.post(reverse("community:comment_create", args=[case.slug]), {"body": " "})

    assert response.status_code == 200  # the case page again, with the error in the form
    assert "Schrijf eerst je reactie." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_suspended_member_cannot_log_in_or_post(client):
    member = VerifiedUserFactory()
    moderator = ModeratorFactory()
    client.force_login(member)

    services.member_suspend(member=member, moderator=moderator, reason="Herhaalde spam")

    response = client.post(
        reverse("community:comment_create", args=[CaseFactory().slug]), {"body": "Hoi"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Comment.objects.exists()
    client.logout()
    login = client.post(
        reverse("account_login"),
        {"login": member.email, "password": "een-lang-wachtwoord-voor-tests"},
    )
    assert "_auth_user_id" not in client.session
    assert login.status_code in (200, 302)
    assert ActionLog.objects.for_target(member).filter(verb="suspend").exists()

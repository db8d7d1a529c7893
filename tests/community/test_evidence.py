"""Evidence kept: content its author deletes while it is reported, hidden or appealed
leaves public view at once but stays, with its reports, for the moderators; once that
is settled its text is erased, and the log keeps the deletion. Deleting asks first."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cocreatie.core.models import ActionLog, SearchDocument
from community import appeals, services
from community.models import Case, Comment, Decision, ModerationVerb, Report
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

BODY = "Bel Jan op 06-12345678, hij woont op de Dorpsstraat 4."


@pytest.fixture
def comment():
    return CommentFactory(body=BODY)


def delete_url(comment):
    return reverse("community:comment_delete", args=[comment.pk])


def report(item, reason="personal_data", text="Adres en nummer van een inwoner"):
    return services.report_create(
        reporter=VerifiedUserFactory(), item=item, reason=reason, text=text
    )


def verbs(item):
    return list(ActionLog.objects.for_target(item).order_by("pk").values_list("verb", flat=True))


def test_a_get_only_asks_and_never_deletes(client, comment):
    client.force_login(comment.author)

    for _ in range(2):
        page = client.get(delete_url(comment))
        assert page.status_code == 200

    content = page.content.decode()
    assert "Weet je het zeker?" in content and BODY in content
    assert '<form method="post"' in content
    comment.refresh_from_db()
    assert comment.deleted_at is None


def test_the_case_page_links_to_the_confirmation(client, comment):
    client.force_login(comment.author)

    page = client.get(comment.case.get_absolute_url()).content.decode()

    assert f'href="{delete_url(comment)}"' in page


def test_an_unreported_comment_is_deleted_for_real_and_not_logged(client, comment):
    client.force_login(comment.author)

    response = client.post(delete_url(comment), follow=True)

    assert "Je reactie is verwijderd." in response.content.decode()
    assert not Comment.objects.exists()
    assert not ActionLog.objects.filter(verb=ModerationVerb.AUTHOR_DELETE).exists()


def test_a_reported_comment_leaves_public_view_but_stays_for_moderators(client, comment):
    report(comment)
    client.force_login(comment.author)
    assert "bewaren de tekst" in client.get(delete_url(comment)).content.decode()

    response = client.post(delete_url(comment), follow=True)

    assert "De moderatoren bewaren de tekst" in response.content.decode()
    assert BODY not in response.content.decode()  # the author's own view of the case
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.body == BODY
    assert verbs(comment) == [ModerationVerb.AUTHOR_DELETE]
    assert ActionLog.objects.for_target(comment).get().actor == comment.author
    client.logout()
    assert BODY not in client.get(comment.case.get_absolute_url()).content.decode()
    client.force_login(VerifiedUserFactory())
    assert BODY not in client.get(comment.case.get_absolute_url()).content.decode()
    assert not Comment.objects.visible().exists() and not Comment.objects.public().exists()
    assert client.get(delete_url(comment)).status_code == 404

    client.force_login(ModeratorFactory())
    queue = client.get(reverse("community:moderation")).content.decode()
    assert "06-12345678" in queue
    assert "Bevat persoonsgegevens" in queue
    case_page = client.get(comment.case.get_absolute_url()).content.decode()
    assert BODY in case_page and "Verwijderd door de schrijver" in case_page


def test_resolving_the_last_report_erases_the_text_and_keeps_the_log(client, comment):
    first, second = report(comment), report(comment, reason="offensive", text="")
    services.comment_delete(comment=comment, user=comment.author)
    moderator = ModeratorFactory()
    client.force_login(moderator)

    client.post(reverse("community:moderation_report_resolve", args=[first.pk]))
    comment.refresh_from_db()
    assert comment.body == BODY and comment.erased_at is None  # one report still open

    client.post(reverse("community:moderation_report_resolve", args=[second.pk]))

    comment.refresh_from_db()
    assert comment.body == "" and comment.erased_at is not None
    assert verbs(comment) == [
        ModerationVerb.AUTHOR_DELETE,
        ModerationVerb.RESOLVE_REPORT,
        ModerationVerb.RESOLVE_REPORT,
        ModerationVerb.ERASE,
    ]
    assert ActionLog.objects.for_target(comment).get(verb=ModerationVerb.ERASE).actor is None
    assert Report.objects.filter(comment=comment).count() == 2  # the reports stay


def test_a_hidden_comment_deleted_by_its_author_is_erased_when_a_moderator_restores_it():
    moderator = ModeratorFactory()
    comment = CommentFactory(body=BODY)
    services.content_hide(item=comment, moderator=moderator, reason="Persoonsgegevens")
    services.comment_delete(comment=comment, user=comment.author)
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.body == BODY

    services.content_restore(item=comment, moderator=moderator, reason="Toch in orde")

    comment.refresh_from_db()
    assert comment.body == "" and not comment.is_hidden
    assert not Comment.objects.visible().exists()  # restored, but still deleted


def test_an_appealed_comment_is_kept_until_the_appeal_is_decided(client):
    hider = ModeratorFactory()
    comment = CommentFactory(body=BODY)
    services.content_hide(item=comment, moderator=hider, reason="Persoonsgegevens")
    appeal = appeals.appeal_create(
        decision=Decision.objects.get(comment=comment),
        member=comment.author,
        text="Jan vond het goed dat ik dit deelde.",
    )
    services.comment_delete(comment=comment, user=comment.author)
    client.force_login(ModeratorFactory())
    url = reverse("community:moderation_appeal", args=[appeal.pk])

    page = client.get(url).content.decode()
    assert BODY in page and "De schrijver heeft dit verwijderd" in page
    client.post(url, {"outcome": "kept", "message": "Persoonsgegevens horen hier niet."})

    comment.refresh_from_db()
    assert comment.body == "" and comment.erased_at is not None
    assert ModerationVerb.ERASE in verbs(comment)


def test_deleting_the_account_with_content_keeps_reported_cases_for_moderators(client):
    member = VerifiedUserFactory()
    reported = CaseFactory(author=member, title="Gemeld verhaal", body=BODY)
    plain = CaseFactory(author=member, title="Gewoon verhaal")
    own_comment = CommentFactory(author=member, case=CaseFactory(), body="Mijn reactie")
    open_report = report(reported)
    assert SearchDocument.objects.filter(object_id=reported.pk).exists()
    client.force_login(member)

    client.post(reverse("community:my_data"), {"confirm": "verwijderen", "delete_content": "on"})

    assert not Case.objects.filter(pk=plain.pk).exists()
    assert not Comment.objects.filter(pk=own_comment.pk).exists()
    reported.refresh_from_db()
    assert reported.deleted_at is not None and reported.author is None
    assert client.get(reported.get_absolute_url()).status_code == 404
    assert not SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=reported.pk
    ).exists()
    assert not Case.objects.published().filter(pk=reported.pk).exists()
    assert ModerationVerb.AUTHOR_DELETE in verbs(reported)

    services.report_resolve(report=open_report, moderator=ModeratorFactory())

    reported.refresh_from_db()
    assert reported.body == "" and reported.summary == "" and reported.title == "Gemeld verhaal"
    assert verbs(reported)[-1] == ModerationVerb.ERASE

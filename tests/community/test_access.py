"""Every community URL × every role → the expected answer.

Roles: a visitor, another member, the author of the content, a moderator (with
two-factor authentication), a suspended member and an organiser of sessions (with
two-factor authentication), who has no say over community content and gets what a
member gets. "login" means: sent to log in. Content that is not yours answers 404, so
nobody can probe what exists.
"""

import pytest

from community.models import Report
from tests.access import Row, assert_answer, open_as
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    OrganiserFactory,
    VerifiedUserFactory,
    colleague_world,
    media_world,
    moderation_world,
    pdf_upload,
    stored_width,
)

ROLES = ("anonymous", "member", "author", "moderator", "suspended", "organiser")


def expect(anonymous, member, author, moderator, suspended="login", organiser=None):
    answers = (anonymous, member, author, moderator, suspended, organiser or member)
    return dict(zip(ROLES, answers, strict=True))


EVERYONE = expect(200, 200, 200, 200, 200)
MEMBERS = expect("login", 200, 200, 200)
MODERATORS = expect("login", 403, 403, 200)
MODERATOR_ACTION = expect("login", 403, 403, 302)


ROWS = [
    Row("community:case_list", lambda w: {}, EVERYONE),
    Row("community:case_create", lambda w: {}, MEMBERS),
    Row("community:case_detail", lambda w: {"slug": w["case"].slug}, EVERYONE),
    Row(
        "community:case_detail",
        lambda w: {"slug": w["draft"].slug},
        expect(404, 404, 200, 200, 404),
        label="draft",
    ),
    Row(
        "community:case_update",
        lambda w: {"slug": w["draft"].slug},
        expect("login", 404, 200, 404),
    ),
    Row(
        "community:case_submit",
        lambda w: {"slug": w["draft"].slug},
        expect("login", 404, 302, 404),
        method="post",
    ),
    Row(
        "community:comment_create",
        lambda w: {"slug": w["case"].slug},
        expect("login", 302, 302, 302),
        method="post",
        data={"body": "Mooi verhaal."},
    ),
    Row(
        "community:comment_delete",
        lambda w: {"pk": w["comment"].pk},
        expect("login", 404, 302, 404),
        method="post",
    ),
    Row("community:report", lambda w: {"kind": "reactie", "pk": w["comment"].pk}, MEMBERS),
    Row(
        "community:comment_delete",
        lambda w: {"pk": w["comment"].pk},
        expect("login", 404, 200, 404),
        label="confirm",
    ),
    Row(
        "community:report_withdraw",
        lambda w: {"pk": w["report"].pk},
        expect("login", 302, 404, 404, organiser=404),  # the member reported it
        method="post",
    ),
    Row("community:house_rules", lambda w: {}, EVERYONE),
    # Following, notifications and their preferences: your own, so members only.
    Row(
        "community:follow",
        lambda w: {"key": "organisatie", "pk": w["organisation"].pk},
        expect("login", 302, 302, 302),
        method="post",
        data={"action": "volgen"},
    ),
    Row(
        "community:follow",
        lambda w: {"key": "verhaal", "pk": w["draft"].pk},
        expect("login", 404, 404, 404),
        method="post",
        data={"action": "volgen"},
        label="draft",
    ),
    Row("community:follow_list", lambda w: {}, MEMBERS),
    Row("community:notification_list", lambda w: {}, MEMBERS),
    Row("community:notification_settings", lambda w: {}, MEMBERS),
    # The unsubscribe link works without logging in: the signed token is the key.
    Row(
        "community:unsubscribe",
        lambda w: {"token": w["unsubscribe_token"]},
        EVERYONE,
    ),
    Row(
        "community:unsubscribe",
        lambda w: {"token": w["unsubscribe_token"]},
        EVERYONE,
        method="post",
        label="post",
    ),
    Row("community:welcome", lambda w: {}, MEMBERS),
    # Questions: the author accepts them; the member asked one. Only those two see it.
    Row(
        "community:question_create",
        lambda w: {"slug": w["author"].profile.slug},
        expect("login", 200, 404, 200),
    ),
    Row(
        "community:question_create",
        lambda w: {"slug": w["member"].profile.slug},
        expect("login", 404, 404, 404),
        label="not-accepting",
    ),
    Row("community:question_list", lambda w: {}, MEMBERS),
    Row(
        "community:question_detail",
        lambda w: {"pk": w["question"].pk},
        expect("login", 200, 200, 404, organiser=404),
    ),
    Row(
        "community:question_block",
        lambda w: {"pk": w["question"].pk},
        expect("login", 404, 302, 404, organiser=404),
        method="post",
    ),
    Row(
        "community:question_unblock",
        lambda w: {"pk": w["block"].pk},
        expect("login", 404, 302, 404, organiser=404),
        method="post",
    ),
    Row(
        "community:report",
        lambda w: {"kind": "vraag", "pk": w["question"].pk},
        expect("login", 404, 200, 404, organiser=404),
        label="question",
    ),
    Row(
        "community:appeal_create",
        lambda w: {"pk": w["decision"].pk},
        expect("login", 404, 200, 404),
    ),
    Row(
        "community:appeal_create",
        lambda w: {"pk": w["decision"].pk},
        expect("login", 404, 302, 404),
        method="post",
        data={"text": "Er staan geen persoonsgegevens in mijn verhaal."},
        label="post",
    ),
    # Photos and documents: a draft's only for its author and moderators, a hidden photo
    # too; the author manages them while the case is editable.
    Row(
        "community:case_media", lambda w: {"slug": w["draft"].slug}, expect("login", 404, 200, 404)
    ),
    Row(
        "community:case_image",
        lambda w: {
            "slug": w["draft"].slug,
            "pk": w["draft_image"].pk,
            "width": stored_width(w["draft_image"]),
            "fmt": "webp",
        },
        expect(404, 404, 200, 200, 404),
        label="draft",
    ),
    Row(
        "community:case_image",
        lambda w: {
            "slug": w["case"].slug,
            "pk": w["image"].pk,
            "width": stored_width(w["image"]),
            "fmt": "jpg",
        },
        EVERYONE,
    ),
    Row(
        "community:case_image",
        lambda w: {
            "slug": w["case"].slug,
            "pk": w["hidden_image"].pk,
            "width": stored_width(w["hidden_image"]),
            "fmt": "jpg",
        },
        expect(404, 404, 200, 200, 404),
        label="hidden",
    ),
    Row(
        "community:case_image_update",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
        expect("login", 404, 302, 404),
        method="post",
        data={"alt_text": "Bewoners en ambtenaren aan een lange tafel."},
    ),
    Row(
        "community:case_image_delete",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
        expect("login", 404, 200, 404),
    ),
    Row(
        "community:case_image_delete",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
        expect("login", 404, 302, 404),
        method="post",
        label="post",
    ),
    Row(
        "community:moderation_image",
        lambda w: {"pk": w["image"].pk, "action": "verbergen"},
        MODERATOR_ACTION,
        method="post",
        data={"reason": "Er staat een adres op."},
    ),
    Row(
        "community:document_download",
        lambda w: {"slug": w["case"].slug, "pk": w["document"].pk},
        EVERYONE,
    ),
    Row(
        "community:document_download",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_document"].pk},
        expect(404, 404, 200, 200, 404),
        label="draft",
    ),
    Row(
        "community:document_add",
        lambda w: {"slug": w["draft"].slug},
        expect("login", 404, 302, 404),
        method="post",
        data=lambda: {"file": pdf_upload(), "title": "Verslag van de avond"},
    ),
    Row(
        "community:document_update",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_document"].pk},
        expect("login", 404, 302, 404),
        method="post",
        data={"title": "Plan van aanpak, versie 2"},
    ),
    Row(
        "community:document_delete",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_document"].pk},
        expect("login", 404, 302, 404),
        method="post",
    ),
    Row("community:my_cases", lambda w: {}, MEMBERS),
    Row("community:profile_update", lambda w: {}, MEMBERS),
    Row("community:my_data", lambda w: {}, MEMBERS),
    Row("community:my_data_download", lambda w: {}, MEMBERS),
    Row(
        "community:profile_detail",
        lambda w: {"slug": w["author"].profile.slug},
        EVERYONE,
    ),
    Row(
        "community:profile_detail",
        lambda w: {"slug": w["unlisted"].profile.slug},
        expect(404, 404, 404, 200, 404),
        label="unlisted",
    ),
    Row(
        "community:organisation_detail",
        lambda w: {"slug": w["organisation"].slug},
        EVERYONE,
    ),
    Row("community:moderation", lambda w: {}, MODERATORS),
    Row("community:moderation_log", lambda w: {}, MODERATORS),
    Row("community:moderation_case", lambda w: {"slug": w["draft"].slug}, MODERATORS),
    Row(
        "community:moderation_case_decision",
        lambda w: {"slug": w["submitted"].slug},
        MODERATOR_ACTION,
        method="post",
        data={"decision": "publish", "message": "Goed zo."},
    ),
    Row(
        "community:moderation_feature",
        lambda w: {"slug": w["case"].slug},
        MODERATOR_ACTION,
        method="post",
        data={"featured": "1"},
    ),
    Row(
        "community:moderation_visibility",
        lambda w: {"kind": "reactie", "pk": w["comment"].pk, "action": "verbergen"},
        MODERATOR_ACTION,
        method="post",
        data={"reason": "Persoonsgegevens."},
    ),
    Row(
        "community:moderation_report_resolve",
        lambda w: {"pk": w["report"].pk},
        MODERATOR_ACTION,
        method="post",
    ),
    Row("community:moderation_suspend", lambda w: {"slug": w["member"].profile.slug}, MODERATORS),
    Row(
        "community:moderation_suspend",
        lambda w: {"slug": w["member"].profile.slug},
        MODERATOR_ACTION,
        method="post",
        data={"reason": "Spam.", "ground": "spam", "until": ""},
        label="post",
    ),
    Row("community:moderation_log_export", lambda w: {}, MODERATORS),
    Row("community:moderation_appeal", lambda w: {"pk": w["appeal"].pk}, MODERATORS),
    Row(
        "community:moderation_appeal",
        lambda w: {"pk": w["appeal"].pk},
        MODERATOR_ACTION,
        method="post",
        data={"outcome": "kept", "message": "Er staat een telefoonnummer in."},
        label="post",
    ),
    Row(
        "community:moderation_comment_approve",
        lambda w: {"pk": w["held"].pk},
        MODERATOR_ACTION,
        method="post",
    ),
    Row(
        "community:moderation_spam_remove",
        lambda w: {"slug": w["member"].profile.slug},
        MODERATORS,
    ),
    Row(
        "community:moderation_spam_remove",
        lambda w: {"slug": w["member"].profile.slug},
        MODERATOR_ACTION,
        method="post",
        data={"reason": "Reclame."},
        label="post",
    ),
]

ACCESS_ROW_NAMES = {row.url_name for row in ROWS}


@pytest.fixture
def world(db):
    author = VerifiedUserFactory()
    member = VerifiedUserFactory()
    unlisted = VerifiedUserFactory()
    unlisted.profile.is_listed = False
    unlisted.profile.save()
    suspended = VerifiedUserFactory(is_active=False)
    moderator = ModeratorFactory()
    organisation = OrganisationFactory()
    case = CaseFactory(author=author, organisation=organisation)
    comment = CommentFactory(case=case, author=author)
    report = Report.objects.create(reporter=member, comment=comment, reason="spam")
    draft = CaseFactory(author=author, status="draft", published_at=None)
    return {
        "author": author,
        "member": member,
        "unlisted": unlisted,
        "suspended": suspended,
        "moderator": moderator,
        "organiser": OrganiserFactory(),
        "organisation": organisation,
        "case": case,
        "comment": comment,
        "report": report,
        "draft": draft,
        "submitted": CaseFactory(author=author, status="submitted", published_at=None),
        **moderation_world(author=author, member=member, case=case),
        **colleague_world(author=author, member=member),
        **media_world(case=case, draft=draft, moderator=moderator),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_community_access(client, world, row, role):
    url, response = open_as(client, world, row, role)

    assert_answer(response, row.expected[role], f"{url} as {role}")

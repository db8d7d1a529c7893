"""Appeals: the member a decision is about objects to it in their own words, once; a
moderator (another one than who decided, wherever there is one) keeps or restores,
and the member gets that new decision by mail. A suspended member appeals through the
signed link in their statement, without logging in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cocreatie.core.models import ActionLog
from community import appeals, services
from community.models import Appeal, Decision, ModerationVerb, Report
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)
from tests.html import assert_base_layout

pytestmark = pytest.mark.django_db

APPEAL_TEXT = "Het is het nummer van de balie van de gemeente, geen privénummer."
ANSWER = "Een telefoonnummer hoort hier niet, ook niet dat van de balie."


@pytest.fixture
def hider():
    return ModeratorFactory()


@pytest.fixture
def comment(hider):
    """A reported comment that ``hider`` hid."""
    comment = CommentFactory(body="Bel me op 06-12345678")
    reporter = VerifiedUserFactory(email="melder@example.org")
    services.report_create(
        reporter=reporter, item=comment, reason="personal_data", text="Een privénummer"
    )
    services.content_hide(item=comment, moderator=hider, reason="Er staat een nummer in.")
    return comment


@pytest.fixture
def decision(comment):
    return Decision.objects.get(comment=comment, kind=Decision.Kind.HIDDEN)


def appeal_url(decision):
    return reverse("community:appeal_create", args=[decision.pk])


def page_url(appeal):
    return reverse("community:moderation_appeal", args=[appeal.pk])


def test_an_appeal_from_text_to_a_kept_decision(
    client, comment, decision, hider, mailoutbox, django_capture_on_commit_callbacks
):
    other = ModeratorFactory()
    member = comment.author
    client.force_login(member)

    form = client.get(appeal_url(decision)).content.decode()
    assert "Leg uit waarom je het er niet mee eens bent" in form
    assert "Verborgen door een moderator" in form and "Er staat een nummer in." in form
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(appeal_url(decision), {"text": APPEAL_TEXT}, follow=True)

    assert "Je bezwaar is verstuurd." in sent.content.decode()
    appeal = Appeal.objects.get()
    assert (appeal.decision, appeal.text) == (decision, APPEAL_TEXT)
    (to_moderators,) = mailoutbox
    assert sorted(to_moderators.to) == sorted([hider.email, other.email])
    assert "Nieuw bezwaar" in to_moderators.subject
    assert page_url(appeal) in to_moderators.body
    assert list(appeals.open_appeals()) == [appeal]
    request = ActionLog.objects.for_target(comment).get(verb=ModerationVerb.REVIEW_REQUEST)
    assert request.actor == member and request.verb_label == "Bezwaar gemaakt"

    client.force_login(other)
    page = client.get(page_url(appeal)).content.decode()
    assert "Bel me op 06-12345678" in page
    assert "Bevat persoonsgegevens" in page and "Een privénummer" in page
    assert "melder@example.org" not in page
    assert APPEAL_TEXT in page
    assert "Blijft verborgen" in page and "Terugzetten" in page
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = client.post(page_url(appeal), {"outcome": "kept", "message": ANSWER})

    assert decided.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by, appeal.answer) == ("kept", other, ANSWER)
    (statement,) = mailoutbox
    assert statement.to == [member.email]
    assert "blijft verborgen" in statement.subject
    assert ANSWER in statement.body
    comment.refresh_from_db()
    assert comment.is_hidden
    assert not appeals.open_appeals().exists()
    keep = ActionLog.objects.for_target(comment).get(verb=ModerationVerb.APPEAL_KEEP)
    assert (keep.actor, keep.message) == (other, ANSWER)
    kept = Decision.objects.get(kind=Decision.Kind.KEPT_HIDDEN)
    assert (kept.comment, kept.member, kept.moderator) == (comment, member, other)

    client.force_login(member)
    again = client.post(appeal_url(decision), {"text": "Nog een keer, want ik vind het raar."})
    assert "Je hebt al bezwaar gemaakt tegen dit besluit." in again.content.decode()
    on_the_new_decision = client.get(appeal_url(kept)).content.decode()
    assert "Tegen dit besluit kun je geen bezwaar maken." in on_the_new_decision
    refused = client.post(appeal_url(kept), {"text": "Dan maar tegen dit besluit."})
    assert "Tegen dit besluit kun je geen bezwaar maken." in refused.content.decode()
    assert Appeal.objects.count() == 1
    # The member reads the answer at the comment too.
    case_page = client.get(comment.case.get_absolute_url()).content.decode()
    notice = case_page[case_page.index('class="decision-notice"') :]
    assert "Blijft verborgen na bezwaar" in notice[:2000] and ANSWER in notice[:2000]


def test_with_two_moderators_the_one_who_hid_does_not_decide(client, comment, decision, hider):
    other = ModeratorFactory()
    appeal = appeals.appeal_create(decision=decision, member=comment.author, text=APPEAL_TEXT)
    client.force_login(hider)

    page = client.get(page_url(appeal)).content.decode()
    refused = client.post(page_url(appeal), {"outcome": "restored", "message": "Toch goed."})

    assert "Een andere moderator beslist erover." in page
    assert 'name="outcome"' not in page
    assert refused.status_code == 403
    appeal.refresh_from_db()
    assert appeal.is_open

    client.force_login(other)
    client.post(page_url(appeal), {"outcome": "restored", "message": "Het nummer mag blijven."})
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == ("restored", other)


def test_the_only_moderator_may_decide_on_their_own_decision(client, comment, decision, hider):
    assert list(services.moderators()) == [hider]  # nobody else could
    appeal = appeals.appeal_create(decision=decision, member=comment.author, text=APPEAL_TEXT)
    client.force_login(hider)

    page = client.get(page_url(appeal)).content.decode()
    client.post(page_url(appeal), {"outcome": "kept", "message": ANSWER})

    assert "Er is geen andere moderator, dus je mag er toch over beslissen." in page
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == ("kept", hider)


def test_a_moderator_never_decides_on_their_own_appeal(comment, hider):
    """The appellant is a moderator too: the one who hid it decides, not they."""
    own = CommentFactory(author=ModeratorFactory(), body="Mijn eigen reactie")
    services.content_hide(item=own, moderator=hider, reason="Hoort hier niet.")
    appeal = appeals.appeal_create(
        decision=Decision.objects.get(comment=own), member=own.author, text=APPEAL_TEXT
    )

    assert not appeals.may_decide(appeal, own.author)
    assert appeals.may_decide(appeal, hider)


def test_a_restored_appeal_shows_the_comment_again_and_tells_the_member(
    client, comment, decision, mailoutbox, django_capture_on_commit_callbacks
):
    appeal = appeals.appeal_create(decision=decision, member=comment.author, text=APPEAL_TEXT)
    client.force_login(ModeratorFactory())
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(appeal), {"outcome": "restored", "message": "Je hebt gelijk."})

    comment.refresh_from_db()
    assert not comment.is_hidden
    (statement,) = mailoutbox
    assert statement.to == [comment.author.email]
    assert "weer zichtbaar" in statement.subject and "Je hebt gelijk." in statement.body
    verbs = set(ActionLog.objects.for_target(comment).values_list("verb", flat=True))
    assert {ModerationVerb.RESTORE, ModerationVerb.APPEAL_RESTORE} <= verbs
    assert Decision.objects.filter(kind=Decision.Kind.RESTORED, comment=comment).exists()
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    client.logout()
    assert "Bel me op 06-12345678" in client.get(comment.case.get_absolute_url()).content.decode()


def test_a_decision_needs_an_outcome_and_a_message(client, comment, decision):
    appeal = appeals.appeal_create(decision=decision, member=comment.author, text=APPEAL_TEXT)
    client.force_login(ModeratorFactory())

    response = client.post(page_url(appeal), {"outcome": "", "message": " "})

    page = response.content.decode()
    assert "Kies wat je met het bezwaar doet." in page
    assert "Schrijf het lid waarom je zo besluit." in page
    appeal.refresh_from_db()
    assert appeal.is_open


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Leg uit waarom je het er niet mee eens bent."),
        ("Te kort", "Schrijf iets meer: minimaal 10 tekens (nu 7)."),
        ("x" * 2001, "Dat is te lang: maximaal 2000 tekens (nu 2001)."),
    ],
)
def test_the_appeal_text_has_limits_in_dutch(client, comment, decision, text, message):
    client.force_login(comment.author)

    response = client.post(appeal_url(decision), {"text": text})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Appeal.objects.exists()


def test_ten_and_two_thousand_characters_are_fine(comment, decision):
    appeals.appeal_create(decision=decision, member=comment.author, text="x" * 2000)
    assert Appeal.objects.get().text == "x" * 2000
    assert appeals.appeal_text_errors("y" * 10) == []


def test_only_the_member_the_decision_is_about_may_appeal(client, decision):
    url = appeal_url(decision)
    assert client.get(url)["Location"].startswith(reverse("account_login"))

    client.force_login(VerifiedUserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": APPEAL_TEXT}).status_code == 404
    client.force_login(ModeratorFactory())  # not even a moderator appeals for someone
    assert client.get(url).status_code == 404
    assert not Appeal.objects.exists()


def test_members_do_not_open_the_moderators_appeal_page(client, comment, decision):
    appeal = appeals.appeal_create(decision=decision, member=comment.author, text=APPEAL_TEXT)
    for member in (comment.author, VerifiedUserFactory()):
        client.force_login(member)
        assert client.get(page_url(appeal)).status_code == 403
        assert (
            client.post(page_url(appeal), {"outcome": "restored", "message": "Ja"}).status_code
            == 403
        )
    appeal.refresh_from_db()
    assert appeal.is_open


def test_a_suspended_member_appeals_through_the_link_without_logging_in(
    client, hider, mailoutbox, django_capture_on_commit_callbacks
):
    member = VerifiedUserFactory()
    suspension = services.member_suspend(member=member, moderator=hider, reason="Herhaalde spam")
    link = appeals.appeal_url(suspension)
    assert "?t=" in link

    assert client.get(appeal_url(suspension))["Location"].startswith(reverse("account_login"))
    assert client.get(link.replace("?t=", "?t=x")).status_code == 302  # forged: log in first
    assert "Leg uit waarom je het er niet mee eens bent" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"text": "Ik heb maar één bericht geplaatst."})

    appeal = Appeal.objects.get()
    assert appeal.decision == suspension
    assert ActionLog.objects.for_target(member).filter(verb=ModerationVerb.REVIEW_REQUEST).exists()
    after = client.get(link).content.decode()
    assert "Je hebt al bezwaar gemaakt tegen dit besluit" in after

    client.force_login(ModeratorFactory())
    page = client.get(page_url(appeal)).content.decode()
    assert "Schorsing opheffen" in page and "Schorsing blijft" in page
    assert "Herhaalde spam" in page
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            page_url(appeal), {"outcome": "restored", "message": "Eén bericht is geen spam."}
        )

    member.refresh_from_db()
    assert member.is_active and member.profile.suspended_at is None
    assert [message.to for message in mailoutbox] == [[member.email]]  # one message
    assert "Eén bericht is geen spam." in mailoutbox[0].body


def test_a_token_for_one_decision_opens_no_other(client, hider):
    first, second = VerifiedUserFactory(), VerifiedUserFactory()
    mine = services.member_suspend(member=first, moderator=hider, reason="Spam")
    theirs = services.member_suspend(member=second, moderator=hider, reason="Spam")
    query = appeals.appeal_url(mine).partition("?")[2]

    response = client.get(f"{appeal_url(theirs)}?{query}")

    assert response["Location"].startswith(reverse("account_login"))
    assert not appeals.appeal_token_valid(theirs, appeals.appeal_token(mine))
    assert client.get(f"{appeal_url(mine)}?{query}").status_code == 200


def test_an_item_that_was_restored_meanwhile_needs_no_appeal(comment, decision, hider):
    services.content_restore(item=comment, moderator=hider, reason="Toch in orde.")

    with pytest.raises(ValidationError, match="Dit besluit geldt niet meer"):
        appeals.appeal_create(decision=decision, member=comment.author, text=APPEAL_TEXT)


def test_open_appeals_come_oldest_first_in_a_fixed_number_of_queries(
    hider, django_assert_num_queries
):
    """``open_appeals()`` fetches member, moderator and item along: without its
    select_related the dashboard would ask for each appeal's member and comment."""
    made = []
    for number in range(3):
        comment = CommentFactory(body=f"Reactie {number}")
        services.content_hide(item=comment, moderator=hider, reason="Nee")
        made.append(
            appeals.appeal_create(
                decision=Decision.objects.get(comment=comment),
                member=comment.author,
                text=APPEAL_TEXT,
            )
        )

    with django_assert_num_queries(1):
        listed = [
            (
                appeal,
                appeal.decision.member.profile.display_name,
                appeal.decision.comment.case.title,
            )
            for appeal in appeals.open_appeals()
        ]

    assert [appeal for appeal, _, _ in listed] == made


def test_the_moderator_page_of_a_hidden_case_shows_its_text(client, hider):
    case = CaseFactory(summary="Samen met bewoners een plein ontworpen.")
    services.content_hide(item=case, moderator=hider, reason="Er staat een adres in.")
    appeal = appeals.appeal_create(
        decision=Decision.objects.get(case=case), member=case.author, text=APPEAL_TEXT
    )
    client.force_login(ModeratorFactory())

    html = client.get(page_url(appeal)).content.decode()

    page = assert_base_layout(html)
    ids = [found["id"] for _, found in page.elements if found.get("id")]
    assert len(ids) == len(set(ids))
    assert "Samen met bewoners een plein ontworpen." in html and "nu verborgen" in html
    assert "Er staat een adres in." in html and APPEAL_TEXT in html

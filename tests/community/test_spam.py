"""Spam at the door: rate limits on sign-up, comments and reports (per account and per
address, nothing stored when over), links from brand-new members held for a moderator,
and a spam account's content removed in one step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import ActionLog
from community import services, spam
from community.models import Case, Comment, Decision, ModerationVerb, Report, User
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)
from tests.html import assert_base_layout

pytestmark = pytest.mark.django_db

SPAM_LINK = "Goedkope zonnepanelen: https://koop-nu.example/aanbieding"


def post_comment(client, case, body, **extra):
    return client.post(
        reverse("community:comment_create", args=[case.slug]), {"body": body}, **extra
    )


def old_member():
    """A member who signed up two days ago."""
    member = VerifiedUserFactory()
    User.objects.filter(pk=member.pk).update(date_joined=timezone.now() - timedelta(days=2))
    member.refresh_from_db()
    return member


# --- Rate limits ---------------------------------------------------------------------------


def test_a_member_over_the_comment_limit_gets_a_dutch_message_and_nothing_is_stored(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENT_RATE_LIMIT_ACCOUNT = 2
    case = CaseFactory()
    client.force_login(old_member())
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            assert post_comment(client, case, f"Reactie {number}").status_code == 302
    sent = len(mailoutbox)
    assert sent == 2  # the case's author heard of both

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, case, "Nog een derde reactie")

    assert response.status_code == 429
    page = response.content.decode()
    assert (
        "Je hebt in korte tijd veel reacties geplaatst. Probeer het over tien minuten opnieuw."
        in page
    )
    assert "Nog een derde reactie" in page  # the text is shown back, not lost
    assert case.comments.count() == 2
    assert len(mailoutbox) == sent


def test_another_account_from_the_same_address_meets_the_address_limit(client, settings):
    settings.COMMENT_RATE_LIMIT_ACCOUNT = 10
    settings.COMMENT_RATE_LIMIT_ADDRESS = 3
    case = CaseFactory()
    client.force_login(old_member())
    for number in range(3):
        post_comment(client, case, f"Reactie {number}")

    client.force_login(old_member())
    refused = post_comment(client, case, "Van een ander account")
    elsewhere = post_comment(client, case, "Van een ander adres", REMOTE_ADDR="10.1.2.3")

    assert refused.status_code == 429
    assert "veel reacties geplaatst" in refused.content.decode()
    assert elsewhere.status_code == 302
    assert list(case.comments.values_list("body", flat=True)) == [
        "Reactie 0",
        "Reactie 1",
        "Reactie 2",
        "Van een ander adres",
    ]


def test_a_member_over_the_report_limit_sees_the_form_again_and_nothing_is_stored(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REPORT_RATE_LIMIT_ACCOUNT = 2
    ModeratorFactory()
    comments = CommentFactory.create_batch(3)
    client.force_login(VerifiedUserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(
                reverse("community:report", args=["reactie", comment.pk]), {"reason": "spam"}
            )
            for comment in comments
        ]

    assert [response.status_code for response in responses] == [302, 302, 429]
    page = responses[-1].content.decode()
    assert "Je hebt in korte tijd veel meldingen gedaan. Probeer het over een uur opnieuw." in page
    assert 'name="reason"' in page  # the form, to send later
    assert Report.objects.count() == 2
    assert len(mailoutbox) == 2  # one to the moderators per stored report


def test_another_account_from_the_same_address_meets_the_report_address_limit(client, settings):
    settings.REPORT_RATE_LIMIT_ADDRESS = 1
    first, second = CommentFactory.create_batch(2)
    client.force_login(VerifiedUserFactory())
    client.post(reverse("community:report", args=["reactie", first.pk]), {"reason": "spam"})

    client.force_login(VerifiedUserFactory())
    response = client.post(
        reverse("community:report", args=["reactie", second.pk]), {"reason": "spam"}
    )

    assert response.status_code == 429
    assert "veel meldingen gedaan" in response.content.decode()
    assert list(Report.objects.values_list("comment", flat=True)) == [first.pk]


def sign_up(client, number):
    password = "drie koffie twee thee"
    return client.post(
        reverse("account_signup"),
        {"email": f"nieuw{number}@gemeente.example", "password1": password, "password2": password},
    )


def test_sign_ups_from_one_address_are_limited_with_a_dutch_page(client, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/10m/ip"}

    responses = [sign_up(client, number) for number in range(3)]

    assert [response.status_code for response in responses] == [302, 302, 429]
    page = responses[-1].content.decode()
    assert_base_layout(page)
    assert "Vanaf jouw internetadres zijn in korte tijd veel accounts gemaakt." in page
    assert "Too Many Requests" not in page
    assert User.objects.count() == 2
    assert len(mailoutbox) == 2  # no confirmation mail for the refused one


def test_the_default_sign_up_limit_counts_per_address(client):
    """20 attempts in ten minutes from one address; the next is refused."""
    statuses = [client.post(reverse("account_signup"), {}).status_code for _ in range(21)]

    assert statuses == [200] * 20 + [429]
    other_address = client.post(reverse("account_signup"), {}, REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 200


# --- Links from brand-new members ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kijk op https://koop-nu.example",
        "http://x.example/pagina",
        "Zie www.voorbeeld.nl",
        "Meer op example.com/aanbod",
        "Lees co-creatie.nl eens",
    ],
)
def test_url_like_text_counts_as_a_link(text):
    assert spam.contains_link(text)


@pytest.mark.parametrize(
    "text",
    ["Bel me op 06-12345678", "Dat was i.v.m. de planning, o.a. met bewoners.", "Ruim 3.5 uur"],
)
def test_ordinary_text_is_no_link(text):
    assert not spam.contains_link(text)


def test_a_new_members_comment_with_a_link_waits_for_a_moderator(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    case = CaseFactory()
    newcomer = VerifiedUserFactory()
    client.force_login(newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, case, SPAM_LINK, follow=True)

    comment = Comment.objects.get()
    assert comment.held_at is not None
    page = response.content.decode()
    assert SPAM_LINK in page
    assert "Je reactie wacht op goedkeuring door een moderator" in page
    assert "Je reactie staat erbij." not in page
    (message,) = mailoutbox  # the moderators, not the case's author
    assert message.to == [moderator.email]
    assert "Reactie wacht op goedkeuring" in message.subject
    assert comment.get_absolute_url() in message.body
    log = ActionLog.objects.for_target(comment).get()
    assert (log.verb, log.actor) == (ModerationVerb.HOLD, None)

    client.force_login(VerifiedUserFactory())
    assert SPAM_LINK not in client.get(case.get_absolute_url()).content.decode()
    assert client.get(reverse("community:report", args=["reactie", comment.pk])).status_code == 404
    client.logout()
    assert SPAM_LINK not in client.get(case.get_absolute_url()).content.decode()
    client.force_login(moderator)
    page = client.get(case.get_absolute_url()).content.decode()
    assert SPAM_LINK in page and "Wacht op goedkeuring" in page
    assert reverse("community:moderation_comment_approve", args=[comment.pk]) in page


def test_the_same_new_member_without_a_link_is_not_held(client):
    case = CaseFactory()
    client.force_login(VerifiedUserFactory())

    post_comment(client, case, "Mooi verhaal, dank je wel!")

    assert Comment.objects.get().held_at is None
    client.logout()
    assert "Mooi verhaal, dank je wel!" in client.get(case.get_absolute_url()).content.decode()


def test_an_older_member_with_a_link_is_not_held(client):
    case = CaseFactory()
    client.force_login(old_member())

    post_comment(client, case, SPAM_LINK)

    assert Comment.objects.get().held_at is None
    client.logout()
    assert SPAM_LINK in client.get(case.get_absolute_url()).content.decode()


def test_zero_hours_switches_holding_off(client, settings):
    settings.COMMENT_HOLD_LINKS_HOURS = 0
    case = CaseFactory()
    client.force_login(VerifiedUserFactory())

    post_comment(client, case, SPAM_LINK)

    assert Comment.objects.get().held_at is None


def test_approving_makes_a_held_comment_public_and_tells_the_case_author(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    case = CaseFactory()
    client.force_login(VerifiedUserFactory())
    post_comment(client, case, SPAM_LINK)
    comment = Comment.objects.get()

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:moderation_comment_approve", args=[comment.pk]),
            {"next": case.get_absolute_url()},
            follow=True,
        )

    assert "De reactie is goedgekeurd" in response.content.decode()
    comment.refresh_from_db()
    assert comment.held_at is None
    log = ActionLog.objects.for_target(comment).filter(verb=ModerationVerb.APPROVE).get()
    assert log.actor == moderator
    assert [message.to for message in mailoutbox] == [[case.author.email]]
    assert SPAM_LINK in mailoutbox[0].body
    client.logout()
    assert SPAM_LINK in client.get(case.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)  # the cached pages move on at the real commit
def test_an_approved_comment_shows_at_once_on_a_cached_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    moderator = ModeratorFactory()
    case = CaseFactory()
    client.force_login(VerifiedUserFactory())
    post_comment(client, case, SPAM_LINK)
    comment = Comment.objects.get()
    client.logout()
    client.get(case.get_absolute_url())
    cached = client.get(case.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit" and SPAM_LINK not in cached.content.decode()

    spam.comment_approve(comment=comment, moderator=moderator)

    public = client.get(case.get_absolute_url())
    assert public["X-Page-Cache"] == "miss" and SPAM_LINK in public.content.decode()


def test_a_comment_that_is_not_held_cannot_be_approved(client):
    comment = CommentFactory()
    client.force_login(ModeratorFactory())

    response = client.post(
        reverse("community:moderation_comment_approve", args=[comment.pk]), follow=True
    )

    assert "Deze reactie wacht niet op goedkeuring." in response.content.decode()
    assert not ActionLog.objects.filter(verb=ModerationVerb.APPROVE).exists()


# --- Removing a spam account's content ---------------------------------------------------


@pytest.fixture
def spammer():
    member = VerifiedUserFactory()
    CaseFactory.create_batch(2, author=member)
    CaseFactory(author=member, status="draft", published_at=None)
    CommentFactory.create_batch(2, author=member)
    CommentFactory(author=member, is_hidden=True, hidden_reason="Eerder al verborgen")
    return member


def test_a_moderator_removes_all_content_of_a_spam_account_in_one_step(
    client, spammer, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    reported = Comment.objects.filter(author=spammer, is_hidden=False).first()
    Report.objects.create(reporter=VerifiedUserFactory(), comment=reported, reason="spam")
    public_case = Case.objects.filter(author=spammer, status="published").first()
    url = reverse("community:moderation_spam_remove", args=[spammer.profile.slug])
    client.force_login(moderator)

    confirm = client.get(url).content.decode()
    assert_base_layout(confirm)
    assert "3 praktijkverhalen en 2 reacties" in confirm
    assert "Er is nog niets veranderd." in confirm
    without_reason = client.post(url, {"reason": " "})
    assert "Schrijf een reden op." in without_reason.content.decode()
    assert Case.objects.filter(author=spammer, is_hidden=False).count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Reclame voor zonnepanelen."}, follow=True)

    assert "Verborgen: 3 praktijkverhalen en 2 reacties." in response.content.decode()
    assert Case.objects.filter(author=spammer).count() == 3  # kept as evidence
    assert Comment.objects.filter(author=spammer).count() == 3
    assert not Case.objects.filter(author=spammer, is_hidden=False).exists()
    assert not Comment.objects.filter(author=spammer, is_hidden=False).exists()
    assert Comment.objects.get(hidden_reason="Eerder al verborgen")  # left as it was
    spammer.refresh_from_db()
    assert not spammer.is_active and spammer.profile.suspended_at is not None
    assert Report.objects.get().resolved_at is not None
    decision = Decision.objects.get(member=spammer)
    assert (decision.kind, decision.ground) == (Decision.Kind.SPAM_REMOVED, "spam")
    (statement,) = [message for message in mailoutbox if spammer.email in message.to]
    assert "Reclame voor zonnepanelen." in statement.body
    log = ActionLog.objects.get(verb=ModerationVerb.SPAM_REMOVE)
    assert (log.actor, log.data) == (moderator, {"cases": 3, "comments": 2})
    client.logout()
    assert client.get(public_case.get_absolute_url()).status_code == 404
    page = client.get(reported.case.get_absolute_url()).content.decode()
    assert reported.body not in page


def test_the_content_of_a_moderator_is_not_removed_as_spam(client):
    target = ModeratorFactory()
    CommentFactory(author=target)
    url = reverse("community:moderation_spam_remove", args=[target.profile.slug])
    client.force_login(ModeratorFactory())

    page = client.get(url).content.decode()
    response = client.post(url, {"reason": "Spam"})

    assert "Dit is een moderator of beheerder." in page
    assert "Alles verbergen en account schorsen" not in page
    assert "Dit is een moderator of beheerder." in response.content.decode()
    assert not Comment.objects.filter(is_hidden=True).exists()
    target.refresh_from_db()
    assert target.is_active
    assert not Decision.objects.exists()


def test_a_moderator_cannot_remove_their_own_account_as_spam(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)

    response = client.post(
        reverse("community:moderation_spam_remove", args=[moderator.profile.slug]),
        {"reason": "Spam"},
    )

    assert "Je kunt je eigen account niet als spam verwijderen." in response.content.decode()
    moderator.refresh_from_db()
    assert moderator.is_active


def test_members_may_not_approve_or_remove_spam(client, spammer):
    held = CommentFactory(held_at=timezone.now())
    client.force_login(VerifiedUserFactory())

    approve = client.post(reverse("community:moderation_comment_approve", args=[held.pk]))
    confirm = client.get(reverse("community:moderation_spam_remove", args=[spammer.profile.slug]))
    remove = client.post(
        reverse("community:moderation_spam_remove", args=[spammer.profile.slug]),
        {"reason": "Spam"},
    )

    assert [approve.status_code, confirm.status_code, remove.status_code] == [403, 403, 403]
    held.refresh_from_db()
    assert held.held_at is not None
    assert Comment.objects.filter(author=spammer, is_hidden=False).count() == 2


def test_the_profile_page_offers_spam_removal_to_moderators_only(client, spammer):
    url = reverse("community:moderation_spam_remove", args=[spammer.profile.slug])
    client.force_login(VerifiedUserFactory())
    assert url not in client.get(spammer.profile.get_absolute_url()).content.decode()

    client.force_login(ModeratorFactory())
    assert url in client.get(spammer.profile.get_absolute_url()).content.decode()


def test_a_temporary_suspension_becomes_open_ended_when_spam_is_removed(spammer):
    moderator = ModeratorFactory()
    services.member_suspend(
        member=spammer,
        moderator=moderator,
        reason="Eerst een week.",
        until=timezone.localdate() + timedelta(days=7),
    )

    spam.spam_account_remove(member=spammer, moderator=moderator, reason="Toch spam.")

    spammer.profile.refresh_from_db()
    assert spammer.profile.suspended_at is not None
    assert spammer.profile.suspended_until is None
    assert list(Decision.objects.values_list("kind", flat=True)) == [
        Decision.Kind.SPAM_REMOVED,
        Decision.Kind.SUSPENDED,
    ]

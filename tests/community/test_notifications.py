"""Notifications: who hears of a published case, a comment, a moderator's decision and a
new session series; by mail at once, in the digest or only in the site, as each member
chose; the list in the site with its unread count in the header, and the preferences."""

import html
import re

import pytest
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import following
from cocreatie.core import notifications as core_notifications
from cocreatie.core.models import Notification
from community import notifications, services, spam
from community.models import Decision
from sessions_app import planning
from sessions_app.apps import NEW_SERIES
from tests.community.data_download import my_data
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganiserFactory,
    UserFactory,
    VerifiedUserFactory,
)
from tests.roadmap.factories import ChallengeFactory, PhaseFactory
from tests.sessions.factories import SeriesFactory

pytestmark = pytest.mark.django_db

MAIL, DIGEST, SITE = "mail", "digest", "site"


def text(response) -> str:
    content = re.sub(r"</?span[^>]*>", "", response.content.decode())
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", content).split()))


def mails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def challenge():
    return ChallengeFactory(title="Draagvlak")


@pytest.fixture
def submitted(challenge):
    case = CaseFactory(
        title="Buurtbudget in Houten", status="submitted", published_at=None, tags=["wijk"]
    )
    case.challenges.add(challenge)
    return case


def publish(case, moderator, capture):
    with capture(execute=True):
        services.case_decide(
            case=case, moderator=moderator, decision="publish", message="Mooi verhaal."
        )


# --- A new case about something followed ---------------------------------------------------


@pytest.mark.parametrize("delivery, mailed", [(MAIL, 1), (DIGEST, 0), (SITE, 0)])
def test_a_follower_hears_of_a_published_case_as_they_chose(
    challenge, submitted, moderator, django_capture_on_commit_callbacks, delivery, mailed
):
    follower = VerifiedUserFactory()
    following.follow(user=follower, obj=challenge)
    core_notifications.preferences_update(
        user=follower, deliveries={notifications.NEW_CASE: delivery}
    )

    publish(submitted, moderator, django_capture_on_commit_callbacks)

    notification = Notification.objects.get(user=follower)
    assert notification.kind == notifications.NEW_CASE
    assert notification.title == "Nieuw praktijkverhaal: Buurtbudget in Houten"
    assert notification.url == submitted.get_absolute_url()
    assert notification.group == "Uitdaging: Draagvlak"
    assert notification.text == "Wat we samen met bewoners deden."
    assert len(mails_to(follower)) == mailed
    if mailed:
        assert "Buurtbudget in Houten" in mails_to(follower)[0].subject
        assert submitted.get_absolute_url() in mails_to(follower)[0].body
    # Waiting for the digest, or only in the site: not marked as mailed.
    assert (notification.mailed_at is not None) == (delivery == MAIL)


def test_following_several_matching_things_gives_one_notification_naming_the_first(
    challenge, submitted, moderator, django_capture_on_commit_callbacks
):
    follower = VerifiedUserFactory()
    phase = PhaseFactory(title="Co-design")
    submitted.phases.add(phase)
    following.follow(user=follower, obj=submitted.tags.get())
    following.follow(user=follower, obj=phase)
    following.follow(user=follower, obj=challenge)
    following.follow(user=follower, obj=submitted.author.profile)

    publish(submitted, moderator, django_capture_on_commit_callbacks)

    assert [n.group for n in Notification.objects.filter(user=follower)] == ["Uitdaging: Draagvlak"]


def test_nobody_else_hears_of_it_and_the_author_hears_of_the_decision(
    challenge, submitted, moderator, django_capture_on_commit_callbacks
):
    bystander = VerifiedUserFactory()
    following.follow(user=bystander, obj=ChallengeFactory())
    author = submitted.author
    following.follow(user=author, obj=challenge)  # authors follow what they write about

    publish(submitted, moderator, django_capture_on_commit_callbacks)

    assert not Notification.objects.filter(user=bystander).exists()
    decision = Notification.objects.get(user=author)
    assert decision.kind == notifications.DECISION
    assert decision.title == "Je praktijkverhaal is gepubliceerd: Buurtbudget in Houten"
    assert decision.group == "Je eigen bijdragen"
    # At once by default: the publication mail with the moderator's message, only that.
    assert [m.subject for m in mails_to(author)] == [
        "[Cocreatie] Je praktijkverhaal is gepubliceerd"
    ]
    assert "Mooi verhaal." in mails_to(author)[0].body
    # It follows a preference now, so it says where to change it and how to stop it.
    assert reverse("community:notification_settings") in mails_to(author)[0].body
    assert "List-Unsubscribe" in mails_to(author)[0].extra_headers
    assert decision.mailed_at is not None


def test_an_author_who_wants_decisions_in_the_site_only_gets_no_publication_mail(
    submitted, moderator, django_capture_on_commit_callbacks
):
    author = submitted.author
    core_notifications.preferences_update(user=author, deliveries={notifications.DECISION: SITE})

    publish(submitted, moderator, django_capture_on_commit_callbacks)

    assert mails_to(author) == []
    assert Notification.objects.get(user=author).kind == notifications.DECISION


def test_a_case_published_again_after_changes_is_not_news_twice(
    challenge, submitted, moderator, django_capture_on_commit_callbacks
):
    follower = VerifiedUserFactory()
    following.follow(user=follower, obj=challenge)
    publish(submitted, moderator, django_capture_on_commit_callbacks)
    # Back to the moderators (as after an appeal or a correction), then published again.
    type(submitted).objects.filter(pk=submitted.pk).update(status="submitted")

    publish(submitted, moderator, django_capture_on_commit_callbacks)

    assert Notification.objects.filter(user=follower).count() == 1


def test_a_statement_of_reasons_is_mailed_and_in_the_site_whatever_the_preference(
    submitted, moderator, django_capture_on_commit_callbacks
):
    author = submitted.author
    core_notifications.preferences_update(user=author, deliveries={notifications.DECISION: SITE})

    with django_capture_on_commit_callbacks(execute=True):
        services.case_decide(
            case=submitted, moderator=moderator, decision="reject", message="Dit is reclame."
        )

    assert [m.subject for m in mails_to(author)] == [
        "[Cocreatie] Je praktijkverhaal is niet geplaatst"
    ]
    notification = Notification.objects.get(user=author)
    assert notification.kind == notifications.DECISION
    assert notification.title == (
        "Besluit van de moderatie: praktijkverhaal afgewezen (Buurtbudget in Houten)"
    )
    assert notification.text == "Dit is reclame."
    assert notification.url == f"{submitted.get_absolute_url()}#besluit"
    # Mailed already: the digest leaves it out.
    assert notification.mailed_at is not None
    assert Decision.objects.get().member == author


# --- Comments ------------------------------------------------------------------------------


def test_a_comment_reaches_the_author_at_once_and_followers_weekly_never_the_commenter(
    django_capture_on_commit_callbacks,
):
    case = CaseFactory(title="Wijkfeest")
    follower, commenter = VerifiedUserFactory(), VerifiedUserFactory()
    following.follow(user=follower, obj=case)
    following.follow(user=case.author, obj=case)  # the author follows their own case

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(case=case, author=commenter, body="Herkenbaar!")

    own = Notification.objects.get(user=case.author)
    assert own.kind == notifications.COMMENT and own.group == "Je eigen bijdragen"
    assert own.url == comment.get_absolute_url()
    assert own.text == "Herkenbaar!"
    assert own.title == f"{commenter.profile.display_name} reageerde op ‘Wijkfeest’"
    followed = Notification.objects.get(user=follower)
    assert followed.kind == notifications.FOLLOWED_COMMENT
    assert followed.group == "Praktijkverhaal: Wijkfeest"
    assert not Notification.objects.filter(user=commenter).exists()
    assert [m.to for m in mail.outbox] == [[case.author.email]]
    assert "Herkenbaar!" in mail.outbox[0].body
    assert commenter.email not in mail.outbox[0].body

    # The commenter follows the case now: the next comment reaches them, not its writer.
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(case=case, author=follower, body="Ik ook.")
    assert Notification.objects.filter(user=commenter).count() == 1
    assert Notification.objects.filter(user=follower).count() == 1


def test_a_held_comment_notifies_only_once_a_moderator_approves_it(
    moderator, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    comment = CommentFactory(case=case, held_at=timezone.now())
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        spam.comment_approve(comment=comment, moderator=moderator)

    assert Notification.objects.get().user == case.author
    assert [m.to for m in mail.outbox if "moderator" not in m.to[0]] == [[case.author.email]]


def test_a_member_who_wants_comments_weekly_gets_no_mail_at_once(
    django_capture_on_commit_callbacks,
):
    case = CaseFactory()
    core_notifications.preferences_update(
        user=case.author, deliveries={notifications.COMMENT: DIGEST}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(case=case, author=VerifiedUserFactory(), body="Mooi.")
    assert mail.outbox == []
    assert Notification.objects.get().user == case.author


# --- New session series --------------------------------------------------------------------


def series_fields(**changes):
    return {
        "title": "Co-creatie in de wijk",
        "summary": "Vier online sessies.",
        "introduction": "Elke week een fase.",
        "organisers": "Hogeschool Utrecht",
        "partner": "",
        "joining_tips": "",
        "is_published": True,
        **changes,
    }


def test_publishing_a_series_tells_every_verified_active_member_once(
    django_capture_on_commit_callbacks,
):
    organiser = OrganiserFactory()
    members = [VerifiedUserFactory(), VerifiedUserFactory()]
    unverified = UserFactory()
    gone = VerifiedUserFactory(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        series = planning.series_create(actor=organiser, **series_fields(is_published=False))
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        planning.series_update(series=series, actor=organiser, **series_fields())
    series.refresh_from_db()
    assert series.announced_at is not None
    told = Notification.objects.filter(kind=NEW_SERIES)
    assert sorted(told.values_list("user_id", flat=True)) == sorted(m.pk for m in members)
    assert {n.title for n in told} == {"Nieuwe sessiereeks: Co-creatie in de wijk"}
    assert {n.group for n in told} == {"Sessies"}
    assert {n.url for n in told} == {series.get_absolute_url()}
    assert not Notification.objects.filter(user__in=[unverified, gone, organiser]).exists()
    assert mail.outbox == []  # weekly by default

    # Unpublished and published again, or edited: nobody is told twice.
    planning.series_update(series=series, actor=organiser, **series_fields(is_published=False))
    planning.series_update(series=series, actor=organiser, **series_fields())
    planning.series_update(series=series, actor=organiser, **series_fields(summary="Nieuw."))
    assert Notification.objects.filter(kind=NEW_SERIES).count() == 2


def test_a_series_made_published_is_announced_at_once():
    organiser = OrganiserFactory()
    member = VerifiedUserFactory()
    series = planning.series_create(actor=organiser, **series_fields())
    assert Notification.objects.get(kind=NEW_SERIES).user == member
    assert Notification.objects.get().target == series


def test_followers_of_the_previous_round_read_why_they_hear_of_the_next():
    organiser = OrganiserFactory()
    previous = SeriesFactory(title="Ronde 1")
    fan, other = VerifiedUserFactory(), VerifiedUserFactory()
    following.follow(user=fan, obj=previous)

    copy = planning.series_copy(series=previous, weeks=1, title="Ronde 2", actor=organiser)
    assert not Notification.objects.exists()  # a copy starts unpublished
    planning.series_update(series=copy, actor=organiser, **series_fields(title="Ronde 2"))

    groups = {n.user_id: n.group for n in Notification.objects.filter(kind=NEW_SERIES)}
    assert groups == {fan.pk: "Je volgde Ronde 1", other.pk: "Sessies"}


def test_publishing_in_the_admin_announces_too(client, django_capture_on_commit_callbacks):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.community.factories import AdminFactory

    admin = AdminFactory()
    TOTP.activate(admin, generate_totp_secret())
    member = VerifiedUserFactory()
    series = SeriesFactory(is_published=False)
    client.force_login(admin)
    data = {
        "title": series.title,
        "slug": series.slug,
        "summary": series.summary,
        "introduction": series.introduction,
        "organisers": series.organisers,
        "partner": "",
        "joining_tips": "",
        "is_published": "on",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    url = reverse("admin:sessions_app_sessionseries_change", args=[series.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Notification.objects.get(kind=NEW_SERIES).user == member
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "summary": "Anders."})
    assert Notification.objects.filter(kind=NEW_SERIES).count() == 1


# --- The list in the site, the header, the preferences ---------------------------------------


def notify(user, n=1, **fields):
    for number in range(n):
        core_notifications.notify(
            [user],
            kind=notifications.NEW_CASE,
            title=fields.get("title", f"Nieuw praktijkverhaal: Verhaal {number}"),
            url="/community/",
            text="Kort verhaal.",
            group=fields.get("group", "Uitdaging: Draagvlak"),
        )


def test_the_list_shows_new_notifications_marks_them_read_and_the_header_counts(client):
    member, other = VerifiedUserFactory(), VerifiedUserFactory()
    notify(member, title="Nieuw praktijkverhaal: Wijkfeest")
    notify(member, title="Nieuw praktijkverhaal: Buurtbudget")
    notify(other, title="Nieuw praktijkverhaal: Niet voor jou")
    client.force_login(member)

    assert "Meldingen (2 ongelezen)" in text(client.get(reverse("community:my_cases")))
    page = text(client.get(reverse("community:notification_list")))
    assert "Nieuw Nieuw praktijkverhaal: Buurtbudget" in page  # newest first, marked new
    assert page.index("Buurtbudget") < page.index("Wijkfeest")
    assert "Waarom: Uitdaging: Draagvlak" in page
    assert "Niet voor jou" not in page
    assert "ongelezen" not in page  # shown, so read: the header has no count any more

    again = text(client.get(reverse("community:notification_list")))
    assert "Nieuw Nieuw" not in again and "Buurtbudget" in again
    assert not Notification.objects.filter(user=member, read_at=None).exists()
    assert Notification.objects.filter(user=other, read_at=None).count() == 1


def test_the_header_count_is_kept_per_member_and_forgotten_when_it_changes(client, settings):
    """With a cache that is not the database (Redis in production; one in this process
    here), the count is read from it, and forgotten whenever it changes."""
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches[settings.PAGE_CACHE_ALIAS].clear()  # nothing left from an earlier test
    member = VerifiedUserFactory()
    case = CaseFactory()
    notify(member, n=2)
    client.force_login(member)
    page = reverse("community:my_cases")
    assert "Meldingen (2 ongelezen)" in text(client.get(page))

    with CaptureQueriesContext(connection) as queries:
        assert "Meldingen (2 ongelezen)" in text(client.get(page))
    assert not [q for q in queries if "cocreatie_notification" in q["sql"]]  # not counted

    notify(member)
    assert "Meldingen (3 ongelezen)" in text(client.get(page))
    core_notifications.notify(
        [member], kind=notifications.NEW_CASE, title="Over een verhaal", url="/", target=case
    )
    assert "Meldingen (4 ongelezen)" in text(client.get(page))
    core_notifications.withdraw(type(case), [case.pk])  # the case was hidden
    assert "Meldingen (3 ongelezen)" in text(client.get(page))
    client.get(reverse("community:notification_list"))  # read
    assert "ongelezen" not in text(client.get(page))


def test_the_list_pages_by_25_and_marks_only_the_page_shown(client):
    member = VerifiedUserFactory()
    notify(member, n=30)
    client.force_login(member)
    first = text(client.get(reverse("community:notification_list")))
    assert "Pagina 1 van 2" in first
    assert Notification.objects.filter(user=member, read_at=None).count() == 5
    client.get(reverse("community:notification_list") + "?page=2")
    assert not Notification.objects.filter(user=member, read_at=None).exists()


def test_an_empty_list_says_what_will_come(client):
    client.force_login(VerifiedUserFactory())
    page = text(client.get(reverse("community:notification_list")))
    assert "Je hebt nog geen meldingen." in page


def test_the_list_needs_no_more_queries_for_more_notifications(
    client, django_assert_max_num_queries
):
    """One page query, one count, one update to mark them read; not one per row."""
    member = VerifiedUserFactory()
    client.force_login(member)
    notify(member, n=1)
    url = reverse("community:notification_list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    notify(member, n=29)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert text(response).count("Nieuw praktijkverhaal") == 25


def test_the_preferences_save_per_kind(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    url = reverse("community:notification_settings")
    page = client.get(url).content.decode()
    assert "<legend" in page and "Reacties op je eigen praktijkverhalen" in page
    assert 'aria-describedby="id_decision_helptext"' in page  # the note on decisions
    assert "Meteen per mail" in page and "In de wekelijkse samenvatting" in page

    choices = {kind.key: SITE for kind in core_notifications.kinds()}
    response = client.post(
        url, {"language": "nl", **choices, notifications.COMMENT: DIGEST}, follow=True
    )

    assert "Je voorkeuren zijn bewaard." in text(response)
    deliveries = core_notifications.deliveries_for(member)
    assert deliveries[notifications.COMMENT] == DIGEST
    assert deliveries[NEW_SERIES] == SITE
    assert 'value="digest" id="id_comment_1" required checked' in response.content.decode()


def test_an_invalid_preference_is_refused_in_dutch_and_nothing_is_saved(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    choices = {"language": "nl", **{kind.key: SITE for kind in core_notifications.kinds()}}

    response = client.post(
        reverse("community:notification_settings"), {**choices, notifications.COMMENT: "duif"}
    )

    assert response.status_code == 200
    assert "Kies hoe je dit wilt krijgen" in text(response)
    assert core_notifications.deliveries_for(member)[notifications.COMMENT] == MAIL


def test_the_pages_need_a_log_in(client):
    for name in ("notification_list", "notification_settings", "follow_list"):
        response = client.get(reverse(f"community:{name}"))
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        )


def test_the_members_download_holds_follows_preferences_and_notifications(client):
    member = VerifiedUserFactory()
    following.follow(user=member, obj=ChallengeFactory(title="Draagvlak"))
    core_notifications.preferences_update(user=member, deliveries={notifications.NEW_CASE: SITE})
    notify(member, title="Nieuw praktijkverhaal: Wijkfeest")
    client.force_login(member)

    data = my_data(client)

    assert data["following"] == [{"kind": "Uitdaging", "name": "Draagvlak"}]
    assert data["notification_preferences"]["Nieuwe praktijkverhalen over wat je volgt"] == (
        "Alleen op de site"
    )
    assert [n["title"] for n in data["notifications"]] == ["Nieuw praktijkverhaal: Wijkfeest"]


def test_hidden_or_deleted_content_leaves_the_notifications_and_the_digest(
    django_capture_on_commit_callbacks,
):
    """A comment hidden after reports, or deleted by its author, must not live on in
    the lists and digests of the case's author and followers: only the statement of
    reasons to its own author stays."""
    from cocreatie.core import digest, following
    from cocreatie.core.models import Notification
    from community import services
    from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory

    case = CaseFactory()
    follower, commenter = VerifiedUserFactory(), VerifiedUserFactory()
    following.follow(user=follower, obj=case)
    with django_capture_on_commit_callbacks(execute=True):
        rude = services.comment_create(case=case, author=commenter, body="Bel 06-12345678.")
        regret = services.comment_create(case=case, author=commenter, body="Toch niet.")
    assert Notification.objects.filter(user=follower).count() == 2
    assert Notification.objects.filter(user=case.author).count() == 2

    services.content_hide(item=rude, moderator=ModeratorFactory(), reason="Telefoonnummer.")
    services.comment_delete(comment=regret, user=commenter)

    assert not Notification.objects.filter(user__in=[follower, case.author]).exists()
    assert Notification.objects.filter(user=commenter, kind="decision").count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digest.digests_send()
    assert not [message for message in mail.outbox if follower.email in message.to]

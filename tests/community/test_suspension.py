"""Suspension with a reason, a house rule and an optional end date: the member is told
in a statement of reasons, reads the same at log-in instead of a bare "inactive", and
the account reopens by itself at the start of the end date (checked at log-in, no
scheduled job) or when a moderator lifts it — each step logged and mailed."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import ActionLog
from community import services
from community.models import Decision, Profile
from tests.community.factories import PASSWORD, ModeratorFactory, VerifiedUserFactory
from tests.html import assert_base_layout

pytestmark = pytest.mark.django_db

END = datetime.date(2099, 12, 15)


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def member():
    return VerifiedUserFactory()


def suspend_url(member):
    return reverse("community:moderation_suspend", args=[member.profile.slug])


def log_in(client, member):
    return client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_a_moderator_suspends_with_reason_rule_and_end_date_and_the_member_is_told(
    client, moderator, member, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    form = client.get(suspend_url(member)).content.decode()
    assert 'type="date"' in form and 'name="ground"' in form
    assert 'value="respect"' in form and 'value="spam"' in form and 'value=""' not in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            suspend_url(member),
            {"reason": "Plaatst steeds reclame.", "ground": "spam", "until": END.isoformat()},
        )

    assert response.status_code == 302
    member.refresh_from_db()
    profile = Profile.objects.get(user=member)
    assert not member.is_active
    start_of_day = timezone.make_aware(datetime.datetime(2099, 12, 15))
    assert profile.suspended_until == start_of_day
    assert profile.suspended_reason == "Plaatst steeds reclame."
    decision = Decision.objects.get()
    assert (decision.kind, decision.member, decision.ground) == ("suspended", member, "spam")
    assert decision.ends_at == start_of_day and decision.moderator == moderator
    entry = ActionLog.objects.for_target(member).get(verb="suspend")
    assert entry.actor == moderator and entry.data == {"ground": "spam", "until": "2099-12-15"}
    (message,) = mails_to(member)
    assert message.subject.endswith("Je account is geschorst")
    body = message.body
    assert "geschorst tot 15 december 2099. Vanaf die dag kun je weer inloggen" in body
    assert "Door een moderator" in body and moderator.profile.display_name not in body
    assert "Plaatst steeds reclame." in body
    assert "Geen spam of reclame" in body and f"{settings.SITE_URL}/huisregels/#spam" in body
    assert f"{settings.SITE_URL}/community/bezwaar/{decision.pk}/" in body


@pytest.mark.parametrize("days", [-1, 0])
def test_the_suspend_form_refuses_an_end_date_that_is_not_in_the_future(
    client, moderator, member, days
):
    client.force_login(moderator)
    day = timezone.localdate() + datetime.timedelta(days=days)

    response = client.post(
        suspend_url(member), {"reason": "Reclame.", "ground": "spam", "until": day.isoformat()}
    )

    assert response.status_code == 200
    assert "Kies een datum na vandaag." in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and not Decision.objects.exists()


def test_the_suspend_form_needs_a_reason_and_a_house_rule(client, moderator, member):
    client.force_login(moderator)

    response = client.post(suspend_url(member), {"reason": " ", "until": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf op waarom je dit lid schorst." in page
    assert "Kies de huisregel waar het om gaat." in page
    member.refresh_from_db()
    assert member.is_active


def test_a_suspended_member_reads_why_and_until_when_at_log_in_and_is_not_logged_in(
    client, moderator, member
):
    decision = services.member_suspend(
        member=member, moderator=moderator, reason="Herhaalde reclame.", ground="spam", until=END
    )

    response = log_in(client, member)

    page = response.content.decode()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert_base_layout(page)
    assert "Je account is geschorst tot" in page and "15 december 2099" in page
    assert "Herhaalde reclame." in page
    assert 'href="/huisregels/#spam"' in page
    assert f'href="/community/bezwaar/{decision.pk}/?t=' in page
    assert "Ben je het er niet mee eens?" in page


def test_a_suspended_members_open_session_stops_working(client, moderator, member):
    client.force_login(member)

    services.member_suspend(member=member, moderator=moderator, reason="Scheldt.", ground="respect")

    response = client.get(reverse("community:my_cases"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_without_an_end_date_the_log_in_says_until_a_moderator_lifts_it(client, moderator, member):
    services.member_suspend(member=member, moderator=moderator, reason="Scheldt.", ground="respect")

    page = log_in(client, member).content.decode()

    assert "Je account is geschorst tot een moderator de schorsing opheft." in page
    assert "_auth_user_id" not in client.session


def test_after_the_end_date_the_log_in_reopens_the_account(
    client, moderator, member, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.member_suspend(
        member=member, moderator=moderator, reason="Reclame.", ground="spam", until=tomorrow
    )
    log_in(client, member)
    assert "_auth_user_id" not in client.session
    # The end date comes: the account reopens from the start of that day.
    Profile.objects.filter(user=member).update(
        suspended_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = log_in(client, member)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    member.refresh_from_db()
    profile = Profile.objects.get(user=member)
    assert member.is_active and profile.suspended_at is None and profile.suspended_until is None
    entry = ActionLog.objects.for_target(member).get(verb="suspension_end")
    assert entry.actor is None
    (message,) = mails_to(member)
    assert message.subject.endswith("Je account is weer open")
    assert "Die schorsing is afgelopen: je account is weer open." in message.body


def test_a_moderator_lifts_a_suspension_and_the_member_is_told(
    client, moderator, member, django_capture_on_commit_callbacks
):
    services.member_suspend(member=member, moderator=moderator, reason="Scheldt.", ground="respect")
    client.force_login(moderator)
    assert "Schorsing opheffen" in client.get(suspend_url(member)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            suspend_url(member), {"action": "opheffen", "reason": "Het was een misverstand."}
        )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active
    entry = ActionLog.objects.for_target(member).get(verb="unsuspend")
    assert entry.actor == moderator
    (message,) = mails_to(member)
    assert message.subject.endswith("Je account is weer open")
    assert "Een moderator heeft de schorsing van je account" in message.body
    assert "Het was een misverstand." in message.body
    client.logout()
    assert log_in(client, member).status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_member_is_not_suspended_twice(moderator, member):
    services.member_suspend(member=member, moderator=moderator, reason="Scheldt.", ground="respect")

    with pytest.raises(ValidationError):
        services.member_suspend(member=member, moderator=moderator, reason="Nog eens.")

    assert Decision.objects.count() == 1

"""Unsubscribing in one click (RFC 8058): notification mails and the digest carry the
List-Unsubscribe headers and a link in the footer; transactional mail (address
confirmation, password reset, registration with the meeting link, reminders) never.

The link works without logging in. A GET only says what it switches off (link
scanners open links); the POST, also without a cookie or CSRF token as mail providers
send it, switches it off and says what; a forged token changes nothing.
"""

import html
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import digest, notifications
from cocreatie.core.models import NotificationSettings
from community import questions
from community.notifications import COMMENT, FOLLOWED_COMMENT, NEW_CASE
from sessions_app import services as session_services
from tests.community.factories import VerifiedUserFactory
from tests.sessions.factories import SessionFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = "List-Unsubscribe=One-Click"


def page_text(response) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()))


@pytest.fixture
def member():
    return VerifiedUserFactory()


@pytest.fixture
def provider():
    """The recipient's mail provider: no session, no CSRF cookie, checks enforced."""
    return Client(enforce_csrf_checks=True)


def one_click(provider, url):
    path = url.removeprefix("http://127.0.0.1:8000")
    return provider.post(path, ONE_CLICK, content_type="application/x-www-form-urlencoded")


def unsubscribe_path(member, kind):
    return reverse("community:unsubscribe", args=[notifications.unsubscribe_token(member, kind)])


# --- The headers ------------------------------------------------------------------------------


def test_a_notification_mail_carries_one_click_unsubscribe_for_its_kind(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            [member], kind=COMMENT, title="Anna reageerde op je verhaal",
            url="/community/verhalen/buurtbudget/", group="Je eigen bijdragen",
        )  # fmt: skip

    (sent,) = mailoutbox
    url = notifications.unsubscribe_url(member, COMMENT)
    assert url.startswith("http") and "/community/afmelden/" in url
    message = sent.message()  # as it reaches the mail server
    assert message["List-Unsubscribe"] == (
        f"<{url}>, <mailto:{notifications.settings.UNSUBSCRIBE_EMAIL}?subject=afmelden>"
    )
    assert message["List-Unsubscribe-Post"] == ONE_CLICK
    # The footer: why, the preferences, the same unsubscribe link; in both parts.
    assert "Reacties op je eigen praktijkverhalen" in sent.body
    assert f"Je meldingen instellen: {notifications.preferences_url()}" in sent.body
    assert f"Geen mail meer hierover: {url}" in sent.body
    (html_part, _), *_ = sent.alternatives
    assert f'href="{url}"' in html_part
    assert f'href="{notifications.preferences_url()}"' in html_part


def test_transactional_mail_never_carries_unsubscribe_headers(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """Sign-up confirmation, password reset, a session registration with its calendar,
    the reminder with the meeting link: needed mail, so no way to switch it off."""
    client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@gemeente.example",
            "password1": "drie koffie twee thee",
            "password2": "drie koffie twee thee",
        },
    )
    client.post(reverse("account_reset_password"), {"email": VerifiedUserFactory().email})
    session = SessionFactory(starts_at=timezone.now() + timedelta(hours=30))
    with django_capture_on_commit_callbacks(execute=True):
        session_services.registration_create(
            series=session.series, sessions=[session], name="Anna", email="anna@example.org"
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert session_services.reminders_send(now=timezone.now() + timedelta(hours=8)) == 1

    subjects = [sent.subject for sent in mailoutbox]
    assert len(mailoutbox) == 4, subjects
    for sent in mailoutbox:
        message = sent.message()
        assert "List-Unsubscribe" not in message, sent.subject
        assert "List-Unsubscribe-Post" not in message, sent.subject
        assert "/community/afmelden/" not in sent.body, sent.subject
        assert [mimetype for _, mimetype in sent.alternatives] == ["text/html"], sent.subject
    assert any(session.meeting_url in sent.body for sent in mailoutbox)


# --- The page -------------------------------------------------------------------------------


def test_opening_the_link_says_what_it_switches_off_and_changes_nothing(member, client):
    response = client.get(unsubscribe_path(member, COMMENT))

    assert response.status_code == 200
    text = page_text(response)
    assert "Je krijgt dan geen mail meer over: reacties op je eigen praktijkverhalen" in text
    assert '<button type="submit" class="button">Afmelden</button>' in response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert reverse("community:notification_settings") in response.content.decode()
    # Nothing stored: not even a settings row.
    assert not NotificationSettings.objects.filter(user=member).exists()
    assert notifications.deliveries_for(member)[COMMENT] == "mail"


def test_the_page_is_never_kept_in_the_page_cache(member, settings):
    settings.PAGE_CACHE_SECONDS = 600
    path = unsubscribe_path(member, COMMENT)
    visitor = Client()
    first, second = visitor.get(path), visitor.get(path)
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_one_click_switches_off_that_kind_and_says_so(
    member, provider, mailoutbox, django_capture_on_commit_callbacks
):
    response = one_click(provider, notifications.unsubscribe_url(member, COMMENT))

    assert response.status_code == 200
    text = page_text(response)
    assert "Je bent afgemeld" in text
    assert "Je krijgt geen mail meer over: reacties op je eigen praktijkverhalen" in text
    assert reverse("community:notification_settings") in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    deliveries = notifications.deliveries_for(member)
    assert deliveries[COMMENT] == "site"
    assert deliveries[NEW_CASE] == "digest"  # the other kinds stay as they were
    # And indeed: the next comment is in the site only.
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([member], kind=COMMENT, title="Nog een reactie", url="/")
    assert mailoutbox == []
    # Clicking again does no harm; the page says it is off.
    assert one_click(provider, notifications.unsubscribe_url(member, COMMENT)).status_code == 200
    again = Client().get(unsubscribe_path(member, COMMENT))
    assert "Je bent hiervoor al afgemeld" in page_text(again)


def test_the_button_on_the_page_works_without_a_cookie(member):
    visitor = Client(enforce_csrf_checks=True)
    path = unsubscribe_path(member, COMMENT)
    assert 'method="post"' in visitor.get(path).content.decode()
    assert visitor.post(path).status_code == 200
    assert notifications.deliveries_for(member)[COMMENT] == "site"


def test_the_digest_link_stops_the_digest(member, provider, django_capture_on_commit_callbacks):
    notifications.notify([member], kind=NEW_CASE, title="Buurtbudget Zeist", url="/")
    notifications.notify([member], kind=FOLLOWED_COMMENT, title="Een reactie", url="/")
    assert "wekelijkse samenvatting" in page_text(
        Client().get(unsubscribe_path(member, notifications.DIGEST))
    )

    response = one_click(provider, notifications.unsubscribe_url(member, notifications.DIGEST))

    assert response.status_code == 200
    assert "Je krijgt geen wekelijkse samenvatting meer" in page_text(response)
    deliveries = notifications.deliveries_for(member)
    assert deliveries[NEW_CASE] == deliveries[FOLLOWED_COMMENT] == "site"
    assert deliveries[COMMENT] == "mail"  # mail at once is not the digest
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.digests_send() == 0


def test_the_link_in_a_relayed_question_stops_questions(member, provider):
    member.profile.accepts_questions = True
    member.profile.save()
    url = notifications.unsubscribe_url(member, questions.UNSUBSCRIBE_KEY)
    assert str(questions.UNSUBSCRIBE_DESCRIPTION) in page_text(
        Client().get(url.removeprefix("http://127.0.0.1:8000"))
    )

    response = one_click(provider, url)

    assert str(questions.UNSUBSCRIBE_DESCRIPTION) in page_text(response)
    member.profile.refresh_from_db()
    assert member.profile.accepts_questions is False


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        lambda token: signing.dumps({"u": 1, "k": COMMENT}, salt="elders", compress=True),
        lambda token: "zomaar-iets",
    ],
    ids=["garbled", "wrong-key", "nonsense"],
)
def test_a_forged_link_changes_nothing(member, provider, forge):
    token = forge(notifications.unsubscribe_token(member, COMMENT))
    path = reverse("community:unsubscribe", args=[token])

    for response in (Client().get(path), one_click(provider, f"http://127.0.0.1:8000{path}")):
        assert response.status_code == 400
        assert "Deze afmeldlink werkt niet" in page_text(response)
        assert "Er is niets veranderd" in page_text(response)
        assert "no-store" in response["Cache-Control"]
    assert not NotificationSettings.objects.filter(user=member).exists()


def test_the_link_of_a_closed_account_changes_nothing(member, provider):
    url = notifications.unsubscribe_url(member, COMMENT)
    member.is_active = False
    member.save()

    assert one_click(provider, url).status_code == 400
    assert not NotificationSettings.objects.filter(user=member).exists()

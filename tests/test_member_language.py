"""What the site writes to someone (mails, notifications) is in the language they chose:
the language of the page they signed up or registered on, or the one they picked in
their preferences, whoever's request sends it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cocreatie.core.digest import digests_send
from cocreatie.core.models import Notification
from community import services
from community.models import User
from sessions_app import services as session_services
from sessions_app.models import Registration
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory
from tests.sessions.factories import SeatFactory, SessionFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Wijkbudget-in-Houten-2026"


def mails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


@pytest.mark.parametrize(("prefix", "language"), [("", "nl"), ("/en", "en")])
def test_a_new_member_is_written_to_in_the_language_they_signed_up_in(client, prefix, language):
    client.post(
        f"{prefix}/account/signup/",
        {"email": "nieuw@gemeente.example", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert User.objects.get(email="nieuw@gemeente.example").language == language


def test_a_member_chooses_the_language_of_their_mails_in_the_preferences(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    url = reverse("community:notification_settings")
    page = client.get(url).content.decode()
    assert "Taal van je mails en meldingen" in page
    assert 'value="nl" id="id_language_0" required checked' in page

    fields = dict(re.findall(r'name="(\w+)" value="(\w+)"[^>]* checked', page))
    response = client.post(url, {**fields, "language": "en"}, follow=True)

    assert "Je voorkeuren zijn bewaard." in response.content.decode()
    member.refresh_from_db()
    assert member.language == "en"


def test_an_unknown_language_is_refused_in_dutch_and_nothing_is_saved(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    url = reverse("community:notification_settings")
    fields = dict(re.findall(r'name="(\w+)" value="(\w+)"[^>]* checked', client.get(url).text))

    response = client.post(url, {**fields, "language": "fr"})

    assert "Kies de taal van je mails en meldingen." in response.content.decode()
    member.refresh_from_db()
    assert member.language == "nl"


def test_a_comment_reaches_each_member_in_their_own_language(django_capture_on_commit_callbacks):
    english = VerifiedUserFactory(language="en")
    case = CaseFactory(author=english, title="Wijkfeest")
    commenter = VerifiedUserFactory()  # writes from a Dutch page

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(case=case, author=commenter, body="Herkenbaar!")

    notification = Notification.objects.get(user=english)
    name = commenter.profile.display_name
    assert notification.title == f"{name} commented on ‘Wijkfeest’"
    assert notification.group == "Your own contributions"
    assert notification.url == comment.get_absolute_url()  # stored without a prefix
    (message,) = mails_to(english)
    assert message.subject == f"[Cocreatie] {name} commented on ‘Wijkfeest’"
    assert "Hello," in message.body
    # The link opens the English page, at the comment itself.
    assert f"/en{comment.get_absolute_url()}" in message.body
    assert "#reactie-" in comment.get_absolute_url()


def test_the_list_of_notifications_links_to_the_page_in_its_own_language(client):
    member = VerifiedUserFactory(language="en")
    case = CaseFactory(author=member)
    Notification.objects.create(
        user=member, kind="comment", title="Een reactie", url=f"{case.get_absolute_url()}#x"
    )
    client.force_login(member)
    path = case.get_absolute_url()
    with translation.override("en"):
        english_list = reverse("community:notification_list")
    dutch_list = reverse("community:notification_list")

    assert f'href="/en{path}#x"' in client.get(english_list).text
    assert f'href="{path}#x"' in client.get(dutch_list).text


def test_the_weekly_digest_is_in_the_members_language(django_capture_on_commit_callbacks):
    english, dutch = VerifiedUserFactory(language="en"), VerifiedUserFactory()
    for member in (english, dutch):
        Notification.objects.create(
            user=member, kind="new_case", title="Nieuw praktijkverhaal", url="/community/"
        )

    with django_capture_on_commit_callbacks(execute=True):
        digests_send(now=timezone.now() + timedelta(days=8))

    (english_digest,) = mails_to(english)
    (dutch_digest,) = mails_to(dutch)
    assert english_digest.subject == "[Cocreatie] Your week on Cocreatie: 1 new notification"
    assert dutch_digest.subject == "[Cocreatie] Je week op Cocreatie: 1 nieuwe melding"
    assert "/en/" in english_digest.body and "/en/" not in dutch_digest.body


def test_moderators_are_told_in_their_own_languages(django_capture_on_commit_callbacks):
    dutch, english = ModeratorFactory(), ModeratorFactory(language="en")
    case = CaseFactory(status="draft", published_at=None, title="Speeltuin")

    with django_capture_on_commit_callbacks(execute=True):
        services.case_submit(case=case, author=case.author)

    (to_english,) = mails_to(english)
    (to_dutch,) = mails_to(dutch)
    assert to_english.subject == "[Cocreatie] New case to review: Speeltuin"
    assert to_dutch.subject == "[Cocreatie] Nieuw praktijkverhaal om te beoordelen: Speeltuin"
    assert to_english.to == [english.email] and to_dutch.to == [dutch.email]


@pytest.mark.parametrize(("prefix", "language"), [("", "nl"), ("/en", "en")])
def test_a_registrant_gets_the_reminder_in_the_language_they_registered_in(
    client, django_capture_on_commit_callbacks, prefix, language
):
    starts = timezone.now() + timedelta(days=3)
    session = SessionFactory(starts_at=starts, ends_at=starts + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{prefix}{reverse('sessions:register', args=[session.series.slug])}",
            {
                "sessions": [session.pk],
                "name": "Nynke de Boer",
                "email": "nynke@gemeente.example",
                "consent": "on",
                "website": "",
            },
        )
    registration = Registration.objects.get()
    assert registration.language == language
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):  # the worker, a day before
        session_services.reminders_send(now=starts - timedelta(hours=20))

    (reminder,) = mail.outbox
    expected = "The link for %s on " if language == "en" else "De link voor %s op "
    assert reminder.subject.startswith(f"[Cocreatie] {expected % session.title}")


def test_a_seat_freed_by_someone_else_is_mailed_in_the_waiting_persons_language(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=1)
    taken = SeatFactory(session=session)
    waiting = SeatFactory(session=session, status="waiting", registration__language="en")

    with django_capture_on_commit_callbacks(execute=True):
        session_services.seat_cancel(seat=taken)

    (promoted,) = [m for m in mail.outbox if waiting.registration.email in m.to]
    assert promoted.subject == (
        f"[Cocreatie] A place has come free: you are registered for {session.title}"
    )

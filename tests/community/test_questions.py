"""Ask a colleague: the question is mailed to the colleague only, with the asker as
reply-to and never the colleague's address on the asker's side; switched off it is not
found; five a day; blocking, reporting, answering on the site and the one-click
unsubscribe."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from cocreatie.core.models import ActionLog, Notification
from community import notifications as community_notifications
from community import questions, services
from community.models import ModerationVerb, Question, QuestionBlock, Report
from tests.community.factories import (
    CaseFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

RECIPIENT_EMAIL = "anne.verborgen@nieuwegein.example"
MESSAGE = "Hoe kregen jullie de wijkraad mee bij het buurtbudget?"


def member(email=None, *, name, organisation=None, role="", accepts=False):
    user = VerifiedUserFactory(**({"email": email} if email else {}))
    services.profile_update(
        profile=user.profile, display_name=name, organisation=organisation, role=role,
        accepts_questions=accepts,
    )  # fmt: skip
    return user


@pytest.fixture
def recipient():
    return member(
        RECIPIENT_EMAIL, name="Anne", organisation=OrganisationFactory(name="Nieuwegein"),
        accepts=True,
    )  # fmt: skip


@pytest.fixture
def asker():
    return member(
        name="Piet Vrager", organisation=OrganisationFactory(name="Gemeente Houten"),
        role="beleidsadviseur participatie",
    )  # fmt: skip


def ask_url(profile, case=None):
    url = reverse("community:question_create", args=[profile.slug])
    return f"{url}?verhaal={case.slug}" if case else url


def ask(client, profile, message=MESSAGE, case=None, **extra):
    return client.post(ask_url(profile, case), {"message": message}, **extra)


def asked_directly(asker, recipient, count):
    for number in range(count):
        questions.question_ask(
            asker=asker, recipient_profile=recipient.profile, message=f"Vraag {number}"
        )


# --- The relayed mail ------------------------------------------------------------------------


def test_the_question_goes_by_mail_to_the_colleague_only_with_reply_to_the_asker(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks, settings
):
    case = CaseFactory(author=recipient, title="Buurtbudget in Nieuwegein")
    client.force_login(asker)

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, recipient.profile, case=case, follow=True)

    (mail,) = mailoutbox
    assert mail.to == [RECIPIENT_EMAIL] and not mail.cc and not mail.bcc
    assert mail.reply_to == [asker.email]
    question = Question.objects.get()
    html = mail.alternatives[0][0]
    for part in (mail.body, html):
        assert MESSAGE in part
        assert "Piet Vrager" in part
        assert "Gemeente Houten" in part and "beleidsadviseur participatie" in part
        assert "Buurtbudget in Nieuwegein" in part
        assert f"{settings.SITE_URL}{question.get_absolute_url()}" in part
    assert "Buurtbudget in Nieuwegein" in mail.subject and "Piet Vrager" in mail.subject
    # The asker lands back on the case, told it went; nothing there names the address.
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    page = response.content.decode()
    assert "Je vraag is verstuurd naar Anne" in page
    assert RECIPIENT_EMAIL not in page
    for url in (reverse("community:question_list"), question.get_absolute_url()):
        shown = client.get(url).content.decode()
        assert MESSAGE in shown and RECIPIENT_EMAIL not in shown
    assert question.case == case and question.asker == asker


def test_the_mail_links_to_the_question_page_where_the_colleague_answers(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks, settings
):
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, recipient.profile)

    question = Question.objects.get()
    assert f"{settings.SITE_URL}{question.get_absolute_url()}" in mailoutbox[0].body
    client.force_login(recipient)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Blokkeer deze vraagsteller" in page
    assert reverse("community:report", args=["vraag", question.pk]) in page
    assert 'name="antwoord-answer"' in page


def test_the_ask_form_says_what_the_colleague_gets_to_see(client, asker, recipient):
    client.force_login(asker)

    page = client.get(ask_url(recipient.profile)).content.decode()

    assert "met je naam, organisatie en e-mailadres" in page
    assert '<textarea name="message"' in page
    assert RECIPIENT_EMAIL not in page


def test_sending_the_same_form_twice_asks_once(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    data = {"message": MESSAGE, "form_token": "dezelfde-token-123"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(ask_url(recipient.profile), data)
        second = client.post(ask_url(recipient.profile), data, follow=True)

    assert first.status_code == 302
    assert "Dit had je al verstuurd" in second.content.decode()
    assert Question.objects.count() == 1 and len(mailoutbox) == 1


# --- Switched off, not visible, yourself --------------------------------------------------


def test_a_colleague_who_does_not_take_questions_has_no_form(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    services.profile_update(profile=recipient.profile, accepts_questions=False)
    client.force_login(asker)

    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(ask_url(recipient.profile)).status_code == 404
        assert ask(client, recipient.profile).status_code == 404

    assert not Question.objects.exists() and not mailoutbox
    assert "Stel een vraag" not in client.get(recipient.profile.get_absolute_url()).content.decode()


def test_an_unlisted_colleague_and_yourself_have_no_form(client, asker, recipient):
    client.force_login(recipient)
    assert client.get(ask_url(recipient.profile)).status_code == 404

    services.profile_update(profile=recipient.profile, is_listed=False)
    client.force_login(asker)
    assert client.get(ask_url(recipient.profile)).status_code == 404
    with pytest.raises(ValidationError):
        asked_directly(asker, recipient, 1)


def test_stel_een_vraag_shows_on_the_profile_and_the_case_but_not_to_the_author(
    client, asker, recipient
):
    case = CaseFactory(author=recipient)
    question_url = ask_url(recipient.profile)

    # A visitor sees it too, and is asked to log in first.
    for page in (recipient.profile.get_absolute_url(), case.get_absolute_url()):
        assert question_url in client.get(page).content.decode()
    login = client.get(question_url)
    assert login.status_code == 302 and reverse("account_login") in login["Location"]

    client.force_login(asker)
    assert ask_url(recipient.profile, case) in client.get(case.get_absolute_url()).content.decode()
    client.force_login(recipient)
    for page in (recipient.profile.get_absolute_url(), case.get_absolute_url()):
        assert question_url not in client.get(page).content.decode()


# --- Five a day ---------------------------------------------------------------------------


def test_the_sixth_question_within_a_day_is_refused_until_the_first_is_a_day_old(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    other = member(name="Karin", accepts=True)
    asked_directly(asker, recipient, 3)
    asked_directly(asker, other, 2)  # the limit counts every colleague together
    first = Question.objects.order_by("created_at").first()
    client.force_login(asker)
    cache.clear()  # counted from the stored questions, not from a cache of one process

    with django_capture_on_commit_callbacks(execute=True):
        refused = ask(client, recipient.profile)

    assert refused.status_code == 429
    page = refused.content.decode()
    free_at = timezone.localtime(first.created_at + timedelta(hours=24))
    assert "Je hebt in 24 uur al 5 vragen gesteld." in page
    expected = f"vanaf {date_format(free_at, 'j F')} om {date_format(free_at, 'H.i')} uur"
    assert expected in page
    assert MESSAGE in page  # what was typed is still there
    assert Question.objects.count() == 5 and not mailoutbox
    # Before typing, the form already says so.
    assert (
        "Je hebt in 24 uur al 5 vragen gesteld."
        in client.get(ask_url(other.profile)).content.decode()
    )

    Question.objects.filter(pk=first.pk).update(created_at=first.created_at - timedelta(hours=24))
    with django_capture_on_commit_callbacks(execute=True):
        allowed = ask(client, recipient.profile)

    assert allowed.status_code == 302
    assert Question.objects.count() == 6 and len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, recipient.profile).status_code == 429  # five within the day again


# --- Blocking -------------------------------------------------------------------------------


def test_a_blocked_asker_cannot_ask_again_and_unblocking_restores_it(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    asked_directly(asker, recipient, 1)
    question = Question.objects.get()
    client.force_login(recipient)

    blocked = client.post(reverse("community:question_block", args=[question.pk]), follow=True)

    assert "Je hebt Piet Vrager geblokkeerd" in blocked.content.decode()
    block = QuestionBlock.objects.get(recipient=recipient, blocked=asker)
    entry = ActionLog.objects.get(verb=ModerationVerb.QUESTION_BLOCK)
    assert entry.actor == recipient and entry.target == asker.profile
    listed = client.get(reverse("community:question_list")).content.decode()
    assert "Geblokkeerde vraagstellers" in listed and "Piet Vrager" in listed

    client.force_login(asker)
    mailoutbox.clear()
    form = client.get(ask_url(recipient.profile)).content.decode()
    assert str(questions.NOT_NOW) in form and "<textarea" not in form
    with django_capture_on_commit_callbacks(execute=True):
        refused = ask(client, recipient.profile)
    page = refused.content.decode()
    assert refused.status_code == 200 and str(questions.NOT_NOW) in page
    assert "blok" not in page.lower()  # the block itself is never announced
    assert Question.objects.count() == 1 and not mailoutbox

    # Nobody else can lift it; the recipient can.
    unblock = reverse("community:question_unblock", args=[block.pk])
    assert client.post(unblock).status_code == 404
    client.force_login(recipient)
    assert client.post(unblock).status_code == 302
    assert not QuestionBlock.objects.exists()

    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, recipient.profile).status_code == 302
    assert len(mailoutbox) == 1


def test_only_the_recipient_blocks(client, asker, recipient):
    asked_directly(asker, recipient, 1)
    question = Question.objects.get()
    url = reverse("community:question_block", args=[question.pk])

    client.force_login(asker)
    assert client.post(url).status_code == 404
    client.force_login(VerifiedUserFactory())
    assert client.post(url).status_code == 404
    assert not QuestionBlock.objects.exists()


# --- Reporting ------------------------------------------------------------------------------


def test_the_recipient_reports_a_question_and_a_moderator_resolves_it(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    questions.question_ask(
        asker=asker, recipient_profile=recipient.profile, message="Koop nu goedkope pennen!"
    )
    question = Question.objects.get()
    report_url = reverse("community:report", args=["vraag", question.pk])
    client.force_login(asker)
    assert client.get(report_url).status_code == 404  # only the recipient reports it

    client.force_login(recipient)
    form = client.get(report_url)
    assert form.status_code == 200 and "Koop nu goedkope pennen!" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(report_url, {"reason": "spam"}, follow=True)
    assert sent.redirect_chain[-1][0] == question.get_absolute_url()
    assert "Je hebt deze vraag gemeld" in sent.content.decode()
    report = Report.objects.get()
    assert report.question == question and report.reporter == recipient
    assert any(moderator.email in mail.to for mail in mailoutbox)

    client.force_login(moderator)
    dashboard = client.get(reverse("community:moderation")).content.decode()
    assert "Koop nu goedkope pennen!" in dashboard
    assert "Piet Vrager" in dashboard and "Anne" in dashboard
    assert reverse("community:moderation_suspend", args=[asker.profile.slug]) in dashboard
    resolve = reverse("community:moderation_report_resolve", args=[report.pk])
    assert resolve in dashboard

    assert client.post(resolve, {"message": "Gesproken met het lid."}).status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == moderator
    assert (
        "Koop nu goedkope pennen!"
        not in client.get(reverse("community:moderation")).content.decode()
    )
    assert Question.objects.filter(pk=question.pk).exists()  # a question is kept, not hidden


def test_the_recipient_can_withdraw_a_report_about_a_question(client, asker, recipient):
    asked_directly(asker, recipient, 1)
    question = Question.objects.get()
    report = services.report_create(reporter=recipient, item=question, reason="offensive")
    client.force_login(recipient)

    response = client.post(reverse("community:report_withdraw", args=[report.pk]))

    assert response["Location"] == question.get_absolute_url()
    report.refresh_from_db()
    assert report.withdrawn_at is not None


def test_nobody_else_reports_a_question(asker, recipient):
    asked_directly(asker, recipient, 1)
    question = Question.objects.get()
    with pytest.raises(PermissionDenied):
        services.report_create(reporter=asker, item=question, reason="spam")


# --- The question page and the answer on the site -----------------------------------------


def test_only_asker_and_recipient_open_the_question(client, asker, recipient):
    asked_directly(asker, recipient, 1)
    url = Question.objects.get().get_absolute_url()

    assert client.get(url).status_code == 302  # to log in
    for outsider in (VerifiedUserFactory(), ModeratorFactory()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for insider in (asker, recipient):
        client.force_login(insider)
        assert client.get(url).status_code == 200


def test_an_answer_on_the_site_notifies_the_asker_without_the_address(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    asked_directly(asker, recipient, 1)
    question = Question.objects.get()
    mailoutbox.clear()
    client.force_login(recipient)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            question.get_absolute_url(),
            {"antwoord-answer": "We begonnen met koffie in het buurthuis."},
            follow=True,
        )

    assert "Je antwoord is bewaard" in response.content.decode()
    notification = Notification.objects.get(user=asker)
    assert notification.kind == community_notifications.QUESTION_REPLY
    assert notification.url == question.get_absolute_url()
    assert notification.title == "Anne beantwoordde je vraag"
    assert "koffie in het buurthuis" in notification.text
    assert notification.actor == recipient and notification.target == question
    (mail,) = mailoutbox
    assert mail.to == [asker.email]
    assert RECIPIENT_EMAIL not in mail.body + mail.alternatives[0][0] + str(mail.reply_to)

    client.force_login(asker)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "koffie in het buurthuis" in page and RECIPIENT_EMAIL not in page
    # The asker cannot answer their own question; the recipient answers once.
    assert client.post(question.get_absolute_url(), {"antwoord-answer": "Ik?"}).status_code == 404
    client.force_login(recipient)
    assert 'name="antwoord-answer"' not in client.get(question.get_absolute_url()).content.decode()


def test_an_empty_answer_gets_a_dutch_message(client, asker, recipient):
    asked_directly(asker, recipient, 1)
    question = Question.objects.get()
    client.force_login(recipient)

    response = client.post(question.get_absolute_url(), {"antwoord-answer": "  "})

    assert response.status_code == 200
    assert "Schrijf eerst je antwoord." in response.content.decode()
    question.refresh_from_db()
    assert question.answered_at is None


def test_the_question_list_stays_at_the_same_number_of_queries(
    client, asker, recipient, django_assert_max_num_queries
):
    """Each question's asker, their organisation and the case come with the list (no
    query per row), on both sides."""
    others = [member(name=f"Lid {n}", accepts=True) for n in range(3)]
    case = CaseFactory(author=recipient)
    questions.question_ask(
        asker=asker, recipient_profile=recipient.profile, message="Een", case=case
    )
    Question.objects.create(asker=recipient, recipient=asker, message="Twee", case=case)
    client.force_login(recipient)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("community:question_list")).status_code == 200

    for other in others:
        for number in range(3):
            Question.objects.create(
                asker=other, recipient=recipient, message=f"V{number}", case=case
            )
            Question.objects.create(
                asker=recipient, recipient=other, message=f"W{number}", case=case
            )
        QuestionBlock.objects.create(recipient=recipient, blocked=other)

    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("community:question_list")).status_code == 200


# --- Unsubscribing and the member's data ------------------------------------------------------


def test_the_mail_has_a_one_click_unsubscribe_that_stops_questions(
    client, asker, recipient, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, recipient.profile)

    (mail,) = mailoutbox
    header = mail.extra_headers["List-Unsubscribe"]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_url = header.split(",")[0].strip().strip("<>")
    assert "mailto:" in header and https_url in mail.body

    client.logout()
    done = client.post(urlsplit(https_url).path, {"List-Unsubscribe": "One-Click"})

    assert done.status_code == 200
    assert escape(str(questions.UNSUBSCRIBE_DESCRIPTION)) in done.content.decode()
    recipient.profile.refresh_from_db()
    assert not recipient.profile.accepts_questions
    client.force_login(asker)
    assert client.get(ask_url(recipient.profile)).status_code == 404


def test_the_download_holds_questions_without_the_other_address(asker, recipient):
    questions.question_ask(asker=asker, recipient_profile=recipient.profile, message=MESSAGE)
    QuestionBlock.objects.create(recipient=recipient, blocked=asker)

    asked = services.account_export(user=asker)
    received = services.account_export(user=recipient)

    assert asked["questions_asked"][0]["to"] == "Anne"
    assert asked["questions_asked"][0]["message"] == MESSAGE
    assert received["questions_received"][0]["from"] == "Piet Vrager"
    assert received["question_blocks"][0]["blocked"] == "Piet Vrager"
    assert RECIPIENT_EMAIL not in str(asked)
    assert asker.email not in str(received)


def test_a_deleted_asker_leaves_the_question_with_the_recipient(asker, recipient):
    asked_directly(asker, recipient, 1)

    services.account_delete(user=asker, delete_content=True)

    question = Question.objects.get()
    assert question.asker is None
    with pytest.raises(ValidationError):
        questions.question_answer(question=question, recipient=recipient, answer="Dank!")

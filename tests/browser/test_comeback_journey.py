"""A new member is brought back: they sign up, pick two challenges and follow an
organisation; a colleague's case about one of those challenges is published; they see it
in the site's notifications and in the next digest, ask its author a question, and the
author's answer reaches them by e-mail. In a real browser, with real mails."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from community import questions, services
from community.models import Question
from roadmap.models import Challenge
from tests.browser.conftest import link_in_mail
from tests.community.factories import ModeratorFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "femke@gemeente.example"
PASSWORD = "fietsen langs de dijk"


def test_a_new_member_follows_hears_of_a_colleagues_case_and_asks_its_author(site, page):
    first, second = Challenge.objects.published().order_by("number")[:2]
    houten = OrganisationFactory(name="Gemeente Houten (test)")
    author = VerifiedUserFactory()
    services.profile_update(
        profile=author.profile, organisation=houten, role="Wijkcoach", accepts_questions=True
    )

    # Sign up, confirm from the mail: the welcome page opens.
    site.go("/account/signup/")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    page.goto(site.url + link_in_mail("/account/confirm-email/"))
    page.get_by_role("button", name="Bevestig").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom bij Cocreatie")

    # Complete the profile and pick two challenges.
    page.get_by_label("Naam", exact=True).fill("Femke de Boer")
    page.get_by_label("Functie").fill("Beleidsmedewerker participatie")
    page.get_by_label(f"{first.number}. {first.title}").check()
    page.get_by_label(f"{second.number}. {second.title}").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", name="Wat wil je nu doen?")).to_be_visible()

    # Follow an organisation from its page, without any script.
    site.go(houten.get_absolute_url())
    page.locator("main").get_by_role("button", name=re.compile("^Volgen")).click()
    expect(page.locator(".messages")).to_contain_text("Je volgt nu")
    site.go("/community/volglijst/")
    for name in (first.title, second.title, houten.name):
        expect(page.locator("main")).to_contain_text(name)

    # A colleague's case about the first challenge is published by a moderator.
    case = services.case_create(
        author=author, organisation=houten, challenges=[first],
        title="Bewoners kiezen zelf de bankjes", summary="Een wijk ontwierp zijn plein.",
        body="We begonnen met een wandeling door de wijk.",
    )  # fmt: skip
    services.case_submit(case=case, author=author)
    mail.outbox.clear()
    services.case_decide(
        case=case, moderator=ModeratorFactory(), decision="publish", message="Mooi verhaal."
    )
    # Weekly by default: no mail to the member now.
    assert not [message for message in mail.outbox if EMAIL in message.to]

    # The header shows one unread notification; the list names the case and why.
    site.go("/")
    notifications = page.get_by_role("link", name=re.compile(r"^Meldingen \(1"))
    expect(notifications).to_be_visible()
    notifications.click()
    item = page.locator("main").get_by_role("link", name=re.compile(case.title))
    expect(item).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Uitdaging: {first.title}")

    # The weekly digest has it, with a way out that works in one click.
    call_command("send_digests", stdout=io.StringIO())
    digest = next(message for message in mail.outbox if message.to == [EMAIL])
    assert case.title in digest.body and case.get_absolute_url() in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html" and case.title in html
    mail.outbox.clear()
    call_command("send_digests", stdout=io.StringIO())
    assert not mail.outbox, "a second run sends nothing new"

    # Ask the author a question from the case page.
    item.click()
    page.get_by_role("link", name=re.compile("^Stel een vraag")).click()
    page.get_by_label("Je vraag").fill("Hoe kozen jullie welke bewoners meededen?")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.locator(".messages")).to_contain_text("verstuurd")
    relayed = mail.outbox[-1]
    assert relayed.to == [author.email]
    assert relayed.reply_to == [EMAIL]
    assert "Femke de Boer" in relayed.body and "Hoe kozen jullie" in relayed.body
    assert author.email not in page.content()

    # The author answers on the site: the member gets it by mail at once, without the
    # author's address.
    mail.outbox.clear()
    questions.question_answer(
        question=Question.objects.get(), recipient=author, answer="Met een loting."
    )
    answer = next(message for message in mail.outbox if message.to == [EMAIL])
    assert "Met een loting." in answer.body
    assert author.email not in answer.body

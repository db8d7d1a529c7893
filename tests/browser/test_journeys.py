"""The three user journeys, and one done with the keyboard only, in a real browser."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from playwright.sync_api import expect

from community.models import Case, Comment
from sessions_app.models import Seat
from tests.browser.conftest import link_in_mail
from tests.community.factories import PASSWORD, ModeratorFactory, VerifiedUserFactory
from tests.community.totp import totp_code

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SERIES = "/sessies/co-creatie-in-het-publieke-domein/"


def test_visitor_finds_a_phase_a_challenge_its_example_and_a_tool(site, page):
    site.go("/")
    page.get_by_role("link", name="Co-initiëren").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Co-initiëren")

    page.locator("main a[href^='/uitdagingen/']").filter(has_text=re.compile(r"\w")).first.click()
    expect(page).to_have_url(re.compile(r"/uitdagingen/[\w-]+/$"))
    challenge = page.get_by_role("heading", level=1).inner_text()

    page.locator("main a[href^='/voorbeelden/'][href$='/']").filter(
        has_not_text="Alle voorbeelden"
    ).nth(1).click()
    expect(page).to_have_url(re.compile(r"/voorbeelden/[\w-]+/$"))
    expect(page.locator("main")).to_contain_text(challenge[:20])

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Zoeken").click()
    page.locator("main").get_by_role("searchbox").fill("narratieve")
    page.locator("main").get_by_role("searchbox").press("Enter")
    expect(page.locator("main a[href='/hulpmiddelen/community-reporting/']")).to_be_visible()


def register(page, site, name, email, *sessions):
    site.go(f"{SERIES}aanmelden/")
    for label in sessions:
        page.get_by_label(label).check()
    page.get_by_label("Je naam").fill(name)
    page.get_by_label("Je e-mailadres").fill(email)
    page.get_by_label("Je organisatie").fill("Gemeente Houten")
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kijk in je e-mail")


def test_participant_registers_cancels_and_the_waiting_list_moves(site, page):
    from sessions_app.models import Session

    third = Session.objects.get(series__slug="co-creatie-in-het-publieke-domein", order=3)
    third.capacity = third.seats.filter(status="confirmed").count() + 1
    third.save()

    register(page, site, "Anna Jansen", "anna@houten.example", re.compile("^1\\. "),
             re.compile("^3\\. "))  # fmt: skip
    confirmation = mail.outbox[-1]
    assert confirmation.attachments and confirmation.attachments[0][0] == "sessies.ics"
    register(page, site, "Bram de Wit", "bram@houten.example", re.compile("^3\\. "))
    assert "wachtlijst" in mail.outbox[-1].body

    page.goto(site.url + link_in_mail("/sessies/aanmelding/", confirmation))
    expect(page.locator(".seat--confirmed")).to_have_count(2)
    page.locator(".seat").filter(has_text=third.title).get_by_role(
        "button", name="Afmelden"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Je bent afgemeld")
    expect(page.locator(".seat--cancelled")).to_contain_text(third.title)

    bram = Seat.objects.get(registration__email="bram@houten.example")
    assert bram.status == "confirmed"
    assert any("Er is een plaats vrij" in m.subject and m.to == ["bram@houten.example"]
               for m in mail.outbox)  # fmt: skip


def log_in(page, site, email, password=PASSWORD, secret=None):
    site.go("/account/login/", page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if secret:
        page.get_by_label(re.compile("code", re.I)).fill(totp_code(secret))
        page.get_by_role("button", name=re.compile("Aanmelden|Inloggen|Bevestig")).click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def decide(page, site, title, decision, message):
    site.go("/moderatie/", page)
    page.get_by_role("link", name=title).first.click()
    page.get_by_label(decision).check()
    page.get_by_label("Bericht aan de auteur").fill(message)
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Je beslissing is opgeslagen")


def test_member_shares_a_case_and_a_moderator_curates_it(site, page, second_page):
    moderator = ModeratorFactory(moderator=False)
    TOTP.activate(moderator, SECRET)
    colleague = VerifiedUserFactory()
    title = "Wijkgesprekken over de nieuwe speeltuin"

    # Sign up and confirm the address from the mail.
    site.go("/account/signup/")
    page.get_by_label("E-mailadres").fill("ilse@gemeente.example")
    page.get_by_label("Wachtwoord", exact=True).fill("drie koffie twee thee")
    page.get_by_label("Wachtwoord nog een keer").fill("drie koffie twee thee")
    page.get_by_role("button", name="Account maken").click()
    page.goto(site.url + link_in_mail("/account/confirm-email/"))
    page.get_by_role("button", name="Bevestig").click()

    # Write a draft, see the preview, submit it.
    site.go("/community/verhalen/nieuw/")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Samenvatting").fill("Bewoners ontwierpen samen een speeltuin.")
    page.get_by_label("Wat heb je gedaan?", exact=True).fill("Drie avonden in het buurthuis.")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator(".status-banner")).to_contain_text("Concept")
    page.get_by_role("button", name="Indienen voor beoordeling").click()
    log_out(page)

    # The moderator, at their own computer, logs in with a code from the authenticator app
    # and asks for changes.
    moderator_page = second_page
    log_in(moderator_page, site, moderator.email, secret=SECRET)
    decide(moderator_page, site, title, "Aanpassing vragen", "Hoeveel bewoners deden mee?")

    # The member reads the question, edits and resubmits.
    log_in(page, site, "ilse@gemeente.example", password="drie koffie twee thee")
    site.go(Case.objects.get().get_absolute_url())
    expect(page.locator(".decision-notice")).to_contain_text("Hoeveel bewoners deden mee?")
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Wat heb je gedaan?", exact=True).fill(
        "Veertig bewoners kwamen naar drie avonden."
    )
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_role("button", name="Indienen voor beoordeling").click()
    log_out(page)

    decide(moderator_page, site, title, "Publiceren", "Mooi verhaal!")

    # A colleague comments and reports the comment; the moderator hides it.
    log_in(page, site, colleague.email)
    site.go(Case.objects.get().get_absolute_url())
    page.get_by_label("Je reactie", exact=True).fill(
        "Kopen jullie ook nieuwe schommels? Bel 06-12345678"
    )
    page.get_by_role("button", name="Reactie plaatsen").click()
    log_out(page)
    log_in(page, site, "ilse@gemeente.example", password="drie koffie twee thee")
    site.go(Case.objects.get().get_absolute_url())
    page.get_by_role("link", name=re.compile("^Melden")).first.click()
    page.get_by_label("Persoonsgegevens").check()
    page.get_by_role("button", name="Melding versturen").click()
    log_out(page)

    site.go(Case.objects.get().get_absolute_url(), moderator_page)
    moderator_page.get_by_label(re.compile("Reden")).first.fill("Er staat een telefoonnummer in.")
    moderator_page.get_by_role("button", name="Verbergen").first.click()
    expect(moderator_page.locator(".comment--hidden")).to_have_count(1)
    assert Comment.objects.get().is_hidden
    assert Case.objects.get().status == "published"


def focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const shadow = style.boxShadow && style.boxShadow !== 'none';
            return outline || shadow;
        }"""
    )


def test_keyboard_only_search_from_the_skip_link(site, page):
    site.go("/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    # Tab to the search field on the home page, with a visible focus at every step.
    for _ in range(80):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("document.activeElement.id") == "home-zoekterm":
            break
    else:
        pytest.fail("the search field cannot be reached with Tab")
    page.keyboard.press("Shift+Tab")
    assert focus_is_visible(page)
    page.keyboard.press("Tab")
    page.keyboard.type("narratieve")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=narratieve"))

    # Follow a result with the keyboard: Tab until the tool's link, then Enter.
    for _ in range(80):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("document.activeElement.getAttribute('href')") == (
            "/hulpmiddelen/community-reporting/"
        ):
            break
    else:
        pytest.fail("the search result cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Community reporting")

    # A checkbox is ticked with Space on the registration form.
    site.go(f"{SERIES}aanmelden/")
    page.get_by_label(re.compile("^1\\. ")).focus()
    page.keyboard.press("Space")
    expect(page.get_by_label(re.compile("^1\\. "))).to_be_checked()

"""The account journeys in a real browser, in Dutch and in English: sign up and confirm
the address from the mail, log in with two-step verification, set a new password from
the mail. Each page and mail reads in the visitor's language and the site's own words,
and the mails name Cocreatie at SITE_URL, never the address the request came in on."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import link_in_mail
from tests.community.factories import PASSWORD, VerifiedUserFactory
from tests.community.totp import totp_code
from tests.plain_language import find_jargon, page_jargon

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# Not the live server's address: a mail that names this one took it from SITE_URL.
SITE_URL = "https://cocreatie.example"
EMAIL = "ilse@gemeente.example"
NEW_PASSWORD = "drie koffie twee thee"

# Words that give away Dutch on an English page, and the library words the English
# pages must not use (the site says "log in", "two-step verification", "confirm").
DUTCH = re.compile(
    r"\b(je|jij|jouw|het|een|van|niet|naar|voor|met|ons|dit|dat|kun|heb|bent|nieuw|"
    r"wachtwoord|inloggen|uitloggen|bevestig|bevestigen|e-mailadres|tweestapsverificatie|"
    r"annuleren|aanvragen|gewijzigd)\b",
    re.IGNORECASE,
)
LIBRARY_ENGLISH = re.compile(
    r"\b(sign[ -]?in|signed in|sign[ -]?out|signed out|sign[ -]?up|verify|two-factor|"
    r"authentication|reauthenticate|recipient|user|token|e-mail)\b",
    re.IGNORECASE,
)
# The page's text without what is marked as another language (the switch's "Nederlands").
ENGLISH_TEXT = """() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('[lang]:not([lang|="en"]), script, style').forEach(e => e.remove());
    return document.title + ' ' + body.textContent;
}"""


@dataclass(frozen=True)
class Words:
    """What a visitor reads in one language."""

    switch: str | None  # the language switch's button, from a Dutch page
    log_in: str
    log_out: str
    create_account: str
    email: str
    password: str
    password_again: str
    check_your_mail: str
    email_sent_to: str
    confirm_subject: str
    confirm_mail: tuple[str, ...]
    confirm_heading: str
    confirm_question: str
    confirm_button: str
    confirmed: str
    logged_in_as: str
    logged_out: str
    forgot_password: str
    two_step: str
    two_step_text: str
    code: str
    cancel: str
    confirm_its_you: str
    send_code_to: str
    send_code: str
    enter_log_in_code: str
    code_subject: str
    reset_heading: str
    reset_text: str
    reset_button: str
    reset_sent: str
    reset_subject: str
    reset_mail: tuple[str, ...]
    change_password: str
    new_password: str
    new_password_again: str
    password_changed: str
    password_changed_heading: str
    log_in_with_new_password: str


DUTCH_WORDS = Words(
    switch=None,
    log_in="Inloggen",
    log_out="Uitloggen",
    create_account="Account maken",
    email="E-mailadres",
    password="Wachtwoord",
    password_again="Wachtwoord nog een keer",
    check_your_mail="Bevestig je e-mailadres",
    email_sent_to=f"We hebben een e-mail gestuurd naar {EMAIL}.",
    confirm_subject="[Cocreatie] Bevestig je e-mailadres",
    confirm_mail=(
        "Hallo! Dit is een bericht van Cocreatie.",
        f"dit e-mailadres is opgegeven voor het account {EMAIL} op cocreatie.example.",
        "Bevestig je e-mailadres dan via deze link:",
        "Bedankt dat je Cocreatie gebruikt!",
    ),
    confirm_heading="E-mailadres bevestigen",
    confirm_question=f"Is {EMAIL} jouw e-mailadres? Bevestig het dan met de knop hieronder.",
    confirm_button="Bevestigen",
    confirmed=f"Je e-mailadres {EMAIL} is bevestigd.",
    logged_in_as="Je bent nu ingelogd als",
    logged_out="Je bent uitgelogd.",
    forgot_password="Wachtwoord vergeten?",
    two_step="Tweestapsverificatie",
    two_step_text="Je account is beveiligd met tweestapsverificatie. Vul de code in",
    code="Code",
    cancel="Annuleren",
    confirm_its_you="Bevestig dat jij het bent",
    send_code_to="Stuur de code naar",
    send_code="Code sturen",
    enter_log_in_code="Inlogcode invullen",
    code_subject="[Cocreatie] Je inlogcode",
    reset_heading="Nieuw wachtwoord",
    reset_text="Wachtwoord vergeten? Vul je e-mailadres in",
    reset_button="Nieuw wachtwoord aanvragen",
    reset_sent="We hebben je een e-mail gestuurd met een link.",
    reset_subject="[Cocreatie] Nieuw wachtwoord",
    reset_mail=(
        "Hallo! Dit is een bericht van Cocreatie.",
        "een nieuw wachtwoord heeft aangevraagd voor je account.",
        "Klik dan op de link hieronder.",
    ),
    change_password="Wachtwoord wijzigen",
    new_password="Nieuw wachtwoord",
    new_password_again="Nieuw wachtwoord nog een keer",
    password_changed="Je wachtwoord is gewijzigd.",
    password_changed_heading="Wachtwoord gewijzigd",
    log_in_with_new_password="Vanaf nu log je in met je e-mailadres en je nieuwe wachtwoord.",
)
ENGLISH_WORDS = Words(
    switch="English",
    log_in="Log in",
    log_out="Log out",
    create_account="Create account",
    email="Email address",
    password="Password",
    password_again="Password again",
    check_your_mail="Confirm your email address",
    email_sent_to=f"We have sent an email to {EMAIL}.",
    confirm_subject="[Cocreatie] Confirm your email address",
    confirm_mail=(
        "Hello! This is a message from Cocreatie.",
        f"this email address was given for the account {EMAIL} on cocreatie.example.",
        "Then confirm your email address with this link:",
        "Thank you for using Cocreatie!",
    ),
    confirm_heading="Confirm your email address",
    confirm_question=f"Is {EMAIL} your email address? Then confirm it with the button below.",
    confirm_button="Confirm",
    confirmed=f"Your email address {EMAIL} is confirmed.",
    logged_in_as="You are now logged in as",
    logged_out="You have logged out.",
    forgot_password="Forgot your password?",
    two_step="Two-step verification",
    two_step_text="Your account is protected with two-step verification. Enter the code",
    code="Code",
    cancel="Cancel",
    confirm_its_you="Confirm it's you",
    send_code_to="Send the code to",
    send_code="Send code",
    enter_log_in_code="Enter your log-in code",
    code_subject="[Cocreatie] Your log-in code",
    reset_heading="New password",
    reset_text="Forgot your password? Enter your email address",
    reset_button="Request a new password",
    reset_sent="We have sent you an email with a link.",
    reset_subject="[Cocreatie] Set a new password",
    reset_mail=(
        "Hello! This is a message from Cocreatie.",
        "asked for a new password for your account.",
        "Then click the link below.",
    ),
    change_password="Change password",
    new_password="New password",
    new_password_again="New password again",
    password_changed="Your password has been changed.",
    password_changed_heading="Password changed",
    log_in_with_new_password=(
        "From now on, you log in with your email address and your new password."
    ),
)
LANGUAGES = {"nl": DUTCH_WORDS, "en": ENGLISH_WORDS}
languages = pytest.mark.parametrize("language", LANGUAGES)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL
    return SITE_URL


def arrive(page, site, language) -> Words:
    """The home page, then (for English) the language switch in the header."""
    site.go("/")
    words = LANGUAGES[language]
    if words.switch:
        page.locator("header").get_by_role("button", name=words.switch).click()
        expect(page).to_have_url(re.compile(rf"/{language}/$"))
    return words


def prefix(language) -> str:
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def check_page(page, language):
    """The page is in ``language`` at that language's address, in plain words."""
    expect(page.locator("html")).to_have_attribute("lang", language)
    path = urlsplit(page.url).path
    if language == settings.LANGUAGE_CODE:
        assert not path.startswith("/en/"), path
        assert page_jargon(page.content()) == [], path
    else:
        assert path.startswith(f"/{language}/"), path
        text = " ".join(page.evaluate(ENGLISH_TEXT).split())
        assert DUTCH.findall(text) == [], f"{path}: {text}"
        assert LIBRARY_ENGLISH.findall(text) == [], f"{path}: {text}"


def check_mail(message, language, *, to, subject, phrases, link_path) -> str:
    """The mail is in ``language``, names Cocreatie at SITE_URL and links there; the
    path of its link, to open on the live server."""
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    assert message.to == [to]
    assert message.subject == subject
    for phrase in phrases:
        assert phrase in message.body, f"{phrase!r} not in:\n{message.body}"
    assert "Cocreatie" in message.body and "cocreatie.example" in message.body
    assert re.search(rf"(?<!\S){re.escape(SITE_URL)}{link_path}\S", message.body), message.body
    for address in ("127.0.0.1", "localhost"):  # the live server's, and the default SITE_URL
        assert address not in message.body and address not in html
    if language == settings.LANGUAGE_CODE:
        assert find_jargon(message.subject + "\n" + message.body) == []
        assert page_jargon(html) == []
    else:
        text = message.subject + "\n" + message.body
        assert DUTCH.findall(text) == [], text
        assert LIBRARY_ENGLISH.findall(text) == [], text
    return link_in_mail(link_path, message)


def expect_message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def expect_logged_in(page, words):
    expect(page.locator("header").get_by_role("button", name=words.log_out)).to_be_visible()


def log_in_form(page, words, email, password):
    expect(page.get_by_role("heading", level=1)).to_have_text(words.log_in)
    expect(page.get_by_role("link", name=words.forgot_password)).to_be_visible()
    page.get_by_label(words.email, exact=True).fill(email)
    page.get_by_label(words.password, exact=True).fill(password)
    page.locator("main").get_by_role("button", name=words.log_in, exact=True).click()


@languages
def test_sign_up_and_confirm_the_address_from_the_mail(site, page, site_url, language):
    words = arrive(page, site, language)
    page.locator("header").get_by_role("link", name=words.create_account).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words.create_account)
    check_page(page, language)
    page.get_by_label(words.email, exact=True).fill(EMAIL)
    page.get_by_label(words.password, exact=True).fill(NEW_PASSWORD)
    page.get_by_label(words.password_again, exact=True).fill(NEW_PASSWORD)
    page.locator("main").get_by_role("button", name=words.create_account).click()

    expect(page).to_have_url(re.compile(rf"{prefix(language)}/account/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words.check_your_mail)
    expect_message(page, words.email_sent_to)
    check_page(page, language)

    (message,) = mail.outbox
    path = check_mail(
        message,
        language,
        to=EMAIL,
        subject=words.confirm_subject,
        phrases=words.confirm_mail,
        link_path=f"{prefix(language)}/account/confirm-email/",
    )
    page.goto(site.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(words.confirm_heading)
    expect(page.locator("main")).to_contain_text(words.confirm_question)
    check_page(page, language)
    page.get_by_role("button", name=words.confirm_button, exact=True).click()

    expect(page).to_have_url(re.compile(rf"{prefix(language)}/community/welkom/$"))
    expect_message(page, words.confirmed)
    expect_message(page, f"{words.logged_in_as} {EMAIL}")
    expect_logged_in(page, words)


@languages
def test_log_in_with_a_code_from_the_authenticator_app(site, page, site_url, language):
    member = VerifiedUserFactory()
    TOTP.activate(member, SECRET)
    words = arrive(page, site, language)
    page.locator("header").get_by_role("link", name=words.log_in).click()

    check_page(page, language)
    log_in_form(page, words, member.email, PASSWORD)

    expect(page).to_have_url(re.compile(rf"{prefix(language)}/account/2fa/authenticate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words.two_step)
    expect(page.locator("main")).to_contain_text(words.two_step_text)
    expect(page.get_by_role("button", name=words.cancel)).to_be_visible()
    check_page(page, language)
    page.get_by_label(words.code, exact=True).fill(totp_code(SECRET))
    page.locator("main").get_by_role("button", name=words.log_in, exact=True).click()

    expect_message(page, f"{words.logged_in_as} {member.email}")
    expect_logged_in(page, words)

    # Before a change to two-step verification the site asks to confirm it's you; one
    # way is a code by mail (allauth labels its address field "Recipient").
    site.go(f"{prefix(language)}/account/reauthenticate/code/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words.confirm_its_you)
    expect(page.get_by_label(words.send_code_to, exact=True)).to_have_value(member.email)
    check_page(page, language)
    page.get_by_role("button", name=words.send_code, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.enter_log_in_code)
    check_page(page, language)
    assert [m.subject for m in mail.outbox] == [words.code_subject]

    page.locator("header").get_by_role("button", name=words.log_out).click()
    expect_message(page, words.logged_out)
    expect(page.locator("header").get_by_role("link", name=words.log_in)).to_be_visible()
    assert urlsplit(page.url).path == f"{prefix(language)}/"


@languages
def test_set_a_new_password_from_the_mail_and_log_in_with_it(site, page, site_url, language):
    member = VerifiedUserFactory()
    words = arrive(page, site, language)
    page.locator("header").get_by_role("link", name=words.log_in).click()
    page.get_by_role("link", name=words.forgot_password).click()

    expect(page).to_have_url(re.compile(rf"{prefix(language)}/account/password/reset/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words.reset_heading)
    expect(page.locator("main")).to_contain_text(words.reset_text)
    check_page(page, language)
    page.get_by_label(words.email, exact=True).fill(member.email)
    page.get_by_role("button", name=words.reset_button).click()

    expect(page).to_have_url(re.compile(rf"{prefix(language)}/account/password/reset/done/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words.reset_heading)
    expect(page.locator("main")).to_contain_text(words.reset_sent)
    check_page(page, language)

    (message,) = mail.outbox
    path = check_mail(
        message,
        language,
        to=member.email,
        subject=words.reset_subject,
        phrases=words.reset_mail,
        link_path=f"{prefix(language)}/account/password/reset/key/",
    )
    page.goto(site.url + path)  # allauth moves the key out of the address
    expect(page).to_have_url(
        re.compile(rf"{prefix(language)}/account/password/reset/key/[0-9a-z]+-set-password/$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(words.change_password)
    check_page(page, language)
    page.get_by_label(words.new_password, exact=True).fill(NEW_PASSWORD)
    page.get_by_label(words.new_password_again, exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name=words.change_password).click()

    expect(page).to_have_url(re.compile(rf"{prefix(language)}/account/password/reset/key/done/$"))
    expect_message(page, words.password_changed)
    expect(page.get_by_role("heading", level=1)).to_have_text(words.password_changed_heading)
    expect(page.locator("main")).to_contain_text(words.log_in_with_new_password)
    check_page(page, language)
    page.locator("main").get_by_role("link", name=words.log_in).click()

    check_page(page, language)
    log_in_form(page, words, member.email, NEW_PASSWORD)
    expect_message(page, f"{words.logged_in_as} {member.email}")
    expect_logged_in(page, words)

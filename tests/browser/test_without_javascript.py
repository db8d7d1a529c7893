"""Pages work without JavaScript, and the admin works under the Content Security
Policy (no inline script or style it needs is blocked)."""

import re

import pytest
from playwright.sync_api import expect

from community.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_accounts
from sessions_app.models import Registration, Session
from tests.browser.conftest import watch
from tests.browser.test_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_registering_for_a_session_works_without_javascript(
    site, browser, browser_context_args, console_problems
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = watch(context.new_page(), console_problems)

    page.goto(f"{site.url}/sessies/co-creatie-in-het-publieke-domein/aanmelden/")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".error-summary")).to_contain_text("Kies minstens één sessie.")
    page.get_by_label(re.compile("^2\\. ")).check()
    page.get_by_label("Je naam").fill("Zonder Script")
    page.get_by_label("Je e-mailadres").fill("zonder@example.org")
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Aanmelden").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Kijk in je e-mail")
    assert Registration.objects.filter(email="zonder@example.org").exists()
    context.close()


def test_the_admin_works_under_the_content_security_policy(site, page):
    load_accounts()
    log_in(page, site, "beheerder@example.org", DEMO_PASSWORD, secret=DEMO_TOTP_SECRET)
    session = Session.objects.first()

    for path in ["/beheer/", "/beheer/roadmap/phase/", "/beheer/roadmap/phase/add/",
                 f"/beheer/sessions_app/sessionseries/{session.series_id}/change/",
                 f"/beheer/sessions_app/session/{session.pk}/change/"]:  # fmt: skip
        site.go(path)
    # Slug prepopulation is the admin's own script: it must run under the policy.
    site.go("/beheer/sessions_app/sessionseries/add/")
    page.locator("#id_title").press_sequentially("Nieuwe reeks voor het voorjaar")
    expect(page.locator("#id_slug")).to_have_value("nieuwe-reeks-voor-het-voorjaar")

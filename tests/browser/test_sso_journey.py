"""Single sign-on in a real browser against a real OpenID Connect provider
(tests/oidc/provider.mjs): from the log-in page through the provider's sign-in page back
to the site as a new member, then out again, at the site and at the provider."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.test_accessibility import WCAG
from tests.oidc import server
from tests.plain_language import page_jargon

pytestmark = pytest.mark.django_db(transaction=True)

LABEL = "Gemeente Voorbeeld"


@pytest.fixture
def provider(live_server, settings):
    """The provider, knowing the live server's addresses, configured on the site."""
    from cocreatie.sso_settings import form_origins

    running = server.start(
        redirect_uris=server.callback_uris(live_server.url),
        post_logout_redirect_uris=[f"{live_server.url}/"],
        accounts=server.ACCOUNTS,
    )
    settings.SITE_URL = live_server.url
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": (apps := [running.app(label=LABEL)]),
        }
    }
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "form-action": ["'self'", *form_origins(apps)]}
    }
    yield running
    running.stop()


def assert_accessible_and_plain(page):
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]
    assert not page_jargon(page.content())


def test_log_in_and_out_through_the_organisations_provider(site, page, provider):
    site.go("/account/login/")
    assert_accessible_and_plain(page)
    page.get_by_role("button", name=f"Inloggen met {LABEL}").click()

    # The provider's own sign-in page.
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    assert page.url.startswith(f"{provider.issuer}/interaction/")
    page.get_by_label("Login").fill("anna")
    page.get_by_label("Password").fill(server.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Back at the site, as a new member on the welcome page.
    page.wait_for_url(f"{site.url}/community/welkom/")
    header = page.locator("header")
    expect(header.get_by_role("button", name="Uitloggen")).to_be_visible()
    member = get_user_model().objects.get(email="anna@gemeente.example")
    assert member.profile.display_name == "Anna Jansen"

    header.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bent uitgelogd")
    expect(header.get_by_role("button", name="Uitloggen")).to_have_count(0)
    assert_accessible_and_plain(page)
    page.get_by_role("link", name=f"Ook uitloggen bij {LABEL}").click()

    # The provider asks to confirm, then sends the browser back to the home page.
    assert page.url.startswith(f"{provider.issuer}/session/end")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{site.url}/")

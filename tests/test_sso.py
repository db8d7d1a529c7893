"""Single sign-on through an organisation's OpenID Connect provider, against a real one
(tests/oidc/provider.mjs): the button, a new member, state, nonce, expiry, the e-mail
rules, linking an existing account, two-factor authentication for moderators, log-out."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from community.sso.provider import NONCES_SESSION_KEY
from tests.community.factories import (
    PASSWORD,
    ModeratorFactory,
    VerifiedUserFactory,
    join_group,
)
from tests.oidc import server

pytestmark = pytest.mark.django_db

LABEL = "Gemeente Voorbeeld"


@pytest.fixture(scope="session")
def oidc_provider():
    running = server.start(
        redirect_uris=server.callback_uris("http://testserver"),
        post_logout_redirect_uris=["http://127.0.0.1:8000/"],
        accounts=server.ACCOUNTS,
    )
    yield running
    running.stop()


@pytest.fixture
def sso(settings, oidc_provider):
    """The site with the test provider configured (as ``OIDC_ISSUER_URL`` would)."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [oidc_provider.app(label=LABEL)],
        }
    }
    return oidc_provider


def start_login(client) -> str:
    response = client.post(reverse("openid_connect_login", kwargs={"provider_id": "sso"}))
    assert response.status_code == 302
    assert response["Location"].startswith(client_issuer(response))
    return response["Location"]


def client_issuer(response) -> str:
    parts = urlsplit(response["Location"])
    return f"{parts.scheme}://{parts.netloc}"


def back_at_site(client, url: str):
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    return client.get(f"{parts.path}?{parts.query}")


def log_in(client, provider, login: str):
    return back_at_site(client, provider.sign_in(start_login(client), login))


def logged_in_user(client):
    from django.contrib.auth import get_user_model

    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


# --- The button ---------------------------------------------------------------------


def test_no_button_without_settings(client, settings):
    assert settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"] == []

    page = client.get(reverse("account_login")).content.decode()

    assert "Inloggen met" not in page
    assert "/account/oidc/" not in page
    assert client.post("/account/oidc/sso/login/").status_code == 404


def test_button_with_settings(client, sso):
    page = client.get(reverse("account_login")).content.decode()

    action = reverse("openid_connect_login", kwargs={"provider_id": "sso"})
    assert f'<form method="post" action="{action}?process=login">' in page
    assert re.search(rf"<button[^>]*>Inloggen met {LABEL}</button>", page)
    assert 'aria-labelledby="sso-heading"' in page


def test_authorisation_request_uses_pkce_state_and_nonce(client, sso):
    query = parse_qs(urlsplit(start_login(client)).query)

    assert query["response_type"] == ["code"]
    assert set(query["scope"][0].split()) >= {"openid", "email", "profile"}
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 12
    assert len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == ["http://testserver/account/oidc/sso/login/callback/"]


# --- A new member -----------------------------------------------------------------------


def test_new_member_gets_a_verified_account_with_a_profile(client, sso):
    response = log_in(client, sso, "anna")

    assert response.status_code == 302
    assert response["Location"] == reverse("community:welcome")
    user = logged_in_user(client)
    assert user.email == "anna@gemeente.example"
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert user.profile.display_name == "Anna Jansen"
    assert SocialAccount.objects.get(user=user).uid == "anna"


def test_a_linked_member_logs_in_again(client, sso):
    log_in(client, sso, "anna")
    client.post(reverse("account_logout"))
    assert logged_in_user(client) is None

    log_in(client, sso, "anna")

    assert logged_in_user(client).email == "anna@gemeente.example"
    assert SocialAccount.objects.count() == 1


# --- What the site refuses ----------------------------------------------------------


def failure_logged(caplog, text):
    return any(text in record.getMessage() for record in caplog.records)


def test_wrong_state_is_refused(client, sso, caplog):
    callback = sso.sign_in(start_login(client), "anna")
    wrong = re.sub(r"state=[^&]+", "state=not-the-state", callback)

    response = back_at_site(client, wrong)

    assert "Inloggen is niet gelukt" in response.content.decode()
    assert failure_logged(caplog, "Single sign-on through sso failed: unknown")
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_wrong_nonce_is_refused(client, sso, caplog):
    authorize = start_login(client)
    session = client.session
    session[NONCES_SESSION_KEY] = dict.fromkeys(session[NONCES_SESSION_KEY], "another-nonce")
    session.save()

    response = back_at_site(client, sso.sign_in(authorize, "anna"))

    assert "Inloggen is niet gelukt" in response.content.decode()
    assert failure_logged(caplog, "nonce is not the one this log-in sent")
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_expired_id_token_is_refused(client, sso, caplog):
    response = log_in(client, sso, "eva")

    assert "Inloggen is niet gelukt" in response.content.decode()
    assert failure_logged(caplog, "(ExpiredSignatureError: Signature has expired)")
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_address_outside_the_allowed_domains_is_refused(client, sso):
    response = log_in(client, sso, "chris")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Het adres chris@elders.example hoort daar niet bij." in page
    assert "@gemeente.example" in page
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_unverified_address_is_refused(client, sso):
    response = log_in(client, sso, "dana")

    assert response.status_code == 403
    assert "heeft niet bevestigd dat het e-mailadres dana@gemeente.example van jou is" in (
        response.content.decode()
    )
    assert logged_in_user(client) is None


# --- An existing account ------------------------------------------------------------


def test_existing_account_is_linked_only_after_its_password(client, sso):
    member = VerifiedUserFactory(email="anna@gemeente.example")

    response = log_in(client, sso, "anna")

    assert response["Location"] == reverse("sso:link")
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()
    page = client.get(reverse("sso:link")).content.decode()
    assert "Op Cocreatie is al een account met het e-mailadres" in page

    wrong = client.post(reverse("sso:link"), {"password": "niet-het-wachtwoord"})
    assert wrong.status_code == 400
    assert logged_in_user(client) is None

    response = client.post(reverse("sso:link"), {"password": PASSWORD})

    assert response.status_code == 302
    assert logged_in_user(client) == member
    assert SocialAccount.objects.get(uid="anna").user == member


def test_existing_account_is_linked_by_a_mailed_link_in_the_same_browser(client, sso):
    member = VerifiedUserFactory(email="anna@gemeente.example", password=None)
    log_in(client, sso, "anna")

    response = client.post(reverse("sso:link"), {"send_link": "1"})

    assert "We hebben een link gestuurd naar anna@gemeente.example" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["anna@gemeente.example"]
    link = urlsplit(re.search(r"http://\S+/account/sso/koppelen/\S+/", message.body)[0]).path
    assert not SocialAccount.objects.exists()

    other_browser = type(client)()
    assert "Deze link werkt niet" in other_browser.get(link).content.decode()
    assert "Koppelen en inloggen" in client.get(link).content.decode()
    assert not SocialAccount.objects.exists()

    response = client.post(link)

    assert response.status_code == 302
    assert logged_in_user(client) == member
    assert SocialAccount.objects.get(uid="anna").user == member


def test_link_page_without_a_pending_log_in_sends_to_the_log_in(client):
    response = client.get(reverse("sso:link"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")


# --- Moderators and two-factor authentication -------------------------------------------


def linked_moderator(email, uid, *, two_factor=True):
    moderator = ModeratorFactory(email=email, moderator=two_factor)
    SocialAccount.objects.create(user=moderator, provider="sso", uid=uid)
    return moderator


def test_moderator_still_needs_the_sites_second_step(client, sso):
    linked_moderator("moderator@gemeente.example", "mod")

    response = log_in(client, sso, "mod")

    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_user(client) is None


def test_moderator_whose_provider_asserts_mfa_needs_no_second_step(client, sso):
    moderator = linked_moderator("sterk@gemeente.example", "modmfa")

    response = log_in(client, sso, "modmfa")

    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_authenticate")
    assert logged_in_user(client) == moderator
    assert client.get(reverse("community:moderation")).status_code == 200


def test_moderator_without_two_factor_must_set_it_up_unless_the_provider_asserts_it(client, sso):
    linked_moderator("moderator@gemeente.example", "mod", two_factor=False)
    linked_moderator("sterk@gemeente.example", "modmfa", two_factor=False)

    log_in(client, sso, "mod")
    response = client.get(reverse("community:moderation"))
    assert response["Location"] == reverse("mfa_activate_totp")

    client.post(reverse("account_logout"))
    log_in(client, sso, "modmfa")
    assert client.get(reverse("community:moderation")).status_code == 200


def test_a_moderator_without_a_password_can_set_up_two_factor(client, sso):
    """No dead end for an account made through single sign-on: the set-up asks to
    confirm it is them with a code mailed to the address, not with a password."""
    log_in(client, sso, "anna")
    join_group(logged_in_user(client), "MODERATORS_GROUP", two_factor=False)

    assert client.get(reverse("community:moderation"))["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_activate_totp"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(
        reverse("account_request_reauthentication_code")
    )
    assert "anna@gemeente.example" in response.content.decode()


def test_mfa_values_are_configurable(client, settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [oidc_provider.app(mfa_values=["hwk"])],
        }
    }
    linked_moderator("sterk@gemeente.example", "modmfa")

    response = log_in(client, oidc_provider, "modmfa")

    assert response["Location"] == reverse("mfa_authenticate")


# --- Log-out -----------------------------------------------------------------------------


def test_logout_offers_the_providers_end_session_endpoint(client, sso):
    log_in(client, sso, "anna")

    response = client.post(reverse("account_logout"))

    assert response["Location"] == reverse("sso:logged_out", kwargs={"provider_id": "sso"})
    assert logged_in_user(client) is None
    page = client.get(response["Location"]).content.decode()
    assert f"Misschien ben je nog ingelogd bij {LABEL}" in page
    href = re.search(r'href="([^"]*/session/end[^"]*)"', page)[1].replace("&amp;", "&")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}" == sso.issuer
    assert parse_qs(parts.query) == {
        "client_id": [server.CLIENT_ID],
        "post_logout_redirect_uri": ["http://127.0.0.1:8000/"],
    }
    # The provider accepts it: its own page asks to confirm the log-out.
    assert requests.get(href, timeout=10).status_code == 200


def test_logout_after_a_password_log_in_goes_home(client):
    member = VerifiedUserFactory()
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert logged_in_user(client) == member

    response = client.post(reverse("account_logout"))

    assert response["Location"] == reverse("home")


def test_logged_out_page_of_an_unknown_provider_is_not_found(client, sso):
    url = reverse("sso:logged_out", kwargs={"provider_id": "elders"})
    assert client.get(url).status_code == 404


# --- The settings ------------------------------------------------------------------------


def test_two_settings_make_one_provider(monkeypatch):
    from cocreatie.sso_settings import providers_from_environment

    monkeypatch.setenv("OIDC_ISSUER_URL", "https://login.utrecht.example/")
    monkeypatch.setenv("OIDC_CLIENT", "urn:cocreatie:client:geheim-123")

    (app,) = providers_from_environment()

    assert app["provider_id"] == "sso"
    assert app["client_id"] == "urn:cocreatie:client"
    assert app["secret"] == "geheim-123"
    assert app["name"] == "je organisatie"
    assert app["settings"]["server_url"] == "https://login.utrecht.example"
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert app["settings"]["allowed_domains"] == []
    assert app["settings"]["mfa_values"] == ["mfa"]


def test_optional_settings_and_a_json_list(monkeypatch):
    from cocreatie.sso_settings import providers_from_environment

    monkeypatch.setenv(
        "OIDC_PROVIDERS",
        '[{"id": "utrecht", "issuer": "https://login.utrecht.example", "client_id": "a",'
        ' "secret": "b", "label": "Gemeente Utrecht", "allowed_domains": ["utrecht.nl"],'
        ' "mfa_values": ["mfa", "hwk"]},'
        ' {"id": "houten", "issuer": "https://idp.houten.example", "client_id": "c",'
        ' "secret": "d"}]',
    )

    utrecht, houten = providers_from_environment()

    assert utrecht["name"] == "Gemeente Utrecht"
    assert utrecht["settings"]["allowed_domains"] == ["utrecht.nl"]
    assert utrecht["settings"]["mfa_values"] == ["mfa", "hwk"]
    assert houten["provider_id"] == "houten"


@pytest.mark.parametrize(
    "variables",
    [
        {"OIDC_ISSUER_URL": "http://login.example", "OIDC_CLIENT": "a:b"},
        {"OIDC_ISSUER_URL": "https://login.example", "OIDC_CLIENT": "zonder-geheim"},
        {"OIDC_CLIENT": "a:b"},
        {"OIDC_PROVIDERS": "{not json"},
        {"OIDC_PROVIDERS": '[{"id": "x", "issuer": "https://a.example", "client_id": "a"}]'},
        {"OIDC_PROVIDERS": "[]", "OIDC_ISSUER_URL": "https://login.example"},
    ],
)
def test_wrong_settings_stop_the_site(monkeypatch, variables):
    from cocreatie.sso_settings import providers_from_environment

    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(ImproperlyConfigured):
        providers_from_environment()


def test_the_log_in_form_may_go_on_to_the_providers():
    """The Content Security Policy's form-action lets the log-in button's redirect reach
    each provider (Chromium blocks it otherwise: tests/browser/test_sso_journey.py)."""
    from cocreatie.sso_settings import form_origins, provider_app

    apps = [
        provider_app(provider_id=name, issuer=issuer, client_id="a", secret="b", where="test")
        for name, issuer in (
            ("een", "https://login.een.example/realms/staff"),
            ("twee", "https://login.een.example/realms/other"),
            ("drie", "https://idp.drie.example:8443"),
        )
    ]

    assert form_origins(apps) == ["https://login.een.example", "https://idp.drie.example:8443"]

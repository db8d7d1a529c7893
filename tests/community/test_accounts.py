"""Accounts as a new member meets them: sign up, confirm the e-mail address, log in
and out, reset a forgotten password; moderators log in with a second step."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.urls import reverse

from community.models import Profile, User
from tests.community.factories import PASSWORD, ModeratorFactory, VerifiedUserFactory
from tests.community.totp import totp_code
from tests.html import assert_base_layout

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "drie koffie twee thee"


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def sign_up(client, email="nieuw@gemeente.example", password=NEW_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def test_sign_up_asks_to_confirm_the_address_before_anything_can_be_written(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["nieuw@gemeente.example"]
    # Not logged in yet: writing a case sends you to the log-in page.
    write = client.get(reverse("community:case_create"))
    assert write["Location"].startswith(reverse("account_login"))
    # Logging in before confirming only resends the confirmation.
    client.post(
        reverse("account_login"), {"login": "nieuw@gemeente.example", "password": NEW_PASSWORD}
    )
    assert "_auth_user_id" not in client.session

    confirm_url = link_in(message)
    client.get(confirm_url)
    response = client.post(confirm_url)

    user = User.objects.get(email="nieuw@gemeente.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response["Location"] == reverse("community:welcome")
    assert Profile.objects.filter(user=user).exists()
    assert client.get(reverse("community:case_create")).status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort", "Dit wachtwoord is te kort. Gebruik minstens 12 tekens."),
        ("qwertyqwerty", "wordt veel gebruikt"),
        ("nieuw-gemeente", "lijkt te veel op je e-mailadres"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(client, password, message):
    response = sign_up(client, password=password)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert 'value="nieuw@gemeente.example"' in response.content.decode()


def test_signing_up_with_a_known_address_reveals_nothing(client):
    VerifiedUserFactory(email="bekend@gemeente.example")

    response = sign_up(client, email="bekend@gemeente.example")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="bekend@gemeente.example").count() == 1
    (message,) = mail.outbox  # tells the owner, who may have forgotten
    assert message.to == ["bekend@gemeente.example"]


def test_log_in_with_e_mail_and_log_out_with_a_button(client):
    member = VerifiedUserFactory()

    response = client.post(
        reverse("account_login"), {"login": member.email.upper(), "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    html = client.get("/").content.decode()
    assert "Uitloggen" in html and "Mijn account" in html
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_gets_a_clear_message(client):
    member = VerifiedUserFactory()

    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "niet het goede"}
    )

    assert response.status_code == 200
    assert "Fout: Inloggen" in response.content.decode()
    assert "e-mailadres of het wachtwoord klopt niet" in response.content.decode()


def test_many_failed_log_ins_are_slowed_down(client):
    member = VerifiedUserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "fout fout"})

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in response.content.decode()


def test_a_forgotten_password_is_reset_through_a_mailed_link(client):
    member = VerifiedUserFactory()

    client.post(reverse("account_reset_password"), {"email": member.email})
    (message,) = mail.outbox
    reset_url = client.get(link_in(message), follow=True).redirect_chain[-1][0]
    client.post(reset_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_a_moderator_logs_in_with_a_code_from_an_authenticator_app(client):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    moderator = ModeratorFactory(moderator=False)
    TOTP.activate(moderator, secret)

    response = client.post(
        reverse("account_login"), {"login": moderator.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.get(reverse("community:moderation")).status_code == 200


def test_a_moderator_without_two_factor_is_sent_to_set_it_up(client):
    moderator = ModeratorFactory(moderator=False)
    client.force_login(moderator)

    response = client.get(reverse("community:moderation"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp")) or (
        reverse("account_reauthenticate") in response.redirect_chain[-1][0]
    )
    assert "Met jouw rol op Cocreatie log je in met twee stappen" in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_account_pages_use_the_site_layout(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert_base_layout(response.content.decode())


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "mfa_index"])
def test_account_settings_use_the_site_layout_with_the_account_menu(client, url_name):
    client.force_login(VerifiedUserFactory())

    html = client.get(reverse(url_name)).content.decode()

    page = assert_base_layout(html)
    assert page.find_all("nav", **{"aria-label": "Mijn account"})

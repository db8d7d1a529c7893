"""Guessing passwords is slow, and nobody can lock the owner out by typing wrong
passwords for their address."""

import pytest
from django.test import Client
from django.urls import reverse

from community import login_limits
from tests.community.factories import PASSWORD, VerifiedUserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Te veel inlogpogingen"


def log_in(address, email, password):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return client, response


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out():
    owner = VerifiedUserFactory()
    log_in("10.1.1.1", owner.email, PASSWORD)  # the owner's usual address
    for number in range(8):
        log_in(f"10.9.9.{number}", owner.email, "geraden wachtwoord")

    client, response = log_in("10.1.1.1", owner.email, PASSWORD)

    assert "_auth_user_id" in client.session
    assert TOO_MANY not in response.content.decode()


def test_after_five_wrong_passwords_each_new_try_waits_longer(monkeypatch):
    owner = VerifiedUserFactory()
    clock = [1_000_000.0]
    monkeypatch.setattr(login_limits, "now", lambda: clock[0])
    for _ in range(5):
        log_in("10.9.9.9", owner.email, "fout")

    client, response = log_in("10.2.2.2", owner.email, PASSWORD)
    assert TOO_MANY in response.content.decode() and "_auth_user_id" not in client.session

    clock[0] += 61  # one minute after the fifth failure: one more try
    log_in("10.9.9.9", owner.email, "weer fout")
    clock[0] += 61  # now two minutes are needed
    assert TOO_MANY in log_in("10.3.3.3", owner.email, PASSWORD)[1].content.decode()
    clock[0] += 60
    client, _ = log_in("10.3.3.3", owner.email, PASSWORD)
    assert "_auth_user_id" in client.session


def test_one_address_gets_ten_guesses_a_minute_over_all_accounts():
    members = [VerifiedUserFactory() for _ in range(11)]
    for member in members[:10]:
        assert TOO_MANY not in log_in("10.4.4.4", member.email, "fout")[1].content.decode()

    assert TOO_MANY in log_in("10.4.4.4", members[10].email, "fout")[1].content.decode()


def test_the_delay_grows_to_an_hour_at_most():
    assert [login_limits.delay(n) for n in (4, 5, 6, 7)] == [0, 60, 120, 240]
    assert login_limits.delay(50) == 60 * 60

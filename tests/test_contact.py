"""The contact form: stored, mailed to the team with the sender as reply address,
confirmed to the sender; bots and floods are kept out; bad input is explained."""

import pytest
from django.core import mail

from community.models import ContactRequest
from tests.community.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

URL = "/contact/"


def valid(**changes):
    data = {
        "name": "Fatima el Amrani",
        "email": "fatima@gemeente.example",
        "organisation": "Gemeente Voorbeeld",
        "subject": "appointment",
        "message": "Kunnen we een afspraak maken over co-evaluatie?",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def test_a_message_is_stored_mailed_to_the_team_and_confirmed(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "team@cocreatie.example"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(), follow=True)

    assert "Bedankt voor je bericht" in response.content.decode()
    stored = ContactRequest.objects.get()
    assert (stored.name, stored.subject) == ("Fatima el Amrani", "appointment")
    team, confirmation = mail.outbox
    assert team.to == ["team@cocreatie.example"]
    assert team.reply_to == ["fatima@gemeente.example"]
    assert "Een afspraak maken" in team.subject
    assert "Kunnen we een afspraak maken over co-evaluatie?" in team.body
    assert confirmation.to == ["fatima@gemeente.example"]
    assert "binnen vijf werkdagen" in confirmation.body
    # The confirmation never repeats the message: no relaying text to strangers.
    assert "co-evaluatie" not in confirmation.body


def test_errors_are_explained_in_dutch_and_nothing_typed_is_lost(client):
    response = client.post(
        URL, valid(email="geen-adres", message="x" * 5001, consent="", subject="")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Fout: Contact" in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Je bericht mag maximaal 5000 tekens hebben (nu 5001)" in html
    assert "Geef toestemming" in html
    assert "Kies waar je bericht over gaat." in html
    assert 'value="Fatima el Amrani"' in html
    assert 'value="geen-adres"' in html
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_the_honeypot_thanks_the_bot_but_stores_and_sends_nothing(client):
    response = client.post(URL, valid(website="https://spam.example"), follow=True)

    assert "Bedankt voor je bericht" in response.content.decode()
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_one_address_can_send_only_a_few_messages_an_hour(client):
    for _ in range(5):
        assert client.post(URL, valid()).status_code == 302

    response = client.post(URL, valid(message="Nummer zes"))

    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert 'value="Fatima el Amrani"' in response.content.decode()
    assert ContactRequest.objects.count() == 5
    # Another address is not affected.
    assert client.post(URL, valid(), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_line_breaks_in_the_name_cannot_add_mail_headers(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "team@cocreatie.example"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid(name="Fatima\r\nBcc: iedereen@example.org"))

    team, confirmation = mail.outbox
    for message in (team, confirmation):
        assert message.bcc == []
        assert "Bcc" not in message.message().as_string().split("\n\n")[0]
    assert ContactRequest.objects.get().name == "Fatima Bcc: iedereen@example.org"


def test_a_logged_in_member_finds_the_form_filled_in(client):
    member = VerifiedUserFactory()
    client.force_login(member)

    html = client.get(URL).content.decode()

    assert f'value="{member.email}"' in html
    assert f'value="{member.profile.display_name}"' in html

"""Hostile or unlucky input never breaks a page, and what was stored stays as it was."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import mail
from cocreatie.core.models import OutgoingMail
from community.models import Case
from sessions_app import services
from sessions_app.models import Registration, Seat
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory
from tests.sessions.factories import SessionFactory, seat_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/sessies/aanmelding/%00/",
        "/sessies/aanmelding/%00/toevoegen/",
        "/sessies/aanmelding/abc%00defghijklmnopqrstu/",
        "/sessies/aanmelding/%00/evaluatie/1/",
    ],
)
def test_a_nul_byte_in_a_personal_link_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "cursor",
    [
        "na=9999-12-31T23:59:59-23:59_1",
        "voor=9999-12-31T23:59:59-23:59_1",
        "na=0001-01-01T00:00:00%2B23:59_1",
        "na=2025-01-01T00:00:00_1",  # no time zone
        "na=2025-01-01T00:00:00%2B00:00_99999999999999999999999",
    ],
)
def test_a_cursor_out_of_range_shows_the_first_page(client, cursor):
    case = CaseFactory(title="Buurtkamer")

    response = client.get(f"/community/?{cursor}")

    assert response.status_code == 200
    assert case.title in response.content.decode()


def test_the_hide_form_only_returns_to_our_own_site(client):
    case = CaseFactory()
    client.force_login(ModeratorFactory())
    url = reverse("community:moderation_visibility", args=["verhaal", case.pk, "verbergen"])

    response = client.post(url, {"reason": "Spam.", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == reverse("community:moderation")
    inside = client.post(
        reverse("community:moderation_visibility", args=["verhaal", case.pk, "terugzetten"]),
        {"reason": "", "next": case.get_absolute_url()},
    )
    assert inside["Location"] == case.get_absolute_url()


@pytest.mark.parametrize(
    "url_name, args, data",
    [
        ("community:moderation_visibility", ("verhaal", "{pk}", "verbergen"), {"reason": "a\0b"}),
        (
            "community:moderation_case_decision",
            ("{slug}",),
            {"decision": "reject", "message": "\0"},
        ),
    ],
)
def test_a_nul_byte_in_a_moderators_text_is_refused_in_dutch(client, url_name, args, data):
    case = CaseFactory(status="submitted", published_at=None)
    client.force_login(ModeratorFactory())
    args = [arg.format(pk=case.pk, slug=case.slug) for arg in args]

    response = client.post(reverse(url_name, args=args), data, follow=True)

    assert response.status_code == 200
    assert "Null-tekens zijn niet toegestaan." in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.is_hidden) == (Case.Status.SUBMITTED, False)


def test_cancelling_still_works_after_the_capacity_went_below_the_confirmed_count(
    django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory(capacity=3, starts_at=timezone.now() + timedelta(days=3))
    seats = [seat_for(session) for _ in range(3)]
    waiting = seat_for(session, status=Seat.Status.WAITING)
    services.session_capacity_change(session=session, capacity=1, actor=ModeratorFactory())

    with django_capture_on_commit_callbacks(execute=True):
        services.seat_cancel(seat=seats[0])

    seats[0].refresh_from_db()
    waiting.refresh_from_db()
    assert seats[0].status == Seat.Status.CANCELLED
    assert waiting.status == Seat.Status.WAITING  # still two confirmed for one seat


def test_a_registration_is_confirmed_even_when_the_task_queue_fails_after_the_commit(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    session = SessionFactory()

    def queue_down(*args, **kwargs):
        raise DatabaseError("connection lost")

    # The task queue lives in the database too: it can fail right after the commit.
    monkeypatch.setattr(mail, "deliver_mail", SimpleNamespace(enqueue=queue_down))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sessions:register", args=[session.series.slug]),
            {
                "sessions": [session.pk],
                "name": "Nynke de Boer",
                "email": "nynke@gemeente.example",
                "consent": "on",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:registered", args=[session.series.slug])
    assert Registration.objects.filter(email="nynke@gemeente.example").exists()
    (outgoing,) = OutgoingMail.objects.all()
    assert outgoing.sent_at is None  # send_queued_mail takes it from here


def test_anonymous_page_views_cannot_wipe_the_log_in_limit(client, settings):
    """Pages with made-up query strings fill the page cache; the log-in limit lives in
    a store of its own and holds."""
    settings.PAGE_CACHE_SECONDS = 300
    member = VerifiedUserFactory()
    login = reverse("account_login")
    for _ in range(5):
        client.post(login, {"login": member.email, "password": "fout fout"})
    assert (
        "Te veel inlogpogingen"
        in client.post(login, {"login": member.email, "password": "nog eens fout"}).content.decode()
    )

    visitor = Client()
    for number in range(400):
        assert visitor.get(f"/privacy/?x={number}")["X-Page-Cache"] == "miss"

    response = client.post(login, {"login": member.email, "password": "weer fout"})
    assert "Te veel inlogpogingen" in response.content.decode()


def test_registering_the_same_address_twenty_times_sends_one_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    data = {
        "sessions": [session.pk],
        "name": "Nynke de Boer",
        "email": "nynke@gemeente.example",
        "consent": "on",
    }
    url = reverse("sessions:register", args=[session.series.slug])

    for number in range(20):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data, REMOTE_ADDR=f"10.0.0.{number}")
        assert response.status_code == 302

    assert [message.to for message in mailoutbox] == [["nynke@gemeente.example"]]


def test_the_site_mails_one_address_at_most_five_times_an_hour_for_visitors(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """Contact confirmations and registrations for one series after another: whoever asks, the
    owner of the address gets at most five of these an hour."""
    for number in range(4):
        session = SessionFactory()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("sessions:register", args=[session.series.slug]),
                {
                    "sessions": [session.pk],
                    "name": "X",
                    "email": "doel@example.org",
                    "consent": "on",
                },
                REMOTE_ADDR=f"10.0.1.{number}",
            )
    for number in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("contact"),
                {
                    "name": "X",
                    "email": "doel@example.org",
                    "subject": "question",
                    "message": "Hallo",
                    "consent": "on",
                },
                REMOTE_ADDR=f"10.0.2.{number}",
            )

    to_target = [message for message in mailoutbox if message.to == ["doel@example.org"]]
    assert len(to_target) == 5
    team = [message for message in mailoutbox if message.to != ["doel@example.org"]]
    assert len(team) == 4  # every contact request still reaches the team


def test_sending_the_case_form_twice_makes_one_draft(client):
    author = VerifiedUserFactory()
    client.force_login(author)
    url = reverse("community:case_create")
    token = client.get(url).context["form"]["form_token"].initial
    data = {"title": "Buurtkamer", "summary": "Samen.", "body": "Verhaal.", "form_token": token}

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    (case,) = Case.objects.filter(author=author)
    assert first["Location"] == case.get_absolute_url()
    assert second.redirect_chain[-1][0] == case.get_absolute_url()
    assert "Dit had je al verstuurd" in second.content.decode()
    client.post(url, {**data, "form_token": client.get(url).context["form"]["form_token"].initial})
    assert Case.objects.filter(author=author).count() == 2  # a new form is a new case


def test_sending_a_comment_twice_posts_it_once(client):
    case = CaseFactory()
    client.force_login(VerifiedUserFactory())
    token = client.get(case.get_absolute_url()).context["comment_form"]["form_token"].initial
    url = reverse("community:comment_create", args=[case.slug])

    for _ in range(2):
        client.post(url, {"body": "Mooi gedaan!", "form_token": token})

    assert case.comments.count() == 1

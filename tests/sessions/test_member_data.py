"""A member's session registrations are part of their own data: in the download, and
forgotten when they delete their account (their seat goes to the waiting list)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions_app.models import Registration, Seat
from tests.community.data_download import my_data
from tests.community.factories import VerifiedUserFactory
from tests.sessions.factories import RegistrationFactory, SeatFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return VerifiedUserFactory(email="lid@gemeente.example")


def test_the_download_holds_registrations_made_with_the_members_address(client, member):
    seat = SeatFactory(registration__email="lid@gemeente.example", registration__name="Lid")
    SeatFactory()  # someone else's
    client.force_login(member)

    data = my_data(client)

    (registration,) = data["session_registrations"]
    assert registration["email"] == "lid@gemeente.example"
    assert registration["sessions"][0]["session"] == seat.session.title


def test_deleting_the_account_frees_the_seat_and_forgets_the_registration(
    client, member, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    mine = SeatFactory(session=session, registration__email="lid@gemeente.example")
    next_in_line = SeatFactory(
        session=session,
        status=Seat.Status.WAITING,
        registration=RegistrationFactory(series=session.series, email="wacht@example.org"),
    )
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:my_data"), {"confirm": "VERWIJDEREN"})

    registration = Registration.objects.get(pk=mine.registration_id)
    assert registration.anonymised_at is not None
    assert (registration.name, registration.email) == ("Verwijderd", "")
    next_in_line.refresh_from_db()
    assert next_in_line.status == Seat.Status.CONFIRMED
    assert not Registration.objects.filter(email="lid@gemeente.example").exists()


def test_my_registrations_lists_the_members_own_and_nothing_else(client, member):
    logged_out = SeatFactory(
        registration__email="lid@gemeente.example", session__series__title="Met mijn adres"
    )
    logged_in = SeatFactory(
        registration__email="oud-adres@gemeente.example",
        registration__user=member,
        session__series__title="Toen ingelogd",
    )
    SeatFactory(session__series__title="Van iemand anders")
    RegistrationFactory(
        email="lid@gemeente.example",
        series__title="Al geanonimiseerd",
        anonymised_at=logged_out.registration.consent_at,
    )
    client.force_login(member)

    html = client.get(reverse("sessions:my_registrations")).content.decode()

    assert "Met mijn adres" in html and "Toen ingelogd" in html
    assert logged_in.session.title in html and logged_out.session.title in html
    assert "Van iemand anders" not in html and "Al geanonimiseerd" not in html
    assert html.count(logged_out.registration.get_absolute_url()) == 1


def test_a_certificate_is_in_the_download_and_goes_with_the_account(
    client, member, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from sessions_app.attendance import certificate_issue
    from sessions_app.models import Certificate

    past = SessionFactory(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2, minutes=-90),
    )
    seat = SeatFactory(
        session=past, registration__email="lid@gemeente.example", attended_at=timezone.now()
    )
    certificate = certificate_issue(registration=seat.registration)
    client.force_login(member)

    data = my_data(client)

    (registration,) = data["session_registrations"]
    assert registration["certificate"]["code"] == certificate.code
    assert registration["certificate"]["minutes"] == 90
    assert registration["sessions"][0]["attended_at"]
    verify = reverse("sessions:certificate_verify", args=[certificate.code])
    assert client.get(verify).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:my_data"), {"confirm": "VERWIJDEREN"})

    assert not Certificate.objects.exists()
    assert client.get(verify).status_code == 404


def test_my_registrations_come_20_to_a_page_newest_first_in_as_many_queries(client, member):
    def page(number=1):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("sessions:my_registrations"), {"page": number})
        return re.findall(r'<a href="[^"]+">(Reeks \d+)</a>', html.content.decode()), queries

    client.force_login(member)
    SeatFactory(registration__user=member, session__series__title="Reeks 0")
    client.get(reverse("sessions:my_registrations"))  # the session's first read
    _, few = page()
    for number in range(1, 25):
        SeatFactory(registration__user=member, session__series__title=f"Reeks {number}")

    (first, many), (second, _) = page(), page(2)

    assert first == [f"Reeks {number}" for number in range(24, 4, -1)]
    assert second == [f"Reeks {number}" for number in range(4, -1, -1)]
    assert page(99)[0] == second
    assert len(many) == len(few)

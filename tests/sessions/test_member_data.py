"""A member's session registrations are part of their own data: in the download, and
forgotten when they delete their account (their seat goes to the waiting list)."""

import json

import pytest
from django.urls import reverse

from sessions_app.models import Registration, Seat
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

    data = json.loads(client.get(reverse("community:my_data_download")).content)

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

"""The organiser ticks who was there: from the start of a session, confirmed participants
of that session only; unticking is possible until 14 days after the end, adding always;
every save leaves a row in the action log, with counts and no names."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import ActionLog
from sessions_app import attendance
from sessions_app.models import OrganiserVerb, Seat, Session
from tests.community.factories import OrganiserFactory, VerifiedUserFactory
from tests.html import PageOutline
from tests.sessions.factories import SessionFactory, seat_for

pytestmark = pytest.mark.django_db

WAITING, CANCELLED = Seat.Status.WAITING, Seat.Status.CANCELLED


@pytest.fixture
def organiser():
    return OrganiserFactory()


@pytest.fixture
def as_organiser(client, organiser):
    client.force_login(organiser)
    return client


def ended(hours_ago=2, **kwargs):
    starts_at = timezone.now() - timedelta(hours=hours_ago + 1)
    return SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), **kwargs)


def url(session):
    return reverse("sessions:organiser_attendance", args=[session.pk])


def attended(session) -> set[str]:
    return set(
        session.seats.filter(attended_at__isnull=False).values_list("registration__name", flat=True)
    )


def checkboxes(html: str) -> dict[str, dict]:
    """The checkboxes of the form, by value."""
    return {
        box["value"]: box
        for box in PageOutline(html).find_all("input", type="checkbox", name="present")
    }


def test_the_organiser_ticks_who_was_there_and_can_untick_again(as_organiser, organiser):
    session = ended()
    anna = seat_for(session, name="Anna", organisation="Gemeente Utrecht")
    bram = seat_for(session, name="Bram", organisation="")
    cem = seat_for(session, name="Cem")

    page = as_organiser.get(url(session)).content.decode()

    outline = PageOutline(page)
    assert outline.find_all("fieldset") and outline.find_all("legend")
    assert 'for="id_present_0">Anna (Gemeente Utrecht)</label>' in page
    assert ">Bram</label>" in page
    assert len(checkboxes(page)) == 3
    assert not any("checked" in box for box in checkboxes(page).values())

    response = as_organiser.post(url(session), {"present": [anna.pk, bram.pk]}, follow=True)

    assert "De aanwezigheid is opgeslagen: 2 deelnemers aanwezig." in response.content.decode()
    assert attended(session) == {"Anna", "Bram"}
    session.refresh_from_db()
    first_recorded = session.attendance_recorded_at
    assert first_recorded is not None
    boxes = checkboxes(response.content.decode())
    assert "checked" in boxes[str(anna.pk)] and "checked" not in boxes[str(cem.pk)]

    as_organiser.post(url(session), {"present": [bram.pk]})

    assert attended(session) == {"Bram"}
    session.refresh_from_db()
    assert session.attendance_recorded_at == first_recorded  # set the first time only
    logs = ActionLog.objects.filter(verb=OrganiserVerb.ATTENDANCE_UPDATE).order_by("pk")
    assert [(log.actor, log.data) for log in logs] == [
        (organiser, {"present": 2, "added": 2, "removed": 0}),
        (organiser, {"present": 1, "added": 0, "removed": 1}),
    ]
    assert all("Anna" not in str(log.data) + log.message for log in logs)
    assert logs[0].target_label.startswith(session.series.title)


def test_everyone_present_ticks_every_confirmed_participant_and_nobody_else(as_organiser):
    session = ended()
    for name in ("Anna", "Bram"):
        seat_for(session, name=name)
    seat_for(session, WAITING, name="Wachtende")
    seat_for(session, CANCELLED, name="Afgemelde")
    page = as_organiser.get(url(session)).content.decode()
    assert "Wachtende" not in page and "Afgemelde" not in page

    as_organiser.post(url(session), {"everyone": "1"})

    assert attended(session) == {"Anna", "Bram"}


def test_after_14_days_nobody_can_be_unticked_but_someone_forgotten_can_be_added(
    as_organiser, organiser
):
    session = ended(hours_ago=15 * 24)
    anna, bram = seat_for(session, name="Anna"), seat_for(session, name="Bram")
    attendance.attendance_update(session=session, present=[anna], actor=organiser)

    page = as_organiser.get(url(session)).content.decode()
    assert "meer dan 14 dagen geleden" in page
    boxes = checkboxes(page)
    assert "disabled" in boxes[str(anna.pk)] and "checked" in boxes[str(anna.pk)]
    assert "disabled" not in boxes[str(bram.pk)]

    # Anna's box is disabled, so the browser does not send it: she stays ticked.
    as_organiser.post(url(session), {"present": [bram.pk]})
    assert attended(session) == {"Anna", "Bram"}

    with pytest.raises(ValidationError, match="Je kunt niemand meer afvinken"):
        attendance.attendance_update(session=session, present=[bram], actor=organiser)
    assert attended(session) == {"Anna", "Bram"}


def test_within_14_days_unticking_still_works(organiser):
    session = ended(hours_ago=13 * 24)
    anna = seat_for(session, name="Anna")
    attendance.attendance_update(session=session, present=[anna], actor=organiser)

    attendance.attendance_update(session=session, present=[], actor=organiser)

    assert attended(session) == set()


def test_only_confirmed_participants_of_this_session_can_be_ticked(as_organiser, organiser):
    session = ended()
    anna = seat_for(session, name="Anna")
    waiting = seat_for(session, WAITING, name="Wachtende")
    elsewhere = seat_for(ended(), name="Elders")

    for refused in (elsewhere, waiting):
        response = as_organiser.post(url(session), {"present": [anna.pk, refused.pk]})
        assert response.status_code == 200
        assert "Je kunt alleen deelnemers aanvinken" in response.content.decode()
    with pytest.raises(ValidationError, match="Je kunt alleen deelnemers aanvinken"):
        attendance.attendance_update(session=session, present=[anna, elsewhere], actor=organiser)
    with pytest.raises(ValidationError, match="Je kunt alleen deelnemers aanvinken"):
        attendance.attendance_update(session=session, present=["1; DROP"], actor=organiser)

    assert attended(session) == set() and attended(elsewhere.session) == set()
    assert not Session.objects.filter(attendance_recorded_at__isnull=False).exists()
    assert not ActionLog.objects.filter(verb=OrganiserVerb.ATTENDANCE_UPDATE).exists()


def test_attendance_waits_for_the_start_and_not_for_a_cancelled_session(as_organiser, organiser):
    later = SessionFactory()
    seat = seat_for(later)
    cancelled = ended(status=Session.Status.CANCELLED)

    page = as_organiser.get(url(later)).content.decode()
    assert "Deze sessie is nog niet begonnen" in page
    assert not checkboxes(page)
    as_organiser.post(url(later), {"present": [seat.pk]})
    assert "Deze sessie is afgelast" in as_organiser.get(url(cancelled)).content.decode()
    with pytest.raises(ValidationError, match="afgelast"):
        attendance.attendance_update(session=cancelled, present=[], actor=organiser)

    assert attended(later) == set()
    later.refresh_from_db()
    assert later.attendance_recorded_at is None


def test_attendance_can_be_kept_while_the_session_is_on(as_organiser):
    now = timezone.now()
    session = SessionFactory(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(hours=1)
    )
    anna = seat_for(session, name="Anna")

    as_organiser.post(url(session), {"present": [anna.pk]})

    assert attended(session) == {"Anna"}


def test_only_organisers_may_record_attendance(client):
    session = ended()
    seat = seat_for(session)
    member = VerifiedUserFactory()
    client.force_login(member)

    assert client.post(url(session), {"present": [seat.pk]}).status_code == 403
    with pytest.raises(PermissionDenied):
        attendance.attendance_update(session=session, present=[seat], actor=member)
    assert attended(session) == set()


def test_the_attendance_page_does_not_query_more_with_more_participants(
    as_organiser, django_assert_max_num_queries
):
    """The labels need each seat's registration: one join, not a query per checkbox."""
    session = ended()
    for _ in range(10):
        seat_for(session, organisation="Gemeente Zeist")
    with CaptureQueriesContext(connection) as queries:
        assert as_organiser.get(url(session)).status_code == 200

    for _ in range(190):
        seat_for(session, organisation="Gemeente Zeist")

    with django_assert_max_num_queries(len(queries)):
        page = as_organiser.get(url(session)).content.decode()
    assert len(checkboxes(page)) == 200

"""The certificate of participation: a PDF for whoever was ticked present, with the
sessions, the hours and a code; anyone can check the code and sees the name, the series
and the hours only. A change of attendance shows in both at once."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sessions_app import attendance
from sessions_app.models import Certificate
from tests.community.factories import OrganiserFactory
from tests.sessions.factories import RegistrationFactory, SeatFactory, SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def organiser():
    return OrganiserFactory()


def session_of(series, order, starts_at, minutes):
    return SessionFactory(
        series=series,
        order=order,
        title=f"Sessie {order}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
    )


@pytest.fixture
def series():
    return SeriesFactory(
        title="Co-creëren met inwoners",
        slug="co-creeren",
        organisers="Hogeschool Utrecht",
        partner="VNG",
    )


@pytest.fixture
def registration(series):
    return RegistrationFactory(
        series=series,
        name="Łukasz Şahin",
        email="lukasz@example.org",
        organisation="Gemeente Nieuwegein",
    )


def tick(organiser, session, *seats):
    attendance.attendance_update(session=session, present=list(seats), actor=organiser)


def download(client, registration):
    return client.get(reverse("sessions:certificate", args=[registration.token]))


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_no_certificate_without_attendance(client, registration, organiser):
    session = session_of(registration.series, 1, timezone.now() - timedelta(days=1), 60)
    seat = SeatFactory(session=session, registration=registration)
    personal = reverse("sessions:registration", args=[registration.token])

    assert download(client, registration).status_code == 404
    assert "Deelnamebewijs" not in client.get(personal).content.decode()

    tick(organiser, session)  # recorded: nobody was there
    assert download(client, registration).status_code == 404

    tick(organiser, session, seat)
    page = client.get(personal).content.decode()
    assert page.count(reverse("sessions:certificate", args=[registration.token])) == 1
    assert download(client, registration).status_code == 200
    assert not Certificate.objects.exclude(registration=registration).exists()


def test_the_certificate_lists_the_sessions_and_the_hours(client, registration, organiser):
    series = registration.series
    hour = session_of(series, 1, datetime(2026, 6, 4, 13, 30, tzinfo=AMSTERDAM), 60)
    half = session_of(series, 2, datetime(2026, 6, 11, 13, 30, tzinfo=AMSTERDAM), 30)
    missed = session_of(series, 3, datetime(2026, 6, 18, 13, 30, tzinfo=AMSTERDAM), 60)
    for session in (hour, half, missed):
        seat = SeatFactory(session=session, registration=registration)
        tick(organiser, session, *([] if session is missed else [seat]))

    response = download(client, registration)

    personal = client.get(reverse("sessions:registration", args=[registration.token]))
    assert personal.content.decode().count('id="deelnamebewijs-titel"') == 1  # two attended
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="deelnamebewijs-co-creeren.pdf"'
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    text = pdf_text(response)
    certificate = Certificate.objects.get()
    assert certificate.minutes == 90
    for expected in (
        "Deelnamebewijs",
        "Łukasz Şahin",
        "Co-creëren met inwoners",
        "donderdag 4 juni 2026",
        "donderdag 11 juni 2026",
        "30 minuten",
        "Totaal: 1,5 uur",
        "Hogeschool Utrecht, met VNG",
        certificate.code,
        f"{settings.SITE_URL}/deelnamebewijs/{certificate.code}/",
    ):
        assert expected in text, expected
    assert "18 juni" not in text and "Sessie 3" not in text
    assert "lukasz@example.org" not in text

    # Downloading again gives the same certificate, not a second one.
    assert certificate.code in pdf_text(download(client, registration))
    assert Certificate.objects.count() == 1


def test_anyone_can_check_a_certificate_and_sees_only_name_series_and_hours(
    client, registration, organiser
):
    session = session_of(registration.series, 1, timezone.now() - timedelta(days=1), 120)
    tick(organiser, session, SeatFactory(session=session, registration=registration))
    download(client, registration)
    certificate = Certificate.objects.get()

    response = client.get(f"/deelnamebewijs/{certificate.code}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit deelnamebewijs is echt" in page
    assert "Łukasz Şahin" in page and "Co-creëren met inwoners" in page and "2 uur" in page
    for private in ("lukasz@example.org", "Gemeente Nieuwegein", session.title):
        assert private not in page
    assert "noindex" in response["X-Robots-Tag"]


def test_an_unknown_code_gets_a_dutch_not_found_page(client):
    response = client.get("/deelnamebewijs/ABCD-EFGH-JKMN/")

    assert response.status_code == 404
    assert "Dit deelnamebewijs kennen we niet" in response.content.decode()
    assert client.get("/deelnamebewijs/abcd-efgh-jkmn/").status_code == 404


def test_unticking_a_session_changes_the_hours_at_once(client, registration, organiser):
    series = registration.series
    start = timezone.now() - timedelta(days=3)
    hour = session_of(series, 1, start, 60)
    half = session_of(series, 2, start + timedelta(days=1), 30)
    seats = {s: SeatFactory(session=s, registration=registration) for s in (hour, half)}
    for session, seat in seats.items():
        tick(organiser, session, seat)
    download(client, registration)
    verify = Certificate.objects.get().get_absolute_url()
    assert "1,5 uur" in client.get(verify).content.decode()

    tick(organiser, half)  # was not there after all

    assert "1,5 uur" not in client.get(verify).content.decode()
    assert "1 uur" in client.get(verify).content.decode()
    assert "Totaal: 1 uur" in pdf_text(download(client, registration))

    tick(organiser, hour)  # nobody left: the code no longer checks out
    assert client.get(verify).status_code == 404
    assert download(client, registration).status_code == 404


def test_the_check_is_never_served_from_the_page_cache(client, registration, organiser, settings):
    settings.PAGE_CACHE_SECONDS = 300
    session = session_of(registration.series, 1, timezone.now() - timedelta(days=1), 60)
    seat = SeatFactory(session=session, registration=registration)
    tick(organiser, session, seat)
    download(client, registration)
    client.cookies.clear()
    verify = Certificate.objects.get().get_absolute_url()

    first = client.get(verify)
    Certificate.objects.update(minutes=90)
    second = client.get(verify)

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "1,5 uur" in second.content.decode()


@pytest.mark.parametrize(
    ("minutes", "label"), [(60, "1 uur"), (90, "1,5 uur"), (120, "2 uur"), (45, "0,75 uur")]
)
def test_hours_are_written_with_a_dutch_decimal_comma(minutes, label):
    assert attendance.hours_label(minutes) == label

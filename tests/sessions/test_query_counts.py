"""The session pages answer in the same number of queries with 5 or 200 registrations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.sessions.factories import RegistrationFactory, SeatFactory, SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    series = SeriesFactory(slug="reeks")
    for order in range(1, 5):
        SessionFactory(series=series, order=order, capacity=300)
    return series


def grow(series, people):
    for _ in range(people):
        registration = RegistrationFactory(series=series)
        for session in series.sessions.all():
            SeatFactory(session=session, registration=registration)


def pages(series):
    token = series.registrations.first().token
    return [
        reverse("sessions:series_list"),
        reverse("sessions:series_detail", args=[series.slug]),
        reverse("sessions:register", args=[series.slug]),
        reverse("sessions:series_ics", args=[series.slug]),
        reverse("sessions:registration", args=[token]),
    ]


def test_session_pages_do_not_query_more_with_more_registrations(
    client, series, django_assert_max_num_queries
):
    grow(series, 5)
    small = {}
    for url in pages(series):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        small[url] = len(queries)

    grow(series, 195)

    for url, count in small.items():
        assert count <= 12, f"{url}: {count} queries"
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def organiser_pages(series):
    session = series.sessions.first()
    return [
        reverse("sessions:organiser_series_list"),
        reverse("sessions:organiser_series", args=[series.pk]),
        reverse("sessions:organiser_series_registrations", args=[series.pk]),
        reverse("sessions:organiser_series_evaluation", args=[series.pk]),
        reverse("sessions:organiser_series_export", args=[series.pk]),
        reverse("sessions:organiser_mail", args=[series.pk]),
        reverse("sessions:organiser_mail_history", args=[series.pk]),
        reverse("sessions:organiser_session", args=[session.pk]),
        reverse("sessions:organiser_session_edit", args=[session.pk]),
        reverse("sessions:organiser_export", args=[session.pk]),
    ]


def test_the_organisers_pages_do_not_query_more_with_more_registrations_or_series(
    client, series, django_assert_max_num_queries
):
    """Counts per session and per series come in one query each (``with_seat_counts``,
    ``with_waiting_place``), not one per seat, session or series."""
    from tests.community.factories import OrganiserFactory

    client.force_login(OrganiserFactory())
    grow(series, 10)
    small = {}
    for url in organiser_pages(series):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        small[url] = len(queries)

    grow(series, 190)
    for _ in range(6):
        other = SeriesFactory()
        SessionFactory(series=other, order=1)
        SessionFactory(series=other, order=2)

    for url, count in small.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200, url

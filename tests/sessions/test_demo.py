import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from roadmap.demo import load as load_roadmap
from sessions_app import demo
from sessions_app.models import Evaluation, Registration, Seat, Session, SessionSeries

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UPCOMING_SLUG = "co-creatie-in-het-publieke-domein"
PAST_SLUG = "co-creatie-in-het-publieke-domein-eerdere-reeks"
MODELS = (SessionSeries, Session, Registration, Seat, Evaluation)


@pytest.fixture
def loaded(db):
    load_roadmap()
    demo.load()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def local(moment):
    return moment.astimezone(AMSTERDAM)


def test_upcoming_series_is_the_june_programme(loaded):
    series = SessionSeries.objects.get(slug=UPCOMING_SLUG)
    sessions = list(series.sessions.select_related("phase"))
    today = timezone.localdate()
    year = today.year if today < datetime.date(today.year, 6, 4) else today.year + 1

    assert series.is_published
    assert series.title == "Co-creatie in het publieke domein"
    assert "Hogeschool Utrecht" in series.organisers and "CoSIE" in series.organisers
    assert series.partner == "Kennisplatform Utrecht Sociaal"
    assert series.introduction_html and series.joining_tips_html
    assert [local(s.starts_at).date() for s in sessions] == [
        datetime.date(year, 6, day) for day in (4, 11, 18, 25)
    ]
    for session in sessions:
        assert local(session.starts_at).time() == datetime.time(13, 30)
        assert local(session.ends_at).time() == datetime.time(14, 30)
        assert session.starts_at > timezone.now()
        assert session.status == Session.Status.PLANNED
        assert session.is_open
        assert session.meeting_url.startswith("https://meet.example.org/")
        assert session.description_html
    assert [s.order for s in sessions] == [1, 2, 3, 4]
    assert [s.phase.slug for s in sessions] == [
        "co-initieren",
        "co-design",
        "co-productie",
        "co-evaluatie",
    ]
    assert [s.capacity for s in sessions] == [40, 60, 40, None]
    assert len({s.meeting_url for s in sessions}) == 4


@pytest.mark.parametrize(
    "today, year",
    [
        (datetime.date(2027, 1, 1), 2027),
        (datetime.date(2027, 6, 3), 2027),
        (datetime.date(2027, 6, 4), 2028),
        (datetime.date(2027, 12, 31), 2028),
    ],
)
def test_the_programme_moves_to_next_june_once_this_june_has_begun(today, year):
    assert demo.upcoming_days(today) == [datetime.date(year, 6, d) for d in (4, 11, 18, 25)]


def test_the_speakers_of_the_programme_are_named_per_session(loaded):
    speakers = list(
        Session.objects.filter(series__slug=UPCOMING_SLUG).values_list("speaker", flat=True)
    )

    assert "Nynke Joustra" in speakers[0] and "Nieuwegein" in speakers[0]
    assert "Jessica Dijkman" in speakers[1] and "Houten" in speakers[1]
    assert "Nico Ooms" in speakers[2] and "Groene Sticht" in speakers[2]
    assert "Karin Sok" in speakers[3] and "Movisie" in speakers[3]


def test_the_upcoming_sessions_have_a_few_participants_and_places_left(loaded):
    sessions = Session.objects.filter(series__slug=UPCOMING_SLUG).with_seat_counts()
    registrations = Registration.objects.filter(series__slug=UPCOMING_SLUG)

    assert 3 <= registrations.count() <= 5
    assert all(r.email.endswith("@example.org") and r.consent_at for r in registrations)
    for session in sessions:
        assert 1 <= session.confirmed_count <= 5
        assert session.seats_left(session.confirmed_count) in (None, *range(35, 60))
    assert not Evaluation.objects.filter(session__series__slug=UPCOMING_SLUG).exists()


def test_the_earlier_run_is_over_and_was_evaluated(loaded):
    series = SessionSeries.objects.get(slug=PAST_SLUG)
    sessions = list(series.sessions.select_related("phase"))
    now = timezone.now()

    assert series.is_published
    assert series.title.startswith("Co-creatie in het publieke domein (")
    assert [s.phase.order for s in sessions] == [1, 2, 3, 4]
    starts = [local(s.starts_at) for s in sessions]
    assert all(start.weekday() == starts[0].weekday() for start in starts)
    assert [b - a for a, b in pairwise(starts)] == [datetime.timedelta(weeks=1)] * 3
    for session in sessions:
        assert session.ends_at < now - datetime.timedelta(weeks=4)
        assert local(session.starts_at).time() == datetime.time(13, 30)
        assert local(session.ends_at).time() == datetime.time(14, 30)
        evaluations = list(session.evaluations.select_related("seat"))
        assert 4 <= len(evaluations) <= 7
        for evaluation in evaluations:
            assert 1 <= evaluation.score <= 5
            assert evaluation.keep or evaluation.improve
            assert evaluation.seat.session_id == session.pk
            assert evaluation.seat.status == Seat.Status.CONFIRMED
            assert evaluation.seat.reminder_sent_at < session.starts_at
            assert session.ends_at < evaluation.seat.evaluation_invited_at < now
            assert evaluation.created_at < now
    scores = set(Evaluation.objects.filter(session__series=series).values_list("score", flat=True))
    assert len(scores) >= 3
    assert all(r.email.endswith("@example.org") for r in series.registrations.all())


def test_running_it_again_adds_nothing(loaded):
    before = counts()

    summary = demo.load()

    assert counts() == before
    assert "nothing added" in summary


def test_the_first_run_says_what_it_added(db):
    summary = demo.load()

    assert summary.startswith("added 2 series, 8 sessions, ")
    assert f"{Evaluation.objects.count()} evaluations" in summary


def test_a_moderators_edits_survive_the_next_run(loaded):
    session = Session.objects.get(series__slug=UPCOMING_SLUG, order=2)
    session.title = "Door de redactie aangepast"
    session.capacity = 10
    session.save()
    Seat.objects.filter(session__series__slug=PAST_SLUG).delete()

    demo.load()

    session.refresh_from_db()
    assert (session.title, session.capacity) == ("Door de redactie aangepast", 10)
    assert not Seat.objects.filter(session__series__slug=PAST_SLUG).exists()


def test_a_missing_session_comes_back(loaded):
    Session.objects.get(series__slug=UPCOMING_SLUG, order=3).delete()

    demo.load()

    session = Session.objects.get(series__slug=UPCOMING_SLUG, order=3)
    assert session.phase.order == 3
    assert session.seats.filter(status=Seat.Status.CONFIRMED).exists()


def test_it_works_without_the_roadmap_phases(db):
    demo.load()

    assert Session.objects.count() == 8
    assert not Session.objects.filter(phase__isnull=False).exists()


def test_the_earlier_run_records_who_attended_and_the_june_run_follows_it(loaded):
    past = SessionSeries.objects.get(slug=PAST_SLUG)
    upcoming = SessionSeries.objects.get(slug=UPCOMING_SLUG)

    assert upcoming.previous == past
    for session in past.sessions.all():
        confirmed = session.seats.filter(status=Seat.Status.CONFIRMED)
        attended = confirmed.filter(attended_at__isnull=False)
        assert session.attendance_recorded
        # Someone did not come to every session, and only those present answered.
        assert 0 < attended.count() < confirmed.count()
        assert not session.evaluations.filter(seat__attended_at__isnull=True).exists()
        assert session.evaluations.count() <= attended.count()

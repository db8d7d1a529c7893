"""The organisers' side of the online sessions: the overview and session pages under
/moderatie/sessies/, the CSV export, mailing and cancelling, the co-evaluation results
without names, purging old registrations, and calendar updates after an admin change."""

import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions_app import services
from sessions_app.models import Evaluation, Registration, Seat, Session
from tests.community.factories import AdminFactory, ModeratorFactory, VerifiedUserFactory
from tests.html import PageOutline
from tests.sessions.factories import (
    SeatFactory,
    SeriesFactory,
    SessionFactory,
)
from tests.sessions.factories import (
    seat_for as seat,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CONFIRMED, WAITING, CANCELLED = Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.CANCELLED


@pytest.fixture
def organiser(client):
    client.force_login(ModeratorFactory())
    return client


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> whose heading has this id."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def table_row(html: str, href: str) -> list[str]:
    """The text of each cell of the table row that links to ``href``."""
    match = re.search(rf'<tr>\s*<td><a href="{re.escape(href)}"[^>]*>.*?</tr>', html, re.DOTALL)
    assert match, f"no row links to {href}"
    return [text(cell) for cell in re.findall(r"<td>(.*?)</td>", match.group(0), re.DOTALL)]


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Overview and session page --------------------------------------------------------------


def test_the_overview_shows_confirmed_and_waiting_counts_per_session(organiser):
    series = SeriesFactory(title="Co-creatie in de praktijk")
    roomy = SessionFactory(series=series, order=1, title="Verkennen", capacity=40)
    full = SessionFactory(series=series, order=2, title="Ontwerpen", capacity=2)
    open_ended = SessionFactory(series=series, order=3, title="Testen", capacity=None)
    for _ in range(3):
        seat(roomy)
    seat(roomy, CANCELLED)
    for status in (CONFIRMED, CONFIRMED, WAITING, WAITING, CANCELLED):
        seat(full, status)
    seat(open_ended)
    other_series = SeriesFactory(title="Een andere reeks")
    seat(SessionFactory(series=other_series, order=1, capacity=10))

    html = page(organiser, reverse("sessions:organiser_series_list"))

    assert "Co-creatie in de praktijk" in html and "Een andere reeks" in html
    rows = {
        session.title: table_row(html, reverse("sessions:organiser_session", args=[session.pk]))
        for session in (roomy, full, open_ended)
    }
    # Cells: session, date, confirmed, waiting list, status.
    assert rows["Verkennen"][0] == "1. Verkennen"
    assert rows["Verkennen"][2:] == ["3 van 40", "0", "Gepland"]
    assert rows["Ontwerpen"][2:] == ["2 van 2", "2", "Gepland"]
    assert rows["Testen"][2:] == ["1", "0", "Gepland"]


def test_the_session_page_lists_confirmed_and_waiting_registrants_in_order(organiser):
    session = SessionFactory(title="Ontwerpen", capacity=2)
    seat(session, name="Anouk Aangemeld")
    seat(session, name="Bart Aangemeld")
    start = timezone.now() - timedelta(hours=2)
    # Created in a different order than they asked for a seat.
    seat(session, WAITING, start + timedelta(minutes=30), name="Wim Derde")
    seat(session, WAITING, start, name="Wendy Eerste")
    seat(session, WAITING, start + timedelta(minutes=10), name="Walter Tweede")
    seat(session, CANCELLED, name="Carla Afgemeld")
    seat(SessionFactory(series=session.series), name="Olaf Andere Sessie")

    html = page(organiser, reverse("sessions:organiser_session", args=[session.pk]))

    confirmed = text(section(html, "aangemeld-titel"))
    waiting = text(section(html, "wachtlijst-titel"))
    assert "Aangemeld (2)" in confirmed
    assert "Anouk Aangemeld" in confirmed and "Bart Aangemeld" in confirmed
    assert "Wachtlijst (3)" in waiting
    order = [waiting.index(name) for name in ("Wendy Eerste", "Walter Tweede", "Wim Derde")]
    assert order == sorted(order), waiting
    for name in ("Carla Afgemeld", "Wendy Eerste"):
        assert name not in confirmed
    assert "Carla Afgemeld" not in waiting and "Anouk Aangemeld" not in waiting
    assert "Olaf Andere Sessie" not in html


def add_registrants(session, n):
    statuses = (CONFIRMED, CONFIRMED, WAITING, CANCELLED)
    for number in range(n):
        registrant = seat(
            session,
            statuses[number % len(statuses)],
            name=f"Groeier {session.seats.count()}",
            organisation="Gemeente Utrecht",
            role="Adviseur",
        )
        if registrant.status == CONFIRMED:
            Evaluation.objects.create(
                session=session, seat=registrant, score=1 + number % 5, keep="De opzet."
            )


def test_the_session_page_needs_no_more_queries_with_more_registrations(
    organiser, django_assert_max_num_queries
):
    session = SessionFactory(capacity=30)
    url = reverse("sessions:organiser_session", args=[session.pk])
    add_registrants(session, 5)
    page(organiser, url)  # warm up the login session
    with CaptureQueriesContext(connection) as queries:
        page(organiser, url)
    small = len(queries)

    add_registrants(session, 35)
    assert session.seats.count() == 40

    with django_assert_max_num_queries(small):
        html = page(organiser, url)
    assert "Groeier 39" in html and "Groeier 0" in html


# --- CSV export -------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    """The rows of a spreadsheet export as Dutch Excel reads it (byte-order mark, ``;``)."""
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def test_the_export_has_one_row_per_seat_with_the_status_in_words(organiser):
    session = SessionFactory(series=SeriesFactory(slug="co-creatie"), order=2)
    seat(
        session,
        name="Nynke de Boer",
        email="nynke@gemeente.example",
        organisation="Gemeente Nieuwegein",
        role="Projectleider",
    )
    seat(session, WAITING, name="Wouter Wachter", email="wouter@example.org")
    seat(session, CANCELLED, name="Carla Afgemeld", email="carla@example.org")
    seat(SessionFactory(series=session.series, order=3), name="Olaf Andere Sessie")

    response = organiser.get(reverse("sessions:organiser_export", args=[session.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="aanmeldingen-co-creatie-sessie-2.csv"'
    )
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    header, *rows = read_csv(response)
    assert header == ["naam", "e-mailadres", "organisatie", "functie", "status", "aangemeld op"]
    by_name = {row[0]: row for row in rows}
    assert len(rows) == 3 and set(by_name) == {"Nynke de Boer", "Wouter Wachter", "Carla Afgemeld"}
    nynke = by_name["Nynke de Boer"]
    assert nynke[1:5] == [
        "nynke@gemeente.example",
        "Gemeente Nieuwegein",
        "Projectleider",
        "bevestigd",
    ]
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", nynke[5])
    assert by_name["Wouter Wachter"][4] == "wachtlijst, plaats 1"
    assert by_name["Carla Afgemeld"][4] == "afgemeld"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", '=HYPERLINK("http://evil.example","klik")'),
        ("organisation", "+31 6 123"),
        ("organisation", "@SUM(A1)"),
        ("role", "-1+2"),
    ],
)
def test_the_export_never_hands_a_spreadsheet_a_formula(organiser, field, value):
    session = SessionFactory()
    seat(session, **{field: value})
    plain = {"name": "Gewone Naam", "organisation": "Gewone Organisatie", "role": "Adviseur"}
    seat(session, **plain)

    response = organiser.get(reverse("sessions:organiser_export", args=[session.pk]))

    column = {"name": 0, "organisation": 2, "role": 3}[field]
    cells = sorted(row[column] for row in read_csv(response)[1:])
    assert cells == sorted([f"'{value}", plain[field]])


def test_a_member_cannot_export_registrations(client):
    session = SessionFactory()
    seat(session, name="Nynke de Boer", email="nynke@gemeente.example")
    client.force_login(VerifiedUserFactory())

    response = client.get(reverse("sessions:organiser_export", args=[session.pk]))

    assert response.status_code == 403
    assert b"nynke@gemeente.example" not in response.content


# --- Mailing everyone -------------------------------------------------------------------------


@pytest.fixture
def participants():
    session = SessionFactory(title="Ontwerpen", capacity=1)
    return {
        "session": session,
        "confirmed": seat(session, email="aangemeld@example.org"),
        "waiting": seat(session, WAITING, email="wachtlijst@example.org"),
        "cancelled": seat(session, CANCELLED, email="afgemeld@example.org"),
        "elsewhere": seat(SessionFactory(series=session.series), email="anders@example.org"),
    }


def action_url(session, action):
    return reverse("sessions:organiser_session_action", args=[session.pk, action])


# --- Cancelling a session -----------------------------------------------------------------------


def public_calendar(client, session) -> icalendar.Calendar:
    url = reverse("sessions:session_ics", args=[session.series.slug, session.order])
    response = client.get(url)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def only_event(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def test_cancelling_a_session_tells_everyone_with_a_calendar_update(
    client, organiser, participants, django_capture_on_commit_callbacks
):
    session = participants["session"]
    other = SessionFactory(series=session.series, title="Testen")
    before = only_event(public_calendar(client, session))

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(
            action_url(session, "afgelasten"),
            {"afgelasten-message": "De gast is ziek. We zoeken een nieuwe datum."},
        )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert sorted(message.to for message in mail.outbox) == [
        ["aangemeld@example.org"],
        ["wachtlijst@example.org"],
    ]
    for message in mail.outbox:
        assert "De gast is ziek. We zoeken een nieuwe datum." in message.body
        assert session.meeting_url not in message.body
        (attachment,) = message.attachments
        filename, content, mimetype = attachment
        assert filename.endswith(".ics") and mimetype == "text/calendar"
        assert session.meeting_url not in str(content)
        update = icalendar.Calendar.from_ical(content)
        assert str(update["METHOD"]) == "CANCEL"
        event = only_event(update)
        assert str(event["UID"]) == str(before["UID"])
        assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])
        assert str(event["STATUS"]) == "CANCELLED"
        assert session.meeting_url not in event.to_ical().decode()

    programme = page(client, session.series.get_absolute_url())
    item = re.search(rf'id="sessie-{session.order}">.*?</li>', programme, re.DOTALL).group(0)
    assert "Afgelast" in text(item)
    form = PageOutline(page(client, reverse("sessions:register", args=[session.series.slug])))
    offered = {field["value"] for field in form.find_all("input", name="sessions")}
    assert str(other.pk) in offered
    assert str(session.pk) not in offered


def test_cancelling_without_a_message_changes_nothing(
    organiser, participants, django_capture_on_commit_callbacks
):
    session = participants["session"]

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(action_url(session, "afgelasten"), {"afgelasten-message": "  "})

    assert response.status_code == 200
    assert "Schrijf een bericht voor de deelnemers." in response.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.PLANNED and session.ics_sequence == 0
    assert mail.outbox == []


# --- Co-evaluation results ----------------------------------------------------------------------


def test_the_co_evaluation_shows_average_counts_and_answers_without_names(organiser):
    start = timezone.now() - timedelta(days=2)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    answers = [
        ("Fenna Fijn", "fenna@example.org", 5, "De korte pitches.", ""),
        ("Gerrit Goed", "gerrit@example.org", 5, "", "Meer tijd voor vragen."),
        ("Hanna Heel", "hanna@example.org", 4, "De breakout-rooms.", ""),
        ("Ivo Iets", "ivo@example.org", 2, "", "Het geluid haperde."),
    ]
    for name, email, score, keep, improve in answers:
        registrant = seat(session, name=name, email=email, organisation=f"Organisatie {name}")
        Evaluation.objects.create(
            session=session, seat=registrant, score=score, keep=keep, improve=improve
        )
    Evaluation.objects.create(session=SessionFactory(), score=1, keep="Andere sessie.")

    html = page(organiser, reverse("sessions:organiser_session", args=[session.pk]))

    evaluation = section(html, "evaluatie-titel")
    summary = text(evaluation)
    # Nobody recorded attendance: everyone confirmed could answer.
    assert "4 van 4 deelnemers hebben gereageerd (100%)" in summary
    assert "Gemiddeld cijfer: 4,0" in summary
    assert "4 antwoorden" in summary
    counts = re.search(r"<tbody>(.*?)</tbody>", evaluation, re.DOTALL).group(1)
    rows = re.findall(r'<tr><th scope="row">(\d)</th><td>(\d+)</td>', counts)
    assert rows == [("1", "0"), ("2", "1"), ("3", "0"), ("4", "1"), ("5", "2")]
    assert 'role="img"' in evaluation
    for answer in (
        "De korte pitches.",
        "De breakout-rooms.",
        "Meer tijd voor vragen.",
        "Het geluid haperde.",
    ):
        assert answer in summary
    assert "Andere sessie." not in summary
    names_shown_elsewhere = text(section(html, "aangemeld-titel"))
    after_heading = html[html.index('id="evaluatie-titel"') :]
    for name, email, *_ in answers:
        assert name in names_shown_elsewhere
        assert name not in after_heading
        assert email not in after_heading
        assert f"Organisatie {name}" not in after_heading


# --- Purging old registrations --------------------------------------------------------------------


def held_session(days_ago: int, **kwargs) -> Session:
    start = timezone.now() - timedelta(days=days_ago, hours=1)
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def personal_details(registration: Registration) -> tuple:
    registration.refresh_from_db()
    return (
        registration.name,
        registration.email,
        registration.organisation,
        registration.role,
        registration.user_id,
        registration.token,
        registration.anonymised_at,
    )


@pytest.fixture
def history():
    old = SeriesFactory(title="Oude reeks")
    SessionFactory(series=old, order=1, starts_at=timezone.now() - timedelta(days=60))
    old_last = held_session(40, series=old, order=2)
    recent_last = held_session(10)
    upcoming = SessionFactory()

    def registrant(session, label):
        return seat(
            session,
            name=f"Naam {label}",
            email=f"{label}@example.org",
            organisation=f"Gemeente {label}",
            role="Beleidsadviseur",
            user=VerifiedUserFactory(email=f"{label}@example.org"),
        )

    old_seat = registrant(old_last, "oud")
    recent_seat = registrant(recent_last, "recent")
    upcoming_seat = registrant(upcoming, "straks")
    return {
        "old": old_seat.registration,
        "recent": recent_seat.registration,
        "upcoming": upcoming_seat.registration,
        "old_evaluation": Evaluation.objects.create(
            session=old_last, seat=old_seat, score=4, keep="Goede gasten."
        ),
        "recent_evaluation": Evaluation.objects.create(
            session=recent_last, seat=recent_seat, score=3, improve="Korter."
        ),
    }


def test_purging_anonymises_registrations_of_series_that_ended_long_ago(client, history):
    old = history["old"]
    old_url = old.get_absolute_url()
    assert client.get(old_url).status_code == 200
    old_token = old.token
    untouched = {key: personal_details(history[key]) for key in ("recent", "upcoming")}

    out = io.StringIO()
    call_command("purge_registrations", stdout=out)

    assert "Anonymised 1 registration(s)." in out.getvalue()
    old.refresh_from_db()
    assert old.name != "Naam oud"
    assert (old.email, old.organisation, old.role, old.user) == ("", "", "", None)
    assert old.token != old_token and old.anonymised_at is not None
    assert client.get(old_url).status_code == 404
    evaluation = Evaluation.objects.get(pk=history["old_evaluation"].pk)
    assert evaluation.seat is None
    assert (evaluation.score, evaluation.keep) == (4, "Goede gasten.")
    for key, details in untouched.items():
        assert personal_details(history[key]) == details, key
    assert Evaluation.objects.get(pk=history["recent_evaluation"].pk).seat is not None
    assert client.get(history["recent"].get_absolute_url()).status_code == 200

    after_first_run = {key: personal_details(history[key]) for key in ("old", "recent")}
    call_command("purge_registrations", stdout=out)
    assert "Anonymised 0 registration(s)." in out.getvalue()
    assert {key: personal_details(history[key]) for key in after_first_run} == after_first_run


def test_purging_follows_the_retention_setting_and_the_days_option(history, settings):
    settings.SESSION_REGISTRATION_RETENTION_DAYS = 60
    call_command("purge_registrations", stdout=io.StringIO())
    assert Registration.objects.get(pk=history["old"].pk).anonymised_at is None

    call_command("purge_registrations", "--days=5", stdout=io.StringIO())

    for key in ("old", "recent"):
        assert personal_details(history[key])[:2] != (f"Naam {key}", f"{key}@example.org")
        history[key].refresh_from_db()
        assert history[key].anonymised_at is not None, key
    assert Evaluation.objects.get(pk=history["recent_evaluation"].pk).seat is None
    history["upcoming"].refresh_from_db()
    assert history["upcoming"].anonymised_at is None
    assert history["upcoming"].email == "straks@example.org"


# --- Calendar updates after a change in the admin -------------------------------------------------


@pytest.fixture
def superuser(client):
    admin = AdminFactory()
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def session_form(session, **changes) -> dict:
    """What the admin's session change form posts for ``session``."""
    starts_at = changes.pop("starts_at", session.starts_at).astimezone(AMSTERDAM)
    ends_at = changes.pop("ends_at", session.ends_at).astimezone(AMSTERDAM)
    data = {
        "series": session.series_id,
        "order": session.order,
        "title": session.title,
        "phase": "",
        "description": session.description,
        "speaker": session.speaker,
        "starts_at_0": f"{starts_at:%Y-%m-%d}",
        "starts_at_1": f"{starts_at:%H:%M:%S}",
        "ends_at_0": f"{ends_at:%Y-%m-%d}",
        "ends_at_1": f"{ends_at:%H:%M:%S}",
        "capacity": session.capacity or "",
        "status": session.status,
        "meeting_url": session.meeting_url,
    }
    return {**data, **changes}


def test_moving_a_session_in_the_admin_raises_its_calendar_sequence(client, superuser):
    session = SessionFactory(
        starts_at=local(2030, 3, 12, 13, 30), ends_at=local(2030, 3, 12, 14, 30), capacity=20
    )
    url = reverse("admin:sessions_app_session_change", args=[session.pk])
    assert superuser.get(url).status_code == 200

    response = superuser.post(url, session_form(session, speaker="Een andere gast"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.speaker == "Een andere gast" and session.ics_sequence == 0

    response = superuser.post(
        url,
        session_form(
            session, starts_at=local(2030, 3, 19, 13, 30), ends_at=local(2030, 3, 19, 14, 30)
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.starts_at == local(2030, 3, 19, 13, 30)
    assert session.ics_sequence == 1
    assert int(only_event(public_calendar(client, session))["SEQUENCE"]) == 1


def test_moving_a_session_on_its_series_page_in_the_admin_raises_its_calendar_sequence(
    client, superuser
):
    """Organisers are sent to the series in the admin, where sessions are edited inline."""
    series = SeriesFactory(slug="co-creatie")
    session = SessionFactory(
        series=series,
        order=1,
        starts_at=local(2030, 3, 12, 13, 30),
        ends_at=local(2030, 3, 12, 14, 30),
    )
    url = reverse("admin:sessions_app_sessionseries_change", args=[series.pk])
    assert superuser.get(url).status_code == 200
    inline = session_form(
        session, starts_at=local(2030, 3, 19, 13, 30), ends_at=local(2030, 3, 19, 14, 30)
    )
    del inline["series"]
    data = {
        "title": series.title,
        "slug": series.slug,
        "summary": series.summary,
        "introduction": series.introduction,
        "organisers": series.organisers,
        "partner": series.partner,
        "joining_tips": series.joining_tips,
        "is_published": "on",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "1",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-id": session.pk,
        "sessions-0-series": series.pk,
        **{f"sessions-0-{key}": value for key, value in inline.items()},
    }

    response = superuser.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.starts_at == local(2030, 3, 19, 13, 30)
    assert session.ics_sequence == 1


def test_a_session_that_has_started_cannot_be_cancelled():
    started = SessionFactory(
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(minutes=50),
    )
    SeatFactory(session=started)

    with pytest.raises(ValidationError, match="al begonnen"):
        services.session_cancel(session=started, message="Toch niet.", actor=ModeratorFactory())

    started.refresh_from_db()
    assert started.status == "planned" and not mail.outbox

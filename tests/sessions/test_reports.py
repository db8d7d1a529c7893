"""What organisers read and download about a series: the overview of everyone × every
session, the spreadsheets Dutch Excel opens as they are (with no way to smuggle in a
formula), and the co-evaluation results without names, compared with the previous round."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from cocreatie.core.models import ActionLog
from sessions_app import reports
from sessions_app.models import Evaluation, OrganiserVerb, Registration, Seat
from sessions_app.organiser import reports as report_views
from tests.community.factories import OrganiserFactory, VerifiedUserFactory
from tests.html import PageOutline
from tests.sessions.factories import RegistrationFactory, SeriesFactory, SessionFactory
from tests.sessions.factories import seat_for as seat

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CONFIRMED, WAITING, CANCELLED = Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.CANCELLED


@pytest.fixture
def organiser_user():
    return OrganiserFactory()


@pytest.fixture
def organiser(client, organiser_user):
    client.force_login(organiser_user)
    return client


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def element(html: str, tag: str, start_marker: str) -> str:
    """The HTML of the first ``<tag>`` at or after ``start_marker``, up to its end tag."""
    start = html.rindex(f"<{tag}", 0, html.index(start_marker) + len(start_marker))
    return html[start : html.index(f"</{tag}>", start) + len(f"</{tag}>")]


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def held(series, order, **kwargs):
    """A session of ``series`` that took place last month."""
    start = timezone.now() - timedelta(days=30) + timedelta(days=order)
    return SessionFactory(
        series=series, order=order, starts_at=start, ends_at=start + timedelta(hours=1), **kwargs
    )


def read_spreadsheet(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark"
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    assert "\r\n" in content
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


# --- The overview of a series ----------------------------------------------------------------


@pytest.fixture
def programme():
    """Two sessions: one held with attendance recorded, one to come with a waiting list."""
    series = SeriesFactory(title="Co-creatie in de praktijk", slug="co-creatie")
    held_session = held(series, 1, title="Verkennen", attendance_recorded_at=timezone.now())
    coming = SessionFactory(
        series=series,
        order=2,
        title="Ontwerpen",
        capacity=1,
        starts_at=local(2030, 3, 19, 13, 30),
        ends_at=local(2030, 3, 19, 15, 0),
    )
    people = {
        name: RegistrationFactory(series=series, name=name, organisation=organisation)
        for name, organisation in [
            ("Bram Bakker", "Buurtcoöperatie Oost"),
            ("anna de Vries", "Gemeente Utrecht"),
            ("Émile Cas", "Gemeente Zeist"),
            ("Dirk Dekker", ""),
        ]
    }

    def take(session, name, status, requested_at=None, **fields):
        return Seat.objects.create(
            session=session,
            registration=people[name],
            status=status,
            requested_at=requested_at or timezone.now(),
            **fields,
        )

    take(held_session, "anna de Vries", CONFIRMED, attended_at=timezone.now())
    take(held_session, "Bram Bakker", CONFIRMED)  # not ticked: not present
    take(coming, "anna de Vries", CONFIRMED)
    start = timezone.now() - timedelta(hours=3)
    # Created in another order than they asked for a seat.
    take(coming, "Émile Cas", WAITING, start + timedelta(minutes=20))
    take(coming, "Bram Bakker", WAITING, start)
    take(coming, "Dirk Dekker", CANCELLED)
    gone = RegistrationFactory(series=series, name="Verwijderd", anonymised_at=timezone.now())
    Seat.objects.create(session=coming, registration=gone, status=WAITING, requested_at=start)
    return {"series": series, "held": held_session, "coming": coming, "people": people}


def matrix_rows(html: str) -> dict[str, list[str]]:
    """Person → the text of each session's cell, from the overview's table body."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL).group(1)
    rows = {}
    for name, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', body, re.DOTALL):
        rows[text(name)] = [text(cell) for cell in re.findall(r"<td>(.*?)</td>", cells, re.DOTALL)]
    return rows


def test_the_overview_shows_everyones_status_per_session_sorted_by_name(organiser, programme):
    url = reverse("sessions:organiser_series_registrations", args=[programme["series"].pk])

    html = page(organiser, url)

    rows = matrix_rows(html)
    # Sorted as people read names: capitals and accents make no difference.
    assert list(rows) == [
        "anna de Vries Gemeente Utrecht",
        "Bram Bakker Buurtcoöperatie Oost",
        "Dirk Dekker",
        "Émile Cas Gemeente Zeist",
    ]
    assert rows["anna de Vries Gemeente Utrecht"] == ["AW aanwezig", "B bevestigd"]
    # Émile's seat was made before Bram's, but he asked later; the anonymised
    # registration asked at the same moment as Bram and waits after him (by pk).
    assert rows["Bram Bakker Buurtcoöperatie Oost"] == [
        "NA niet aanwezig",
        "W1 wachtlijst, plaats 1",
    ]
    assert rows["Émile Cas Gemeente Zeist"] == ["— niet aangemeld", "W3 wachtlijst, plaats 3"]
    assert rows["Dirk Dekker"] == ["— niet aangemeld", "AF afgemeld"]
    assert "Verwijderd" not in html
    assert "1 aanmelding is geanonimiseerd" in text(html)

    table = element(html, "table", 'class="table registrations-matrix"')
    # A region of its own that scrolls sideways on a phone, named by the caption.
    assert (
        '<div class="table-wrapper" role="region" tabindex="0" '
        'aria-labelledby="aanmeldingen-tabel"><table class="table registrations-matrix">'
    ) in html
    assert '<caption id="aanmeldingen-tabel">Aanmeldingen per persoon en per sessie</caption>' in (
        table
    )
    header = text(re.search(r"<thead>(.*?)</thead>", table, re.DOTALL).group(1))
    held_date = date_format(timezone.localtime(programme["held"].starts_at), "j F Y")
    assert header == f"Naam 1. Verkennen {held_date} 2. Ontwerpen 19 maart 2030"
    totals = re.search(r"<tfoot><tr>(.*?)</tr></tfoot>", table, re.DOTALL).group(1)
    cells = [text(cell) for cell in re.findall(r"<td>(.*?)</td>", totals, re.DOTALL)]
    assert cells == [
        "2 bevestigd 0 wachtlijst 1 aanwezig",
        "1 bevestigd 3 wachtlijst aanwezigheid niet bijgehouden",
    ]
    empty_cell = re.search(r"<td><span aria-hidden=\"true\">—</span>(.*?)</td>", table).group(1)
    assert empty_cell == '<span class="visually-hidden">niet aangemeld</span>'


def test_the_overview_shows_the_place_on_the_waiting_list(organiser):
    session = SessionFactory(capacity=0)
    start = timezone.now() - timedelta(hours=1)
    seat(session, WAITING, start + timedelta(minutes=5), name="Wendy Tweede")
    seat(session, WAITING, start, name="Walter Eerste")

    html = page(
        organiser, reverse("sessions:organiser_series_registrations", args=[session.series.pk])
    )

    rows = matrix_rows(html)
    assert rows["Walter Eerste"] == ["W1 wachtlijst, plaats 1"]
    assert rows["Wendy Tweede"] == ["W2 wachtlijst, plaats 2"]


def test_the_overview_comes_in_pages_of_people(organiser, monkeypatch):
    monkeypatch.setattr(report_views, "PEOPLE_PER_PAGE", 2)
    session = SessionFactory()
    for name in ("Carla", "Anna", "Bart"):
        seat(session, name=name)
    url = reverse("sessions:organiser_series_registrations", args=[session.series.pk])

    first, second = page(organiser, url), page(organiser, f"{url}?pagina=2")

    assert list(matrix_rows(first)) == ["Anna", "Bart"]
    assert list(matrix_rows(second)) == ["Carla"]
    assert "pagina 2 van 2" in second and 'rel="prev"' in second


def add_people(series, sessions, n, *, start=0):
    """``n`` registrations, each with a seat (in turn confirmed, waiting, cancelled) for
    every session of the series."""
    registrations = Registration.objects.bulk_create(
        Registration(
            series=series,
            name=f"Persoon {start + number:03}",
            email=f"persoon{start + number}@example.org",
            consent_at=timezone.now(),
        )
        for number in range(n)
    )
    statuses = (CONFIRMED, WAITING, CANCELLED)
    Seat.objects.bulk_create(
        Seat(registration=registration, session=session, status=statuses[(start + number) % 3])
        for number, registration in enumerate(registrations)
        for session in sessions
    )


def test_the_overview_needs_no_more_queries_for_more_people(
    organiser, django_assert_max_num_queries
):
    """One query each for the sessions, the registrations and the seats: no query per
    person or per cell (the waiting-list places are worked out in Python)."""
    series = SeriesFactory()
    sessions = [SessionFactory(series=series, order=order) for order in (1, 2, 3)]
    url = reverse("sessions:organiser_series_registrations", args=[series.pk])
    add_people(series, sessions, 10)
    page(organiser, url)  # warm up the login session
    with CaptureQueriesContext(connection) as queries:
        page(organiser, url)
    small = len(queries)

    add_people(series, sessions, 190, start=10)

    with django_assert_max_num_queries(small):
        html = page(organiser, url)
    rows = matrix_rows(html)
    assert len(rows) == 200
    assert rows["Persoon 198"] == ["B bevestigd"] * 3
    assert rows["Persoon 197"] == ["AF afgemeld"] * 3
    # Every third person waits: the last of 200 is 67th on each list.
    assert rows["Persoon 199"] == ["W67 wachtlijst, plaats 67"] * 3


# --- Spreadsheets ------------------------------------------------------------------------------


def test_the_series_spreadsheet_has_a_column_per_session_with_each_status(
    organiser, organiser_user, programme
):
    Registration.objects.filter(pk=programme["people"]["Bram Bakker"].pk).update(
        created_at=datetime(2030, 1, 15, 8, 5, tzinfo=UTC)
    )

    response = organiser.get(
        reverse("sessions:organiser_series_export", args=[programme["series"].pk])
    )

    assert response["Content-Disposition"] == 'attachment; filename="aanmeldingen-co-creatie.csv"'
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert "Buurtcoöperatie Oost" in response.content.decode("utf-8-sig")
    header, *rows = read_spreadsheet(response)
    held_date = programme["held"].starts_at.astimezone(AMSTERDAM).strftime("%d-%m-%Y")
    assert header == [
        "naam",
        "e-mailadres",
        "organisatie",
        "functie",
        "aangemeld op",
        f"1. Verkennen ({held_date})",
        "2. Ontwerpen (19-03-2030)",
    ]
    by_name = {row[0]: row for row in rows}
    assert list(by_name) == ["anna de Vries", "Bram Bakker", "Dirk Dekker", "Émile Cas"]
    bram = by_name["Bram Bakker"]
    assert bram[1] == programme["people"]["Bram Bakker"].email
    assert bram[2] == "Buurtcoöperatie Oost"
    assert bram[4] == "15-01-2030 09:05"  # Amsterdam time
    assert bram[5:] == ["niet aanwezig", "wachtlijst, plaats 1"]
    assert by_name["anna de Vries"][5:] == ["aanwezig", "bevestigd"]
    assert by_name["Émile Cas"][5:] == ["", "wachtlijst, plaats 3"]
    assert by_name["Dirk Dekker"][5:] == ["", "afgemeld"]

    (entry,) = ActionLog.objects.filter(verb=OrganiserVerb.SERIES_EXPORT)
    assert entry.actor == organiser_user
    assert entry.target == programme["series"]
    assert entry.data["rows"] == 4
    logged = f"{entry.target_label} {entry.message} {entry.data}"
    for person in programme["people"].values():
        assert person.name not in logged and person.email not in logged


def test_the_session_spreadsheet_shows_the_status_of_each_registrant(
    organiser, organiser_user, programme
):
    response = organiser.get(reverse("sessions:organiser_export", args=[programme["coming"].pk]))

    assert response["Content-Disposition"] == (
        'attachment; filename="aanmeldingen-co-creatie-sessie-2.csv"'
    )
    header, *rows = read_spreadsheet(response)
    assert header == ["naam", "e-mailadres", "organisatie", "functie", "status", "aangemeld op"]
    # Confirmed first, then the waiting list in its order, then who cancelled.
    assert [(row[0], row[4]) for row in rows] == [
        ("anna de Vries", "bevestigd"),
        ("Bram Bakker", "wachtlijst, plaats 1"),
        ("Émile Cas", "wachtlijst, plaats 3"),
        ("Dirk Dekker", "afgemeld"),
    ]
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", row[5]) for row in rows)

    held_rows = read_spreadsheet(
        organiser.get(reverse("sessions:organiser_export", args=[programme["held"].pk]))
    )[1:]
    assert sorted((row[0], row[4]) for row in held_rows) == [
        ("Bram Bakker", "niet aanwezig"),
        ("anna de Vries", "aanwezig"),
    ]
    entries = ActionLog.objects.filter(verb=OrganiserVerb.REGISTRATIONS_EXPORT)
    assert [(e.actor, e.target, e.data["rows"]) for e in entries.order_by("pk")] == [
        (organiser_user, programme["coming"], 4),
        (organiser_user, programme["held"], 2),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", '=HYPERLINK("http://evil.example","klik")'),
        ("organisation", "+31 6 123"),
        ("role", "-1+2"),
        ("name", "@SUM(A1)"),
        ("organisation", "\t=1+1"),
        ("role", "\r=1+1"),
    ],
)
def test_no_spreadsheet_hands_excel_a_formula(organiser, field, value):
    session = SessionFactory(order=1)
    seat(session, **{field: value})
    plain = {"name": "Gewone Naam", "organisation": "Gewone Organisatie", "role": "Adviseur"}
    seat(session, **plain)
    column = {"name": 0, "organisation": 2, "role": 3}[field]

    for url in (
        reverse("sessions:organiser_export", args=[session.pk]),
        reverse("sessions:organiser_series_export", args=[session.series.pk]),
    ):
        rows = read_spreadsheet(organiser.get(url))[1:]
        assert sorted(row[column] for row in rows) == sorted([f"'{value}", plain[field]]), url


def test_a_member_cannot_download_a_series(client):
    session = SessionFactory()
    seat(session, email="nynke@gemeente.example")
    client.force_login(VerifiedUserFactory())

    response = client.get(reverse("sessions:organiser_series_export", args=[session.series.pk]))

    assert response.status_code == 403
    assert b"nynke@gemeente.example" not in response.content
    assert not ActionLog.objects.filter(verb=OrganiserVerb.SERIES_EXPORT).exists()


# --- Co-evaluation results ---------------------------------------------------------------------


def present(session, **registrant) -> Seat:
    """A participant of ``session``, ticked present."""
    participant = seat(session, **registrant)
    participant.attended_at = timezone.now()
    participant.save(update_fields=["attended_at"])
    return participant


def answer(session, score, keep="", improve="", **registrant):
    """A participant of ``session`` (ticked present) who answered."""
    participant = present(session, **registrant)
    return Evaluation.objects.create(
        session=session, seat=participant, score=score, keep=keep, improve=improve
    )


@pytest.fixture
def evaluated():
    series = SeriesFactory(title="Ronde twee")
    recorded = held(series, 1, title="Verkennen", attendance_recorded_at=timezone.now())
    people = [
        ("Fenna Fijn", "fenna@example.org", "Gemeente Fijnaart"),
        ("Gerrit Goed", "gerrit@example.org", "Gemeente Goes"),
    ]
    for (name, email, organisation), score, keep, improve in zip(
        people,
        (5, 3),
        ("De korte pitches.", ""),
        ("", "Meer tijd voor vragen."),
        strict=True,
    ):
        answer(recorded, score, keep, improve, name=name, email=email, organisation=organisation)
    for _ in range(2):
        present(recorded)  # did not answer
    seat(recorded, name="Niet Aanwezig")  # confirmed, not ticked: does not count
    unrecorded = held(series, 2, title="Ontwerpen")
    seat(unrecorded)
    seat(unrecorded)
    Evaluation.objects.create(session=unrecorded, seat=seat(unrecorded), score=4)
    SessionFactory(series=series, order=3, title="Testen")
    return {"series": series, "recorded": recorded, "unrecorded": unrecorded, "people": people}


def evaluation_url(series):
    return reverse("sessions:organiser_series_evaluation", args=[series.pk])


def score_table(html: str) -> list[tuple[str, str, str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL).group(1)
    return re.findall(r'<tr><th scope="row">(\d)</th><td>(\d+)</td><td>(\d+)%</td></tr>', body)


def test_the_evaluation_shows_response_chart_and_answers_without_names(organiser, evaluated):
    recorded = evaluated["recorded"]

    html = page(organiser, evaluation_url(evaluated["series"]))

    block = element(html, "section", f'id="sessie-{recorded.pk}"')
    summary = text(block)
    # Four ticked present, two answered; the one not ticked does not count.
    assert "2 van 4 deelnemers hebben gereageerd (50%)" in summary
    assert "Gemiddeld cijfer: 4,0" in summary
    assert "De korte pitches." in summary and "Meer tijd voor vragen." in summary

    svg = element(block, "svg", "<svg")
    (chart,) = PageOutline(svg).find_all("svg")
    assert chart["role"] == "img"
    names = chart["aria-labelledby"].split()
    assert len(names) == 2
    for name in names:
        labelled = re.search(rf'<(title|desc) id="{name}">(.*?)</\1>', svg)
        assert labelled and labelled.group(2).strip()
    assert "Cijfer 3: 1 keer, Cijfer 4: 0 keer, Cijfer 5: 1 keer." in svg
    assert "style=" not in svg and "<script" not in svg
    bars = PageOutline(svg).find_all("rect")
    widths = [int(bar["width"]) for bar in bars]
    assert widths[0] == widths[1] == widths[3] == 0 and widths[2] == widths[4] > 0

    assert score_table(block) == [
        ("1", "0", "0"),
        ("2", "0", "0"),
        ("3", "1", "50"),
        ("4", "0", "0"),
        ("5", "1", "50"),
    ]
    for name, email, organisation in evaluated["people"]:
        assert name not in html and email not in html and organisation not in html
    assert "Niet Aanwezig" not in html


def test_the_evaluation_compares_the_sessions_of_the_series(organiser, evaluated):
    html = page(organiser, evaluation_url(evaluated["series"]))

    table = element(html, "table", ">Respons en gemiddeld cijfer per sessie")
    rows = [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    ]
    assert rows == [
        ["Sessie", "Antwoorden", "Respons", "Gemiddeld cijfer"],
        ["1. Verkennen", "2", "2 van 4 (50%)", "4,0"],
        # Attendance not recorded: everyone confirmed counts.
        ["2. Ontwerpen", "1", "1 van 3 (33%)", "4,0"],
        ["3. Testen", "0", "Deze sessie is nog niet geweest.", "—"],
        ["Hele reeks", "3", "3 van 7 (43%)", "4,0"],
    ]
    assert "1 van 3 deelnemers heeft gereageerd (33%)" in text(
        element(html, "section", f'id="sessie-{evaluated["unrecorded"].pk}"')
    )
    assert "Deze reeks heeft geen vorige ronde." in html


def test_the_evaluation_compares_with_the_previous_round(organiser, evaluated):
    earlier = SeriesFactory(title="Ronde een")
    old = held(earlier, 1)
    for _ in range(4):
        seat(old)
    for score in (2, 3, 4):
        Evaluation.objects.create(session=old, score=score)
    series = evaluated["series"]
    series.previous = earlier
    series.save()

    html = page(organiser, evaluation_url(series))

    block = element(html, "section", 'id="vorige-titel"')
    rows = {
        text(label): [text(cell) for cell in re.findall(r"<td>(.*?)</td>", cells, re.DOTALL)]
        for label, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', block)
    }
    assert "Vorige ronde: Ronde een" in text(block)
    assert rows == {
        "Gemiddeld cijfer": ["4,0", "3,0"],
        "Respons": ["43% (3 van 7)", "75% (3 van 4)"],
        "Antwoorden": ["3", "3"],
    }


def add_evaluated_sessions(series, sessions, answers):
    """``sessions`` more held sessions with ``answers`` answers spread over them."""
    first = series.sessions.count() + 1
    made = [held(series, order) for order in range(first, first + sessions)]
    for session in made:
        seat(session)
    Evaluation.objects.bulk_create(
        Evaluation(session=made[number % sessions], score=1 + number % 5, keep=f"Antwoord {number}")
        for number in range(answers)
    )


def test_the_evaluation_needs_no_more_queries_for_more_sessions_and_answers(
    organiser, django_assert_max_num_queries
):
    """One query each for the sessions, the seat counts and the answers (and the same for
    the previous round): no query per session."""
    earlier = SeriesFactory()
    add_evaluated_sessions(earlier, 2, 10)
    series = SeriesFactory(previous=earlier)
    add_evaluated_sessions(series, 2, 10)
    url = evaluation_url(series)
    page(organiser, url)  # warm up the login session
    with CaptureQueriesContext(connection) as queries:
        page(organiser, url)
    small = len(queries)

    add_evaluated_sessions(series, 6, 190)
    add_evaluated_sessions(earlier, 6, 190)

    with django_assert_max_num_queries(small):
        html = page(organiser, url)
    assert html.count('role="img"') == 8
    assert "Antwoord 189" in html


def test_one_report_serves_the_session_page_and_the_series_page(organiser, evaluated):
    recorded = evaluated["recorded"]
    report = reports.evaluation_report(recorded)
    assert (report.count, report.participants, report.response_rate) == (2, 4, 50)

    html = page(organiser, reverse("sessions:organiser_session", args=[recorded.pk]))

    block = element(html, "section", 'id="evaluatie-titel"')
    assert "2 van 4 deelnemers hebben gereageerd (50%)" in text(block)
    assert score_table(block)[2] == ("3", "1", "50")


# --- The participant's form --------------------------------------------------------------------


def test_the_evaluation_form_heading_never_doubles_a_question_mark(client):
    series = SeriesFactory()
    participant = seat(held(series, 1, title="Hoe begin je met co-creatie?"))

    html = page(client, reverse("sessions:evaluation", args=[participant.registration.token, 1]))

    heading = text(re.search(r"<h1>(.*?)</h1>", html, re.DOTALL).group(1))
    assert heading == "Co-evaluatie: Hoe begin je met co-creatie?"
    assert '?"?' not in html and "??" not in html

"""What organisers read and download about a series: who registered for which session
(as a page and as a spreadsheet), and the co-evaluation results without names.

Everything here reads in a fixed number of queries, however many sessions, people or
answers a series has: the pages and exports load the seats of a whole series at once,
each with its waiting-list place (``Seat.objects.with_waiting_place()``). The exports
hold personal data, so each one is a service that checks the organiser and leaves a row
in the action log.

Spreadsheets are CSV the way Dutch Excel opens them without asking (see
``cocreatie.core.spreadsheet``): UTF-8 with a byte-order mark, ``;`` between cells,
dates as ``dd-mm-jjjj hh:mm`` in Amsterdam time, no cell that runs as a formula.
"""

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core.actionlog import log_action
from cocreatie.core.spreadsheet import AMSTERDAM, spreadsheet, spreadsheet_date
from community.permissions import require_organiser
from sessions_app.models import (
    Evaluation,
    OrganiserVerb,
    Registration,
    Seat,
    Session,
    SessionSeries,
)

SCORES = range(1, 6)


# --- Status of a seat ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeatState:
    """How a seat reads in the overview and the exports: in words, as a short code, and
    as a kind (for the colour of the code)."""

    label: str
    code: str
    kind: str


def seat_state(seat: Seat, session: Session, place: int | None = None) -> SeatState:
    """``place``: the seat's place on the session's waiting list, if it is waiting."""
    if seat.status == Seat.Status.CANCELLED:
        return SeatState(_("afgemeld"), "AF", "cancelled")
    if seat.status == Seat.Status.WAITING:
        label = _("wachtlijst, plaats %(place)s") % {"place": place}
        return SeatState(label, f"W{place}", "waiting")
    if seat.attended_at is not None:
        return SeatState(_("aanwezig"), "AW", "attended")
    if session.has_ended and not session.is_cancelled and session.attendance_recorded:
        return SeatState(_("niet aanwezig"), "NA", "absent")
    return SeatState(_("bevestigd"), "B", "confirmed")


# The codes in the overview, explained once above the table.
STATE_LEGEND = [
    ("B", gettext_lazy("bevestigd")),
    ("W1, W2, …", gettext_lazy("op de wachtlijst, met de plaats op de lijst")),
    ("AF", gettext_lazy("afgemeld")),
    ("AW", gettext_lazy("aanwezig")),
    (
        "NA",
        gettext_lazy(
            "niet aanwezig (de aanwezigheid is bijgehouden en deze persoon is niet aangevinkt)"
        ),
    ),
]


def name_key(name: str) -> tuple[str, str]:
    """Sorts names as people expect: without regard to capitals or accents."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), name


# --- Overview of a series ------------------------------------------------------------------


@dataclass
class SessionColumn:
    session: Session
    confirmed: int = 0
    waiting: int = 0
    attended: int = 0


@dataclass
class PersonRow:
    registration: Registration
    # One per session, in the order of the columns; None: no seat for that session.
    cells: list[SeatState | None]


@dataclass
class SeriesRegistrations:
    columns: list[SessionColumn]
    rows: list[PersonRow]
    # Registrations whose personal data is removed: counted in the totals, not shown.
    anonymised: int = 0

    @property
    def sessions(self) -> list[Session]:
        return [column.session for column in self.columns]


def series_registrations(series: SessionSeries) -> SeriesRegistrations:
    """Everyone registered for ``series`` × its sessions, people sorted by name. Three
    queries: the sessions, the registrations and the seats. The totals per session count
    every seat, also of anonymised registrations, like the session page does."""
    sessions = list(series.sessions.order_by("order"))
    for session in sessions:
        session.series = series
    registrations = list(series.registrations.filter(anonymised_at__isnull=True))
    registrations.sort(key=lambda registration: (name_key(registration.name), registration.pk))
    seats = list(
        Seat.objects.filter(session__series=series)
        .only("pk", "registration_id", "session_id", "status", "requested_at", "attended_at")
        .with_waiting_place()
        .order_by()
    )
    columns = {session.pk: SessionColumn(session) for session in sessions}
    by_person: dict[int, dict[int, SeatState]] = defaultdict(dict)
    for seat in seats:
        column = columns[seat.session_id]
        state = seat_state(seat, column.session, seat.waiting_place)
        by_person[seat.registration_id][seat.session_id] = state
        column.confirmed += seat.status == Seat.Status.CONFIRMED
        column.waiting += seat.status == Seat.Status.WAITING
        column.attended += seat.status == Seat.Status.CONFIRMED and seat.attended_at is not None
    shown = {registration.pk for registration in registrations}
    rows = [
        PersonRow(
            registration,
            [by_person[registration.pk].get(session.pk) for session in sessions],
        )
        for registration in registrations
    ]
    return SeriesRegistrations(
        columns=list(columns.values()),
        rows=rows,
        anonymised=len(set(by_person) - shown),
    )


def session_column_header(session: Session) -> str:
    date = timezone.localtime(session.starts_at, AMSTERDAM).strftime("%d-%m-%Y")
    return f"{session.order}. {session.title} ({date})"


PERSON_HEADER = [
    gettext_lazy("naam"),
    gettext_lazy("e-mailadres"),
    gettext_lazy("organisatie"),
    gettext_lazy("functie"),
]


@transaction.atomic
def series_registrations_export(*, series: SessionSeries, actor: AbstractUser) -> str:
    """Everyone registered for the series as a spreadsheet: one row per person, one
    column per session with the status in words (empty: no seat for that session).
    Logged with the number of rows; the log names no one."""
    require_organiser(actor)
    report = series_registrations(series)
    header = [
        *PERSON_HEADER,
        _("aangemeld op"),
        *(session_column_header(session) for session in report.sessions),
    ]
    rows = [
        [
            row.registration.name,
            row.registration.email,
            row.registration.organisation,
            row.registration.role,
            spreadsheet_date(row.registration.created_at),
            *(cell.label if cell else "" for cell in row.cells),
        ]
        for row in report.rows
    ]
    log_action(
        actor=actor,
        verb=OrganiserVerb.SERIES_EXPORT,
        target=series,
        target_label=series.title,
        data={"rows": len(rows), "sessions": len(report.columns)},
    )
    return spreadsheet([header, *rows])


# Confirmed (present or not) first, then the waiting list in its order, then cancelled.
_EXPORT_ORDER = {"attended": 0, "absent": 0, "confirmed": 0, "waiting": 1, "cancelled": 2}


@transaction.atomic
def session_registrations_export(*, session: Session, actor: AbstractUser) -> str:
    """The registrants of one session as a spreadsheet: confirmed first (by name), then
    the waiting list in its order, then who cancelled. Logged with the number of rows."""
    require_organiser(actor)
    seats = list(session.seats.select_related("registration").with_waiting_place().order_by())
    rows = []
    for seat in seats:
        registration = seat.registration
        if registration.anonymised_at is not None:
            continue
        state = seat_state(seat, session, seat.waiting_place)
        order = (_EXPORT_ORDER[state.kind], seat.waiting_place or 0, name_key(registration.name))
        rows.append(
            (
                order,
                [
                    registration.name,
                    registration.email,
                    registration.organisation,
                    registration.role,
                    state.label,
                    spreadsheet_date(seat.requested_at),
                ],
            )
        )
    rows.sort(key=lambda row: row[0])
    log_action(
        actor=actor,
        verb=OrganiserVerb.REGISTRATIONS_EXPORT,
        target=session,
        target_label=f"{session.series.title}: {session}",
        data={"rows": len(rows)},
    )
    header = [*PERSON_HEADER, _("status"), _("aangemeld op")]
    return spreadsheet([header, *(row for _order, row in rows)])


# --- Co-evaluation results -----------------------------------------------------------------

# The bar chart, in SVG user units (it scales with the page).
CHART_LABEL_WIDTH = 24
CHART_BAR_SPACE = 240
CHART_COUNT_WIDTH = 40
CHART_ROW_HEIGHT = 28
CHART_BAR_HEIGHT = 18


@dataclass(frozen=True)
class ScoreRow:
    score: int
    count: int
    percent: int
    # Where the chart draws it.
    y: int
    text_y: int
    bar_width: int
    count_x: int


@dataclass
class EvaluationReport:
    """The co-evaluation of one session, without names: who could answer, how many did,
    the scores and the open answers."""

    session: Session
    # Who could answer: the participants ticked present, or, when no one recorded the
    # attendance, everyone confirmed. None: the session has not taken place.
    participants: int | None
    scores: Counter = field(default_factory=Counter)
    keep: list[str] = field(default_factory=list)
    improve: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(self.scores.values())

    @property
    def score_total(self) -> int:
        return sum(score * n for score, n in self.scores.items())

    @property
    def average(self) -> float | None:
        return self.score_total / self.count if self.count else None

    @property
    def response_rate(self) -> int | None:
        """Percentage of the participants who answered."""
        if not self.participants:
            return None
        return round(100 * self.count / self.participants)

    @property
    def response_text(self) -> str:
        if self.session.is_cancelled:
            return _("Deze sessie is afgelast.")
        if self.participants is None:
            return _("Deze sessie is nog niet geweest.")
        if not self.participants:
            return _("Er staat niemand als aanwezig genoteerd.")
        # Two counts: the noun follows the participants, the verb the answers.
        participants = ngettext(
            "%(count)s deelnemer", "%(count)s deelnemers", self.participants
        ) % {"count": self.participants}
        return ngettext(
            "%(count)s van %(participants)s heeft gereageerd (%(rate)s%%).",
            "%(count)s van %(participants)s hebben gereageerd (%(rate)s%%).",
            self.count,
        ) % {"count": self.count, "participants": participants, "rate": self.response_rate}

    @property
    def took_place(self) -> bool:
        return self.participants is not None or self.count > 0

    @property
    def distribution(self) -> list[ScoreRow]:
        """Each score 1–5 with how often it was given, and where the chart draws it."""
        most = max(self.scores.values(), default=0)
        rows = []
        for index, score in enumerate(SCORES):
            n = self.scores.get(score, 0)
            width = round(CHART_BAR_SPACE * n / most) if most else 0
            y = index * CHART_ROW_HEIGHT + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2
            rows.append(
                ScoreRow(
                    score=score,
                    count=n,
                    percent=round(100 * n / self.count) if self.count else 0,
                    y=y,
                    text_y=y + CHART_BAR_HEIGHT - 4,
                    bar_width=width,
                    count_x=CHART_LABEL_WIDTH + width + 6,
                )
            )
        return rows

    # The chart's size, for the template.
    chart_width = CHART_LABEL_WIDTH + CHART_BAR_SPACE + CHART_COUNT_WIDTH
    chart_height = len(SCORES) * CHART_ROW_HEIGHT
    chart_bar_x = CHART_LABEL_WIDTH
    chart_bar_height = CHART_BAR_HEIGHT


def _participants(session: Session, confirmed: int, attended: int) -> int | None:
    if session.is_cancelled or not session.has_ended:
        return None
    return attended if session.attendance_recorded else confirmed


def evaluation_reports(sessions: Iterable[Session]) -> list[EvaluationReport]:
    """The report of each session, in the order given, in two queries whatever the
    number of sessions or answers: the seat counts and the answers."""
    sessions = list(sessions)
    if not sessions:
        return []
    pks = [session.pk for session in sessions]
    counts = {
        row["session"]: row
        for row in Seat.objects.filter(session__in=pks, status=Seat.Status.CONFIRMED)
        .order_by()
        .values("session")
        .annotate(confirmed=Count("pk"), attended=Count("pk", filter=Q(attended_at__isnull=False)))
    }
    reports = {}
    for session in sessions:
        row = counts.get(session.pk, {"confirmed": 0, "attended": 0})
        reports[session.pk] = EvaluationReport(
            session, _participants(session, row["confirmed"], row["attended"])
        )
    answers = (
        Evaluation.objects.filter(session__in=pks)
        .order_by("created_at", "pk")
        .values_list("session_id", "score", "keep", "improve")
    )
    for session_pk, score, keep, improve in answers:
        report = reports[session_pk]
        report.scores[score] += 1
        if keep:
            report.keep.append(keep)
        if improve:
            report.improve.append(improve)
    return [reports[pk] for pk in pks]


def evaluation_report(session: Session) -> EvaluationReport:
    (report,) = evaluation_reports([session])
    return report


@dataclass
class EvaluationTotals:
    """A whole series at once: every answer counts once for the average; the response
    rate counts only the sessions that took place."""

    series: SessionSeries
    count: int
    score_total: int
    answered: int
    participants: int

    @property
    def average(self) -> float | None:
        return self.score_total / self.count if self.count else None

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.answered / self.participants) if self.participants else None


def evaluation_totals(series: SessionSeries, reports: list[EvaluationReport]) -> EvaluationTotals:
    held = [report for report in reports if report.participants is not None]
    return EvaluationTotals(
        series=series,
        count=sum(report.count for report in reports),
        score_total=sum(report.score_total for report in reports),
        answered=sum(report.count for report in held),
        participants=sum(report.participants for report in held),
    )


@dataclass
class SeriesEvaluation:
    reports: list[EvaluationReport]
    totals: EvaluationTotals
    # The previous round (``series.previous``), if there is one.
    previous: EvaluationTotals | None


def series_evaluation(series: SessionSeries) -> SeriesEvaluation:
    """The co-evaluation of every session of ``series`` and its totals, and those of the
    round it was copied from (``series.previous``: only an explicit previous round is
    compared, never a series that merely happened earlier). Three queries for the series
    and three more for its previous round, however many sessions and answers."""
    sessions = list(series.sessions.order_by("order"))
    for session in sessions:
        session.series = series
    reports = evaluation_reports(sessions)
    previous = None
    if series.previous_id is not None:
        earlier = series.previous
        previous = evaluation_totals(earlier, evaluation_reports(earlier.sessions.all()))
    return SeriesEvaluation(reports, evaluation_totals(series, reports), previous)

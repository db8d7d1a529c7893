"""Meetings and co-evaluation moments of a trajectory: the team's writes (each checked
and recorded in the trajectory's activity), a participant's score through the link that
needs no account, and the figures of the scores for the pages and the chart."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _

from planner.models import Activity, Meeting, Score, Trajectory, new_token
from planner.permissions import EDIT, require
from planner.services import record

Verb = Activity.Verb
SCORES = range(1, 6)

# How far ahead a meeting may be planned.
MAX_DAYS_AHEAD = 365
COMMENT_MAX = 1000


def latest_date() -> datetime.date:
    """The last date a meeting may have: a year from today."""
    return timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD)


def too_far_ahead_message() -> str:
    return _(
        "Deze datum ligt meer dan een jaar in de toekomst. Kies een datum tot en met %(date)s."
    ) % {"date": formats.date_format(latest_date(), "DATE_FORMAT")}


def _check(*, kind: str, held_on: datetime.date, title: str) -> None:
    if kind not in Meeting.Kind.values:
        raise ValidationError(_("Kies bijeenkomst of co-evaluatie."))
    if not title.strip():
        raise ValidationError(_("Geef de bijeenkomst een onderwerp."))
    if held_on > latest_date():
        raise ValidationError(too_far_ahead_message())


def _touch(trajectory: Trajectory) -> None:
    """Most recently worked on first in "Mijn trajecten"."""
    Trajectory.objects.filter(pk=trajectory.pk).update(updated_at=timezone.now())


# --- The team's writes ---------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    trajectory: Trajectory,
    editor: AbstractBaseUser,
    kind: str,
    held_on: datetime.date,
    title: str,
    participants: str = "",
    decisions: str = "",
    what_works: str = "",
    what_not: str = "",
) -> Meeting:
    """A meeting, or a co-evaluation moment: that one gets its own secret score link,
    open for scores at once."""
    require(trajectory, editor, EDIT)
    _check(kind=kind, held_on=held_on, title=title)
    meeting = Meeting(
        trajectory=trajectory,
        kind=kind,
        held_on=held_on,
        title=title.strip(),
        participants=participants,
        decisions=decisions,
        what_works=what_works,
        what_not=what_not,
    )
    if meeting.is_evaluation:
        meeting.score_token = new_token()
        meeting.scores_open = True
    meeting.save()
    record(trajectory=trajectory, actor=editor, verb=Verb.MEETING, subject=meeting.title)
    _touch(trajectory)
    return meeting


MEETING_FIELDS = ("kind", "held_on", "title", "participants", "decisions", "what_works",
                  "what_not")  # fmt: skip


@transaction.atomic
def meeting_update(*, meeting: Meeting, editor: AbstractBaseUser, **fields) -> Meeting:
    """Change what was recorded. A meeting that becomes a co-evaluation gets its score
    link; a co-evaluation with scores stays one, so that no score is lost."""
    trajectory = meeting.trajectory
    require(trajectory, editor, EDIT)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() got unknown fields: {sorted(unknown)}")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    values = {name: fields.get(name, getattr(locked, name)) for name in MEETING_FIELDS}
    values["title"] = values["title"].strip()
    _check(kind=values["kind"], held_on=values["held_on"], title=values["title"])
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    if "kind" in changed:
        if values["kind"] == Meeting.Kind.EVALUATION:
            locked.score_token = locked.score_token or new_token()
            locked.scores_open = True
        else:
            if locked.scores.exists():
                raise ValidationError(
                    _(
                        "Deze co-evaluatie heeft al cijfers. Die gaan verloren als je er een "
                        "gewone bijeenkomst van maakt, dus dat kan niet. Sluit het cijfers "
                        "geven als je geen cijfers meer wilt."
                    )
                )
            locked.score_token, locked.scores_open = None, False
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    record(trajectory=trajectory, actor=editor, verb=Verb.MEETING, subject=locked.title)
    _touch(trajectory)
    return locked


@transaction.atomic
def meeting_delete(*, meeting: Meeting, editor: AbstractBaseUser) -> None:
    """Deletes the meeting and, for a co-evaluation, its scores; its link stops working."""
    trajectory = meeting.trajectory
    require(trajectory, editor, EDIT)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    title = locked.title
    locked.delete()
    record(trajectory=trajectory, actor=editor, verb=Verb.MEETING_DELETE, subject=title)
    _touch(trajectory)


@transaction.atomic
def scores_open(*, meeting: Meeting, editor: AbstractBaseUser, open: bool) -> Meeting:
    """Close the score link (it then says so) or open it again."""
    trajectory = meeting.trajectory
    require(trajectory, editor, EDIT)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not locked.is_evaluation:
        raise ValidationError(_("Alleen bij een co-evaluatie geven deelnemers een cijfer."))
    if locked.scores_open == open:
        return locked
    locked.scores_open = open
    locked.save(update_fields=["scores_open"])
    record(trajectory=trajectory, actor=editor, verb=Verb.SCORES, subject=locked.title)
    return locked


# --- A participant's score -----------------------------------------------------------------


def meeting_by_score_token(token: str) -> Meeting | None:
    """The co-evaluation of a score link, open or closed, with its trajectory."""
    if not token or len(token) > 64:
        return None
    return (
        Meeting.objects.select_related("trajectory")
        .filter(kind=Meeting.Kind.EVALUATION, score_token=token)
        .first()
    )


def closed_message() -> str:
    return _("Cijfers geven voor deze bijeenkomst kan niet meer: het team heeft het gesloten.")


@transaction.atomic
def score_give(*, meeting: Meeting, voter: str, score: int, comment: str = "") -> Score:
    """Anyone with the link gives a score; no account, no name. ``voter`` is the random
    key kept in the participant's browser: a second score from it replaces the first
    (the unique constraint on meeting and voter keeps it to one, also when two arrive at
    once). Not a team action, so not in the trajectory's activity."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not locked.is_evaluation or not locked.scores_open:
        raise ValidationError(closed_message())
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
        raise ValidationError(_("Kies een cijfer van 1 tot 5."))
    if not voter or len(voter) > 64:
        raise ValidationError(_("Deze link werkt niet in deze browser. Sta cookies toe."))
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            _("Maak je toelichting korter: er passen %(limit)s tekens in.") % {"limit": COMMENT_MAX}
        )
    given, _created = Score.objects.update_or_create(
        meeting=locked, voter=voter, defaults={"score": score, "comment": comment}
    )
    return given


def score_of(meeting: Meeting, voter: str | None) -> Score | None:
    """The score this browser gave, if it gave one."""
    if not voter:
        return None
    return Score.objects.filter(meeting=meeting, voter=voter).first()


# --- Figures -------------------------------------------------------------------------------


@dataclass
class ScoreFigures:
    """The scores of one co-evaluation moment, without who gave them."""

    meeting: Meeting
    counts: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def average(self) -> float | None:
        if not self.count:
            return None
        return sum(score * n for score, n in self.counts.items()) / self.count

    @property
    def average_text(self) -> str:
        """The average with one decimal, as the reader writes numbers ("3,5")."""
        average = self.average
        return "" if average is None else formats.number_format(average, 1)

    @property
    def distribution(self) -> list[tuple[int, int]]:
        """Each score 1–5 with how often it was given."""
        return [(score, self.counts.get(score, 0)) for score in SCORES]


def score_figures(meetings) -> dict[int, ScoreFigures]:
    """The figures of each co-evaluation among ``meetings`` by its pk, in one query
    whatever the number of meetings or scores."""
    figures = {meeting.pk: ScoreFigures(meeting) for meeting in meetings if meeting.is_evaluation}
    if figures:
        rows = (
            Score.objects.filter(meeting__in=list(figures))
            .order_by()
            .values("meeting", "score")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            figures[row["meeting"]].counts[row["score"]] = row["n"]
    return figures


def comments_of(meeting: Meeting) -> list[str]:
    """The comments given with the scores, without who or which score: anonymous."""
    return list(
        Score.objects.filter(meeting=meeting)
        .exclude(comment="")
        .order_by("pk")
        .values_list("comment", flat=True)
    )


# --- The chart of the scores over time -----------------------------------------------------

# In SVG user units; the drawing scales with the page (down to 320 px wide).
CHART_WIDTH = 400
CHART_HEIGHT = 220
CHART_AXIS = 28  # the scale's numbers, left
CHART_TOP = 20  # room for the value above the highest bar
CHART_BOTTOM = 32  # room for the dates
CHART_RIGHT = 8
CHART_PLOT_WIDTH = CHART_WIDTH - CHART_AXIS - CHART_RIGHT
CHART_PLOT_HEIGHT = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
CHART_BAR_MAX = 56
# Below this slot width the values or the dates under the bars would overlap; the
# description and the table still give them.
CHART_VALUES_FROM = 28
CHART_DATES_FROM = 60


@dataclass(frozen=True)
class ChartBar:
    figures: ScoreFigures
    x: int
    y: int
    width: int
    height: int
    center: int
    value_y: int
    date_label: str


@dataclass(frozen=True)
class GridLine:
    value: int
    y: int
    text_y: int


@dataclass
class ScoreChart:
    """The average of each co-evaluation moment, oldest first, as a bar chart."""

    bars: list[ChartBar]
    show_values: bool
    show_dates: bool
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    plot_left: int = CHART_AXIS
    axis_text_x: int = CHART_AXIS - 6
    plot_right: int = CHART_WIDTH - CHART_RIGHT
    baseline: int = CHART_TOP + CHART_PLOT_HEIGHT
    date_y: int = CHART_HEIGHT - 10
    scores: tuple[int, ...] = tuple(SCORES)

    @property
    def grid(self) -> list[GridLine]:
        return [
            GridLine(value=value, y=_chart_y(value), text_y=_chart_y(value) + 4) for value in SCORES
        ]

    @property
    def rows(self) -> list[ScoreFigures]:
        return [bar.figures for bar in self.bars]


def _chart_y(value: float) -> int:
    return round(CHART_TOP + CHART_PLOT_HEIGHT * (1 - value / 5))


def score_chart(figures: list[ScoreFigures]) -> ScoreChart:
    """The chart of ``figures`` (co-evaluation moments, in the order to draw)."""
    if not figures:
        return ScoreChart(bars=[], show_values=False, show_dates=False)
    slot = CHART_PLOT_WIDTH / len(figures)
    width = max(2, min(CHART_BAR_MAX, round(slot * 0.6)))
    bars = []
    for index, item in enumerate(figures):
        center = round(CHART_AXIS + slot * index + slot / 2)
        average = item.average or 0
        top = _chart_y(average)
        bars.append(
            ChartBar(
                figures=item,
                x=center - width // 2,
                y=top,
                width=width,
                height=CHART_TOP + CHART_PLOT_HEIGHT - top,
                center=center,
                value_y=top - 6,
                date_label=dateformat.format(item.meeting.held_on, "j-n-y"),
            )
        )
    return ScoreChart(
        bars=bars, show_values=slot >= CHART_VALUES_FROM, show_dates=slot >= CHART_DATES_FROM
    )


@dataclass
class MeetingOverview:
    meetings: list[Meeting]  # newest first; each co-evaluation with ``.figures``
    chart: ScoreChart  # the co-evaluation moments, oldest first


def meeting_overview(trajectory: Trajectory) -> MeetingOverview:
    """Everything the list page shows, in two queries whatever the number of meetings
    and scores: the meetings, and the scores counted per meeting and score."""
    meetings = list(Meeting.objects.filter(trajectory=trajectory).order_by("-held_on", "-pk"))
    figures = score_figures(meetings)
    for meeting in meetings:
        meeting.trajectory = trajectory
        meeting.figures = figures.get(meeting.pk)
    evaluations = [meeting.figures for meeting in reversed(meetings) if meeting.figures]
    return MeetingOverview(meetings=meetings, chart=score_chart(evaluations))

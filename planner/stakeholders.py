"""The stakeholder map of a trajectory: who is involved, how much the trajectory touches
them (interest) and how much they can steer it (influence), and how the team involves
them per phase.

The writes (``stakeholder_create``, ``stakeholder_update``, ``stakeholder_delete``) check
the role, write, record themselves in the trajectory's activity and touch the trajectory.
``stakeholder_map`` reads the map in a fixed number of queries and works out where the
server-drawn chart puts each stakeholder; ``stakeholders_csv`` is the same as a
spreadsheet."""

import math
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from cocreatie.core.spreadsheet import spreadsheet
from planner.models import Activity, Involvement, Stakeholder, Trajectory
from planner.permissions import EDIT, require
from planner.services import record
from roadmap.models import Phase

User = get_user_model()

NAME_MAX = 200
INVOLVEMENT_MAX = 300
SCALE_MIN, SCALE_MAX = 1, 5
# From this score on, interest or influence counts as high.
HIGH = 3


# --- The four quadrants --------------------------------------------------------------------


@dataclass(frozen=True)
class Quadrant:
    key: str
    label: Promise
    advice: Promise
    fill: str  # the colour of its area on the chart


MANAGE = Quadrant(
    "manage",
    gettext_lazy("Nauw betrekken"),
    gettext_lazy("Veel belang en veel invloed: werk nauw met hen samen en beslis samen."),
    "#d5e8eb",
)
SATISFY = Quadrant(
    "satisfy",
    gettext_lazy("Tevreden houden"),
    gettext_lazy(
        "Veel invloed, minder belang: houd hen tevreden en vraag hun mening bij grote stappen."
    ),
    "#fff4d6",
)
INFORM = Quadrant(
    "inform",
    gettext_lazy("Informeren"),
    gettext_lazy("Veel belang, minder invloed: vertel hen wat er gebeurt en geef ze een stem."),
    "#e6f4ea",
)
MONITOR = Quadrant(
    "monitor",
    pgettext_lazy("stakeholder map", "Volgen"),
    gettext_lazy("Weinig belang en weinig invloed: houd in de gaten of dat zo blijft."),
    "#f2f6f6",
)
QUADRANTS = (MANAGE, SATISFY, INFORM, MONITOR)


def quadrant_of(interest: int, influence: int) -> Quadrant:
    """Where a stakeholder belongs: a score of ``HIGH`` or more counts as high."""
    if influence >= HIGH:
        return MANAGE if interest >= HIGH else SATISFY
    return INFORM if interest >= HIGH else MONITOR


# --- Writes --------------------------------------------------------------------------------


def _score(value, message: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = 0
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise ValidationError(message)
    return score


def _clean(*, name: str, kind: str, interest, influence, involvements: dict) -> dict:
    """The fields as they are stored, or a ``ValidationError`` in plain Dutch."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Vul de naam van de persoon of groep in."))
    if len(name) > NAME_MAX:
        raise ValidationError(
            _("Maak de naam korter: er passen %(limit)s tekens in.") % {"limit": NAME_MAX}
        )
    if kind not in Stakeholder.Kind.values:
        raise ValidationError(_("Kies wat voor belanghebbende het is."))
    interest = _score(interest, _("Kies hoeveel belang ze hebben: een getal van 1 tot en met 5."))
    influence = _score(
        influence, _("Kies hoeveel invloed ze hebben: een getal van 1 tot en met 5.")
    )
    texts = {int(phase_id): (text or "").strip() for phase_id, text in involvements.items()}
    for text in texts.values():
        if len(text) > INVOLVEMENT_MAX:
            raise ValidationError(
                _("Maak de betrokkenheid per fase korter: er passen %(limit)s tekens in.")
                % {"limit": INVOLVEMENT_MAX}
            )
    published = Phase.objects.published().filter(pk__in=list(texts))
    known = set(published.values_list("pk", flat=True))
    if set(texts) - known:
        raise ValidationError(
            _("Je kunt alleen betrokkenheid invullen voor de fasen van de roadmap.")
        )
    return {
        "name": name,
        "kind": kind,
        "interest": interest,
        "influence": influence,
        "involvements": texts,
    }


def _save_involvements(stakeholder: Stakeholder, texts: dict[int, str]) -> bool:
    """Stores the text per phase: an empty text removes that phase's involvement. Phases
    not in ``texts`` keep theirs. Whether anything changed."""
    existing = {
        involvement.phase_id: involvement
        for involvement in Involvement.objects.filter(stakeholder=stakeholder, phase__in=texts)
    }
    changed = False
    for phase_id, text in texts.items():
        involvement = existing.get(phase_id)
        if text and involvement is None:
            Involvement.objects.create(stakeholder=stakeholder, phase_id=phase_id,
                                       description=text)  # fmt: skip
            changed = True
        elif text and involvement.description != text:
            involvement.description = text
            involvement.save(update_fields=["description"])
            changed = True
        elif not text and involvement is not None:
            involvement.delete()
            changed = True
    return changed


def _touch(trajectory: Trajectory) -> None:
    """Most recently worked on first in "Mijn trajecten"."""
    Trajectory.objects.filter(pk=trajectory.pk).update(updated_at=timezone.now())


@transaction.atomic
def stakeholder_create(
    *,
    trajectory: Trajectory,
    editor: User,
    name: str,
    kind: str,
    interest: int,
    influence: int,
    involvements: dict[int, str],
) -> Stakeholder:
    """A stakeholder on the map, with how the team involves them per phase
    (``involvements``: phase id → text; an empty text is left out)."""
    require(trajectory, editor, EDIT)
    fields = _clean(name=name, kind=kind, interest=interest, influence=influence,
                    involvements=involvements)  # fmt: skip
    texts = fields.pop("involvements")
    stakeholder = Stakeholder.objects.create(trajectory=trajectory, **fields)
    _save_involvements(stakeholder, texts)
    record(trajectory=trajectory, actor=editor, verb=Activity.Verb.STAKEHOLDER,
           subject=stakeholder.name)  # fmt: skip
    _touch(trajectory)
    return stakeholder


@transaction.atomic
def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    editor: User,
    name: str,
    kind: str,
    interest: int,
    influence: int,
    involvements: dict[int, str],
) -> Stakeholder:
    """Changes a stakeholder and their involvement per phase (an empty text removes it);
    records itself only when something changed."""
    trajectory = stakeholder.trajectory
    require(trajectory, editor, EDIT)
    fields = _clean(name=name, kind=kind, interest=interest, influence=influence,
                    involvements=involvements)  # fmt: skip
    texts = fields.pop("involvements")
    stakeholder = Stakeholder.objects.select_for_update().get(
        pk=stakeholder.pk, trajectory=trajectory
    )
    changed = [key for key, value in fields.items() if getattr(stakeholder, key) != value]
    for key, value in fields.items():
        setattr(stakeholder, key, value)
    if changed:
        stakeholder.save(update_fields=changed)
    if _save_involvements(stakeholder, texts) or changed:
        record(trajectory=trajectory, actor=editor, verb=Activity.Verb.STAKEHOLDER,
               subject=stakeholder.name)  # fmt: skip
        _touch(trajectory)
    return stakeholder


@transaction.atomic
def stakeholder_delete(*, stakeholder: Stakeholder, editor: User) -> None:
    """Removes a stakeholder from the map, with their involvement in every phase."""
    trajectory = stakeholder.trajectory
    require(trajectory, editor, EDIT)
    name = stakeholder.name
    Stakeholder.objects.filter(pk=stakeholder.pk, trajectory=trajectory).delete()
    record(trajectory=trajectory, actor=editor, verb=Activity.Verb.STAKEHOLDER_DELETE,
           subject=name)  # fmt: skip
    _touch(trajectory)


# --- The map -------------------------------------------------------------------------------

# The chart, in SVG user units (it scales with the page: viewBox, width 100%). Interest
# runs left to right, influence bottom to top, one cell per score; above and below the
# cells a band holds the quadrants' names, so that no point covers them.
LEFT, TOP, RIGHT, BOTTOM = 46, 4, 4, 48
CELL_W, CELL_H = 84, 64
BAND = 26
PLOT_W = 5 * CELL_W
PLOT_H = BAND + 5 * CELL_H + BAND
WIDTH = LEFT + PLOT_W + RIGHT
HEIGHT = TOP + PLOT_H + BOTTOM
# The points in one cell: at most this far apart, at most this big.
POINT_SPACING, POINT_RADIUS = 30, 13
CELL_INNER_W, CELL_INNER_H = CELL_W - 6, CELL_H - 6
POINT_FILL, POINT_TEXT, POINT_STROKE = "#0a5866", "#ffffff", "#ffffff"
TEXT_COLOUR, LINE_COLOUR, GRID_COLOUR = "#1d2730", "#47535e", "#c9d3d6"


def _n(value: float) -> str:
    """A coordinate as SVG takes it, whatever the page's language: ``12.5``, ``12``."""
    return f"{round(value, 1):g}"


def _cell_centre(interest: int, influence: int) -> tuple[float, float]:
    x = LEFT + (interest - 0.5) * CELL_W
    y = TOP + BAND + (SCALE_MAX - influence + 0.5) * CELL_H
    return x, y


@dataclass
class Point:
    number: int
    title: str
    cx: str
    cy: str
    r: str
    font_size: str


@dataclass
class Area:
    label: Promise
    x: str
    y: str
    width: str
    height: str
    fill: str
    label_x: str
    label_y: str


@dataclass
class Tick:
    label: int
    x: str
    y: str


@dataclass
class Line:
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass
class PhaseInvolvement:
    phase: Phase
    description: str


@dataclass
class Row:
    """One stakeholder as the table and the chart show them."""

    number: int
    stakeholder: Stakeholder
    quadrant: Quadrant
    # Every published phase, with "" where the team wrote nothing.
    involvements: list[PhaseInvolvement]

    @property
    def described(self) -> list[PhaseInvolvement]:
        return [item for item in self.involvements if item.description]


@dataclass
class StakeholderMap:
    phases: list[Phase]
    rows: list[Row]
    points: list[Point] = field(default_factory=list)

    # The chart's frame, for the template.
    width = WIDTH
    height = HEIGHT

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def areas(self) -> list[Area]:
        split_x = LEFT + (HIGH - 1) * CELL_W
        split_y = TOP + BAND + (SCALE_MAX - HIGH + 1) * CELL_H
        right, bottom = LEFT + PLOT_W, TOP + PLOT_H
        boxes = {
            SATISFY: (LEFT, TOP, split_x, split_y),
            MANAGE: (split_x, TOP, right, split_y),
            MONITOR: (LEFT, split_y, split_x, bottom),
            INFORM: (split_x, split_y, right, bottom),
        }
        areas = []
        for quadrant in QUADRANTS:
            x1, y1, x2, y2 = boxes[quadrant]
            label_y = y1 + 18 if y1 == TOP else y2 - 8
            areas.append(
                Area(
                    label=quadrant.label,
                    x=_n(x1),
                    y=_n(y1),
                    width=_n(x2 - x1),
                    height=_n(y2 - y1),
                    fill=quadrant.fill,
                    label_x=_n(x1 + 8),
                    label_y=_n(label_y),
                )  # fmt: skip
            )
        return areas

    @property
    def dividers(self) -> list[Line]:
        split_x = LEFT + (HIGH - 1) * CELL_W
        split_y = TOP + BAND + (SCALE_MAX - HIGH + 1) * CELL_H
        return [
            Line(_n(split_x), _n(TOP), _n(split_x), _n(TOP + PLOT_H)),
            Line(_n(LEFT), _n(split_y), _n(LEFT + PLOT_W), _n(split_y)),
        ]

    @property
    def grid(self) -> list[Line]:
        """Thin lines between the cells of the scores."""
        top, bottom = TOP + BAND, TOP + BAND + 5 * CELL_H
        lines = [
            Line(_n(LEFT + step * CELL_W), _n(top), _n(LEFT + step * CELL_W), _n(bottom))
            for step in range(1, 5)
            if step != HIGH - 1
        ]
        lines += [
            Line(_n(LEFT), _n(top + step * CELL_H), _n(LEFT + PLOT_W), _n(top + step * CELL_H))
            for step in range(0, 6)
            if step != SCALE_MAX - HIGH + 1
        ]
        return lines

    @property
    def frame(self) -> dict:
        return {"x": _n(LEFT), "y": _n(TOP), "width": _n(PLOT_W), "height": _n(PLOT_H)}

    @property
    def x_ticks(self) -> list[Tick]:
        y = TOP + PLOT_H + 18
        return [Tick(n, _n(_cell_centre(n, 1)[0]), _n(y)) for n in range(1, 6)]

    @property
    def y_ticks(self) -> list[Tick]:
        return [Tick(n, _n(LEFT - 10), _n(_cell_centre(1, n)[1] + 5)) for n in range(1, 6)]

    @property
    def x_title(self) -> dict:
        return {"x": _n(LEFT + PLOT_W / 2), "y": _n(TOP + PLOT_H + 42)}

    @property
    def y_title(self) -> dict:
        x, y = 16, TOP + PLOT_H / 2
        return {"x": _n(x), "y": _n(y), "transform": f"rotate(-90 {_n(x)} {_n(y)})"}

    @property
    def summary(self) -> str:
        """The chart in words (its ``<desc>``): who is in each quadrant."""
        parts = [
            ngettext(
                "%(count)s belanghebbende op de kaart.",
                "%(count)s belanghebbenden op de kaart.",
                self.count,
            )
            % {"count": self.count}
        ]
        for quadrant in QUADRANTS:
            names = [
                f"{row.number}. {row.stakeholder.name}"
                for row in self.rows
                if row.quadrant is quadrant
            ]
            parts.append(
                _("%(quadrant)s: %(names)s.")
                % {"quadrant": quadrant.label, "names": ", ".join(names) or _("niemand")}
            )
        return " ".join(parts)


def _place(rows: list[Row]) -> list[Point]:
    """A point per stakeholder in the cell of their scores; several in one cell are
    laid out side by side and smaller, so that each stays visible."""
    cells: dict[tuple[int, int], list[Row]] = {}
    for row in rows:
        key = (row.stakeholder.interest, row.stakeholder.influence)
        cells.setdefault(key, []).append(row)
    points = []
    for (interest, influence), together in cells.items():
        count = len(together)
        columns = math.ceil(math.sqrt(count))
        lines = math.ceil(count / columns)
        spacing = min(POINT_SPACING, CELL_INNER_W / columns, CELL_INNER_H / lines)
        radius = min(POINT_RADIUS, spacing * 0.46)
        centre_x, centre_y = _cell_centre(interest, influence)
        for index, row in enumerate(together):
            line, column = divmod(index, columns)
            in_line = min(columns, count - line * columns)
            x = centre_x + (column - (in_line - 1) / 2) * spacing
            y = centre_y + (line - (lines - 1) / 2) * spacing
            size = radius * (1.15 if row.number < 10 else 0.95)
            points.append(
                Point(
                    number=row.number,
                    title=_("%(number)s. %(name)s: belang %(interest)s, invloed %(influence)s")
                    % {
                        "number": row.number,
                        "name": row.stakeholder.name,
                        "interest": interest,
                        "influence": influence,
                    },
                    cx=_n(x),
                    cy=_n(y),
                    r=_n(radius),
                    font_size=_n(size),
                )
            )
    return sorted(points, key=lambda point: point.number)


def published_phases() -> list[Phase]:
    return list(Phase.objects.published().order_by("order"))


def stakeholder_map(trajectory: Trajectory, phases: list[Phase] | None = None) -> StakeholderMap:
    """Every stakeholder, numbered in the order of the model (most influence first),
    with their involvement per published phase: three queries, however many there are."""
    phases = published_phases() if phases is None else phases
    stakeholders = Stakeholder.objects.filter(trajectory=trajectory).prefetch_related(
        Prefetch(
            "involvements",
            queryset=Involvement.objects.filter(phase__in=[phase.pk for phase in phases]),
        )
    )
    rows = []
    for number, stakeholder in enumerate(stakeholders, start=1):
        texts = {item.phase_id: item.description for item in stakeholder.involvements.all()}
        rows.append(
            Row(
                number=number,
                stakeholder=stakeholder,
                quadrant=quadrant_of(stakeholder.interest, stakeholder.influence),
                involvements=[
                    PhaseInvolvement(phase=phase, description=texts.get(phase.pk, ""))
                    for phase in phases
                ],
            )
        )
    return StakeholderMap(phases=phases, rows=rows, points=_place(rows))


def stakeholders_csv(trajectory: Trajectory) -> str:
    """The map as a spreadsheet Dutch Excel opens as it is: one row per stakeholder,
    one column per phase."""
    shown = stakeholder_map(trajectory)
    header = [_("naam"), _("soort"), _("belang"), _("invloed"), _("kwadrant")]
    header += [phase.title for phase in shown.phases]
    rows = [header]
    for row in shown.rows:
        stakeholder = row.stakeholder
        rows.append(
            [
                stakeholder.name,
                stakeholder.get_kind_display(),
                stakeholder.interest,
                stakeholder.influence,
                row.quadrant.label,
                *(item.description for item in row.involvements),
            ]
        )
    return spreadsheet(rows)


def csv_filename(trajectory: Trajectory) -> str:
    return f"belanghebbenden-{trajectory.pk}.csv"

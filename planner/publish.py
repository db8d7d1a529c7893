"""A case draft made from a trajectory (``case_draft``), which the owner edits and submits
as any case (``planner.services.trajectory_publish_as_case``).

A case is public once published, a trajectory is not: the draft tells what the team did
without naming anyone. It never holds the stakeholders' names, the meeting participants
or the team, and every text the team wrote (their notes, the meetings' texts, even the
title) has each stakeholder's name and each team member's name taken out, as a whole
word and whatever the case of its letters (``NameFilter``). The draft is in the site's
language, as the knowledge base is."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreatie.core.i18n import for_others
from planner import checklist
from planner.models import Involvement, Meeting, Membership, Stakeholder, Status, Trajectory
from roadmap.models import Challenge, Phase

SUMMARY_LENGTH = 600
TITLE_LENGTH = 200


def name_left_out() -> str:
    return _("[naam weggelaten]")


class NameFilter:
    """Takes names out of a text: each as a whole word (not inside another word),
    whatever the case of its letters, with any run of spaces between its words."""

    def __init__(self, names):
        cleaned = {" ".join(str(name).split()) for name in names if name}
        # Longest first: "Wijkraad Noord" goes as a whole before "Wijkraad" could.
        ordered = sorted((name for name in cleaned if len(name) >= 2), key=len, reverse=True)
        self.removed = 0
        self.pattern = None
        if ordered:
            alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)
            self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text or ""
        replacement = name_left_out()
        filtered, count = self.pattern.subn(replacement, text)
        self.removed += count
        return filtered


@dataclass
class CaseDraft:
    """What the case draft will contain; ``names_removed`` says how often a name was taken
    out of the team's texts."""

    title: str
    summary: str
    body: str
    what_worked: str
    phases: list = field(default_factory=list)
    challenges: list = field(default_factory=list)
    names_removed: int = 0


def shortened(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut after a whole word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut}…"


def team_names(trajectory: Trajectory) -> list[str]:
    """The names of the team: display names, and the names and addresses of the accounts."""
    names = []
    for membership in Membership.objects.filter(trajectory=trajectory).select_related(
        "user__profile"
    ):
        user = membership.user
        profile = getattr(user, "profile", None)
        if profile is not None:
            names.append(profile.display_name)
        names += [user.get_full_name(), user.email]
    return names


def kinds_with_counts(stakeholders) -> str:
    """'Inwoners (2), Maatschappelijke organisatie (1)': the kinds in their fixed order."""
    counts = Counter(stakeholder.kind for stakeholder in stakeholders)
    return ", ".join(
        f"{kind.label} ({counts[kind.value]})" for kind in Stakeholder.Kind if counts[kind.value]
    )


def draft_phases(trajectory: Trajectory, progress, items) -> list[Phase]:
    """The phases the team walked through: up to the current one, and any later one with
    a question they answered or finished."""
    current_order = trajectory.phase.order
    walked = []
    for row in progress:
        answered = any(
            item.answer is not None and (item.status != Status.OPEN or item.notes.strip())
            for item in items.get(row.phase.pk, [])
        )
        if row.phase.order <= current_order or answered:
            walked.append(row.phase)
    return walked


def _average_text(average) -> str:
    return formats.number_format(round(average, 1), 1)


def _phase_part(row, items, clean) -> list[str]:
    lines = [f"#### {row.phase.title}", ""]
    lines += [
        ngettext(
            "%(finished)s van %(total)s vraag klaar.",
            "%(finished)s van %(total)s vragen klaar.",
            row.total,
        )
        % {"finished": row.finished, "total": row.total},
        "",
    ]
    noted = [item for item in items if item.notes.strip()]
    for item in noted:
        lines += [f"**{item.question.question}**", "", clean(item.notes.strip()), ""]
    if not noted:
        lines += [_("Hierover schreven we nog niets op."), ""]
    return lines


def _stakeholder_part(stakeholders, phases) -> list[str]:
    if not stakeholders:
        return []
    lines = [
        "### " + _("Wie er meededen"),
        "",
        _("Belanghebbenden: %(kinds)s.") % {"kinds": kinds_with_counts(stakeholders)},
        "",
    ]
    per_phase = []
    for phase in phases:
        involved = [
            stakeholder
            for stakeholder in stakeholders
            if any(
                involvement.phase_id == phase.pk for involvement in stakeholder.involvements.all()
            )
        ]
        if involved:
            per_phase.append(f"- {phase.title}: {kinds_with_counts(involved)}")
    if per_phase:
        lines += [_("Betrokken per fase:"), "", *per_phase, ""]
    return lines


def _meeting_part(meetings) -> list[str]:
    if not meetings:
        return []
    evaluations = sum(1 for meeting in meetings if meeting.is_evaluation)
    gatherings = len(meetings) - evaluations
    parts = []
    if gatherings:
        parts.append(
            ngettext("%(count)s bijeenkomst", "%(count)s bijeenkomsten", gatherings)
            % {"count": gatherings}
        )
    if evaluations:
        parts.append(
            ngettext("%(count)s co-evaluatie", "%(count)s co-evaluaties", evaluations)
            % {"count": evaluations}
        )
    if len(parts) == 2:
        held = _("We hielden %(meetings)s en %(evaluations)s.") % {
            "meetings": parts[0],
            "evaluations": parts[1],
        }
    else:
        held = _("We hielden %(what)s.") % {"what": parts[0]}
    return ["### " + _("Bijeenkomsten"), "", held, ""]


def what_worked_text(meetings, clean) -> str:
    """From the co-evaluation moments, oldest first: the average score and what works."""
    lines = []
    for meeting in sorted(meetings, key=lambda meeting: (meeting.held_on, meeting.pk)):
        if not meeting.is_evaluation:
            continue
        if not meeting.what_works.strip() and not meeting.score_count:
            continue
        heading = f"**{clean(meeting.title)}** ({formats.date_format(meeting.held_on, 'j F Y')})"
        if meeting.score_count:
            heading += ": " + ngettext(
                "gemiddeld %(average)s van 5, uit %(count)s cijfer.",
                "gemiddeld %(average)s van 5, uit %(count)s cijfers.",
                meeting.score_count,
            ) % {"average": _average_text(meeting.average), "count": meeting.score_count}
        lines += [heading, ""]
        if meeting.what_works.strip():
            lines += [clean(meeting.what_works.strip()), ""]
    return "\n".join(lines).strip()


def case_draft(trajectory: Trajectory) -> CaseDraft:
    """The case draft of ``trajectory``: title, summary (at most 600 characters), the body
    in Markdown (the service and organisation, the goal, per phase what the team did, the
    kinds of stakeholders with their numbers, the meetings), what worked (from the
    co-evaluations), the phases walked through and the challenges met. No names."""
    with for_others():
        return _case_draft(trajectory)


def _case_draft(trajectory: Trajectory) -> CaseDraft:
    stakeholders = list(
        Stakeholder.objects.filter(trajectory=trajectory).prefetch_related(
            Prefetch("involvements", queryset=Involvement.objects.only("stakeholder", "phase"))
        )
    )
    clean = NameFilter([stakeholder.name for stakeholder in stakeholders] + team_names(trajectory))
    progress = checklist.phase_progress(trajectory)
    items = checklist.all_items(trajectory)
    phases = draft_phases(trajectory, progress, items)
    meetings = list(
        Meeting.objects.filter(trajectory=trajectory).annotate(
            average=Avg("scores__score"), score_count=Count("scores")
        )
    )
    challenges = list(
        Challenge.objects.published().filter(
            pk__in=trajectory.challenges_met.values("challenge_id")
        )
    )

    organisation = clean(trajectory.organisation)
    service = clean(trajectory.service).rstrip(" .")
    goal = clean(trajectory.goal.strip())
    body = [
        "### " + _("De dienst en de organisatie"),
        "",
        _("%(organisation)s werkte samen met anderen aan deze publieke dienst: %(service)s.")
        % {"organisation": organisation, "service": service},
        "",
        "### " + _("Het doel"),
        "",
        goal,
        "",
        "### " + _("Wat we deden, fase voor fase"),
        "",
    ]
    walked = {phase.pk for phase in phases}
    for row in progress:
        if row.phase.pk in walked:
            body += _phase_part(row, items.get(row.phase.pk, []), clean)
    body += _stakeholder_part(stakeholders, phases)
    body += _meeting_part(meetings)
    summary = _(
        "%(organisation)s werkte samen met anderen aan deze publieke dienst: %(service)s. %(goal)s"
    ) % {
        "organisation": organisation,
        "service": service,
        "goal": goal,
    }
    draft = CaseDraft(
        title=shortened(clean(trajectory.title), TITLE_LENGTH),
        summary=shortened(summary, SUMMARY_LENGTH),
        body="\n".join(body).strip() + "\n",
        what_worked=what_worked_text(meetings, clean),
        phases=phases,
        challenges=challenges,
    )
    draft.names_removed = clean.removed
    return draft

"""The roadmap as the team's checklist: per phase its guiding questions (read from the
knowledge base each time, so a moderator's edit shows at once) with the team's answers,
and the progress per phase. A fixed number of queries, however many questions."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from planner.models import FINISHED, Answer, Status, Trajectory
from roadmap.models import Example, GuidingQuestion, Phase, Tool


@dataclass
class PhaseProgress:
    phase: Phase
    total: int
    finished: int
    busy: int
    is_current: bool

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.finished == self.total


def phase_progress(trajectory: Trajectory) -> list[PhaseProgress]:
    """Every published phase with its number of questions and how many the team has
    finished (klaar or n.v.t.) or is busy with: two queries."""
    phases = Phase.objects.published().annotate(total=Count("questions")).order_by("order")
    counts = (
        Answer.objects.filter(trajectory=trajectory)
        .values("question__phase")
        .annotate(
            finished=Count("pk", filter=Q(status__in=FINISHED)),
            busy=Count("pk", filter=Q(status=Status.BUSY)),
        )
        .order_by()
    )
    by_phase = {row["question__phase"]: row for row in counts}
    return [
        PhaseProgress(
            phase=phase,
            total=phase.total,
            finished=by_phase.get(phase.pk, {}).get("finished", 0),
            busy=by_phase.get(phase.pk, {}).get("busy", 0),
            is_current=phase.pk == trajectory.phase_id,
        )
        for phase in phases
    ]


@dataclass
class Item:
    """One guiding question with the team's answer (or an open one)."""

    question: GuidingQuestion
    answer: Answer | None

    @property
    def status(self) -> str:
        return self.answer.status if self.answer else Status.OPEN

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def notes(self) -> str:
        return self.answer.notes if self.answer else ""


@dataclass
class Checklist:
    phase: Phase
    items: list[Item]
    tools: list = field(default_factory=list)
    examples: list = field(default_factory=list)

    @property
    def finished(self) -> int:
        return sum(1 for item in self.items if item.status in FINISHED)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 0


def checklist(trajectory: Trajectory, phase: Phase, *, with_links: bool = True) -> Checklist:
    """The questions of ``phase`` with the team's answers; with the phase's tools and
    examples (the tips are each question's own answer in the knowledge base)."""
    questions = list(phase.questions.all())
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(
            trajectory=trajectory, question__phase=phase
        ).select_related("updated_by__profile")
    }
    result = Checklist(
        phase=phase, items=[Item(question, answers.get(question.pk)) for question in questions]
    )
    if with_links:
        result.tools = list(Tool.objects.published().filter(phases=phase).only("slug", "title"))
        result.examples = list(
            Example.objects.published().filter(phases=phase).only("slug", "title", "country")
        )
    return result


def all_items(trajectory: Trajectory) -> dict[int, list[Item]]:
    """Every question of every published phase with its answer, by phase id (for the
    report and the export): two queries."""
    questions = GuidingQuestion.objects.filter(phase__is_published=True).select_related("phase")
    answers = {answer.question_id: answer for answer in trajectory.answers.all()}
    items: dict[int, list[Item]] = {}
    for question in questions:
        items.setdefault(question.phase_id, []).append(Item(question, answers.get(question.pk)))
    return items

"""What waits for a moderator, queue by queue, as the dashboard (``/moderatie/``) shows it.

Each queue lists its oldest items first, at most ``QUEUE_LIMIT`` of them, and knows its
true total: the total comes with the items, as a window count in the same query, so the
dashboard answers in the same number of queries however long the queues are. Each item
gets ``waiting_since`` (since when it waits) and ``age`` (that, in Dutch words).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from cocreatie.core.models import ActionLog
from community.appeals import open_appeals
from community.models import Case, Comment, ModerationVerb, Question, Report

QUEUE_LIMIT = 25
HIDE_VERBS = (ModerationVerb.HIDE, ModerationVerb.AUTO_HIDE)


def age(since: datetime, now: datetime) -> str:
    """How long ago ``since`` was, in words: "3 dagen geleden", "2 uur geleden"."""
    if now - since < timedelta(minutes=1):
        return _("zojuist")
    return _("%(time)s geleden") % {"time": timesince(since, now, depth=1)}


@dataclass
class Queue:
    """The first items of one queue, oldest first, and how many there are in all."""

    items: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        """How many the dashboard does not show."""
        return self.total - len(self.items)


def _queue(queryset, since, *, now: datetime, limit: int = QUEUE_LIMIT) -> Queue:
    """``queryset`` oldest first by ``since`` (the name of a field or annotation, or an
    expression), with its total."""
    since = F(since) if isinstance(since, str) else since
    items = list(
        queryset.annotate(waiting_since=since, queue_total=Window(Count("pk"))).order_by(
            "waiting_since", "pk"
        )[:limit]
    )
    for item in items:
        item.age = age(item.waiting_since, now)
    return Queue(items, items[0].queue_total if items else 0)


def _merge(*queues: Queue, limit: int = QUEUE_LIMIT) -> Queue:
    """One queue of cases and comments together, oldest first; each item knows whether
    it is a comment (``is_comment``)."""
    items = sorted((item for queue in queues for item in queue.items), key=_oldest)
    for item in items:
        item.is_comment = isinstance(item, Comment)
    return Queue(items[:limit], sum(queue.total for queue in queues))


def _oldest(item):
    return item.waiting_since, item.pk


def submitted_cases(now: datetime) -> Queue:
    cases = Case.objects.filter(status=Case.Status.SUBMITTED, deleted_at__isnull=True)
    # Cases submitted before the time was kept wait since they were made.
    since = Coalesce("submitted_at", "created_at")
    return _queue(cases.select_related("author__profile__organisation"), since, now=now)


@dataclass
class ReportedItem:
    """A case, comment or question with open reports: the reports oldest first, and the
    reasons with how often each was given."""

    item: Case | Comment | Question
    reports: list[Report]
    waiting_since: datetime
    age: str

    @property
    def is_comment(self) -> bool:
        return isinstance(self.item, Comment)

    @property
    def is_question(self) -> bool:
        return isinstance(self.item, Question)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for report in self.reports:
            label = report.get_reason_display()
            counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def reported_items(now: datetime) -> Queue:
    """The items with open reports, grouped per item, the longest waiting first. Two
    queries: the items (with their total), then the reports of those items."""
    open_reports = Report.objects.open()
    groups = list(
        open_reports.order_by()
        .values("case_id", "comment_id", "question_id")
        .annotate(oldest=Min("created_at"), groups=Window(Count("*")))
        .order_by("oldest", "case_id", "comment_id", "question_id")[:QUEUE_LIMIT]
    )
    if not groups:
        return Queue()
    ids = {
        name: [group[f"{name}_id"] for group in groups if group[f"{name}_id"]]
        for name in ("case", "comment", "question")
    }
    reports = (
        open_reports.filter(
            Q(case_id__in=ids["case"])
            | Q(comment_id__in=ids["comment"])
            | Q(question_id__in=ids["question"])
        )
        .select_related(
            "reporter__profile__organisation",
            "case__author__profile__organisation",
            "comment__case",
            "comment__author__profile__organisation",
            "question__asker__profile__organisation",
            "question__recipient__profile__organisation",
            "question__case",
        )
        .order_by("created_at", "pk")
    )
    by_item: dict[tuple, list[Report]] = {}
    for report in reports:
        key = (report.case_id, report.comment_id, report.question_id)
        by_item.setdefault(key, []).append(report)
    items = []
    for group in groups:
        found = by_item.get((group["case_id"], group["comment_id"], group["question_id"]))
        if found:  # resolved in between the two queries: no longer waiting
            since = group["oldest"]
            items.append(ReportedItem(found[0].target, found, since, age(since, now)))
    return Queue(items, groups[0]["groups"])


def open_appeals_queue(now: datetime) -> Queue:
    # The member's organisation too: the dashboard shows whether they are verified.
    appeals = open_appeals().select_related("decision__member__profile__organisation")
    return _queue(appeals, "created_at", now=now)


def held_comments(now: datetime) -> Queue:
    """Comments waiting for approval before anyone else sees them."""
    comments = Comment.objects.filter(
        held_at__isnull=False, is_hidden=False, deleted_at__isnull=True
    ).select_related("case", "author__profile__organisation")
    return _queue(comments, "held_at", now=now)


def _hidden_since(model, fallback: str):
    """When the item was last hidden, from the action log (``fallback`` for items hidden
    before the log was kept)."""
    steps = ActionLog.objects.filter(
        target_type=ContentType.objects.get_for_model(model),
        target_id=OuterRef("pk"),
        verb__in=HIDE_VERBS,
    ).order_by("-created_at")
    return Coalesce(Subquery(steps.values("created_at")[:1]), F(fallback))


def hidden_content(now: datetime) -> Queue:
    """Hidden cases and comments (not those their author deleted: see ``deleted_content``),
    the longest hidden first."""
    cases = (
        Case.objects.filter(is_hidden=True, deleted_at__isnull=True)
        .select_related("author__profile__organisation")
        .annotate(hidden_since=_hidden_since(Case, "updated_at"))
    )
    comments = (
        Comment.objects.filter(is_hidden=True, deleted_at__isnull=True)
        .select_related("case", "author__profile__organisation")
        .annotate(hidden_since=_hidden_since(Comment, "created_at"))
    )
    return _merge(_queue(cases, "hidden_since", now=now), _queue(comments, "hidden_since", now=now))


def _open_report_count(field_name: str):
    reports = (
        Report.objects.open()
        .filter(**{field_name: OuterRef("pk")})
        .order_by()
        .values(field_name)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(reports), Value(0))


def deleted_content(now: datetime) -> Queue:
    """Cases and comments their author deleted while reported, hidden or appealed: kept,
    out of public view, until nothing about them is open (``community.evidence``)."""
    cases = (
        Case.objects.filter(deleted_at__isnull=False)
        .exclude(body="")  # erased
        .select_related("author__profile__organisation")
        .annotate(open_reports=_open_report_count("case"))
    )
    comments = (
        Comment.objects.filter(deleted_at__isnull=False, erased_at__isnull=True)
        .select_related("case", "author__profile__organisation")
        .annotate(open_reports=_open_report_count("comment"))
    )
    return _merge(_queue(cases, "deleted_at", now=now), _queue(comments, "deleted_at", now=now))


def moderation_queues() -> dict[str, Queue]:
    """Every queue of the dashboard, by name."""
    now = timezone.now()
    return {
        "submitted": submitted_cases(now),
        "reported": reported_items(now),
        "appeals": open_appeals_queue(now),
        "held": held_comments(now),
        "hidden": hidden_content(now),
        "deleted": deleted_content(now),
    }

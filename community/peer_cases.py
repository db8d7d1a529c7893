"""Members' cases on the pages of the knowledge base: "Praktijkverhalen van collega's".

One rule says which published cases belong with a phase, challenge, example or tool,
and how closely (``relevance``):

3. linked directly: the case names the challenge (challenge page) or the phase (phase
   page);
2. through the item's challenges: the case names a challenge the example shows a way
   out of, or the tool helps with;
1. it shares a phase with the challenge, example or tool;
0. it only shares tags with the item.

A case that has none of these is not related. Within a tier, a case that shares more
tags comes first, then the newest. A knowledge page shows the first ``LIMIT``
(``peer_cases``) with the total and a link to the community's case list, which
``related_filter`` narrows to exactly the same set (``CaseFilterForm``). Every link is
tested in a subquery (``Exists``), so no join repeats a case and the list's cursor
pagination keeps its order.

The challenge page also lists the colleagues who met the challenge in their cases and
welcome questions (``colleagues``).
"""

from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy
from taggit.models import TaggedItem

from cocreatie.core import lastknown, pagecache
from community.apps import PAGE_SCOPE
from community.models import Case, Profile
from roadmap.apps import PAGE_SCOPE as KNOWLEDGE
from roadmap.models import Challenge, Example, Phase, Tool

LIMIT = 6
# The ranking changes with the cases and with the knowledge items and their tags.
RELATED_SCOPES = (PAGE_SCOPE, KNOWLEDGE, pagecache.SITE)
COLLEAGUES_LIMIT = 8

CasePhase = Case.phases.through
CaseChallenge = Case.challenges.through


@dataclass(frozen=True)
class Kind:
    """How cases relate to one kind of knowledge item."""

    model: type
    # The case list's filter (``CaseFilterForm``) that shows the same set.
    param: str
    # "bij <label> ‘title’": in the "show all" link and above the filtered list.
    label: str
    # Why a case of each tier is shown, read with the case.
    reasons: dict[int, str]
    # A CaseChallenge / CasePhase lookup that links a case to the item, per tier.
    direct_challenge: str = ""
    direct_phase: str = ""
    via_challenge: str = ""
    via_phase: str = ""


SHARED_TAGS = gettext_lazy("Met dezelfde tags")

KINDS = {
    Challenge: Kind(
        Challenge, "bij_uitdaging", gettext_lazy("de uitdaging"),
        {3: gettext_lazy("Over deze uitdaging"),
         1: gettext_lazy("In een fase van deze uitdaging"),
         0: SHARED_TAGS},
        direct_challenge="challenge", via_phase="phase__challenges",
    ),
    Phase: Kind(
        Phase, "bij_fase", gettext_lazy("de fase"),
        {3: gettext_lazy("In deze fase"), 0: SHARED_TAGS},
        direct_phase="phase",
    ),
    Example: Kind(
        Example, "bij_voorbeeld", gettext_lazy("het voorbeeld"),
        {2: gettext_lazy("Over een uitdaging van dit voorbeeld"),
         1: gettext_lazy("In een fase van dit voorbeeld"),
         0: SHARED_TAGS},
        via_challenge="challenge__examples", via_phase="phase__examples",
    ),
    Tool: Kind(
        Tool, "bij_hulpmiddel", gettext_lazy("het hulpmiddel"),
        {2: gettext_lazy("Over een uitdaging waarbij dit hulpmiddel helpt"),
         1: gettext_lazy("In een fase van dit hulpmiddel"),
         0: SHARED_TAGS},
        via_challenge="challenge__tools", via_phase="phase__tools",
    ),
}  # fmt: skip


def kind_of(item) -> Kind:
    return KINDS[type(item)]


def _links(item) -> list[tuple[int, Exists]]:
    """(tier, condition) for each way a case can link to ``item``, closest first."""
    kind = kind_of(item)
    case = OuterRef("pk")
    links = []
    if kind.direct_challenge:
        links.append((3, CaseChallenge.objects.filter(case=case, **{kind.direct_challenge: item})))
    if kind.direct_phase:
        links.append((3, CasePhase.objects.filter(case=case, **{kind.direct_phase: item})))
    if kind.via_challenge:
        published = CaseChallenge.objects.filter(case=case, challenge__is_published=True)
        links.append((2, published.filter(**{kind.via_challenge: item})))
    if kind.via_phase:
        published = CasePhase.objects.filter(case=case, phase__is_published=True)
        links.append((1, published.filter(**{kind.via_phase: item})))
    return [(tier, Exists(rows)) for tier, rows in links]


def _shared_tags(item) -> QuerySet:
    """The tagged-item rows of the outer case whose tag ``item`` carries too."""
    item_tags = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).values("tag_id")
    return TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_id=OuterRef("pk"),
        tag_id__in=item_tags,
    )


def _condition(item) -> Q:
    condition = Q(Exists(_shared_tags(item)))
    for _tier, link in _links(item):
        condition |= Q(link)
    return condition


def related_filter(cases: QuerySet, item) -> QuerySet:
    """``cases`` narrowed to those related to ``item``; their order stays as it was."""
    return cases.filter(_condition(item))


def related_cases(item) -> QuerySet:
    """The published cases related to ``item``, most relevant first, then newest,
    annotated with ``relevance`` (the tier) and ``shared_tags`` (how many)."""
    shared = (
        _shared_tags(item)
        .order_by()
        .values("object_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    tiers = [When(link, then=Value(tier)) for tier, link in _links(item)]
    relevance = models.Case(*tiers, default=Value(0)) if tiers else Value(0)
    return (
        related_filter(Case.objects.published(), item)
        .annotate(
            relevance=relevance,
            shared_tags=Coalesce(Subquery(shared, output_field=IntegerField()), 0),
        )
        .order_by("-relevance", "-shared_tags", "-published_at", "-pk")
    )


def case_list_url(item) -> str:
    """The community's case list, showing every case related to ``item``."""
    return f"{reverse('community:case_list')}?{urlencode({kind_of(item).param: item.slug})}"


@dataclass
class PeerCases:
    """The section "Praktijkverhalen van collega's" of a knowledge page."""

    template: ClassVar[str] = "community/_peer_cases.html"

    item: object
    kind: Kind
    cases: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""
    # False: the last known ranking, while a task ranks again (``cocreatie.core.related``
    # then keeps the page out of the page cache).
    settled: bool = True

    @property
    def has_more(self) -> bool:
        return self.total > len(self.cases)


@lastknown.register("peer_cases", scopes=RELATED_SCOPES)
def ranked_peer_cases(model_label: str, pk: int) -> tuple[list, int]:
    """([(case pk, relevance), ...] of the first ``LIMIT`` related cases, the number of
    all of them) for the item: one query over every related case, the total counted by a
    window over the same rows."""
    item = apps.get_model(model_label).objects.filter(pk=pk).first()
    if item is None:  # deleted before the task ran
        return [], 0
    ranked = (
        related_cases(item)
        .annotate(total=Window(Count("pk")))
        .values_list("pk", "relevance", "total")[:LIMIT]
    )
    rows = list(ranked)
    return [(case_pk, relevance) for case_pk, relevance, _total in rows], (
        rows[0][2] if rows else 0
    )


def peer_cases(item) -> PeerCases:
    """At most ``LIMIT`` related cases with their organisation, each with ``reason``
    (why it is shown), and the number of all of them. The ranking is the last known one
    (``cocreatie.core.lastknown``): after a change a task ranks again while readers see
    the last ranking; the cases themselves are read now, so one that is no longer
    published is left out at once."""
    kind = kind_of(item)
    (ranked, total), settled = lastknown.last_known("peer_cases", item._meta.label, item.pk)
    relevance = dict(ranked)
    found = Case.objects.published().filter(pk__in=relevance).for_cards()
    by_pk = {case.pk: case for case in found}
    cases = [by_pk[pk] for pk, _relevance in ranked if pk in by_pk]
    for case in cases:
        case.relevance = relevance[case.pk]
        case.reason = kind.reasons[case.relevance]
    return PeerCases(
        item=item,
        kind=kind,
        cases=cases,
        total=total,
        more_url=case_list_url(item),
        settled=settled,
    )


@dataclass
class Colleagues:
    """The section "Collega's die dit ook meemaakten" of a challenge page."""

    template: ClassVar[str] = "community/_colleagues.html"

    challenge: Challenge
    profiles: list


def colleague_profiles(challenge: Challenge, *, limit: int = COLLEAGUES_LIMIT) -> list[Profile]:
    """Listed, active members who wrote a published case about ``challenge`` and allow
    questions, who wrote about it most recently first; with their organisation.

    The cases about the challenge are read newest first, a batch at a time from the
    list's index, until ``limit`` different authors are found: a few rows however many
    cases and members there are, instead of the latest case of every member."""
    askable = Profile.objects.listed().filter(accepts_questions=True, user_id=OuterRef("author_id"))
    cases = (
        Case.objects.published()
        .about(challenge_ids=[challenge.pk])
        .filter(Exists(askable))
        .order_by("-published_at", "-pk")
        .values_list("author_id", "published_at", "pk")
    )
    latest: dict[int, object] = {}  # author → their newest case about the challenge
    batch, size = cases, limit * 4
    while len(latest) < limit:
        rows = list(batch[:size])
        for author_id, published_at, _pk in rows:
            latest.setdefault(author_id, published_at)
        if len(rows) < size:
            break
        _author, moment, pk = rows[-1]
        batch = cases.filter(
            Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk),
            published_at__lte=moment,  # a range on the index, as in community.pagination
        )
        size *= 4  # a few prolific authors: fewer, larger reads
    authors = list(latest)[:limit]
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=authors).select_related("organisation")
    }
    found = []
    for author_id in authors:
        profile = profiles[author_id]
        profile.latest_case_at = latest[author_id]
        found.append(profile)
    return found


def colleagues(challenge: Challenge) -> Colleagues | None:
    profiles = colleague_profiles(challenge)
    return Colleagues(challenge=challenge, profiles=profiles) if profiles else None

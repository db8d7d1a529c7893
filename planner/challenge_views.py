"""The challenges a team meets, with what helps for each: how the pilots handled it and
the colleagues who met it too; and publishing the trajectory as a case draft."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Prefetch, Window
from django.db.models.functions import RowNumber
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from cocreatie.core.markdown import render_markdown
from community.models import CARD_DEFERRED, Case, Profile
from planner import publish, services
from planner.challenge_forms import ChallengesForm
from planner.models import ChallengeMet, Membership, Role
from planner.views import TrajectoryPageMixin
from roadmap.models import Challenge, Example

# Per ticked challenge: the newest cases of colleagues about it, and at most this many
# other colleagues to ask.
CASES_PER_CHALLENGE = 3
COLLEAGUES_PER_CHALLENGE = 5

CaseChallenge = Case.challenges.through


def askable_profiles():
    """Members who may be asked a question (as ``community:question_create`` has it)."""
    return Profile.objects.listed().filter(accepts_questions=True, suspended_at__isnull=True)


@dataclass
class ChallengeSection:
    """What the page shows under one ticked challenge."""

    challenge: Challenge
    # Newest first, each with ``ask``: the author's profile if they take questions.
    cases: list = field(default_factory=list)
    # Other colleagues who met it and take questions: (profile, their newest case).
    colleagues: list = field(default_factory=list)


def challenge_sections(challenges: list[Challenge], user) -> list[ChallengeSection]:
    """For each of ``challenges``: the newest published cases about it by others than
    ``user`` (at most ``CASES_PER_CHALLENGE``, with their organisation) and the other
    colleagues who wrote about it and take questions. Two queries however many
    challenges: each ranks the links of cases to the challenges with a window.

    (``community.peer_cases.colleague_profiles`` answers the second for one challenge,
    but costs at least two queries for each.) The second query has a row for each
    askable colleague per challenge; the page shows the most recent few."""
    sections = {challenge.pk: ChallengeSection(challenge) for challenge in challenges}
    if not sections:
        return []
    others = Case.objects.published().exclude(author=user)
    newest = [F("case__published_at").desc(), F("case__pk").desc()]
    askable = Exists(askable_profiles().filter(user_id=OuterRef("case__author_id")))
    links = CaseChallenge.objects.filter(challenge_id__in=sections, case__in=others).defer(
        *(f"case__{name}" for name in CARD_DEFERRED)
    )
    newest_cases = (
        links.annotate(
            rank=Window(RowNumber(), partition_by=[F("challenge_id")], order_by=newest),
            askable=askable,
        )
        .filter(rank__lte=CASES_PER_CHALLENGE)
        .select_related("case__organisation", "case__author__profile")
        .order_by("challenge_id", "rank")
    )
    asked = {pk: set() for pk in sections}
    for link in newest_cases:
        case = link.case
        case.ask = case.author.profile if link.askable else None
        sections[link.challenge_id].cases.append(case)
        if case.ask is not None:
            asked[link.challenge_id].add(case.author_id)
    latest_per_author = (
        links.filter(askable)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("challenge_id"), F("case__author_id")], order_by=newest
            )
        )
        .filter(rank=1)
        .select_related("case__author__profile__organisation")
        .order_by("challenge_id", "-case__published_at", "-case__pk")
    )
    for link in latest_per_author:
        section = sections[link.challenge_id]
        if link.case.author_id in asked[link.challenge_id]:
            continue
        if len(section.colleagues) < COLLEAGUES_PER_CHALLENGE:
            section.colleagues.append((link.case.author.profile, link.case))
    return [sections[challenge.pk] for challenge in challenges]


class ChallengesView(TrajectoryPageMixin, FormView):
    """Tick the challenges the team meets (editors and the owner); below, for each ticked
    one, what helps. A fixed number of queries however many are ticked."""

    template_name = "planner/challenges.html"
    form_class = ChallengesForm
    page_label = gettext_lazy("Uitdagingen")

    def post(self, request, *args, **kwargs):
        if not self.access.can_edit:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    @cached_property
    def ticked(self) -> list[Challenge]:
        """The published challenges ticked, with their published examples."""
        met = ChallengeMet.objects.filter(trajectory=self.trajectory, challenge=OuterRef("pk"))
        examples = Example.objects.published().only("slug", "title", "country", "place")
        return list(
            Challenge.objects.published()
            .filter(Exists(met))
            .prefetch_related(Prefetch("examples", queryset=examples))
        )

    def get_initial(self):
        return {"challenges": [challenge.pk for challenge in self.ticked]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_edit=self.access.can_edit,
            sections=challenge_sections(self.ticked, self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        # A challenge taken off the site for now stays ticked: the form does not show it.
        hidden = Challenge.objects.filter(
            is_published=False,
            pk__in=ChallengeMet.objects.filter(trajectory=self.trajectory).values("challenge_id"),
        )
        services.challenges_set(
            trajectory=self.trajectory,
            editor=self.request.user,
            challenges=[*form.cleaned_data["challenges"], *hidden],
        )
        messages.success(self.request, _("De uitdagingen zijn opgeslagen."))
        return redirect("planner:challenges", pk=self.trajectory.pk)


class PublishView(TrajectoryPageMixin, TemplateView):
    """What a case draft made from the trajectory would contain, exactly; the owner makes
    it (a POST) and goes on to edit it. The trajectory itself stays private."""

    template_name = "planner/publish.html"
    page_label = gettext_lazy("Delen als praktijkverhaal")

    @cached_property
    def existing_case(self) -> Case | None:
        """The draft made before, while it exists."""
        if not self.trajectory.case_id:
            return None
        return Case.objects.filter(pk=self.trajectory.case_id, deleted_at=None).first()

    @cached_property
    def owner_profile(self) -> Profile | None:
        """The owner's profile: its organisation becomes the case's."""
        owner = (
            Membership.objects.filter(trajectory=self.trajectory, role=Role.OWNER)
            .select_related("user__profile__organisation")
            .first()
        )
        return getattr(owner.user, "profile", None) if owner is not None else None

    def get_context_data(self, **kwargs):
        draft = publish.case_draft(self.trajectory)
        case = self.existing_case
        return super().get_context_data(
            draft=draft,
            body_html=render_markdown(draft.body),
            what_worked_html=render_markdown(draft.what_worked),
            case=case,
            case_is_mine=case is not None and case.author_id == self.request.user.pk,
            case_editable=case is not None and case.can_edit(self.request.user),
            owner_profile=self.owner_profile,
            **kwargs,
        )

    def post(self, request, pk):
        if not self.access.is_owner:
            raise PermissionDenied
        before = self.existing_case
        case = services.trajectory_publish_as_case(trajectory=self.trajectory, owner=request.user)
        if before is not None and before.pk == case.pk:
            messages.info(
                request,
                _(
                    "Je had al een concept-praktijkverhaal van dit traject. Hier kun je het "
                    "verder bewerken."
                ),  # fmt: skip
            )
        else:
            messages.success(
                request,
                _(
                    "Je concept-praktijkverhaal staat klaar. Alleen jij ziet het. Pas het aan en "
                    "dien het in ter beoordeling als je het wilt delen. Het traject zelf blijft "
                    "privé."
                ),  # fmt: skip
            )
        if case.can_edit(request.user):
            return redirect("community:case_update", slug=case.slug)
        return redirect(case)

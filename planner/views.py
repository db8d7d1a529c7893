"""The trajectory itself: my trajectories, starting one, its overview, the checklist per
phase, its activity, sharing for support and deleting it."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from cocreatie.core.i18n import content_label
from cocreatie.core.views import BreadcrumbsMixin, NearestPageMixin
from community.permissions import is_moderator
from planner import checklist, services
from planner.forms import AnswerForm, PhaseSetForm, TrajectoryForm
from planner.models import Activity, Membership, Trajectory
from planner.permissions import EDIT, OWN, TrajectoryMixin, with_role_of
from roadmap.models import Phase

MY_TRAJECTORIES = gettext_lazy("Mijn trajecten")


@dataclass
class NavItem:
    label: str
    url: str
    current: bool
    lang: str = ""


def planner_nav(trajectory: Trajectory, path: str) -> list[NavItem]:
    """The trajectory's own navigation; the phases from the roadmap (one query)."""
    pk = trajectory.pk
    items = [(_("Overzicht"), reverse("planner:detail", args=[pk]))]
    for phase in Phase.objects.published().only("slug", "title", "title_en", "short_title",
                                                  "short_title_en", "order"):  # fmt: skip
        label = phase.shown_short_title
        items.append((label, reverse("planner:phase", args=[pk, phase.slug])))
    items += [
        (_("Team"), reverse("planner:team", args=[pk])),
        (_("Belanghebbenden"), reverse("planner:stakeholders", args=[pk])),
        (_("Bijeenkomsten"), reverse("planner:meetings", args=[pk])),
        (_("Uitdagingen"), reverse("planner:challenges", args=[pk])),
        (_("Activiteit"), reverse("planner:activity", args=[pk])),
    ]
    # The longest address that the page's path starts with is the current item.
    current = max((url for _label, url in items if path.startswith(url)), key=len, default=None)
    return [
        NavItem(label=label, url=url, current=url == current, lang=getattr(label, "lang", ""))
        for label, url in items
    ]


def trajectory_trail(trajectory: Trajectory | None = None, *items):
    trail = [(MY_TRAJECTORIES, reverse("planner:list"))]
    if trajectory is not None:
        trail.append((content_label(trajectory.title), trajectory.get_absolute_url()))
    return [*trail, *items]


@method_decorator(never_cache, name="dispatch")
class TrajectoryListView(LoginRequiredMixin, BreadcrumbsMixin, NearestPageMixin, ListView):
    """The trajectories the member is in the team of, most recently worked on first."""

    template_name = "planner/trajectory_list.html"
    context_object_name = "trajectories"
    paginate_by = 25

    def get_queryset(self):
        team_size = (
            Membership.objects.filter(trajectory=OuterRef("pk"))
            .order_by()
            .values("trajectory")
            .annotate(size=Count("pk"))
            .values("size")
        )
        return (
            with_role_of(Trajectory.objects.for_member(self.request.user), self.request.user)
            .select_related("phase")
            .annotate(team_size=Subquery(team_size))
            .order_by("-updated_at", "-pk")
        )

    def get_breadcrumbs(self):
        return [(MY_TRAJECTORIES, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shared_for_support"] = (
            Trajectory.objects.shared_for_support().exclude(memberships__user=self.request.user)
            if is_moderator(self.request.user)
            else Trajectory.objects.none()
        )
        return context


@method_decorator(never_cache, name="dispatch")
class TrajectoryCreateView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """Start a trajectory; ``?fase=<slug>`` (from a phase page) starts it in that phase."""

    form_class = TrajectoryForm
    template_name = "planner/trajectory_form.html"

    def get_initial(self):
        initial = {"starts_on": timezone.localdate()}
        phase = Phase.objects.published().filter(slug=self.request.GET.get("fase", "")).first()
        initial["phase"] = phase or Phase.objects.published().first()
        profile = getattr(self.request.user, "profile", None)
        if profile is not None and profile.organisation_id:
            initial["organisation"] = profile.organisation.name
        return initial

    def get_breadcrumbs(self):
        return trajectory_trail(None, (_("Nieuw traject"), None))

    def form_valid(self, form):
        trajectory = services.trajectory_create(owner=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _("Je traject staat klaar. Alleen jij kunt het zien, tot je anderen uitnodigt."),
        )
        return redirect(trajectory)


class TrajectoryPageMixin(TrajectoryMixin, BreadcrumbsMixin):
    """A page of one trajectory: never cached, with the trail to it."""

    page_label = None

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        access = getattr(self, "access", None)
        if access is not None and access.support and request.method == "GET":
            services.support_view_record(trajectory=self.trajectory, moderator=request.user)
        return response

    def get_breadcrumbs(self):
        if self.page_label is None:
            return trajectory_trail(None, (content_label(self.trajectory.title), None))
        return trajectory_trail(self.trajectory, (self.page_label, None))


class TrajectoryDetailView(TrajectoryPageMixin, TemplateView):
    """The overview: what it is about, the progress per phase, the team, what happened
    last."""

    template_name = "planner/trajectory_detail.html"

    def get_context_data(self, **kwargs):
        trajectory = self.trajectory
        return super().get_context_data(
            progress=checklist.phase_progress(trajectory),
            team=Membership.objects.filter(trajectory=trajectory).select_related(
                "user__profile__organisation"
            ),
            recent=trajectory.activity.select_related("actor__profile")[:5],
            phase_form=PhaseSetForm(initial={"phase": trajectory.phase}),
            counts=Trajectory.objects.filter(pk=trajectory.pk)
            .annotate(
                stakeholder_count=Count("stakeholders", distinct=True),
                meeting_count=Count("meetings", distinct=True),
                challenge_count=Count("challenges_met", distinct=True),
            )
            .values("stakeholder_count", "meeting_count", "challenge_count")
            .get(),
            **kwargs,
        )


class TrajectoryUpdateView(TrajectoryPageMixin, FormView):
    needed = EDIT
    form_class = TrajectoryForm
    template_name = "planner/trajectory_form.html"
    page_label = gettext_lazy("Gegevens wijzigen")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.trajectory}

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in services.TRAJECTORY_FIELDS}
        services.trajectory_update(trajectory=self.trajectory, editor=self.request.user, **fields)
        messages.success(self.request, _("De gegevens van het traject zijn opgeslagen."))
        return redirect(self.trajectory)

    def form_invalid(self, form):
        # The form is bound to the instance: show the stored title in the header.
        self.trajectory.refresh_from_db()
        return super().form_invalid(form)


class PhaseSetView(TrajectoryMixin, View):
    """The team moves to another phase when it chooses (a POST from the overview)."""

    needed = EDIT

    def post(self, request, pk):
        form = PhaseSetForm(request.POST)
        if form.is_valid():
            phase = form.cleaned_data["phase"]
            services.trajectory_set_phase(trajectory=self.trajectory, editor=request.user,
                                          phase=phase)  # fmt: skip
            messages.success(
                request, _("Jullie zitten nu in de fase %(phase)s.") % {"phase": phase.shown_title}
            )
        else:
            for error in form.errors.get("phase", []):
                messages.error(request, error)
        return redirect(self.trajectory)


class PhaseChecklistView(TrajectoryPageMixin, TemplateView):
    """The guiding questions of one phase as the team's checklist."""

    template_name = "planner/phase_checklist.html"

    @cached_property
    def phase(self) -> Phase:
        return get_object_or_404(
            Phase.objects.published().prefetch_related("questions"), slug=self.kwargs["slug"]
        )

    @property
    def page_label(self):
        return self.phase.shown_title

    def get_context_data(self, **kwargs):
        items = checklist.checklist(self.trajectory, self.phase)
        forms = {}
        if self.access.can_edit:
            forms = {
                item.question.pk: AnswerForm(
                    question=item.question,
                    initial={"status": item.status, "notes": item.notes},
                )
                for item in items.items
            }
        for item in items.items:
            item.form = forms.get(item.question.pk)
        return super().get_context_data(phase=self.phase, checklist=items, **kwargs)


class AnswerView(TrajectoryPageMixin, FormView):
    """One question's answer: its own page (and the target of each form on the
    checklist), so that it works without script and shows its errors."""

    needed = EDIT
    form_class = AnswerForm
    template_name = "planner/answer_form.html"

    @cached_property
    def question(self):
        question = Phase.objects.published().filter(slug=self.kwargs["slug"]).first()
        if question is None:
            raise Http404
        return get_object_or_404(question.questions.all(), pk=self.kwargs["question_pk"])

    @property
    def page_label(self):
        return _("Vraag bijwerken")

    def get_breadcrumbs(self):
        phase = self.question.phase
        return trajectory_trail(
            self.trajectory,
            (phase.shown_title, reverse("planner:phase", args=[self.trajectory.pk, phase.slug])),
            (_("Vraag bijwerken"), None),
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["question"] = self.question
        answer = self.trajectory.answers.filter(question=self.question).first()
        if answer is not None:
            kwargs["initial"] = {"status": answer.status, "notes": answer.notes}
        else:
            kwargs["initial"] = {"status": "open"}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, **kwargs)

    def form_valid(self, form):
        services.answer_save(
            trajectory=self.trajectory,
            editor=self.request.user,
            question=self.question,
            status=form.cleaned_data["status"],
            notes=form.cleaned_data["notes"],
        )
        messages.success(
            self.request, _("Opgeslagen: %(question)s") % {"question": self.question.question}
        )
        url = reverse("planner:phase", args=[self.trajectory.pk, self.question.phase.slug])
        return HttpResponseRedirect(f"{url}#vraag-{self.question.pk}")


class ActivityView(TrajectoryPageMixin, NearestPageMixin, ListView):
    """Everything that changed, newest first, with who did it."""

    template_name = "planner/activity.html"
    context_object_name = "entries"
    paginate_by = 50
    page_label = gettext_lazy("Activiteit")

    def get_queryset(self):
        return Activity.objects.filter(trajectory=self.trajectory).select_related("actor__profile")


class SupportView(TrajectoryMixin, View):
    """The owner shares the trajectory with the moderators for support, or stops."""

    needed = OWN

    def post(self, request, pk):
        shared = request.POST.get("delen") == "ja"
        services.support_share(trajectory=self.trajectory, owner=request.user, shared=shared)
        if shared:
            messages.success(
                request,
                _(
                    "De moderatoren kunnen het traject nu lezen om je te helpen. Ze kunnen niets "
                    "wijzigen. Je ziet het bij Activiteit als ze het bekijken."
                ),  # fmt: skip
            )
        else:
            messages.success(request, _("Het traject is weer alleen voor het team."))
        return redirect(reverse("planner:team", args=[pk]))


class TrajectoryDeleteView(TrajectoryPageMixin, TemplateView):
    """Confirm, then delete all of it."""

    needed = OWN
    template_name = "planner/trajectory_delete.html"
    page_label = gettext_lazy("Traject verwijderen")

    def post(self, request, pk):
        title = self.trajectory.title
        try:
            services.trajectory_delete(trajectory=self.trajectory, owner=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.trajectory)
        messages.success(request, _("Het traject %(title)s is verwijderd.") % {"title": title})
        return redirect("planner:list")


def member_trajectories(user):
    """For other apps' pages (the member's data page): the trajectories of ``user``."""
    return Trajectory.objects.for_member(user).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    )

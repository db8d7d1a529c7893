"""The stakeholder map of a trajectory: the map and its table (the whole team, and the
moderators while it is shared for support), adding, changing and removing stakeholders
(editors and the owner), and the map as a spreadsheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from cocreatie.core.spreadsheet import spreadsheet_response
from planner import stakeholders
from planner.models import Stakeholder
from planner.permissions import EDIT
from planner.stakeholder_forms import StakeholderForm
from planner.views import TrajectoryPageMixin, trajectory_trail

MAP_LABEL = gettext_lazy("Belanghebbenden")


class StakeholderMapView(TrajectoryPageMixin, TemplateView):
    """The interest/influence grid drawn on the server, and the same in a table."""

    template_name = "planner/stakeholder_map.html"
    page_label = MAP_LABEL

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            map=stakeholders.stakeholder_map(self.trajectory),
            quadrants=stakeholders.QUADRANTS,
            high=stakeholders.HIGH,
            **kwargs,
        )


class StakeholderPageMixin(TrajectoryPageMixin):
    """A page under the map: its trail goes through the map."""

    needed = EDIT

    def map_url(self) -> str:
        return reverse("planner:stakeholders", args=[self.trajectory.pk])

    def get_breadcrumbs(self):
        return trajectory_trail(
            self.trajectory, (MAP_LABEL, self.map_url()), (self.page_label, None)
        )

    @cached_property
    def stakeholder(self) -> Stakeholder:
        stakeholder = get_object_or_404(
            Stakeholder.objects.filter(trajectory=self.trajectory).prefetch_related("involvements"),
            pk=self.kwargs["stakeholder_pk"],
        )
        stakeholder.trajectory = self.trajectory  # with the viewer's role already read
        return stakeholder


class StakeholderFormMixin(StakeholderPageMixin):
    form_class = StakeholderForm
    template_name = "planner/stakeholder_form.html"

    @cached_property
    def phases(self):
        return stakeholders.published_phases()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "phases": self.phases}

    def get_context_data(self, **kwargs):
        return super().get_context_data(map_url=self.map_url(), **kwargs)

    def form_valid(self, form):
        try:
            stakeholder = self.save(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": stakeholder.name})
        return redirect(self.map_url())


class StakeholderCreateView(StakeholderFormMixin, FormView):
    page_label = gettext_lazy("Belanghebbende toevoegen")
    success_message = gettext_lazy("%(name)s staat nu op de kaart.")

    def save(self, form):
        return stakeholders.stakeholder_create(
            trajectory=self.trajectory, editor=self.request.user, **form.service_kwargs
        )


class StakeholderUpdateView(StakeholderFormMixin, FormView):
    page_label = gettext_lazy("Belanghebbende wijzigen")
    success_message = gettext_lazy("De gegevens van %(name)s zijn opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "stakeholder": self.stakeholder}

    def get_context_data(self, **kwargs):
        return super().get_context_data(stakeholder=self.stakeholder, **kwargs)

    def save(self, form):
        return stakeholders.stakeholder_update(
            stakeholder=self.stakeholder, editor=self.request.user, **form.service_kwargs
        )


class StakeholderDeleteView(StakeholderPageMixin, TemplateView):
    """Confirm, then remove the stakeholder with their involvement in every phase."""

    template_name = "planner/stakeholder_delete.html"
    page_label = gettext_lazy("Belanghebbende verwijderen")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stakeholder=self.stakeholder, map_url=self.map_url(), **kwargs
        )

    def post(self, request, pk, stakeholder_pk):
        name = self.stakeholder.name
        stakeholders.stakeholder_delete(stakeholder=self.stakeholder, editor=request.user)
        messages.success(request, _("%(name)s staat niet meer op de kaart.") % {"name": name})
        return redirect(self.map_url())


class StakeholderCsvView(TrajectoryPageMixin, View):
    """The map as a spreadsheet (CSV for Dutch Excel), for anyone who may read it."""

    def get(self, request, pk):
        return spreadsheet_response(
            stakeholders.stakeholders_csv(self.trajectory),
            stakeholders.csv_filename(self.trajectory),
        )

"""A series at a glance: everyone registered × its sessions (as a page and as a
spreadsheet), and the co-evaluation results of all its sessions side by side."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cocreatie.core.spreadsheet import spreadsheet_response
from sessions_app import reports
from sessions_app.organiser.base import OrganiserPageMixin, SeriesObjectMixin, series_trail

# People per page of the overview: a wide table stays readable and quick.
PEOPLE_PER_PAGE = 200


class SeriesRegistrationsView(OrganiserPageMixin, SeriesObjectMixin, TemplateView):
    """Three queries for the table, however many people and sessions
    (``reports.series_registrations``)."""

    template_name = "sessions_app/organiser/series_registrations.html"

    def get_breadcrumbs(self):
        return series_trail(self.series, (_("Aanmeldingen"), None))

    def get_context_data(self, **kwargs):
        overview = reports.series_registrations(self.series)
        page = Paginator(overview.rows, PEOPLE_PER_PAGE).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(
            series=self.series,
            overview=overview,
            page=page,
            legend=reports.STATE_LEGEND,
            **kwargs,
        )


class SeriesExportView(OrganiserPageMixin, SeriesObjectMixin, View):
    def get(self, request, pk):
        content = reports.series_registrations_export(series=self.series, actor=request.user)
        return spreadsheet_response(content, f"aanmeldingen-{self.series.slug}.csv")


class SeriesEvaluationView(OrganiserPageMixin, SeriesObjectMixin, TemplateView):
    """A fixed number of queries, however many sessions and answers
    (``reports.series_evaluation``)."""

    template_name = "sessions_app/organiser/series_evaluation.html"

    def get_breadcrumbs(self):
        return series_trail(self.series, (_("Co-evaluatie"), None))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            series=self.series, evaluation=reports.series_evaluation(self.series), **kwargs
        )

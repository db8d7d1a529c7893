"""The workspace's front page (every series, newest first) and one series' page: its
sessions with their counts, and the way to everything an organiser does with it."""

from django.views.generic import TemplateView

from cocreatie.core.i18n import content_label
from sessions_app.models import Session, SessionSeries
from sessions_app.organiser.base import (
    WORKSPACE,
    OrganiserPageMixin,
    SeriesObjectMixin,
    workspace_trail,
)


def _session_rows(series_list):
    """The sessions of these series with their seat counts, in one query."""
    sessions = (
        Session.objects.with_seat_counts()
        .filter(series__in=series_list)
        .order_by("series", "order")
    )
    by_series = {}
    for session in sessions:
        by_series.setdefault(session.series_id, []).append(session)
    for series in series_list:
        series.session_rows = by_series.get(series.pk, [])
        for session in series.session_rows:
            session.series = series
    return series_list


class OrganiserSeriesListView(OrganiserPageMixin, TemplateView):
    template_name = "sessions_app/organiser/series_list.html"

    def get_breadcrumbs(self):
        return [(WORKSPACE, None)]

    def get_context_data(self, **kwargs):
        series_list = list(SessionSeries.objects.with_dates().order_by("-first_start", "-pk"))
        return super().get_context_data(series_list=_session_rows(series_list), **kwargs)


class OrganiserSeriesView(OrganiserPageMixin, SeriesObjectMixin, TemplateView):
    template_name = "sessions_app/organiser/series.html"

    def get_breadcrumbs(self):
        return workspace_trail((content_label(self.series.title), None))

    def get_context_data(self, **kwargs):
        (series,) = _session_rows([self.series])
        return super().get_context_data(series=series, sessions=series.session_rows, **kwargs)

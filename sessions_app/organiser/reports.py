"""Overviews, exports and co-evaluation results (not built yet)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


SeriesRegistrationsView = SeriesExportView = SeriesEvaluationView = _NotYet

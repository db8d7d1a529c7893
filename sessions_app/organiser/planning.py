"""Creating, changing and copying series and sessions (not built yet)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


SeriesCreateView = SeriesUpdateView = SeriesCopyView = _NotYet
SessionCreateView = SessionUpdateView = _NotYet

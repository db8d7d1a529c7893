"""Attendance (not built yet)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


AttendanceView = _NotYet

"""The trajectory as a PDF (``planner.report``) and as JSON (``planner.export``), for
everyone in its team. Each download is in the trajectory's activity."""

import json

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from planner import export, report
from planner.permissions import TrajectoryMixin


@method_decorator(never_cache, name="dispatch")
class DownloadView(TrajectoryMixin, View):
    kind = ""
    content_type = ""
    extension = ""

    def content(self) -> bytes:
        raise NotImplementedError

    def get(self, request, pk):
        body = self.content()
        export.export_record(trajectory=self.trajectory, user=request.user, kind=self.kind)
        response = HttpResponse(body, content_type=self.content_type)
        filename = f"traject-{self.trajectory.pk}.{self.extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class PdfView(DownloadView):
    kind = "PDF"
    content_type = "application/pdf"
    extension = "pdf"

    def content(self) -> bytes:
        return report.trajectory_pdf(self.trajectory)


class JsonView(DownloadView):
    kind = "JSON"
    content_type = "application/json"
    extension = "json"

    def content(self) -> bytes:
        data = export.trajectory_data(self.trajectory)
        return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()

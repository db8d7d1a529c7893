"""What every organiser page shares: access, and the breadcrumb trail from the
workspace."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache

from cocreatie.core.i18n import content_label
from cocreatie.core.views import BreadcrumbsMixin
from community.permissions import OrganiserRequiredMixin
from sessions_app.models import Session, SessionSeries

WORKSPACE = gettext_lazy("Organiseren")


def promoted_message(count: int) -> str:
    """What an organiser reads when people moved up from the waiting list."""
    return ngettext(
        "%(count)s deelnemer van de wachtlijst is nu aangemeld en krijgt een e-mail.",
        "%(count)s deelnemers van de wachtlijst zijn nu aangemeld en krijgen een e-mail.",
        count,
    ) % {"count": count}


def workspace_trail(*items):
    return [(WORKSPACE, reverse("sessions:organiser_series_list")), *items]


def series_trail(series: SessionSeries, *items):
    return workspace_trail(
        (content_label(series.title), reverse("sessions:organiser_series", args=[series.pk])),
        *items,
    )


def session_trail(session: Session, *items):
    return series_trail(
        session.series,
        (content_label(str(session)), reverse("sessions:organiser_session", args=[session.pk])),
        *items,
    )


@method_decorator(never_cache, name="dispatch")
class OrganiserPageMixin(OrganiserRequiredMixin, BreadcrumbsMixin):
    """Organisers only (two-factor authentication is enforced by the middleware); the
    pages hold personal data, so they are never cached."""


class SeriesObjectMixin:
    """``self.series`` from the URL's ``pk``."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.series = get_object_or_404(SessionSeries, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class SessionObjectMixin:
    """``self.session`` (with its series) from the URL's ``pk``."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = get_object_or_404(
                Session.objects.select_related("series", "phase"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

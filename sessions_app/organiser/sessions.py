"""One session as its organiser sees it: who is coming, who waits, who was there; the
number of seats, signing someone off, cancelling, and the list as a spreadsheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView

from cocreatie.core.i18n import content_label
from cocreatie.core.spreadsheet import spreadsheet_response
from sessions_app import reports, services
from sessions_app.forms import SessionCancelForm, SessionCapacityForm
from sessions_app.models import Seat, Session
from sessions_app.organiser.base import OrganiserPageMixin, promoted_message, series_trail


class OrganiserSessionView(OrganiserPageMixin, DetailView):
    template_name = "sessions_app/organiser/session.html"
    context_object_name = "session"

    # Each form has its own prefix, so the ids on the page stay unique.
    page_forms = {
        "cancel_form": (SessionCancelForm, "afgelasten"),
        "capacity_form": (SessionCapacityForm, "plaatsen"),
    }

    def get_queryset(self):
        return Session.objects.select_related("series", "phase").with_seat_counts()

    def get_breadcrumbs(self):
        return series_trail(self.object.series, (content_label(str(self.object)), None))

    def make_form(self, name, data=None):
        form_class, prefix = self.page_forms[name]
        initial = {"capacity": self.object.capacity} if name == "capacity_form" else None
        return form_class(data, prefix=prefix, initial=initial)

    def get_context_data(self, **kwargs):
        seats = self.object.seats.select_related("registration").order_by("status", "requested_at")
        for name in self.page_forms:
            kwargs.setdefault(name, self.make_form(name))
        return super().get_context_data(
            confirmed=[s for s in seats if s.is_confirmed],
            waiting=[s for s in seats if s.is_waiting],
            cancelled=[s for s in seats if not s.is_active],
            evaluation=reports.evaluation_report(self.object),
            **kwargs,
        )


class OrganiserSessionActionView(OrganiserSessionView):
    """POST: cancel the session, or change its number of seats."""

    def get(self, request, *args, **kwargs):
        return redirect("sessions:organiser_session", pk=kwargs["pk"])

    def post(self, request, pk, action):
        self.object = self.get_object()
        handle, name = {
            "afgelasten": (self.cancel, "cancel_form"),
            "plaatsen": (self.change_capacity, "capacity_form"),
        }[action]
        form = self.make_form(name, request.POST)
        if form.is_valid():
            try:
                success = handle(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, success)
                return redirect("sessions:organiser_session", pk=pk)
        return self.render_to_response(self.get_context_data(**{name: form}))

    def cancel(self, *, message):
        count = services.session_cancel(
            session=self.object, message=message, actor=self.request.user
        )
        return ngettext(
            "De sessie is afgelast. %(count)s deelnemer krijgt bericht.",
            "De sessie is afgelast. %(count)s deelnemers krijgen bericht.",
            count,
        ) % {"count": count}

    def change_capacity(self, *, capacity):
        promoted = services.session_capacity_change(
            session=self.object, capacity=capacity, actor=self.request.user
        )
        done = (
            _("Er is nu geen maximum aantal plaatsen.")
            if capacity is None
            else _("Het aantal plaatsen is nu %(capacity)s.") % {"capacity": capacity}
        )
        if promoted:
            done += " " + promoted_message(len(promoted))
        return done


class OrganiserSeatCancelView(OrganiserPageMixin, View):
    """POST: an organiser signs one registrant off; they get the usual mail and the
    waiting list moves up."""

    def post(self, request, pk, seat_pk):
        seat = get_object_or_404(
            Seat.objects.select_related("registration", "session"), pk=seat_pk, session_id=pk
        )
        name = seat.registration.name
        if not seat.is_active:
            messages.info(request, _("%(name)s was al afgemeld.") % {"name": name})
            return redirect("sessions:organiser_session", pk=pk)
        try:
            promoted = services.seat_cancel(seat=seat, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            done = _("%(name)s is afgemeld en krijgt een e-mail.") % {"name": name}
            if promoted:
                done += " " + _("%(name)s van de wachtlijst is nu aangemeld.") % {
                    "name": promoted.registration.name
                }
            messages.success(request, done)
        return redirect("sessions:organiser_session", pk=pk)


class OrganiserExportView(OrganiserPageMixin, View):
    def get(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("series"), pk=pk)
        return spreadsheet_response(
            reports.session_registrations_export(session=session, actor=request.user),
            f"aanmeldingen-{session.series.slug}-sessie-{session.order}.csv",
        )

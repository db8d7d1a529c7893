"""Who was there: the organiser ticks the participants present, during or after the
session. The rules are in ``sessions_app.attendance``; this page shows and sends them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from cocreatie.core.forms import ModelChoicesField
from sessions_app import attendance
from sessions_app.models import Seat
from sessions_app.organiser.base import OrganiserPageMixin, SessionObjectMixin, session_trail


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes of which some (``locked``: seat pks) are shown ticked and disabled. Named
    like Django's, so templates see the same ``widget_type`` (a fieldset with a legend)."""

    locked: frozenset[int] = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(value, "value", value) in self.locked:
            option["attrs"]["disabled"] = True
        return option


class SeatChoiceField(ModelChoicesField):
    widget = CheckboxSelectMultiple

    def label_from_instance(self, seat):
        registration = seat.registration
        if registration.organisation:
            return f"{registration.name} ({registration.organisation})"
        return registration.name


class AttendanceForm(forms.Form):
    """``present``: the seats ticked. ``everyone`` (the second button): all confirmed
    participants were there. Seats that can no longer be unticked are shown disabled
    and stay ticked."""

    present = SeatChoiceField(
        label=gettext_lazy("Wie was er?"),
        queryset=Seat.objects.none(),
        required=False,
        help_text=gettext_lazy("Vink aan wie er was. Wie je niet aanvinkt, telt als afwezig."),
        error_messages={
            "invalid_choice": attendance.NOT_A_PARTICIPANT,
            "invalid_pk_value": attendance.NOT_A_PARTICIPANT,
        },
    )

    def __init__(self, *args, seats, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = seats
        field.widget.locked = locked = frozenset(locked)
        if locked:
            field.help_text = _(
                "Vink aan wie er nog bij moet. Wie al was aangevinkt, blijft aangevinkt: "
                "de sessie is meer dan 14 dagen geleden."
            )
        if self.is_bound and locked:
            # A browser does not send disabled boxes: they count as ticked (and show so
            # when the form comes back with an error).
            self.data = self.data.copy()
            name = self.add_prefix("present")
            sent = set(self.data.getlist(name))
            for pk in sorted(locked):
                if str(pk) not in sent:
                    self.data.appendlist(name, str(pk))


class AttendanceView(OrganiserPageMixin, SessionObjectMixin, TemplateView):
    template_name = "sessions_app/organiser/attendance.html"

    def get_breadcrumbs(self):
        return session_trail(self.session, (_("Aanwezigheid"), None))

    def seats(self):
        return (
            attendance.attendance_seats(self.session)
            .select_related("registration")
            .order_by("registration__name", "pk")
        )

    def make_form(self, data=None):
        seats = self.seats()
        state = dict(seats.values_list("pk", "attended_at"))
        ticked = [pk for pk, attended_at in state.items() if attended_at]
        self.counts = {"ticked": len(ticked), "total": len(state)}
        locked = () if attendance.removals_allowed(self.session) else ticked
        return AttendanceForm(data, seats=seats, locked=locked, initial={"present": ticked})

    def get_context_data(self, **kwargs):
        problem = attendance.attendance_problem(self.session)
        form = kwargs.pop("form", None)
        if form is None and not problem:
            form = self.make_form()
        return super().get_context_data(
            session=self.session,
            problem=problem,
            form=form,
            removals_allowed=attendance.removals_allowed(self.session),
            **getattr(self, "counts", {}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if "everyone" in request.POST:
            present = self.seats().values_list("pk", flat=True)
        elif form.is_valid():
            present = form.cleaned_data["present"]
        else:
            return self.render_to_response(self.get_context_data(form=form))
        try:
            result = attendance.attendance_update(
                session=self.session, present=present, actor=request.user
            )
        except ValidationError as error:
            form.is_valid()
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _done(result))
        return redirect("sessions:organiser_attendance", pk=self.session.pk)


def _done(result: attendance.AttendanceResult) -> str:
    return ngettext(
        "De aanwezigheid is opgeslagen: %(count)s deelnemer aanwezig.",
        "De aanwezigheid is opgeslagen: %(count)s deelnemers aanwezig.",
        result.present,
    ) % {"count": result.present}

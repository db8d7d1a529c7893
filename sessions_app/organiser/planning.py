"""Making and changing series and sessions, and copying a series for the next round.

The forms only read what was typed (a date, a time, a number); every rule is in
``sessions_app.planning``. Changing the title or the time of a session with people
registered posts twice: the first answer is a page that says who will be told and
carries the data in hidden fields; its ``confirm`` button saves and sends the mail,
its ``back`` button brings the filled form back."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView

from cocreatie.core.forms import OnceForm
from cocreatie.core.views import OnceOnlyMixin
from roadmap.forms import ShownTitleChoiceField
from roadmap.models import Phase
from sessions_app import planning as plans
from sessions_app.models import MAX_CAPACITY, Session, SessionSeries
from sessions_app.organiser.base import (
    OrganiserPageMixin,
    SeriesObjectMixin,
    SessionObjectMixin,
    promoted_message,
    series_trail,
    session_trail,
    workspace_trail,
)

TEXT_HINT = gettext_lazy(
    "Een lege regel begint een nieuwe alinea. **vet** en een lijst met - werken ook."
)
MAX_CHARACTERS = gettext_lazy("Maximaal %(limit_value)d tekens.")


def interpolate_lazy(message, values: dict):
    """``message % values``, worked out (and so translated) only when it is shown."""
    return lazy(lambda: message % values, str)()


def max_length(limit: int) -> dict:
    """Django fills in ``limit_value``: the field's ``max_length``."""
    return {"max_length": MAX_CHARACTERS}


def add_service_errors(form: forms.Form, error: ValidationError, fields: dict | None = None):
    """Show a service's ``ValidationError`` on the form: each message at its field
    (``fields`` maps the service's names to the form's), the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = (fields or {}).get(name, name)
        form.add_error(target if target in form.fields else None, errors)


# --- Series --------------------------------------------------------------------------------


class SeriesForm(OnceForm):
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        help_text=gettext_lazy(
            "Van de titel maken we ook het adres van de pagina. Dat adres blijft "
            "daarna hetzelfde, ook als je de titel verandert."
        ),
        error_messages={"required": gettext_lazy("Vul een titel in."), **max_length(200)},
    )
    summary = forms.CharField(
        label=gettext_lazy("Korte omschrijving"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Eén of twee zinnen. Staat in het overzicht van alle reeksen."),
        error_messages={
            "required": gettext_lazy("Vul een korte omschrijving in."),
            **max_length(400),
        },
    )
    introduction = forms.CharField(
        label=gettext_lazy("Inleiding"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            "{} {}", gettext_lazy("Staat bovenaan de pagina van de reeks."), TEXT_HINT
        ),
        error_messages={"required": gettext_lazy("Vul een inleiding in."), **max_length(20000)},
    )
    organisers = forms.CharField(
        label=gettext_lazy("Organisatoren"),
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: Hogeschool Utrecht en gemeente Nieuwegein."),
        error_messages={
            "required": gettext_lazy("Vul in wie de reeks organiseert."),
            **max_length(300),
        },
    )
    partner = forms.CharField(
        label=gettext_lazy("Partner"),
        max_length=300,
        required=False,
        error_messages=max_length(300),
    )
    joining_tips = forms.CharField(
        label=gettext_lazy("Tips om mee te doen"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(
            "{} {}",
            gettext_lazy(
                "Staan in de herinnering met de link naar de sessie, een dag van tevoren."
            ),
            TEXT_HINT,
        ),
        error_messages=max_length(5000),
    )
    is_published = forms.BooleanField(
        label=gettext_lazy("Gepubliceerd: bezoekers zien de reeks en kunnen zich aanmelden"),
        required=False,
    )

    @classmethod
    def initial_of(cls, series: SessionSeries) -> dict:
        return {name: getattr(series, name) for name in cls.base_fields if name != "form_token"}

    def series_values(self) -> dict:
        """What the services take: everything but the one-time token."""
        return {k: v for k, v in self.cleaned_data.items() if k != "form_token"}


def organiser_page(item) -> str:
    """Where a repeated "create" form goes: the organisers' page of what the first made
    (the public page of a series answers 404 until it is published)."""
    if isinstance(item, Session):
        return reverse("sessions:organiser_series", args=[item.series_id])
    return reverse("sessions:organiser_series", args=[item.pk])


class SeriesCreateView(OnceOnlyMixin, OrganiserPageMixin, FormView):
    template_name = "sessions_app/organiser/series_form.html"
    form_class = SeriesForm

    def get_breadcrumbs(self):
        return workspace_trail((_("Nieuwe reeks"), None))

    def form_valid(self, form):
        try:
            series, repeat = self.create_once(
                form,
                lambda: plans.series_create(actor=self.request.user, **form.series_values()),
                fallback=reverse("sessions:organiser_series_list"),
                url=organiser_page,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if repeat:
            return repeat
        done = _('De reeks "%(title)s" is gemaakt. Voeg nu de sessies toe.') % {
            "title": series.title
        }
        if not series.is_published:
            done += " " + _("Bezoekers zien de reeks pas als je hem publiceert.")
        messages.success(self.request, done)
        return redirect("sessions:organiser_series", pk=series.pk)


class SeriesUpdateView(OrganiserPageMixin, SeriesObjectMixin, FormView):
    template_name = "sessions_app/organiser/series_form.html"
    form_class = SeriesForm

    def get_breadcrumbs(self):
        return series_trail(self.series, (_("Wijzigen"), None))

    def get_initial(self):
        return SeriesForm.initial_of(self.series)

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.series, **kwargs)

    def form_valid(self, form):
        try:
            changed = plans.series_update(
                series=self.series, actor=self.request.user, **form.series_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if not changed:
            messages.info(self.request, _("Je hebt niets veranderd."))
        else:
            done = _("De reeks is opgeslagen.")
            if "is_published" in changed:
                done += " " + (
                    _("Hij is nu gepubliceerd: bezoekers zien hem en kunnen zich aanmelden.")
                    if form.cleaned_data["is_published"]
                    else _("Bezoekers zien hem nu niet meer.")
                )
            messages.success(self.request, done)
        return redirect("sessions:organiser_series", pk=self.series.pk)


class SeriesCopyForm(OnceForm):
    weeks = forms.IntegerField(
        label=gettext_lazy("Hoeveel weken later?"),
        widget=forms.NumberInput(
            attrs={"min": 1, "max": plans.MAX_COPY_WEEKS, "inputmode": "numeric"}
        ),
        help_text=gettext_lazy(
            "Elke sessie schuift zoveel weken op, op dezelfde dag van de week en op "
            "dezelfde tijd. 52 weken is een jaar later."
        ),
        error_messages={
            "required": gettext_lazy("Vul in hoeveel weken later de nieuwe ronde is."),
            "invalid": interpolate_lazy(
                gettext_lazy("Vul een heel getal in, van 1 tot en met %(limit)s."),
                {"limit": plans.MAX_COPY_WEEKS},
            ),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Titel van de nieuwe ronde"),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul een titel in."), **max_length(200)},
    )


class SeriesCopyView(OnceOnlyMixin, OrganiserPageMixin, SeriesObjectMixin, FormView):
    template_name = "sessions_app/organiser/series_copy.html"
    form_class = SeriesCopyForm

    def get_breadcrumbs(self):
        return series_trail(self.series, (_("Kopiëren"), None))

    def get_initial(self):
        return {"weeks": plans.copy_weeks_default(self.series), "title": self.series.title}

    def get_context_data(self, **kwargs):
        sessions = list(self.series.sessions.order_by("order"))
        return super().get_context_data(
            series=self.series,
            sessions=[s for s in sessions if not s.is_cancelled],
            cancelled=[s for s in sessions if s.is_cancelled],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            copy, repeat = self.create_once(
                form,
                lambda: plans.series_copy(
                    series=self.series,
                    weeks=form.cleaned_data["weeks"],
                    title=form.cleaned_data["title"],
                    actor=self.request.user,
                ),
                fallback=reverse("sessions:organiser_series_list"),
                url=organiser_page,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if repeat:
            return repeat
        messages.success(
            self.request,
            _(
                'De nieuwe ronde "%(title)s" is gemaakt. Hij is nog niet gepubliceerd. Vul '
                "bij elke sessie de nieuwe link naar de online sessie in."
            )
            % {"title": copy.title},
        )
        return redirect("sessions:organiser_series", pk=copy.pk)


# --- Sessions ------------------------------------------------------------------------------


class PhaseChoiceField(ShownTitleChoiceField):
    """A phase by the title the page shows; refuses a value no row can have before it
    asks the database."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"[0-9]{1,18}", str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


STARTED_HINT = gettext_lazy("Deze sessie is al begonnen: dit kan niet meer veranderen.")


class SessionForm(OnceForm):
    order = forms.IntegerField(
        label=gettext_lazy("Nummer"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        help_text=gettext_lazy("De plaats van de sessie in de reeks: 1 is de eerste."),
        error_messages={"invalid": gettext_lazy("Vul een heel getal in, zoals 3.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul een titel in."), **max_length(200)},
    )
    phase = PhaseChoiceField(
        label=gettext_lazy("Fase van de routekaart"),
        queryset=Phase.objects.published(),
        required=False,
        empty_label=gettext_lazy("Geen fase"),
        error_messages={"invalid_choice": gettext_lazy("Kies een fase uit de lijst.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=TEXT_HINT,
        error_messages=max_length(10000),
    )
    speaker = forms.CharField(
        label=gettext_lazy("Gast"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Wie vertelt er, van welke organisatie?"),
        error_messages=max_length(300),
    )
    date = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de datum in."),
            "invalid": gettext_lazy("Vul een datum in, zoals 2027-06-11."),
        },
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": gettext_lazy("Vul de begintijd in."),
            "invalid": gettext_lazy("Vul een tijd in, zoals 13:30."),
        },
    )
    end_time = forms.TimeField(
        label=gettext_lazy("Eindtijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": gettext_lazy("Vul de eindtijd in."),
            "invalid": gettext_lazy("Vul een tijd in, zoals 14:30."),
        },
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Aantal plaatsen"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_CAPACITY, "inputmode": "numeric"}),
        help_text=gettext_lazy(
            "Leeg: geen maximum. Is de sessie vol, dan komen nieuwe aanmeldingen op de "
            "wachtlijst. Meer plaatsen: wie op de wachtlijst staat, schuift door en krijgt een "
            "e-mail."
        ),
        error_messages={"invalid": gettext_lazy("Vul een heel getal in, of laat het veld leeg.")},
    )
    meeting_url = forms.CharField(
        label=gettext_lazy("Link naar de online sessie"),
        max_length=plans.URL_LENGTH,
        required=False,
        widget=forms.URLInput,
        help_text=gettext_lazy(
            "Begint met https://. Nooit openbaar: alleen wie is aangemeld krijgt de "
            "link, een dag van tevoren in de herinnering."
        ),
        error_messages=max_length(plans.URL_LENGTH),
    )

    # Where the service's errors go: the start is the date and start time together.
    SERVICE_FIELDS = {"starts_at": "date", "ends_at": "end_time"}
    # Fixed once the session has started.
    TIME_FIELDS = ("date", "start_time", "end_time", "capacity")
    COPIED_FIELDS = ("order", "title", "phase", "description", "speaker", "capacity", "meeting_url")

    def __init__(self, *args, session: Session | None = None, **kwargs):
        self.session = session
        if session is not None:
            start = session.starts_at.astimezone(plans.local_zone())
            end = session.ends_at.astimezone(plans.local_zone())
            kwargs["initial"] = {
                **{name: getattr(session, name) for name in self.COPIED_FIELDS},
                "date": start.date(),
                "start_time": start.time(),
                "end_time": end.time(),
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        if session is not None and session.has_started:
            for name in self.TIME_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = STARTED_HINT

    def _moment(self, day, clock, original):
        """The moment typed in; the stored one when it shows the same on the clock (the
        form has no seconds)."""
        if original is not None:
            local = original.astimezone(plans.local_zone())
            start_day = self.session.starts_at.astimezone(plans.local_zone()).date()
            # A form shows neither microseconds nor, in the time inputs, seconds.
            stored = local.time().replace(microsecond=0)
            if day == start_day and clock in (stored, stored.replace(second=0)):
                return original
        return plans.local_datetime(day, clock)

    def details(self) -> plans.SessionDetails:
        data = self.cleaned_data
        session = self.session
        return plans.SessionDetails(
            order=data["order"],
            title=data["title"],
            phase=data["phase"],
            description=data["description"],
            speaker=data["speaker"],
            starts_at=self._moment(data["date"], data["start_time"], session and session.starts_at),
            ends_at=self._moment(data["date"], data["end_time"], session and session.ends_at),
            capacity=data["capacity"],
            meeting_url=data["meeting_url"],
        )

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error, self.SERVICE_FIELDS)


class SessionCreateView(OnceOnlyMixin, OrganiserPageMixin, SeriesObjectMixin, FormView):
    template_name = "sessions_app/organiser/session_form.html"
    form_class = SessionForm

    def get_breadcrumbs(self):
        return series_trail(self.series, (_("Nieuwe sessie"), None))

    def get_initial(self):
        return {"order": plans.session_next_order(self.series)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.series, **kwargs)

    def form_valid(self, form):
        try:
            session, repeat = self.create_once(
                form,
                lambda: plans.session_create(
                    series=self.series, details=form.details(), actor=self.request.user
                ),
                fallback=organiser_page(self.series),
                url=organiser_page,
            )
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        if repeat:
            return repeat
        messages.success(
            self.request,
            _('Sessie %(order)s, "%(title)s", is toegevoegd.')
            % {"order": session.order, "title": session.title},
        )
        return redirect("sessions:organiser_series", pk=self.series.pk)


class SessionUpdateView(OrganiserPageMixin, SessionObjectMixin, FormView):
    template_name = "sessions_app/organiser/session_form.html"
    confirm_template_name = "sessions_app/organiser/session_change_confirm.html"
    form_class = SessionForm

    def get_breadcrumbs(self):
        return session_trail(self.session, (_("Wijzigen"), None))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.session}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            series=self.session.series,
            active_count=self.session.seats.active().count(),
            **kwargs,
        )

    def refuse_cancelled(self):
        messages.error(self.request, _("Deze sessie is afgelast. Je kunt hem niet meer wijzigen."))
        return redirect("sessions:organiser_session", pk=self.session.pk)

    def get(self, request, *args, **kwargs):
        if self.session.is_cancelled:
            return self.refuse_cancelled()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.session.is_cancelled:
            return self.refuse_cancelled()
        form = self.get_form()
        if not form.is_valid() or "back" in request.POST:
            return self.form_invalid(form)
        try:
            result = plans.session_update(
                session=self.session,
                details=form.details(),
                actor=request.user,
                confirmed=request.POST.get("confirm") == "1",
            )
        except plans.ConfirmationRequired as needed:
            return TemplateResponse(
                request,
                self.confirm_template_name,
                self.get_context_data(form=form, change=needed.change),
            )
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        if result.change.changed:
            messages.success(request, self.done_message(result))
        else:
            messages.info(request, _("Je hebt niets veranderd."))
        return redirect("sessions:organiser_session", pk=self.session.pk)

    @staticmethod
    def done_message(result: plans.SessionUpdateResult) -> str:
        change = result.change
        done = [_("De sessie is opgeslagen.")]
        if change.recipients:
            done.append(
                ngettext(
                    "%(count)s deelnemer krijgt een e-mail met de nieuwe gegevens.",
                    "%(count)s deelnemers krijgen een e-mail met de nieuwe gegevens.",
                    change.recipients,
                )
                % {"count": change.recipients}
            )
        if result.promoted:
            done.append(promoted_message(result.promoted))
        return " ".join(done)

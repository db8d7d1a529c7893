"""Series and sessions in /beheer/. What carries rules (cancelling, the number of seats
and with it the waiting list) is read only here and changes through the actions, which
call the services; registrations and seats are not in the admin at all."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.admin import service_action
from cocreatie.core.editor import FormattedTextAdminMixin
from sessions_app import announcements, services
from sessions_app.forms import SessionCancelForm, SessionCapacityForm
from sessions_app.models import Evaluation, Session, SessionSeries

# Meeting links without a scheme are read as https:// (Django 6's default, today).
URL_FIELDS = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}

CAPACITY_LOCKED = gettext_lazy(
    "Wijzig het aantal plaatsen met de actie 'Aantal plaatsen wijzigen' in de lijst met "
    "sessies, of op de pagina met aanmeldingen: dan schuift de wachtlijst mee door."
)


def _formfield(db_field, **kwargs):
    return db_field.formfield(**{**URL_FIELDS.get(type(db_field), {}), **kwargs})


class SessionAdminForm(forms.ModelForm):
    """The status changes only through the services (cancelling). The number of seats is
    set when a session is created; afterwards only through
    ``services.session_capacity_change``, which moves the waiting list up."""

    class Meta:
        model = Session
        # Not "status": it changes only by cancelling (the action below).
        fields = [
            "series",
            "order",
            "title",
            "phase",
            "description",
            "speaker",
            "starts_at",
            "ends_at",
            "capacity",
            "meeting_url",
        ]
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "capacity" in self.fields:
            self.fields["capacity"].disabled = True
            self.fields["capacity"].help_text = CAPACITY_LOCKED


class SessionInline(FormattedTextAdminMixin, admin.StackedInline):
    model = Session
    form = SessionAdminForm
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = [
        ("order", "title"),
        ("phase", "speaker"),
        ("starts_at", "ends_at"),
        ("capacity", "status"),
        "description",
        "meeting_url",
    ]
    readonly_fields = ["status"]
    ordering = ["order"]


@admin.register(SessionSeries)
class SessionSeriesAdmin(FormattedTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "is_published", "organisers"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "organisers", "partner"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Published for the first time: the members hear of it, once.
        announcements.series_announce(series=obj, actor=request.user)


@admin.register(Session)
class SessionAdmin(FormattedTextAdminMixin, admin.ModelAdmin):
    form = SessionAdminForm
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "series", "starts_at", "capacity", "state", "registrations"]
    list_filter = ["status", "series"]
    search_fields = ["title", "speaker", "series__title"]
    list_select_related = ["series"]
    readonly_fields = ["status", "ics_sequence"]

    @admin.display(description=gettext_lazy("status"))
    def state(self, session):
        """As on every page: "Afgelopen" once it is over, whatever was stored."""
        return session.state_label

    actions = [
        service_action(
            name="cancel_sessions",
            description=gettext_lazy("Afgelasten"),
            form_class=SessionCancelForm,
            apply=lambda request, session, message: services.session_cancel(
                session=session, message=message, actor=request.user
            ),
        ),
        service_action(
            name="change_capacity",
            description=gettext_lazy("Aantal plaatsen wijzigen"),
            form_class=SessionCapacityForm,
            apply=lambda request, session, capacity: services.session_capacity_change(
                session=session, capacity=capacity, actor=request.user
            ),
        ),
    ]

    @admin.display(description=gettext_lazy("aanmeldingen"))
    def registrations(self, session):
        url = reverse("sessions:organiser_session", args=[session.pk])
        return format_html('<a href="{}">{}</a>', url, _("Bekijk aanmeldingen"))


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["session", "score", "created_at"]
    list_filter = ["session__series", "score"]
    readonly_fields = ["session", "seat", "score", "keep", "improve", "created_at"]

    def has_add_permission(self, request):
        return False

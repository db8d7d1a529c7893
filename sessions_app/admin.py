from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from sessions_app.models import Evaluation, Session, SessionSeries

# Meeting links without a scheme are read as https:// (Django 6's default, today).
URL_FIELDS = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}


class SessionInline(admin.StackedInline):
    model = Session
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
    ordering = ["order"]


@admin.register(SessionSeries)
class SessionSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "organisers"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "organisers", "partner"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "series", "starts_at", "capacity", "status", "registrations"]
    list_filter = ["status", "series"]
    search_fields = ["title", "speaker", "series__title"]
    list_select_related = ["series"]
    readonly_fields = ["ics_sequence"]

    @admin.display(description="aanmeldingen")
    def registrations(self, session):
        url = reverse("sessions:organiser_session", args=[session.pk])
        return format_html('<a href="{}">Bekijk aanmeldingen</a>', url)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["session", "score", "created_at"]
    list_filter = ["session__series", "score"]
    readonly_fields = ["session", "seat", "score", "keep", "improve", "created_at"]

    def has_add_permission(self, request):
        return False

"""/organiseren/…: included by ``sessions_app.urls``, so the names are ``sessions:…``."""

from django.urls import path, register_converter

from cocreatie.core.converters import WordConverter
from sessions_app.organiser import attendance, messaging, planning, reports, series, sessions


class SessionActionConverter(WordConverter):
    regex = "afgelasten|plaatsen"


register_converter(SessionActionConverter, "session_action")

urlpatterns = [
    path("", series.OrganiserSeriesListView.as_view(), name="organiser_series_list"),
    # Series
    path("reeksen/nieuw/", planning.SeriesCreateView.as_view(), name="organiser_series_create"),
    path("reeksen/<int:pk>/", series.OrganiserSeriesView.as_view(), name="organiser_series"),
    path(
        "reeksen/<int:pk>/wijzigen/",
        planning.SeriesUpdateView.as_view(),
        name="organiser_series_edit",
    ),
    path(
        "reeksen/<int:pk>/kopieren/",
        planning.SeriesCopyView.as_view(),
        name="organiser_series_copy",
    ),
    path(
        "reeksen/<int:pk>/sessies/nieuw/",
        planning.SessionCreateView.as_view(),
        name="organiser_session_create",
    ),
    path(
        "reeksen/<int:pk>/aanmeldingen/",
        reports.SeriesRegistrationsView.as_view(),
        name="organiser_series_registrations",
    ),
    path(
        "reeksen/<int:pk>/aanmeldingen.csv",
        reports.SeriesExportView.as_view(),
        name="organiser_series_export",
    ),
    path(
        "reeksen/<int:pk>/evaluatie/",
        reports.SeriesEvaluationView.as_view(),
        name="organiser_series_evaluation",
    ),
    path("reeksen/<int:pk>/mailen/", messaging.MessageComposeView.as_view(), name="organiser_mail"),
    path(
        "reeksen/<int:pk>/berichten/",
        messaging.MessageHistoryView.as_view(),
        name="organiser_mail_history",
    ),
    path("berichten/<int:pk>/", messaging.MessageDetailView.as_view(), name="organiser_message"),
    # Sessions
    path("sessies/<int:pk>/", sessions.OrganiserSessionView.as_view(), name="organiser_session"),
    path(
        "sessies/<int:pk>/wijzigen/",
        planning.SessionUpdateView.as_view(),
        name="organiser_session_edit",
    ),
    path(
        "sessies/<int:pk>/aanwezig/",
        attendance.AttendanceView.as_view(),
        name="organiser_attendance",
    ),
    path(
        "sessies/<int:pk>/<session_action:action>/",
        sessions.OrganiserSessionActionView.as_view(),
        name="organiser_session_action",
    ),
    path(
        "sessies/<int:pk>/afmelden/<int:seat_pk>/",
        sessions.OrganiserSeatCancelView.as_view(),
        name="organiser_seat_cancel",
    ),
    path(
        "sessies/<int:pk>/aanmeldingen.csv",
        sessions.OrganiserExportView.as_view(),
        name="organiser_export",
    ),
]

from django.urls import path, register_converter

from cocreatie.core.converters import TokenConverter, WordConverter
from sessions_app import views


class OrganiserActionConverter(WordConverter):
    regex = "mailen|afgelasten|plaatsen"


register_converter(OrganiserActionConverter, "organiser_action")
register_converter(TokenConverter, "token")

app_name = "sessions"

urlpatterns = [
    path("sessies/", views.SeriesListView.as_view(), name="series_list"),
    path(
        "sessies/mijn-aanmeldingen/",
        views.MyRegistrationsView.as_view(),
        name="my_registrations",
    ),
    path(
        "sessies/aanmelding/<token:token>/",
        views.RegistrationView.as_view(),
        name="registration",
    ),
    path(
        "sessies/aanmelding/<token:token>/toevoegen/",
        views.RegistrationAddView.as_view(),
        name="registration_add",
    ),
    path(
        "sessies/aanmelding/<token:token>/afmelden/<int:seat_pk>/",
        views.SeatCancelView.as_view(),
        name="seat_cancel",
    ),
    path(
        "sessies/aanmelding/<token:token>/evaluatie/<int:order>/",
        views.EvaluationView.as_view(),
        name="evaluation",
    ),
    path("sessies/<slug:slug>/", views.SeriesDetailView.as_view(), name="series_detail"),
    path("sessies/<slug:slug>/aanmelden/", views.RegisterView.as_view(), name="register"),
    path("sessies/<slug:slug>/aangemeld/", views.RegisteredView.as_view(), name="registered"),
    path("sessies/<slug:slug>/agenda.ics", views.series_ics, name="series_ics"),
    path("sessies/<slug:slug>/sessie-<int:order>.ics", views.session_ics, name="session_ics"),
    path(
        "moderatie/sessies/",
        views.OrganiserSeriesListView.as_view(),
        name="organiser_series_list",
    ),
    path(
        "moderatie/sessies/<int:pk>/",
        views.OrganiserSessionView.as_view(),
        name="organiser_session",
    ),
    path(
        "moderatie/sessies/<int:pk>/<organiser_action:action>/",
        views.OrganiserSessionActionView.as_view(),
        name="organiser_session_action",
    ),
    path(
        "moderatie/sessies/<int:pk>/afmelden/<int:seat_pk>/",
        views.OrganiserSeatCancelView.as_view(),
        name="organiser_seat_cancel",
    ),
    path(
        "moderatie/sessies/<int:pk>/aanmeldingen.csv",
        views.OrganiserExportView.as_view(),
        name="organiser_export",
    ),
]

from django.urls import include, path, register_converter

from cocreatie.core.converters import TokenConverter, WordConverter
from sessions_app import views
from sessions_app.organiser import urls as organiser_urls


class CertificateCodeConverter(WordConverter):
    regex = "[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"


register_converter(TokenConverter, "token")
register_converter(CertificateCodeConverter, "certificate_code")

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
        "sessies/aanmelding/<token:token>/deelnamebewijs.pdf",
        views.CertificateDownloadView.as_view(),
        name="certificate",
    ),
    path(
        "deelnamebewijs/<certificate_code:code>/",
        views.CertificateVerifyView.as_view(),
        name="certificate_verify",
    ),
    path("organiseren/", include(organiser_urls)),
]

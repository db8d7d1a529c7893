from django.urls import path

from community.sso import views

app_name = "sso"

urlpatterns = [
    path("koppelen/", views.LinkView.as_view(), name="link"),
    path("koppelen/<str:token>/", views.LinkConfirmView.as_view(), name="link_confirm"),
    path("uitgelogd/<slug:provider_id>/", views.logged_out, name="logged_out"),
]

from django.urls import path

from roadmap import views

app_name = "roadmap"

urlpatterns = [
    path("roadmap/", views.RoadmapView.as_view(), name="index"),
    path("roadmap/<slug:slug>/", views.PhaseDetailView.as_view(), name="phase_detail"),
    path("uitdagingen/", views.ChallengeListView.as_view(), name="challenge_list"),
    path("uitdagingen/<slug:slug>/", views.ChallengeDetailView.as_view(), name="challenge_detail"),
    path("voorbeelden/", views.ExampleListView.as_view(), name="example_list"),
    path("voorbeelden/<slug:slug>/", views.ExampleDetailView.as_view(), name="example_detail"),
    path("hulpmiddelen/", views.ToolListView.as_view(), name="tool_list"),
    path("hulpmiddelen/<slug:slug>/", views.ToolDetailView.as_view(), name="tool_detail"),
    path("themas/", views.ThemeListView.as_view(), name="theme_list"),
    path("themas/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("artikelen/", views.ArticleListView.as_view(), name="article_list"),
    path("artikelen/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
]

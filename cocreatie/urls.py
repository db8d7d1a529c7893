from allauth import urls as allauth_urls
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, include, path

from cocreatie import views
from cocreatie.api import reference
from cocreatie.api.v1 import api
from cocreatie.core.language import switch_language
from cocreatie.feeds import LatestKnowledgeFeed
from cocreatie.sitemaps import SITEMAPS

# The administration signs in through the site's own login (with two-factor
# authentication for moderators) instead of its bare username form.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Cocreatie beheer"
admin.site.site_title = "Cocreatie beheer"
admin.site.index_title = "Beheer"

# allauth's pages, without its unnamed redirects from old addresses this site never had.
ACCOUNT_URLS = [p for p in allauth_urls.urlpatterns if not isinstance(p, URLPattern) or p.name]

# Addresses that are the same in every language (machines read them, or they choose it).
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("taal/", switch_language, name="switch_language"),
    path("beheer/", admin.site.urls),
    # The open data API: language-neutral, outside the language prefixes.
    path("api/v1/", api.urls),
]
# The pages people read: in Dutch at the plain address, in English under /en/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("feed/", LatestKnowledgeFeed(), name="feed"),
    path("zoeken/", views.SearchView.as_view(), name="search"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("open-data/", reference.ApiReferenceView.as_view(), name="api_reference"),
    path("", include("roadmap.urls")),
    path("", include("community.urls")),
    path("", include("sessions_app.urls")),
    path("", include("planner.urls")),
    path("account/sso/", include("community.sso.urls")),
    path("account/", include(ACCOUNT_URLS)),
    prefix_default_language=False,
)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class SiteConfig(AppConfig):
    """The site on top of the apps: home, search page, information pages, tag pages,
    feeds, sitemaps and the demo content. It has no models of its own."""

    name = "cocreatie"
    label = "site"
    verbose_name = gettext_lazy("Site")

    def ready(self):
        from cocreatie.core import pagecache

        # The administration, the account pages and the health check are never cached;
        # static files are answered before the page cache, except in development.
        pagecache.never_cache_paths("/beheer/", "/account/", "/healthz", "/static/")

        from cocreatie.api import scopes

        scopes.register()

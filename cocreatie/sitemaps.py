from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from roadmap.models import Article, Challenge, Example, Phase, Theme, Tool


class LanguagesSitemap(Sitemap):
    """Every page in each language, each listing the others (``hreflang`` alternates)."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(LanguagesSitemap):
    """Pages without a model of their own."""

    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "roadmap:index",
            "roadmap:challenge_list",
            "roadmap:example_list",
            "roadmap:tool_list",
            "roadmap:theme_list",
            "roadmap:article_list",
            "privacy",
            "accessibility",
            "contact",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(LanguagesSitemap):
    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def sitemap_for(model):
    return type(f"{model.__name__}Sitemap", (PublishedSitemap,), {"model": model})


SITEMAPS = {
    "pages": PagesSitemap,
    **{
        model._meta.model_name: sitemap_for(model)
        for model in (Phase, Challenge, Example, Tool, Theme, Article)
    },
}

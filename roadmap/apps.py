from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The page-cache scope of the knowledge base: any change to it raises this one.
PAGE_SCOPE = "knowledge"
PATHS = ("/roadmap/", "/uitdagingen/", "/voorbeelden/", "/hulpmiddelen/", "/themas/", "/artikelen/")


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Kennisbank")

    def ready(self):
        from cocreatie.core import content, following, pagecache, search, tags
        from roadmap import models

        search.register(
            models.Phase,
            plural=_("Fasen"),
            depends_on=[(models.GuidingQuestion, "phase")],
            children=lambda phase: phase.questions.select_related("phase"),
        )
        search.register(models.GuidingQuestion, plural=_("Vragen"))
        for model, plural in (
            (models.Challenge, _("Uitdagingen")),
            (models.Example, _("Voorbeelden")),
            (models.Tool, _("Hulpmiddelen")),
            (models.Theme, _("Thema's")),
            (models.Article, _("Artikelen")),
        ):
            search.register(model, plural=plural)

        for order, (model, key, label, plural) in enumerate(
            [
                (models.Challenge, "uitdaging", _("Uitdaging"), _("Uitdagingen")),
                (models.Phase, "fase", _("Fase"), _("Fasen")),
                (models.Theme, "thema", _("Thema"), _("Thema's")),
            ]
        ):
            following.register(
                model, key=key, label=label, plural=plural, order=order * 10,
                queryset=model.objects.published,
            )  # fmt: skip

        content.register_app(self.label, scopes=(PAGE_SCOPE,))
        pagecache.register_paths(*PATHS, scopes=(PAGE_SCOPE,))

        for order, (model, heading) in enumerate(
            [
                (models.Phase, _("Fasen")),
                (models.Challenge, _("Uitdagingen")),
                (models.Example, _("Voorbeelden")),
                (models.Tool, _("Hulpmiddelen")),
                (models.Theme, _("Thema's")),
                (models.Article, _("Artikelen")),
            ]
        ):
            tags.register(
                model, heading=heading, order=(order + 1) * 10, template="roadmap/_item.html"
            )

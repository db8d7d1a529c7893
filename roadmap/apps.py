from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Kennisbank"

    def ready(self):
        from cocreatie import search
        from roadmap import models

        search.register(models.Phase, depends_on=[(models.GuidingQuestion, "phase")])
        for model in (
            models.Challenge,
            models.Example,
            models.Tool,
            models.Theme,
            models.Article,
        ):
            search.register(model)

import factory

from roadmap.models import Article, Challenge, Example, GuidingQuestion, Phase, Theme, Tool


class KnowledgeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"item-{n}")
    title = factory.Sequence(lambda n: f"Onderwerp {n}")
    summary = "Een korte samenvatting."
    body = "Een tekst met **nadruk**."

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class PhaseFactory(KnowledgeItemFactory):
    class Meta:
        model = Phase

    slug = factory.Sequence(lambda n: f"fase-{n}")
    title = factory.Sequence(lambda n: f"Fase {n}")
    order = factory.Sequence(lambda n: n + 1)
    short_title = "Kort"


class GuidingQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidingQuestion

    phase = factory.SubFactory(PhaseFactory)
    order = factory.Sequence(int)
    question = factory.Sequence(lambda n: f"Hoe begin ik met stap {n}?")
    answer = "Begin klein."
    steps = "Maak een lijst\nBel iemand op"


class ToolFactory(KnowledgeItemFactory):
    class Meta:
        model = Tool

    slug = factory.Sequence(lambda n: f"hulpmiddel-{n}")
    title = factory.Sequence(lambda n: f"Hulpmiddel {n}")
    kind = Tool.Kind.METHOD


class ExampleFactory(KnowledgeItemFactory):
    class Meta:
        model = Example

    slug = factory.Sequence(lambda n: f"voorbeeld-{n}")
    title = factory.Sequence(lambda n: f"Voorbeeld {n}")
    country = "Nederland"
    place = "Houten"


class ChallengeFactory(KnowledgeItemFactory):
    class Meta:
        model = Challenge

    slug = factory.Sequence(lambda n: f"uitdaging-{n}")
    title = factory.Sequence(lambda n: f"Uitdaging {n}")
    number = factory.Sequence(lambda n: n + 1)


class ArticleFactory(KnowledgeItemFactory):
    class Meta:
        model = Article

    slug = factory.Sequence(lambda n: f"artikel-{n}")
    title = factory.Sequence(lambda n: f"Artikel {n}")
    kind = Article.Kind.BACKGROUND


class ThemeFactory(KnowledgeItemFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"thema-{n}")
    title = factory.Sequence(lambda n: f"Thema {n}")
    order = factory.Sequence(int)

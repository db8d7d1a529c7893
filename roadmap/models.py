"""The curated knowledge base: the co-creation cycle and what helps along the way."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from taggit.managers import TaggableManager

from cocreatie.core.i18n import ShownText, for_others
from cocreatie.core.markdown import MarkdownFieldsMixin, markdown_to_text

# The language of the English versions of titles and summaries (``<field>_en``).
ENGLISH = "en"


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class KnowledgeItem(MarkdownFieldsMixin, models.Model):
    """What every knowledge-base item has: a page, a summary, a Markdown body, tags."""

    slug = models.SlugField(gettext_lazy("korte naam in het adres"), max_length=120, unique=True)
    title = models.CharField(gettext_lazy("titel"), max_length=200)
    summary = models.TextField(
        gettext_lazy("samenvatting"),
        max_length=600,
        help_text=gettext_lazy("Eén of twee zinnen, zonder opmaak."),
    )
    body = models.TextField(gettext_lazy("tekst"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    is_published = models.BooleanField(gettext_lazy("gepubliceerd"), default=True)
    created_at = models.DateTimeField(gettext_lazy("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("gewijzigd"), auto_now=True)

    tags = TaggableManager(
        gettext_lazy("tags"), blank=True, help_text=gettext_lazy("Gescheiden door komma's.")
    )

    objects = PublishedQuerySet.as_manager()

    # Markdown fields rendered into ``<name>_html`` on save.
    markdown_fields = ("body",)
    # Label of the kind of item, shown in search results and tag pages.
    kind_label = ""
    # Fields with an English version in ``<field>_en`` (see ``shown``). The rest of an
    # item, and every field of the other kinds, is Dutch in every language.
    english_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def shown(self, field: str) -> ShownText:
        """``field`` as the page shows it: on an English page its English version when
        that is filled in, otherwise the Dutch. For display only: the search index, the
        feeds, the action log and notifications use the Dutch field itself."""
        if field in self.english_fields and translation.get_language() == ENGLISH:
            english = getattr(self, f"{field}_{ENGLISH}")
            if english:
                return ShownText(english, ENGLISH)
        return ShownText(getattr(self, field), settings.LANGUAGE_CODE)

    @property
    def shown_title(self) -> ShownText:
        return self.shown("title")

    @property
    def shown_summary(self) -> ShownText:
        return self.shown("summary")

    def search_text(self) -> str:
        """Everything a visitor could search for besides title and summary."""
        return self.markdown_text()

    def search_phases(self):
        """The phases the item is about (the search's phase filter)."""
        phases = getattr(self, "phases", None)
        return phases.values_list("slug", flat=True) if phases is not None else ()


class Phase(KnowledgeItem):
    order = models.PositiveSmallIntegerField(gettext_lazy("volgorde"), unique=True)
    short_title = models.CharField(
        gettext_lazy("korte titel"),
        max_length=40,
        help_text=gettext_lazy("Bijvoorbeeld 'Ontwerpen'."),
    )
    title_en = models.CharField(gettext_lazy("titel in het Engels"), max_length=200, blank=True)
    short_title_en = models.CharField(
        gettext_lazy("korte titel in het Engels"), max_length=40, blank=True
    )
    summary_en = models.TextField(
        gettext_lazy("samenvatting in het Engels"), max_length=600, blank=True
    )

    kind_label = gettext_noop("Fase")
    english_fields = ("title", "short_title", "summary")

    class Meta:
        ordering = ["order"]
        verbose_name = gettext_lazy("fase")
        verbose_name_plural = gettext_lazy("fasen")

    def get_absolute_url(self):
        return reverse("roadmap:phase_detail", kwargs={"slug": self.slug})

    def search_text(self):
        questions = " ".join(
            f"{question.question} {markdown_to_text(question.answer)} {question.steps}"
            for question in self.questions.all()
        )
        return f"{super().search_text()} {questions}"

    def search_phases(self):
        return (self.slug,)

    @property
    def shown_short_title(self) -> ShownText:
        return self.shown("short_title")


class GuidingQuestion(MarkdownFieldsMixin, models.Model):
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="questions", verbose_name=gettext_lazy("fase")
    )
    order = models.PositiveSmallIntegerField(gettext_lazy("volgorde"), default=0)
    question = models.CharField(gettext_lazy("vraag"), max_length=300)
    answer = models.TextField(gettext_lazy("antwoord en tips"))
    answer_html = models.TextField(editable=False, blank=True)
    steps = models.TextField(
        gettext_lazy("stappen"), blank=True, help_text=gettext_lazy("Eén stap per regel.")
    )

    markdown_fields = ("answer",)

    class Meta:
        ordering = ["phase__order", "order", "id"]
        verbose_name = gettext_lazy("leidende vraag")
        verbose_name_plural = gettext_lazy("leidende vragen")

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return f"{self.phase.get_absolute_url()}#vraag-{self.pk}"

    # In the site-wide search: a guiding question is found on its own, in its phase.
    kind_label = gettext_noop("Vraag")

    @property
    def title(self):
        return self.question

    @property
    def summary(self):
        # Stored in the search index, which is shared by every language and holds the
        # knowledge base's own (Dutch) texts: always in the site's language, whoever saves.
        with for_others():
            return _("Vraag in de fase %(phase)s") % {"phase": self.phase.title}

    def search_summary(self):
        return self.steps

    def search_text(self):
        return markdown_to_text(self.answer)

    def search_phases(self):
        return (self.phase.slug,)

    @property
    def is_published(self):
        return self.phase.is_published

    @property
    def updated_at(self):
        return self.phase.updated_at

    @property
    def step_list(self):
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class Tool(KnowledgeItem):
    class Kind(models.TextChoices):
        METHOD = "methode", gettext_lazy("Methode")
        WORK_FORM = "werkvorm", gettext_lazy("Werkvorm")
        DIGITAL = "digitaal", gettext_lazy("Digitaal hulpmiddel")
        MEETING = "bijeenkomst", gettext_lazy("Bijeenkomst")
        SPACE = "ruimte", gettext_lazy("Ruimte")

    kind = models.CharField(gettext_lazy("soort"), max_length=20, choices=Kind.choices)
    when_to_use = models.TextField(gettext_lazy("wanneer gebruik je het"), blank=True)
    when_to_use_html = models.TextField(editable=False, blank=True)
    how_to_use = models.TextField(gettext_lazy("zo pak je het aan"), blank=True)
    how_to_use_html = models.TextField(editable=False, blank=True)
    phases = models.ManyToManyField(
        Phase, blank=True, related_name="tools", verbose_name=gettext_lazy("fasen")
    )

    markdown_fields = ("body", "when_to_use", "how_to_use")
    kind_label = gettext_noop("Hulpmiddel")

    class Meta:
        ordering = ["title"]
        verbose_name = gettext_lazy("hulpmiddel")
        verbose_name_plural = gettext_lazy("hulpmiddelen")

    def get_absolute_url(self):
        return reverse("roadmap:tool_detail", kwargs={"slug": self.slug})


class Example(KnowledgeItem):
    country = models.CharField(gettext_lazy("land"), max_length=80, db_index=True)
    place = models.CharField(gettext_lazy("plaats"), max_length=120, blank=True)
    organisation = models.CharField(gettext_lazy("organisatie"), max_length=200, blank=True)
    what_was_done = models.TextField(gettext_lazy("wat er gebeurde"), blank=True)
    what_was_done_html = models.TextField(editable=False, blank=True)
    lessons = models.TextField(gettext_lazy("wat het leerde"), blank=True)
    lessons_html = models.TextField(editable=False, blank=True)
    phases = models.ManyToManyField(
        Phase, blank=True, related_name="examples", verbose_name=gettext_lazy("fasen")
    )
    tools = models.ManyToManyField(
        Tool, blank=True, related_name="examples", verbose_name=gettext_lazy("hulpmiddelen")
    )

    markdown_fields = ("body", "what_was_done", "lessons")
    kind_label = gettext_noop("Voorbeeld")

    class Meta:
        ordering = ["title"]
        verbose_name = gettext_lazy("voorbeeld")
        verbose_name_plural = gettext_lazy("voorbeelden")

    def get_absolute_url(self):
        return reverse("roadmap:example_detail", kwargs={"slug": self.slug})

    @property
    def location(self):
        return ", ".join(part for part in (self.place, self.country) if part)


class Challenge(KnowledgeItem):
    number = models.PositiveSmallIntegerField(gettext_lazy("nummer"), unique=True)
    phases = models.ManyToManyField(
        Phase, blank=True, related_name="challenges", verbose_name=gettext_lazy("fasen")
    )
    examples = models.ManyToManyField(
        Example,
        blank=True,
        related_name="challenges",
        verbose_name=gettext_lazy("voorbeelden"),
        help_text=gettext_lazy("Voorbeelden die laten zien hoe anderen deze uitdaging aanpakten."),
    )
    tools = models.ManyToManyField(
        Tool, blank=True, related_name="challenges", verbose_name=gettext_lazy("hulpmiddelen")
    )
    title_en = models.CharField(gettext_lazy("titel in het Engels"), max_length=200, blank=True)
    summary_en = models.TextField(
        gettext_lazy("samenvatting in het Engels"), max_length=600, blank=True
    )

    kind_label = gettext_noop("Uitdaging")
    english_fields = ("title", "summary")

    class Meta:
        ordering = ["number"]
        verbose_name = gettext_lazy("uitdaging")
        verbose_name_plural = gettext_lazy("uitdagingen")

    def get_absolute_url(self):
        return reverse("roadmap:challenge_detail", kwargs={"slug": self.slug})


class Article(KnowledgeItem):
    class Kind(models.TextChoices):
        BACKGROUND = "achtergrond", gettext_lazy("Achtergrond")
        OPINION = "opinie", gettext_lazy("Opinie")

    kind = models.CharField(gettext_lazy("soort"), max_length=20, choices=Kind.choices)
    author = models.CharField(gettext_lazy("auteur of organisatie"), max_length=200, blank=True)
    published_on = models.DateField(gettext_lazy("datum van verschijnen"), null=True, blank=True)

    kind_label = gettext_noop("Artikel")

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]
        verbose_name = gettext_lazy("artikel")
        verbose_name_plural = gettext_lazy("artikelen")

    def get_absolute_url(self):
        return reverse("roadmap:article_detail", kwargs={"slug": self.slug})


class Theme(KnowledgeItem):
    """An area of the 'landkaart': gathers tools, examples and articles around one topic."""

    order = models.PositiveSmallIntegerField(gettext_lazy("volgorde"), default=0)
    tools = models.ManyToManyField(
        Tool, blank=True, related_name="themes", verbose_name=gettext_lazy("hulpmiddelen")
    )
    examples = models.ManyToManyField(
        Example, blank=True, related_name="themes", verbose_name=gettext_lazy("voorbeelden")
    )
    articles = models.ManyToManyField(
        Article, blank=True, related_name="themes", verbose_name=gettext_lazy("artikelen")
    )

    kind_label = gettext_noop("Thema")

    class Meta:
        ordering = ["order", "title"]
        verbose_name = gettext_lazy("thema")
        verbose_name_plural = gettext_lazy("thema's")

    def get_absolute_url(self):
        return reverse("roadmap:theme_detail", kwargs={"slug": self.slug})

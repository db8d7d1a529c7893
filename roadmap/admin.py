from django.contrib import admin
from django.utils.translation import gettext_lazy
from taggit.managers import TaggableManager

from cocreatie.core.editor import FormattedTextAdminMixin
from cocreatie.core.tags import TagNamesField
from roadmap.models import Article, Challenge, Example, GuidingQuestion, Phase, Theme, Tool


class KnowledgeItemAdmin(FormattedTextAdminMixin, admin.ModelAdmin):
    """Shared screens for moderators: search, filters, slug from the title."""

    list_display = ["title", "is_published", "updated_at"]
    list_filter = ["is_published", "tags"]
    list_editable = ["is_published"]
    search_fields = ["title", "summary", "body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True
    show_facets = admin.ShowFacets.NEVER
    # Tag names without letters or digits are refused here as in the case form.
    formfield_overrides = {TaggableManager: {"form_class": TagNamesField}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")


class EnglishVersionAdminMixin:
    """The English versions of an item's fields (its ``english_fields``) in a fieldset
    of their own, under the Dutch fields."""

    english_fieldset = gettext_lazy("Engelse versie")
    english_description = gettext_lazy(
        "Voor de Engelse pagina's. Laat je een veld leeg, dan staat daar de Nederlandse "
        "tekst. De rest van de pagina blijft in het Nederlands."
    )

    def get_fieldsets(self, request, obj=None):
        english = [f"{name}_en" for name in self.model.english_fields]
        fields = [name for name in self.get_fields(request, obj) if name not in english]
        return [
            (None, {"fields": fields}),
            (
                self.english_fieldset,
                {"fields": english, "description": self.english_description},
            ),
        ]


class GuidingQuestionInline(FormattedTextAdminMixin, admin.StackedInline):
    model = GuidingQuestion
    extra = 0
    fields = ["order", "question", "answer", "steps"]


@admin.register(Phase)
class PhaseAdmin(EnglishVersionAdminMixin, KnowledgeItemAdmin):
    list_display = ["order", "title", "short_title", "is_published", "updated_at"]
    list_display_links = ["title"]
    inlines = [GuidingQuestionInline]


@admin.register(Challenge)
class ChallengeAdmin(EnglishVersionAdminMixin, KnowledgeItemAdmin):
    list_display = ["number", "title", "is_published", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["is_published", "phases", "tags"]
    filter_horizontal = ["phases", "examples", "tools"]


@admin.register(Example)
class ExampleAdmin(KnowledgeItemAdmin):
    list_display = ["title", "country", "place", "is_published", "updated_at"]
    list_filter = ["is_published", "country", "phases", "challenges", "tags"]
    search_fields = [*KnowledgeItemAdmin.search_fields, "country", "place", "organisation"]
    filter_horizontal = ["phases", "tools"]


@admin.register(Tool)
class ToolAdmin(KnowledgeItemAdmin):
    list_display = ["title", "kind", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "phases", "tags"]
    filter_horizontal = ["phases"]


@admin.register(Theme)
class ThemeAdmin(KnowledgeItemAdmin):
    list_display = ["order", "title", "is_published", "updated_at"]
    list_display_links = ["title"]
    filter_horizontal = ["tools", "examples", "articles"]


@admin.register(Article)
class ArticleAdmin(KnowledgeItemAdmin):
    list_display = ["title", "kind", "author", "published_on", "is_published"]
    list_filter = ["is_published", "kind", "tags"]
    search_fields = [*KnowledgeItemAdmin.search_fields, "author"]
    date_hierarchy = "published_on"

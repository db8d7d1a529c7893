from django.contrib import admin
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


class GuidingQuestionInline(FormattedTextAdminMixin, admin.StackedInline):
    model = GuidingQuestion
    extra = 0
    fields = ["order", "question", "answer", "steps"]


@admin.register(Phase)
class PhaseAdmin(KnowledgeItemAdmin):
    list_display = ["order", "title", "short_title", "is_published", "updated_at"]
    list_display_links = ["title"]
    inlines = [GuidingQuestionInline]


@admin.register(Challenge)
class ChallengeAdmin(KnowledgeItemAdmin):
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

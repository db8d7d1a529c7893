from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from cocreatie.core.markdown import render_markdown
from cocreatie.core.related import RelatedSectionsMixin
from cocreatie.core.views import BreadcrumbsMixin, FilterQueryMixin
from roadmap.demo_content import ROADMAP_INTRO
from roadmap.forms import ExampleFilterForm
from roadmap.models import Article, Challenge, Example, Phase, Theme, Tool


class RoadmapView(BreadcrumbsMixin, TemplateView):
    template_name = "roadmap/index.html"
    breadcrumb_label = gettext_lazy("Roadmap")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro_html=render_markdown(ROADMAP_INTRO),
            phases=Phase.objects.published().prefetch_related(
                Prefetch("questions", to_attr="question_list")
            ),
            challenges=Challenge.objects.published(),
            **kwargs,
        )


class PhaseDetailView(RelatedSectionsMixin, BreadcrumbsMixin, DetailView):
    template_name = "roadmap/phase_detail.html"

    def get_queryset(self):
        return Phase.objects.published().prefetch_related(
            "questions",
            "tags",
            Prefetch("challenges", queryset=Challenge.objects.published()),
            Prefetch("examples", queryset=Example.objects.published()),
            Prefetch("tools", queryset=Tool.objects.published()),
        )

    def get_breadcrumbs(self):
        return [(_("Roadmap"), reverse("roadmap:index")), (self.object.shown_title, None)]

    def get_context_data(self, **kwargs):
        phases = list(
            Phase.objects.published().only(
                "slug", "title", "short_title", "title_en", "short_title_en", "order"
            )
        )
        index = next(i for i, phase in enumerate(phases) if phase.pk == self.object.pk)
        return super().get_context_data(
            phases=phases,
            previous_phase=phases[index - 1] if index > 0 else None,
            next_phase=phases[index + 1] if index + 1 < len(phases) else None,
            **kwargs,
        )


class ChallengeListView(BreadcrumbsMixin, ListView):
    template_name = "roadmap/challenge_list.html"
    breadcrumb_label = gettext_lazy("Uitdagingen")
    context_object_name = "challenges"

    def get_queryset(self):
        return (
            Challenge.objects.published()
            .annotate(
                example_count=Count(
                    "examples", filter=Q(examples__is_published=True), distinct=True
                )
            )
            .prefetch_related(Prefetch("phases", queryset=Phase.objects.published()))
        )


class ChallengeDetailView(RelatedSectionsMixin, BreadcrumbsMixin, DetailView):
    template_name = "roadmap/challenge_detail.html"

    def get_queryset(self):
        return Challenge.objects.published().prefetch_related(
            "tags",
            Prefetch("phases", queryset=Phase.objects.published()),
            Prefetch("examples", queryset=Example.objects.published()),
            Prefetch("tools", queryset=Tool.objects.published()),
        )

    def get_breadcrumbs(self):
        return [
            (_("Uitdagingen"), reverse("roadmap:challenge_list")),
            (self.object.shown_title, None),
        ]


class ExampleListView(FilterQueryMixin, BreadcrumbsMixin, ListView):
    """Worked examples, filtered by country, phase, challenge and tag (combinable)."""

    template_name = "roadmap/example_list.html"
    breadcrumb_label = gettext_lazy("Voorbeelden")
    context_object_name = "examples"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.filter_form = ExampleFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        examples = Example.objects.published().prefetch_related(
            Prefetch("phases", queryset=Phase.objects.published())
        )
        # Invalid choices are reported on the form; the valid ones still filter.
        self.filter_form.is_valid()
        return self.filter_form.filter(examples)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class ExampleDetailView(RelatedSectionsMixin, BreadcrumbsMixin, DetailView):
    template_name = "roadmap/example_detail.html"

    def get_queryset(self):
        return Example.objects.published().prefetch_related(
            "tags",
            Prefetch("phases", queryset=Phase.objects.published()),
            Prefetch("challenges", queryset=Challenge.objects.published()),
            Prefetch("tools", queryset=Tool.objects.published()),
            Prefetch("themes", queryset=Theme.objects.published()),
        )

    def get_breadcrumbs(self):
        return [
            (_("Voorbeelden"), reverse("roadmap:example_list")),
            (self.object.shown_title, None),
        ]


class ToolListView(BreadcrumbsMixin, ListView):
    template_name = "roadmap/tool_list.html"
    breadcrumb_label = gettext_lazy("Hulpmiddelen")
    context_object_name = "tools"

    def get_queryset(self):
        return Tool.objects.published().prefetch_related(
            Prefetch("phases", queryset=Phase.objects.published())
        )


class ToolDetailView(RelatedSectionsMixin, BreadcrumbsMixin, DetailView):
    template_name = "roadmap/tool_detail.html"

    def get_queryset(self):
        return Tool.objects.published().prefetch_related(
            "tags",
            Prefetch("phases", queryset=Phase.objects.published()),
            Prefetch("examples", queryset=Example.objects.published()),
            Prefetch("challenges", queryset=Challenge.objects.published()),
            Prefetch("themes", queryset=Theme.objects.published()),
        )

    def get_breadcrumbs(self):
        return [(_("Hulpmiddelen"), reverse("roadmap:tool_list")), (self.object.shown_title, None)]


class ThemeListView(BreadcrumbsMixin, ListView):
    template_name = "roadmap/theme_list.html"
    breadcrumb_label = gettext_lazy("Thema's")
    context_object_name = "themes"

    def get_queryset(self):
        return Theme.objects.published().annotate(
            tool_count=Count("tools", filter=Q(tools__is_published=True), distinct=True),
            example_count=Count("examples", filter=Q(examples__is_published=True), distinct=True),
            article_count=Count("articles", filter=Q(articles__is_published=True), distinct=True),
        )


class ThemeDetailView(BreadcrumbsMixin, DetailView):
    template_name = "roadmap/theme_detail.html"

    def get_queryset(self):
        return Theme.objects.published().prefetch_related(
            "tags",
            Prefetch("tools", queryset=Tool.objects.published()),
            Prefetch("examples", queryset=Example.objects.published()),
            Prefetch("articles", queryset=Article.objects.published()),
        )

    def get_breadcrumbs(self):
        return [(_("Thema's"), reverse("roadmap:theme_list")), (self.object.shown_title, None)]


class ArticleListView(BreadcrumbsMixin, ListView):
    template_name = "roadmap/article_list.html"
    breadcrumb_label = gettext_lazy("Artikelen")
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published()


class ArticleDetailView(BreadcrumbsMixin, DetailView):
    template_name = "roadmap/article_detail.html"

    def get_queryset(self):
        return Article.objects.published().prefetch_related(
            "tags", Prefetch("themes", queryset=Theme.objects.published())
        )

    def get_breadcrumbs(self):
        return [(_("Artikelen"), reverse("roadmap:article_list")), (self.object.shown_title, None)]

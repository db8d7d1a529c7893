"""Site-wide pages: home, search, tag pages, information pages, contact, robots.txt,
security.txt and the health check. The only layer that knows every app."""

import logging
from dataclasses import dataclass
from datetime import UTC, date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView
from taggit.models import Tag

from cocreatie.core import search, tags
from cocreatie.core.i18n import content_label, sentence_with
from cocreatie.core.views import BreadcrumbsMixin, PublicFormMixin
from community import services
from community.forms import ContactForm
from community.models import Case
from roadmap.models import Challenge, Phase, Theme
from sessions_app.models import Session

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """The map into everything: the cycle of phases, the themes, the challenges, and
    what members shared lately (featured cases first)."""

    template_name = "pages/home.html"
    featured_limit = 3
    recent_limit = 4
    sessions_limit = 4

    def get_context_data(self, **kwargs):
        cases = Case.objects.published().for_cards()
        featured = list(
            cases.filter(is_featured=True).order_by("-published_at")[: self.featured_limit]
        )
        recent = cases.exclude(pk__in=[case.pk for case in featured]).order_by("-published_at")
        return super().get_context_data(
            phases=Phase.objects.published(),
            themes=Theme.objects.published(),
            challenges=Challenge.objects.published(),
            upcoming_sessions=Session.objects.open_for_registration()
            .filter(series__is_published=True)
            .select_related("series", "phase")
            .order_by("starts_at")[: self.sessions_limit],
            featured_cases=featured,
            recent_cases=recent[: self.recent_limit],
            **kwargs,
        )


class PrivacyView(BreadcrumbsMixin, TemplateView):
    template_name = "pages/privacy.html"
    breadcrumb_label = gettext_lazy("Privacyverklaring")


@dataclass(frozen=True)
class AccessibilityStatement:
    """The facts of the accessibility statement, after the model of digitoegankelijk.nl.
    Change them here after an audit or a new check."""

    # A: voldoet volledig, B: voldoet gedeeltelijk, C: eerste maatregelen genomen,
    # D: eisen niet nageleefd, E: voldoet niet.
    status: str = "C"
    drawn_up: date = date(2026, 11, 22)
    checked: date = date(2026, 12, 2)
    response_days: int = 5
    solution_weeks: int = 4

    STATUS_LABELS = {
        "A": gettext_lazy("A: voldoet volledig"),
        "B": gettext_lazy("B: voldoet gedeeltelijk"),
        "C": gettext_lazy("C: eerste maatregelen genomen"),
        "D": gettext_lazy("D: eisen niet nageleefd"),
        "E": gettext_lazy("E: voldoet niet"),
    }

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]


class AccessibilityView(BreadcrumbsMixin, TemplateView):
    template_name = "pages/accessibility.html"
    breadcrumb_label = gettext_lazy("Toegankelijkheidsverklaring")
    extra_context = {"statement": AccessibilityStatement()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_url=reverse("contact"), **kwargs)


class ContactView(PublicFormMixin, BreadcrumbsMixin, FormView):
    """The contact form: stored, mailed to the team, confirmed to the sender.

    A filled honeypot gets the same thanks but nothing is stored or sent; more than
    ``rate_limit`` messages an hour from one address get a clear message to wait.
    """

    template_name = "pages/contact.html"
    breadcrumb_label = gettext_lazy("Contact")
    form_class = ContactForm
    rate_scope = "contact"
    rate_limit = 5

    def get_initial(self):
        user = self.request.user
        if not user.is_authenticated:
            return {}
        profile = getattr(user, "profile", None)
        return {
            "email": user.email,
            "name": profile.display_name if profile else "",
            "organisation": profile.organisation.name if profile and profile.organisation else "",
        }

    def get_rate_limit_message(self):
        return _(
            "Je hebt in korte tijd veel berichten gestuurd. Probeer het over een uur "
            "opnieuw, of mail naar %(email)s."
        ) % {"email": settings.CONTACT_EMAIL}

    def form_accepted(self, form):
        services.contact_request_create(
            **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )

    def form_done(self, form):
        messages.success(
            self.request,
            _(
                "Bedankt voor je bericht. We hebben je een bevestiging gemaild en antwoorden "
                "binnen vijf werkdagen."
            ),
        )
        return redirect("contact")


class SearchView(BreadcrumbsMixin, TemplateView):
    """Search over everything published; ``?q=`` is cut to 200 characters. ``soort`` and
    ``fase`` narrow the results (and combine); the counts per kind and per phase show
    what each filter would leave."""

    template_name = "search/results.html"
    breadcrumb_label = gettext_lazy("Zoeken")
    paginate_by = 20

    def get_context_data(self, **kwargs):
        raw = self.request.GET.get("q", "")
        query = search.normalise_query(raw)
        context = {"query": query, "query_was_cut": len(raw.strip()) > search.MAX_QUERY_LENGTH}
        if query:
            context.update(self.search(query))
        return super().get_context_data(**context, **kwargs)

    def search(self, query: str) -> dict:
        # The phase filter names each phase by the title the page shows (the index
        # itself holds the Dutch texts).
        phases = [
            (phase.slug, phase.shown_title)
            for phase in Phase.objects.published().only("slug", "title", "title_en")
        ]
        kind = search.kind_for_slug(self.request.GET.get("soort"))
        phase = self.request.GET.get("fase")
        phase = phase if phase in dict(phases) else None
        parsed = search.parse(query)
        with search.index_scans():  # the counts and the page in one transaction
            found = search.Search(parsed, kind=kind, phase=phase, phases=phases)
            page = Paginator(found, self.paginate_by).get_page(self.request.GET.get("page"))
        filters = {"q": query, "soort": kind.slug if kind else None, "fase": phase}
        return {
            "search": found,
            "page_obj": page,
            "results": search.results(page.object_list, parsed),
            "ignored_words": parsed.is_empty,
            "suggestion": search.suggestion(parsed, found.total),
            "selected_kind": kind,
            "selected_phase": dict(phases).get(phase),
            "filter_query": urlencode({k: v for k, v in filters.items() if v}),
            "kind_links": self.links(filters, "soort", found.kind_facets),
            "phase_links": self.links(filters, "fase", found.phase_facets),
        }

    @staticmethod
    def links(filters, name, facets):
        """Each facet with the address that selects it (or, when selected, clears it),
        keeping the other filters."""
        links = []
        for facet in facets:
            chosen = {**filters, name: None if facet.selected else facet.slug}
            links.append((facet, "?" + urlencode({k: v for k, v in chosen.items() if v})))
        return links


class TagDetailView(BreadcrumbsMixin, TemplateView):
    """Everything published that carries one tag, grouped by kind (the apps register
    their kinds with ``cocreatie.core.tags``)."""

    template_name = "pages/tag_detail.html"
    # Tag pages list at most this many items of each kind.
    limit = 50

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [(sentence_with(_("Tag: %(name)s"), name=content_label(self.tag.name)), None)]

    def get_context_data(self, **kwargs):
        sections = tags.tagged(self.tag, limit=self.limit)
        if not sections:
            raise Http404("No published item carries this tag.")
        return super().get_context_data(tag=self.tag, sections=sections, **kwargs)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116 security contact; ``Expires`` stays about half a year ahead."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_EMAIL}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def healthz(request):
    """200 when the app can reach its database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return HttpResponse(
            "database unreachable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")

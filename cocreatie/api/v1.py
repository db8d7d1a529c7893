"""Version 1 of the open data API: every endpoint, read-only.

Each list and detail reads the apps' own published querysets and states its
``select_related`` / ``prefetch_related``: a page of any size costs the same few queries
(``tests/api/test_query_counts.py``). Related items are named by slug, and only when they
are published themselves.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from taggit.models import Tag

from cocreatie.api import VERSION, schemas
from cocreatie.api.paging import PageParams, paginate
from cocreatie.api.problems import MEDIA_TYPE, Problem, invalid_params_of, problem_response
from cocreatie.core import tags as tag_sections
from community.models import Case, member_name
from roadmap import models as roadmap
from sessions_app.models import Session, SessionSeries


class OpenDataAPI(NinjaAPI):
    """django-ninja's API, with what its document leaves out: the ``API-Version`` header
    of every answer, and errors as ``application/problem+json``."""

    def get_openapi_schema(self, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            document = super().get_openapi_schema(**kwargs)
        version = {
            "description": "De versie van de API die antwoordde.",
            "schema": {"type": "string", "example": VERSION},
        }
        for operations in document["paths"].values():
            for operation in operations.values():
                for status, answer in operation["responses"].items():
                    answer["headers"] = {"API-Version": version}
                    if int(status) >= 400 and "application/json" in answer.get("content", {}):
                        answer["content"] = {MEDIA_TYPE: answer["content"]["application/json"]}
        # The paging parameters are in each list's parameters; nothing refers to this.
        document.get("components", {}).get("schemas", {}).pop("PageParams", None)
        return document


api = OpenDataAPI(
    title="Cocreatie open data",
    version=VERSION,
    description=(
        "De openbare inhoud van Cocreatie: de kennisbank, de gepubliceerde "
        "praktijkverhalen en de online sessies. Alleen lezen; geen persoonsgegevens."
    ),
    urls_namespace="api",
    docs_url=None,
)

ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
LIST_ERRORS = {400: schemas.Problem, 429: schemas.Problem}


@api.exception_handler(Problem)
def _problem(request, exc: Problem):
    return problem_response(request, exc.status, exc.detail, invalid_params=exc.invalid_params)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(request, 404, _("Dit item bestaat niet, of het is niet openbaar."))


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    return problem_response(
        request,
        400,
        _("Een of meer parameters kloppen niet. Kijk bij invalidParams welke."),
        invalid_params=invalid_params_of(exc.errors),
    )


def site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def slugs(items) -> list[str]:
    return [item.slug for item in items]


def only_published(model, lookup: str) -> Prefetch:
    """The related items of ``lookup``, the published ones only, with just their slug."""
    return Prefetch(lookup, queryset=model.objects.published().only("pk", "slug"))


TAGS = "tags"


def ordered(queryset):
    """In the model's own order, with the primary key last so that pages never overlap."""
    return queryset.order_by(*queryset.model._meta.ordering, "pk")


# --- The knowledge base ---------------------------------------------------------------------


def item_fields(item) -> dict:
    return {
        "slug": item.slug,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "body_html": item.body_html,
        "tags": slugs(item.tags.all()),
        "url": site_url(item.get_absolute_url()),
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def phase_data(phase) -> dict:
    return {
        **item_fields(phase),
        "order": phase.order,
        "short_title": phase.short_title,
        "questions": [
            {"question": q.question, "answer_html": q.answer_html, "steps": q.step_list}
            for q in phase.questions.all()
        ],
    }


def challenge_data(challenge) -> dict:
    return {
        **item_fields(challenge),
        "number": challenge.number,
        "phases": slugs(challenge.phases.all()),
        "examples": slugs(challenge.examples.all()),
        "tools": slugs(challenge.tools.all()),
    }


def example_data(example) -> dict:
    return {
        **item_fields(example),
        "country": example.country,
        "place": example.place,
        "organisation": example.organisation,
        "what_was_done_html": example.what_was_done_html,
        "lessons_html": example.lessons_html,
        "phases": slugs(example.phases.all()),
        "tools": slugs(example.tools.all()),
    }


def tool_data(tool) -> dict:
    return {
        **item_fields(tool),
        "kind": tool.kind,
        "when_to_use_html": tool.when_to_use_html,
        "how_to_use_html": tool.how_to_use_html,
        "phases": slugs(tool.phases.all()),
    }


def theme_data(theme) -> dict:
    return {
        **item_fields(theme),
        "order": theme.order,
        "tools": slugs(theme.tools.all()),
        "examples": slugs(theme.examples.all()),
        "articles": slugs(theme.articles.all()),
    }


def article_data(article) -> dict:
    return {
        **item_fields(article),
        "kind": article.kind,
        "author": article.author,
        "published_on": article.published_on,
    }


def phases_queryset():
    return roadmap.Phase.objects.published().prefetch_related(TAGS, "questions")


def challenges_queryset():
    return roadmap.Challenge.objects.published().prefetch_related(
        TAGS,
        only_published(roadmap.Phase, "phases"),
        only_published(roadmap.Example, "examples"),
        only_published(roadmap.Tool, "tools"),
    )


def examples_queryset():
    return roadmap.Example.objects.published().prefetch_related(
        TAGS, only_published(roadmap.Phase, "phases"), only_published(roadmap.Tool, "tools")
    )


def tools_queryset():
    return roadmap.Tool.objects.published().prefetch_related(
        TAGS, only_published(roadmap.Phase, "phases")
    )


def themes_queryset():
    return roadmap.Theme.objects.published().prefetch_related(
        TAGS,
        only_published(roadmap.Tool, "tools"),
        only_published(roadmap.Example, "examples"),
        only_published(roadmap.Article, "articles"),
    )


def articles_queryset():
    return roadmap.Article.objects.published().prefetch_related(TAGS)


# (path, url name prefix, plural and singular name, schema, queryset, serializer,
# description)
KNOWLEDGE = [
    (
        "phases",
        "phase",
        "fasen",
        "fase",
        schemas.Phase,
        phases_queryset,
        phase_data,
        "De fasen van co-creatie, in volgorde, met hun leidende vragen.",
    ),
    (
        "challenges",
        "challenge",
        "uitdagingen",
        "uitdaging",
        schemas.Challenge,
        challenges_queryset,
        challenge_data,
        "De veelvoorkomende uitdagingen en hoe anderen ze aanpakten.",
    ),
    (
        "examples",
        "example",
        "voorbeelden",
        "voorbeeld",
        schemas.Example,
        examples_queryset,
        example_data,
        "Uitgewerkte voorbeelden: pilots en regionale aanpakken.",
    ),
    (
        "tools",
        "tool",
        "hulpmiddelen",
        "hulpmiddel",
        schemas.Tool,
        tools_queryset,
        tool_data,
        "Hulpmiddelen en werkvormen, en in welke fasen je ze gebruikt.",
    ),
    (
        "themes",
        "theme",
        "thema's",
        "thema",
        schemas.Theme,
        themes_queryset,
        theme_data,
        "De thema's van de landkaart, met hun hulpmiddelen, voorbeelden en artikelen.",
    ),
    (
        "articles",
        "article",
        "artikelen",
        "artikel",
        schemas.Article,
        articles_queryset,
        article_data,
        "Achtergrondartikelen en opiniestukken.",
    ),
]


def add_knowledge_endpoints(path, name, label, single, schema, queryset, serialize, description):
    tag = path

    @api.get(
        f"/{path}",
        response={200: schemas.page_of(schema), **LIST_ERRORS},
        url_name=f"{name}_list",
        operation_id=f"{name}_list",
        summary=f"Lijst: {label}",
        description=description,
        tags=[tag],
    )
    def item_list(request, response: HttpResponse, params: Query[PageParams]):
        return paginate(request, response, ordered(queryset()), params, serialize=serialize)

    @api.get(
        f"/{path}/{{slug}}",
        response={200: schema, **ERRORS},
        url_name=f"{name}_detail",
        operation_id=f"{name}_detail",
        summary=f"Eén {single}",
        description=f"Eén {single}, gevonden op de korte naam (slug). {description}",
        tags=[tag],
    )
    def item_detail(request, slug: str):
        return serialize(get_object_or_404(queryset(), slug=slug))


for _endpoint in KNOWLEDGE:
    add_knowledge_endpoints(*_endpoint)


# --- Tags -----------------------------------------------------------------------------------


def tags_queryset():
    """The tags of at least one published item, of any kind that tag pages show."""
    in_use = Q(pk__in=[])
    for section in tag_sections.sections():
        in_use |= Q(Exists(section.queryset().filter(tags=OuterRef("pk")).values("pk")))
    return Tag.objects.filter(in_use).order_by("name", "pk")


def tag_data(tag) -> dict:
    url = site_url(reverse("tag_detail", args=[tag.slug]))
    return {"slug": tag.slug, "name": tag.name, "url": url}


@api.get(
    "/tags",
    response={200: schemas.page_of(schemas.Tag), **LIST_ERRORS},
    url_name="tag_list",
    operation_id="tag_list",
    summary="Lijst: tags",
    description="De tags die bij minstens één gepubliceerd item staan, op naam.",
    tags=["tags"],
)
def tag_list(request, response: HttpResponse, params: Query[PageParams]):
    return paginate(request, response, tags_queryset(), params, serialize=tag_data)


@api.get(
    "/tags/{slug}",
    response={200: schemas.Tag, **ERRORS},
    url_name="tag_detail",
    operation_id="tag_detail",
    summary="Eén tag",
    description="Eén tag, gevonden op zijn korte naam (slug).",
    tags=["tags"],
)
def tag_detail(request, slug: str):
    return tag_data(get_object_or_404(tags_queryset(), slug=slug))


# --- Cases (praktijkverhalen) ---------------------------------------------------------------


def cases_queryset():
    return (
        Case.objects.published()
        .select_related("author__profile", "organisation")
        .prefetch_related(
            TAGS,
            only_published(roadmap.Phase, "phases"),
            only_published(roadmap.Challenge, "challenges"),
        )
    )


def case_data(case) -> dict:
    organisation = case.organisation
    return {
        "slug": case.slug,
        "title": case.title,
        "summary": case.summary,
        "body_html": case.body_html,
        "what_worked_html": case.what_worked_html,
        "do_differently_html": case.do_differently_html,
        "author": {"display_name": str(member_name(case.author))},
        "organisation": organisation
        and {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind},
        "phases": slugs(case.phases.all()),
        "challenges": slugs(case.challenges.all()),
        "tags": slugs(case.tags.all()),
        "is_featured": case.is_featured,
        "published_at": case.published_at,
        "updated_at": case.updated_at,
        "url": site_url(case.get_absolute_url()),
    }


@api.get(
    "/cases",
    response={200: schemas.page_of(schemas.Case), **LIST_ERRORS},
    url_name="case_list",
    operation_id="case_list",
    summary="Lijst: praktijkverhalen",
    description=(
        "De gepubliceerde praktijkverhalen van leden, het nieuwste eerst. Van de schrijver "
        "staat alleen de naam die het lid zelf koos erbij, en de organisatie."
    ),
    tags=["cases"],
)
def case_list(request, response: HttpResponse, params: Query[PageParams]):
    queryset = cases_queryset().order_by("-published_at", "-pk")
    return paginate(request, response, queryset, params, serialize=case_data)


@api.get(
    "/cases/{slug}",
    response={200: schemas.Case, **ERRORS},
    url_name="case_detail",
    operation_id="case_detail",
    summary="Eén praktijkverhaal",
    description="Eén gepubliceerd praktijkverhaal, gevonden op zijn korte naam (slug).",
    tags=["cases"],
)
def case_detail(request, slug: str):
    return case_data(get_object_or_404(cases_queryset(), slug=slug))


# --- Online sessions ------------------------------------------------------------------------


def sessions_queryset():
    """The sessions of published series, with their seat counts; never the meeting link."""
    return (
        Session.objects.filter(series__in=SessionSeries.objects.published())
        .with_seat_counts()
        .select_related("series", "phase")
        .defer("meeting_url")
    )


def session_data(session) -> dict:
    return {
        "id": session.pk,
        "series": session.series.slug,
        "order": session.order,
        "title": session.title,
        "phase": session.phase.slug if session.phase and session.phase.is_published else None,
        "description_html": session.description_html,
        "speaker": session.speaker,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "status": session.status,
        "capacity": session.capacity,
        "seats_left": session.seats_left(session.confirmed_count),
        "is_open": session.is_open,
        "url": site_url(session.get_absolute_url()),
    }


def series_queryset():
    sessions = sessions_queryset().order_by("order")
    return (
        SessionSeries.objects.published()
        .with_dates()
        .prefetch_related(Prefetch("sessions", queryset=sessions))
    )


def series_data(series) -> dict:
    return {
        "slug": series.slug,
        "title": series.title,
        "summary": series.summary,
        "introduction_html": series.introduction_html,
        "organisers": series.organisers,
        "partner": series.partner,
        "starts_at": series.first_start,
        "ends_at": series.last_end,
        "sessions": [session_data(session) for session in series.sessions.all()],
        "url": site_url(series.get_absolute_url()),
    }


@api.get(
    "/session-series",
    response={200: schemas.page_of(schemas.SessionSeries), **LIST_ERRORS},
    url_name="series_list",
    operation_id="series_list",
    summary="Lijst: sessiereeksen",
    description="De gepubliceerde reeksen online sessies, met hun sessies en de vrije plaatsen.",
    tags=["sessions"],
)
def series_list(request, response: HttpResponse, params: Query[PageParams]):
    return paginate(request, response, ordered(series_queryset()), params, serialize=series_data)


@api.get(
    "/session-series/{slug}",
    response={200: schemas.SessionSeries, **ERRORS},
    url_name="series_detail",
    operation_id="series_detail",
    summary="Eén sessiereeks",
    description="Eén gepubliceerde sessiereeks, gevonden op zijn korte naam (slug).",
    tags=["sessions"],
)
def series_detail(request, slug: str):
    return series_data(get_object_or_404(series_queryset(), slug=slug))


@api.get(
    "/sessions",
    response={200: schemas.page_of(schemas.Session), **LIST_ERRORS},
    url_name="session_list",
    operation_id="session_list",
    summary="Lijst: sessies",
    description="De sessies van de gepubliceerde reeksen, de eerste eerst, met de vrije plaatsen.",
    tags=["sessions"],
)
def session_list(request, response: HttpResponse, params: Query[PageParams]):
    queryset = sessions_queryset().order_by("starts_at", "pk")
    return paginate(request, response, queryset, params, serialize=session_data)


@api.get(
    "/sessions/{int:session_id}",
    response={200: schemas.Session, **ERRORS},
    url_name="session_detail",
    operation_id="session_detail",
    summary="Eén sessie",
    description="Eén sessie van een gepubliceerde reeks, gevonden op haar nummer (id).",
    tags=["sessions"],
)
def session_detail(request, session_id: int):
    return session_data(get_object_or_404(sessions_queryset(), pk=session_id))

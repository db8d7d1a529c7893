"""Site-wide search: one table of published documents, queried as one list.

Apps make a model searchable with ``register(Model)`` in their ``AppConfig.ready()``; the
model provides ``title``, ``summary``, ``kind_label``, ``search_text()``,
``get_absolute_url()``, ``updated_at`` and ``is_published`` (a property is fine). Saving or
deleting such an item updates its row (through ``cocreatie.core.content``).

PostgreSQL: full-text search with the ``dutch`` configuration (so "samenwerken" finds
"samenwerking"), weighted title > summary > body, ranked, with highlighted snippets.
SQLite: every word must occur somewhere (substring, case-insensitive); title hits first.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cocreatie.core.models import SearchDocument

MAX_QUERY_LENGTH = 200
SNIPPET_CHARS = 240
# Markers around matches in PostgreSQL's headline; never part of indexed text.
START, STOP = "\x02", "\x03"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_registry: list[type] = []
# child model → attribute of the child that points to the indexed item it is part of.
_dependents: dict[type, str] = {}


def register(model, *, depends_on=()):
    """Keep ``model`` in the search index. ``depends_on``: (child model, attribute of the
    child that points to the indexed item) pairs whose changes re-index that item.
    ``cocreatie.core.content`` calls ``index_refresh`` on every save and delete."""
    if model not in _registry:
        _registry.append(model)
    for child, attribute in depends_on:
        _dependents[child] = attribute


def index_refresh(instance) -> None:
    """After ``instance`` was saved: its own row, or that of the item it is part of."""
    model = type(instance)
    if model in _registry:
        index_update(instance)
    elif model in _dependents:
        parent = getattr(instance, _dependents[model], None)
        if parent is not None and parent.pk is not None:
            index_update(parent)


def index_remove(instance) -> None:
    """After ``instance`` was deleted."""
    model = type(instance)
    if model in _registry:
        SearchDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        ).delete()
    elif model in _dependents:
        index_refresh(instance)


def clean_text(text: str) -> str:
    return CONTROL_CHARACTERS.sub(" ", text or "")


def index_update(instance) -> None:
    """Add, refresh or remove ``instance``'s search row, by whether it is published."""
    content_type = ContentType.objects.get_for_model(instance)
    if not instance.is_published:
        SearchDocument.objects.filter(content_type=content_type, object_id=instance.pk).delete()
        return
    document, _ = SearchDocument.objects.update_or_create(
        content_type=content_type,
        object_id=instance.pk,
        defaults={
            "kind": instance.kind_label,
            "title": clean_text(instance.title),
            "summary": clean_text(instance.summary),
            "body": clean_text(instance.search_text()),
            "url": instance.get_absolute_url(),
            "updated_at": instance.updated_at,
        },
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk=document.pk).update(search_vector=weighted_vector())


def weighted_vector():
    return (
        SearchVector("title", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector("body", weight="C", config="dutch")
    )


def rebuild() -> int:
    """Index every published item again and drop rows of items that are gone."""
    SearchDocument.objects.all().delete()
    for model in _registry:
        for instance in model.objects.all().iterator(chunk_size=500):
            index_update(instance)
    return SearchDocument.objects.count()


def normalise_query(raw: str | None) -> str:
    """What we search for: no control characters, collapsed spaces, at most 200 chars."""
    text = unicodedata.normalize("NFC", clean_text(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


@dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString


def search(query: str) -> QuerySet:
    """Matching documents, best first. Evaluate a slice, then ``results(page)``."""
    if connection.vendor == "postgresql":
        full_text = SearchQuery(query, config="dutch", search_type="websearch")
        return (
            SearchDocument.objects.filter(search_vector=full_text)
            .annotate(
                rank=SearchRank(F("search_vector"), full_text),
                snippet=SearchHeadline(
                    "body",
                    full_text,
                    config="dutch",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "title", "pk")
        )
    words = query.split()
    matches = Q()
    for word in words:
        matches &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    return (
        SearchDocument.objects.filter(matches)
        .annotate(
            title_hit=Case(
                When(title__icontains=words[0] if words else "", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("title_hit", "title", "pk")
    )


def results(documents, query: str) -> list[Result]:
    """Turn a page of documents into results with a safe, highlighted snippet."""
    return [
        Result(
            kind=document.kind,
            title=document.title,
            url=document.url,
            snippet=_snippet(document, query),
        )
        for document in documents
    ]


def _snippet(document, query: str) -> SafeString:
    headline = getattr(document, "snippet", None)
    if headline and START in headline:
        marked = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(marked)  # escaped above; only our markers become tags
    return _highlight(_window(document.body, query) or document.summary, query)


def _window(text: str, query: str) -> str:
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in query.split()]
    positions = [position for position in positions if position >= 0]
    if not positions:
        return ""
    start = max(0, min(positions) - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{text[start:end].strip()}{suffix}"


def _highlight(text: str, query: str) -> SafeString:
    words = sorted({word for word in query.split() if word}, key=len, reverse=True)
    escaped = escape(text[: SNIPPET_CHARS + 4])
    if not words:
        return mark_safe(escaped)  # escaped above
    pattern = re.compile("|".join(re.escape(str(escape(word))) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped))

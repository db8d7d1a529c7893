"""Site-wide search: one table of published documents, queried as one list.

Apps make a model searchable with ``register(Model, plural=...)`` in their
``AppConfig.ready()``; the model provides ``title``, ``summary``, ``kind_label``,
``search_text()``, ``get_absolute_url()``, ``updated_at`` and ``is_published`` (a property
is fine), and may provide ``search_summary()`` (the summary text that is searched, when it
differs from the one shown) and ``search_phases()`` (slugs of the phases it is about).
Tag names of a model with ``tags`` are searched with its summary. Saving or deleting such
an item updates its row (through ``cocreatie.core.content``) in one statement.

Matching is the same on both databases, because the text is analysed here
(``cocreatie.core.dutch``): every word is stored as itself, as ``d_<part>`` for itself and
each word it is compounded of, and as ``s_<stem>`` of each of those. A query word matches
a document with its stem token, so "afval" finds "afval", "afvallen", "zwerfafval" and
"afvalprobleem", never "tunnel". Ranking counts the tokens matched (an exact word has all
three, a compound part two, a stem one), weighted title > summary > body, newest first on
a tie. PostgreSQL stores a weighted ``tsvector`` (GIN) and ranks with ``ts_rank``; SQLite
an FTS5 table and ranks with ``bm25``. A search with more than ``RANK_POOL`` results ranks
a pool of them (the newest title and summary matches, the newest of all) and lists the
rest after it, newest first: ranking reads each ranked item's whole vector.
"""

import difflib
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import BooleanField, Case, Count, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from cocreatie.core import dutch
from cocreatie.core.i18n import for_others, source_text
from cocreatie.core.models import SearchDocument, SearchWord

MAX_QUERY_LENGTH = 200
# Words of a query that are searched for; the rest are ignored.
MAX_QUERY_WORDS = 8
# Longer "words" are not words (a URL, a pasted hash): never indexed.
MAX_WORD_LENGTH = 60
SNIPPET_CHARS = 240
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PART, STEM = "d_", "s_"
# Occurrences of one token per field that count; more say nothing new.
MAX_REPEATS = 3
# PostgreSQL ts_rank weights for {D, C, B, A}: body C, summary and tags B, title A.
PG_WEIGHTS = "{0.02, 0.1, 0.4, 1.0}"
# SQLite bm25 weights for the title, summary and body columns.
FTS_WEIGHTS = (10.0, 4.0, 1.0)
# A match through a synonym counts this much of a match of the word itself.
SYNONYM_WEIGHT = 0.5
# A search that matches more items than this ranks only a pool of them: the newest this
# many that match in their title or summary, and the newest this many of all that match.
# The rest follow the pool, newest first. Ranking reads every ranked item's whole vector;
# this keeps a search for a word in most of 100,000 items fast.
RANK_POOL = 1000
# "Bedoel je …?" is offered when a search finds fewer results than this.
SUGGEST_BELOW = 3
# At most this many words of one query are looked up for a suggestion.
MAX_SUGGESTED_WORDS = 3
FTS, FTS_VOCABULARY = "cocreatie_search_fts", "cocreatie_search_vocabulary"


@dataclass(frozen=True)
class Kind:
    label: str  # as stored in SearchDocument.kind: "Praktijkverhaal"
    plural: str
    slug: str


_registry: list[type] = []
_kinds: dict[str, Kind] = {}
# child model → attribute of the child that points to the indexed item it is part of.
_dependents: dict[type, str] = {}
# indexed model → callable instance → the indexed items that show part of it.
_children: dict[type, object] = {}


def register(model, *, plural, depends_on=(), children=None):
    """Keep ``model`` in the search index, as a kind called ``plural`` in the facets.
    ``depends_on``: (child model, attribute of the child that points to the indexed
    item) pairs whose changes re-index that item. ``children``: a callable that gives
    the indexed items that show something of an instance (re-indexed with it)."""
    if model not in _registry:
        _registry.append(model)
    label = source_text(model.kind_label)  # a key: Dutch in every language
    _kinds[label] = Kind(label=label, plural=plural, slug=slugify(label))
    for child, attribute in depends_on:
        _dependents[child] = attribute
    if children is not None:
        _children[model] = children


def cascade(model, children) -> None:
    """A change to ``model`` (not searchable itself) re-indexes ``children(instance)``."""
    _children[model] = children


def kinds() -> list[Kind]:
    """Every kind, in the order the apps registered them."""
    return list(_kinds.values())


def index_refresh(instance) -> None:
    """After ``instance`` was saved: its own row, that of the item it is part of, and
    those of the items that show part of it."""
    model = type(instance)
    if model in _registry:
        index_update(instance)
    if model in _dependents:
        _refresh_parent(instance)
    if model in _children:
        for child in _children[model](instance):
            if type(child) in _registry:
                index_update(child)


def index_remove(instance) -> None:
    """After ``instance`` was deleted."""
    model = type(instance)
    if model in _registry:
        SearchDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        ).delete()
    if model in _dependents:
        _refresh_parent(instance)


def _refresh_parent(instance) -> None:
    """The row of the indexed item ``instance`` is part of (see ``depends_on``)."""
    parent = getattr(instance, _dependents[type(instance)], None)
    if parent is not None and parent.pk is not None:
        index_update(parent)


def is_registered(model) -> bool:
    return model in _registry


def clean_text(text: str) -> str:
    return CONTROL_CHARACTERS.sub(" ", text or "")


# --- Analysis: the tokens of a word, a field, a document --------------------------------


@lru_cache(maxsize=100_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """What one folded word is indexed as: itself, ``d_`` + each word it counts as a
    part of (itself included), ``s_`` + the stem of each of those."""
    parts = dutch.parts(word)
    tokens = [dutch.joined(word)]
    tokens += [PART + part for part in parts]
    tokens += [STEM + dutch.stem(part) for part in parts]
    return tuple(dict.fromkeys(tokens))


def text_words(text: str) -> list[str]:
    return [word for word in dutch.words(clean_text(text)) if len(word) <= MAX_WORD_LENGTH]


def field_tokens(text: str) -> list[str]:
    """The tokens of one field, each at most ``MAX_REPEATS`` times, in text order."""
    seen: dict[str, int] = {}
    tokens = []
    for word in text_words(text):
        for token in word_tokens(word):
            count = seen.get(token, 0)
            if count < MAX_REPEATS:
                seen[token] = count + 1
                tokens.append(token)
    return tokens


def vector_literal(fields) -> str:
    """A PostgreSQL ``tsvector`` value for (weight letter, tokens) pairs. Tokens are
    letters, digits and "_" only, so they need no quoting beyond the quotes."""
    entries: dict[str, list[str]] = {}
    position = 0
    for weight, tokens in fields:
        for token in tokens:
            position = min(position + 1, 16383)
            entries.setdefault(token, []).append(f"{position}{weight}")
    return " ".join(f"'{token}':{','.join(spots[:256])}" for token, spots in entries.items())


def document_values(instance) -> dict:
    """The column values of ``instance``'s search row (its text analysed), in the site's
    own language whatever the language of the request that saved it: its address without
    a language prefix, its kind by its Dutch name (the key of the kind facet)."""
    with for_others():
        return _document_values(instance)


def _document_values(instance) -> dict:
    summary = getattr(instance, "search_summary", None)
    summary_text = summary() if summary else instance.summary
    tags = getattr(instance, "tags", None)
    if tags is not None and hasattr(tags, "names"):
        summary_text = " ".join([summary_text or "", *tags.names()])
    phases = getattr(instance, "search_phases", None)
    body = clean_text(instance.search_text())
    values = {
        "kind": source_text(instance.kind_label),
        "title": clean_text(instance.title)[:300],
        "summary": clean_text(instance.summary),
        "body": body,
        "url": instance.get_absolute_url(),
        "updated_at": instance.updated_at,
        "phases": f" {' '.join(sorted(set(phases())))} " if phases else "",
    }
    values.update(analysed(values["title"], summary_text, body))
    return values


def analysed(title: str, summary: str, body: str) -> dict:
    """The analysed columns for this database: the vector, or the three term columns."""
    title_tokens, summary_tokens = field_tokens(title), field_tokens(summary)
    body_tokens = field_tokens(body)
    if connection.vendor == "postgresql":
        vector = vector_literal((("A", title_tokens), ("B", summary_tokens), ("C", body_tokens)))
        return {"search_vector": vector}
    return {
        "title_terms": " ".join(title_tokens),
        "summary_terms": " ".join(summary_tokens),
        "body_terms": " ".join(body_tokens),
    }


UPDATED_FIELDS = (
    "kind", "title", "summary", "body", "url", "updated_at", "phases", "search_vector",
    "title_terms", "summary_terms", "body_terms",
)  # fmt: skip


def index_update(instance) -> None:
    """Add, refresh or remove ``instance``'s search row, by whether it is published: one
    statement (an upsert, or a delete)."""
    content_type = ContentType.objects.get_for_model(instance)
    if not instance.is_published:
        SearchDocument.objects.filter(content_type=content_type, object_id=instance.pk).delete()
        return
    document = SearchDocument(
        content_type=content_type, object_id=instance.pk, **document_values(instance)
    )
    SearchDocument.objects.bulk_create(
        [document],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=UPDATED_FIELDS,
    )


def rebuild() -> int:
    """Index every published item again and drop rows of items that are gone."""
    SearchDocument.objects.all().delete()
    for model in _registry:
        for instance in model.objects.all().iterator(chunk_size=500):
            index_update(instance)
    return SearchDocument.objects.count()


def rebuild_if_stale(**kwargs) -> None:
    """After ``migrate``: index everything again when rows lack the analysed text (they
    were stored before compound matching). One query when the index is current; nothing
    while migrations are still to run (the models would not match the tables)."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if connection.vendor == "postgresql":
        stale = SearchDocument.objects.filter(search_vector__isnull=True)
    else:
        stale = SearchDocument.objects.filter(title_terms="")
    if stale.exists():
        rebuild()


# --- Queries --------------------------------------------------------------------------


def normalise_query(raw: str | None) -> str:
    """What we search for: no control characters, collapsed spaces, at most 200 chars."""
    text = unicodedata.normalize("NFC", clean_text(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def synonyms_file() -> Path:
    return Path(settings.SEARCH_SYNONYMS_FILE)


@lru_cache(maxsize=4)
def _synonym_groups(path: Path, modified: float) -> dict[tuple[str, ...], tuple]:
    """Phrase (folded words) → every phrase of its group. One group per line, phrases
    separated by commas; "#" starts a comment."""
    groups: dict[tuple[str, ...], tuple] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        phrases = [tuple(text_words(phrase)) for phrase in line.split("#", 1)[0].split(",")]
        phrases = [phrase for phrase in dict.fromkeys(phrases) if phrase]
        if len(phrases) < 2:
            continue
        for phrase in phrases:
            groups[phrase] = tuple(dict.fromkeys((*groups.get(phrase, ()), *phrases)))
    return groups


def synonym_groups() -> dict[tuple[str, ...], tuple]:
    path = synonyms_file()
    try:
        modified = path.stat().st_mtime
    except OSError:
        return {}
    return _synonym_groups(path, modified)


@dataclass(frozen=True)
class Unit:
    """One thing a query asks for: a word, or a phrase with synonyms ("lokale overheid")."""

    phrase: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()


def units(query: str) -> list[Unit]:
    """The query as words and synonym phrases, stop words left out."""
    found = text_words(query)[:MAX_QUERY_WORDS]
    groups = synonym_groups()
    longest = max((len(phrase) for phrase in groups), default=1)
    result, index = [], 0
    while index < len(found):
        for size in range(min(longest, len(found) - index), 0, -1):
            phrase = tuple(found[index : index + size])
            group = groups.get(phrase)
            if group or size == 1:
                others = tuple(other for other in (group or ()) if other != phrase)
                result.append(Unit(phrase=phrase, synonyms=others))
                index += size
                break
    return result


def _head(word: str) -> str | None:
    """The last part of a compound query word ("zwerfafval" → "afval"), if it has one."""
    parts = dutch.split(dutch.joined(word))
    return parts[-1] if len(parts) > 1 else None


def rank_tokens(word: str, heads: bool = False) -> list[str]:
    """The tokens a document can match one query word with (more matched, better)."""
    joined = dutch.joined(word)
    tokens = [joined, PART + joined, STEM + dutch.stem(joined)]
    head = _head(word) if heads else None
    if head:
        tokens.append(PART + head)
    return tokens


def match_tokens(word: str, heads: bool = False) -> list[str]:
    """The tokens of which a document needs one to match the word: its stem (which every
    exact and part match has too); with ``heads``, also the last part of a compound query
    word (a search for "zwerfafval" that found nothing looks for "afval")."""
    joined = dutch.joined(word)
    head = _head(word) if heads else None
    return [STEM + dutch.stem(joined), *([PART + head] if head else [])]


class Syntax:
    """How one database writes a boolean query over tokens."""

    def __init__(self, token, and_, or_):
        self.token, self.and_, self.or_ = token, and_, or_

    def any(self, parts):
        parts = list(dict.fromkeys(parts))
        return parts[0] if len(parts) == 1 else "(" + f" {self.or_} ".join(parts) + ")"

    def all(self, parts):
        parts = list(dict.fromkeys(parts))
        return parts[0] if len(parts) == 1 else "(" + f" {self.and_} ".join(parts) + ")"

    def phrase(self, phrase, tokens_of):
        return self.all(self.any(self.token(t) for t in tokens_of(word)) for word in phrase)

    def unit(self, unit, tokens_of, *, synonyms=True):
        phrases = [unit.phrase, *(unit.synonyms if synonyms else ())]
        return self.any(self.phrase(phrase, tokens_of) for phrase in phrases)


POSTGRESQL = Syntax(lambda token: f"'{token}'", "&", "|")
FTS5 = Syntax(lambda token: f'"{token}"', "AND", "OR")


@dataclass
class Query:
    """A parsed search: what matches, how it ranks."""

    text: str
    units: list[Unit]
    # Compound query words also match their last part (see ``match_tokens``).
    heads: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.units

    def broadened(self) -> "Query | None":
        """The same query with compound words matching their last part, if it has any."""
        words = [word for unit in self.units for word in unit.phrase]
        if self.heads or not any(_head(word) for word in words):
            return None
        return Query(text=self.text, units=self.units, heads=True)

    def head_words(self) -> list[str]:
        """The last parts a broadened query looks for."""
        words = [word for unit in self.units for word in unit.phrase]
        return [head for head in map(_head, words) if head] if self.heads else []

    def _matching(self, word):
        return match_tokens(word, self.heads)

    def _ranking(self, word):
        return rank_tokens(word, self.heads)

    def _where(self, *, head: bool = False):
        """The match condition; with ``head``, a match in the title or summary (tags
        included) only."""
        if connection.vendor == "postgresql":
            # Unqualified: the condition is also used in subqueries, under another alias.
            vector = "search_vector"
            if head:  # weights A and B, as in the index of migration 0009
                vector = f"ts_filter({vector}, '{{a,b}}')"
            tsquery = POSTGRESQL.all(POSTGRESQL.unit(unit, self._matching) for unit in self.units)
            return RawSQL(f"{vector} @@ %s::tsquery", [tsquery], output_field=BooleanField())
        match = f"{{title_terms summary_terms}} : ({self.fts()})" if head else self.fts()
        return Q(id__in=RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [match]))

    def fts(self) -> str:
        return FTS5.all(FTS5.unit(unit, self._ranking) for unit in self.units)

    def _rank(self):
        table = SearchDocument._meta.db_table
        if connection.vendor == "postgresql":
            terms, params = [], []
            for unit in self.units:
                literal = POSTGRESQL.phrase(unit.phrase, self._ranking)
                terms.append(f'ts_rank(%s, "{table}"."search_vector", %s::tsquery)')
                params += [PG_WEIGHTS, literal]
                if unit.synonyms:
                    others = POSTGRESQL.any(
                        POSTGRESQL.phrase(phrase, self._ranking) for phrase in unit.synonyms
                    )
                    terms.append(
                        f'{SYNONYM_WEIGHT} * ts_rank(%s, "{table}"."search_vector", %s::tsquery)'
                    )
                    params += [PG_WEIGHTS, others]
            return RawSQL(" + ".join(terms), params, output_field=FloatField())
        # SQLite: the same sum, of bm25 (lower is better) for each unit and its synonyms.
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        score = (
            f"COALESCE(-(SELECT bm25({FTS}, {weights}) FROM {FTS} "
            f'WHERE {FTS} MATCH %s AND {FTS}.rowid = "{table}"."id"), 0)'
        )
        terms, params = [], []
        for unit in self.units:
            terms.append(score)
            params.append(FTS5.phrase(unit.phrase, self._ranking))
            if unit.synonyms:
                terms.append(f"{SYNONYM_WEIGHT} * {score}")
                params.append(
                    FTS5.any(FTS5.phrase(phrase, self._ranking) for phrase in unit.synonyms)
                )
        return RawSQL(" + ".join(terms), params, output_field=FloatField())

    def documents(self, filters: Q | None = None, *, head: bool = False):
        """Matching documents that pass ``filters``, unordered (for counting); with
        ``head``, those that match in their title or summary."""
        if self.is_empty:
            return SearchDocument.objects.none()
        return SearchDocument.objects.filter(self._where(head=head), filters or Q())

    def ranked(self, filters: Q | None = None, total: int | None = None):
        """The matching documents that pass ``filters``, best first. Given their
        ``total``, more than ``RANK_POOL`` are ranked as a pool, the rest after it, newest
        first."""
        documents = self.documents(filters)
        if self.is_empty:
            return documents
        rank = self._rank()
        if total is not None and total > RANK_POOL:
            # A match in the title or summary is a match (weights A and B of the vector).
            heads = self.documents(filters, head=True).order_by("-updated_at").values("id")
            newest = documents.order_by("-updated_at").values("id")
            pool = Q(id__in=heads[:RANK_POOL]) | Q(id__in=newest[:RANK_POOL])
            rank = Case(When(pool, then=rank), default=Value(-1.0), output_field=FloatField())
        return documents.annotate(rank=rank).order_by("-rank", "-updated_at", "-pk")


def parse(query: str) -> Query:
    return Query(text=query, units=units(query))


def search(query: str):
    """Matching documents, best first. Evaluate a slice, then ``results(page, query)``."""
    return parse(query).ranked()


# --- Facets and pages -----------------------------------------------------------------


@contextmanager
def index_scans():
    """On PostgreSQL, read search rows through the GIN index even when most rows match.

    For a word in nearly every item the planner prefers to scan the whole table, which
    unpacks every row's vector to test it; the index answers the match without reading
    a vector (ten times faster at 100,000 items). The setting lasts until the end of the
    transaction: one statement in a transaction of its own, and put back afterwards
    within a caller's transaction. Re-entrant: the search page wraps its counts and its
    page in one."""
    if connection.vendor != "postgresql" or getattr(connection, "search_index_scans", False):
        yield  # SQLite, or already within (one setting for a whole search page)
        return
    nested = connection.in_atomic_block
    connection.search_index_scans = True
    try:
        with _index_scans_set(nested):
            yield
    finally:
        connection.search_index_scans = False


@contextmanager
def _index_scans_set(nested: bool):
    with transaction.atomic(), connection.cursor() as cursor:
        if not nested:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            return
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        previous = cursor.fetchone()[0]
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


@dataclass
class Facet:
    slug: str
    label: str
    count: int
    selected: bool


def _in_phase(slug: str) -> Count:
    return Count("id", filter=Q(phases__contains=f" {slug} "))


@dataclass
class Search:
    """One search with its filters: the counts per kind and per phase, and the ranked
    documents. Two queries (each with its planner setting), whatever the number of
    documents; four when a compound query word is looked up by its last part."""

    query: Query
    kind: Kind | None = None
    phase: str | None = None
    phases: list[tuple[str, str]] = field(default_factory=list)  # (slug, label)
    kind_facets: list[Facet] = field(default_factory=list)
    phase_facets: list[Facet] = field(default_factory=list)
    total: int = 0
    # True when nothing matched and compound query words were looked up by their last
    # part instead ("zwerfafval" → "afval").
    broadened: bool = False

    def __post_init__(self):
        self._count()
        wider = self.query.broadened() if not self.total else None
        if wider is not None:
            self.query, self.broadened = wider, True
            self._count()

    def _count(self):
        """The facets and the total, from one count per kind (with per phase)."""
        counts = {"all": Count("id")}
        counts.update(
            {f"phase_{index}": _in_phase(slug) for index, (slug, _) in enumerate(self.phases)}
        )
        if self.phase:
            counts["chosen"] = _in_phase(self.phase)
        with index_scans():
            rows = {
                row.pop("kind"): row
                for row in self.query.documents().order_by().values("kind").annotate(**counts)
            }
        shown = "chosen" if self.phase else "all"
        self.kind_facets = [
            Facet(kind.slug, kind.plural, rows.get(kind.label, {}).get(shown, 0), kind == self.kind)
            for kind in kinds()
        ]
        of_kind = [rows.get(self.kind.label, {})] if self.kind else list(rows.values())
        self.phase_facets = [
            Facet(slug, label, sum(row[f"phase_{index}"] for row in of_kind), slug == self.phase)
            for index, (slug, label) in enumerate(self.phases)
        ]
        selected = [facet.count for facet in self.kind_facets if facet.selected]
        self.total = selected[0] if selected else sum(row.get(shown, 0) for row in rows.values())

    def filters(self) -> Q:
        """The chosen kind and phase as a condition."""
        filters = Q()
        if self.kind:
            filters &= Q(kind=self.kind.label)
        if self.phase:
            filters &= Q(phases__contains=f" {self.phase} ")
        return filters

    def count(self) -> int:
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, page):
        if not isinstance(page, slice):  # templates try ``search["total"]`` first
            raise TypeError("a search is sliced into pages")
        with index_scans():
            return list(self.query.ranked(self.filters(), self.total)[page])


def kind_for_slug(slug: str | None) -> Kind | None:
    return next((kind for kind in kinds() if kind.slug == slug), None)


# --- Results: titles and snippets with the matches marked -----------------------------


@dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString
    title_html: SafeString = ""  # the title with the matches marked
    updated_at: object = None


class Matcher:
    """Where a query matches in a text: whole words, or the part inside a compound."""

    def __init__(self, query: Query):
        self.exact, self.parts, self.stems = set(), set(), set()
        for unit in query.units:
            for phrase in (unit.phrase, *unit.synonyms):
                for word in phrase:
                    joined = dutch.joined(word)
                    self.exact.add(joined)
                    self.parts.add(joined)
                    self.stems.add(dutch.stem(joined))
                    head = _head(word) if query.heads else None
                    if head:
                        self.parts.add(head)

    def marks(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, strength) of every match in ``text``: 3 exact, 2 part, 1 stem."""
        found = []
        for start, end, word in dutch.spans(text):
            joined = dutch.joined(word)
            if joined in self.exact:
                found.append((start, end, 3))
                continue
            parts = [part for part in dutch.parts(word)[1:] if part in self.parts]
            if parts and "-" not in word and "'" not in word:
                part = max(parts, key=len)
                offset = word.find(part)
                if offset >= 0:
                    found.append((start + offset, start + offset + len(part), 2))
                    continue
            if any(dutch.stem(part) in self.stems for part in dutch.parts(word)):
                found.append((start, end, 1))
        return found


def _marked(text: str, marks) -> SafeString:
    pieces, last = [], 0
    for start, end, _strength in marks:
        if start < last:
            continue
        pieces.append(escape(text[last:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece of text is escaped above


def snippet(text: str, marks) -> SafeString:
    """About ``SNIPPET_CHARS`` of ``text`` around its best match (``marks``, from
    ``Matcher.marks(text)``), matches marked."""
    if not marks:
        return _marked(_shorten(text), [])
    best = max(marks, key=lambda mark: (mark[2], -mark[0]))
    start = max(0, best[0] - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best[0] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", best[1], end)
        end = space if space > best[1] else end
    window = [
        (s - start, e - start, strength) for s, e, strength in marks if s >= start and e <= end
    ]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{_marked(text[start:end], window)}{suffix}")  # escaped


def _shorten(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"


def results(documents, query) -> list[Result]:
    """Turn a page of documents into results with marked titles and snippets."""
    parsed = query if isinstance(query, Query) else parse(query)
    matcher = Matcher(parsed)
    found = []
    for document in documents:
        # The body when it has a better match than the summary, else the summary.
        body_marks, summary_marks = matcher.marks(document.body), matcher.marks(document.summary)
        body = max((mark[2] for mark in body_marks), default=0)
        summary = max((mark[2] for mark in summary_marks), default=0)
        if body > summary or not document.summary:
            text, marks = document.body, body_marks
        else:
            text, marks = document.summary, summary_marks
        found.append(
            Result(
                kind=document.kind,
                title=document.title,
                title_html=_marked(document.title, matcher.marks(document.title)),
                url=document.url,
                snippet=snippet(text, marks),
                updated_at=document.updated_at,
            )
        )
    return found


# --- Suggestions ----------------------------------------------------------------------


def vocabulary_like(word: str, limit: int = 5) -> list[str]:
    """Indexed words that look like ``word`` (spelling mistakes), most alike first."""
    if connection.vendor == "postgresql":
        return list(
            SearchWord.objects.annotate(
                likeness=RawSQL("similarity(word, %s)", [word], output_field=FloatField())
            )
            .filter(likeness__gte=0.35)
            .exclude(word=word)
            .order_by("-likeness", "word")
            .values_list("word", flat=True)[:limit]
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {FTS_VOCABULARY} WHERE instr(term, '_') = 0 AND length(term) "
            "BETWEEN %s AND %s",
            [max(3, len(word) - 3), len(word) + 3],
        )
        terms = [row[0] for row in cursor.fetchall()]
    return [term for term in difflib.get_close_matches(word, terms, n=limit + 1, cutoff=0.7)
            if term != word][:limit]  # fmt: skip


def suggestion(query: Query, total: int) -> str | None:
    """A query with each misspelt word replaced by the nearest indexed word that finds
    more than ``query`` does, or None."""
    if total >= SUGGEST_BELOW or query.is_empty:
        return None
    words = text_words(query.text)[:MAX_QUERY_WORDS]
    changed, tried = False, 0
    for index, word in enumerate(words):
        if len(word) < 4 or not word.isalpha() or tried == MAX_SUGGESTED_WORDS:
            continue
        tried += 1
        if parse(word).documents().exists():
            continue
        for candidate in vocabulary_like(word, limit=3):
            if parse(candidate).documents().exists():
                words[index], changed = candidate, True
                break
    if not changed:
        return None
    suggested = " ".join(words)
    # Counting stops after total + 1: a common word would otherwise be counted in full.
    return suggested if parse(suggested).documents()[: total + 1].count() > total else None

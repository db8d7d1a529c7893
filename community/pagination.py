"""Keyset ("cursor") pagination for the long list of cases.

The list is ordered newest first by (published_at, pk). A page link carries the key of
the last case shown (``?na=``) or the first (``?voor=``), so page 2,000 costs the same as
page 1: an index range scan of 21 rows, no OFFSET and no COUNT. The total shown above
the list is counted once per content change and kept in the shared cache; for the whole
list that count runs in a task, and readers meanwhile see the last one.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from cocreatie.core import pagecache
from community.apps import PAGE_SCOPE
from roadmap.apps import PAGE_SCOPE as KNOWLEDGE

PAGE_SIZE = 20
# The count changes with the cases, and with the phases and challenges they filter on.
COUNT_SCOPES = (PAGE_SCOPE, KNOWLEDGE)
AFTER, BEFORE = "na", "voor"
COUNT_SECONDS = 24 * 60 * 60
# A recount that was asked for but did not come (no worker) is asked for again after this.
RECOUNT_SECONDS = 60


def encode(case) -> str:
    return f"{case.published_at.isoformat()}_{case.pk}"


def decode(cursor: str):
    """(moment in UTC, pk), or None for anything that is not a cursor we made: a link
    someone edited starts the list from the top instead of failing."""
    try:
        moment, pk = cursor.rsplit("_", 1)
        moment, pk = datetime.fromisoformat(moment), int(pk)
        if moment.tzinfo is None or not 0 < pk < 2**63:
            return None
        return moment.astimezone(UTC), pk
    except (ValueError, TypeError, OverflowError):  # OverflowError: beyond year 9999 in UTC
        return None


@dataclass
class CursorPage:
    items: list
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self):
        return bool(self.next_cursor or self.previous_cursor)


def paginate(queryset, params, page_size=PAGE_SIZE) -> CursorPage:
    """``queryset`` must be ordered by ("-published_at", "-pk")."""
    after, before = decode(params.get(AFTER, "")), decode(params.get(BEFORE, ""))
    if before:
        moment, pk = before
        newer = queryset.filter(Q(published_at__gt=moment) | Q(published_at=moment, pk__gt=pk))
        rows = list(newer.order_by("published_at", "pk")[: page_size + 1])
        has_newer = len(rows) > page_size
        items = list(reversed(rows[:page_size]))
        return CursorPage(
            items,
            next_cursor=encode(items[-1]) if items else None,
            previous_cursor=encode(items[0]) if items and has_newer else None,
        )
    if after:
        moment, pk = after
        queryset = queryset.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
    rows = list(queryset[: page_size + 1])
    items = rows[:page_size]
    return CursorPage(
        items,
        next_cursor=encode(items[-1]) if len(rows) > page_size else None,
        previous_cursor=encode(items[0]) if after and items else None,
    )


def _count_key(version: str, key: str) -> str:
    return f"casecount:{version}:{key}"


def cached_count(queryset, key: str) -> tuple[int, bool]:
    """(the number of rows, whether it is counted since the last change). Counted again
    only after public content changed. The whole list (``key`` ""), the one most visitors
    see, is not counted on the request path after that: the reader gets the last count
    (and False) and a task counts again."""
    store = pagecache.store()
    found = store.get_many([pagecache.version_key(scope) for scope in COUNT_SCOPES])
    version = "-".join(str(v) for v in sorted(found.values()))
    current, last = _count_key(version, key), _count_key("last", key)
    counts = store.get_many([current, last] if key == "" else [current])
    if current in counts:
        return counts[current], True
    if last in counts:
        # One task per version, however many readers come before it has run.
        if store.add(f"casecount:recounting:{version}", True, RECOUNT_SECONDS):
            transaction.on_commit(partial(recount_published_cases.enqueue, version))
        return counts[last], False
    count = queryset.count()
    store.set_many({current: count, **({last: count} if key == "" else {})}, COUNT_SECONDS)
    return count, True


@task()
def recount_published_cases(version: str) -> int:
    """Count the published cases for the whole list: under ``version`` (the content
    versions of the reader who asked) and as the last count."""
    from community.models import Case

    count = Case.objects.published().count()
    pagecache.store().set_many(
        {_count_key(version, ""): count, _count_key("last", ""): count}, COUNT_SECONDS
    )
    return count

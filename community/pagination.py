"""Keyset ("cursor") pagination for the long list of cases.

The list is ordered newest first by (published_at, pk). A page link carries the key of
the last case shown (``?na=``) or the first (``?voor=``), so page 2,000 costs the same as
page 1: an index range scan of 21 rows, no OFFSET and no COUNT. The total shown above
the list is counted once per content change and kept in the shared cache; for the whole
list that count runs in a task, and readers meanwhile see the last one.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q

from cocreatie.core import lastknown, pagecache
from community.apps import PAGE_SCOPE
from roadmap.apps import PAGE_SCOPE as KNOWLEDGE

PAGE_SIZE = 20
# The count changes with the cases, and with the phases and challenges they filter on.
COUNT_SCOPES = (PAGE_SCOPE, KNOWLEDGE)
AFTER, BEFORE = "na", "voor"
COUNT_SECONDS = 24 * 60 * 60


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
        newer = queryset.filter(
            Q(published_at__gt=moment) | Q(published_at=moment, pk__gt=pk),
            published_at__gte=moment,  # a range on the index (see below)
        )
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
        # The bound that the OR implies, stated once more: PostgreSQL then reads the
        # index from the cursor on (0.6 ms at page 2,000 of 95,000 cases) instead of
        # filtering every newer row out (110 ms).
        queryset = queryset.filter(
            Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk),
            published_at__lte=moment,
        )
    rows = list(queryset[: page_size + 1])
    items = rows[:page_size]
    return CursorPage(
        items,
        next_cursor=encode(items[-1]) if len(rows) > page_size else None,
        previous_cursor=encode(items[0]) if after and items else None,
    )


def _count_key(key: str) -> str:
    return f"casecount:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


@lastknown.register("published_cases", scopes=COUNT_SCOPES)
def published_case_count() -> int:
    """The number of published cases: the total above the unfiltered list."""
    from community.models import Case

    return Case.objects.published().count()


def cached_count(queryset, key: str) -> tuple[int, bool]:
    """(the number of rows, whether it is counted since the last change). Counted again
    only after public content changed. The whole list (``key`` ""), the one most visitors
    see, is not counted on the request path after that: the reader gets the last count
    (and False) and a task counts again (``cocreatie.core.lastknown``)."""
    if key == "":
        return lastknown.last_known("published_cases")
    current, entry = pagecache.read_current(_count_key(key), COUNT_SCOPES)
    if entry is not None:
        return entry[1], True
    count = queryset.count()
    pagecache.store().set(_count_key(key), (current, count), COUNT_SECONDS)
    return count, True

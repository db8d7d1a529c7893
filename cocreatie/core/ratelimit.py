"""A small fixed-window rate limit per client address or recipient, counted in the
database (``RateCount``) so that every app server counts the same hits: one statement per
use, an insert or an update of the key's row (``INSERT … ON CONFLICT``, which PostgreSQL
and SQLite both have)."""

import hashlib
import random

from django.conf import settings
from django.db import connection
from django.utils import timezone

from cocreatie.core.models import RateCount

# About one use in this many also removes the rows of windows that have ended.
PURGE_ONE_IN = 500


def client_ip(request) -> str:
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` proxies the address is read
    from X-Forwarded-For, counting from the right, so a visitor cannot forge it."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, scope: str, *, limit: int, period: int) -> bool:
    """Count one attempt from the visitor's address; False once more than ``limit`` were
    made in this window of ``period`` seconds."""
    return allow(f"{scope}:{client_ip(request)}", limit=limit, period=period)


def _count(key: str, expires: int, now: int) -> int:
    """Add one to ``key``'s count in the window that ends at ``expires`` (a count from
    an earlier window starts again at 1); the new count."""
    table, key_column, count, end = map(
        connection.ops.quote_name, (RateCount._meta.db_table, "key", "count", "expires")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {count}, {end}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET "
            f"{count} = CASE WHEN {table}.{end} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
            f"{end} = CASE WHEN {table}.{end} <= %s THEN excluded.{end} ELSE {table}.{end} END "
            f"RETURNING {count}",
            [key, expires, now, now],
        )
        return cursor.fetchone()[0]


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one use of ``key`` (an address, a recipient); False once more than
    ``limit`` were counted in this window of ``period`` seconds. The key is hashed: no
    address is stored."""
    now = int(timezone.now().timestamp())
    expires = (now // period + 1) * period
    digest = hashlib.sha256(f"{key}:{period}".encode()).hexdigest()
    count = _count(digest, expires, now)
    if random.randrange(PURGE_ONE_IN) == 0:
        RateCount.objects.filter(expires__lte=now).delete()
    # The benchmark sends everything from one address: counted as always, never refused.
    return count <= limit or settings.BENCH_RELAXED_LIMITS


def seconds_left(period: int) -> int:
    """How long until the current window of ``period`` seconds ends (for Retry-After)."""
    now = int(timezone.now().timestamp())
    return (now // period + 1) * period - now

"""Whole-page cache for visitors who are not logged in.

Most traffic is anonymous and reads the same pages. Those pages are kept in the shared
cache (the database cache by default, Redis in larger set-ups), so every app server
answers from the same copy.

Invalidation is by scoped version numbers. Every page depends on a few *scopes* (the
knowledge base, the community, one session series, ...), declared per URL prefix by
the apps (``register_paths``); every change to content raises the versions of the
scopes that content belongs to (``cocreatie.core.content``). A page's key carries the
versions of its scopes, so old copies are simply never read again and expire; a change
in one scope leaves the pages of the others cached. Every page also depends on
``SITE``, which a change that shows everywhere (a renamed tag) raises.

Never cached: logged-in visitors (or anyone with a session or message cookie), anything
but GET/HEAD, answers other than 200, responses that set a cookie, vary on Cookie (a
form with a CSRF token) or say private / no-cache / no-store, and the prefixes given to
``never_cache_paths``.
"""

import gzip
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.http import http_date

from cocreatie.core.language import unprefixed

logger = logging.getLogger(__name__)

SITE = "site"
VERSION_PREFIX = "pagecache:version:"
# Copies of pages this large or larger are stored gzipped (a long comment thread: about a
# sixth of the bytes to move through the cache on every hit) and sent as they are to
# every client that accepts gzip; level 6 packs a 150 kB page in about 2 ms, once.
COMPRESS_FROM_BYTES = 8 * 1024
COMPRESS_LEVEL = 6
_ACCEPTS_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(?:\.0*)?\s*(?:,|$))", re.IGNORECASE)

# URL prefix → the scopes its pages depend on: a tuple, or a callable path → tuple.
_path_scopes: dict[str, tuple[str, ...] | Callable[[str], Iterable[str]]] = {}
_never_cached: set[str] = set()
# Every scope named in a path rule or by a model: what a page without a rule (the home
# page, tag pages, search) depends on.
_known_scopes: set[str] = {SITE}


def store():
    """The cache that holds the pages and their versions (``PAGE_CACHE_ALIAS``): never
    the one with the rate limits, so no number of pages can push those out."""
    return caches[settings.PAGE_CACHE_ALIAS]


def register_paths(*prefixes: str, scopes) -> None:
    """Pages under these prefixes depend on ``scopes`` (a tuple of names, or a callable
    that takes the path and returns them). The longest matching prefix wins."""
    for prefix in prefixes:
        _path_scopes[prefix] = scopes
    if not callable(scopes):
        _known_scopes.update(scopes)


def never_cache_paths(*prefixes: str) -> None:
    _never_cached.update(prefixes)


def known_scope(name: str) -> None:
    _known_scopes.add(name)


def page_scopes(path: str) -> tuple[str, ...]:
    """The scopes a page depends on, ``SITE`` always among them, sorted. The same in
    every language ("/en/community/" depends on what "/community/" depends on)."""
    path = unprefixed(path)
    matches = [prefix for prefix in _path_scopes if path.startswith(prefix)]
    if matches:
        rule = _path_scopes[max(matches, key=len)]
        scopes = set(rule(path) if callable(rule) else rule)
    else:
        scopes = set(_known_scopes)
    return tuple(sorted(scopes | {SITE}))


def version_key(scope: str) -> str:
    return f"{VERSION_PREFIX}{scope}"


def bump(*scopes: str) -> None:
    """Give each scope's version a new, never used value (a nanosecond clock reading:
    unlike a counter it cannot fall back to an old value when the key is evicted)."""
    versions = {version_key(scope): time.time_ns() for scope in scopes}
    if not isinstance(store(), DatabaseCache):  # Redis: one round trip, no SQL
        store().set_many(versions, None)
        return
    try:
        with transaction.atomic():  # a savepoint: a cache error must not break the save
            store().set_many(versions, None)
    except DatabaseError:
        # No cache table yet (before `createcachetable`): nothing can be cached either,
        # and the change itself must not fail over it.
        logger.warning("Page cache version not raised: the cache table is missing.")


class _Bump:
    """An on-commit callback that collects the scopes of one transaction, so each
    version is raised once however many rows change."""

    def __init__(self):
        self.scopes: set[str] = set()

    def __call__(self):
        bump(*sorted(self.scopes))


def schedule_bump(scopes: Iterable[str]) -> None:
    """Raise the scopes' versions once the transaction commits (at once outside one).
    Not before: a visitor reading in between would cache the old content under the new
    version."""
    scopes = set(scopes)
    if not scopes:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump(*sorted(scopes))
        return
    for _, callback, *_ in connection.run_on_commit:
        if isinstance(callback, _Bump):
            callback.scopes |= scopes
            return
    callback = _Bump()
    callback.scopes |= scopes
    transaction.on_commit(callback)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not unprefixed(request.path).startswith(tuple(_never_cached))
    )


def keep_out(request) -> None:
    """This answer is right for now but not to be kept: it shows something that is
    about to change (a count a task is still making)."""
    request.page_cache_keep_out = True


def _cacheable_response(request, response) -> bool:
    if getattr(request, "page_cache_keep_out", False):
        return False
    # A page that used the CSRF token (a POST form) is personal: CsrfViewMiddleware,
    # outside this one, would still add the cookie and "Vary: Cookie".
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and not any(
        word in control for word in ("private", "no-cache", "no-store")
    )


def _lookup(request):
    """(page key, current versions, cached entry or None), read in one cache round trip.
    An entry is only used when it was stored under the current versions."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    key = f"pagecache:page:{path}"
    return key, *read_current(key, page_scopes(request.path))


def fragment(request, name: str, parts: Iterable, render: Callable[[], str]) -> str:
    """A part of a page that is the same for everyone who sees it (logged in or not),
    kept in the page store under the versions of the page's scopes: ``render()`` runs
    only when no copy stored under the current versions exists. ``parts`` are what the
    part depends on besides the language (a case's pk). With the page cache off
    (``PAGE_CACHE_SECONDS`` 0), it is always rendered."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return render()
    named = "\x1f".join(map(str, (name, getattr(request, "LANGUAGE_CODE", ""), *parts)))
    key = f"pagecache:fragment:{hashlib.sha256(named.encode()).hexdigest()[:40]}"
    current, entry = read_current(key, page_scopes(request.path))
    if entry is not None:
        return entry[1]
    html = render()
    store().set(key, (current, html), settings.PAGE_CACHE_SECONDS)
    return html


def read_with_versions(key: str, scopes: Iterable[str]):
    """(current versions of ``scopes``, whatever is stored under ``key``), in one cache
    round trip when the versions exist. An entry stored as (versions, value) is current
    when its versions are the first item."""
    scope_keys = [version_key(scope) for scope in scopes]
    found = store().get_many([*scope_keys, key])
    missing = [scope_key for scope_key in scope_keys if scope_key not in found]
    if missing:  # first use, or evicted: start afresh, no old entry can match
        for scope_key in missing:
            store().add(scope_key, time.time_ns(), timeout=None)
        found.update(store().get_many(missing))
        found.pop(key, None)
    return tuple(found.get(scope_key) for scope_key in scope_keys), found.get(key)


def read_current(key: str, scopes: Iterable[str]):
    """(current versions of ``scopes``, the entry under ``key`` when it was stored as
    (those versions, ...), else None)."""
    current, entry = read_with_versions(key, scopes)
    return current, entry if entry and entry[0] == current else None


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key, current, entry = _lookup(request)
        if entry is not None:
            # Copies stored before pages were compressed have no fifth item.
            _, content, headers, cached_at, *rest = entry
            packed = gzipped = bool(rest and rest[0])
            if gzipped and not _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
                content, gzipped = gzip.decompress(content), False
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            if packed:
                patch_vary_headers(response, ("Accept-Encoding",))
            if gzipped:
                response["Content-Encoding"] = "gzip"
            response["Last-Modified"] = http_date(cached_at)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            now = time.time()
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            content, packed = response.content, False
            if len(content) >= COMPRESS_FROM_BYTES and not response.has_header("Content-Encoding"):
                content, packed = gzip.compress(content, COMPRESS_LEVEL, mtime=0), True
                patch_vary_headers(response, ("Accept-Encoding",))
            entry = (current, content, headers, now, packed)
            store().set(key, entry, settings.PAGE_CACHE_SECONDS)
            response["Last-Modified"] = http_date(now)
            response["X-Page-Cache"] = "miss"
        return response

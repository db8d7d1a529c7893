"""Whole-page cache for visitors who are not logged in.

Most traffic is anonymous and reads the same pages. Those pages are kept in the shared
cache (the database cache by default, Redis in larger set-ups), so every app server
answers from the same copy. Invalidation is by version number: any change to public
content raises the "content" version, and a change to a registration raises the
"sessions" version that the session pages depend on; keys carry the versions, so old
copies are simply never read again and expire.

Never cached: logged-in visitors (or anyone with a session or message cookie), anything
but GET/HEAD, answers other than 200, responses that set a cookie, vary on Cookie (a
form with a CSRF token) or say private / no-cache / no-store.
"""

import hashlib
import logging
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.http import http_date

logger = logging.getLogger(__name__)

CONTENT, SESSIONS = "pagecache:version:content", "pagecache:version:sessions"
# Apps whose models appear on public pages.
CONTENT_APPS = ("roadmap", "community", "sessions_app", "taggit")
# Models that never show on a public page (or change on every log-in).
PRIVATE_MODELS = {
    "community.user",
    "community.moderationlog",
    "community.report",
    "community.contactrequest",
    "community.caserevision",
    "sessions_app.evaluation",
}
# Models whose changes only the session pages show (seats left).
SESSION_MODELS = {"sessions_app.registration", "sessions_app.seat"}
SESSION_PATHS = ("/sessies/",)
SKIP_PATHS = ("/beheer/", "/moderatie/", "/account/", "/healthz", "/static/", "/bench/")


def bump(version_key: str) -> None:
    """Give the version a new, never used value (a nanosecond clock reading: unlike a
    counter it cannot fall back to an old value when the key expires or is evicted)."""
    try:
        with transaction.atomic():  # a savepoint: a cache error must not break the save
            cache.set(version_key, time.time_ns(), timeout=None)
    except DatabaseError:
        # No cache table yet (before `createcachetable`): nothing can be cached either,
        # and the change itself must not fail over it.
        logger.warning("Page cache version not raised: the cache table is missing.")


class _Bump:
    """An on-commit callback, recognisable so that a transaction bumps each version once."""

    def __init__(self, version_key):
        self.version_key = version_key

    def __call__(self):
        bump(self.version_key)


def schedule_bump(version_key: str) -> None:
    """Raise the version once the transaction commits (at once outside a transaction).
    Not before: a visitor reading in between would cache the old content under the new
    version. Once per transaction, however many rows change."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(callback, "version_key", None) == version_key
        for _, callback, *_ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Bump(version_key))


def _changed(sender, **kwargs):
    label = sender._meta.label_lower
    if label in PRIVATE_MODELS:
        return
    schedule_bump(SESSIONS if label in SESSION_MODELS else CONTENT)


def connect_signals():
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            uid = f"pagecache-{model._meta.label_lower}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
            m2m_changed.connect(_changed, sender=model, dispatch_uid=f"{uid}-m2m")


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(SKIP_PATHS)
    )


def _cacheable_response(request, response) -> bool:
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
    found = cache.get_many([CONTENT, SESSIONS, key])
    missing = [version for version in (CONTENT, SESSIONS) if version not in found]
    if missing:  # first use, or evicted: start afresh, no old entry can match
        for version in missing:
            cache.add(version, time.time_ns(), timeout=None)
        found.update(cache.get_many(missing))
        found.pop(key, None)
    versions = (
        found.get(CONTENT),
        found.get(SESSIONS) if request.path.startswith(SESSION_PATHS) else 0,
    )
    entry = found.get(key)
    return key, versions, entry if entry and entry[0] == versions else None


def content_changed() -> None:
    """For changes made with queryset.update(), which sends no signals."""
    schedule_bump(CONTENT)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key, versions, entry = _lookup(request)
        if entry is not None:
            _, content, headers, cached_at = entry
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["Last-Modified"] = http_date(cached_at)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            now = time.time()
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            cache.set(key, (versions, response.content, headers, now), settings.PAGE_CACHE_SECONDS)
            response["Last-Modified"] = http_date(now)
            response["X-Page-Cache"] = "miss"
        return response

"""Reads for visitors from a read replica, when one is configured (``DATABASE_REPLICA_URL``,
a PostgreSQL streaming standby of the primary).

Only what cannot go wrong on a copy that is a moment behind goes there: the reads of a
visitor without a session, of a GET or HEAD, outside a transaction. Everything else uses
the primary: every write, every read in a transaction (so every lock, ``select_for_update``
included), every logged-in request, tasks and commands. A visitor who just sent a form
(a registration) keeps reading from the primary for ``STICKY_SECONDS`` (a cookie), so the
page after it shows what they did even when the replica has not replayed it yet.
"""

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# Set on every answer to a request that may have written; while it lasts, the visitor's
# reads go to the primary.
STICKY_COOKIE = "primair"
STICKY_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD")

_reads_from_replica = contextvars.ContextVar("reads_from_replica", default=False)


def may_read_from_replica(request) -> bool:
    """A visitor's GET or HEAD, with no session and nothing just written."""
    cookies = request.COOKIES
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in cookies
        and STICKY_COOKIE not in cookies
        and "messages" not in cookies
    )


class ReplicaRouter:
    """Reads to the replica while the request allows it (``ReplicaMiddleware``) and no
    transaction is open; writes, migrations and everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Also for an object that was read from the replica.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database and its copy

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    """Decides per request whether its reads may go to the replica, and keeps a visitor
    who may have written on the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_from_replica.set(may_read_from_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

from django.apps import AppConfig
from django.utils.translation import gettext_lazy

from roadmap.apps import PAGE_SCOPE as KNOWLEDGE

# Any change to a series or a session (title, date, cancellation) raises this scope,
# which every page under /sessies/ and the home page depend on; a seat taken or given
# up raises only the scope of its own series.
PAGE_SCOPE = "sessions"
# The notification kind of a newly published session series.
NEW_SERIES = "new_series"


# Raised by every seat taken or given up, in any series: for what shows the free seats
# of all series at once (the open data API's session lists).
SEATS_SCOPE = "seats"


def series_scope(slug: str) -> str:
    return f"series:{slug}"


def _session_pages(path: str) -> tuple[str, ...]:
    """/sessies/<reeks>/... depends on that series as well (called for every
    anonymous request under /sessies/)."""
    slug = path.removeprefix("/sessies/").split("/", 1)[0]
    return (KNOWLEDGE, PAGE_SCOPE, *([series_scope(slug)] if slug else []))


# The core's member-data registry calls ``export(user)`` and ``forget(user)``; the
# services take keyword arguments only.
class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = gettext_lazy("Online sessies")

    def ready(self):
        from cocreatie.core import (
            actionlog,
            content,
            following,
            memberdata,
            notifications,
            pagecache,
            search,
        )
        from sessions_app import models, services

        search.register(
            models.SessionSeries,
            plural=gettext_lazy("Sessiereeksen"),
            depends_on=[(models.Session, "series")],
            children=lambda series: series.sessions.select_related("series", "phase"),
        )
        search.register(models.Session, plural=gettext_lazy("Sessies"))

        content.register(
            models.SessionSeries, scopes=lambda series: (PAGE_SCOPE, series_scope(series.slug))
        )
        content.register(
            models.Session,
            scopes=lambda session: (PAGE_SCOPE, series_scope(session.series.slug)),
        )
        content.register(
            models.Seat, scopes=lambda seat: (series_scope(seat.session.series.slug), SEATS_SCOPE)
        )
        pagecache.known_scope(PAGE_SCOPE)
        pagecache.register_paths("/sessies/", scopes=_session_pages)

        # A member's download holds their registrations; deleting the account forgets them.
        memberdata.register(export=services.member_export, forget=services.member_forget)
        actionlog.register_verbs(models.OrganiserVerb)

        following.register(
            models.SessionSeries, key="reeks", label=gettext_lazy("Sessiereeks"),
            plural=gettext_lazy("Sessiereeksen"),
            order=70, queryset=models.SessionSeries.objects.published,
        )  # fmt: skip
        notifications.register_kind(
            NEW_SERIES,
            gettext_lazy("Nieuwe sessiereeksen"),
            default=notifications.Delivery.DIGEST,
            order=60,
        )

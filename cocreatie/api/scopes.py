"""Which page-cache scopes the API's answers depend on: anonymous answers are kept in
the shared cache like pages, and a change to the content they show makes new copies
(``cocreatie.core.pagecache``)."""

from cocreatie.api.v1 import KNOWLEDGE
from cocreatie.core import pagecache
from community.apps import CASES_SCOPE
from community.apps import PAGE_SCOPE as COMMUNITY
from roadmap.apps import PAGE_SCOPE as KNOWLEDGE_SCOPE
from sessions_app.apps import PAGE_SCOPE as SESSIONS
from sessions_app.apps import SEATS_SCOPE

BASE = "/api/v1/"
KNOWLEDGE_PATHS = [path for path, *_ in KNOWLEDGE]  # the endpoints v1 adds for each kind


def _sessions(path: str) -> tuple[str, ...]:
    """Sessions show their phase and the free seats of every series. (A callable rule,
    so that the seats scope stays out of what pages without a rule depend on.)"""
    return (KNOWLEDGE_SCOPE, SESSIONS, SEATS_SCOPE)


def register() -> None:
    pagecache.register_paths(
        *(f"{BASE}{name}" for name in KNOWLEDGE_PATHS), scopes=(KNOWLEDGE_SCOPE,)
    )
    pagecache.register_paths(f"{BASE}cases", scopes=(KNOWLEDGE_SCOPE, COMMUNITY, CASES_SCOPE))
    pagecache.register_paths(f"{BASE}session-series", f"{BASE}sessions", scopes=_sessions)
    # The document and its reference page change only with the code, like a page's
    # template. Tags depend on every kind of content: they have no rule (all scopes).
    pagecache.register_paths(f"{BASE}openapi.json", "/open-data/", scopes=(pagecache.SITE,))

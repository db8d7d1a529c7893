"""Who may open which page: every URL of the site × every role → the expected status.

A URL pattern without a row here fails ``test_every_url_pattern_has_an_access_row``, so a
new page cannot ship without its access being decided and tested.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.community.factories import CaseFactory
from tests.community.test_access import ACCESS_ROW_NAMES as COMMUNITY_ROWS
from tests.planner.test_access import ACCESS_ROW_NAMES as PLANNER_ROWS
from tests.roadmap import factories as roadmap
from tests.sessions.factories import SeriesFactory, SessionFactory
from tests.sessions.test_access import ACCESS_ROW_NAMES as SESSIONS_ROWS

OPEN = {"anonymous": 200, "member": 200, "admin": 200}
ADMIN_ONLY = {"anonymous": 302, "member": 302, "admin": 200}
NOT_FOUND = {"anonymous": 404, "member": 404, "admin": 404}
# Sends everyone on (to the page in the chosen language), never to the login page.
PASSES_ON = {"anonymous": 302, "member": 302, "admin": 302}


def slug_of(factory, **fields):
    return lambda: {"slug": factory(**fields).slug}


# url name → expected status per role, or (expected, kwargs maker) for patterns with
# arguments; the maker runs inside the test's database.
ACCESS = {
    "home": OPEN,
    "search": OPEN,
    "sitemap": OPEN,
    "feed": OPEN,
    "roadmap:index": OPEN,
    "roadmap:phase_detail": (OPEN, slug_of(roadmap.PhaseFactory)),
    "roadmap:challenge_list": OPEN,
    "roadmap:challenge_detail": (OPEN, slug_of(roadmap.ChallengeFactory)),
    "roadmap:example_list": OPEN,
    "roadmap:example_detail": (OPEN, slug_of(roadmap.ExampleFactory)),
    "roadmap:tool_list": OPEN,
    "roadmap:tool_detail": (OPEN, slug_of(roadmap.ToolFactory)),
    "roadmap:theme_list": OPEN,
    "roadmap:theme_detail": (OPEN, slug_of(roadmap.ThemeFactory)),
    "roadmap:article_list": OPEN,
    "roadmap:article_detail": (OPEN, slug_of(roadmap.ArticleFactory)),
    "tag_detail": (
        OPEN,
        lambda: {"slug": roadmap.ToolFactory(tags=["wijk"]).tags.get().slug},
    ),
    "privacy": OPEN,
    "accessibility": OPEN,
    "contact": OPEN,
    "robots_txt": OPEN,
    "security_txt": OPEN,
    "healthz": OPEN,
    "switch_language": PASSES_ON,
    "admin:index": ADMIN_ONLY,
    # Single sign-on (allauth's pages and community.sso); its flows are in tests/test_sso.py.
    # Without a configured identity provider its log-in addresses do not exist.
    "openid_connect_login": (NOT_FOUND, lambda: {"provider_id": "sso"}),
    "openid_connect_callback": (NOT_FOUND, lambda: {"provider_id": "sso"}),
    "socialaccount_login_cancelled": OPEN,
    # allauth answers its error page with 401 (templates/socialaccount/authentication_error.html).
    "socialaccount_login_error": {"anonymous": 401, "member": 401, "admin": 401},
    # Without a log-in through single sign-on waiting for it: back to the log-in page.
    "socialaccount_signup": {"anonymous": 302, "member": 302, "admin": 302},
    "socialaccount_connections": {"anonymous": 302, "member": 200, "admin": 200},
    "sso:link": {"anonymous": 302, "member": 302, "admin": 302},
    # A link from the mail that does not match this browser's log-in says so.
    "sso:link_confirm": (OPEN, lambda: {"token": "not-a-link"}),
    "sso:logged_out": (NOT_FOUND, lambda: {"provider_id": "sso"}),
    "api_reference": OPEN,
    # The open data API: the same for everyone (tests/api/ has what it hides).
    "api:openapi-json": OPEN,
    "api:api-root": {"anonymous": 404, "member": 404, "admin": 404},
    "api:tag_list": OPEN,
    "api:tag_detail": (
        OPEN,
        lambda: {"slug": roadmap.ToolFactory(tags=["wijk"]).tags.get().slug},
    ),
    "api:case_list": OPEN,
    "api:case_detail": (OPEN, slug_of(CaseFactory)),
    "api:series_list": OPEN,
    "api:series_detail": (OPEN, slug_of(SeriesFactory)),
    "api:session_list": OPEN,
    "api:session_detail": (OPEN, lambda: {"session_id": SessionFactory().pk}),
}
for _name, _factory in (
    ("phase", roadmap.PhaseFactory), ("challenge", roadmap.ChallengeFactory),
    ("example", roadmap.ExampleFactory), ("tool", roadmap.ToolFactory),
    ("theme", roadmap.ThemeFactory), ("article", roadmap.ArticleFactory),
):  # fmt: skip
    ACCESS[f"api:{_name}_list"] = OPEN
    ACCESS[f"api:{_name}_detail"] = (OPEN, slug_of(_factory))

# Django's own admin checks staff access on every admin URL; its index stands for them.
DELEGATED_NAMESPACES = {"admin"}
# django-allauth's account and two-factor pages guard themselves; each one is opened by
# tests/community/test_accounts.py. Community URLs have their own matrix with more roles.
DELEGATED_NAME_PREFIXES = ("account_", "mfa_")


def url_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner in DELEGATED_NAMESPACES:
                continue
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name
        elif isinstance(pattern, URLPattern):
            pytest.fail(f"URL pattern {pattern.pattern} has no name")


def test_every_url_pattern_has_an_access_row():
    covered = set(ACCESS) | COMMUNITY_ROWS | SESSIONS_ROWS | PLANNER_ROWS
    missing = {
        name
        for name in url_names()
        if name not in covered and not name.startswith(DELEGATED_NAME_PREFIXES)
    }

    assert not missing, f"add these URLs to the access matrix: {sorted(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member", "admin"])
@pytest.mark.parametrize("url_name", sorted(ACCESS))
def test_access(client_as, url_name, role):
    expected, make_kwargs = (
        ACCESS[url_name] if isinstance(ACCESS[url_name], tuple) else (ACCESS[url_name], dict)
    )
    response = client_as(role).get(reverse(url_name, kwargs=make_kwargs()))

    assert response.status_code == expected[role]
    if response.status_code == 302 and expected is not PASSES_ON:
        assert "/login/" in response["Location"]

"""Who may open which page: every URL of the site × every role → the expected status.

A URL pattern without a row here fails ``test_every_url_pattern_has_an_access_row``, so a
new page cannot ship without its access being decided and tested.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.community.test_access import ACCESS_ROW_NAMES as COMMUNITY_ROWS
from tests.roadmap import factories as roadmap
from tests.sessions.test_access import ACCESS_ROW_NAMES as SESSIONS_ROWS

OPEN = {"anonymous": 200, "member": 200, "admin": 200}
ADMIN_ONLY = {"anonymous": 302, "member": 302, "admin": 200}
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
}

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
    covered = set(ACCESS) | COMMUNITY_ROWS | SESSIONS_ROWS
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

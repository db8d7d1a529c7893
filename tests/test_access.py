"""Who may open which page: every URL of the site × every role → the expected status.

A URL pattern without a row here fails ``test_every_url_pattern_has_an_access_row``, so a
new page cannot ship without its access being decided and tested.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

OPEN = {"anonymous": 200, "member": 200, "admin": 200}
ADMIN_ONLY = {"anonymous": 302, "member": 302, "admin": 200}

# url name → expected status per role. Patterns with arguments get kwargs from a fixture
# function (added by the issues that bring them).
ACCESS = {
    "home": OPEN,
    "privacy": OPEN,
    "accessibility": OPEN,
    "contact": OPEN,
    "robots_txt": OPEN,
    "security_txt": OPEN,
    "healthz": OPEN,
    "admin:index": ADMIN_ONLY,
}

# Django's own admin checks staff access on every admin URL; its index stands for them.
DELEGATED_NAMESPACES = {"admin"}


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
    missing = set(url_names()) - set(ACCESS)

    assert not missing, f"add these URLs to the access matrix: {sorted(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member", "admin"])
@pytest.mark.parametrize("url_name", sorted(ACCESS))
def test_access(client_as, url_name, role):
    response = client_as(role).get(reverse(url_name))

    assert response.status_code == ACCESS[url_name][role]
    if response.status_code == 302:
        assert "/login/" in response["Location"]

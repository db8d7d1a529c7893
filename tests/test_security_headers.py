"""With production settings every response, whatever the URL, carries the security
headers; cookies are locked down; an unknown Host is refused."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.community.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

DUMMY = {"slug": "x", "str": "x", "int": 1, "path": "x", "kind": "verhaal",
         "visibility": "verbergen", "sessionaction": "plaatsen", "token": "x" * 43,
         "certificatecode": "AAAA-BBBB-CCCC"}  # fmt: skip


def every_url(patterns=None, namespace=None, outer=()):
    """One concrete URL for every named pattern of the site, the admin's included.
    ``outer``: the groups of the regular-expression patterns it is included under
    (allauth's OpenID Connect addresses start with the provider's id)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            groups = tuple(getattr(pattern.pattern, "regex", re.compile("")).groupindex)
            yield from every_url(
                pattern.url_patterns, pattern.namespace or namespace, outer + groups
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield reverse(name, kwargs=dummy_kwargs(pattern, name, outer))


def dummy_kwargs(pattern, name, outer=()):
    converters = getattr(pattern.pattern, "converters", {})
    if converters:
        kwargs = {}
        for key, converter in converters.items():
            kind = type(converter).__name__.removesuffix("Converter").lower()
            kind = {"string": "str"}.get(kind, kind)
            kwargs[key] = DUMMY.get(kind, getattr(converter, "regex", "x").split("|")[0])
        return kwargs
    # A regular-expression pattern (allauth, the admin): find values that fit.
    regex = pattern.pattern.regex
    fixed_choices = dict.fromkeys(outer)
    for key in regex.groupindex:
        # A group of fixed choices, like the admin's (?P<app_label>auth|community|...)
        choices = re.search(rf"\(\?P<{key}>([\w|]+)\)", regex.pattern)
        fixed_choices[key] = choices.group(1).split("|")[0] if choices else None
    for value in ("x", "1", "x-1"):
        kwargs = {key: fixed or value for key, fixed in fixed_choices.items()}
        try:
            reverse(name, kwargs=kwargs)
            return kwargs
        except Exception:  # noqa: BLE001, S112 - try the next candidate
            continue
    raise AssertionError(f"cannot fill in {name}")


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["cocreatie.example.nl"]
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_secure_headers(response, url):
    csp = csp_directives(response["Content-Security-Policy"])
    script_src = csp.get("script-src", csp.get("default-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
    assert csp["object-src"] == ["'none'"], url
    assert csp["base-uri"] == ["'self'"], url
    assert csp["frame-ancestors"] == ["'none'"], url
    assert csp["form-action"] == ["'self'"], url
    hsts = response["Strict-Transport-Security"]
    assert "includeSubDomains" in hsts, url
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31_536_000, url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] in {
        "strict-origin-when-cross-origin", "same-origin", "no-referrer", "strict-origin"
    }, url  # fmt: skip
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy, url


def test_every_url_answers_with_the_security_headers(client, production):
    urls = sorted(set(every_url()))
    assert len(urls) > 60  # the walk really covers the site

    for url in urls:
        response = client.get(url, secure=True, headers={"host": "cocreatie.example.nl"})
        assert_secure_headers(response, url)


def test_logged_in_pages_and_static_files_carry_them_too(client, production):
    client.force_login(VerifiedUserFactory())

    for url in ["/", "/community/mijn-verhalen/", "/account/email/", "/sessies/"]:
        response = client.get(url, secure=True, headers={"host": "cocreatie.example.nl"})
        assert response.status_code == 200, url
        assert_secure_headers(response, url)


def test_cookies_are_secure_http_only_and_same_site(client, production):
    response = client.get("/account/login/", secure=True, headers={"host": "cocreatie.example.nl"})
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"

    member = VerifiedUserFactory()
    response = client.post(
        "/account/login/",
        {"login": member.email, "password": "een-lang-wachtwoord-voor-tests"},
        secure=True,
        headers={"host": "cocreatie.example.nl"},
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_an_unknown_host_is_refused(client, production):
    response = client.get("/", secure=True, headers={"host": "evil.example"})

    assert response.status_code == 400

"""The interface language: Dutch at the plain addresses, English under ``/en/``.

The language is part of the address (``i18n_patterns`` without a prefix for Dutch), so
a page and its cached copy are always in one language and search engines can list both
(``hreflang``). The switch in the header is a small GET form: ``switch_language`` keeps
the choice in the language cookie and sends the visitor to the same page in the other
language. Someone who chose English and follows a plain (Dutch) link, from a mail for
instance, is sent on to its English address (``LanguageMiddleware``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

LANGUAGE_FIELD = "taal"
NEXT_FIELD = "volgende"


def other_languages() -> list[str]:
    """The languages whose addresses carry a prefix (all but the default one)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def unprefixed(path: str) -> str:
    """``path`` without its language prefix: "/en/zoeken/" → "/zoeken/"."""
    for code in other_languages():
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return path[len(code) + 1 :] or "/"
    return path


def address_in(url: str, code: str) -> str:
    """The same page's address in language ``code`` (the paths are the same in every
    language; only the prefix differs), with its query and fragment."""
    parts = urlsplit(url)
    path = unprefixed(parts.path or "/")
    if code != settings.LANGUAGE_CODE:
        path = f"/{code}{path}"
    if parts.query:
        path = f"{path}?{parts.query}"
    return f"{path}#{parts.fragment}" if parts.fragment else path


def chosen_language(request) -> str | None:
    """The language kept in the cookie, if it is one of ours."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else None


class LanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware``, which takes the language from the address; a plain
    address asked for by someone whose cookie says another language is redirected to
    that language's address (GET and HEAD only, and only where that address exists)."""

    def process_request(self, request):
        chosen = chosen_language(request)
        if (
            chosen
            and chosen != settings.LANGUAGE_CODE
            and request.method in ("GET", "HEAD")
            and unprefixed(request.path_info) == request.path_info
        ):
            target = f"/{chosen}{request.path_info}"
            with translation.override(chosen):  # the prefix of the language matched
                exists = is_valid_path(target, getattr(request, "urlconf", None))
            if exists:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(f"{target}?{query}" if query else target)
                response.headers["Vary"] = "Cookie"
                response.headers["Cache-Control"] = "private"
                return response
        return super().process_request(request)


@never_cache
def switch_language(request):
    """Keep the chosen language in the cookie and show the same page in it."""
    code = request.GET.get(LANGUAGE_FIELD, "")
    back = request.GET.get(NEXT_FIELD, "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    if code not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(back)
    response = HttpResponseRedirect(address_in(back, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def language_links(request) -> dict:
    """Context: this page in every language, for the switch and the ``hreflang`` links
    (absolute, on ``SITE_URL``)."""
    current = translation.get_language()
    path = request.get_full_path()
    links = [
        {
            "code": code,
            "name": name,
            "url": settings.SITE_URL + address_in(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "language_links": links,
        "default_language": settings.LANGUAGE_CODE,
        # The page's path without the language prefix: the same in every language.
        "page_path": unprefixed(request.path),
    }

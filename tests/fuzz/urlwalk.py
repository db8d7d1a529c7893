"""Walk the site's URL patterns, as tests/test_access.py and every_url() do."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

# The admin is Django's own, for staff only; its URL parts (object ids, app labels) are
# Django's tested code, and a fuzzed admin URL would only exercise Django.
SKIPPED_NAMESPACES = {"admin": "Django's admin: its own, tested URL handling, staff only"}

ROUTE_PART = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_PART = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Pattern:
    name: str
    template: str  # the whole path, with {kwarg} where a value goes
    kwargs: tuple[str, ...]
    accepts_post: bool


def accepts_post(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    return bool(view_class and hasattr(view_class, "post"))


def _template(parts) -> str:
    text = ""
    for part in parts:
        if isinstance(part, RegexPattern):
            text += REGEX_PART.sub(r"{\g<name>}", part._regex.lstrip("^").rstrip("$"))
        else:
            text += ROUTE_PART.sub(r"{\g<name>}", str(part).replace("{", "{{").replace("}", "}}"))
    return "/" + text


def patterns(url_patterns=None, namespace=None, parents=()):
    """Every named pattern outside the skipped namespaces."""
    for pattern in get_resolver().url_patterns if url_patterns is None else url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from patterns(pattern.url_patterns, inner, (*parents, pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            template = _template((*parents, pattern.pattern))
            kwargs = tuple(re.findall(r"(?<!\{)\{(\w+)\}", template))
            yield Pattern(name, template, kwargs, accepts_post(pattern.callback))


def with_converters():
    return [pattern for pattern in patterns() if pattern.kwargs]

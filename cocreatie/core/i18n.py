"""Texts in the language of whoever reads them, whatever the language of the request.

A request is in the language its reader chose (Dutch, or English under ``/en/``). What it
writes for other people is not for that reader:

- what is stored for everyone (the action log, the search index that every language
  shares, a moderator's reasons) is written in ``LANGUAGE_CODE``, with addresses without
  a language prefix (``for_others``, ``written_for_others``, ``site_text``);
- what is written to one member (a mail, a notification) is in the language they chose
  (``language_of``, ``for_member``, ``by_language``), with addresses in that language.

A lazy text that is stored or used as a key gets its source form (``source_text``).

The content of the site (what members and editors write) is Dutch in every language; a
text of it that a page shows carries the language it is written in (``ShownText``,
``content_label``), so that the page can mark it for a screen reader (WCAG 3.1.2).
"""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def source_text(text) -> str:
    """``text`` as the source has it (in Dutch), whatever the language of the request:
    for a lazy translation that is stored or used as a key rather than shown."""
    if isinstance(text, str):
        return text
    with translation.override(None):
        return str(text)


def for_others() -> translation.override:
    """``with for_others(): ...``: translations and addresses in the site's language."""
    return translation.override(settings.LANGUAGE_CODE)


def _one_of_ours(language) -> str:
    """``language`` if it is one of ``LANGUAGES``, otherwise the site's own."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def current_language() -> str:
    """The language of the request (or of the ``translation.override`` around the call),
    as one of ``LANGUAGES``: what a new member or registrant is written to in."""
    return _one_of_ours(translation.get_language())


def language_of(member) -> str:
    """The language ``member`` chose for what the site writes to them (the site's own
    for anyone without a choice: a visitor, a former member)."""
    return _one_of_ours(getattr(member, "language", ""))


def for_member(member) -> translation.override:
    """``with for_member(member): ...``: translations and addresses in their language."""
    return translation.override(language_of(member))


def by_language(members) -> dict[str, list[str]]:
    """The addresses of ``members`` per language they chose: one mail per language."""
    addresses = {}
    for member in members:
        addresses.setdefault(language_of(member), []).append(member.email)
    return addresses


def written_for_others(function):
    """A decorator: ``function`` runs in the site's language (``for_others``)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with for_others():
            return function(*args, **kwargs)

    return wrapper


def site_text(text, **params) -> str:
    """``text`` (a lazy translation) in the site's language, with ``params`` filled in
    (``%(name)s`` placeholders): for a text that is stored for others to read."""
    with for_others():
        return str(text) % params if params else str(text)


class ShownText(str):
    """A text as a page shows it, with the language it is written in (``lang``): for the
    ``lang`` attribute of the element around it, so that a screen reader reads Dutch as
    Dutch on an English page (WCAG 3.1.2)."""

    def __new__(cls, text: str, lang: str):
        shown = super().__new__(cls, text)
        shown.lang = lang
        return shown


def content_label(text) -> ShownText:
    """A text of the site's content (a title, a name) in a place that also holds
    interface texts, such as the breadcrumb trail: marked as written in the site's
    language, whatever the language of the page."""
    return ShownText(text, settings.LANGUAGE_CODE)


def in_its_language(text):
    """Content in a ``<span lang>`` when it is in another language than the page: a
    ``ShownText`` in its own language, any other text in the site's. Only for content,
    never for an interface text (that is in the page's language already)."""
    lang = getattr(text, "lang", settings.LANGUAGE_CODE)
    if not text or lang == translation.get_language():
        return text
    return format_html('<span lang="{}">{}</span>', lang, text)


def sentence_with(sentence, **parts) -> SafeString:
    """An interface ``sentence`` with ``%(name)s`` placeholders, filled in with ``parts``
    (escaped): a part that is content (a ``ShownText``) is marked with its language, so
    that "Tag: <span lang="nl">Inwoners</span>" reads right on an English page."""
    return mark_safe(
        conditional_escape(sentence)
        % {
            name: conditional_escape(in_its_language(part) if isinstance(part, ShownText) else part)
            for name, part in parts.items()
        }
    )

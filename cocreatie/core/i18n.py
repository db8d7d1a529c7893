"""Texts in the site's own language, whatever the language of the request.

A request is in the language its reader chose (Dutch, or English under ``/en/``). What it
writes for other people (mails to someone else, notifications, the action log, the
search index that every language shares) is not for that reader: it is written in
``LANGUAGE_CODE``, with addresses without a language prefix (``for_others``,
``written_for_others``, ``site_text``). A lazy text that is stored or used as a key gets
its source form (``source_text``).
"""

import functools

from django.conf import settings
from django.utils import translation


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

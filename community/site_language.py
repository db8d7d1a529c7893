"""What one member's step writes for other people is written in the site's own language.

A request is in the language its reader chose (Dutch, or English under ``/en/``). The
mails it sends to someone else (a statement of reasons to an author, a new report to the
moderators, a question to a colleague), the notifications it stores for other members and
the messages it writes in the action log are not for that reader: they are written in
``LANGUAGE_CODE``, with addresses without a language prefix, as ``cocreatie.core``'s own
notification mails are.
"""

import functools

from django.conf import settings
from django.utils import translation


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

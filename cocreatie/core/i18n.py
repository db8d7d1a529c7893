"""Texts that are data as well as words."""

from django.utils import translation


def source_text(text) -> str:
    """``text`` as the source has it (in Dutch), whatever the language of the request:
    for a lazy translation that is stored or used as a key rather than shown."""
    if isinstance(text, str):
        return text
    with translation.override(None):
        return str(text)

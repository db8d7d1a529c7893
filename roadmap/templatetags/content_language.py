"""``{% load content_language %}``: Dutch content marked as Dutch on an English page.

The content of the site is Dutch in every language (the knowledge base, the members'
cases, comments and questions, the sessions); only the titles and summaries of phases and
challenges may have an English version (``cocreatie.core.i18n.ShownText`` says which one
a page shows). A screen reader reads a text in the language of its element (WCAG 3.1.2):
an element that holds only Dutch content gets ``lang="nl"`` in the template itself, and a
text inside a translated sentence goes through ``lang_span``.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.filter
def lang_span(text):
    """Content in a ``<span lang>`` when it is in another language than the page: a
    ``ShownText`` in its own language, any other text in the site's (Dutch). Only for
    content, never for an interface text (that is in the page's language already)."""
    lang = getattr(text, "lang", settings.LANGUAGE_CODE)
    if not text or lang == translation.get_language():
        return text
    return format_html('<span lang="{}">{}</span>', lang, text)

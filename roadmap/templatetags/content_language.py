"""``{% load content_language %}``: Dutch content marked as Dutch on an English page.

The content of the site is Dutch in every language (the knowledge base, the members'
cases, comments and questions, the sessions); only the titles and summaries of phases and
challenges may have an English version (``cocreatie.core.i18n.ShownText`` says which one
a page shows). A screen reader reads a text in the language of its element (WCAG 3.1.2):
an element that holds only Dutch content gets ``lang="nl"`` in the template itself, and a
text inside a translated sentence goes through ``lang_span``.
"""

from django import template

from cocreatie.core.i18n import in_its_language

register = template.Library()


@register.filter
def lang_span(text):
    """``cocreatie.core.i18n.in_its_language`` in a template."""
    return in_its_language(text)

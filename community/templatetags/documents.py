"""``{% load documents %}``: what a list of documents says about each file."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreatie.core import media

register = template.Library()


@register.filter
def document_facts(document) -> str:
    """``{{ document|document_facts }}``: "PDF, 12 pagina's, 2,4 MB"."""
    pages = ngettext("%(count)d pagina", "%(count)d pagina's", document.page_count) % {
        "count": document.page_count
    }
    return _("PDF, %(pages)s, %(size)s") % {"pages": pages, "size": media.human_size(document.size)}

"""``{% load fragments %}``: ``{% shared_fragment "name" part ... %}…{% endshared_fragment %}``
keeps what is between the tags in the shared cache, for every visitor and member alike,
until the content the page depends on changes (``cocreatie.core.pagecache.fragment``).
Only for parts that show nobody anything of their own: no forms, no names of the reader.
"""

from django import template
from django.utils.safestring import mark_safe

from cocreatie.core import pagecache

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        html = pagecache.fragment(
            context["request"],
            self.name.resolve(context),
            parts,
            lambda: self.nodelist.render(context),
        )
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )

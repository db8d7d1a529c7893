"""``{% load case_images %}``: the sources of a case's photo for ``<picture>``."""

from django import template

from community import images

register = template.Library()


@register.filter
def picture(image, slug: str) -> images.Picture:
    """``{% with picture=image|picture:case.slug %}``: srcsets per format and the
    fallback address (``community.images.Picture``)."""
    return images.picture(image, slug=slug)

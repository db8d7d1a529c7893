"""What a tag page shows: every app registers its tagged models here, in its
``AppConfig.ready()``, with the heading of its section and the card that shows an item."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class TagSection:
    model: type
    heading: str
    order: int
    template: str
    # The published items of the model, ready for the card (select_related and so on).
    queryset: Callable[[], QuerySet]


_sections: dict[type, TagSection] = {}


def register(model, *, heading: str, order: int, template: str, queryset=None) -> None:
    _sections[model] = TagSection(
        model=model,
        heading=heading,
        order=order,
        template=template,
        queryset=queryset or (lambda: model.objects.published()),
    )


def sections() -> list[TagSection]:
    return sorted(_sections.values(), key=lambda section: section.order)


def tagged(tag, *, limit: int) -> list[dict]:
    """Per registered kind that has any, at most ``limit`` published items with ``tag``."""
    found = []
    for section in sections():
        items = list(section.queryset().filter(tags=tag)[:limit])
        if items:
            found.append({"heading": section.heading, "template": section.template, "items": items})
    return found

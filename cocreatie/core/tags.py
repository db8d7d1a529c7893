"""Tags, shared by every app.

What a tag page shows: every app registers its tagged models here, in its
``AppConfig.ready()``, with the heading of its section and the card that shows an item.
Which tag names are allowed, and that every tag has a slug its page's address can carry
(see "Tag names and addresses" below)."""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.signals import pre_save
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.forms import TagField
from taggit.models import Tag


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


# --- Tag names and addresses ------------------------------------------------------------
#
# A tag's page lives at /tags/<slug>/, and the ``slug`` path converter only matches ASCII
# letters, digits, hyphens and underscores. taggit makes Unicode slugs ("café") and adds
# ``_1``, ``_2`` when a slug is taken. The form fields below refuse names without letters
# or digits, and ``_give_routable_slug`` gives any tag that would be saved with a slug no
# address can carry (Unicode, empty, too long) an ASCII one, folded from its name
# ("café" → "cafe", "coöperatie" → "cooperatie"), whoever saves it: a form, the admin,
# the demo loader or the shell.

# What the ``slug`` path converter matches.
ROUTABLE_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# The slug of a tag whose name has nothing ASCII to keep (with ``_1``, ``_2`` if taken).
FALLBACK_SLUG = "tag"
# Tag.name and Tag.slug are both at most this long in taggit's table.
MAX_LENGTH = 100


def tag_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a tag, for the person who typed it (in the language of the
    page); None if it can."""
    if not any(character.isalnum() for character in name):
        return _(
            "De tag ‘%(name)s’ heeft geen letters of cijfers. Laat hem weg of kies een ander woord."
        ) % {"name": name}
    if len(name) > MAX_LENGTH:
        return _(
            "De tag ‘%(start)s…’ is te lang: maximaal %(max)s tekens. Kies een korter woord."
        ) % {"start": name[:30], "max": MAX_LENGTH}
    return None


class TagNamesField(TagField):
    """taggit's comma-separated tags field that refuses names ``tag_name_problem`` refuses,
    each with its own message."""

    def clean(self, value):
        names = super().clean(value)
        problems = [problem for name in names if (problem := tag_name_problem(name))]
        if problems:
            raise ValidationError(problems)
        return names


# Letters that Unicode does not decompose into an ASCII letter and a mark.
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th"}
)  # fmt: skip


def ascii_fold(text: str) -> str:
    """``text`` without accents and marks, in ASCII; what has no ASCII form is dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return decomposed.encode("ascii", "ignore").decode()


def is_routable_slug(slug: str) -> bool:
    return len(slug) <= MAX_LENGTH and ROUTABLE_SLUG.fullmatch(slug) is not None


def fresh_slug(*texts: str, taken: Callable[[str], bool]) -> str:
    """An ASCII slug that ``taken`` says is free, folded from the first of ``texts`` that
    has anything left after folding: ``café`` → ``cafe``, then ``cafe_1``, ``cafe_2``
    (taggit's own suffixes); when none has, ``tag``, ``tag_1``..."""
    folded = (slugify(ascii_fold(text or "")) for text in texts)
    base = next((slug for slug in folded if slug), FALLBACK_SLUG)
    number = 0
    while True:
        suffix = f"_{number}" if number else ""
        slug = base[: MAX_LENGTH - len(suffix)] + suffix
        if not taken(slug):
            return slug
        number += 1


def _give_routable_slug(sender, instance, using=None, update_fields=None, **kwargs):
    if is_routable_slug(instance.slug or ""):
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    others = sender._default_manager.using(using)
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    # A slug someone typed (in taggit's tag admin) is kept as far as it folds.
    instance.slug = fresh_slug(
        instance.slug, instance.name, taken=lambda slug: others.filter(slug=slug).exists()
    )


def connect_signals() -> None:
    pre_save.connect(_give_routable_slug, sender=Tag, dispatch_uid="routable-tag-slug")

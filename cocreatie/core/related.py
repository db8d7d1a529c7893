"""What other apps show on the page of an item.

A page belongs to one app, but others may have something to say about its item: the
members' cases about a challenge, the colleagues who met it. The page's app may not
import them (the layers point down), so they register a *provider* here, in their
``AppConfig.ready()``, for the models whose pages they add to::

    related.register(Challenge, Phase, provider=peer_cases.section, order=10)

A provider takes the item and returns a section, or None to add nothing. A section is
any object with a ``template`` attribute: the page includes that template with the
section as ``section`` (``templates/includes/related_sections.html``), so the provider
decides what the template gets. The page's view adds the sections with
``RelatedSectionsMixin``; each provider keeps its own query count flat.

Whatever a section shows must raise a page-cache scope that the page depends on
(``cocreatie.core.pagecache``): the provider's app registers that too. A section with
``settled`` False shows a figure a task is still working out
(``cocreatie.core.lastknown``): the page is then not kept in the page cache.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from cocreatie.core import pagecache


class Section(Protocol):
    template: str


@dataclass(frozen=True)
class _Provider:
    models: tuple[type, ...]
    build: Callable[[Any], Section | None]
    order: int


_providers: list[_Provider] = []


def register(*models: type, provider: Callable[[Any], Section | None], order: int = 0) -> None:
    """``provider(item)`` adds a section to the pages of ``models``' items; sections
    show in ``order``, lowest first."""
    _providers.append(_Provider(models=models, build=provider, order=order))
    _providers.sort(key=lambda registered: registered.order)


def sections_for(item) -> list[Section]:
    """The sections the providers registered for ``item``'s model give it, in order."""
    found = []
    for registered in _providers:
        if isinstance(item, registered.models):
            section = registered.build(item)
            if section is not None:
                found.append(section)
    return found


class RelatedSectionsMixin:
    """A detail view's ``related_sections``: what other apps show about its object. A
    section that is not ``settled`` (it shows what a task is still working out) keeps
    the page out of the page cache."""

    def get_context_data(self, **kwargs):
        sections = sections_for(self.object)
        if not all(getattr(section, "settled", True) for section in sections):
            pagecache.keep_out(self.request)
        return super().get_context_data(related_sections=sections, **kwargs)

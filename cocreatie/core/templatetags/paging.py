"""``{{ page_obj|shown_pages }}``: the page numbers a list of pages links to."""

from django import template

register = template.Library()


@register.filter
def shown_pages(page_obj) -> list[int | None]:
    """The first and last page and two around the current one, None where pages are
    left out: as many items for page 1 of 5,000 as of 5, where a loop over every page
    number cost the search for a common word 100 ms a render."""
    numbers = page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    return [number if isinstance(number, int) else None for number in numbers]

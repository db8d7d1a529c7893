"""The numbered page links under a long list (search results, examples, the log)."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def links(pages: int, current: int) -> list[str]:
    page_obj = Paginator(range(pages * 10), 10).page(current)
    html = render_to_string("includes/pagination.html", {"page_obj": page_obj, "query": "wijk"})
    shown = re.findall(r'</span>(\d+)</a>|pagination__item--gap" aria-hidden="true">(…)', html)
    return [number or gap for number, gap in shown]


def test_a_short_list_links_every_page():
    assert links(5, 3) == ["1", "2", "3", "4", "5"]


def test_a_long_list_links_the_ends_and_two_pages_around_the_current_one():
    assert links(5_000, 1) == ["1", "2", "3", "…", "5000"]
    assert links(5_000, 2_500) == ["1", "…", "2498", "2499", "2500", "2501", "2502", "…", "5000"]


def test_the_current_page_is_marked_and_the_links_keep_the_search_words():
    page_obj = Paginator(range(100), 10).page(4)
    html = render_to_string("includes/pagination.html", {"page_obj": page_obj, "query": "wijk"})
    assert 'href="?q=wijk&amp;page=4" aria-current="page"' in html
    assert 'href="?q=wijk&amp;page=5" rel="next"' in html

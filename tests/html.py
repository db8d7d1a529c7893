"""Read what a visitor's browser would see in a page: landmarks, links, ids."""

from html.parser import HTMLParser


class PageOutline(HTMLParser):
    """Collects the elements of a page as (tag, attributes) pairs, in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def find_all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            found
            for name, found in self.elements
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]

    def links(self) -> list[str]:
        return [found["href"] for found in self.find_all("a") if found.get("href")]


def assert_base_layout(html: str) -> PageOutline:
    """The page uses the site's layout: Dutch, skip link, landmarks, footer links."""
    page = PageOutline(html)
    assert page.find_all("html", lang="nl"), "the page must declare lang=nl"
    (skip_link, *_) = page.find_all("a")
    assert skip_link.get("href") == "#inhoud", "the first link must skip to the content"
    assert page.find_all("main", id="inhoud"), "the skip link must land on <main>"
    assert len(page.find_all("main")) == 1
    assert page.find_all("header"), "missing <header> landmark"
    assert page.find_all("footer"), "missing <footer> landmark"
    assert page.find_all("nav", **{"aria-label": "Hoofdmenu"}), "missing main navigation"
    for href in ("/privacy/", "/toegankelijkheid/", "/contact/"):
        assert href in page.links(), f"footer must link to {href}"
    return page

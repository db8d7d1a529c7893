"""The plain-language check: find the words of ``tests/plain_language.txt`` in what a
reader sees of a Dutch page or mail.

Only the site's own words count: text inside an element marked ``data-user-text`` (what
members and editors wrote) and inside ``<script>``/``<style>`` is skipped. Visible text
and the attributes a screen reader reads out (``aria-label``, ``title``, ``alt``,
``placeholder``, and the ``value`` of buttons) are checked.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

WORD_LIST = Path(__file__).with_name("plain_language.txt")
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


def jargon() -> list[str]:
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _pattern() -> re.Pattern:
    words = sorted(jargon(), key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


class _Reader(HTMLParser):
    """The text a reader meets, without members' own text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)

    @property
    def skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = tag in ("script", "style") or "data-user-text" in attributes
        if not (self.skipping or skipped):
            self.parts += [attributes[name] or "" for name in READ_ATTRIBUTES if name in attributes]
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.parts.append(attributes.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def readable_text(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


def find_jargon(text: str) -> list[str]:
    """The listed words in ``text``, each with a little context."""
    found = []
    for match in _pattern().finditer(text):
        start, end = max(match.start() - 30, 0), min(match.end() + 30, len(text))
        found.append(f"{match.group(0)!r} in …{text[start:end]}…")
    return found


def page_jargon(html: str) -> list[str]:
    return find_jargon(readable_text(html))

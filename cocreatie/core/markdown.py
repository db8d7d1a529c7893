"""The one way user and moderator Markdown becomes HTML: rendered, then sanitised."""

import html

import markdown
import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# A comment sits under the case's headings and is short: no headings, rules or tables
# (their text stays, as a paragraph).
COMMENT_TAGS = ALLOWED_TAGS - {"h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str, *, tags: set[str] = ALLOWED_TAGS) -> str:
    """Markdown → safe HTML: no scripts, event handlers, styles or javascript: links;
    only ``tags`` (the others are dropped, their text kept).

    Links keep ``rel="noopener noreferrer"`` so an opened page cannot reach back.
    """
    rendered = markdown.markdown(text or "", extensions=["sane_lists", "tables"])
    return nh3.clean(
        rendered,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown field, for search and summaries."""
    return " ".join(html.unescape(strip_tags(render_markdown(text))).split())


class MarkdownFieldsMixin:
    """For models with Markdown fields: ``save()`` renders each field named in
    ``markdown_fields`` into its ``<name>_html`` twin, sanitised."""

    markdown_fields: tuple[str, ...] = ()
    markdown_tags: set[str] = ALLOWED_TAGS

    def save(self, *args, **kwargs):
        for name in self.markdown_fields:
            html_text = render_markdown(getattr(self, name), tags=self.markdown_tags)
            setattr(self, f"{name}_html", html_text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *(f"{name}_html" for name in self.markdown_fields if name in update_fields),
            }
        super().save(*args, **kwargs)

    def markdown_text(self) -> str:
        """The plain text of every Markdown field, for search."""
        return " ".join(markdown_to_text(getattr(self, name)) for name in self.markdown_fields)

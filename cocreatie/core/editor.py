"""Text with formatting ("opmaak"; Markdown underneath, a word the people who write here
need not know): the textarea that gets the toolbar of ``static/js/editor.js``, the short
help beside it, and the one-line help of such fields in the administration.

What the help promises is what ``cocreatie.core.markdown.render_markdown`` makes of it:
headings of level 2 to 4 (``### Kopje``), lists after a blank line, ``**vet**``, and
links to http(s) addresses."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

# The buttons of the toolbar, in this order (the names editor.js knows).
MARKS = ("kopje", "lijstje", "vet", "link")
# A comment has no headings (``cocreatie.core.markdown.COMMENT_TAGS``).
COMMENT_MARKS = ("lijstje", "vet", "link")

# The administration shows a help text on one line, as plain text.
FORMATTING_HINT = gettext_lazy(
    "Opmaak: ### aan het begin van een regel maakt een kopje. Voor een lijstje: een lege "
    "regel, dan elke regel beginnen met - en een spatie. **vet** wordt vet. "
    "[tekst](https://…) wordt een link. Een lege regel begint een nieuwe alinea."
)


class FormattedTextarea(forms.Textarea):
    """A textarea for text with formatting, with the help that says which marks work
    beside it (under it on a narrow screen), named in its ``aria-describedby``.

    Several fields of one form share one help: the first shows it, the others pass its
    id as ``help_id`` (see ``formatting_help_id``)."""

    def __init__(self, attrs=None, *, help_id: str | None = None, marks=MARKS):
        super().__init__(attrs)
        self.help_id = help_id
        self.marks = tuple(marks)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        help_id = self.help_id or formatting_help_id(attrs.get("id") or name)
        # After the field's own hint and error (Django's aria-describedby): what to write
        # comes before how to format it.
        attrs["aria-describedby"] = " ".join(
            part for part in (attrs.get("aria-describedby"), help_id) if part
        )
        attrs["data-opmaak"] = " ".join(self.marks)
        textarea = super().render(name, value, attrs, renderer)
        return render_to_string(
            "includes/formatted_textarea.html",
            {
                "textarea": textarea,
                "help_id": help_id,
                "shows_help": self.help_id is None,
                "marks": self.marks,
            },  # fmt: skip
        )


def formatting_help_id(field_id: str) -> str:
    """The id of the formatting help shown beside the field with this id."""
    return f"{field_id}_opmaak"


def admin_help_text(model_help_text: str) -> str:
    """The help of a formatted field in the administration: what the model says about
    the field (without the technical name of the format), then which marks work."""
    about = str(model_help_text or "").removeprefix("Markdown.").strip()
    return f"{about} {FORMATTING_HINT}".strip()


class FormattedTextAdminMixin:
    """For a ModelAdmin or an inline of a model with formatted fields (its
    ``markdown_fields``): those fields get the help of ``admin_help_text``."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in getattr(self.model, "markdown_fields", ()):
            formfield.help_text = admin_help_text(db_field.help_text)
        return formfield

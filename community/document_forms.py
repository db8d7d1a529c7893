"""Forms for the documents of a case. They only collect what the member sends; whether
the file is a PDF and the title fits is decided by ``community.documents``."""

from django import forms

from cocreatie.core.forms import OnceForm
from community.documents import TITLE_MAX


class DocumentForm(OnceForm):
    file = forms.FileField(
        label="PDF-bestand",
        help_text="Alleen PDF, hooguit 20 MB. Een PDF met een wachtwoord kan niet.",
        error_messages={
            "required": "Kies een PDF-bestand.",
            "empty": "Dit bestand is leeg. Kies een ander PDF-bestand.",
        },
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    title = forms.CharField(
        label="Titel van het document",
        required=False,
        max_length=TITLE_MAX,
        help_text=(
            "Bijvoorbeeld: Plan van aanpak. Laat je dit leeg, dan gebruiken we de titel "
            "die in het PDF-bestand staat, of 'Document'."
        ),
    )


class DocumentTitleForm(forms.Form):
    title = forms.CharField(
        label="Titel",
        max_length=TITLE_MAX,
        error_messages={"required": "Geef het document een titel."},
    )

"""Forms for the documents of a case. They only collect what the member sends; whether
the file is a PDF and the title fits is decided by ``community.documents``."""

from django import forms
from django.utils.translation import gettext_lazy

from cocreatie.core.forms import OnceForm
from community.documents import TITLE_MAX


class DocumentForm(OnceForm):
    file = forms.FileField(
        label=gettext_lazy("PDF-bestand"),
        help_text=gettext_lazy("Alleen PDF, hooguit 20 MB. Een PDF met een wachtwoord kan niet."),
        error_messages={
            "required": gettext_lazy("Kies een PDF-bestand."),
            "empty": gettext_lazy("Dit bestand is leeg. Kies een ander PDF-bestand."),
        },
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    title = forms.CharField(
        label=gettext_lazy("Titel van het document"),
        required=False,
        max_length=TITLE_MAX,
        help_text=gettext_lazy(
            "Bijvoorbeeld: Plan van aanpak. Laat je dit leeg, dan gebruiken we de titel "
            "die in het PDF-bestand staat, of 'Document'."
        ),
    )


class DocumentTitleForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=TITLE_MAX,
        error_messages={"required": gettext_lazy("Geef het document een titel.")},
    )

"""The forms of a case's photos: adding one, and changing its description. The checks
with rules (what a photo is, how many, the length of the description) are in
``community.images``; these forms only carry the fields and their Dutch messages."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.forms import OnceForm
from community import images

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def _alt_text_field(*, help_text: str = images.ALT_TEXT_HINT) -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Beschrijving van de foto"),
        help_text=help_text,
        # The length rules are the service's (community.images.clean_alt_text); the
        # browser's maxlength only stops typing beyond them.
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": images.ALT_TEXT_MAX}),
        error_messages={
            "required": gettext_lazy(
                "Beschrijf wat er op de foto te zien is, voor wie de foto niet kan zien."
            )
        },
    )


class CaseImageForm(OnceForm):
    image = forms.FileField(
        label=gettext_lazy("Foto"),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        error_messages={
            "required": gettext_lazy("Kies een foto."),
            "missing": gettext_lazy("Kies een foto."),
            "invalid": gettext_lazy("Er kwam geen bestand mee. Kies de foto opnieuw."),
            "empty": gettext_lazy("Dit bestand is leeg. Kies een foto."),
            "contradiction": gettext_lazy("Kies een foto."),
        },
    )
    alt_text = _alt_text_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = _(
            "Een foto in JPEG, PNG of WebP, van maximaal 10 MB. Je kunt maximaal "
            "%(count)s foto's toevoegen. De site maakt er een nieuwe versie van, "
            "zonder de gegevens van je camera of telefoon (zoals de plek waar de foto is "
            "gemaakt)."
        ) % {"count": images.MAX_IMAGES}


class CaseImageUpdateForm(forms.Form):
    """One photo's description on the page of a case's files: one form per photo, each
    with its own field ids."""

    alt_text = _alt_text_field(help_text=gettext_lazy("Wat is er op de foto te zien?"))

    def __init__(self, *args, image, **kwargs):
        kwargs.setdefault("auto_id", f"foto-{image.pk}-%s")
        kwargs.setdefault("initial", {"alt_text": image.alt_text})
        super().__init__(*args, **kwargs)
        self.image = image

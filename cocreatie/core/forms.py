import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


class HoneypotForm(forms.Form):
    """Adds ``website``, a field hidden from people (the template wraps it in
    ``.honeypot``) that bots fill in; ``is_spam`` says whether one did. It stays the
    last field of the form."""

    website = forms.CharField(
        label=gettext_lazy("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"] = self.fields.pop("website")

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ModelChoicesField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses a value no row can have (not a whole
    number, or beyond the range of an id) before it asks the database, which would fail
    on such a number instead of answering "no such row"."""

    def _check_values(self, value):
        for pk in value:
            if not re.fullmatch(r"[0-9]{1,18}", str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class OnceForm(forms.Form):
    """Adds ``form_token``, a hidden one-time token: the view hands it to
    ``cocreatie.core.views.OnceOnlyMixin`` so that sending the same form twice (a double
    click, a reload after a slow answer) makes one item, not two."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["form_token"].initial = secrets.token_urlsafe(16)

    def clean_form_token(self):
        """A token we did not make (edited, forged) is dropped: the form still works,
        only without the protection against sending it twice."""
        token = self.cleaned_data["form_token"]
        return token if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", token) else ""

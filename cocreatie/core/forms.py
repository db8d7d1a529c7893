import secrets

from django import forms


class HoneypotForm(forms.Form):
    """Adds ``website``, a field hidden from people (the template wraps it in
    ``.honeypot``) that bots fill in; ``is_spam`` says whether one did. It stays the
    last field of the form."""

    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"] = self.fields.pop("website")

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class OnceForm(forms.Form):
    """Adds ``form_token``, a hidden one-time token: the view hands it to
    ``cocreatie.core.views.OnceOnlyMixin`` so that sending the same form twice (a double
    click, a reload after a slow answer) makes one item, not two."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["form_token"].initial = secrets.token_urlsafe(16)

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

"""allauth's sign-up and log-in forms with plain Dutch help and no placeholder text
standing in for labels."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PASSWORD_HELP = gettext_lazy(
    "Minstens 12 tekens. Kies iets dat niet op je e-mailadres lijkt, geen veelgebruikt "
    "wachtwoord en niet alleen cijfers. Een zin van een paar woorden werkt goed."
)


def _drop_placeholders(form):
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        self.fields["email"].help_text = _(
            "Gebruik het adres van je werk: dan zien collega's dat je bij je organisatie hoort."
        )
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].label = _("Wachtwoord nog een keer")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        self.fields["remember"].label = _("Ingelogd blijven op dit apparaat")


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        self.fields["password1"].help_text = PASSWORD_HELP


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        self.fields["password1"].help_text = PASSWORD_HELP


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)

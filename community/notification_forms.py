from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from cocreatie.core import notifications
from cocreatie.core.notifications import Delivery

CHOICE_ERROR = gettext_lazy(
    "Kies hoe je dit wilt krijgen: meteen per mail, in de wekelijkse samenvatting of "
    "alleen op de site."
)


LANGUAGE_ERROR = gettext_lazy("Kies de taal van je mails en meldingen.")


class NotificationSettingsForm(forms.Form):
    """The language of what the member gets, and one choice per kind of notification
    (``cocreatie.core.notifications.kinds()``): at once by mail, in the weekly digest,
    or only in the site."""

    language = forms.ChoiceField(
        label=gettext_lazy("Taal van je mails en meldingen"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": LANGUAGE_ERROR, "invalid_choice": LANGUAGE_ERROR},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = user.language
        current = notifications.deliveries_for(user)
        for kind in notifications.kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current[kind.key],
                help_text=kind.help_text,
                error_messages={"required": CHOICE_ERROR, "invalid_choice": CHOICE_ERROR},
            )

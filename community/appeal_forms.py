"""The forms of an appeal: the member's objection, and the moderator's decision on it."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.appeals import APPEAL_TEXT_MAX, APPEAL_TEXT_MIN, appeal_text_errors, outcome_choices


class AppealForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Leg uit waarom je het er niet mee eens bent"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": APPEAL_TEXT_MAX}),
        error_messages={"required": gettext_lazy("Leg uit waarom je het er niet mee eens bent.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "Minimaal %(min)s en maximaal %(max)s tekens. Een andere moderator leest het en "
            "neemt een nieuw besluit."
        ) % {"min": APPEAL_TEXT_MIN, "max": APPEAL_TEXT_MAX}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if errors := appeal_text_errors(text):
            raise forms.ValidationError(errors)
        return text


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Wat is je besluit?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies wat je met het bezwaar doet."),
            "invalid_choice": gettext_lazy("Kies een van de twee besluiten."),
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Bericht aan het lid"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=gettext_lazy("Waarom besluit je zo? Het lid krijgt dit bericht per e-mail."),
        error_messages={
            "required": gettext_lazy("Schrijf het lid waarom je zo besluit."),
            "max_length": gettext_lazy(
                "Je bericht is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices(decision)

"""The forms of an appeal: the member's objection, and the moderator's decision on it."""

from django import forms

from community.appeals import APPEAL_TEXT_MAX, APPEAL_TEXT_MIN, appeal_text_errors, outcome_choices


class AppealForm(forms.Form):
    text = forms.CharField(
        label="Leg uit waarom je het er niet mee eens bent",
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": APPEAL_TEXT_MAX}),
        help_text=(
            f"Minimaal {APPEAL_TEXT_MIN} en maximaal {APPEAL_TEXT_MAX} tekens. Een andere "
            "moderator leest het en neemt een nieuw besluit."
        ),
        error_messages={"required": "Leg uit waarom je het er niet mee eens bent."},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if errors := appeal_text_errors(text):
            raise forms.ValidationError(errors)
        return text


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Wat is je besluit?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies wat je met het bezwaar doet.",
            "invalid_choice": "Kies een van de twee besluiten.",
        },
    )
    message = forms.CharField(
        label="Bericht aan het lid",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="Waarom besluit je zo? Het lid krijgt dit bericht per e-mail.",
        error_messages={
            "required": "Schrijf het lid waarom je zo besluit.",
            "max_length": "Je bericht is te lang: maximaal %(limit_value)d tekens "
            "(nu %(show_value)d).",
        },
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices(decision)

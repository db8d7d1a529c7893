from django import forms
from django.utils.translation import gettext_lazy

from cocreatie.core.forms import OnceForm


class QuestionForm(OnceForm):
    message = forms.CharField(
        label=gettext_lazy("Je vraag"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        help_text=gettext_lazy(
            "Vertel kort wie je bent en wat je wilt weten. Maximaal 2000 tekens."
        ),
        error_messages={
            "required": gettext_lazy("Schrijf eerst je vraag."),
            "max_length": gettext_lazy(
                "Je vraag is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Je antwoord"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=gettext_lazy(
            "De vraagsteller krijgt bericht en leest je antwoord hier. Je e-mailadres "
            "blijft verborgen."
        ),
        error_messages={
            "required": gettext_lazy("Schrijf eerst je antwoord."),
            "max_length": gettext_lazy(
                "Je antwoord is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )

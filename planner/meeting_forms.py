"""Forms of the meetings: recording one, and the score a participant gives through the
link. Each says in plain Dutch what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy

from planner import meetings
from planner.forms import DATE_FORMATS, date_widget, too_long
from planner.models import Meeting

SCORE_ERROR = gettext_lazy("Kies een cijfer van 1 tot 5.")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat leg je vast?"),
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        initial=Meeting.Kind.MEETING,
        help_text=gettext_lazy(
            "Bij een co-evaluatie krijg je een link. Daarmee geven de deelnemers een cijfer, "
            "zonder account."
        ),
        error_messages={
            "required": gettext_lazy("Kies bijeenkomst of co-evaluatie."),
            "invalid_choice": gettext_lazy("Kies bijeenkomst of co-evaluatie."),
        },
    )
    held_on = forms.DateField(
        label=gettext_lazy("Datum"),
        input_formats=DATE_FORMATS,
        widget=date_widget(),
        error_messages={
            "required": gettext_lazy("Vul de datum van de bijeenkomst in."),
            "invalid": gettext_lazy("Vul een datum in zoals 15-10-2026."),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld 'Werksessie met inwoners over de aanvraag'."),
        error_messages={
            "required": gettext_lazy("Geef de bijeenkomst een onderwerp."),
            **too_long(200),
        },
    )
    participants = forms.CharField(
        label=gettext_lazy("Wie deden mee?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Namen, groepen of organisaties."),
        error_messages=too_long(2000),
    )
    decisions = forms.CharField(
        label=gettext_lazy("Wat is besloten?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=too_long(5000),
    )
    what_works = forms.CharField(
        label=gettext_lazy("Wat werkt?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Vooral bij een co-evaluatie: wat ging goed en houden jullie zo?"),
        error_messages=too_long(5000),
    )
    what_not = forms.CharField(
        label=gettext_lazy("Wat werkt niet?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Vooral bij een co-evaluatie: wat moet de volgende keer anders?"),
        error_messages=too_long(5000),
    )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > meetings.latest_date():
            raise forms.ValidationError(meetings.too_far_ahead_message())
        return held_on


SCORE_CHOICES = [
    (1, gettext_lazy("1 (slecht)")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, gettext_lazy("5 (heel goed)")),
]


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("Welk cijfer geef je deze bijeenkomst?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("1 = slecht, 5 = heel goed."),
        error_messages={"required": SCORE_ERROR, "invalid_choice": SCORE_ERROR},
    )
    comment = forms.CharField(
        label=gettext_lazy("Wil je iets toelichten?"),
        required=False,
        max_length=meetings.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Wat ging goed, wat kan beter? Het team ziet je toelichting zonder je naam."
        ),
        error_messages=too_long(meetings.COMMENT_MAX),
    )

"""The form of the challenges a team meets (twelve, from the knowledge base)."""

from django import forms
from django.utils.translation import gettext_lazy

from cocreatie.core.forms import ModelChoicesField
from cocreatie.core.i18n import ShownText
from roadmap.models import Challenge


class ChallengeChoiceField(ModelChoicesField):
    """A challenge by its number and title, marked with the title's language."""

    def label_from_instance(self, challenge):
        title = challenge.shown_title
        return ShownText(f"{challenge.number}. {title}", title.lang)


class ChallengesForm(forms.Form):
    challenges = ChallengeChoiceField(
        label=gettext_lazy("Welke uitdagingen komen jullie tegen?"),
        queryset=Challenge.objects.published(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Vink aan wat bij jullie speelt. Je ziet dan hieronder hoe anderen ermee "
            "omgingen, en welke collega's het ook meemaakten."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Een van de gekozen uitdagingen bestaat niet meer. Laad de pagina opnieuw en "
                "kies nog eens."
            ),
            "invalid_pk_value": gettext_lazy(
                "Een van de gekozen uitdagingen bestaat niet. Kies uit de lijst."
            ),
            "invalid_list": gettext_lazy("Kies de uitdagingen uit de lijst."),
        },
    )

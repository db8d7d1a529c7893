"""The form of one stakeholder on the map: who, what kind, interest and influence, and
how the team involves them in each published phase. Each field says in plain Dutch what
is wrong."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.i18n import in_its_language
from planner.forms import too_long
from planner.models import SCALE, Stakeholder
from planner.stakeholders import INVOLVEMENT_MAX, NAME_MAX

SCORE_CHOICE = gettext_lazy("Kies een getal van 1 tot en met 5.")


def _model_help(name: str):
    return Stakeholder._meta.get_field(name).help_text


class StakeholderForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam of groep"),
        max_length=NAME_MAX,
        help_text=gettext_lazy(
            "Een persoon, een groep of een organisatie. Bijvoorbeeld 'Ouders van "
            "basisschoolkinderen' of 'Wijkteam Noord'."
        ),
        error_messages={
            "required": gettext_lazy("Vul de naam van de persoon of groep in."),
            **too_long(NAME_MAX),
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=Stakeholder.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies wat voor belanghebbende het is."),
            "invalid_choice": gettext_lazy("Kies een van de soorten uit de lijst."),
        },
    )
    interest = forms.TypedChoiceField(
        label=gettext_lazy("Belang"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_model_help("interest"),
        error_messages={
            "required": gettext_lazy("Kies hoeveel belang ze hebben: 1 tot en met 5."),
            "invalid_choice": SCORE_CHOICE,
        },
    )
    influence = forms.TypedChoiceField(
        label=gettext_lazy("Invloed"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_model_help("influence"),
        error_messages={
            "required": gettext_lazy("Kies hoeveel invloed ze hebben: 1 tot en met 5."),
            "invalid_choice": SCORE_CHOICE,
        },
    )

    def __init__(self, *args, phases=(), stakeholder: Stakeholder | None = None, **kwargs):
        if stakeholder is not None:
            kwargs["initial"] = {**initial_of(stakeholder), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.phases = list(phases)
        for phase in self.phases:
            self.fields[self.phase_field(phase)] = forms.CharField(
                label=format_html(
                    _("Hoe betrokken in {phase}?"), phase=in_its_language(phase.shown_title)
                ),
                required=False,
                max_length=INVOLVEMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages=too_long(INVOLVEMENT_MAX),
            )

    @staticmethod
    def phase_field(phase) -> str:
        return f"fase_{phase.pk}"

    @property
    def involvements(self) -> dict[int, str]:
        """Phase id → text, for the services (an empty text removes it)."""
        return {
            phase.pk: self.cleaned_data.get(self.phase_field(phase), "") for phase in self.phases
        }

    @property
    def service_kwargs(self) -> dict:
        """The cleaned form as the services take it."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "interest": data["interest"],
            "influence": data["influence"],
            "involvements": self.involvements,
        }


def initial_of(stakeholder: Stakeholder) -> dict:
    initial = {
        "name": stakeholder.name,
        "kind": stakeholder.kind,
        "interest": stakeholder.interest,
        "influence": stakeholder.influence,
    }
    for involvement in stakeholder.involvements.all():
        initial[f"fase_{involvement.phase_id}"] = involvement.description
    return initial

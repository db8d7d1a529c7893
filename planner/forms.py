"""Forms of the trajectory itself, its checklist and its team. Each says in plain Dutch
what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy

from planner.models import INVITABLE_ROLES, Status, Trajectory
from roadmap.models import Phase

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def too_long(limit: int) -> dict:
    return {
        "max_length": gettext_lazy("Maak dit korter: er passen %(limit)s tekens in.")
        % {"limit": limit}
    }


class PhaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, phase):
        return phase.shown_title


class TrajectoryForm(forms.ModelForm):
    phase = PhaseChoiceField(
        label=gettext_lazy("In welke fase zitten jullie nu?"),
        queryset=Phase.objects.published(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies de fase waarin jullie nu zitten."),
            "invalid_choice": gettext_lazy("Kies een van de vier fasen."),
        },
    )

    class Meta:
        model = Trajectory
        fields = ["title", "organisation", "service", "goal", "starts_on", "phase"]
        widgets = {
            "starts_on": date_widget(),
            "goal": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Geef het traject een titel."), **too_long(200)},
            "organisation": {
                "required": gettext_lazy("Vul de gemeente of organisatie in."),
                **too_long(200),
            },
            "service": {
                "required": gettext_lazy("Vul in om welke publieke dienst het gaat."),
                **too_long(200),
            },
            "goal": {
                "required": gettext_lazy("Beschrijf in een paar zinnen wat je wilt bereiken."),
                **too_long(2000),
            },
            "starts_on": {
                "required": gettext_lazy("Vul de startdatum in."),
                "invalid": gettext_lazy("Vul een datum in, zoals 2027-01-15."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].input_formats = DATE_FORMATS


class PhaseSetForm(forms.Form):
    phase = PhaseChoiceField(
        label=gettext_lazy("Huidige fase"),
        queryset=Phase.objects.published(),
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Kies een fase."),
            "invalid_choice": gettext_lazy("Kies een van de vier fasen."),
        },
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies een status."),
            "invalid_choice": gettext_lazy("Kies open, bezig, klaar of n.v.t."),
        },
    )
    notes = forms.CharField(
        label=gettext_lazy("Jullie antwoord of aantekeningen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=too_long(5000),
    )

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        if question is not None:
            # Several questions share a page: each form's fields have their own ids.
            self.prefix = f"vraag-{question.pk}"


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres"),
        max_length=254,
        help_text=gettext_lazy(
            "Een collega, of een partner buiten je organisatie. Heeft die nog geen account, "
            "dan maakt die er een bij het aannemen van de uitnodiging."
        ),
        error_messages={
            "required": gettext_lazy("Vul het e-mailadres in van wie je uitnodigt."),
            "invalid": gettext_lazy("Vul een e-mailadres in zoals naam@gemeente.nl."),
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Rol"),
        choices=INVITABLE_ROLES,
        widget=forms.RadioSelect,
        initial="editor",
        help_text=gettext_lazy(
            "Een bewerker vult het traject mee in. Een lezer kan alles lezen, maar niets wijzigen."
        ),
        error_messages={
            "required": gettext_lazy("Kies bewerker of lezer."),
            "invalid_choice": gettext_lazy("Kies bewerker of lezer."),
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Persoonlijk bericht"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Komt in de uitnodiging, boven de link."),
        error_messages=too_long(1000),
    )

    prefix = "uitnodiging"


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=gettext_lazy("Rol"),
        choices=INVITABLE_ROLES,
        error_messages={
            "required": gettext_lazy("Kies bewerker of lezer."),
            "invalid_choice": gettext_lazy("Kies bewerker of lezer."),
        },
    )


class NewAccountForm(forms.Form):
    """Accepting an invitation without an account: the account is made on the spot."""

    display_name = forms.CharField(
        label=gettext_lazy("Je naam"),
        max_length=100,
        help_text=gettext_lazy("Zo zien je teamgenoten en andere leden je."),
        error_messages={"required": gettext_lazy("Vul je naam in."), **too_long(100)},
    )
    password1 = forms.CharField(
        label=gettext_lazy("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Minstens 12 tekens. Kies iets dat niet op je e-mailadres lijkt, geen veelgebruikt "
            "wachtwoord en niet alleen cijfers. Een zin van een paar woorden werkt goed."
        ),
        error_messages={"required": gettext_lazy("Kies een wachtwoord.")},
    )
    password2 = forms.CharField(
        label=gettext_lazy("Wachtwoord nog een keer"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": gettext_lazy("Vul je wachtwoord nog een keer in.")},
    )
    privacy = forms.BooleanField(
        label=gettext_lazy("Ik heb de privacyverklaring gelezen."),
        error_messages={
            "required": gettext_lazy("Lees de privacyverklaring en vink het vakje aan.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", gettext_lazy("De twee wachtwoorden zijn niet hetzelfde."))
        return cleaned

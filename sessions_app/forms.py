from django import forms
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core.forms import HoneypotForm, ModelChoicesField
from cocreatie.core.i18n import in_its_language
from sessions_app.models import MAX_CAPACITY, Evaluation, Session

INVALID_SESSION = gettext_lazy(
    "Voor deze sessie kun je je niet (meer) aanmelden. Kies uit de sessies die nog open zijn."
)

MAX_CHARACTERS = gettext_lazy("Maximaal %(limit_value)d tekens.")


def session_label(session: Session) -> SafeString:
    """'2. Co-design — donderdag 11 juni 2027, 13.30–14.30 uur (nog 12 plaatsen)', the
    title marked as Dutch on an English page."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    when = _("%(day)s, %(start)s–%(end)s uur") % {
        "day": formats.date_format(start, "l j F Y"),
        "start": f"{start:%H.%M}",
        "end": f"{end:%H.%M}",
    }
    availability = availability_text(session)
    label = format_html("{}. {} — {}", session.order, in_its_language(session.title), when)
    return format_html("{} ({})", label, availability) if availability else label


def availability_text(session: Session) -> str:
    """What a visitor needs to know before choosing. Needs ``confirmed_count``."""
    if session.is_cancelled:
        return _("afgelast")
    if session.has_ended:
        return _("afgelopen")
    if session.has_started:
        return _("aanmelding gesloten")
    left = session.seats_left(session.confirmed_count)
    if left is None:
        return ""
    if left == 0:
        return _("vol — wachtlijst")
    return ngettext("nog %(count)s plaats", "nog %(count)s plaatsen", left) % {"count": left}


class SessionChoiceField(ModelChoicesField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, session):
        return session_label(session)


class SessionsChoiceMixin:
    def set_sessions(self, sessions):
        field = self.fields["sessions"]
        field.queryset = sessions
        field.error_messages.update(
            required=_("Kies minstens één sessie."),
            invalid_choice=INVALID_SESSION,
            invalid_pk_value=INVALID_SESSION,
        )


class RegistrationForm(SessionsChoiceMixin, HoneypotForm):
    """One form for one or more sessions. ``website`` (from HoneypotForm) is a honeypot for bots."""

    sessions = SessionChoiceField(
        label=gettext_lazy("Voor welke sessies meld je je aan?"),
        queryset=Session.objects.none(),
        help_text=gettext_lazy(
            "Je kunt er één of meer kiezen. Is een sessie vol, dan kom je op de wachtlijst."
        ),
    )
    name = forms.CharField(
        label=gettext_lazy("Je naam"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": gettext_lazy("Vul je naam in."),
            "max_length": gettext_lazy("Je naam mag maximaal %(limit_value)d tekens hebben."),
        },
    )
    email = forms.EmailField(
        label=gettext_lazy("Je e-mailadres"),
        max_length=254,
        help_text=gettext_lazy(
            "Hier sturen we de bevestiging en, een dag van tevoren, de link naar de sessie."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Vul je e-mailadres in."),
            "invalid": gettext_lazy("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )
    organisation = forms.CharField(
        label=gettext_lazy("Je organisatie"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"max_length": MAX_CHARACTERS},
    )
    role = forms.CharField(
        label=gettext_lazy("Je functie"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"max_length": MAX_CHARACTERS},
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Ik vind het goed dat mijn gegevens worden gebruikt voor deze sessies. Zo lang "
            "als in de privacyverklaring staat, daarna worden ze verwijderd."
        ),
        error_messages={
            "required": gettext_lazy("Geef toestemming, anders kunnen we je niet aanmelden.")
        },
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_sessions(sessions)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class AddSessionsForm(SessionsChoiceMixin, forms.Form):
    sessions = SessionChoiceField(
        label=gettext_lazy("Meld je aan voor"), queryset=Session.objects.none()
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_sessions(sessions)


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["score", "keep", "improve"]
        widgets = {
            "score": forms.RadioSelect,
            "keep": forms.Textarea(attrs={"rows": 3}),
            "improve": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "score": gettext_lazy("Welk cijfer geef je deze sessie? (1 = slecht, 5 = heel goed)"),
            "keep": gettext_lazy("Wat moeten we zeker zo houden?"),
            "improve": gettext_lazy("Wat kan beter?"),
        }
        error_messages = {
            "score": {
                "required": gettext_lazy("Kies een cijfer van 1 tot 5."),
                "invalid_choice": gettext_lazy("Kies een cijfer van 1 tot 5."),
            },
            "keep": {"max_length": MAX_CHARACTERS},
            "improve": {"max_length": MAX_CHARACTERS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [(n, str(n)) for n in range(1, 6)]


class SessionMessageForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=150,
        error_messages={"required": gettext_lazy("Vul een onderwerp in.")},
    )
    message = forms.CharField(
        label=gettext_lazy("Bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Schrijf een bericht.")},
    )


class SessionCancelForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Bericht aan de deelnemers"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Bijvoorbeeld waarom de sessie niet doorgaat en of er een nieuwe datum komt."
        ),
        error_messages={"required": gettext_lazy("Schrijf een bericht voor de deelnemers.")},
    )


class SessionCapacityForm(forms.Form):
    """The number of seats of a session; on the organisers' page and as an admin action."""

    capacity = forms.IntegerField(
        label=gettext_lazy("Aantal plaatsen"),
        required=False,
        min_value=0,
        max_value=MAX_CAPACITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy(
            "Leeg: geen maximum. Wie op de wachtlijst staat, schuift door zolang er "
            "plaats is en krijgt een e-mail. Minder plaatsen dan er aanmeldingen zijn kan: "
            "niemand raakt zijn plaats kwijt."
        ),
        error_messages={
            "invalid": gettext_lazy("Vul een heel getal in, of laat het veld leeg."),
            "min_value": gettext_lazy("Het aantal plaatsen kan niet negatief zijn."),
            "max_value": gettext_lazy(
                "Zoveel plaatsen heeft geen online sessie: maximaal %(limit_value)s."
            ),
        },
    )

import re
from datetime import timedelta

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.editor import COMMENT_MARKS, FormattedTextarea, formatting_help_id
from cocreatie.core.forms import HoneypotForm, OnceForm
from cocreatie.core.tags import TagNamesField
from community import house_rules, peer_cases
from community.models import Case, Comment, ContactRequest, Organisation, Profile, Report, User
from roadmap.forms import PhaseChallengeFilterForm, ShownTitleChoicesField
from roadmap.models import Challenge, Phase


class UserCreationForm(auth_forms.UserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class CaseForm(OnceForm, forms.ModelForm):
    phases = ShownTitleChoicesField(
        label=gettext_lazy("In welke fasen speelde het?"),
        queryset=Phase.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    challenges = ShownTitleChoicesField(
        label=gettext_lazy("Tegen welke uitdagingen liep je aan?"),
        queryset=Challenge.objects.published(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Collega's die hetzelfde meemaken, vinden je verhaal zo terug."),
    )
    tags = TagNamesField(
        label=gettext_lazy("Tags"),
        required=False,
        help_text=gettext_lazy(
            "Losse woorden, gescheiden door komma's. Bijvoorbeeld: wonen, jongeren."
        ),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "organisation",
            "body",
            "what_worked",
            "do_differently",
            "phases",
            "challenges",
            "tags",
        ]
        help_texts = {
            "summary": gettext_lazy(
                "Twee of drie zinnen: waar ging het over en wat was het resultaat?"
            ),
            "body": gettext_lazy("Vertel wat je deed, met wie en waarom."),
        }
        widgets = {
            "body": FormattedTextarea(attrs={"rows": 12}),
            "what_worked": FormattedTextarea(attrs={"rows": 6}),
            "do_differently": FormattedTextarea(attrs={"rows": 6}),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Geef je praktijkverhaal een titel.")},
            "summary": {"required": gettext_lazy("Schrijf een korte samenvatting.")},
            "body": {"required": gettext_lazy("Vertel wat je hebt gedaan.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = _("Geen organisatie")
        self.fields["summary"].widget.attrs["rows"] = 3
        self.fields["summary"].widget.attrs["maxlength"] = 600
        # One formatting help, beside "wat heb je gedaan?", describes all three texts.
        body_help = formatting_help_id(self["body"].auto_id)
        for name in ("what_worked", "do_differently"):
            self.fields[name].widget.help_id = body_help

    def relations(self):
        data = self.cleaned_data
        return {"phases": data["phases"], "challenges": data["challenges"], "tags": data["tags"]}

    def fields_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields[:6]}


class ProfileForm(forms.ModelForm):
    new_organisation = forms.CharField(
        label=gettext_lazy("Staat je organisatie er niet bij? Vul de naam in"),
        max_length=150,
        required=False,
    )
    new_organisation_kind = forms.ChoiceField(
        label=gettext_lazy("Soort organisatie"),
        choices=[("", gettext_lazy("Kies een soort")), *Organisation.Kind.choices],
        required=False,
    )

    class Meta:
        model = Profile
        fields = [
            "display_name", "organisation", "role", "bio", "is_listed", "accepts_questions"
        ]  # fmt: skip
        error_messages = {
            "display_name": {"required": gettext_lazy("Vul de naam in die anderen zien.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = _("Kies je organisatie")
        self.fields["bio"].widget.attrs["rows"] = 4

    def clean(self):
        data = super().clean()
        if data.get("new_organisation") and not data.get("new_organisation_kind"):
            self.add_error("new_organisation_kind", _("Kies wat voor organisatie het is."))
        return data


class DecisionForm(forms.Form):
    """A moderator's decision on a submitted case, always with a message to the author."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Wat doe je met dit verhaal?"),
        choices=[
            ("publish", gettext_lazy("Publiceren")),
            ("request_changes", gettext_lazy("Aanpassing vragen")),
            ("reject", gettext_lazy("Afwijzen")),
        ],
        error_messages={
            "required": gettext_lazy("Kies wat je met dit verhaal doet."),
            "invalid_choice": gettext_lazy("Kies publiceren, aanpassing vragen of afwijzen."),
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Bericht aan de auteur"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={
            "required": gettext_lazy("Schrijf een bericht voor de auteur."),
            "max_length": gettext_lazy(
                "Je bericht is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
        help_text=gettext_lazy(
            "De auteur ziet dit bericht bij het verhaal en krijgt het per e-mail."
        ),
    )
    ground = forms.ChoiceField(
        label=gettext_lazy("Op welke huisregel rust je besluit?"),
        required=False,
        choices=lambda: [("", _("Geen: het gaat om de inhoud of de vorm")), *house_rules.choices()],
        help_text=gettext_lazy(
            "Bij afwijzen of een aanpassing vragen leest de auteur deze huisregel in "
            "de uitleg van je besluit."
        ),
        error_messages={"invalid_choice": gettext_lazy("Kies een huisregel uit de lijst.")},
    )


def _note_field(label: str, *, required: bool = True, required_message: str = ""):
    """A moderator's or member's note of at most 2,000 characters."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=required,
        error_messages={
            "required": required_message,
            "max_length": gettext_lazy(
                "Dat is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )


class ReasonForm(forms.Form):
    """The reason for hiding, restoring or suspending; required where the step needs one."""

    reason = _note_field(
        gettext_lazy("Reden"), required_message=gettext_lazy("Schrijf een reden op.")
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class HideForm(ReasonForm):
    """Hiding: the reason, and the house rule it rests on (empty: the one the reports
    point to)."""

    ground = forms.ChoiceField(
        label=gettext_lazy("Huisregel"),
        required=False,
        choices=lambda: [("", _("Zoals in de meldingen")), *house_rules.choices()],
        error_messages={"invalid_choice": gettext_lazy("Kies een huisregel uit de lijst.")},
    )


class SuspendForm(forms.Form):
    """A moderator suspends a member: why, on which house rule, and until when (empty:
    until a moderator lifts it). The account reopens at the start of the end date."""

    reason = _note_field(
        gettext_lazy("Reden voor het lid"),
        required_message=gettext_lazy("Schrijf op waarom je dit lid schorst."),
    )
    ground = forms.ChoiceField(
        label=gettext_lazy("Welke huisregel is overtreden?"),
        choices=house_rules.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies de huisregel waar het om gaat."),
            "invalid_choice": gettext_lazy("Kies een huisregel uit de lijst."),
        },
    )
    until = forms.DateField(
        label=gettext_lazy("Geschorst tot"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "Op deze dag kan het lid vanaf 0.00 uur weer inloggen. Laat je dit leeg, dan "
            "duurt de schorsing tot een moderator die opheft."
        ),
        error_messages={
            "invalid": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 15-12-2026.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tomorrow = timezone.localdate() + timedelta(days=1)
        self.fields["until"].widget.attrs["min"] = tomorrow.isoformat()

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until <= timezone.localdate():
            raise forms.ValidationError(
                _(
                    "Kies een datum na vandaag. Moet de schorsing niet vanzelf aflopen? Laat de "
                    "datum dan leeg."
                )
            )
        return until


class MessageForm(forms.Form):
    """An optional note: with a review request, or when a report is closed."""

    message = _note_field(gettext_lazy("Toelichting"), required=False)


class CommentForm(OnceForm):
    body = forms.CharField(
        label=gettext_lazy("Je reactie"),
        # Lists, bold and links; no headings (a comment sits under the case's).
        widget=FormattedTextarea(attrs={"rows": 4}, marks=COMMENT_MARKS),
        max_length=3000,
        error_messages={
            "required": gettext_lazy("Schrijf eerst je reactie."),
            "max_length": gettext_lazy("Je reactie is te lang: maximaal %(limit_value)d tekens."),
        },
    )
    # The comment this one answers (``?reageer=`` on the case page); empty: a new thread.
    parent = forms.CharField(widget=forms.HiddenInput, required=False)

    PARENT_GONE = gettext_lazy(
        "De reactie waarop je antwoordt, is er niet meer. Je tekst staat er nog. Plaats "
        "hem als nieuwe reactie als je wilt."
    )

    def clean(self):
        """``parent`` becomes the comment answered (or None). One that does not exist is
        an error of the whole form: a hidden field has no place to show its own."""
        data = super().clean()
        raw = data.get("parent") or ""
        data["parent"] = None
        if raw:
            found = re.fullmatch(r"[0-9]{1,18}", raw) and Comment.objects.filter(pk=raw).first()
            if found:
                data["parent"] = found
            else:
                self.add_error(None, forms.ValidationError(self.PARENT_GONE, code="parent"))
        return data

    def drop_parent(self) -> None:
        """Shown again without the comment it answered (which may not be answered now):
        sent again, it starts a thread of its own."""
        self.data = self.data.copy()
        self.data["parent"] = ""


class ReportForm(forms.Form):
    """Why a member reports a case or comment: one reason (none chosen beforehand, no
    empty choice) and an optional explanation."""

    reason = forms.ChoiceField(
        label=gettext_lazy("Waarom meld je dit?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies een reden."),
            "invalid_choice": gettext_lazy("Kies een van de redenen uit de lijst."),
        },
    )
    text = forms.CharField(
        label=gettext_lazy("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=gettext_lazy(
            "Wat klopt er niet? Bij 'Iets anders' hebben we een korte toelichting nodig."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Je toelichting is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Report.Reason.OTHER and not data.get("text", "").strip():
            self.add_error("text", _("Vertel kort wat er aan de hand is."))
        return data


class AccountDeleteForm(forms.Form):
    delete_content = forms.BooleanField(
        label=gettext_lazy("Verwijder ook mijn praktijkverhalen en reacties"),
        required=False,
        help_text=gettext_lazy(
            "Zet je dit niet aan, dan blijven je gepubliceerde verhalen en reacties staan "
            "als 'voormalig lid', zonder je naam."
        ),
    )
    confirm = forms.CharField(
        label=gettext_lazy("Typ VERWIJDEREN om te bevestigen"),
        error_messages={"required": gettext_lazy("Typ VERWIJDEREN om te bevestigen.")},
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != "VERWIJDEREN":
            raise forms.ValidationError(_("Typ precies het woord VERWIJDEREN."))
        return value


class CaseFilterForm(PhaseChallengeFilterForm):
    """Filters of the community's case list: phase, challenge, kind of organisation, tag.

    Plus, as hidden fields, the cases related to one knowledge item (``bij_uitdaging``,
    ``bij_fase``, ``bij_voorbeeld``, ``bij_hulpmiddel``: the rule of
    ``community.peer_cases``), where a knowledge page's "show all" link leads."""

    organisatie = forms.ChoiceField(
        label=gettext_lazy("Soort organisatie"),
        choices=[("", gettext_lazy("Alle soorten")), *Organisation.Kind.choices],
        required=False,
    )
    tag = forms.SlugField(label=gettext_lazy("Tag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in peer_cases.KINDS.values():
            self.fields[kind.param] = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        for kind in peer_cases.KINDS.values():
            slug = data.get(kind.param)
            item = kind.model.objects.published().filter(slug=slug).first() if slug else None
            if slug and item is None:
                self.add_error(
                    None,
                    _(
                        "We vinden %(item)s uit de link niet (meer). De verhalen hieronder "
                        "zijn daarom niet op %(item)s gefilterd."
                    )
                    % {"item": kind.label},
                )
            data[kind.param] = item
        return data

    def related_filters(self) -> list[tuple[str, object]]:
        """(label, item) of each knowledge item the list is narrowed to."""
        data = getattr(self, "cleaned_data", {})
        return [
            (kind.label, data[kind.param])
            for kind in peer_cases.KINDS.values()
            if data.get(kind.param)
        ]

    def filter(self, cases):
        data = getattr(self, "cleaned_data", {})
        cases = super().filter(cases)
        if data.get("organisatie"):
            cases = cases.filter(organisation__kind=data["organisatie"])
        if data.get("tag"):
            cases = cases.filter(tags__slug=data["tag"])
        for _label, item in self.related_filters():
            cases = peer_cases.related_filter(cases, item)
        return cases


class ContactForm(HoneypotForm, forms.ModelForm):
    """The contact form. ``website`` (from HoneypotForm) is a honeypot."""

    consent = forms.BooleanField(
        label=gettext_lazy(
            "Ik heb de privacyverklaring gelezen en vind het goed dat jullie mijn "
            "gegevens gebruiken om mijn bericht te beantwoorden."
        ),
        error_messages={
            "required": gettext_lazy("Geef toestemming, anders kunnen we je niet antwoorden.")
        },
    )

    class Meta:
        model = ContactRequest
        fields = ["name", "email", "organisation", "subject", "message"]
        labels = {
            "name": gettext_lazy("Je naam"),
            "email": gettext_lazy("Je e-mailadres"),
            "organisation": gettext_lazy("Je organisatie"),
            "subject": gettext_lazy("Waar gaat het over?"),
            "message": gettext_lazy("Je bericht"),
        }
        help_texts = {
            "email": gettext_lazy("We sturen ons antwoord naar dit adres."),
            "message": gettext_lazy("Maximaal 5000 tekens."),
        }
        widgets = {
            "subject": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 8}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        error_messages = {
            "name": {
                "required": gettext_lazy("Vul je naam in."),
                "max_length": gettext_lazy(
                    "Je naam mag maximaal %(limit_value)d tekens hebben (nu %(show_value)d)."
                ),
            },
            "email": {
                "required": gettext_lazy("Vul je e-mailadres in."),
                "invalid": gettext_lazy("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
            },
            "organisation": {
                "max_length": gettext_lazy(
                    "De naam van je organisatie mag maximaal %(limit_value)d "
                    "tekens hebben (nu %(show_value)d)."
                ),
            },
            "subject": {"required": gettext_lazy("Kies waar je bericht over gaat.")},
            "message": {
                "required": gettext_lazy("Schrijf je bericht."),
                "max_length": gettext_lazy(
                    "Je bericht mag maximaal %(limit_value)d tekens hebben "
                    "(nu %(show_value)d). Maak het wat korter."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = ContactRequest.Subject.choices

    def clean_name(self):
        # One line only: the name is shown in the team's mail.
        return " ".join(self.cleaned_data["name"].split())

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Schrijf je bericht."))
        return message

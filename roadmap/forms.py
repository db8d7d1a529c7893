from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from cocreatie.core.forms import ModelChoicesField
from cocreatie.core.i18n import content_label
from roadmap.models import Challenge, Example, Phase

INVALID_CHOICE = gettext_lazy("Deze keuze bestaat niet. Kies er een uit de lijst.")


class ShownTitleMixin:
    """For a choice of phases or challenges: each is labelled by the title the page
    shows (on an English page its English version, when there is one). The label keeps
    its language (a ``ShownText``): ``includes/form_field.html`` marks the label of a
    checkbox with it, ``LanguageSelect`` an option."""

    def label_from_instance(self, obj):
        return obj.shown_title


class LanguageSelect(forms.Select):
    """A select whose options carry the language of their label, when it has one."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        lang = getattr(option["label"], "lang", None)
        if lang:
            option["attrs"]["lang"] = lang
        return option


class ShownTitleChoiceField(ShownTitleMixin, forms.ModelChoiceField):
    """One phase or challenge, by the title the page shows."""

    widget = LanguageSelect


class ShownTitleChoicesField(ShownTitleMixin, ModelChoicesField):
    """Any number of phases or challenges, by the titles the page shows."""


class PhaseChallengeFilterForm(forms.Form):
    """Base of the list filters: by phase and by challenge (slugs in the URL). All
    filters are optional and combine; an unknown choice gets a clear message."""

    fase = ShownTitleChoiceField(
        label=gettext_lazy("Fase"),
        queryset=Phase.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Alle fasen"),
    )
    uitdaging = ShownTitleChoiceField(
        label=gettext_lazy("Uitdaging"),
        queryset=Challenge.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Alle uitdagingen"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = INVALID_CHOICE

    def filter(self, items):
        data = getattr(self, "cleaned_data", {})
        if data.get("fase"):
            items = items.filter(phases=data["fase"])
        if data.get("uitdaging"):
            items = items.filter(challenges=data["uitdaging"])
        return items


class TagChoiceField(forms.ModelChoiceField):
    """A tag, by its name: content, so in Dutch on an English page too (and marked so)."""

    widget = LanguageSelect

    def label_from_instance(self, obj):
        return content_label(obj.name)


class ExampleFilterForm(PhaseChallengeFilterForm):
    """Filters of the examples list: country, phase, challenge and tag. The names of
    countries and tags are content, in Dutch on an English page too (and marked so)."""

    land = forms.ChoiceField(label=gettext_lazy("Land"), required=False, widget=LanguageSelect)
    tag = TagChoiceField(
        label=gettext_lazy("Tag"),
        queryset=Tag.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Alle tags"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = (
            Example.objects.published()
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        self.fields["land"].choices = [("", _("Alle landen"))] + [
            (c, content_label(c)) for c in countries
        ]
        self.fields["tag"].queryset = (
            Tag.objects.filter(
                taggit_taggeditem_items__content_type__app_label="roadmap",
                taggit_taggeditem_items__content_type__model="example",
            )
            .distinct()
            .order_by("name")
        )
        self.order_fields(["land", "fase", "uitdaging", "tag"])

    def filter(self, examples):
        data = getattr(self, "cleaned_data", {})
        examples = super().filter(examples)
        if data.get("land"):
            examples = examples.filter(country=data["land"])
        if data.get("tag"):
            examples = examples.filter(tags=data["tag"])
        return examples

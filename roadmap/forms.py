from django import forms
from taggit.models import Tag

from roadmap.models import Challenge, Example, Phase

INVALID_CHOICE = "Deze keuze bestaat niet. Kies er een uit de lijst."


class ExampleFilterForm(forms.Form):
    """Filters of the examples list; all optional and combinable, kept in the URL."""

    land = forms.ChoiceField(label="Land", required=False)
    fase = forms.ModelChoiceField(
        label="Fase",
        queryset=Phase.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="Alle fasen",
    )
    uitdaging = forms.ModelChoiceField(
        label="Uitdaging",
        queryset=Challenge.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="Alle uitdagingen",
    )
    tag = forms.ModelChoiceField(
        label="Tag",
        queryset=Tag.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="Alle tags",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = (
            Example.objects.published()
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        self.fields["land"].choices = [("", "Alle landen")] + [(c, c) for c in countries]
        self.fields["tag"].queryset = (
            Tag.objects.filter(
                taggit_taggeditem_items__content_type__app_label="roadmap",
                taggit_taggeditem_items__content_type__model="example",
            )
            .distinct()
            .order_by("name")
        )
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = INVALID_CHOICE

    def filter(self, examples):
        data = getattr(self, "cleaned_data", {})
        if data.get("land"):
            examples = examples.filter(country=data["land"])
        if data.get("fase"):
            examples = examples.filter(phases=data["fase"])
        if data.get("uitdaging"):
            examples = examples.filter(challenges=data["uitdaging"])
        if data.get("tag"):
            examples = examples.filter(tags=data["tag"])
        return examples

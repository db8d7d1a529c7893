"""The action log as moderators read it (``/moderatie/logboek/``): filtered by who took
the step, which step, what it was about and when, and downloaded as a spreadsheet.

The filters are a GET form whose choices come from the log itself: the people who
appear in it as actors, the registered verbs (``cocreatie.core.actionlog``) and the
kinds of things its rows are about. Unknown values and impossible dates get a Dutch
message; the filters that are valid still apply.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.actionlog import log_action, verb_choices, verb_label
from cocreatie.core.i18n import for_others, site_text
from cocreatie.core.models import ActionLog
from cocreatie.core.spreadsheet import spreadsheet, spreadsheet_date
from community.models import ModerationVerb, User, member_name
from community.permissions import is_moderator
from roadmap.forms import INVALID_CHOICE

SYSTEM = "systeem"
# What a kind of item is called where the model's own name reads oddly in the log.
KIND_LABELS = {("community", "user"): gettext_lazy("Lid")}
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)
DATE_MESSAGE = gettext_lazy("Vul een datum in zoals 1-12-2026.")
EXPORT_HEADER = [
    gettext_lazy("tijdstip"),
    gettext_lazy("door"),
    gettext_lazy("actie"),
    gettext_lazy("soort"),
    gettext_lazy("onderwerp"),
    gettext_lazy("bericht"),
]


def log_entries() -> QuerySet:
    """The action log as the moderation pages show it: actor and target fetched."""
    return ActionLog.objects.select_related("actor__profile__organisation").prefetch_related(
        "target"
    )


def kind_label(content_type: ContentType | None) -> str:
    if content_type is None:
        return ""
    model = content_type.model_class()
    if model is None:
        return content_type.model
    key = (content_type.app_label, content_type.model)
    return str(KIND_LABELS.get(key, model._meta.verbose_name)).capitalize()


def actor_name(entry: ActionLog) -> str:
    """Who took the step, as the log shows it: a member's display name, "voormalig lid"
    or "systeem"."""
    if entry.actor_id is None:
        return entry.actor_label or _("systeem")
    return member_name(entry.actor)


def _kind_choices() -> dict[str, ContentType]:
    """The kinds of things the log's rows are about, by the slug of their Dutch name
    (in every language, so that a filtered address means the same to everyone)."""
    type_ids = (
        ActionLog.objects.filter(target_type__isnull=False)
        .order_by()
        .values_list("target_type", flat=True)
        .distinct()
    )
    kinds = {}
    for type_id in type_ids:
        content_type = ContentType.objects.get_for_id(type_id)
        with for_others():
            slug = slugify(kind_label(content_type))
        kinds.setdefault(slug, content_type)
    return dict(sorted(kinds.items()))


class LogDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": DATE_MESSAGE}
    input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]

    def validate(self, value):
        super().validate(value)
        if value and not FIRST_DAY <= value <= LAST_DAY:
            raise forms.ValidationError(_("Kies een datum na 1 januari 2000."))


class LogFilterForm(forms.Form):
    """The filters of the log; every one is optional and they combine."""

    door = forms.ChoiceField(label=gettext_lazy("Wie"), required=False)
    actie = forms.ChoiceField(label=gettext_lazy("Actie"), required=False)
    soort = forms.ChoiceField(label=gettext_lazy("Waarover"), required=False)
    van = LogDateField(label=gettext_lazy("Van"), required=False)
    tot = LogDateField(label=gettext_lazy("Tot en met"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actors = (
            User.objects.filter(
                pk__in=ActionLog.objects.filter(actor__isnull=False).values("actor")
            )
            .select_related("profile")
            .order_by("profile__display_name", "pk")
        )
        self.fields["door"].choices = [
            ("", _("Iedereen")),
            (SYSTEM, _("Systeem (automatisch)")),
            *((str(user.pk), member_name(user)) for user in actors),
        ]
        self.fields["actie"].choices = [("", _("Alle acties")), *verb_choices()]
        self.kinds = _kind_choices()
        self.fields["soort"].choices = [
            ("", _("Alles")),
            *((slug, kind_label(content_type)) for slug, content_type in self.kinds.items()),
        ]
        for name in ("door", "actie", "soort"):
            self.fields[name].error_messages["invalid_choice"] = INVALID_CHOICE

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and start > end:
            self.add_error("tot", _("Deze datum ligt voor de datum bij 'Van'. Kies een latere."))
        return data

    def log_filters(self) -> dict:
        """The valid filters that are set (all of them, when the form is valid), as
        keywords for ``log_filter``."""
        self.is_valid()
        filters = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in ("", None)
        }
        if "soort" in filters:
            filters["soort"] = self.kinds[filters["soort"]]
        return filters


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def log_filter(
    entries: QuerySet,
    *,
    door: str = "",
    actie: str = "",
    soort: ContentType | None = None,
    van: date | None = None,
    tot: date | None = None,
) -> QuerySet:
    """``entries`` narrowed down: ``door`` a user's pk or "systeem", ``actie`` a verb,
    ``soort`` the kind of item, ``van``/``tot`` the first and last day (inclusive, in
    the site's time zone)."""
    if door == SYSTEM:
        entries = entries.filter(actor__isnull=True, actor_label="")
    elif door:
        entries = entries.filter(actor_id=int(door))
    if actie:
        entries = entries.filter(verb=actie)
    if soort is not None:
        entries = entries.filter(target_type=soort)
    if van:
        entries = entries.filter(created_at__gte=_start_of(van))
    if tot:
        entries = entries.filter(created_at__lt=_start_of(tot + timedelta(days=1)))
    return entries


def _export_row(entry: ActionLog) -> list:
    content_type = (
        ContentType.objects.get_for_id(entry.target_type_id) if entry.target_type_id else None
    )
    return [
        spreadsheet_date(entry.created_at),
        actor_name(entry),
        verb_label(entry.verb),
        kind_label(content_type),
        entry.target_label,
        entry.message,
    ]


def _filter_summary(filters: dict) -> dict:
    summary = {}
    for name, value in filters.items():
        if isinstance(value, ContentType):
            value = f"{value.app_label}.{value.model}"
        summary[name] = value.isoformat() if isinstance(value, date) else str(value)
    return summary


@transaction.atomic
def log_export(*, actor: User, filters: dict) -> str:
    """The log rows that match ``filters`` (``log_filter``'s keywords), newest first, as a
    spreadsheet. The download is itself a step in the log, with the filters and the
    number of rows."""
    if not is_moderator(actor):
        raise PermissionDenied
    entries = log_filter(ActionLog.objects.select_related("actor__profile"), **filters)
    rows = [_export_row(entry) for entry in entries.order_by("-created_at", "-id").iterator()]
    log_action(
        actor=actor,
        verb=ModerationVerb.LOG_EXPORT,
        target_label=site_text(gettext_lazy("Logboek")),
        data={"rows": len(rows), "filters": _filter_summary(filters)},
    )
    return spreadsheet([EXPORT_HEADER, *rows])

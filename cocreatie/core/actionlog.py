"""The one action log: every step by a moderator, an organiser or the system.

Apps name their verbs with ``register_verbs`` (a ``TextChoices`` class) in their
``AppConfig.ready()``, and write with ``log_action`` inside the service that takes the
step, so the row commits or rolls back with the step itself.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy

from cocreatie.core.i18n import source_text
from cocreatie.core.models import ActionLog

# Shown in the language of the page; stored in the log in Dutch (``source_text``).
FORMER_MEMBER = gettext_lazy("voormalig lid")

_verbs: dict[str, str] = {}


def register_verbs(choices) -> None:
    """``choices``: a ``TextChoices`` class (value → Dutch label)."""
    _verbs.update({str(value): str(label) for value, label in choices.choices})


def verb_label(verb: str) -> str:
    return _verbs.get(verb, verb)


def verb_choices() -> list[tuple[str, str]]:
    """Every registered verb as (value, label), by label: for a filter of the log."""
    return sorted(_verbs.items(), key=lambda item: (item[1].casefold(), item[0]))


def log_action(
    *, actor, verb: str, target=None, message: str = "", data: dict | None = None,
    target_label: str | None = None,
) -> ActionLog:  # fmt: skip
    """Record one step. ``actor`` None means the system did it."""
    return ActionLog.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        verb=str(verb),
        target=target,
        target_label=str(target if target_label is None else target_label)[:300],
        message=message,
        data=data or {},
    )


def forget_subject(target) -> None:
    """``target`` (a member) is deleted: keep the steps, not what named them."""
    ActionLog.objects.for_target(target).update(target_label=source_text(FORMER_MEMBER))


def _actor_deleted(sender, instance, **kwargs):
    ActionLog.objects.filter(actor=instance).update(actor_label=source_text(FORMER_MEMBER))


def connect_signals() -> None:
    pre_delete.connect(_actor_deleted, sender=get_user_model(), dispatch_uid="core-actor-gone")

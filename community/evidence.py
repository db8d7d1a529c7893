"""Evidence kept when an author deletes reported content.

A case or comment its author deletes while it is reported, hidden or under appeal
leaves public view at once (``deleted_at``: the visibility querysets leave it out) but
stays, with its reports, for the moderators. Once nothing about it is open any more (no
open report, no open appeal) its text is erased; the log keeps the row that says it was
deleted, and one that says it was erased.

Content that is none of these is deleted for real, and nothing is logged: a member
removing an unreported comment of their own is not a moderation step, and the log
should not keep a trace of what they chose to delete.

What others were told about the content (notifications) goes at once, either way.

This module uses the models, the notifications and the action log only, so the
services can call it.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cocreatie.core.actionlog import log_action
from community.models import Appeal, Case, Comment, ModerationVerb, Report, User
from community.notifications import content_withdrawn


def _field(model) -> str:
    return "case" if model is Case else "comment"


def _open_reports(model):
    return Report.objects.open().filter(**{_field(model): OuterRef("pk")})


def _open_appeals(model):
    return Appeal.objects.filter(
        decided_at__isnull=True, **{f"decision__{_field(model)}": OuterRef("pk")}
    )


def evidence_filter(model) -> Q:
    """Items of ``model`` (Case or Comment) a moderator may still need: hidden, with an
    open report, or with an open appeal against a decision about them."""
    return Q(is_hidden=True) | Exists(_open_reports(model)) | Exists(_open_appeals(model))


def evidence_needed(item: Case | Comment) -> bool:
    model = type(item)
    return model.objects.filter(evidence_filter(model), pk=item.pk).exists()


def evidence_delete(items: QuerySet, *, actor: User | None) -> int:
    """Delete the cases or comments in ``items`` as their author asked: those that are
    evidence are kept out of public view (``deleted_at``, logged as deleted by the
    author), the others are deleted for real. Returns how many were kept."""
    model = items.model
    content_withdrawn(items.filter(deleted_at__isnull=True).only("pk"))
    kept = list(items.filter(evidence_filter(model), deleted_at__isnull=True))
    now = timezone.now()
    for item in kept:
        item.deleted_at = now
        item.save(update_fields=["deleted_at"])  # the save signal updates search and pages
        log_action(actor=actor, verb=ModerationVerb.AUTHOR_DELETE, target=item)
    gone = items.filter(deleted_at__isnull=True).exclude(pk__in=[item.pk for item in kept])
    if model is Comment:
        # The replies of others stay, as comments of their own (replies have none).
        Comment.objects.filter(parent__in=gone).update(parent=None)
    gone.delete()
    return len(kept)


def _erase(item: Case | Comment) -> None:
    now = timezone.now()
    if isinstance(item, Comment):
        item.body, item.erased_at = "", now
        item.save(update_fields=["body", "erased_at"])
    else:
        # A case has no erase stamp: its text goes, its title (which the log shows
        # anyway) stays, and so do the reports and decisions that point to it.
        item.summary = item.body = item.what_worked = item.do_differently = ""
        item.save()  # renders the empty HTML fields too
        item.revisions.all().delete()
        # Its photos and documents go too, files and all (community.signals).
        item.images.all().delete()
        item.documents.all().delete()
    log_action(actor=None, verb=ModerationVerb.ERASE, target=item)


@transaction.atomic
def evidence_erase_if_settled(item: Case | Comment | None) -> bool:
    """Erase the text of content its author deleted, once no report or appeal about it
    is open any more. Call after any step that may settle it: a report resolved or
    withdrawn, an appeal decided, a moderator hiding or restoring it. Returns whether
    it was erased now."""
    if not isinstance(item, (Case, Comment)) or item.pk is None:
        return False  # nothing, or a question: its asker cannot delete it
    model = type(item)
    pending = (
        model.objects.select_for_update()
        .filter(pk=item.pk, deleted_at__isnull=False)
        .exclude(Exists(_open_reports(model)) | Exists(_open_appeals(model)))
    )
    if model is Comment:
        pending = pending.filter(erased_at__isnull=True)
    else:
        pending = pending.exclude(body="")
    locked = pending.first()
    if locked is None:
        return False
    _erase(locked)
    return True

"""What photos (``community.images``) and documents (``community.documents``) of a case
have in common: only its author changes them, only while the case may be edited, and a
change refreshes the case page and, on a published case, shows in its history."""

from django.core.exceptions import PermissionDenied, ValidationError

from cocreatie.core.actionlog import log_action
from cocreatie.core.content import content_changed
from community.models import Case, ModerationVerb, User


def media_check_author(case: Case, author: User | None, *, refused: str) -> None:
    """PermissionDenied for anyone but the case's author; ``refused`` (a Dutch
    ValidationError) while the case cannot be changed (under review, rejected)."""
    if author is None or not author.is_authenticated or case.author_id != author.pk:
        raise PermissionDenied
    if not case.can_edit(author):
        raise ValidationError(refused, code="not_editable")


def media_changed(case: Case, *, editor: User, message: str) -> None:
    """The case page shows its photos and documents: refresh it. A change to a
    published case shows in its history for the moderators, like an edit of its text."""
    content_changed(case)
    if case.status == Case.Status.PUBLISHED:
        log_action(actor=editor, verb=ModerationVerb.EDIT_PUBLISHED, target=case, message=message)

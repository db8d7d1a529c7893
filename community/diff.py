"""Show moderators what an author changed in a case: after publication, and since the
last decision when the case comes back for review."""

import difflib
import re

from django.utils.translation import gettext_lazy

from cocreatie.core.models import ActionLog
from community.models import Case, ModerationVerb
from community.services import CASE_TEXT_FIELDS

FIELD_LABELS = {
    "title": gettext_lazy("Titel"),
    "summary": gettext_lazy("Samenvatting"),
    "body": gettext_lazy("Wat heb je gedaan?"),
    "what_worked": gettext_lazy("Wat werkte goed?"),
    "do_differently": gettext_lazy("Wat zou je nu anders doen?"),
    "phases": gettext_lazy("Fasen"),
    "challenges": gettext_lazy("Uitdagingen"),
    "tags": gettext_lazy("Tags"),
}
# Kept in a revision as lists of names (revisions made before that lack them).
LIST_FIELDS = ("phases", "challenges", "tags")
# The moderator steps that end a review: the text at that moment is the one reviewed.
DECISION_VERBS = (ModerationVerb.PUBLISH, ModerationVerb.REQUEST_CHANGES, ModerationVerb.REJECT)

_TOKENS = re.compile(r"\s+|\S+")


def text_segments(before: str, after: str) -> list[dict]:
    """``after`` against ``before`` as runs of kept (``same``), removed (``del``) and
    added (``ins``) text: paragraphs first, then the words of the paragraphs that
    changed, so that a changed word does not repeat its whole paragraph."""
    before_lines = before.splitlines(keepends=True)
    after_lines = after.splitlines(keepends=True)
    pieces = []
    matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(before_lines[i1:i2]), "".join(after_lines[j1:j2])
        if op == "equal":
            pieces.append(("same", old))
        elif op == "replace":
            pieces.extend(_word_pieces(old, new))
        else:
            pieces.extend([("del", old), ("ins", new)])
    return _join(pieces)


def _word_pieces(before: str, after: str) -> list[tuple[str, str]]:
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    pieces = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[i1:i2])))
        else:
            pieces.extend([("del", "".join(old[i1:i2])), ("ins", "".join(new[j1:j2]))])
    return pieces


def _join(pieces: list[tuple[str, str]]) -> list[dict]:
    """One removed and one added run per change: the spaces between changed words
    belong to the change, and removed text comes before added text."""
    pieces = [(kind, text) for kind, text in pieces if text]
    for index, (kind, text) in enumerate(pieces):
        between_changes = 0 < index < len(pieces) - 1 and all(
            neighbour[0] != "same" for neighbour in (pieces[index - 1], pieces[index + 1])
        )
        if kind == "same" and text.isspace() and between_changes:
            pieces[index] = ("both", text)
    segments, removed, added = [], [], []

    def flush():
        if removed:
            segments.append({"kind": "del", "text": "".join(removed)})
        if added:
            segments.append({"kind": "ins", "text": "".join(added)})
        removed.clear()
        added.clear()

    for kind, text in pieces:
        if kind == "same":
            flush()
            segments.append({"kind": "same", "text": text})
        else:
            if kind in ("del", "both"):
                removed.append(text)
            if kind in ("ins", "both"):
                added.append(text)
    flush()
    return segments


def field_diffs(previous: dict, current: dict, *, unchanged: bool = False) -> list[dict]:
    """Per field kept in both versions: its label, whether it changed, and the change
    (``segments`` of a text; ``removed``, ``added`` and ``kept`` names of a list).
    Unchanged fields are left out unless ``unchanged`` is set."""
    fields = []
    for name in (*CASE_TEXT_FIELDS, *LIST_FIELDS):
        if name not in previous or name not in current:
            continue
        before, after = previous[name], current[name]
        field = {"name": name, "label": FIELD_LABELS[name], "changed": before != after}
        if not field["changed"] and not unchanged:
            continue
        if name in LIST_FIELDS:
            field["is_list"] = True
            field["removed"] = [value for value in before if value not in after]
            field["added"] = [value for value in after if value not in before]
            field["kept"] = [value for value in after if value in before]
        elif field["changed"]:
            field["segments"] = text_segments(before or "", after or "")
        fields.append(field)
    return fields


def revision_diffs(revisions) -> list[dict]:
    return [
        {"revision": revision, "changes": field_diffs(revision.previous, revision.current)}
        for revision in revisions
    ]


def case_snapshot(case: Case) -> dict:
    """The case as a revision keeps it (``community.services._case_snapshot``), from
    the phases, challenges and tags the caller prefetched."""
    snapshot = {name: getattr(case, name) for name in CASE_TEXT_FIELDS}
    snapshot["phases"] = sorted(phase.title for phase in case.phases.all())
    snapshot["challenges"] = sorted(challenge.title for challenge in case.challenges.all())
    snapshot["tags"] = sorted(tag.name for tag in case.tags.all())
    return snapshot


def resubmission_diff(case: Case) -> dict | None:
    """What the author changed since the last decision on ``case`` (``decision``: that
    log entry, with the moderator's message), field by field; ``None`` when no
    moderator has decided on it yet. Two queries, however many revisions it has."""
    decision = (
        ActionLog.objects.for_target(case)
        .filter(verb__in=DECISION_VERBS)
        .select_related("actor__profile")
        .order_by("-created_at", "-id")
        .first()
    )
    if decision is None:
        return None
    # Every edit after a decision keeps the version before it: the first one since the
    # decision holds the version the moderator reviewed.
    first_edit = (
        case.revisions.filter(created_at__gte=decision.created_at)
        .order_by("created_at", "id")
        .first()
    )
    current = case_snapshot(case)
    fields = field_diffs(first_edit.previous if first_edit else current, current, unchanged=True)
    return {
        "decision": decision,
        "fields": fields,
        "changed": any(field["changed"] for field in fields),
    }

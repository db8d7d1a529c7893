"""Show moderators what the author changed in a published case."""

import difflib

from community.services import CASE_TEXT_FIELDS

FIELD_LABELS = {
    "title": "Titel",
    "summary": "Samenvatting",
    "body": "Wat heb je gedaan?",
    "what_worked": "Wat werkte goed?",
    "do_differently": "Wat zou je nu anders doen?",
}


def field_changes(previous: dict, current: dict) -> list[dict]:
    """Per changed field, its lines marked as removed (-), added (+) or kept."""
    changes = []
    for name in CASE_TEXT_FIELDS:
        before, after = previous.get(name, ""), current.get(name, "")
        if before == after:
            continue
        lines = [
            {"sign": line[0], "text": line[2:]}
            for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in ("-", "+", " ")
        ]
        changes.append({"label": FIELD_LABELS[name], "lines": lines})
    return changes


def revision_diffs(revisions) -> list[dict]:
    return [
        {"revision": revision, "changes": field_changes(revision.previous, revision.current)}
        for revision in revisions
    ]

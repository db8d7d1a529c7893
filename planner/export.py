"""The trajectory as data: the team's JSON download (``trajectory_data``), the record of
each download (``export_record``), and what a member's own download holds of their
trajectories and what happens to those when they delete their account
(``member_export``, ``member_forget``, registered in ``PlannerConfig.ready``).

No download holds another member's e-mail address, an invitation, a participant's voter
key or the secret of a score link."""

import re

from django.db import models, transaction
from django.db.models import Avg, Count, Prefetch

from community.models import member_name
from planner import checklist
from planner.models import (
    Activity,
    Involvement,
    Meeting,
    Membership,
    Role,
    Score,
    Stakeholder,
    Trajectory,
)
from planner.permissions import READ, require
from planner.services import record

# An e-mail address in a line of the activity (an invitation names the address invited).
EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
EMAIL_LEFT_OUT = "[e-mailadres weggelaten]"


def stamp(value) -> str | None:
    return value.isoformat() if value else None


# --- What the downloads read -----------------------------------------------------------------


def team(trajectory: Trajectory) -> list[Membership]:
    """The team, longest-standing first, with their profiles."""
    return list(
        Membership.objects.filter(trajectory=trajectory).select_related(
            "user__profile__organisation"
        )
    )


def stakeholders(trajectory: Trajectory) -> list[Stakeholder]:
    """The stakeholders with their involvement per phase (two queries)."""
    return list(
        Stakeholder.objects.filter(trajectory=trajectory).prefetch_related(
            Prefetch("involvements", queryset=Involvement.objects.select_related("phase"))
        )
    )


def meetings(trajectory: Trajectory, *, with_scores: bool = True) -> list[Meeting]:
    """The meetings, newest first, each with ``average`` (or None) and ``score_count``;
    with their scores, oldest first, when ``with_scores``."""
    found = Meeting.objects.filter(trajectory=trajectory).annotate(
        average=Avg("scores__score"), score_count=Count("scores")
    )
    if with_scores:
        found = found.prefetch_related(
            Prefetch("scores", queryset=Score.objects.only("meeting", "score", "comment"))
        )
    return list(found)


def challenges(trajectory: Trajectory):
    return [met.challenge for met in trajectory.challenges_met.select_related("challenge")]


def without_addresses(text: str) -> str:
    return EMAIL.sub(EMAIL_LEFT_OUT, text)


# --- The JSON download ------------------------------------------------------------------------


def trajectory_data(trajectory: Trajectory) -> dict:
    """Everything of the trajectory, as JSON-ready values (texts, numbers, ISO dates)."""
    items = checklist.all_items(trajectory)
    case = trajectory.case if trajectory.case_id else None
    return {
        "id": trajectory.pk,
        "title": trajectory.title,
        "organisation": trajectory.organisation,
        "service": trajectory.service,
        "goal": trajectory.goal,
        "starts_on": stamp(trajectory.starts_on),
        "phase": {"slug": trajectory.phase.slug, "title": trajectory.phase.title},
        "support_shared_at": stamp(trajectory.support_shared_at),
        "case": {"title": case.title, "slug": case.slug} if case is not None else None,
        "created_at": stamp(trajectory.created_at),
        "updated_at": stamp(trajectory.updated_at),
        "team": [
            {
                "name": member_name(membership.user),
                "role": membership.role,
                "role_label": str(membership.get_role_display()),
                "joined_at": stamp(membership.joined_at),
            }
            for membership in team(trajectory)
        ],
        "answers": [
            {
                "phase": item.question.phase.slug,
                "question": item.question.question,
                "status": str(item.status),
                "status_label": str(item.status_label),
                "notes": item.notes,
                "updated_at": stamp(item.answer.updated_at) if item.answer else None,
            }
            for phase_items in items.values()
            for item in phase_items
        ],
        "stakeholders": [
            {
                "name": stakeholder.name,
                "kind": stakeholder.kind,
                "kind_label": str(stakeholder.get_kind_display()),
                "interest": stakeholder.interest,
                "influence": stakeholder.influence,
                "involvements": [
                    {"phase": involvement.phase.slug, "description": involvement.description}
                    for involvement in stakeholder.involvements.all()
                ],
            }
            for stakeholder in stakeholders(trajectory)
        ],
        "meetings": [
            {
                "kind": meeting.kind,
                "kind_label": str(meeting.get_kind_display()),
                "held_on": stamp(meeting.held_on),
                "title": meeting.title,
                "participants": meeting.participants,
                "decisions": meeting.decisions,
                "what_works": meeting.what_works,
                "what_not": meeting.what_not,
                "scores_open": meeting.scores_open,
                "average_score": (
                    round(meeting.average, 2) if meeting.average is not None else None
                ),
                "score_count": meeting.score_count,
                "scores": [
                    {"score": score.score, "comment": score.comment}
                    for score in meeting.scores.all()
                ],
            }
            for meeting in meetings(trajectory)
        ],
        "challenges": [
            {"number": challenge.number, "title": challenge.title}
            for challenge in challenges(trajectory)
        ],
        "activity": [
            {
                "at": stamp(entry.created_at),
                "verb": entry.verb,
                "verb_label": str(entry.get_verb_display()),
                "actor": member_name(entry.actor) if entry.actor_id else None,
                "subject": without_addresses(entry.subject),
            }
            for entry in trajectory.activity.select_related("actor__profile")
        ],
    }


@transaction.atomic
def export_record(*, trajectory: Trajectory, user, kind: str) -> Activity:
    """A download of the trajectory ("PDF", "JSON") in its activity."""
    require(trajectory, user, READ)
    return record(trajectory=trajectory, actor=user, verb=Activity.Verb.EXPORT, subject=kind)


# --- The member's own data --------------------------------------------------------------------


def member_export(*, user) -> dict:
    """The trajectories the member is in the team of, each as the team's download."""
    trajectories = Trajectory.objects.for_member(user).select_related("phase", "case")
    return {"trajectories": [trajectory_data(trajectory) for trajectory in trajectories]}


@transaction.atomic
def member_forget(*, user) -> None:
    """Before the account goes: each trajectory the member owns goes to the editor who
    has been in its team longest (or else the longest-standing reader); one with no one
    else in its team is deleted, all of it. Their other memberships go with the account."""
    owned = Trajectory.objects.select_for_update().filter(
        memberships__user=user, memberships__role=Role.OWNER
    )
    for trajectory in owned:
        successor = (
            Membership.objects.filter(trajectory=trajectory)
            .exclude(user=user)
            .select_related("user__profile")
            .annotate(
                rank=models.Case(
                    models.When(role=Role.EDITOR, then=models.Value(0)),
                    default=models.Value(1),
                    output_field=models.IntegerField(),
                )
            )
            .order_by("rank", "joined_at", "pk")
            .first()
        )
        if successor is None:
            trajectory.delete()
            continue
        Membership.objects.filter(trajectory=trajectory, user=user).delete()
        successor.role = Role.OWNER
        successor.save(update_fields=["role"])
        record(
            trajectory=trajectory,
            actor=None,
            verb=Activity.Verb.OWNER,
            subject=member_name(successor.user),
        )

"""Every write to a trajectory: each one checks the role it needs, writes, and records
itself in the trajectory's own activity list (``record``). The stakeholder map
(``planner.stakeholders``) and the meetings (``planner.meetings``) have their own
modules and use ``record`` too."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreatie.core.actionlog import log_action
from cocreatie.core.mail import send_after_commit
from community import services as community_services
from community.models import Case, member_name
from planner.models import (
    INVITATION_DAYS,
    Activity,
    Answer,
    ChallengeMet,
    Invitation,
    LogVerb,
    Membership,
    Role,
    Status,
    Trajectory,
    new_token,
    token_digest,
)
from planner.permissions import EDIT, OWN, READ, require

User = get_user_model()
Verb = Activity.Verb

# A moderator's reading of a shared trajectory is recorded once in this period.
SUPPORT_VIEW_EVERY = timedelta(hours=1)


def record(*, trajectory: Trajectory, actor, verb: str, subject: str = "") -> Activity:
    """One line in the trajectory's activity list (inside the caller's transaction)."""
    return Activity.objects.create(
        trajectory=trajectory,
        actor=actor if actor is not None and actor.pk else None,
        verb=verb,
        subject=str(subject)[:300],
    )


def _locked(trajectory: Trajectory) -> Trajectory:
    return Trajectory.objects.select_for_update().get(pk=trajectory.pk)


def _touch(trajectory: Trajectory) -> None:
    """Most recently worked on first in "Mijn trajecten"."""
    Trajectory.objects.filter(pk=trajectory.pk).update(updated_at=timezone.now())


# --- The trajectory ------------------------------------------------------------------------


TRAJECTORY_FIELDS = ("title", "organisation", "service", "goal", "starts_on", "phase")


@transaction.atomic
def trajectory_create(*, owner: User, **fields) -> Trajectory:
    trajectory = Trajectory.objects.create(**fields)
    Membership.objects.create(trajectory=trajectory, user=owner, role=Role.OWNER)
    record(trajectory=trajectory, actor=owner, verb=Verb.CREATE, subject=trajectory.title)
    return trajectory


@transaction.atomic
def trajectory_update(*, trajectory: Trajectory, editor: User, **fields) -> Trajectory:
    require(trajectory, editor, EDIT)
    trajectory = _locked(trajectory)
    changed = [name for name, value in fields.items() if getattr(trajectory, name) != value]
    for name, value in fields.items():
        setattr(trajectory, name, value)
    trajectory.save()
    if "phase" in changed:
        record(trajectory=trajectory, actor=editor, verb=Verb.PHASE, subject=trajectory.phase.title)
    if set(changed) - {"phase"}:
        record(trajectory=trajectory, actor=editor, verb=Verb.UPDATE, subject=trajectory.title)
    return trajectory


@transaction.atomic
def trajectory_set_phase(*, trajectory: Trajectory, editor: User, phase) -> Trajectory:
    """The team moves on (or back) when it chooses; nothing is forced."""
    return trajectory_update(trajectory=trajectory, editor=editor, phase=phase)


@transaction.atomic
def trajectory_delete(*, trajectory: Trajectory, owner: User) -> None:
    """Deletes all of it: team, invitations, answers, stakeholders, meetings, scores,
    activity. A case made from it is the owner's own and stays."""
    require(trajectory, owner, OWN)
    _locked(trajectory).delete()


# --- The checklist -------------------------------------------------------------------------


@transaction.atomic
def answer_save(
    *, trajectory: Trajectory, editor: User, question, status: str, notes: str
) -> Answer:
    require(trajectory, editor, EDIT)
    if status not in Status.values:
        raise ValidationError(_("Kies een status."))
    answer, created = Answer.objects.select_for_update().get_or_create(
        trajectory=trajectory,
        question=question,
        defaults={"status": status, "notes": notes, "updated_by": editor},
    )
    if not created and (answer.status, answer.notes) != (status, notes):
        answer.status, answer.notes, answer.updated_by = status, notes, editor
        answer.save()
    elif not created:
        return answer
    record(trajectory=trajectory, actor=editor, verb=Verb.ANSWER, subject=question.question)
    _touch(trajectory)
    return answer


# --- The team ------------------------------------------------------------------------------


def _team_emails(trajectory: Trajectory) -> set[str]:
    return {
        email.casefold()
        for email in Membership.objects.filter(trajectory=trajectory).values_list(
            "user__email", flat=True
        )
    }


@transaction.atomic
def invitation_create(
    *, trajectory: Trajectory, owner: User, email: str, role: str, message: str = ""
) -> tuple[Invitation, str]:
    """Invite ``email`` (a member or not) as editor or reader; mails the link. Returns
    the invitation and its secret (which is stored only as a digest). An open invitation
    to the same address is replaced."""
    require(trajectory, owner, OWN)
    email = email.strip()
    if role not in (Role.EDITOR, Role.READER):
        raise ValidationError(_("Kies of je collega bewerker of lezer wordt."))
    if email.casefold() in _team_emails(trajectory):
        raise ValidationError(_("Iemand met dit e-mailadres zit al in het team."))
    now = timezone.now()
    trajectory.invitations.open().filter(email__iexact=email).update(revoked_at=now)
    token = new_token()
    invitation = Invitation.objects.create(
        trajectory=trajectory,
        email=email,
        role=role,
        token_digest=token_digest(token),
        invited_by=owner,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    record(trajectory=trajectory, actor=owner, verb=Verb.INVITE, subject=email)
    send_after_commit(
        "planner_invitation",
        {
            "trajectory": trajectory,
            "inviter": member_name(owner),
            "role": invitation.get_role_display(),
            "message": message.strip(),
            "accept_url": settings.SITE_URL + reverse("planner:invitation", args=[token]),
            "days": INVITATION_DAYS,
        },
        [email],
    )
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, owner: User) -> None:
    require(invitation.trajectory, owner, OWN)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt, verlopen of ingetrokken."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(
        trajectory=invitation.trajectory, actor=owner, verb=Verb.INVITE_REVOKE,
        subject=invitation.email,
    )  # fmt: skip


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation of a link, whatever its state (the page says which)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("trajectory", "invited_by__profile")
        .filter(token_digest=token_digest(token))
        .first()
    )


def invitation_refusal(invitation: Invitation | None, user) -> str:
    """Why this link cannot be used (by ``user``, if logged in), or "" when it can."""
    if invitation is None:
        return _("Deze uitnodiging bestaat niet. Controleer of je de hele link hebt gebruikt.")
    if invitation.accepted_at is not None:
        return _("Deze uitnodiging is al gebruikt. Een uitnodiging werkt maar één keer.")
    if invitation.revoked_at is not None:
        return _(
            "Deze uitnodiging is ingetrokken. Vraag de eigenaar van het traject om een nieuwe."
        )
    if invitation.expires_at <= timezone.now():
        return _(
            "Deze uitnodiging is verlopen: ze werkt %(days)s dagen. Vraag de eigenaar van het "
            "traject om een nieuwe."
        ) % {"days": INVITATION_DAYS}
    if user.is_authenticated and not _has_verified_address(user, invitation.email):
        return _(
            "Deze uitnodiging is voor een ander e-mailadres dan dat van jouw account. Log in "
            "met het account van %(email)s, of vraag de eigenaar om jou op je eigen adres uit "
            "te nodigen."
        ) % {"email": invitation.email}
    return ""


def _has_verified_address(user, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """``user`` joins the team in the invited role. The link works once, until it
    expires, and only for an account with the invited address, verified."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation, user)
    if refusal:
        raise ValidationError(refusal)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    membership, created = Membership.objects.get_or_create(
        trajectory=invitation.trajectory, user=user, defaults={"role": invitation.role}
    )
    if created:
        record(
            trajectory=invitation.trajectory, actor=user, verb=Verb.JOIN,
            subject=f"{member_name(user)} ({membership.get_role_display()})",
        )  # fmt: skip
    return membership


@transaction.atomic
def invitation_accept_new_account(
    *, invitation: Invitation, display_name: str, password: str
) -> User:
    """Someone without an account accepts: the account is made with the invited address,
    verified by the link itself, and joins the team."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation, AnonymousUser())
    if refusal:
        raise ValidationError(refusal)
    if account_exists(invitation.email):
        raise ValidationError(_("Er is al een account met dit e-mailadres. Log eerst in."))
    user = User(email=invitation.email)
    validate_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Er is al een account met dit e-mailadres. Log eerst in.")
        ) from error
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = community_services.profile_ensure(user=user)
    community_services.profile_update(profile=profile, display_name=display_name.strip())
    invitation_accept(invitation=invitation, user=user)
    return user


def _membership(trajectory: Trajectory, membership_pk: int) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user__profile")
        .get(trajectory=trajectory, pk=membership_pk)
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, owner: User, role: str) -> Membership:
    trajectory = membership.trajectory
    require(trajectory, owner, OWN)
    membership = _membership(trajectory, membership.pk)
    if membership.is_owner:
        raise ValidationError(_("Draag eerst het eigenaarschap over aan iemand anders."))
    if role not in (Role.EDITOR, Role.READER):
        raise ValidationError(_("Kies bewerker of lezer."))
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            trajectory=trajectory, actor=owner, verb=Verb.ROLE,
            subject=f"{member_name(membership.user)} ({membership.get_role_display()})",
        )  # fmt: skip
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """The owner removes anyone but themselves; anyone but the owner may leave."""
    trajectory = membership.trajectory
    leaving = membership.user_id == actor.pk
    require(trajectory, actor, READ if leaving else OWN)
    membership = _membership(trajectory, membership.pk)
    if membership.is_owner:
        raise ValidationError(
            _("De eigenaar kan niet uit het team. Draag eerst het eigenaarschap over.")
        )
    name = member_name(membership.user)
    membership.delete()
    record(trajectory=trajectory, actor=actor, verb=Verb.LEAVE if leaving else Verb.REMOVE,
           subject=name)  # fmt: skip


@transaction.atomic
def ownership_transfer(*, trajectory: Trajectory, owner: User, membership: Membership) -> None:
    """``membership`` becomes the owner; the old owner stays on as editor."""
    require(trajectory, owner, OWN)
    _locked(trajectory)
    new_owner = _membership(trajectory, membership.pk)
    if new_owner.is_owner:
        raise ValidationError(_("Deze persoon is al de eigenaar."))
    Membership.objects.filter(trajectory=trajectory, role=Role.OWNER).update(role=Role.EDITOR)
    new_owner.role = Role.OWNER
    new_owner.save(update_fields=["role"])
    record(trajectory=trajectory, actor=owner, verb=Verb.OWNER, subject=member_name(new_owner.user))


# --- Support by the moderators ------------------------------------------------------------


@transaction.atomic
def support_share(*, trajectory: Trajectory, owner: User, shared: bool) -> Trajectory:
    """The owner lets the moderators read the trajectory (to help), or stops that. Both
    are in the trajectory's activity and in the site's action log."""
    require(trajectory, owner, OWN)
    trajectory = _locked(trajectory)
    if shared == trajectory.is_shared_for_support:
        return trajectory
    trajectory.support_shared_at = timezone.now() if shared else None
    trajectory.save(update_fields=["support_shared_at", "updated_at"])
    verb = Verb.SUPPORT if shared else Verb.SUPPORT_END
    record(trajectory=trajectory, actor=owner, verb=verb)
    log_action(
        actor=owner,
        verb=LogVerb.SUPPORT if shared else LogVerb.SUPPORT_END,
        target=trajectory,
        target_label=log_label(trajectory),
    )
    return trajectory


@transaction.atomic
def support_view_record(*, trajectory: Trajectory, moderator: User) -> None:
    """A moderator read a shared trajectory: in its activity (so the team sees it) and in
    the site's action log, at most once an hour per moderator."""
    since = timezone.now() - SUPPORT_VIEW_EVERY
    seen = Activity.objects.filter(
        trajectory=trajectory, actor=moderator, verb=Verb.SUPPORT_VIEW, created_at__gte=since
    )
    if seen.exists():
        return
    record(trajectory=trajectory, actor=moderator, verb=Verb.SUPPORT_VIEW)
    log_action(
        actor=moderator, verb=LogVerb.SUPPORT_VIEW, target=trajectory,
        target_label=log_label(trajectory),
    )  # fmt: skip


def log_label(trajectory: Trajectory) -> str:
    """How the site's action log names a trajectory: by number, not by its title, which
    would stay behind in the log after the team deletes the trajectory."""
    return f"traject {trajectory.pk}"


# --- Challenges met ------------------------------------------------------------------------


@transaction.atomic
def challenges_set(*, trajectory: Trajectory, editor: User, challenges) -> None:
    require(trajectory, editor, EDIT)
    wanted = {challenge.pk: challenge for challenge in challenges}
    current = set(trajectory.challenges_met.values_list("challenge_id", flat=True))
    added, removed = set(wanted) - current, current - set(wanted)
    if not added and not removed:
        return
    trajectory.challenges_met.filter(challenge_id__in=removed).delete()
    ChallengeMet.objects.bulk_create(
        [ChallengeMet(trajectory=trajectory, challenge_id=pk) for pk in sorted(added)]
    )
    names = ", ".join(str(wanted[pk]) for pk in sorted(added, key=lambda pk: wanted[pk].number))
    record(trajectory=trajectory, actor=editor, verb=Verb.CHALLENGES, subject=names)
    _touch(trajectory)


# --- Publish as a case ---------------------------------------------------------------------


@transaction.atomic
def trajectory_publish_as_case(*, trajectory: Trajectory, owner: User) -> Case:
    """A case draft of the owner's, prefilled from the trajectory (``planner.publish``):
    never a stakeholder's name. The owner edits and submits it as any case; the
    trajectory stays private. A second call goes to the same draft while it exists."""
    from planner import publish

    require(trajectory, owner, OWN)
    trajectory = _locked(trajectory)
    if trajectory.case_id and Case.objects.filter(pk=trajectory.case_id, author=owner).exists():
        return trajectory.case
    draft = publish.case_draft(trajectory)
    case = community_services.case_create(
        author=owner,
        title=draft.title,
        summary=draft.summary,
        body=draft.body,
        what_worked=draft.what_worked,
        organisation=owner.profile.organisation if hasattr(owner, "profile") else None,
        phases=draft.phases,
        challenges=draft.challenges,
    )
    trajectory.case = case
    trajectory.save(update_fields=["case", "updated_at"])
    record(trajectory=trajectory, actor=owner, verb=Verb.PUBLISH, subject=case.title)
    return case


def ensure_permission(condition: bool) -> None:
    if not condition:
        raise PermissionDenied

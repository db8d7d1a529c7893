"""Who may do what with a trajectory: its team only (owner, editor, reader), and the
moderators while the owner shares it for support, read-only. Anyone else is told the
trajectory does not exist (404), so its existence leaks nothing."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from community.permissions import is_moderator
from planner.models import ROLE_RANK, Membership, Role, Trajectory

READ, EDIT, OWN = "read", "edit", "own"
NEEDED_RANK = {
    READ: ROLE_RANK[Role.READER],
    EDIT: ROLE_RANK[Role.EDITOR],
    OWN: ROLE_RANK[Role.OWNER],
}


@dataclass(frozen=True)
class Access:
    """What the person looking may do with one trajectory."""

    role: str | None  # their role in the team, or None
    support: bool = False  # a moderator reading a trajectory shared for support

    @property
    def rank(self) -> int:
        return ROLE_RANK.get(self.role, 0)

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""

    @property
    def can_read(self) -> bool:
        return self.rank >= 1 or self.support

    @property
    def can_edit(self) -> bool:
        return self.rank >= ROLE_RANK[Role.EDITOR]

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER

    def allows(self, needed: str) -> bool:
        if needed == READ:
            return self.can_read
        return self.rank >= NEEDED_RANK[needed]


def with_role_of(queryset, user):
    """Trajectories with ``viewer_role``: the role of ``user`` in each team (or None),
    in the same query."""
    roles = Membership.objects.filter(trajectory=OuterRef("pk"), user_id=user.pk).values("role")
    return queryset.annotate(viewer_role=Subquery(roles[:1]))


def access_for(trajectory: Trajectory, user) -> Access:
    """``trajectory`` read through ``with_role_of`` answers without a query (but for the
    moderator check of a shared one)."""
    if not user.is_authenticated:
        return Access(role=None)
    role = getattr(trajectory, "viewer_role", "unknown")
    if role == "unknown":
        role = (
            Membership.objects.filter(trajectory=trajectory, user=user)
            .values_list("role", flat=True)
            .first()
        )
    if role is None and trajectory.is_shared_for_support and is_moderator(user):
        return Access(role=None, support=True)
    return Access(role=role)


def require(trajectory: Trajectory, user, needed: str) -> Access:
    """The access of ``user``, or 404 for someone outside the team and 403 for a team
    member whose role does not allow ``needed``."""
    access = access_for(trajectory, user)
    if not access.can_read:
        raise Http404
    if not access.allows(needed):
        raise PermissionDenied
    return access


class TrajectoryMixin(LoginRequiredMixin):
    """For the views of one trajectory (``pk`` in the address): ``self.trajectory``,
    ``self.access``, both in the context. ``needed``: read, edit or own; a GET of an edit
    page needs the same as its POST."""

    needed = READ
    trajectory_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.trajectory = get_object_or_404(
                with_role_of(Trajectory.objects.select_related("phase"), request.user),
                pk=kwargs[self.trajectory_kwarg],
            )
            self.access = require(self.trajectory, request.user, self.needed)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def planner_nav(self):
        from planner.views import planner_nav

        return planner_nav(self.trajectory, self.request.path)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trajectory=self.trajectory, access=self.access, planner_nav=self.planner_nav, **kwargs
        )

"""Who may moderate and who may organise sessions: the one place that says so.

Other apps (the sessions) use these, and nothing else of the community's internals."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef


def _role_groups() -> tuple[str, ...]:
    return (settings.MODERATORS_GROUP, settings.ORGANISERS_GROUP)


def _flag(name: str) -> str:
    return f"_in_group_{_role_groups().index(name)}"


def with_role_groups(users):
    """``users`` (a queryset of the user model) with, on each user, whether they are in
    each group a role depends on: read in the same query as the user, so that a logged-in
    request spends no query of its own on them (``community.auth_backends``)."""
    return users.annotate(
        **{
            _flag(name): Exists(Group.objects.filter(user=OuterRef("pk"), name=name))
            for name in _role_groups()
        }
    )


def _group_names(user) -> frozenset[str]:
    """The role groups the user is in: from ``with_role_groups`` when the user was read
    that way, else read once per user object (so once a request)."""
    cached = getattr(user, "_group_names", None)
    if cached is None:
        if hasattr(user, _flag(_role_groups()[0])):
            cached = frozenset(name for name in _role_groups() if getattr(user, _flag(name)))
        else:
            cached = frozenset(
                user.groups.filter(name__in=_role_groups()).values_list("name", flat=True)
            )
        user._group_names = cached
    return cached


def is_moderator(user) -> bool:
    """Moderators are members of the moderators group; superusers count too."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or settings.MODERATORS_GROUP in _group_names(user)


def can_organise(user) -> bool:
    """Organisers run the session series: members of the organisers group, moderators
    and superusers. A model permission alone (``change_session``) is not enough."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or not _group_names(user).isdisjoint(
        {settings.MODERATORS_GROUP, settings.ORGANISERS_GROUP}
    )


def require_organiser(user) -> None:
    """For the services of organisers' steps: refuse anyone who may not organise."""
    if user is None or not can_organise(user):
        raise PermissionDenied


def needs_two_factor(user) -> bool:
    """Staff, moderators and organisers see what others may not: they must sign in with
    a second factor (enforced by ``community.middleware.ModeratorMFAMiddleware``)."""
    return user.is_authenticated and (user.is_staff or can_organise(user))


class ModeratorRequiredMixin(LoginRequiredMixin):
    """Moderators only (two-factor authentication is enforced by the middleware)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrganiserRequiredMixin(LoginRequiredMixin):
    """Organisers only (two-factor authentication is enforced by the middleware)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_organise(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

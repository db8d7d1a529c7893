"""Who may moderate and who may organise sessions: the one place that says so.

Other apps (the sessions) use these, and nothing else of the community's internals."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


def is_moderator(user) -> bool:
    """Moderators are members of the moderators group; superusers count too."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=settings.MODERATORS_GROUP).exists()
        user._is_moderator = cached
    return cached


def can_organise(user) -> bool:
    """Organisers run the session series: moderators, and whoever may change sessions."""
    return user.is_authenticated and (
        is_moderator(user) or user.has_perm("sessions_app.change_session")
    )


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

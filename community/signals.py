"""Decoupled side effects only: nothing here creates domain objects."""


def delete_stored_files(sender, instance, **kwargs):
    """A photo or document row is gone (deleted by itself, with its case, or with the
    author's account): its files leave the storage once the deletion commits."""
    from cocreatie.core import media

    media.delete_after_commit(instance.storage_names)


def refresh_verification(sender, request, email_address, **kwargs):
    """A newly confirmed address may make a member a verified colleague."""
    from community.models import Profile
    from community.services import profile_refresh_verification

    profile = Profile.objects.select_related("organisation").filter(user_id=email_address.user_id)
    for item in profile:
        profile_refresh_verification(profile=item)


# What moderators may do in the administration: edit the knowledge base and read and
# handle community content. Deleting members stays with administrators.
MODERATOR_PERMISSIONS = {
    "roadmap": ["add", "change", "view"],
    "community": ["change", "view"],
    "taggit": ["add", "change", "view"],
    "sessions_app": ["add", "change", "view"],
}


# What organisers may do in the administration: edit the session series and sessions.
ORGANISER_PERMISSIONS = {
    "sessions_app": ["add", "change", "view"],
}


def _ensure_group(name, permissions, using):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=name)
    wanted = Permission.objects.using(using).none()
    for app_label, actions in permissions.items():
        for action in actions:
            wanted |= Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__startswith=f"{action}_"
            )
    group.permissions.add(*wanted.exclude(codename__in=["change_user"]))


def ensure_role_groups(sender, using="default", **kwargs):
    """After every migrate: the moderators and organisers groups exist with their
    permissions."""
    from django.conf import settings

    _ensure_group(settings.MODERATORS_GROUP, MODERATOR_PERMISSIONS, using)
    _ensure_group(settings.ORGANISERS_GROUP, ORGANISER_PERMISSIONS, using)


def remember_sso_login(sender, request, user, sociallogin=None, **kwargs):
    from community import sso

    sso.remember_login(request, user, sociallogin)

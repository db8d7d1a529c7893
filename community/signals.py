"""Decoupled side effects only: nothing here creates domain objects."""


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


def ensure_moderators_group(sender, using="default", **kwargs):
    """After every migrate: the moderators group exists with its permissions."""
    from django.conf import settings
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=settings.MODERATORS_GROUP)
    wanted = Permission.objects.using(using).none()
    for app_label, actions in MODERATOR_PERMISSIONS.items():
        for action in actions:
            wanted |= Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__startswith=f"{action}_"
            )
    group.permissions.add(*wanted.exclude(codename__in=["change_user"]))

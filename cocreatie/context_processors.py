from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from cocreatie.core import notifications
from community.permissions import can_organise, is_moderator

# (label, url name) of the main menu after "Home", in order. Apps add their sections here.
MAIN_MENU: list[tuple[str, str]] = [
    (gettext_lazy("Roadmap"), "roadmap:index"),
    (gettext_lazy("Uitdagingen"), "roadmap:challenge_list"),
    (gettext_lazy("Voorbeelden"), "roadmap:example_list"),
    (gettext_lazy("Hulpmiddelen"), "roadmap:tool_list"),
    (gettext_lazy("Thema's"), "roadmap:theme_list"),
    (gettext_lazy("Community"), "community:case_list"),
    (gettext_lazy("Sessies"), "sessions:series_list"),
    (gettext_lazy("Zoeken"), "search"),
]


def site(request):
    """Site-wide names, addresses and the main menu every template may show."""
    menu = []
    for label, url_name in MAIN_MENU:
        url = reverse(url_name)
        menu.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "SESSION_RETENTION_DAYS": settings.SESSION_REGISTRATION_RETENTION_DAYS,
        "main_menu": menu,
        # Called by the template only when needed; is_moderator caches on the user.
        "user_is_moderator": lambda: is_moderator(request.user),
        "user_can_organise": lambda: can_organise(request.user),
        # The number in the header's "Meldingen (3)": one query, the first time it is used.
        "unread_notifications": cache(lambda: notifications.unread_count(request.user)),
    }

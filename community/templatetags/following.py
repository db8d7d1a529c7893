"""``{% load following %}``: the follow button, and the addresses of followed things.

``{% follow_button obj %}`` shows a logged-in member "Volgen" or "Niet meer volgen" (a
POST form; one query to know which, none when the object was read
``following.with_followed``); a visitor gets a plain link to log in, the same for
everyone, so the page can stay in the page cache. ``{% follow_button obj following=True %}``
skips the query where the caller knows (the follow list), ``hint=False`` the line that
says what following brings. The button's accessible name names the thing as
``community.notifications.follow_name`` does, with its title as the page shows it (a
``ShownText``, so the template marks its language).
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy

from cocreatie.core.following import followable_for, is_following, key_of
from cocreatie.core.i18n import content_label
from community.models import Case, Organisation, Profile

register = template.Library()

# What following brings, per kind of thing (the line under the button).
EXPLANATIONS = {
    Case: gettext_lazy("Je krijgt bericht als iemand reageert."),
    Organisation: gettext_lazy(
        "Je krijgt bericht bij een nieuw praktijkverhaal van deze organisatie."
    ),
    Profile: gettext_lazy("Je krijgt bericht als dit lid een nieuw praktijkverhaal publiceert."),
}
SERIES_EXPLANATION = gettext_lazy("Je krijgt bericht als er een nieuwe ronde van deze reeks komt.")
DEFAULT_EXPLANATION = gettext_lazy("Je krijgt bericht bij een nieuw praktijkverhaal hierover.")


def _explanation(obj) -> str:
    if key_of(obj) == "reeks":
        return SERIES_EXPLANATION
    return EXPLANATIONS.get(type(obj), DEFAULT_EXPLANATION)


def _kind(obj) -> str:
    followable = followable_for(obj)
    return followable.label.lower() if followable else ""


def _title(obj):
    """The name of ``obj`` in the button, with its language: a phase's or challenge's
    title as the page shows it, any other (a case, a tag, a series) as content."""
    return getattr(obj, "shown_title", None) or content_label(str(obj))


@register.inclusion_tag("includes/follow_button.html", takes_context=True)
def follow_button(context, obj, following=None, hint=True):
    request = context["request"]
    user = request.user
    if user.is_authenticated and following is None:
        # Read with the object where its query asked (``following.with_followed``).
        following = getattr(obj, "followed_by_me", None)
        if following is None:
            following = is_following(user, obj)
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "obj": obj,
        "key": key_of(obj),
        # A member by their name; anything else as "uitdaging ‘Draagvlak’".
        "member_name": obj.display_name if isinstance(obj, Profile) else "",
        "kind": "" if isinstance(obj, Profile) else _kind(obj),
        "title": _title(obj),
        "following": bool(following),
        "explanation": _explanation(obj) if hint else "",
    }


@register.filter
def followed_url(obj) -> str:
    """The page of a followed thing (a tag has no ``get_absolute_url``)."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    try:
        return reverse("tag_detail", args=[obj.slug])
    except NoReverseMatch:
        return ""

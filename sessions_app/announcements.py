"""Telling members about a new session series, once: the first time it is published.

Every active member with a verified e-mail address gets a notification (kind
``NEW_SERIES``, weekly by default); who followed the round it continues reads why ("Je
volgde ..."). ``SessionSeries.announced_at`` records that it was done, so publishing
again, or editing a published series, tells nobody twice.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core import following, notifications
from sessions_app.apps import NEW_SERIES
from sessions_app.models import SessionSeries

GROUP = gettext_lazy("Sessies")


@transaction.atomic
def series_announce(*, series: SessionSeries, actor=None) -> int:
    """Announce ``series`` if it is published and was never announced; returns how many
    members were told. ``actor`` (who published it) is not told of their own series."""
    now = timezone.now()
    # The conditional update claims the announcement: of two saves at once, one wins.
    claimed = SessionSeries.objects.filter(
        pk=series.pk, is_published=True, announced_at=None
    ).update(announced_at=now)
    if not claimed:
        return 0
    series.announced_at = now
    members = set(
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=EmailAddress.objects.filter(verified=True).values("user_id"),
        )
        .values_list("pk", flat=True)
    )
    previous = series.previous
    groups = {}
    if previous is not None:
        groups = dict.fromkeys(
            following.followers([previous]),
            lambda: _("Je volgde %(title)s") % {"title": previous.title},
        )
    made = notifications.notify(
        members | set(groups),
        kind=NEW_SERIES,
        title=lambda: _("Nieuwe sessiereeks: %(title)s") % {"title": series.title},
        url=series.get_absolute_url(),
        text=series.summary,
        group=GROUP,
        groups=groups,
        actor=actor,
        target=series,
    )
    return len(made)

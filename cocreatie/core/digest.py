"""The weekly digest: one mail per member with everything new of the kinds they get
weekly (``Notification.Delivery.DIGEST``), since their previous digest.

``digests_send`` is run by the ``send_digests`` command (cron, once a week). It fixes
the cutoff ``now`` once, at the start; each member is then handled in a short
transaction of their own that locks their ``NotificationSettings`` row
(``select_for_update(skip_locked=True)``: a member another run is busy with is left to
that run), reads again up to when their digest was sent, queues at most one mail
through the outbox, and moves ``digest_sent_until`` on to the cutoff. A second run
finds nothing new; two runs at once send each member at most one digest.

What went into a digest is marked ``mailed_at``, and a notification that is already
mailed never goes in again. That lets the window reach back ``LATE_COMMIT_MARGIN``
before ``digest_sent_until``: a notification stamped just before a cutoff whose
transaction committed just after it is in the next digest instead of in none.

Everything comes from the ``Notification`` rows and the registry in
``cocreatie.core.notifications``; this module knows no app.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core import notifications
from cocreatie.core.i18n import for_member
from cocreatie.core.mail import send_after_commit
from cocreatie.core.models import Notification, NotificationSettings

logger = logging.getLogger(__name__)

TEMPLATE = "digest"
# A digest lists at most this many notifications (the newest); the rest it counts,
# with a link to the list in the site.
MAX_ITEMS = 50
LATE_COMMIT_MARGIN = timedelta(hours=1)
# Headings for notifications without a group of their own.
OWN_GROUP = gettext_lazy("Je eigen bijdragen")
OTHER_GROUP = gettext_lazy("Verder nieuw voor jou")


def _window_start(row: NotificationSettings) -> datetime | None:
    """Notifications created after this moment may go into the member's next digest;
    None: all that were never mailed. That is the case until a member's first digest:
    a settings row made when they first saved their preferences says "now", which
    would pass over what they were told before."""
    if row.digest_sent_at is None:
        return None
    return row.digest_sent_until - LATE_COMMIT_MARGIN


def members_with_news(cutoff: datetime) -> list[int]:
    """Active members with a notification not yet mailed, from before ``cutoff`` and
    possibly after their last digest (which of them are weekly is decided per member,
    under the lock)."""
    settings_row = "user__notification_settings__"
    news = Notification.objects.filter(
        Q(**{f"{settings_row}isnull": True})
        | Q(**{f"{settings_row}digest_sent_at__isnull": True})
        | Q(created_at__gt=F(f"{settings_row}digest_sent_until") - LATE_COMMIT_MARGIN),
        kind__in=[kind.key for kind in notifications.kinds()],
        created_at__lte=cutoff,
        mailed_at=None,
        user__is_active=True,
    )
    return sorted(set(news.values_list("user_id", flat=True)))


def _sections(items: list[Notification]) -> list[dict]:
    """The notifications under their headings (what the member follows; their own
    content first), the newest first within each heading and the heading with the
    newest notification first."""
    sections: dict[str, dict] = {}
    for item in items:
        kind = notifications.get_kind(item.kind)
        own = bool(kind and kind.own)
        heading = item.group or str(OWN_GROUP if own else OTHER_GROUP)
        section = sections.setdefault(heading, {"heading": heading, "own": own, "items": []})
        section["own"] = section["own"] and own
        # ``url`` is a path on this site; the mail needs the whole address.
        item.link = item.url if "://" in item.url else f"{settings.SITE_URL}{item.url_in_language}"
        section["items"].append(item)
    return sorted(sections.values(), key=lambda section: not section["own"])


def subject_line(total: int) -> str:
    return ngettext(
        "Je week op %(site)s: %(count)s nieuwe melding",
        "Je week op %(site)s: %(count)s nieuwe meldingen",
        total,
    ) % {"site": settings.SITE_NAME, "count": total}


def _queue_digest(user, row: NotificationSettings, news, ids: list[int]) -> None:
    """The digest mail of ``ids`` (the newest ``MAX_ITEMS`` of them listed), in the
    member's language."""
    items = list(news.filter(pk__in=ids[:MAX_ITEMS]))
    with for_member(user):
        context = {
            "user": user,
            "subject_line": subject_line(len(ids)),
            "sections": _sections(items),
            "total": len(ids),
            "more": len(ids) - len(items),
            "previous": row.digest_sent_at,
            "notifications_url": notifications.page_url("list"),
            "preferences_url": notifications.preferences_url(),
        }
        send_after_commit(
            TEMPLATE, context, [user.email],
            unsubscribe_url=notifications.unsubscribe_url(user, notifications.DIGEST),
        )  # fmt: skip


def digest_send(*, user_id: int, cutoff: datetime, now: datetime | None = None) -> bool:
    """Queue the member's digest of what is new up to ``cutoff``, if anything is.
    Returns whether a mail was queued (False too when another run holds the member)."""
    now = now or timezone.now()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    # Outside the lock: two runs creating the row at once are settled by the unique
    # user, and the row must exist before it can be locked. Its first digest holds
    # everything not mailed yet (``_window_start``), whatever this date says.
    NotificationSettings.objects.get_or_create(
        user=user, defaults={"digest_sent_until": user.date_joined}
    )
    with transaction.atomic():
        row = (
            NotificationSettings.objects.select_for_update(skip_locked=True)
            .filter(user=user)
            .first()
        )
        if row is None:
            return False  # another run is sending this member's digest right now
        start = _window_start(row)
        if start is not None and start >= cutoff:
            return False
        weekly = [
            kind.key
            for kind in notifications.kinds()
            if notifications.delivery(row, kind.key) == Notification.Delivery.DIGEST
        ]
        news = Notification.objects.filter(
            user=user, kind__in=weekly, mailed_at=None, created_at__lte=cutoff
        ).order_by("-created_at", "-pk")
        if start is not None:
            news = news.filter(created_at__gt=start)
        ids = list(news.values_list("pk", flat=True))
        if ids:
            _queue_digest(user, row, news, ids)
            for first in range(0, len(ids), 500):
                Notification.objects.filter(pk__in=ids[first : first + 500]).update(mailed_at=now)
            row.digest_sent_at = now
        row.digest_sent_until = max(row.digest_sent_until, cutoff)
        row.save(update_fields=["digest_sent_until", "digest_sent_at"])
        return bool(ids)


def digests_send(*, now: datetime | None = None) -> int:
    """Every member's digest of what is new up to ``now`` (fixed once, here); how many
    were queued."""
    cutoff = now or timezone.now()
    queued = 0
    for user_id in members_with_news(cutoff):
        queued += digest_send(user_id=user_id, cutoff=cutoff, now=cutoff)
    logger.info("Queued %s digest(s) up to %s.", queued, cutoff.isoformat())
    return queued

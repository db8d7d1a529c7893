"""Notifications: something new for a member, in the site and, as they choose per kind,
by mail at once, in the weekly digest, or in the site only.

The apps register their kinds (``register_kind``) with a default: what is about the
member's own content reaches them at once, the rest weekly. ``notify`` stores one
``Notification`` per member in the current transaction and queues the mails of those
who want it at once (through the outbox, so nothing is sent for a rolled-back change).
Every notification mail carries a link to the preferences and a one-click unsubscribe
(RFC 8058) with a signed token (``unsubscribe_url``); the digest is
``cocreatie.core.digest``.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreatie.core.i18n import for_member, language_of
from cocreatie.core.language import unprefixed
from cocreatie.core.mail import send_after_commit
from cocreatie.core.models import Notification, NotificationSettings

Delivery = Notification.Delivery

# The pseudo-kind of the digest itself: its unsubscribe link stops the digest.
DIGEST = "digest"
UNSUBSCRIBE_SALT = "cocreatie.notifications.unsubscribe"


# The URL names of the member's pages: the list, the preferences and the unsubscribe
# link (with a ``token`` argument). The app that serves them sets them (``register_pages``).
_pages = {"list": "", "preferences": "", "unsubscribe": ""}


def register_pages(*, list_url_name: str, preferences_url_name: str, unsubscribe_url_name: str):
    _pages.update(
        list=list_url_name, preferences=preferences_url_name, unsubscribe=unsubscribe_url_name
    )


def page_url(page: str, **kwargs) -> str:
    """The full address of one of the member's notification pages, for mails."""
    return f"{settings.SITE_URL}{reverse(_pages[page], kwargs=kwargs or None)}"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # "Reacties op je eigen praktijkverhalen"
    default: str  # a Delivery value
    own: bool = False  # about the member's own content (shown first)
    order: int = 0
    # A note under the choice on the preferences page (e.g. what is always mailed).
    help_text: str = ""


_kinds: dict[str, Kind] = {}


def register_kind(key, label, *, default, own=False, order=0, help_text="") -> Kind:
    kind = Kind(key, label, default, own, order, help_text)
    _kinds[key] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: (not kind.own, kind.order, kind.key))


def get_kind(key: str) -> Kind | None:
    return _kinds.get(key)


# --- Preferences --------------------------------------------------------------------------


def settings_for(user) -> NotificationSettings:
    row, _created = NotificationSettings.objects.get_or_create(user=user)
    return row


def delivery(row: NotificationSettings | None, kind: str) -> str:
    """How ``kind`` reaches the member whose settings are ``row`` (None: defaults)."""
    chosen = (row.deliveries if row else {}).get(kind)
    if chosen in Delivery.values:
        return chosen
    registered = _kinds.get(kind)
    return registered.default if registered else Delivery.SITE


def deliveries_for(user) -> dict[str, str]:
    row = NotificationSettings.objects.filter(user=user).first()
    return {kind.key: delivery(row, kind.key) for kind in kinds()}


@transaction.atomic
def preferences_update(*, user, deliveries: dict[str, str]) -> NotificationSettings:
    """Store the member's choice per kind (unknown kinds and values are refused)."""
    for key, value in deliveries.items():
        if key not in _kinds or value not in Delivery.values:
            raise ValueError(f"Unknown notification kind or delivery: {key}={value}")
    row = _locked_settings(user)
    row.deliveries = {**row.deliveries, **deliveries}
    row.save(update_fields=["deliveries"])
    return row


def preferences_url() -> str:
    return page_url("preferences")


# --- One-click unsubscribe ------------------------------------------------------------------


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, kind: str) -> str:
    token = unsubscribe_token(user, kind)
    return page_url("unsubscribe", token=token)


def read_unsubscribe_token(token: str):
    """(user, kind) of a valid token, else None (forged, garbled, or the member is gone)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    kind = data.get("k")
    if kind != DIGEST and kind not in _kinds and kind not in _unsubscribe_handlers:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    return (user, kind) if user else None


# Other things a mail can unsubscribe from (e.g. relayed questions between members): key →
# (function(user) that switches it off, sentence saying what was switched off).
_unsubscribe_handlers: dict[str, tuple] = {}


def register_unsubscribe(key: str, handler, description: str) -> None:
    _unsubscribe_handlers[key] = (handler, description)


def unsubscribe_description(key: str) -> str:
    """What the unsubscribe link of a registered non-kind (``register_unsubscribe``)
    switches off, in a sentence."""
    return _unsubscribe_handlers[key][1]


def _locked_settings(user) -> NotificationSettings:
    settings_for(user)
    return NotificationSettings.objects.select_for_update().get(user=user)


@transaction.atomic
def unsubscribe(*, user, kind: str) -> str:
    """Switch off the mails of ``kind`` for ``user`` (the notifications stay in the
    site); returns what was switched off, in a sentence in the language of the page."""
    if kind in _unsubscribe_handlers:
        handler, description = _unsubscribe_handlers[kind]
        handler(user)
        return description
    row = _locked_settings(user)
    if kind == DIGEST:
        row.deliveries = {
            **row.deliveries,
            **{k.key: Delivery.SITE for k in kinds() if delivery(row, k.key) == Delivery.DIGEST},
        }
        row.save(update_fields=["deliveries"])
        return _(
            "Je krijgt geen wekelijkse samenvatting meer. Wat erin zou staan, zie je nog "
            "wel bij Meldingen op de site."
        )
    row.deliveries = {**row.deliveries, kind: Delivery.SITE}
    row.save(update_fields=["deliveries"])
    return _(
        "Je krijgt geen mail meer over: %(kind)s. Je ziet ze nog wel bij Meldingen op de site."
    ) % {"kind": str(_kinds[kind].label).lower()}


# --- Notifying ----------------------------------------------------------------------------


def notify(
    users: Iterable, *, kind: str, title, url: str, text: str = "", group="",
    actor=None, target=None, groups: dict | None = None, mail: bool = True,
) -> list[Notification]:  # fmt: skip
    """One notification of ``kind`` for each of ``users`` (user objects or pks; the
    actor and inactive accounts left out), and a mail for those who want it at once.
    ``title`` and ``group`` (why this member gets it, e.g. what they follow; ``groups``:
    user pk → a group of its own) are written for each member in their own language: a
    callable that returns the text, or a lazy translation (a plain str is stored as
    it is). ``url``: a path on this site (stored without a language prefix: the member
    reads it in their own language). ``mail=False``: the caller mails it in a message
    of its own (a statement of reasons), so it is stored as mailed and neither mailed
    again nor put in the digest."""
    if kind not in _kinds:
        raise ValueError(f"Unregistered notification kind {kind!r}")
    user_ids = {getattr(user, "pk", user) for user in users} - {getattr(actor, "pk", None)}
    if not user_ids:
        return []
    recipients = list(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .only("pk", "email", "language")
    )
    rows = {
        row.user_id: row
        for row in NotificationSettings.objects.filter(user_id__in=[u.pk for u in recipients])
    }
    now = timezone.now()
    content_type = (
        ContentType.objects.get_for_model(target, for_concrete_model=False) if target else None
    )
    written = {}

    def written_for(user, value) -> str:
        """``value`` in ``user``'s language, written once per language."""
        key = (id(value), language_of(user))
        if key not in written:
            with for_member(user):
                written[key] = value() if callable(value) else str(value)
        return written[key]

    made = []
    for user in recipients:
        notification = Notification(
            user=user, kind=kind, title=written_for(user, title)[:300], text=text,
            url=unprefixed(url),
            group=written_for(user, (groups or {}).get(user.pk, group))[:200], actor=actor,
            content_type=content_type, object_id=getattr(target, "pk", None), created_at=now,
        )  # fmt: skip
        if not mail or delivery(rows.get(user.pk), kind) == Delivery.MAIL:
            notification.mailed_at = now
        made.append(notification)
    Notification.objects.bulk_create(made, batch_size=500)
    _counts_changed(user.pk for user in recipients)
    for notification in made:
        if mail and notification.mailed_at:
            _mail(notification)
    return made


def _mail(notification: Notification) -> None:
    """The mail goes to another member than the one whose request made it: in their
    own language, with addresses in it."""
    user = notification.user
    with for_member(user):
        send_after_commit(
            "notification",
            {
                "notification": notification,
                "kind": _kinds[notification.kind],
                "preferences_url": preferences_url(),
                "notifications_url": page_url("list"),
            },
            [user.email],
            unsubscribe_url=unsubscribe_url(user, notification.kind),
        )


def withdraw(model, pks: Iterable[int], *, keep_kinds: Iterable[str] = ()) -> int:
    """Delete the notifications about these rows of ``model`` (content that was hidden
    or deleted must not live on in anyone's list or digest), except those of
    ``keep_kinds``. Returns how many."""
    pks = list(pks)
    if not pks:
        return 0
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    withdrawn = Notification.objects.filter(content_type=content_type, object_id__in=pks).exclude(
        kind__in=list(keep_kinds)
    )
    readers = set(withdrawn.filter(read_at=None).values_list("user", flat=True))
    deleted, _by_model = withdrawn.delete()
    _counts_changed(readers)
    return deleted


# The header's "Meldingen (3)" on every page a member sees: with Redis (REDIS_URL) kept
# per member in the shared cache of counts (``PAGE_CACHE_ALIAS``), a read instead of a
# count, forgotten whenever their count changes. With the database cache, reading and
# writing the cached count would cost more statements than the count itself (an index
# scan of the member's unread rows), so it is counted each time.
UNREAD_SECONDS = 24 * 60 * 60


def _counts():
    """The cache that keeps the counts, or None (the database cache: see above)."""
    store = caches[settings.PAGE_CACHE_ALIAS]
    return None if isinstance(store, DatabaseCache) else store


def _unread_key(user_pk) -> str:
    return f"notifications:unread:{user_pk}"


def _counts_changed(user_pks: Iterable[int]) -> None:
    """Forget the cached counts of these members: now, and again once the transaction
    commits (a page read in between would otherwise cache the count from before)."""
    store = _counts()
    keys = [_unread_key(pk) for pk in user_pks]
    if keys and store is not None:
        store.delete_many(keys)
        transaction.on_commit(lambda: store.delete_many(keys))


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    store = _counts()

    def count():
        return Notification.objects.filter(user=user, read_at=None).count()

    return (
        count() if store is None else store.get_or_set(_unread_key(user.pk), count, UNREAD_SECONDS)
    )


def mark_read(user, notifications: Iterable[Notification]) -> int:
    ids = [n.pk for n in notifications if n.read_at is None]
    if not ids:
        return 0
    marked = Notification.objects.filter(user=user, pk__in=ids).update(read_at=timezone.now())
    _counts_changed([user.pk])
    return marked


def forget(user) -> None:
    Notification.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    _counts_changed([user.pk])

"""Following: a member follows a challenge, a phase, a member, a case, a series...

The apps register what can be followed (``register``) in their ``AppConfig.ready()``,
each under a short Dutch key that appears in the follow form's URL
(``/community/volgen/uitdaging/12/``) and a label for the follow list. A follow is one
``Follow`` row; ``followers`` answers "who follows any of these" in one query, which is
what the notifications build on.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from cocreatie.core.models import Follow


@dataclass(frozen=True)
class Followable:
    key: str  # in URLs: "uitdaging", "fase", "lid", ...
    model: type
    label: str  # "Uitdaging"
    plural: str  # "Uitdagingen", the heading on the follow list
    # What may be followed: the public ones (a published challenge, a listed profile).
    queryset: Callable
    order: int = 0


_registry: dict[str, Followable] = {}


def register(model, *, key: str, label: str, plural: str, queryset=None, order: int = 0):
    _registry[key] = Followable(
        key=key, model=model, label=label, plural=plural, order=order,
        queryset=queryset or (lambda: model._default_manager.all()),
    )  # fmt: skip


def followables() -> list[Followable]:
    return sorted(_registry.values(), key=lambda item: (item.order, item.key))


def keys() -> list[str]:
    return list(_registry)


def followable_for(obj) -> Followable | None:
    model = type(obj)
    return next((item for item in _registry.values() if item.model is model), None)


def key_of(obj) -> str:
    followable = followable_for(obj)
    if followable is None:
        raise ValueError(f"{type(obj).__name__} cannot be followed.")
    return followable.key


def label_of(obj) -> str:
    """ "Uitdaging: Draagvlak": how a followed thing is named in lists and digests."""
    followable = followable_for(obj)
    return f"{followable.label}: {obj}" if followable else str(obj)


def target(key: str, pk: int):
    """The followable ``key`` with this pk, if it may be followed; else None."""
    followable = _registry.get(key)
    if followable is None:
        return None
    return followable.queryset().filter(pk=pk).first()


def _ct(obj_or_model) -> ContentType:
    return ContentType.objects.get_for_model(obj_or_model, for_concrete_model=False)


def follow(*, user, obj) -> Follow:
    """Follow ``obj`` (idempotent: following twice is one follow)."""
    key_of(obj)  # only what is registered
    content_type = _ct(obj)
    try:
        with transaction.atomic():
            follow, _ = Follow.objects.get_or_create(
                user=user, content_type=content_type, object_id=obj.pk
            )
    except IntegrityError:  # a double click in two requests at once
        follow = Follow.objects.get(user=user, content_type=content_type, object_id=obj.pk)
    return follow


def unfollow(*, user, obj) -> bool:
    deleted, _ = Follow.objects.filter(user=user, content_type=_ct(obj), object_id=obj.pk).delete()
    return bool(deleted)


def is_following(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, content_type=_ct(obj), object_id=obj.pk).exists()


def with_followed(queryset, user, name: str = "followed_by_me"):
    """``queryset`` with ``name`` on each object: whether ``user`` follows it, read in the
    same query (for ``{% follow_button obj following=obj.followed_by_me %}``). For a
    visitor the queryset is returned as it is."""
    if not user.is_authenticated:
        return queryset
    follows = Follow.objects.filter(
        user=user, content_type=_ct(queryset.model), object_id=OuterRef("pk")
    )
    return queryset.annotate(**{name: Exists(follows)})


def followed_ids(user, model) -> set[int]:
    """The pks of ``model`` that ``user`` follows (for a list of follow buttons in one
    query)."""
    if not user.is_authenticated:
        return set()
    return set(
        Follow.objects.filter(user=user, content_type=_ct(model)).values_list(
            "object_id", flat=True
        )
    )


def followers(targets: Iterable) -> dict[int, object]:
    """Who follows any of ``targets``: user id → the first target (in the given order)
    they follow, which the notification names as the reason. One query."""
    targets = [obj for obj in targets if obj is not None]
    if not targets:
        return {}
    condition, order = Q(), {}
    for position, obj in enumerate(targets):
        content_type = _ct(obj)
        condition |= Q(content_type=content_type, object_id=obj.pk)
        order.setdefault((content_type.pk, obj.pk), (position, obj))
    found: dict[int, tuple[int, object]] = {}
    for user_id, content_type_id, object_id in Follow.objects.filter(condition).values_list(
        "user_id", "content_type_id", "object_id"
    ):
        position, obj = order[(content_type_id, object_id)]
        if user_id not in found or position < found[user_id][0]:
            found[user_id] = (position, obj)
    return {user_id: obj for user_id, (position, obj) in found.items()}


def follow_list(user) -> list[tuple[Followable, list]]:
    """What ``user`` follows, grouped by kind in the registry's order; one query for the
    follows plus one per kind that has any. Things that are no longer public (an
    unpublished challenge, a profile made private) are left out."""
    by_type: dict[int, list[int]] = {}
    for content_type_id, object_id in Follow.objects.filter(user=user).values_list(
        "content_type_id", "object_id"
    ):
        by_type.setdefault(content_type_id, []).append(object_id)
    groups = []
    for followable in followables():
        ids = by_type.get(_ct(followable.model).pk)
        if ids:
            items = list(followable.queryset().filter(pk__in=ids))
            if items:
                groups.append((followable, items))
    return groups


def forget(user) -> None:
    Follow.objects.filter(user=user).delete()

"""One way to say "this content changed": its search row and the page cache follow.

Apps tell the core which of their models show on public pages and in which page-cache
scopes (``register``, ``register_app``), in their ``AppConfig.ready()``. From then on
every save, delete and many-to-many change of such a model calls ``content_changed``
through Django's signals; a service that writes without them (``queryset.update()``)
calls it itself. ``content_changed`` refreshes the item's search row in the current
transaction and raises the scopes' page-cache versions once the transaction commits.
Models that are not registered (users, logs, reports) never touch the page cache.
"""

from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from cocreatie.core import pagecache, search

# model → its scopes: a tuple of names, or a callable instance → names.
_scopes: dict[type, tuple[str, ...] | Callable] = {}


def register(model, *, scopes) -> None:
    """``model``'s changes raise ``scopes`` (a tuple, or a callable instance → names)."""
    _scopes[model] = scopes
    if not callable(scopes):
        for scope in scopes:
            pagecache.known_scope(scope)


def register_app(app_label: str, *, scopes, private: Iterable[str] = ()) -> None:
    """Every model of an app, the many-to-many tables included, except ``private``
    (model names of what never shows on a public page)."""
    private = {name.lower() for name in private}
    for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
        if model._meta.model_name not in private:
            register(model, scopes=scopes)


def scopes_for(instance) -> set[str]:
    rule = _scopes.get(type(instance))
    if rule is None:
        return set()
    return set(rule(instance) if callable(rule) else rule)


def static_scopes_for(model) -> set[str]:
    """The scopes of a model as a whole (every known scope when they depend on the row)."""
    rule = _scopes.get(model)
    if rule is None:
        return set()
    return {pagecache.SITE} if callable(rule) else set(rule)


def content_changed(instance, *, deleted: bool = False) -> None:
    """``instance`` was saved, changed in place or deleted: refresh its search row (and
    that of the item it belongs to) now, and the cached pages that show it on commit."""
    if deleted:
        search.index_remove(instance)
    else:
        search.index_refresh(instance)
    pagecache.schedule_bump(scopes_for(instance))


def bulk_changed(instances) -> None:
    """``content_changed`` for rows saved with ``bulk_create`` or ``bulk_update``, which
    send no signal: the cached pages of all of them refreshed with one bump."""
    scopes = set()
    for instance in instances:
        search.index_refresh(instance)
        scopes |= scopes_for(instance)
    pagecache.schedule_bump(scopes)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        content_changed(instance)


def _deleted(sender, instance, **kwargs):
    content_changed(instance, deleted=True)


def _m2m_changed(sender, instance, action, reverse=False, model=None, pk_set=None, **kwargs):
    if action.startswith("post_"):
        # Phases and tags are part of a search row: refresh the items on both sides.
        search.index_refresh(instance)
        if pk_set and model is not None and search.is_registered(model):
            for item in model.objects.filter(pk__in=pk_set):
                search.index_refresh(item)
        pagecache.schedule_bump(scopes_for(instance) | static_scopes_for(sender))


def connect_signals() -> None:
    post_save.connect(_saved, dispatch_uid="core-content-saved")
    post_delete.connect(_deleted, dispatch_uid="core-content-deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="core-content-m2m")

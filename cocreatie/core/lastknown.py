"""Figures that take long to work out and change only with content, kept as last known.

The related cases of a knowledge page rank every published case that shares a phase,
challenge or tag with it: at 95,000 cases that is a few hundred milliseconds, and it
changes only when content does. Such a figure is registered here with the page-cache
scopes it depends on (``cocreatie.core.pagecache``) and read with ``last_known()``:

- stored under the scopes' current versions: it is returned as it is;
- stored under older versions (content changed since): the last value is returned,
  marked as not current, and a task works it out again, once per change however many
  readers come first; should the task not have done so after ``RETRY_SECONDS`` (no
  worker running), the next reader works it out itself;
- never stored (or evicted): it is worked out on the spot and stored.

So after a change no reader waits for the work. What a reader gets may be a moment old;
whatever it names must therefore be read again through the rules that decide what is
shown (a case hidden in the meantime drops out, it is not shown from the stored value).
Values must be picklable and small: pks and counts, never objects or HTML.
"""

import hashlib
import time
from collections.abc import Callable
from functools import partial

from django.db import transaction
from django_tasks import task

from cocreatie.core import pagecache

SECONDS = 7 * 24 * 60 * 60
# When the task asked for after a change has not stored the figure within this many
# seconds, the next reader works it out on the spot (once).
RETRY_SECONDS = 10

_registered: dict[str, tuple[Callable, tuple[str, ...]]] = {}


def register(name: str, *, scopes: tuple[str, ...]):
    """Decorate ``function(*args)`` as the figure ``name``, depending on ``scopes``;
    its arguments must be plain values (they travel to the task)."""

    def decorate(function):
        _registered[name] = (function, tuple(scopes))
        return function

    return decorate


def _key(name: str, args) -> str:
    named = "\x1f".join(map(str, (name, *args)))
    return f"lastknown:{hashlib.sha256(named.encode()).hexdigest()[:40]}"


def last_known(name: str, *args) -> tuple[object, bool]:
    """(the figure ``name`` for ``args``, whether it is current). Not current: the last
    one, while a task works it out again; a page that shows it must not be kept in the
    page cache (``pagecache.keep_out``), or it would stay stale after the task ran."""
    function, scopes = _registered[name]
    key = _key(name, args)
    current, entry = pagecache.read_with_versions(key, scopes)
    if entry is not None:
        stored_under, value = entry
        if stored_under == current:
            return value, True
        asked = f"{key}:asked:{'-'.join(map(str, current))}"
        if pagecache.store().add(asked, time.time(), SECONDS):
            transaction.on_commit(partial(work_out.enqueue, name, list(args)))
            return value, False
        asked_at = pagecache.store().get(asked)
        if (
            asked_at is None
            or time.time() - asked_at < RETRY_SECONDS
            or not pagecache.store().add(f"{asked}:here", True, RETRY_SECONDS)
        ):
            return value, False
        # The task has not come (no worker running, or a long queue): one reader works
        # it out, so a figure is never stale for much longer than this.
    value = function(*args)
    pagecache.store().set(key, (current, value), SECONDS)
    return value, True


@task()
def work_out(name: str, args: list) -> None:
    """Work out the figure again and store it under the versions read before the work
    began: a change during the work leaves it stale, so it is worked out once more."""
    function, scopes = _registered[name]
    key = _key(name, args)
    current, _entry = pagecache.read_with_versions(key, scopes)
    pagecache.store().set(key, (current, function(*args)), SECONDS)

"""What the apps hold about one member, for the member's own download and for deleting
the account. Apps register in ``AppConfig.ready()``; the account pages ask here, so they
need not know which apps there are."""

from collections.abc import Callable

_exporters: list[Callable] = []
_forgetters: list[Callable] = []


def register(*, export: Callable, forget: Callable) -> None:
    """``export(*, user) -> {key: data}`` adds to the download; ``forget(*, user)`` runs just
    before the account is deleted."""
    if export not in _exporters:
        _exporters.append(export)
    if forget not in _forgetters:
        _forgetters.append(forget)


def export(user) -> dict:
    data = {}
    for exporter in _exporters:
        data.update(exporter(user=user))
    return data


def forget(user) -> None:
    for forgetter in _forgetters:
        forgetter(user=user)

"""Shared pieces of the per-app access matrices (who may open which URL)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class Row:
    """One URL (with arguments made from the test's world) and the answer per role.
    An expected answer is a status code, "login": sent to the log-in page, or "2fa": sent
    to set up two-factor authentication first."""

    url_name: str
    kwargs: callable
    expected: dict
    method: str = "get"
    # A dict, or a function that makes one (for data that depends on today's date).
    data: "dict | Callable[[], dict]" = field(default_factory=dict)
    label: str = ""

    @property
    def id(self):
        return f"{self.url_name}{'-' + self.label if self.label else ''}"


def open_as(client, world, row: Row, role: str):
    if role != "anonymous":
        client.force_login(world[role])
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    data = row.data() if callable(row.data) else row.data
    return url, getattr(client, row.method)(url, data)


def assert_answer(response, expected, where: str) -> None:
    login = reverse("account_login")
    if expected == "2fa":
        assert response.status_code == 302, where
        assert response["Location"] == reverse("mfa_activate_totp"), where
    elif expected == "login":
        assert response.status_code == 302, where
        assert response["Location"].startswith(login), where
    else:
        assert response.status_code == expected, where
        if expected == 302:
            assert not response["Location"].startswith(login), where

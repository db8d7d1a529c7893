"""Shared pieces of the per-app access matrices (who may open which URL)."""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class Row:
    """One URL (with arguments made from the test's world) and the answer per role.
    An expected answer is a status code, or "login": sent to the log-in page."""

    url_name: str
    kwargs: callable
    expected: dict
    method: str = "get"
    data: dict = field(default_factory=dict)
    label: str = ""

    @property
    def id(self):
        return f"{self.url_name}{'-' + self.label if self.label else ''}"


def open_as(client, world, row: Row, role: str):
    if role != "anonymous":
        client.force_login(world[role])
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    return url, getattr(client, row.method)(url, row.data)


def assert_answer(response, expected, where: str) -> None:
    login = reverse("account_login")
    if expected == "login":
        assert response.status_code == 302, where
        assert response["Location"].startswith(login), where
    else:
        assert response.status_code == expected, where
        if expected == 302:
            assert not response["Location"].startswith(login), where

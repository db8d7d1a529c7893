import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.community.factories import AdminFactory, UserFactory

ROLES = ("anonymous", "member", "admin")


@pytest.fixture(scope="session", autouse=True)
def database_before_the_live_server(django_db_setup, django_db_blocker):
    """The test database is made before, and so removed after, every other session
    fixture: the live server's thread keeps a connection to it until it stops, and a
    database with a connection cannot be dropped (PostgreSQL). A connection some other
    thread or process left open is ended before the database is removed."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    # Seen: one idle connection after a ROLLBACK, from a thread of a concurrency test.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return AdminFactory()


@pytest.fixture
def client_as(client, db):
    """``client_as(role)``: a test client logged in as a fresh user with that role."""

    def make(role):
        if role == "member":
            client.force_login(UserFactory())
        elif role == "admin":
            admin = AdminFactory()
            TOTP.activate(admin, generate_totp_secret())
            client.force_login(admin)
        elif role != "anonymous":
            raise ValueError(f"unknown role {role!r}")
        return client

    return make


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"


@pytest.fixture(autouse=True)
def rate_counts_purged_only_when_asked(monkeypatch):
    """About one rate-limited request in 500 also removes the counts of ended windows:
    one statement more, at random. Tests count statements, so the purge happens only
    where a test asks for it (``tests/test_rate_limit.py``)."""
    from cocreatie.core import ratelimit

    monkeypatch.setattr(ratelimit, "PURGE_ONE_IN", 10**9)


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: a request under /en/ leaves English
    active in the test's thread, which would otherwise reach the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def mails_in_plain_dutch(request):
    """Every mail any test sends is read for the words of ``tests/plain_language.txt``:
    the subject and the text, without what a test typed in as a member
    (``@pytest.mark.member_text("…")`` names those words)."""
    yield
    from django.core import mail

    from tests.plain_language import find_jargon

    outbox = getattr(mail, "outbox", [])

    allowed = {
        word.lower() for marker in request.node.iter_markers("member_text") for word in marker.args
    }
    found = [
        f"{message.subject!r}: {word}"
        for message in outbox
        for word in find_jargon(f"{message.subject}\n{message.body}")
        if word.split("'")[1].lower() not in allowed
    ]
    assert not found, "mail not in plain Dutch:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def shared_cache_left_empty(request):
    """A test whose writes are committed (``transaction=True``, a live server) also
    commits what it put in the database caches, which no rollback or flush removes: the
    copies of pages, the counts and versions. They are cleared after it, before its
    database goes, so that the next test starts from an empty cache as from empty tables."""
    marker = request.node.get_closest_marker("django_db")
    committed = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if committed:
        request.getfixturevalue("_django_db_helper")  # torn down after this fixture
    yield
    if committed:
        from django.conf import settings
        from django.core.cache import caches

        for alias in settings.CACHES:
            caches[alias].clear()

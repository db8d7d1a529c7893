"""Reads for visitors from a read replica (cocreatie.core.replica).

The first tests check the rules on their own. The others need a real PostgreSQL
streaming standby of the test server, named by ``DATABASE_REPLICA_URL``: ``.ci/run``
starts one with ``pg_basebackup -R`` and runs this file against it. They pause the
standby's replay, so that what the replica has not seen yet shows which database a page
read from.
"""

import re
import time

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from cocreatie.core import replica
from sessions_app import services
from sessions_app.models import Seat
from tests.community.factories import CaseFactory, VerifiedUserFactory
from tests.sessions.factories import SessionFactory

# --- The rules --------------------------------------------------------------------------


def read_alias_during(request, *, in_transaction=False):
    """Which database a read goes to while the middleware handles ``request``."""
    seen = {}

    def view(request):
        if in_transaction:
            with transaction.atomic():
                seen["alias"] = replica.ReplicaRouter().db_for_read(None)
        else:
            seen["alias"] = replica.ReplicaRouter().db_for_read(None)
        return HttpResponse("ok")

    response = replica.ReplicaMiddleware(view)(request)
    return seen["alias"], response


@pytest.mark.django_db(transaction=True)  # no test transaction around the request
def test_a_visitors_get_reads_from_the_replica_and_nothing_else_does():
    factory = RequestFactory()
    assert read_alias_during(factory.get("/community/"))[0] == replica.REPLICA
    assert read_alias_during(factory.head("/community/"))[0] == replica.REPLICA

    logged_in = factory.get("/community/")
    logged_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    just_wrote = factory.get("/community/")
    just_wrote.COOKIES[replica.STICKY_COOKIE] = "1"
    with_message = factory.get("/community/")
    with_message.COOKIES["messages"] = "x"
    for request in (logged_in, just_wrote, with_message, factory.post("/contact/")):
        assert read_alias_during(request)[0] == DEFAULT_DB_ALIAS, request
    # A transaction (and so every lock) reads the primary, also for a visitor.
    assert read_alias_during(factory.get("/"), in_transaction=True)[0] == DEFAULT_DB_ALIAS
    # Outside a request (tasks, commands): the primary.
    assert replica.ReplicaRouter().db_for_read(None) == DEFAULT_DB_ALIAS


def test_every_write_and_migration_goes_to_the_primary():
    router = replica.ReplicaRouter()
    read_there = type("Read", (), {"_state": type("State", (), {"db": replica.REPLICA})()})()
    assert router.db_for_write(None, instance=read_there) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "community")
    assert not router.allow_migrate(replica.REPLICA, "community")


def test_after_a_form_the_visitor_reads_from_the_primary_for_a_while():
    _, response = read_alias_during(RequestFactory().post("/sessies/x/aanmelden/"))
    cookie = response.cookies[replica.STICKY_COOKIE]
    assert cookie["max-age"] == replica.STICKY_SECONDS
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    _, after_get = read_alias_during(RequestFactory().get("/"))
    assert replica.STICKY_COOKIE not in after_get.cookies


# --- Against a real standby -------------------------------------------------------------

with_standby = pytest.mark.skipif(
    replica.REPLICA not in settings.DATABASES,
    reason="needs a streaming standby in DATABASE_REPLICA_URL (.ci/run starts one)",
)
live = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, replica.REPLICA])


@pytest.fixture
def standby(django_db_blocker):
    """The replica connection pointed at the standby's copy of the test database (in
    tests it mirrors the primary), with replay running again afterwards."""
    connection = connections[replica.REPLICA]
    mirrored = connection.settings_dict
    configured = settings.DATABASES[replica.REPLICA]
    connection.close()
    connection.settings_dict = {
        **mirrored,
        **{key: configured[key] for key in ("HOST", "PORT", "USER", "PASSWORD")},
        "TEST": {**mirrored.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS},  # never flushed
    }
    caught_up()
    yield connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_resume()")
    connection.close()
    connection.settings_dict = mirrored


def caught_up(timeout=10.0):
    """Wait until the standby has replayed everything the primary has written."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        [lsn] = cursor.fetchone()
    deadline = time.monotonic() + timeout
    with connections[replica.REPLICA].cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0", [lsn])
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the standby did not catch up"
            time.sleep(0.02)


def pause_replay():
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")


def availability(response) -> str:
    return re.search(r'class="availability">(.*?)</dd>', response.content.decode()).group(1)


@with_standby
@live
def test_the_standby_is_a_read_only_copy(standby):
    with standby.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is False


@with_standby
@live
def test_a_visitor_reads_what_the_replica_has(client, standby):
    shown = CaseFactory(status="published", title="Al gerepliceerd")
    caught_up()
    pause_replay()
    newer = CaseFactory(status="published", title="Nog niet op de kopie")

    assert "Al gerepliceerd" in client.get(shown.get_absolute_url()).content.decode()
    assert client.get(newer.get_absolute_url()).status_code == 404  # not replayed yet

    with standby.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_resume()")
    caught_up()
    assert client.get(newer.get_absolute_url()).status_code == 200


@with_standby
@live
def test_who_just_registered_sees_their_seat_and_others_see_the_copy(client, standby):
    session = SessionFactory(capacity=3)
    series = session.series
    caught_up()
    pause_replay()
    visitor = client.get(series.get_absolute_url())
    before = availability(visitor)

    response = client.post(
        reverse("sessions:register", args=[series.slug]),
        {
            "sessions": [session.pk],
            "name": "Lotte Jansen",
            "email": "lotte@gemeente.example",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert replica.STICKY_COOKIE in response.cookies

    after = availability(client.get(series.get_absolute_url()))  # from the primary
    client.cookies.pop(replica.STICKY_COOKIE)
    elsewhere = availability(client.get(series.get_absolute_url()))  # from the copy
    assert after != before and elsewhere == before


@with_standby
@live
def test_a_member_reads_from_the_primary(client, standby):
    member = VerifiedUserFactory()
    caught_up()
    pause_replay()
    CaseFactory(author=member, status="draft", title="Mijn nieuwe concept")
    client.force_login(member)

    page = client.get(reverse("community:my_cases")).content.decode()

    assert "Mijn nieuwe concept" in page


@with_standby
@live
def test_a_registration_counts_the_seats_on_the_primary_never_on_the_copy(client, standby):
    """The copy still shows the last place free; the primary knows it is taken: the new
    registration goes on the waiting list."""
    session = SessionFactory(capacity=1)
    caught_up()
    pause_replay()
    services.registration_create(
        series=session.series, sessions=[session], name="Eerste", email="een@gemeente.example"
    )
    assert "1 plaats" in availability(client.get(session.series.get_absolute_url()))  # copy

    client.post(
        reverse("sessions:register", args=[session.series.slug]),
        {
            "sessions": [session.pk],
            "name": "Tweede",
            "email": "twee@gemeente.example",
            "consent": "on",
            "website": "",
        },
    )

    seat = Seat.objects.using(DEFAULT_DB_ALIAS).get(registration__email="twee@gemeente.example")
    assert seat.status == Seat.Status.WAITING
    assert Seat.objects.using(DEFAULT_DB_ALIAS).filter(status=Seat.Status.CONFIRMED).count() == 1

"""With REDIS_URL set, app servers share one Redis cache: a page one server cached is
served by another, and a change made through either is seen by both.

Needs a redis-server binary (Debian's redis-server, which .ci/run installs); the test
starts its own throwaway server on a free port.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
REDIS = shutil.which("redis-server")

pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed")


@pytest.fixture
def redis_url():
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - a fixed binary with fixed arguments
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def app_server(redis_url, tmp_path, script):
    """One 'app server': a separate process with production-like settings."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cocreatie.settings",
        "DEBUG": "true",
        "REDIS_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PAGE_CACHE_SECONDS": "300",
        "ALLOWED_HOSTS": "testserver",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    prelude = "import django\ndjango.setup()\nfrom django.test import Client\n"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", prelude + script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_two_app_servers_share_pages_and_invalidation_through_redis(redis_url, tmp_path):
    app_server(redis_url, tmp_path, "from django.core.management import call_command\n"
               "call_command('migrate', verbosity=0)\n"
               "from roadmap.models import Challenge\n"
               "Challenge.objects.create(number=1, title='Eerste versie', slug='c',"
               " summary='s', body='b', is_published=True)\n")  # fmt: skip
    fetch = "r = Client().get('/uitdagingen/')\nprint(r['X-Page-Cache'], 'Eerste' in r.text)\n"

    assert app_server(redis_url, tmp_path, fetch) == ["miss", "True"]
    assert app_server(redis_url, tmp_path, fetch) == ["hit", "True"]  # the other server's copy

    edit = "from roadmap.models import Challenge\nc = Challenge.objects.get(slug='c')\n"
    app_server(redis_url, tmp_path, edit + "c.title = 'Tweede versie'\nc.save()\n")
    changed = "r = Client().get('/uitdagingen/')\nprint(r['X-Page-Cache'], 'Tweede' in r.text)\n"
    assert app_server(redis_url, tmp_path, changed) == ["miss", "True"]


def test_a_logged_in_page_reads_its_session_from_redis_not_the_database(redis_url, tmp_path):
    app_server(redis_url, tmp_path, "from django.core.management import call_command\n"
               "call_command('migrate', verbosity=0)\n"
               "from community.models import User\n"
               "User.objects.create_user(email='lid@gemeente.example')\n")  # fmt: skip
    script = (
        "from django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from community.models import User\n"
        "client = Client()\n"
        "client.force_login(User.objects.get(email='lid@gemeente.example'))\n"
        "with CaptureQueriesContext(connection) as queries:\n"
        "    r = client.get('/community/mijn-verhalen/')\n"
        "print(r.status_code, sum('django_session' in q['sql'] for q in queries))\n"
        "client.logout()\n"
        "print(client.get('/community/mijn-verhalen/').status_code)\n"
    )

    assert app_server(redis_url, tmp_path, script) == ["200", "0", "302"]

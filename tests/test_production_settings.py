"""Production mode (DEBUG off) as an operator meets it, each case in a fresh process.

Settings are read once at start-up, so every case starts its own Python process with
its own environment. Empty values count as unset, which also hides a developer's .env.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocreatie.settings import DEVELOPMENT_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3Y-" + "x9Qm7-Lp2Zr8tW4vN6bC1dF5gH0jK" * 2


def run(args, tmp_path, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cocreatie.settings",
        "DEBUG": "false",
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "cocreatie.example.nl",
        "CONTACT_EMAIL": "contact@cocreatie.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_HOST": "",
        "STATIC_ROOT": str(tmp_path / "static"),
        **env,
    }
    # Set for the browser tests in this process; production must never have it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": DEVELOPMENT_SECRET_KEY}, "SECRET_KEY is a default or weak key"),
        ({"SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 6}, "default or weak key"),
        ({"SECRET_KEY": "too-short-but-random-9f8e7d"}, "default or weak key"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({"CONTACT_EMAIL": ""}, "CONTACT_EMAIL must be set"),
        (
            {"CONTACT_EMAIL": "noreply@cocreatie.example.nl"},
            "not the sender address",
        ),
    ],
)
def test_production_refuses_to_start_without_real_secrets(tmp_path, env, message):
    result = run(["manage.py", "check"], tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_plain_http_to_https_except_the_health_check(tmp_path):
    script = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)
from django.test import Client
client = Client(HTTP_HOST="cocreatie.example.nl")
home = client.get("/")
print(home.status_code, home["Location"])
print(client.get("/healthz").status_code)
print(client.get("/", HTTP_HOST="evil.example").status_code)
"""
    result = run(["-c", script], tmp_path)

    assert result.returncode == 0, result.stderr
    home, health, evil = result.stdout.splitlines()
    assert home == "301 https://cocreatie.example.nl/"
    assert health == "200"
    assert evil == "400"


def test_production_settings_mark_cookies_secure_and_set_hsts(tmp_path):
    script = """
import django
django.setup()
from django.conf import settings as s
print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)
print(s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)
print(s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.SECURE_CROSS_ORIGIN_OPENER_POLICY)
print(s.STORAGES["staticfiles"]["BACKEND"])
"""
    result = run(["-c", script], tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "True True True",
        "True True",
        "DENY strict-origin-when-cross-origin same-origin",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////nonexistent-directory/cocreatie.sqlite3",
        "postgres://nobody@127.0.0.1:1/cocreatie?connect_timeout=2",
    ],
    ids=["sqlite-missing-file", "postgres-closed-port"],
)
def test_health_check_answers_503_when_the_database_is_unreachable(tmp_path, database_url):
    script = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="cocreatie.example.nl").get("/healthz")
print(response.status_code, response.content.decode().strip())
"""
    result = run(["-c", script], tmp_path, DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "503 database unreachable"


OLD_KEY = "oLd-" + "m4Nq8-Xs3Yt7uV1wB5cD9eF2gH6jK0" * 2


def test_a_rotated_secret_key_still_accepts_what_the_old_one_signed(tmp_path):
    """A new SECRET_KEY with the old one in SECRET_KEY_FALLBACKS: sessions and links
    signed before stay valid; without the fallback they do not (deploy/RUNBOOK.md)."""
    sign = "import django; django.setup(); from django.core import signing; "
    signed = run(["-c", sign + "print(signing.dumps('lid-42'))"], tmp_path, SECRET_KEY=OLD_KEY)
    assert signed.returncode == 0, signed.stderr
    check = sign + f"print(signing.loads({signed.stdout.strip()!r}))"

    rotated = run(["-c", check], tmp_path, SECRET_KEY_FALLBACKS=OLD_KEY)
    forgotten = run(["-c", check], tmp_path)

    assert (rotated.returncode, rotated.stdout.strip()) == (0, "lid-42"), rotated.stderr
    assert forgotten.returncode != 0
    assert "BadSignature" in forgotten.stderr


def test_production_refuses_a_weak_fallback_key(tmp_path):
    result = run(["manage.py", "check"], tmp_path, SECRET_KEY_FALLBACKS=f"{OLD_KEY},kort")

    assert result.returncode != 0
    assert "A key in SECRET_KEY_FALLBACKS is a default or weak key" in result.stderr

"""A task worker is a process of its own: it must know every last-known figure that a
request may ask it to work out (cocreatie.core.lastknown)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import django
django.setup()
from cocreatie.core import lastknown
print(" ".join(sorted(lastknown._registered)))
"""


def test_a_fresh_process_knows_every_figure_a_page_asks_for():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cocreatie.settings", "DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["peer_cases", "published_cases"]

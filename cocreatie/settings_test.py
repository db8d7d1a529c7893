"""Settings for the test suite: the development defaults, plus fast password hashing.

``DATABASE_URL`` still comes from the environment, so the same suite runs on SQLite
(the default) and on PostgreSQL.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")

from cocreatie.settings import *  # noqa: E402, F403
from cocreatie.settings import STORAGES  # noqa: E402

# Uploads of the test run go to a fresh folder that is removed afterwards, never to the
# developer's var/media/ or a bucket named in their .env.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cocreatie-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Query-count and behaviour tests measure the pages themselves; the whole-page cache
# for anonymous visitors has its own tests (tests/test_page_cache.py) that turn it on.
PAGE_CACHE_SECONDS = 0

"""Settings for the test suite: the development defaults, plus fast password hashing.

``DATABASE_URL`` still comes from the environment, so the same suite runs on SQLite
(the default) and on PostgreSQL.
"""

import os

os.environ.setdefault("DEBUG", "true")

from cocreatie.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Query-count and behaviour tests measure the pages themselves; the whole-page cache
# for anonymous visitors has its own tests (tests/test_page_cache.py) that turn it on.
PAGE_CACHE_SECONDS = 0

"""Settings for the test suite: the development defaults, plus fast password hashing.

``DATABASE_URL`` still comes from the environment, so the same suite runs on SQLite
(the default) and on PostgreSQL.
"""

import os

os.environ.setdefault("DEBUG", "true")

from cocreatie.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

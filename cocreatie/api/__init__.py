"""The read-only open data API at /api/v1/: the public content of every app as JSON.

Part of the site layer, because it reads every app. It shows only what the public pages
show, through the apps' own published/visible querysets, and never a personal field (no
e-mail address, no meeting link, nobody who registered). The OpenAPI document comes from
the schemas (``schemas.py``); the reference page renders that document in the site's own
layout (``reference.py``).
"""

# The version of the API (REST API Design Rules: in the API-Version header and the
# OpenAPI document; the major version is in the path).
VERSION = "1.0.0"

"""How log-in attempts are limited, so that guessing is slow and the owner is never
locked out.

- Per address (IP): allauth's own limit, ``ACCOUNT_RATE_LIMITS["login_failed"]``.
- Per account: after ``FREE_FAILURES`` wrong passwords every further attempt has to wait
  a little longer (one minute, two, four ... at most an hour) — from addresses that never
  logged in to this account. An address that did (the owner's office, their home) is
  never slowed down by failures from elsewhere, so nobody can lock an owner out by
  typing wrong passwords for their address.

Everything lives in the default cache, which nothing else can flush (see settings).
"""

import hashlib
import time

from django.core.cache import cache

from cocreatie.core.ratelimit import client_ip

FREE_FAILURES = 5
FIRST_DELAY = 60
MAX_DELAY = 60 * 60
# An address that logged in once is remembered this long.
KNOWN_FOR = 90 * 24 * 60 * 60
FAILURES_FOR = 24 * 60 * 60


def _digest(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()[:32]


def _failures_key(login: str) -> str:
    return f"login-failures:{_digest(login)}"


def _known_key(login: str, request) -> str:
    return f"login-known:{_digest(login)}:{_digest(client_ip(request))}"


def delay(failures: int) -> int:
    """Seconds to wait after the last failure, for this many failures in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)


def now() -> float:
    return time.time()


def may_try(request, login: str) -> bool:
    """Whether an attempt for ``login`` from this address may be checked now."""
    if not login or cache.get(_known_key(login, request)):
        return True
    failures, last = cache.get(_failures_key(login), (0, 0.0))
    return now() >= last + delay(failures)


def failed(request, login: str) -> None:
    if not login:
        return
    failures, _ = cache.get(_failures_key(login), (0, 0.0))
    cache.set(_failures_key(login), (failures + 1, now()), FAILURES_FOR)


def succeeded(request, login: str) -> None:
    """The right password (and second step): this address is the owner's from now on."""
    if not login:
        return
    cache.delete(_failures_key(login))
    cache.set(_known_key(login, request), True, KNOWN_FOR)

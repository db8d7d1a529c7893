"""A small fixed-window rate limit per client address, kept in the shared cache so
that every app server counts the same hits."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def client_ip(request) -> str:
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` proxies the address is read
    from X-Forwarded-For, counting from the right, so a visitor cannot forge it."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, scope: str, *, limit: int, period: int) -> bool:
    """Count one attempt from the visitor's address; False once more than ``limit`` were
    made in this window of ``period`` seconds."""
    return allow(f"{scope}:{client_ip(request)}", limit=limit, period=period)


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one use of ``key`` (an address, a recipient); False once more than
    ``limit`` were counted in this window of ``period`` seconds. The key is hashed: no
    address is stored in the cache."""
    if settings.BENCH_RELAXED_LIMITS:
        return True
    window = int(timezone.now().timestamp()) // period
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{digest}:{period}:{window}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count <= limit

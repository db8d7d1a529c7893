"""The OpenID Connect identity providers of single sign-on, read from the environment.

One provider needs two settings::

    OIDC_ISSUER_URL=https://login.gemeente.example
    OIDC_CLIENT=<client id>:<client secret>

with, optionally, ``OIDC_LABEL`` (the button says "Inloggen met <label>"),
``OIDC_ALLOWED_DOMAINS`` (comma-separated; empty: every domain), ``OIDC_MFA_VALUES``
(the ``amr`` values that count as two-factor authentication; default ``mfa``) and
``OIDC_ID`` (the name in the addresses, default ``sso``). Several providers: a JSON list
in ``OIDC_PROVIDERS`` with, per provider, ``id``, ``issuer``, ``client_id``, ``secret``
and the optional ``label``, ``allowed_domains`` and ``mfa_values``.

The result is allauth's list of apps for its ``openid_connect`` provider.
"""

import json
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from cocreatie import env

DEFAULT_ID = "sso"
DEFAULT_LABEL = "je organisatie"
DEFAULT_MFA_VALUES = ("mfa",)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _issuer(value: str, where: str) -> str:
    parts = urlsplit(value)
    local = parts.hostname in LOCAL_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ImproperlyConfigured(f"{where} must be an https:// address, got {value!r}.")
    if not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{where} must be the issuer's address, got {value!r}.")
    return value.rstrip("/")


def _list(value, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ImproperlyConfigured(f"{where} must be a list of texts.")
    return [item.strip().lower() for item in value if item.strip()]


def provider_app(
    *,
    provider_id: str,
    issuer: str,
    client_id: str,
    secret: str,
    label: str = "",
    allowed_domains=None,
    mfa_values=None,
    where: str = "OIDC_PROVIDERS",
) -> dict:
    """One identity provider as an app of allauth's ``openid_connect`` provider."""
    if not ID_PATTERN.match(provider_id or ""):
        raise ImproperlyConfigured(
            f"{where}: id must be lower-case letters, digits and dashes, got {provider_id!r}."
        )
    if not client_id or not secret:
        raise ImproperlyConfigured(f"{where}: the client id and secret are both required.")
    mfa = _list(mfa_values, f"{where} mfa_values") if mfa_values is not None else None
    return {
        "provider_id": provider_id,
        "name": label or DEFAULT_LABEL,
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": _issuer(issuer or "", f"{where} issuer"),
            # The authorisation code flow with PKCE (S256), always.
            "oauth_pkce_enabled": True,
            "allowed_domains": [
                domain.lstrip("@") for domain in _list(allowed_domains, f"{where} domains")
            ],
            "mfa_values": mfa if mfa is not None else list(DEFAULT_MFA_VALUES),
        },
    }


def providers_from_environment() -> list[dict]:
    """The providers ``OIDC_PROVIDERS`` or ``OIDC_ISSUER_URL`` + ``OIDC_CLIENT`` name,
    or none."""
    many = env.get_str("OIDC_PROVIDERS")
    issuer = env.get_str("OIDC_ISSUER_URL")
    if many and issuer:
        raise ImproperlyConfigured("Set OIDC_PROVIDERS or OIDC_ISSUER_URL, not both.")
    if issuer:
        client = env.get_str("OIDC_CLIENT", "")
        client_id, colon, secret = client.rpartition(":")
        if not colon:
            raise ImproperlyConfigured("OIDC_CLIENT must be <client id>:<client secret>.")
        return [
            provider_app(
                provider_id=env.get_str("OIDC_ID", DEFAULT_ID),
                issuer=issuer,
                client_id=client_id,
                secret=secret,
                label=env.get_str("OIDC_LABEL", ""),
                allowed_domains=env.get_str("OIDC_ALLOWED_DOMAINS"),
                mfa_values=env.get_str("OIDC_MFA_VALUES"),
                where="OIDC_ISSUER_URL",
            )
        ]
    if env.get_str("OIDC_CLIENT"):
        raise ImproperlyConfigured("OIDC_CLIENT is set without OIDC_ISSUER_URL.")
    if not many:
        return []
    try:
        entries = json.loads(many)
    except ValueError as error:
        raise ImproperlyConfigured(f"OIDC_PROVIDERS is no valid JSON: {error}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON list of objects.")
    apps = [
        provider_app(
            provider_id=entry.get("id", ""),
            issuer=entry.get("issuer", ""),
            client_id=entry.get("client_id", ""),
            secret=entry.get("secret", ""),
            label=entry.get("label", ""),
            allowed_domains=entry.get("allowed_domains"),
            mfa_values=entry.get("mfa_values"),
            where=f"OIDC_PROVIDERS[{number}]",
        )
        for number, entry in enumerate(entries)
    ]
    ids = [app["provider_id"] for app in apps]
    if len(set(ids)) != len(ids):
        raise ImproperlyConfigured("OIDC_PROVIDERS: every provider needs its own id.")
    return apps


def form_origins(apps: list[dict]) -> list[str]:
    """The origins the log-in button's form may end up at: the browser follows the
    site's redirect to the provider under the Content Security Policy's
    ``form-action``."""
    origins = []
    for app in apps:
        parts = urlsplit(app["settings"]["server_url"])
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in origins:
            origins.append(origin)
    return origins

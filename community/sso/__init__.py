"""Single sign-on through the members' own organisations (OpenID Connect).

allauth's ``openid_connect`` provider does the protocol (discovery, the authorisation
code flow with PKCE, ``state``); ``community.sso.provider`` adds the ``nonce``. What the
site decides is here and in ``community.sso.adapter``: which e-mail addresses an
identity provider may vouch for, when an existing account is linked, and when the
provider's own two-factor authentication counts as the site's.

The apps come from ``SOCIALACCOUNT_PROVIDERS`` (``cocreatie.sso_settings`` reads them
from the environment); each app's ``settings`` hold ``allowed_domains`` and
``mfa_values`` beside allauth's own.
"""

from django.conf import settings

PROVIDER = "openid_connect"
# In the session, from a log-in through single sign-on until log-out: which provider,
# and whether it asserted two-factor authentication (for which user).
SESSION_KEY = "cocreatie_sso"


def apps() -> list[dict]:
    """The configured identity providers (allauth's app dicts)."""
    providers = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}) or {}
    return list(providers.get(PROVIDER, {}).get("APPS", []))


def app_settings(provider_id: str) -> dict | None:
    for app in apps():
        if app["provider_id"] == provider_id:
            return {"name": app.get("name", ""), **app.get("settings", {})}
    return None


def domain_allowed(email: str, allowed_domains) -> bool:
    """Whether ``email`` is in one of ``allowed_domains`` (or subdomains of them); an
    empty list allows every domain."""
    if not allowed_domains:
        return True
    domain = email.rpartition("@")[2].lower()
    return any(domain == d or domain.endswith("." + d) for d in allowed_domains)


def amr_of(sociallogin) -> list[str]:
    """The authentication methods the provider's ID token names (``amr``)."""
    extra = sociallogin.account.extra_data or {}
    amr = (extra.get("id_token") or {}).get("amr") or []
    return [str(value).lower() for value in amr] if isinstance(amr, list) else []


def asserted_mfa(sociallogin) -> bool:
    """Whether the provider says this log-in took two factors: its ``amr`` holds one of
    the provider's ``mfa_values``."""
    config = app_settings(sociallogin.account.provider) or {}
    accepted = {value.lower() for value in config.get("mfa_values", ["mfa"])}
    return bool(accepted.intersection(amr_of(sociallogin)))


def remember_login(request, user, sociallogin) -> None:
    """Kept in the session at log-in: the provider (for log-out) and, for this user,
    whether it asserted two-factor authentication. Any other log-in clears it."""
    if sociallogin is None or app_settings(sociallogin.account.provider) is None:
        request.session.pop(SESSION_KEY, None)
        return
    request.session[SESSION_KEY] = {
        "provider": sociallogin.account.provider,
        "user": user.pk,
        "mfa": asserted_mfa(sociallogin),
    }


def mfa_asserted_for(request) -> bool:
    """Whether this session's user logged in through a provider that asserted
    two-factor authentication."""
    remembered = request.session.get(SESSION_KEY) or {}
    return bool(remembered.get("mfa")) and remembered.get("user") == request.user.pk


def logged_in_through(request) -> str | None:
    """The id of the provider this session logged in through, if any."""
    remembered = request.session.get(SESSION_KEY) or {}
    provider_id = remembered.get("provider")
    return provider_id if provider_id and app_settings(provider_id) is not None else None

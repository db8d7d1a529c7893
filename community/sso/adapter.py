import logging

from allauth.account.models import EmailAddress
from allauth.account.utils import filter_users_by_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, _build_apps_from_settings
from allauth.socialaccount.providers.base import AuthProcess
from django.shortcuts import redirect, render

from cocreatie.core.i18n import current_language
from community import sso

logger = logging.getLogger(__name__)

# The log-in through single sign-on that waits until the person confirms that the
# existing account with its e-mail address is theirs (community.sso.views).
PENDING_LINK_SESSION_KEY = "cocreatie_sso_link"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Log-ins through an organisation's identity provider.

    - Its e-mail address counts only when the provider vouches for it
      (``email_verified``) and it is in one of the provider's ``allowed_domains``;
      otherwise the log-in is refused, with the reason.
    - A new address makes a new member, with a verified address and a profile, like a
      sign-up.
    - An address that already has an account is never linked silently: the person first
      confirms with that account's password or with a link mailed to the address
      (``community.sso.views``)."""

    def pre_social_login(self, request, sociallogin):
        config = sso.app_settings(sociallogin.account.provider) or {}
        address = sociallogin.email_addresses[0] if sociallogin.email_addresses else None
        if address is None or not address.email:
            raise ImmediateHttpResponse(refused(request, config, "no_email"))
        if not address.verified:
            raise ImmediateHttpResponse(refused(request, config, "unverified", address.email))
        if not sso.domain_allowed(address.email, config.get("allowed_domains")):
            raise ImmediateHttpResponse(refused(request, config, "domain", address.email))
        if sociallogin.is_existing:
            return
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            return  # a logged-in member adds it to their own account
        if filter_users_by_email(address.email):
            request.session[PENDING_LINK_SESSION_KEY] = sociallogin.serialize()
            raise ImmediateHttpResponse(redirect("sso:link"))

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        """Why a log-in failed (a wrong state or nonce, an expired ID token, the provider
        unreachable) goes to the log; the person reads a plain page."""
        cause = exception.__cause__ if exception is not None else None
        logger.warning(
            "Single sign-on through %s failed: %s %r%s",
            getattr(provider, "sub_id", provider),
            error or "",
            exception,
            f" ({type(cause).__name__}: {cause})" if cause else "",
        )
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )

    def list_apps(self, request, provider=None, client_id=None):
        """The identity providers of the settings (the environment) only: never rows of
        allauth's SocialApp table, so a page without single sign-on reads nothing."""
        apps = _build_apps_from_settings(provider=provider, client_id=client_id)
        return [app for provider_apps in apps.values() for app in provider_apps]

    def save_user(self, request, sociallogin, form=None):
        from community.services import profile_ensure

        sociallogin.user.language = current_language()
        user = super().save_user(request, sociallogin, form=form)
        profile_ensure(user=user)
        return user


def refused(request, config: dict, reason: str, email: str = ""):
    """The page that says why a log-in through single sign-on was refused."""
    return render(
        request,
        "account/sso_refused.html",
        {
            "reason": reason,
            "email": email,
            "label": config.get("name", ""),
            "domains": config.get("allowed_domains", []),
        },
        status=403,
    )


def mark_verified(user, email: str) -> None:
    """The provider vouched for ``email`` and the person proved the account is theirs."""
    updated = EmailAddress.objects.filter(user=user, email__iexact=email).update(verified=True)
    if not updated:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=False)

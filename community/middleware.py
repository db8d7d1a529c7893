from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from community import sso
from community.permissions import needs_two_factor

# What a user who still has to set up two-factor authentication may open, by URL name:
# logging in and out, the set-up itself and the steps it takes (allauth asks for the
# password again first, then shows the recovery codes; it refuses while an e-mail
# address is unconfirmed, so the e-mail page and the confirmation link stay open), and
# the files machines read. Every other page sends them to the set-up first.
ALLOWED_URL_NAMES = frozenset(
    {
        # log in (with the second step) and log out
        "account_login",
        "mfa_authenticate",
        "account_logout",
        # setting up TOTP: the page, the password asked again, and where allauth goes after
        "mfa_activate_totp",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "mfa_reauthenticate",
        "mfa_index",
        # the recovery codes shown (and downloadable) right after the set-up
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_generate_recovery_codes",
        # allauth sets up no second factor while an address is unconfirmed
        "account_email",
        "account_confirm_email",
        "account_email_verification_sent",
        # files for machines, with nothing private in them
        "healthz",
        "robots_txt",
        "security_txt",
    }
)
# The kinds of second factor allauth asks for at log-in (recovery codes alone are not
# asked for, so they do not count).
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


class ModeratorMFAMiddleware:
    """Sends moderators, organisers and staff without two-factor authentication to set it
    up first, from every page but those in ``ALLOWED_URL_NAMES``. A log-in through an
    identity provider that asserted two-factor authentication counts (``community.sso``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Called once the URL is resolved, so the page is known by its name. A path that
        # resolves to nothing answers 404 and shows nothing.
        if request.resolver_match.view_name in ALLOWED_URL_NAMES or request.path.startswith(
            settings.STATIC_URL
        ):
            return None
        user = request.user
        if (
            needs_two_factor(user)
            and not is_mfa_enabled(user, SECOND_FACTORS)
            and not sso.mfa_asserted_for(request)
        ):
            messages.warning(
                request,
                _(
                    "Met jouw rol op Cocreatie log je in met twee stappen. Stel dat eerst in: "
                    "daarna kun je verder."
                ),
            )
            return redirect("mfa_activate_totp")
        return None

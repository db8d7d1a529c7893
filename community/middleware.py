from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect

from community.permissions import is_moderator

# Pages only moderators and administrators use; they need two-factor authentication.
PROTECTED_PREFIXES = ("/moderatie/", "/beheer/")


class ModeratorMFAMiddleware:
    """Sends moderators and staff without two-factor authentication to set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(PROTECTED_PREFIXES)
            and user.is_authenticated
            and (user.is_staff or is_moderator(user))
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                "Als moderator log je in met twee stappen. Stel dat eerst in: daarna kun je "
                "verder met modereren.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

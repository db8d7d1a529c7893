from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from community import login_limits


class AccountAdapter(DefaultAccountAdapter):
    """Members get a profile as soon as they sign up; mails carry the site's address;
    wrong passwords slow down guessing without locking the owner out
    (``community.login_limits``)."""

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # the limit per address
        if not login_limits.may_try(request, credentials.get("email", "")):
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials):
        login_limits.failed(request, credentials.get("email", ""))

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_limits.succeeded(request, credentials.get("email", ""))
        return user

    def save_user(self, request, user, form, commit=True):
        from community.services import profile_ensure

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def get_email_confirmation_url(self, request, emailconfirmation):
        url = super().get_email_confirmation_url(request, emailconfirmation)
        return url if request is not None else f"{settings.SITE_URL}{url}"

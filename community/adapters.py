from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Members get a profile as soon as they sign up; mails carry the site's address."""

    def save_user(self, request, user, form, commit=True):
        from community.services import profile_ensure

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def get_email_confirmation_url(self, request, emailconfirmation):
        url = super().get_email_confirmation_url(request, emailconfirmation)
        return url if request is not None else f"{settings.SITE_URL}{url}"

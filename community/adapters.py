from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from cocreatie.core.i18n import current_language
from cocreatie.core.mail import html_document
from community import login_limits


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's mail templates read of the site (``current_site``)."""

    name: str
    domain: str

    def __str__(self):
        return self.name


def site_identity() -> SiteIdentity:
    """The site by its name and the host of ``SITE_URL``, read when a mail is made
    (like ``on_site``), so that both always name the same address."""
    return SiteIdentity(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def on_site(url: str) -> str:
    """``url`` (absolute or a path) at ``SITE_URL``."""
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    return f"{settings.SITE_URL}{path}"


class AccountAdapter(DefaultAccountAdapter):
    """Members get a profile as soon as they sign up; mails carry the site's address;
    wrong passwords slow down guessing without locking the owner out
    (``community.login_limits``); a suspended member who logs in is told why and until
    when, and their suspension ends at the first log-in after its end date; a new
    member's first log-in lands on the welcome page (``community.onboarding``)."""

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

    def pre_login(self, request, user, **kwargs):
        # A suspension ends at its end date without a scheduled job: here, when the
        # member logs in. The account reopens and the log-in goes on.
        if not user.is_active:
            from community.services import member_suspension_end

            member_suspension_end(member=user)
        return super().pre_login(request, user, **kwargs)

    def respond_user_inactive(self, request, user):
        """A suspended member reads why, until when and how to object (allauth's own
        page only says that the account is inactive)."""
        from community.decisions import appeal_url
        from community.models import Decision, Profile

        profile = Profile.objects.filter(user=user).first()
        if profile is None or profile.suspended_at is None:
            return super().respond_user_inactive(request, user)
        decision = user.decisions.filter(kind=Decision.Kind.SUSPENDED).first()
        context = {
            "profile": profile,
            "decision": decision,
            "appeal_url": appeal_url(decision) if decision else "",
        }
        return render(request, "account/account_inactive.html", context)

    def save_user(self, request, user, form, commit=True):
        from community.services import profile_ensure

        user.language = current_language()  # of the sign-up page
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def get_login_redirect_url(self, request):
        """A member who has not seen the welcome page lands there, once: on the log-in
        right after confirming their address (``ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION``),
        or at their first log-in if they confirmed in another browser. A ``next``
        address in the log-in form still goes first (allauth asks this only without
        one)."""
        from community.onboarding import needs_welcome

        if request.user.is_authenticated and needs_welcome(request.user):
            return reverse("community:welcome")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # The log-in that completes a sign-up (when the confirmation link is opened)
        # asks this instead of get_login_redirect_url.
        if request.user.is_authenticated:
            return self.get_login_redirect_url(request)
        return super().get_signup_redirect_url(request)

    def get_login_stages(self):
        """allauth's, with its second step replaced by one that accepts the identity
        provider's two-factor authentication (``community.sso.stages``)."""
        return [
            "community.sso.stages.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def get_logout_redirect_url(self, request):
        """After a session that came through single sign-on: the page that offers to log
        out at the identity provider too (asked before the session ends)."""
        from community import sso

        provider_id = sso.logged_in_through(request)
        if provider_id and request.user.is_authenticated:
            return reverse("sso:logged_out", kwargs={"provider_id": provider_id})
        return super().get_logout_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Every allauth mail names the site "Cocreatie" at ``SITE_URL``, never the host
        and port the request came in on."""
        super().send_mail(template_prefix, email, {"current_site": site_identity(), **context})

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's mails (address confirmation, password reset) in two parts like
        every other mail of the site: its text, and that text as HTML in the site's
        layout (``cocreatie.core.mail``). Transactional: never an unsubscribe link."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        alternatives = getattr(message, "alternatives", None)  # None: an HTML-only mail
        if alternatives is not None and not any(m == "text/html" for _, m in alternatives):
            message.attach_alternative(html_document(message.body, message.subject), "text/html")
        return message

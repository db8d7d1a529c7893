"""Linking a log-in through single sign-on to an existing account, and the page after
log-out that offers to log out at the identity provider too."""

from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.utils import filter_users_by_email
from allauth.socialaccount.internal.flows.login import _login as socialaccount_login
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django import forms
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from community import sso
from community.adapters import on_site
from community.sso.adapter import PENDING_LINK_SESSION_KEY, mark_verified

LINK_SALT = "cocreatie.sso.link"
LINK_MAX_AGE = 60 * 60
MAILS_PER_LINK = 3
MAILS_SESSION_KEY = "cocreatie_sso_link_mails"
END_SESSION_CACHE_SECONDS = 60 * 60


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Je wachtwoord op Cocreatie"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def pending_link(request):
    """The log-in that waits for the person's confirmation, with the account it would
    be linked to; (None, None) when there is none."""
    data = request.session.get(PENDING_LINK_SESSION_KEY)
    if not data:
        return None, None
    try:
        sociallogin = SocialLogin.deserialize(data)
    except (ValueError, KeyError, TypeError):
        return None, None
    email = sociallogin.email_addresses[0].email if sociallogin.email_addresses else ""
    users = filter_users_by_email(email) if email else []
    return sociallogin, (users[0] if len(users) == 1 else None)


def link_and_log_in(request, sociallogin, user):
    """The person proved the account is theirs: the provider's account is linked to
    it, the address counts as verified, and they are logged in (with the site's second
    step when their role needs it and the provider did not assert one)."""
    request.session.pop(PENDING_LINK_SESSION_KEY, None)
    request.session.pop(MAILS_SESSION_KEY, None)
    mark_verified(user, sociallogin.email_addresses[0].email)
    sociallogin.connect(request, user)
    sociallogin._did_authenticate_by_email = None  # linked, not by the address alone
    return socialaccount_login(request, sociallogin)


class LinkView(View):
    """ "There already is an account with this address": confirm with its password, or
    with a link mailed to the address."""

    template_name = "account/sso_link.html"

    def dispatch(self, request, *args, **kwargs):
        self.sociallogin, self.user = pending_link(request)
        if self.sociallogin is None or self.user is None:
            request.session.pop(PENDING_LINK_SESSION_KEY, None)
            return redirect("account_login")
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        config = sso.app_settings(self.sociallogin.account.provider) or {}
        return {
            "email": self.sociallogin.email_addresses[0].email,
            "label": config.get("name", ""),
            "form": PasswordForm(),
            **extra,
        }

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        if "send_link" in request.POST:
            return self.send_link(request)
        form = PasswordForm(request.POST)
        if form.is_valid():
            email = self.sociallogin.email_addresses[0].email
            try:
                user = get_account_adapter(request).authenticate(
                    request, email=email, password=form.cleaned_data["password"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if user is not None and user.pk == self.user.pk:
                    return link_and_log_in(request, self.sociallogin, self.user)
                form.add_error("password", _("Dit wachtwoord klopt niet. Probeer het opnieuw."))
        return render(request, self.template_name, self.context(form=form), status=400)

    def send_link(self, request):
        sent = request.session.get(MAILS_SESSION_KEY, 0)
        if sent >= MAILS_PER_LINK:
            messages.warning(
                request, _("We hebben je al een paar links gestuurd. Kijk in je mailbox.")
            )
            return redirect("sso:link")
        account = self.sociallogin.account
        token = signing.dumps(
            {"user": self.user.pk, "provider": account.provider, "uid": account.uid},
            salt=LINK_SALT,
        )
        email = self.sociallogin.email_addresses[0].email
        config = sso.app_settings(account.provider) or {}
        get_account_adapter(request).send_mail(
            "account/email/sso_link",
            email,
            {
                "link_url": on_site(reverse("sso:link_confirm", kwargs={"token": token})),
                "label": config.get("name", ""),
                "email": email,
            },
        )
        request.session[MAILS_SESSION_KEY] = sent + 1
        return render(request, self.template_name, self.context(link_sent=True))


class LinkConfirmView(View):
    """The link from the mail: opened in the browser that started the log-in, it links
    the accounts after one more click (a mail scanner that opens links changes
    nothing)."""

    template_name = "account/sso_link_confirm.html"

    def dispatch(self, request, token):
        try:
            data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
        except signing.BadSignature:
            data = None
        self.sociallogin, self.user = pending_link(request)
        valid = (
            isinstance(data, dict)
            and self.sociallogin is not None
            and self.user is not None
            and data.get("user") == self.user.pk
            and data.get("provider") == self.sociallogin.account.provider
            and data.get("uid") == self.sociallogin.account.uid
        )
        if not valid:
            return render(request, self.template_name, {"valid": False})
        return super().dispatch(request, token)

    def get(self, request, token):
        config = sso.app_settings(self.sociallogin.account.provider) or {}
        context = {
            "valid": True,
            "email": self.sociallogin.email_addresses[0].email,
            "label": config.get("name", ""),
        }
        return render(request, self.template_name, context)

    def post(self, request, token):
        return link_and_log_in(request, self.sociallogin, self.user)


def end_session_url(request, provider_id: str) -> str:
    """The provider's ``end_session_endpoint`` (from its discovery document), with this
    site's client id and the home page to come back to; "" when it has none."""
    app = next(a for a in sso.apps() if a["provider_id"] == provider_id)
    key = f"sso:end_session:{provider_id}"
    endpoint = cache.get(key)
    if endpoint is None:
        try:
            config = OpenIDConnectOAuth2Adapter(request, provider_id).openid_config
        except Exception:  # noqa: BLE001 - the page works without the offer
            return ""
        endpoint = config.get("end_session_endpoint") or ""
        parts = urlsplit(endpoint)
        issuer = urlsplit(app["settings"]["server_url"])
        if parts.scheme not in ("https", issuer.scheme) or not parts.netloc:
            endpoint = ""
        cache.set(key, endpoint, END_SESSION_CACHE_SECONDS)
    if not endpoint:
        return ""
    query = urlencode(
        {"client_id": app["client_id"], "post_logout_redirect_uri": on_site(reverse("home"))}
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def logged_out(request, provider_id):
    """After log-out from a session that came through single sign-on: the person may
    still be logged in at their organisation; a button logs them out there too."""
    config = sso.app_settings(provider_id)
    if config is None:
        raise Http404
    context = {"label": config["name"], "end_session_url": end_session_url(request, provider_id)}
    return render(request, "account/sso_logged_out.html", context)

"""allauth's OpenID Connect provider with a ``nonce``: sent with every authorisation
request, kept in the session under the request's ``state``, and required back in the
ID token. allauth checks the ID token's issuer, audience and expiry itself."""

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect import provider as base
from allauth.utils import get_request_param
from django.utils.crypto import constant_time_compare, get_random_string

NONCES_SESSION_KEY = "cocreatie_sso_nonces"
# Log-ins started in one browser that are not finished yet (several tabs).
MAX_PENDING = 10


class OpenIDConnectProvider(base.OpenIDConnectProvider):
    # allauth's URLs and views for it.
    package = "allauth.socialaccount.providers.openid_connect"

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        self._nonce = get_random_string(43)
        auth_params["nonce"] = self._nonce
        return super().redirect(
            request, process, next_url=next_url, data=data, auth_params=auth_params, **kwargs
        )

    def stash_redirect_state(self, request, process, next_url=None, data=None, **kwargs):
        state_id = super().stash_redirect_state(request, process, next_url, data, **kwargs)
        nonce = getattr(self, "_nonce", None)
        if nonce:
            nonces = dict(request.session.get(NONCES_SESSION_KEY, {}))
            nonces[state_id] = nonce
            request.session[NONCES_SESSION_KEY] = dict(list(nonces.items())[-MAX_PENDING:])
        return state_id

    def sociallogin_from_response(self, request, response):
        id_token = response.get("id_token") if isinstance(response, dict) else None
        if not isinstance(id_token, dict):
            raise OAuth2Error("The provider sent no ID token.")
        state_id = get_request_param(request, "state") or ""
        nonces = dict(request.session.get(NONCES_SESSION_KEY, {}))
        expected = nonces.pop(state_id, None)
        request.session[NONCES_SESSION_KEY] = nonces
        if not expected or not constant_time_compare(str(id_token.get("nonce", "")), expected):
            raise OAuth2Error("The ID token's nonce is not the one this log-in sent.")
        return super().sociallogin_from_response(request, response)


provider_classes = [OpenIDConnectProvider]

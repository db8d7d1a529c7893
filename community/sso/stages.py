from allauth.mfa import stages

from community import sso


class AuthenticateStage(stages.AuthenticateStage):
    """allauth's second step at log-in, skipped when the log-in came through an identity
    provider that asserted two-factor authentication (``community.sso.asserted_mfa``)."""

    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and not isinstance(sociallogin, dict):
            if sso.asserted_mfa(sociallogin):
                return False
        return super()._should_handle(request)

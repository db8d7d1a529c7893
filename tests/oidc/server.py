"""A real OpenID Connect provider for the tests: ``provider.mjs`` (panva's
oidc-provider, installed by ``npm ci`` in this folder; ``make test`` does that) in a
Node.js process on a free port of 127.0.0.1."""

import json
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.ports import free_port

HERE = Path(__file__).resolve().parent
PASSWORD = "secret"
CLIENT_ID = "cocreatie-test"
CLIENT_SECRET = "test-client-secret-0123456789"
CALLBACK_PATH = "/account/oidc/{provider_id}/login/callback/"


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen
    accounts: dict = field(default_factory=dict)

    def app(self, provider_id="sso", label="Gemeente Voorbeeld", **settings) -> dict:
        """The provider as one app of allauth's ``openid_connect`` provider, the way
        ``cocreatie.sso_settings`` makes it from the environment."""
        from cocreatie.sso_settings import provider_app

        app = provider_app(
            provider_id=provider_id,
            issuer=self.issuer,
            client_id=CLIENT_ID,
            secret=CLIENT_SECRET,
            label=label,
            allowed_domains=settings.pop("allowed_domains", ["gemeente.example"]),
            mfa_values=settings.pop("mfa_values", None),
        )
        app["settings"].update(settings)
        return app

    def sign_in(self, authorize_url: str, login: str, password: str = PASSWORD) -> str:
        """What a browser does at the provider: open the authorisation address, sign in
        on its page; returns the address the provider sends the browser back to."""
        browser = requests.Session()
        url = authorize_url
        for _ in range(10):
            response = browser.get(url, allow_redirects=False, timeout=10)
            if response.status_code == 200 and "/interaction/" in url:
                response = browser.post(
                    url, data={"login": login, "password": password}, allow_redirects=False
                )
            if response.status_code not in (302, 303):
                raise AssertionError(f"{response.status_code} at {url}: {response.text[:300]}")
            url = urljoin(url, response.headers["Location"])
            if not url.startswith(self.issuer):
                return url
        raise AssertionError("the provider kept redirecting")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(*, redirect_uris, post_logout_redirect_uris, accounts) -> RunningProvider:
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(
            "The test OpenID Connect provider needs Node.js and `npm ci` in tests/oidc "
            "(make test does this)."
        )
    port = free_port()
    config = {
        "port": port,
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": list(redirect_uris),
                "post_logout_redirect_uris": list(post_logout_redirect_uris),
            }
        ],
        "accounts": {
            login: {"password": PASSWORD, **account} for login, account in accounts.items()
        },
    }
    process = subprocess.Popen(
        [node, str(HERE / "provider.mjs"), json.dumps(config)],
        cwd=HERE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    issuer = f"http://127.0.0.1:{port}"
    running = RunningProvider(issuer=issuer, process=process, accounts=accounts)
    deadline = time.monotonic() + 20
    while True:
        try:
            response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
            if response.ok and response.json()["issuer"] == issuer:
                return running
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            running.stop()
            pytest.fail("The test OpenID Connect provider did not start.")
        time.sleep(0.1)


# The people who can sign in at the test provider.
ACCOUNTS = {
    "anna": {"email": "anna@gemeente.example", "email_verified": True, "name": "Anna Jansen"},
    "bert": {
        "email": "bert@gemeente.example",
        "email_verified": True,
        "name": "Bert Smit",
        "amr": ["pwd", "mfa"],
    },
    "chris": {"email": "chris@elders.example", "email_verified": True, "name": "Chris Elders"},
    "dana": {"email": "dana@gemeente.example", "email_verified": False, "name": "Dana Bos"},
    "eva": {
        "email": "eva@gemeente.example",
        "email_verified": True,
        "name": "Eva de Wit",
        "expired": True,
    },
    "mod": {"email": "moderator@gemeente.example", "email_verified": True, "name": "Mo Derator"},
    "modmfa": {
        "email": "sterk@gemeente.example",
        "email_verified": True,
        "name": "Sterk Moderator",
        "amr": ["pwd", "otp", "mfa"],
    },
}


def callback_uris(origin: str, provider_id: str = "sso") -> list[str]:
    path = CALLBACK_PATH.format(provider_id=provider_id)
    return [f"{origin}{path}", f"{origin}/en{path}"]


def host_of(url: str) -> str:
    return urlsplit(url).netloc

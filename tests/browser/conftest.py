"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's
live server, with the site's real Content Security Policy. Any CSP violation or
script error in the console fails the test."""

import io
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread, beside the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        raise pytest.UsageError(
            f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package "
            "(make test does this) or set CHROMIUM."
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-quic",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


class Problems(list):
    """What went wrong in the browser; ``expect(path)`` allows one error answer."""

    def __init__(self):
        super().__init__()
        self.expected = set()

    def expect(self, path):
        self.expected.add(path)


def watch(page, problems):
    page.on(
        "console",
        lambda message: (
            problems.append(
                f"console {message.type} at {message.location.get('url')}: {message.text}"
            )
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} for {response.url}")
            if response.status >= 400 and urlsplit(response.url).path not in problems.expected
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return page


@pytest.fixture
def console_problems(page):
    """Errors in the console (CSP violations among them), failed loads and uncaught page
    errors, in every page of the test."""
    problems = Problems()
    watch(page, problems)
    yield problems
    assert problems == [], "\n".join(problems)


@pytest.fixture
def second_page(browser, browser_context_args, console_problems):
    """A second person at their own computer (own cookies), watched the same way."""
    context = browser.new_context(**browser_context_args)
    page = watch(context.new_page(), console_problems)
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def site(live_server, page, console_problems, transactional_db, settings):
    """The demo site on the live server, and a page to browse it with."""
    settings.DEBUG = True
    call_command("load_demo_content", "--no-accounts", stdout=io.StringIO())
    mail.outbox.clear()
    page.set_default_timeout(10_000)

    class Site:
        url = live_server.url

        def go(self, path, on=None):
            response = (on or page).goto(f"{live_server.url}{path}")
            assert response.ok, f"{path}: {response.status}"
            return on or page

    yield Site()
    # The live server's rate-limit counts are committed rows of the database cache,
    # which the flush after a transactional test leaves: the tests after it start afresh.
    cache.clear()


def link_in_mail(pattern: str, message=None) -> str:
    """The path of the first link in the last (or given) mail that matches."""
    message = message or mail.outbox[-1]
    match = re.search(rf"https?://[^/\s]+({pattern}\S*)", message.body)
    assert match, f"no link matching {pattern} in:\n{message.body}"
    return match.group(1)

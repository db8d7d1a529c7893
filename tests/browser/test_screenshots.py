"""The key pages at desktop (1280 px) and phone (375 px) width: nothing sticks out
sideways on a phone. The pictures land in var/screenshots/ (docs/ holds a few)."""

import pytest

from community.demo import load_accounts
from community.models import Case
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "home": "/",
    "fase": "/roadmap/co-design/",
    "uitdaging": "/uitdagingen/start-lijkt-te-complex/",
    "voorbeelden": "/voorbeelden/?fase=co-design",
    "sessies": "/sessies/co-creatie-in-het-publieke-domein/",
    "aanmelden": "/sessies/co-creatie-in-het-publieke-domein/aanmelden/",
    "community": "/community/",
}


@pytest.mark.parametrize("width", [1280, 375])
def test_key_pages_fit_the_screen(site, page, width):
    load_accounts()
    pages = {**PAGES, "praktijkverhaal": Case.objects.published().first().get_absolute_url()}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})

    for name, path in pages.items():
        site.go(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{path} is {overflow} px wide on a {width} px screen"
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png")

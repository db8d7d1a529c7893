"""Searching with facets in a real browser: a compound part finds the compound, the
facet links and the filter form narrow the results and combine, and the page says how
many results remain in its status region. The same steps with JavaScript switched off
(the search needs none)."""

import pytest
from playwright.sync_api import expect

from roadmap.models import Phase
from tests.community.factories import CaseFactory
from tests.roadmap.factories import ExampleFactory, ToolFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(site):
    example = ExampleFactory(title="Het grondwaterprobleem in de Vogelbuurt", body="")
    example.phases.set([Phase.objects.get(slug="co-design")])
    ToolFactory(title="Grondwaterstanden in kaart", body="")
    CaseFactory(title="Grondwater meten met de buurt", summary="Kort.")
    return example


def narrow_down(page, site, example):
    site.go("/zoeken/", on=page)
    page.get_by_label("Waar zoek je naar?").fill("grondwater")
    page.get_by_role("button", name="Zoeken").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("3 resultaten voor ‘grondwater’")
    expect(page.locator(".search-result__title mark").first).to_be_visible()

    page.get_by_role("link", name="Voorbeelden (1)").click()
    expect(status).to_contain_text("1 resultaat")
    expect(status).to_contain_text("Soort: Voorbeelden")

    # The form keeps the kind and adds the phase.
    page.get_by_role("combobox", name="Fase").select_option("co-design")
    page.get_by_role("button", name="Zoeken").click()
    expect(status).to_contain_text("Fase: Co-design")
    expect(page.get_by_role("link", name=example.title)).to_be_visible()
    assert "soort=voorbeeld" in page.url and "fase=co-design" in page.url

    page.get_by_role("link", name="Filters wissen").click()
    expect(status).to_contain_text("3 resultaten")


def test_facets_narrow_and_combine(site, page, content):
    narrow_down(page, site, content)


def test_facets_work_without_javascript(site, browser, browser_context_args, content):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        narrow_down(context.new_page(), site, content)
    finally:
        context.close()

import pytest
from django.urls import reverse

from tests.html import PageOutline, assert_base_layout
from tests.roadmap.factories import (
    ArticleFactory,
    ChallengeFactory,
    ExampleFactory,
    GuidingQuestionFactory,
    PhaseFactory,
    ThemeFactory,
    ToolFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb():
    """A small knowledge base in which everything links to everything, plus one hidden
    example linked everywhere that must never show up."""
    phase = PhaseFactory(title="Co-design", tags=["ontwerpen"])
    next_phase = PhaseFactory(title="Co-productie")
    question = GuidingQuestionFactory(phase=phase, question="Wie moet ik betrekken?")
    tool = ToolFactory(title="Living lab", tags=["ontwerpen"])
    tool.phases.add(phase)
    example = ExampleFactory(title="Pilot in Spanje", country="Spanje", place="")
    hidden = ExampleFactory(title="Nog niet klaar", is_published=False)
    for item in (example, hidden):
        item.phases.add(phase)
        item.tools.add(tool)
    challenge = ChallengeFactory(title="Mensen haken af", tags=["ontwerpen"])
    challenge.phases.add(phase)
    challenge.examples.add(example, hidden)
    challenge.tools.add(tool)
    article = ArticleFactory(title="Eerst de relatie")
    theme = ThemeFactory(title="Competenties")
    theme.tools.add(tool)
    theme.examples.add(example, hidden)
    theme.articles.add(article)
    return locals()


def open_page(client, item_or_url):
    url = item_or_url if isinstance(item_or_url, str) else item_or_url.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert_base_layout(html)
    return PageOutline(html)


def assert_links(page, *items):
    for item in items:
        assert item.get_absolute_url() in page.links(), f"no link to {item}"


@pytest.mark.parametrize(
    ("item", "links", "trail"),
    [
        ("phase", ["challenge", "example", "tool"], "/roadmap/"),
        ("challenge", ["example", "phase", "tool"], "/uitdagingen/"),
        ("example", ["challenge", "phase", "tool", "theme"], "/voorbeelden/"),
        ("tool", ["phase", "example", "challenge", "theme"], "/hulpmiddelen/"),
        ("theme", ["tool", "example", "article"], "/themas/"),
        ("article", ["theme"], "/artikelen/"),
    ],
)
def test_detail_pages_cross_link_and_hide_unpublished_items(client, kb, item, links, trail):
    page = open_page(client, kb[item])

    assert_links(page, *(kb[name] for name in links))
    assert kb["hidden"].get_absolute_url() not in page.links()
    breadcrumbs = page.find_all("nav", **{"aria-label": "Kruimelpad"})
    assert breadcrumbs and trail in page.links()


def test_phase_page_shows_its_questions_and_the_cycle(client, kb):
    response = client.get(kb["phase"].get_absolute_url())

    html = response.content.decode()
    assert "Wie moet ik betrekken?" in html
    assert f'id="vraag-{kb["question"].pk}"' in html
    assert "Maak een lijst" in html
    assert kb["next_phase"].get_absolute_url() in PageOutline(html).links()


@pytest.mark.parametrize(
    ("url", "items"),
    [
        ("/roadmap/", ["phase", "next_phase", "challenge"]),
        ("/uitdagingen/", ["challenge"]),
        ("/voorbeelden/", ["example"]),
        ("/hulpmiddelen/", ["tool"]),
        ("/themas/", ["theme"]),
        ("/artikelen/", ["article"]),
    ],
)
def test_list_pages_show_published_items(client, kb, url, items):
    page = open_page(client, url)

    assert_links(page, *(kb[name] for name in items))
    assert kb["hidden"].get_absolute_url() not in page.links()


@pytest.mark.parametrize("model", ["phase", "challenge", "example", "tool", "theme", "article"])
def test_unpublished_items_are_not_found(client, kb, model):
    item = kb[model]
    item.is_published = False
    item.save()

    assert client.get(item.get_absolute_url()).status_code == 404


def test_tag_page_gathers_every_kind(client, kb):
    page = open_page(client, reverse("tag_detail", args=["ontwerpen"]))

    assert_links(page, kb["phase"], kb["tool"], kb["challenge"])
    assert kb["example"].get_absolute_url() not in page.links()


def test_unknown_tag_is_not_found(client, kb):
    assert client.get(reverse("tag_detail", args=["bestaat-niet"])).status_code == 404


def test_home_is_the_map_into_phases_themes_and_challenges(client, kb):
    page = open_page(client, "/")

    assert_links(page, kb["phase"], kb["next_phase"], kb["theme"], kb["challenge"])
    cycle = page.find_all("nav", **{"aria-label": "De cyclus van co-creatie"})
    assert cycle, "the cycle of phases must be a navigation of real links"


def test_from_home_to_a_worked_example_in_two_clicks(client, kb):
    home = open_page(client, "/")
    challenge_url = kb["challenge"].get_absolute_url()
    assert challenge_url in home.links()

    challenge_page = open_page(client, challenge_url)

    assert kb["example"].get_absolute_url() in challenge_page.links()


class TestExampleFilters:
    @pytest.fixture
    def examples(self, kb):
        dutch = ExampleFactory(title="Houten", country="Nederland", tags=["werk"])
        dutch.phases.add(kb["phase"])
        kb["challenge"].examples.add(dutch)
        other = ExampleFactory(title="Nieuwegein", country="Nederland", tags=["afval"])
        return {"spain": kb["example"], "dutch": dutch, "other": other, **kb}

    def listed(self, client, **filters):
        response = client.get(reverse("roadmap:example_list"), filters)
        assert response.status_code == 200
        return {example.title for example in response.context["examples"]}

    def test_each_filter_narrows_the_list(self, client, examples):
        phase, challenge = examples["phase"].slug, examples["challenge"].slug

        assert self.listed(client) == {"Pilot in Spanje", "Houten", "Nieuwegein"}
        assert self.listed(client, land="Nederland") == {"Houten", "Nieuwegein"}
        assert self.listed(client, fase=phase) == {"Pilot in Spanje", "Houten"}
        assert self.listed(client, uitdaging=challenge) == {"Pilot in Spanje", "Houten"}
        assert self.listed(client, tag="afval") == {"Nieuwegein"}

    def test_filters_combine(self, client, examples):
        phase = examples["phase"].slug

        assert self.listed(client, land="Nederland", fase=phase) == {"Houten"}
        assert self.listed(client, land="Nederland", fase=phase, tag="afval") == set()

    def test_filters_stay_in_the_form_and_the_page_links(self, client, examples):
        response = client.get(reverse("roadmap:example_list"), {"land": "Nederland"})

        page = PageOutline(response.content.decode())
        selected = page.find_all("option", value="Nederland")
        assert selected and "selected" in selected[0]

    def test_an_unknown_filter_value_gets_a_dutch_message(self, client, examples):
        response = client.get(
            reverse("roadmap:example_list"), {"fase": "bestaat-niet", "land": "Nederland"}
        )

        assert response.status_code == 200
        assert "Deze keuze bestaat niet" in response.content.decode()
        # The valid filter still applies.
        assert {e.title for e in response.context["examples"]} == {"Houten", "Nieuwegein"}


def test_sitemap_lists_every_published_page(client, kb):
    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    for name in ("phase", "challenge", "example", "tool", "theme", "article"):
        assert kb[name].get_absolute_url() in xml
    assert kb["hidden"].get_absolute_url() not in xml
    assert "/roadmap/</loc>" in xml and "/privacy/</loc>" in xml


def test_atom_feed_carries_articles_and_examples(client, kb):
    response = client.get("/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Eerst de relatie" in xml and "Pilot in Spanje" in xml
    assert "Nog niet klaar" not in xml

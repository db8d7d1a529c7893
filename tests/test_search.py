import pytest
from django.db import connection
from django.urls import reverse

from cocreatie.core.models import SearchDocument
from tests.html import PageOutline, assert_base_layout
from tests.roadmap.factories import ArticleFactory, ExampleFactory, PhaseFactory, ToolFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
)


def result_links(response):
    page = PageOutline(response.content.decode())
    return [found["href"] for found in page.find_all("a") if found.get("href", "").count("/") > 2]


def search(client, query, **params):
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def test_search_finds_a_tool_by_a_word_in_its_body(client):
    tool = ToolFactory(title="Verhalen ophalen", body="Deelnemers vertellen over hun wijkbudget.")
    ExampleFactory(title="Iets anders", body="Over de bibliotheek.")

    response = search(client, "wijkbudget")

    assert tool.get_absolute_url() in result_links(response)
    assert len(response.context["results"]) == 1
    assert response.context["results"][0].kind == "Hulpmiddel"


def test_search_shows_a_highlighted_snippet(client):
    ExampleFactory(body="In Houten vertelden inwoners hun verhaal met community reporting.")

    html = search(client, "inwoners").content.decode()

    assert "<mark>inwoners</mark>" in html


def test_unpublished_items_are_not_found(client):
    ExampleFactory(title="Geheim concept", is_published=False)

    assert search(client, "Geheim").context["results"] == []


def test_unpublishing_or_deleting_removes_an_item_from_search(client):
    example = ExampleFactory(title="Buurtkamer in Houten")
    tool = ToolFactory(title="Buurtkamer als werkvorm")
    assert len(search(client, "Buurtkamer").context["results"]) == 2

    example.is_published = False
    example.save()
    tool.delete()

    assert search(client, "Buurtkamer").context["results"] == []
    assert not SearchDocument.objects.exists()


def test_editing_a_guiding_question_makes_its_phase_findable_by_it(client):
    phase = PhaseFactory(title="Co-design")
    phase.questions.create(question="Wie betrek ik?", answer="Denk aan de bibliotheekpas.")

    assert phase.get_absolute_url() in result_links(search(client, "bibliotheekpas"))


def test_rebuild_command_restores_the_index(client):
    from django.core.management import call_command

    ExampleFactory(title="Mantelzorg in de wijk")
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index")

    assert len(search(client, "Mantelzorg").context["results"]) == 1


def test_empty_query_shows_a_helpful_page(client):
    response = client.get(reverse("search"))

    assert response.status_code == 200
    assert_base_layout(response.content.decode())
    assert "results" not in response.context
    page = PageOutline(response.content.decode())
    assert page.find_all("input", name="q")
    assert reverse("roadmap:index") in page.links()


def test_no_results_says_so(client):
    ExampleFactory(title="Afval in Nieuwegein")

    response = search(client, "zzzqqq")

    assert response.context["results"] == []
    assert "zzzqqq" in response.content.decode()


def test_a_long_query_is_cut_to_200_characters(client):
    response = search(client, "evaluatie " * 60)

    assert len(response.context["query"]) <= 200
    assert response.context["query_was_cut"]


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE roadmap_example; --",
        "a\x00b",
        '"onvolledig',
        "!!! & | ( ) :* <-> \\",
        "%_%",
        "🙂 co-creatie",
    ],
)
def test_any_characters_are_safe(client, query):
    ExampleFactory(title="Co-creatie in Spanje")

    response = search(client, query)

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html


def test_results_are_paginated(client):
    for number in range(25):
        ExampleFactory(title=f"Participatie {number}")

    first = search(client, "Participatie")
    second = search(client, "Participatie", page=2)

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert first.context["page_obj"].paginator.count == 25


def test_snippet_never_carries_markup_from_the_text(client):
    ArticleFactory(
        title="Over HTML",
        body="Schrijf `<b>vet</b>` of <script>alert(1)</script> in je verhaal over vet.",
    )

    response = search(client, "vet")

    (result,) = response.context["results"]
    assert "<mark>vet</mark>" in result.snippet
    without_marks = result.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks
    assert "<b>vet</b>" not in response.content.decode()


def test_finds_words_by_their_dutch_stem(client):
    article = ArticleFactory(title="Over samenwerking", body="Goede samenwerking vraagt tijd.")

    assert article.get_absolute_url() in result_links(search(client, "samenwerken"))


def test_ranks_title_matches_above_body_matches(client):
    in_body = ExampleFactory(title="Aanpak in Zweden", body="Over evaluatie van diensten.")
    in_title = ExampleFactory(title="Evaluatie met inwoners", body="Samen terugkijken.")

    links = [result.url for result in search(client, "evaluatie").context["results"]]

    assert links == [in_title.get_absolute_url(), in_body.get_absolute_url()]


def test_finds_parts_of_compound_words(client):
    example = ExampleFactory(title="Buurtgesprekken in Houten")

    assert example.get_absolute_url() in result_links(search(client, "gesprek"))


@on_postgresql
def test_postgresql_full_text_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'cocreatie_searchdocument'"
        )
        definitions = [row[0] for row in cursor.fetchall()]

    assert any("USING gin (search_vector)" in definition for definition in definitions)

"""Search that understands Dutch: compound parts, everything published, facets, ranking,
suggestions and synonyms. Every test runs on SQLite and on PostgreSQL (CI runs both)."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import dutch, search
from cocreatie.core.models import SearchDocument
from community.models import Profile
from tests.community.factories import CaseFactory, OrganisationFactory, UserFactory
from tests.html import PageOutline
from tests.roadmap.factories import ExampleFactory, PhaseFactory, ToolFactory
from tests.sessions.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


def found(client, query, **params):
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def urls(client, query, **params):
    return [result.url for result in found(client, query, **params).context["results"]]


@pytest.mark.parametrize(
    ("word", "compound"),
    [
        ("afval", "afvalprobleem"),
        ("afval", "zwerfafval"),
        ("jongeren", "jongerenwerker"),
        ("wijk", "wijkteam"),
        ("buurt", "buurthuis"),
        ("participatie", "inwonersparticipatie"),
        ("veiligheid", "verkeersveiligheid"),
    ],
)
def test_a_part_of_a_compound_finds_the_compound(client, word, compound):
    example = ExampleFactory(title="Een aanpak", body=f"Het {compound} kwam elke week ter sprake.")

    assert example.get_absolute_url() in urls(client, word)


def test_a_short_word_does_not_find_words_that_merely_contain_its_letters(client):
    ExampleFactory(title="De tunnel onder het spoor", body="Een tunnel voor fietsers.")
    garden = ExampleFactory(title="Samen een moestuin", body="De tuin van de buurt.")

    assert urls(client, "tuin") == [garden.get_absolute_url()]


def test_the_words_are_split_into_known_parts():
    assert dutch.split("afvalprobleem") == ("afval", "probleem")
    assert dutch.split("stadsdeel") == ("stad", "deel")
    # A common word stays one word, and a preposition makes no compound.
    assert dutch.split("jongeren") == ("jongeren",)
    assert dutch.split("voorraad") == ("voorraad",)
    assert dutch.parts("co-creatie") == ("cocreatie", "co", "creatie")


def test_hyphens_accents_and_capitals_do_not_matter(client):
    example = ExampleFactory(title="Co-creatie met ideeën van bewoners", body="")

    for query in ("cocreatie", "CO-CREATIE", "co-creatie", "ideeen", "Ideeën"):
        assert example.get_absolute_url() in urls(client, query), query


def test_an_exact_word_ranks_above_a_compound_part_above_a_stem(client):
    stem = ExampleFactory(title="Wat de problemen waren", body="")
    part = ExampleFactory(title="Het afvalprobleem in de wijk", body="")
    exact = ExampleFactory(title="Een probleem oplossen", body="")

    assert urls(client, "probleem") == [
        exact.get_absolute_url(),
        part.get_absolute_url(),
        stem.get_absolute_url(),
    ]


def test_title_ranks_above_summary_above_body_and_newer_wins_a_tie(client):
    body = ExampleFactory(title="Een", summary="Kort.", body="Over het wijkbudget.")
    summary = ExampleFactory(title="Twee", summary="Over het wijkbudget.", body="")
    older = ExampleFactory(title="Wijkbudget in Houten", summary="Kort.", body="")
    newer = ExampleFactory(title="Wijkbudget in Utrecht", summary="Kort.", body="")
    SearchDocument.objects.filter(url=older.get_absolute_url()).update(
        updated_at=timezone.now() - timedelta(days=30)
    )

    assert urls(client, "wijkbudget") == [
        newer.get_absolute_url(),
        older.get_absolute_url(),
        summary.get_absolute_url(),
        body.get_absolute_url(),
    ]


def test_the_snippet_marks_the_part_inside_a_compound(client):
    ExampleFactory(title="Schoon", body="In de Nypelsbuurt was het zwerfafval een groot probleem.")

    html = found(client, "afval").content.decode()

    assert "zwerf<mark>afval</mark>" in html


def test_the_title_marks_the_match_too(client):
    ExampleFactory(title="Buurthuis De Linde", body="")

    assert "<mark>Buurt</mark>huis De Linde" in found(client, "buurt").content.decode()


def test_a_compound_that_is_nowhere_finds_its_last_part_and_says_so(client):
    example = ExampleFactory(title="Afval scheiden", body="")

    response = found(client, "zwerfafval")

    assert [r.url for r in response.context["results"]] == [example.get_absolute_url()]
    assert "We vonden niets met precies dit woord" in response.content.decode()
    assert "‘afval’" in response.content.decode()


def test_sessions_are_found_by_guest_and_partner_never_by_meeting_link(client):
    series = SeriesFactory(title="Leren in de praktijk", partner="Netwerk Wijkzorg")
    session = SessionFactory(series=series, speaker="Nynke Joustra", title="Beginnen")
    SessionFactory(series=SeriesFactory(is_published=False), speaker="Nynke Verborgen")

    assert urls(client, "Nynke") == [session.get_absolute_url()]
    assert session.get_absolute_url() in urls(client, "wijkzorg")
    assert series.get_absolute_url() in urls(client, "wijkzorg")
    assert urls(client, "geheim") == []  # the meeting links are meet.example.org/geheim-N
    assert "meet.example.org" not in SearchDocument.objects.get(url=session.get_absolute_url()).body


def test_a_cancelled_session_or_an_unpublished_series_leaves_the_index(client):
    session = SessionFactory(speaker="Pieter Gastspreker")
    assert urls(client, "gastspreker") == [session.get_absolute_url()]

    session.series.is_published = False
    session.series.save()

    assert urls(client, "gastspreker") == []


def test_a_tag_name_finds_what_carries_it(client):
    tool = ToolFactory(title="Gespreksleidraad", body="")
    tool.tags.set(["klimaatadaptatie"])

    assert tool.get_absolute_url() in urls(client, "klimaatadaptatie")

    tool.tags.set([])
    assert urls(client, "klimaatadaptatie") == []


def test_members_are_found_by_name_only_while_their_profile_is_public(client):
    organisation = OrganisationFactory(name="Gemeente Zuiderhaven")
    user = UserFactory()
    profile = Profile.objects.create(
        user=user, display_name="Marieke Oudshoorn", slug="marieke", role="Beleidsadviseur",
        organisation=organisation, bio="Ik werk aan de Omgevingswet.",
    )  # fmt: skip

    assert urls(client, "Oudshoorn") == [profile.get_absolute_url()]
    assert profile.get_absolute_url() not in urls(client, "Omgevingswet")
    assert organisation.get_absolute_url() in urls(client, "Zuiderhaven")

    profile.is_listed = False
    profile.save()
    assert urls(client, "Oudshoorn") == []


def test_a_search_with_very_many_results_ranks_a_pool_and_then_the_newest(client, monkeypatch):
    monkeypatch.setattr(search, "RANK_POOL", 2)
    now = timezone.now()
    in_title = ExampleFactory(title="Wijkbudget in Houten", body="")
    often = ExampleFactory(title="Een", body="Wijkbudget, wijkbudget en nog eens wijkbudget.")
    once = [ExampleFactory(title=f"Nummer {n}", body="Over het wijkbudget.") for n in range(3)]
    ages = {in_title: 40, often: 30, once[0]: 20, once[1]: 10, once[2]: 0}
    for example, days in ages.items():
        SearchDocument.objects.filter(url=example.get_absolute_url()).update(
            updated_at=now - timedelta(days=days)
        )

    # The pool: the newest two title or summary matches (one here) and the newest two of
    # all. The oldest title match still comes first; "often", outside the pool, follows
    # the pool in order of date like the rest.
    assert urls(client, "wijkbudget") == [
        in_title.get_absolute_url(),
        once[2].get_absolute_url(),
        once[1].get_absolute_url(),
        once[0].get_absolute_url(),
        often.get_absolute_url(),
    ]
    monkeypatch.setattr(search, "RANK_POOL", 10)
    assert urls(client, "wijkbudget")[:2] == [in_title.get_absolute_url(), often.get_absolute_url()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner setting is PostgreSQL's")
def test_searches_read_through_the_index_and_leave_the_planner_as_it_was():
    for number in range(20):
        ExampleFactory(title=f"Wijkbudget {number}", body="Over het wijkbudget.")
    documents = search.parse("wijkbudget").documents()
    sql, params = documents.query.sql_with_params()
    with connection.cursor() as cursor:
        with search.index_scans():
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
    assert "Bitmap Index Scan" in plan and "Seq Scan" not in plan


def test_facets_count_per_kind_and_per_phase_and_combine(client):
    phase = PhaseFactory(title="Co-design", slug="co-design")
    tool = ToolFactory(title="Stakeholderkaart", body="")
    tool.phases.set([phase])
    ExampleFactory(title="Stakeholders in Houten", body="")
    CaseFactory(title="Onze stakeholders", summary="Kort.")

    response = found(client, "stakeholder")
    kinds = {facet.label: facet.count for facet in response.context["search"].kind_facets}
    assert kinds["Hulpmiddelen"] == kinds["Voorbeelden"] == kinds["Praktijkverhalen"] == 1
    assert kinds["Sessies"] == 0  # shown, with its zero
    html = response.content.decode()
    assert "Praktijkverhalen (1)" in html and "Sessies (0)" in html

    phases = {facet.slug: facet.count for facet in response.context["search"].phase_facets}
    assert phases["co-design"] == 1

    # With a phase chosen, the kinds count what is in that phase; with a kind, the phases.
    in_phase = found(client, "stakeholder", fase="co-design").context["search"]
    kinds = {facet.label: facet.count for facet in in_phase.kind_facets}
    assert (kinds["Hulpmiddelen"], kinds["Voorbeelden"], in_phase.total) == (1, 0, 1)
    of_kind = found(client, "stakeholder", soort="voorbeeld").context["search"]
    assert {facet.slug: facet.count for facet in of_kind.phase_facets}["co-design"] == 0
    assert of_kind.total == 1

    narrowed = found(client, "stakeholder", soort="hulpmiddel", fase="co-design")
    assert [r.url for r in narrowed.context["results"]] == [tool.get_absolute_url()]
    html = narrowed.content.decode()
    assert html.count('role="status"') == 1
    status = html.split('role="status"', 1)[1].split("</div>", 1)[0]
    assert "1 resultaat" in status and "Soort: Hulpmiddelen" in status
    assert "Fase: Co-design" in status

    # A selected filter's link switches it off and keeps the other one and the query.
    links = {a["href"] for a in PageOutline(html).find_all("a", **{"aria-current": "true"})}
    assert links == {
        "/zoeken/?q=stakeholder&fase=co-design",
        "/zoeken/?q=stakeholder&soort=hulpmiddel",
    }


def test_synonyms_find_each_other_below_the_word_itself(client):
    burgers = ExampleFactory(title="Een panel", body="Burgers praten mee.")
    bewoners = ExampleFactory(title="Een avond", body="Bewoners praten mee.")
    lokaal = ExampleFactory(title="Bestuur", body="De lokale overheid luistert.")

    assert urls(client, "bewoners") == [bewoners.get_absolute_url(), burgers.get_absolute_url()]
    assert lokaal.get_absolute_url() in urls(client, "gemeente")


def test_a_synonym_added_to_the_file_is_used_at_once(client, settings, tmp_path):
    synonyms = tmp_path / "synoniemen.txt"
    synonyms.write_text("# test\nbuurtkamer, huiskamer\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_FILE = str(synonyms)
    example = ExampleFactory(title="De huiskamer van de wijk", body="")

    assert urls(client, "buurtkamer") == [example.get_absolute_url()]


def test_a_misspelt_word_gets_a_suggestion_that_finds_something(client):
    ExampleFactory(title="Evaluatie met inwoners", body="")

    response = found(client, "evalutie")

    assert response.context["results"] == []
    assert response.context["suggestion"] == "evaluatie"
    assert "Bedoel je" in response.content.decode()


def test_a_query_of_stop_words_only_says_why_nothing_is_found(client):
    ExampleFactory(title="De en het", body="")

    response = found(client, "de en het")

    assert response.context["results"] == []
    assert "heel gewone woorden" in response.content.decode()


def test_indexing_a_saved_item_is_one_statement():
    example = ExampleFactory(title="Een voorbeeld")
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        search.index_update(example)
    writes = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SELECT")]
    assert len(writes) == 1 and writes[0].startswith("INSERT")
    assert SearchDocument.objects.filter(url=example.get_absolute_url()).count() == 1


def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    PhaseFactory()
    for number in range(30):
        ExampleFactory(title=f"Wijkaanpak {number}", body="Over de wijk.")
        CaseFactory(title=f"Onze wijk {number}", summary="Over de wijk.")

    with django_assert_max_num_queries(12):
        response = found(client, "wijk")
    assert len(response.context["results"]) == 20


def test_suggestions_stay_within_a_few_queries(client, django_assert_max_num_queries):
    ExampleFactory(title="Evaluatie met inwoners", body="")

    with django_assert_max_num_queries(25):
        response = found(client, "qwertyuiop asdfghjkl zxcvbnmq poiuytrewq lkjhgfdsa")
    assert response.context["suggestion"] is None

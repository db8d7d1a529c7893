"""Phases and challenges have an English title, short title and summary: English pages
show them when they are filled in, the Dutch otherwise; everything stored for every
language (the search index) keeps the Dutch."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from cocreatie.core.models import SearchDocument
from roadmap.models import Challenge, Phase
from tests.community.factories import ModeratorFactory, VerifiedUserFactory
from tests.html import PageOutline
from tests.roadmap.factories import ChallengeFactory, PhaseFactory, ToolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase():
    return PhaseFactory(
        order=1,
        title="Co-initiëren",
        short_title="Initiëren",
        summary="Je legt samen de basis.",
        title_en="Co-initiation",
        short_title_en="Initiating",
        summary_en="You lay the foundation together.",
    )


def english(path: str) -> str:
    return f"/en{path}"


def text_of(html: str, tag: str) -> str:
    """The text of the first ``tag`` element in ``html`` (without markup)."""
    start = html.index(f"<{tag}")
    end = html.index(f"</{tag}>", start)
    inner = html[html.index(">", start) + 1 : end]
    while "<" in inner:
        before, _, rest = inner.partition("<")
        inner = before + rest.partition(">")[2]
    return " ".join(inner.split())


def test_the_english_phase_page_shows_the_english_title_and_summary(client, phase):
    html = client.get(english(phase.get_absolute_url())).content.decode()

    assert text_of(html, "h1") == "Co-initiation"
    assert text_of(html, "title").startswith("Phase 1: Co-initiation")
    lead = html[html.index('<p class="lead"') :].split("</p>")[0]
    assert "You lay the foundation together." in lead
    assert "Initiating" in html
    assert '<meta name="description" content="You lay the foundation together.">' in html


def test_the_dutch_phase_page_is_unchanged(client, phase):
    html = client.get(phase.get_absolute_url()).content.decode()

    assert text_of(html, "h1") == "Co-initiëren"
    assert text_of(html, "title").startswith("Fase 1: Co-initiëren")
    assert "Je legt samen de basis." in html
    assert "Co-initiation" not in html and "You lay the foundation" not in html


def test_an_empty_english_field_falls_back_to_the_dutch(client):
    phase = PhaseFactory(title="Co-design", summary="Samen ontwerpen.", title_en="Co-design")
    challenge = ChallengeFactory(title="Wie doet er mee?", summary_en="Who takes part?")

    paths = phase.get_absolute_url(), challenge.get_absolute_url()

    phase_page, challenge_page = (client.get(english(path)).content.decode() for path in paths)

    assert "Samen ontwerpen." in phase_page
    assert text_of(challenge_page, "h1") == "Wie doet er mee?"
    assert "Who takes part?" in challenge_page


def test_the_rule_follows_the_language_of_the_page(phase):
    with translation.override("en"):
        assert (phase.shown_title, phase.shown_title.lang) == ("Co-initiation", "en")
        assert phase.shown_short_title == "Initiating"
        tool = ToolFactory(title="Stakeholderkaart")
        assert (tool.shown_title, tool.shown_title.lang) == ("Stakeholderkaart", "nl")
    with translation.override("nl"):
        assert (phase.shown_title, phase.shown_title.lang) == ("Co-initiëren", "nl")
        assert phase.shown_summary == "Je legt samen de basis."
    # What is stored or sent to others keeps the Dutch field.
    assert str(phase) == "Co-initiëren"


def test_lists_breadcrumbs_and_the_cycle_use_the_english_titles(client, phase):
    challenge = ChallengeFactory(title="Wie doet er mee?", title_en="Who takes part?")
    challenge.phases.add(phase)
    # Addresses first: after a request under /en/ the thread stays in English.
    paths = [
        reverse("roadmap:index"),
        reverse("home"),
        reverse("roadmap:challenge_list"),
        phase.get_absolute_url(),
    ]
    challenge_path = challenge.get_absolute_url()

    pages = {path: client.get(english(path)).content.decode() for path in paths}
    challenge_page = client.get(english(challenge_path)).content.decode()

    for path, html in pages.items():
        assert "Co-initiation" in html, path
    # The roadmap's introduction is Dutch content and names the phases in Dutch.
    for path in paths[1:]:
        assert "Co-initiëren" not in pages[path], path
    assert "Who takes part?" in pages[paths[2]]
    assert 'aria-current="page" lang="en">Who takes part?</span>' in challenge_page


def test_the_search_index_keeps_the_dutch_title(client, phase):
    row = SearchDocument.objects.get(url=phase.get_absolute_url())
    assert row.title == "Co-initiëren"
    assert row.summary == "Je legt samen de basis."

    with translation.override("en"):
        phase.save()
    row.refresh_from_db()
    assert row.title == "Co-initiëren"


def test_the_search_filter_names_the_phase_in_english(client, phase):
    path = reverse("search")

    html = client.get(english(path), {"q": "basis"}).content.decode()

    assert "Co-initiation (1)" in html


def test_the_demo_content_has_english_versions_of_every_phase_and_challenge():
    call_command("load_demo_content", "--no-accounts")

    for phase in Phase.objects.all():
        assert phase.title_en and phase.short_title_en and phase.summary_en, phase
    for challenge in Challenge.objects.all():
        assert challenge.title_en and challenge.summary_en, challenge
    assert Phase.objects.count() == 4 and Challenge.objects.count() == 12


def test_the_demo_loader_fills_in_english_on_existing_items_and_keeps_a_moderators():
    call_command("load_demo_content", "--no-accounts")
    Phase.objects.filter(order=1).update(title_en="", summary_en="")
    Phase.objects.filter(order=2).update(title_en="Designing together")
    Challenge.objects.update(title_en="")

    call_command("load_demo_content", "--no-accounts")

    first, second = Phase.objects.get(order=1), Phase.objects.get(order=2)
    assert first.title_en == "Co-initiation" and first.summary_en
    assert second.title_en == "Designing together"
    assert not Challenge.objects.filter(title_en="").exists()


def test_the_admin_change_form_shows_the_english_fields(client, phase):
    challenge = ChallengeFactory()
    client.force_login(ModeratorFactory())

    phase_form = client.get(reverse("admin:roadmap_phase_change", args=[phase.pk]))
    challenge_form = client.get(reverse("admin:roadmap_challenge_change", args=[challenge.pk]))

    assert phase_form.status_code == challenge_form.status_code == 200
    phase_fields = {
        field.get("name") for field in PageOutline(phase_form.content.decode()).find_all("input")
    }
    assert {"title_en", "short_title_en"} <= phase_fields
    assert 'name="summary_en"' in phase_form.content.decode()
    assert "Engelse versie" in phase_form.content.decode()
    challenge_html = challenge_form.content.decode()
    assert 'name="title_en"' in challenge_html and 'name="summary_en"' in challenge_html


def choice_labels(html: str, name: str) -> dict[str, tuple[str, str]]:
    """The label of each checkbox of the list ``name``: value → (text, lang)."""
    inputs = PageOutline(html).find_all("input", name=name)
    values = {found["id"]: found["value"] for found in inputs}
    labels = re.findall(r'<label for="([^"]+)"(?: lang="([^"]+)")?>([^<]*)</label>', html)
    return {values[id_]: (text, lang) for id_, lang, text in labels if id_ in values}


def test_the_forms_offer_phases_and_challenges_by_the_title_the_page_shows(client, phase):
    challenge = ChallengeFactory(number=3, title="Wie doet er mee?", title_en="Who takes part?")
    untranslated = PhaseFactory(order=2, title="Co-design")
    client.force_login(VerifiedUserFactory())
    case_form, welcome = reverse("community:case_create"), reverse("community:welcome")
    examples = reverse("roadmap:example_list")

    dutch = client.get(case_form).content.decode()
    english_form = client.get(english(case_form)).content.decode()
    english_welcome = client.get(english(welcome)).content.decode()
    english_filter = client.get(english(examples)).content.decode()

    phase_pk, other_pk, challenge_pk = str(phase.pk), str(untranslated.pk), str(challenge.pk)
    assert choice_labels(dutch, "phases")[phase_pk] == ("Co-initiëren", "nl")
    assert choice_labels(dutch, "challenges")[challenge_pk] == ("Wie doet er mee?", "nl")
    # On the English page: the English title, and the Dutch one where there is none.
    assert choice_labels(english_form, "phases") == {
        phase_pk: ("Co-initiation", "en"),
        other_pk: ("Co-design", "nl"),
    }
    assert choice_labels(english_form, "challenges")[challenge_pk] == ("Who takes part?", "en")
    welcome_challenges = choice_labels(english_welcome, "challenges")
    assert welcome_challenges[challenge_pk] == ("3. Who takes part?", "en")
    assert choice_labels(english_welcome, "phases")[phase_pk] == ("Co-initiation", "en")
    assert f'<option value="{phase.slug}" lang="en">Co-initiation</option>' in english_filter
    assert f'<option value="{untranslated.slug}" lang="nl">Co-design</option>' in english_filter

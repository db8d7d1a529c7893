"""On an English page every piece of Dutch content sits in an element with lang="nl", so
that a screen reader reads it as Dutch (WCAG 3.1.2); the English versions of phase and
challenge titles, and the interface, do not."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Appeal, Decision
from roadmap.models import Article, Challenge, Example, Phase, Theme, Tool
from sessions_app.models import Evaluation, SessionSeries
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganiserFactory,
    VerifiedUserFactory,
)
from tests.roadmap.factories import (
    ChallengeFactory,
    ExampleFactory,
    GuidingQuestionFactory,
    PhaseFactory,
    ToolFactory,
)
from tests.sessions.factories import SeriesFactory, SessionFactory, seat_for

pytestmark = pytest.mark.django_db

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
BLOCKS = {
    "div", "p", "ul", "ol", "li", "dl", "h1", "h2", "h3", "h4", "section", "article",
    "blockquote",
}  # fmt: skip
INLINE = {"span", "a", "strong", "em", "q", "time", "button", "label"}


class Languages(HTMLParser):
    """Each piece of text in a page with the language of the nearest element around it
    that names one; and what would make the markup invalid on the way."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.problems: list[str] = []
        self.html_lang = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"<{tag}> has an attribute twice: {names}")
        if tag in BLOCKS and any(
            open_tag in INLINE or open_tag == "p" for open_tag, _ in self.stack
        ):
            self.problems.append(f"<{tag}> inside {[t for t, _ in self.stack][-3:]}")
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not any(tag in ("script", "style", "title") for tag, _ in self.stack):
            lang = next((lang for _, lang in reversed(self.stack) if lang is not None), None)
            self.texts.append((text, lang))

    def lang_of(self, needle: str) -> set[str | None]:
        """The languages of every piece of text that holds ``needle``."""
        found = {lang for text, lang in self.texts if needle in text}
        assert found, f"{needle!r} is not on the page"
        return found


def english_page(client, path: str) -> Languages:
    response = client.get(f"/en{path}")
    assert response.status_code == 200
    page = Languages(response.content.decode())
    assert page.html_lang == "en"
    assert page.problems == []
    return page


def assert_dutch(page: Languages, *texts: str):
    for text in texts:
        assert page.lang_of(text) == {"nl"}, text


def assert_interface(page: Languages, *texts: str):
    for text in texts:
        assert "nl" not in page.lang_of(text), text


def test_a_phase_page_marks_its_dutch_content_but_not_its_english_title(client):
    phase = PhaseFactory(
        title="Co-initiëren",
        title_en="Co-initiation",
        summary="Je legt samen de basis.",
        body="Ook de start doe je samen.",
        tags=["burgerparticipatie"],
    )
    GuidingQuestionFactory(
        phase=phase,
        question="Waar moet ik beginnen?",
        answer="Begin bij de mensen om wie het gaat.",
        steps="Maak een lijst van wie er meedoet",
    )

    page = english_page(client, phase.get_absolute_url())

    assert "nl" not in page.lang_of("Co-initiation")
    assert_dutch(
        page,
        "Je legt samen de basis.",  # no English summary: the Dutch one, marked
        "Ook de start doe je samen.",
        "Waar moet ik beginnen?",
        "Begin bij de mensen om wie het gaat.",
        "Maak een lijst van wie er meedoet",
        "burgerparticipatie",
    )
    assert "nl" not in page.lang_of("Questions in this phase")


def test_a_tool_page_marks_its_title_summary_and_texts(client):
    tool = ToolFactory(
        title="Stakeholderkaart",
        summary="Een kaart van wie er meedoet.",
        body="Teken de kaart samen.",
        when_to_use="Aan het begin van een traject.",
        how_to_use="1. Pak een groot vel papier.",
    )

    page = english_page(client, tool.get_absolute_url())

    assert_dutch(
        page,
        "Stakeholderkaart",
        "Een kaart van wie er meedoet.",
        "Teken de kaart samen.",
        "Aan het begin van een traject.",
        "Pak een groot vel papier.",
    )


def test_a_case_marks_the_members_texts_and_shows_english_phase_titles(client):
    phase = PhaseFactory(title="Co-design", title_en="Co-design in English")
    case = CaseFactory(
        title="Buurtkamer in Houten",
        summary="Bewoners richtten samen een buurtkamer in.",
        body="We begonnen met koffie op het plein.",
    )
    case.phases.add(phase)
    CommentFactory(case=case, body="Mooi gedaan, hoe vonden jullie de bewoners?")
    path = case.get_absolute_url()

    page = english_page(client, path)

    assert_dutch(
        page,
        "Buurtkamer in Houten",
        "Bewoners richtten samen een buurtkamer in.",
        "We begonnen met koffie op het plein.",
        "Mooi gedaan, hoe vonden jullie de bewoners?",
    )
    assert "nl" not in page.lang_of("Co-design in English")


def test_the_follow_button_names_the_title_in_its_language(client):
    case = CaseFactory(title="Buurtkamer in Houten")
    challenge = ChallengeFactory(title="Wie doet er mee?", title_en="Who takes part?")
    paths = case.get_absolute_url(), challenge.get_absolute_url()
    client.force_login(VerifiedUserFactory())

    case_page, challenge_page = (english_page(client, path) for path in paths)

    # The button's name: "Follow: case ‘Buurtkamer in Houten’", the title as Dutch.
    assert_interface(case_page, ": case ‘")
    assert_dutch(case_page, "Buurtkamer in Houten")
    assert_interface(challenge_page, ": challenge ‘Who takes part?’")


def test_a_session_series_marks_its_titles_and_descriptions(client):
    series = SeriesFactory(
        title="Co-creatie in het publieke domein",
        summary="Vier korte online sessies.",
        introduction="Elke week een fase van co-creatie.",
    )
    SessionFactory(series=series, title="Samen beginnen", description="Een mini-college.")

    page = english_page(client, series.get_absolute_url())

    assert_dutch(
        page,
        "Co-creatie in het publieke domein",
        "Vier korte online sessies.",
        "Elke week een fase van co-creatie.",
        "Samen beginnen",
        "Een mini-college.",
    )
    assert "nl" not in page.lang_of("Programme")


def test_search_results_mark_the_titles_and_snippets_of_the_dutch_index(client):
    ToolFactory(title="Stakeholderkaart", summary="Een kaart van de hele wijk en wie er woont.")
    path = reverse("search") + "?q=stakeholderkaart"

    page = english_page(client, path)

    assert_dutch(page, "Een kaart van de hele wijk")
    titles = [lang for text, lang in page.texts if text.lower() == "stakeholderkaart"]
    # The search box keeps the query; the result's title (the match marked) is Dutch.
    assert "nl" in titles


@pytest.fixture
def moderation():
    """A moderator, and for them: a submitted case, a reported comment, a hidden comment
    with an appeal against it, a comment held for review and their steps in the log."""
    author, decider, moderator = VerifiedUserFactory(), ModeratorFactory(), ModeratorFactory()
    case = CaseFactory(title="Wijkbudget in Tiel")
    CaseFactory(title="Buurttuin in Zeist", status="submitted", published_at=None)
    reported = CommentFactory(case=case, body="Koop nu onze zonnepanelen met korting.")
    services.report_create(
        reporter=VerifiedUserFactory(),
        item=reported,
        reason="spam",
        text="Hier wordt reclame gemaakt.",
    )
    hidden = CommentFactory(case=case, author=author, body="Die wethouder snapt er niets van.")
    services.content_hide(item=hidden, moderator=decider, reason="Dit is op de persoon gespeeld.")
    appeal = Appeal.objects.create(
        decision=Decision.objects.get(comment=hidden, kind=Decision.Kind.HIDDEN),
        text="Ik bedoelde het beleid, niet de persoon.",
    )
    CommentFactory(case=case, body="Wanneer begint de volgende ronde?", held_at=timezone.now())
    return {"moderator": moderator, "case": case, "appeal": appeal}


def test_a_moderators_dashboard_and_log_mark_the_members_texts(client, moderation):
    dashboard, log = reverse("community:moderation"), reverse("community:moderation_log")
    client.force_login(moderation["moderator"])

    dashboard_page = english_page(client, dashboard)
    log_page = english_page(client, log)

    assert_dutch(
        dashboard_page,
        "Buurttuin in Zeist",  # a submitted case
        "Wijkbudget in Tiel",  # in "Comment on ..." of every queue
        "Koop nu onze zonnepanelen met korting.",
        "Hier wordt reclame gemaakt.",
        "Ik bedoelde het beleid, niet de persoon.",
        "Wanneer begint de volgende ronde?",
        "Dit is op de persoon gespeeld.",  # the reason, in the queue and in the log
    )
    assert_interface(dashboard_page, "Moderation", "Latest moderation actions")
    assert_dutch(log_page, "Dit is op de persoon gespeeld.")
    assert_interface(log_page, "Log")


def test_a_moderators_appeal_page_marks_the_members_and_moderators_texts(client, moderation):
    path = reverse("community:moderation_appeal", args=[moderation["appeal"].pk])
    client.force_login(moderation["moderator"])

    page = english_page(client, path)

    assert_dutch(
        page,
        "Ik bedoelde het beleid, niet de persoon.",
        "Die wethouder snapt er niets van.",
        "Wijkbudget in Tiel",
        "Dit is op de persoon gespeeld.",  # the message to the member, and in the log
    )
    assert_interface(page, "What the member writes", "The decision", "History")


def test_an_organisers_session_page_marks_titles_and_what_participants_wrote(client):
    series = SeriesFactory(title="Samen de wijk ontwerpen")
    session = SessionFactory(
        series=series,
        order=1,
        title="De eerste verkenning",
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2, hours=-1),
    )
    seat = seat_for(session, organisation="Gemeente Tiel", role="beleidsadviseur participatie")
    Evaluation.objects.create(
        session=session, seat=seat, score=4, keep="De korte opdrachten in groepjes."
    )
    path = reverse("sessions:organiser_session", args=[session.pk])
    client.force_login(OrganiserFactory())

    page = english_page(client, path)

    assert_dutch(
        page,
        "Samen de wijk ontwerpen",  # the eyebrow and the breadcrumbs
        "De eerste verkenning",
        "Gemeente Tiel",
        "beleidsadviseur participatie",
        "De korte opdrachten in groepjes.",
    )
    assert_interface(page, "Co-evaluation", "What should we keep?")


def test_the_dutch_page_is_valid_too(client):
    tool = ToolFactory(title="Stakeholderkaart", tags=["wijk"])

    page = Languages(client.get(tool.get_absolute_url()).content.decode())

    assert page.html_lang == "nl"
    assert page.problems == []


def test_the_english_pages_of_the_demo_content_stay_valid(client):
    """The marks add no attribute twice, no block inside an inline element and no empty
    lang attribute."""
    call_command("load_demo_content", "--no-accounts")
    paths = [
        reverse("home"),
        reverse("roadmap:index"),
        reverse("roadmap:challenge_list"),
        reverse("roadmap:example_list") + "?fase=co-design&land=Nederland&uitdaging=hoe-evalueren",
        reverse("roadmap:tool_list"),
        reverse("search") + "?q=evaluatie&fase=co-evaluatie",
        reverse("tag_detail", args=["cosie"]),
        reverse("sessions:series_list"),
        *(model.objects.first().get_absolute_url() for model in (Phase, Challenge, Example)),
        *(model.objects.first().get_absolute_url() for model in (Tool, Theme, Article)),
        SessionSeries.objects.first().get_absolute_url(),
    ]

    for path in paths:
        page = english_page(client, path)
        assert "" not in {lang for _, lang in page.texts}, path


def test_the_tag_page_marks_the_tag_in_its_breadcrumb(client):
    ToolFactory(title="Stakeholderkaart", tags=["buurtbewoners"])

    page = english_page(client, reverse("tag_detail", args=["buurtbewoners"]))

    assert_dutch(page, "buurtbewoners")  # the breadcrumb, the heading and the lead
    assert_interface(page, "Tag:")


def test_the_registration_form_marks_the_session_titles_in_its_choices(client):
    series = SeriesFactory(title="Samen de wijk ontwerpen")
    session = SessionFactory(series=series, order=2, title="Het tweede gesprek", capacity=12)

    page = english_page(client, reverse("sessions:register", args=[series.slug]))

    assert_dutch(page, "Het tweede gesprek")
    day = timezone.localtime(session.starts_at)
    assert_interface(page, f"{day:%A} {day.day} {day:%B}", "12 places left")


def test_the_organisers_mail_pages_mark_the_session_titles(client):
    series = SeriesFactory(title="Samen de wijk ontwerpen")
    session = SessionFactory(series=series, order=1, title="De eerste verkenning")
    seat_for(session)
    client.force_login(OrganiserFactory())
    compose = reverse("sessions:organiser_mail", args=[series.pk])
    history = reverse("sessions:organiser_mail_history", args=[series.pk])

    page = english_page(client, compose)
    assert_dutch(page, "1. De eerste verkenning")  # a choice of "Which session?"
    assert_interface(page, "All sessions of the series")

    fields = {"group": "active", "session": str(session.pk), "subject": "Later", "message": "Hoi"}
    preview = client.post(f"/en{compose}", {**fields, "step": "preview"})
    page = Languages(preview.content.decode())
    assert page.problems == []
    assert_dutch(page, "1. De eerste verkenning")  # "Recipients: …, session 1. …"
    assert_interface(page, "Recipients:")

    sent = client.post(f"/en{compose}", {**fields, "step": "send", "previewed": "1"})
    assert sent.status_code == 302
    page = english_page(client, history)
    assert_dutch(page, "1. De eerste verkenning")
    assert_interface(page, ", session")


def test_the_examples_filters_mark_countries_and_tags_as_dutch(client):
    ExampleFactory(country="Nederland", tags=["buurtbewoners"])

    page = english_page(client, reverse("roadmap:example_list"))

    assert_dutch(page, "Nederland", "buurtbewoners")
    assert_interface(page, "All countries", "All tags")

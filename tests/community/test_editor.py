"""Writing without knowing Markdown: the forms speak of "opmaak", the help beside the
text says which marks work (and only those that do), screen readers hear it with the
field, and the page after saving shows the result."""

import re

import pytest
from django.urls import reverse

from cocreatie.core.editor import FORMATTING_HINT
from cocreatie.core.markdown import render_markdown
from tests.community.factories import (
    AdminFactory,
    CaseFactory,
    ModeratorFactory,
    OrganiserFactory,
    VerifiedUserFactory,
)
from tests.html import PageOutline
from tests.roadmap.factories import GuidingQuestionFactory, PhaseFactory
from tests.sessions.factories import SessionFactory

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_no_markdown(html: str):
    assert not re.search("markdown", html, re.I), re.search(
        r".{80}markdown.{80}", html, re.I | re.S
    )


def help_of(html: str, field_id: str) -> str:
    """The text of the formatting help named in the field's aria-describedby."""
    (textarea,) = PageOutline(html).find_all("textarea", id=field_id)
    ids = textarea["aria-describedby"].split()
    help_ids = [i for i in ids if i.endswith("_opmaak")]
    assert help_ids, f"{field_id} is not described by a formatting help: {ids}"
    (help_id,) = help_ids
    match = re.search(rf'<div class="formatting-help" id="{help_id}">(.*?)</div>', html, re.S)
    assert match, f"no element with id {help_id} in the page"
    return match.group(1)


def examples_in(help_html: str) -> dict[str, str]:
    """What the help calls each mark, and the example it gives: {"Kopje": "### Aanpak"}."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>.*?<code>(.*?)</code>", help_html, re.S)
    return {name: example.replace("&#x27;", "'") for name, example in pairs}


@pytest.fixture
def member_client(client):
    client.force_login(VerifiedUserFactory())
    return client


# --- The case form ---------------------------------------------------------------------


def test_the_case_form_speaks_of_opmaak_and_never_of_markdown(member_client):
    html = page(member_client, reverse("community:case_create"))
    assert_no_markdown(html)
    assert "Opmaak" in help_of(html, "id_body")


def test_the_help_describes_every_formatted_text_of_the_case(member_client):
    """One help, beside "wat heb je gedaan?", is read out with each of the three texts
    (after the field's own hint), and exists once in the page."""
    html = page(member_client, reverse("community:case_create"))
    outline = PageOutline(html)
    (body,) = outline.find_all("textarea", id="id_body")
    assert body["aria-describedby"].split() == ["id_body_helptext", "id_body_opmaak"]
    for field_id in ("id_what_worked", "id_do_differently"):
        (textarea,) = outline.find_all("textarea", id=field_id)
        assert textarea["aria-describedby"] == "id_body_opmaak"
    assert len(outline.find_all("div", id="id_body_opmaak")) == 1
    assert outline.find_all("textarea", id="id_summary")[0].get("data-opmaak") is None


def test_with_an_error_the_field_is_described_by_its_error_and_the_help(member_client):
    response = member_client.post(
        reverse("community:case_create"), {"title": "Een titel", "summary": "Kort.", "body": ""}
    )
    html = response.content.decode()
    (body,) = PageOutline(html).find_all("textarea", id="id_body")
    assert body["aria-describedby"].split() == [
        "id_body_helptext",
        "id_body_error",
        "id_body_opmaak",
    ]
    assert body["aria-invalid"] == "true"
    assert "Vertel wat je hebt gedaan." in html
    assert_no_markdown(html)


def test_the_help_names_the_four_marks_with_an_example_each(member_client):
    help_html = help_of(page(member_client, reverse("community:case_create")), "id_body")
    assert set(examples_in(help_html)) == {"Kopje", "Lijstje", "Vet", "Link"}
    assert "Een lege regel begint een nieuwe alinea." in help_html


def test_every_example_in_the_help_works(member_client):
    """What the help promises, the site renders: its own examples, typed as shown, give
    a heading, a list, bold text and a link."""
    examples = examples_in(
        help_of(page(member_client, reverse("community:case_create")), "id_body")
    )
    link = examples["Link"].replace("…", "example.org/")
    assert re.fullmatch(r"<h[234]>Aanpak</h[234]>", render_markdown(examples["Kopje"]))
    assert "<li>bewoners</li>" in render_markdown(f"Met wie?\n\n{examples['Lijstje']}")
    assert "<strong>belangrijk</strong>" in render_markdown(examples["Vet"])
    assert '<a href="https://example.org/"' in render_markdown(link)
    assert ">onze website</a>" in render_markdown(link)


def test_the_page_after_saving_shows_the_formatted_result(member_client):
    """The preview: the saved draft shows the text as colleagues will read it."""
    body = (
        "We praatten met drie groepen.\n\n"
        "### Aanpak\n\n"
        "Eerst een avond in het buurthuis.\n\n"
        "- bewoners\n- ambtenaren\n\n"
        "Dat was **belangrijk**. Lees meer op [onze website](https://example.org/plan)."
    )
    response = member_client.post(
        reverse("community:case_create"),
        {"title": "Samen de wijk in", "summary": "Wat we deden.", "body": body},
        follow=True,
    )
    html = response.content.decode()
    assert "Zo ziet je verhaal eruit" in html
    assert "<h3>Aanpak</h3>" in html
    assert "<li>bewoners</li>" in html and "<li>ambtenaren</li>" in html
    assert "<strong>belangrijk</strong>" in html
    assert re.search(r'<a href="https://example.org/plan"[^>]*>onze website</a>', html)
    assert "###" not in html and "**" not in html


def test_the_case_form_loads_the_toolbar_as_a_file_and_writes_no_toolbar_itself(member_client):
    """Without JavaScript there is no toolbar (editor.js makes it); no inline script."""
    html = page(member_client, reverse("community:case_create"))
    scripts = re.findall(r"<script[^>]*>", html)
    assert '<script src="/static/js/editor.js" defer>' in scripts
    assert all("src=" in script for script in scripts)
    assert 'role="toolbar"' not in html
    assert "formatting-toolbar" not in html


def test_the_edit_form_of_a_case_speaks_of_opmaak_too(client):
    case = CaseFactory(status="draft", published_at=None)
    client.force_login(case.author)
    html = page(client, reverse("community:case_update", args=[case.slug]))
    assert_no_markdown(html)
    assert "Opmaak" in help_of(html, "id_body")


# --- The comment form and the other member forms ----------------------------------------


def test_the_comment_form_offers_lists_bold_and_links_but_no_headings(member_client):
    """A comment sits under the case's headings: its help and toolbar leave them out,
    and the help is read out with the field."""
    html = page(member_client, CaseFactory().get_absolute_url())
    assert_no_markdown(html)
    (textarea,) = PageOutline(html).find_all("textarea", name="body")
    assert textarea["aria-describedby"].split()[-1] == "id_body_opmaak"
    assert textarea["data-opmaak"] == "lijstje vet link"
    help_text = re.search(r'id="id_body_opmaak">(.*?)</div>', html, re.S).group(1)
    assert "Vet" in help_text and "Link" in help_text and "Kopje" not in help_text
    assert "editor.js" in html


def test_a_comment_shows_bold_lists_and_links_but_a_heading_as_plain_text(member_client):
    case = CaseFactory()
    body = "### Mijn kopje\n\nEcht **goed**.\n\n- eerst\n- dan\n\n[site](https://example.org)"
    member_client.post(reverse("community:comment_create", args=[case.slug]), {"body": body})

    html = page(member_client, case.get_absolute_url())

    assert "Echt <strong>goed</strong>." in html
    assert "<li>eerst</li>" in html
    assert 'href="https://example.org"' in html
    assert "<h3>Mijn kopje</h3>" not in html and "Mijn kopje" in html


def test_the_profile_form_never_speaks_of_markdown(member_client):
    assert_no_markdown(page(member_client, reverse("community:profile_update")))


def test_the_organiser_forms_never_speak_of_markdown(client):
    session = SessionFactory()
    client.force_login(OrganiserFactory())
    for url in (
        reverse("sessions:organiser_series_create"),
        reverse("sessions:organiser_series_edit", args=[session.series.pk]),
        reverse("sessions:organiser_session_create", args=[session.series.pk]),
        reverse("sessions:organiser_session_edit", args=[session.pk]),
    ):
        assert_no_markdown(page(client, url))


# --- The administration -------------------------------------------------------------------


def test_the_administration_of_cases_and_the_knowledge_base_says_which_marks_work(client):
    """A moderator edits a case and the knowledge base in the administration: the help of
    the formatted texts names the marks, not the format."""
    case = CaseFactory()
    question = GuidingQuestionFactory(phase=PhaseFactory())
    client.force_login(ModeratorFactory())
    for url in (
        reverse("admin:community_case_change", args=[case.pk]),
        reverse("admin:roadmap_phase_change", args=[question.phase.pk]),
        reverse("admin:roadmap_phase_add"),
        reverse("admin:roadmap_tool_add"),
        reverse("admin:roadmap_example_add"),
    ):
        html = page(client, url)
        assert_no_markdown(html)
        assert "### aan het begin van een regel maakt een kopje" in html, url


def test_the_administration_of_series_and_sessions_keeps_what_the_help_says_besides(client):
    session = SessionFactory()
    admin = AdminFactory()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    series_page = page(
        client, reverse("admin:sessions_app_sessionseries_change", args=[session.series.pk])
    )
    session_page = page(client, reverse("admin:sessions_app_session_change", args=[session.pk]))
    for html in (series_page, session_page):
        assert_no_markdown(html)
        assert FORMATTING_HINT.split(".")[0] in html
    assert "Staan in de herinnering met de link naar de sessie. Opmaak:" in series_page

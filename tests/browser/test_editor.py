"""The formatting toolbar of the case form in a real browser: its buttons put the marks
around the selection and leave the cursor in the text, the keyboard reaches and walks
it, the help stands beside the field (under it on a phone), and the saved draft shows
the result. Any script error or CSP violation fails the test (``console_problems``)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_journeys import log_in
from tests.community.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW_CASE = "/community/verhalen/nieuw/"


@pytest.fixture
def case_form(site, page):
    member = VerifiedUserFactory(email="schrijver@gemeente.example")
    log_in(page, site, member.email)
    site.go(NEW_CASE)
    return page


def body(page):
    return page.get_by_role("textbox", name="Wat heb je gedaan?")


def toolbar(page, field="Wat heb je gedaan?"):
    return page.get_by_role("toolbar", name=f"Opmaak: {field}")


def select(textarea, text: str):
    """Select the first occurrence of ``text`` in the textarea, as a mouse would."""
    textarea.evaluate(
        "(el, text) => { const at = el.value.indexOf(text); el.focus();"
        " el.setSelectionRange(at, at + text.length); }",
        text,
    )


def selected(textarea) -> str:
    return textarea.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")


def has_focus(textarea) -> bool:
    return textarea.evaluate("el => document.activeElement === el")


def test_vet_and_link_put_the_marks_around_the_selection(case_form):
    page = case_form
    text = body(page)
    text.fill("We spraken met bewoners op het plein.")

    select(text, "bewoners")
    toolbar(page).get_by_role("button", name="Vet").click()
    expect(text).to_have_value("We spraken met **bewoners** op het plein.")
    assert has_focus(text) and selected(text) == "bewoners"

    select(text, "het plein")
    toolbar(page).get_by_role("button", name="Link").click()
    expect(text).to_have_value("We spraken met **bewoners** op [het plein](https://).")
    # The address is selected: what the member types or pastes replaces it.
    assert has_focus(text) and selected(text) == "https://"
    page.keyboard.type("https://example.org/plein")
    expect(text).to_have_value(
        "We spraken met **bewoners** op [het plein](https://example.org/plein)."
    )

    # Pressed again on bold text, Vet takes the marks away.
    select(text, "bewoners")
    toolbar(page).get_by_role("button", name="Vet").click()
    expect(text).to_have_value("We spraken met bewoners op [het plein](https://example.org/plein).")


def test_kopje_and_lijstje_make_a_heading_and_a_list_the_page_shows(case_form):
    page = case_form
    page.get_by_label("Titel").fill("Samen de wijk in")
    page.get_by_label("Samenvatting").fill("Wat we met de buurt deden.")
    text = body(page)
    text.fill("Aanpak\nWe nodigden uit:\nbewoners\nambtenaren")

    text.evaluate("el => { el.focus(); el.setSelectionRange(2, 2); }")  # in "Aanpak"
    toolbar(page).get_by_role("button", name="Kopje").click()
    expect(text).to_have_value("### Aanpak\nWe nodigden uit:\nbewoners\nambtenaren")

    select(text, "bewoners\nambtenaren")
    toolbar(page).get_by_role("button", name="Lijstje").click()
    # The blank line before the list is needed for it to be one: the button adds it.
    expect(text).to_have_value("### Aanpak\nWe nodigden uit:\n\n- bewoners\n- ambtenaren")
    assert has_focus(text)

    # Ctrl+B (Cmd+B on a Mac) makes the selection bold as the button does.
    select(text, "nodigden")
    text.press("Control+b")
    expect(text).to_have_value("### Aanpak\nWe **nodigden** uit:\n\n- bewoners\n- ambtenaren")

    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator(".status-banner")).to_contain_text("Zo ziet je verhaal eruit")
    prose = page.locator(".case .prose")
    expect(prose.get_by_role("heading", name="Aanpak", level=3)).to_be_visible()
    expect(prose.get_by_role("listitem")).to_have_text(["bewoners", "ambtenaren"])
    expect(prose.locator("strong")).to_have_text("nodigden")


def test_the_keyboard_reaches_the_toolbar_and_walks_it_with_the_arrow_keys(case_form):
    page = case_form
    text = body(page)
    text.fill("Een zin.")
    buttons = toolbar(page).get_by_role("button")
    expect(buttons).to_have_text(["Kopje", "Lijstje", "Vet", "Link"])
    expect(toolbar(page).get_by_role("button", name="Vet")).to_have_attribute(
        "aria-keyshortcuts", "Control+B"
    )

    page.get_by_label("Organisatie").focus()
    page.keyboard.press("Tab")
    expect(buttons.nth(0)).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(buttons.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(buttons.nth(3)).to_be_focused()
    page.keyboard.press("ArrowRight")  # round to the first
    expect(buttons.nth(0)).to_be_focused()
    page.keyboard.press("ArrowLeft")  # and back to the last
    expect(buttons.nth(3)).to_be_focused()
    page.keyboard.press("Home")
    expect(buttons.nth(0)).to_be_focused()
    # One tab stop: the next Tab goes to the text, the one back to the toolbar again.
    page.keyboard.press("Tab")
    expect(text).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(buttons.nth(0)).to_be_focused()

    # A button pressed with the keyboard leaves the cursor in the text, after the marks.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    text.evaluate("el => el.setSelectionRange(el.value.length, el.value.length)")
    page.keyboard.press("Enter")  # Vet, with nothing selected
    expect(text).to_be_focused()
    expect(text).to_have_value("Een zin.**vetgedrukt**")
    assert selected(text) == "vetgedrukt"
    page.keyboard.type("klaar")
    expect(text).to_have_value("Een zin.**klaar**")


def test_every_formatted_text_has_its_toolbar_and_the_others_none(case_form):
    page = case_form
    expect(page.get_by_role("toolbar")).to_have_count(3)
    for field in ("Wat werkte goed?", "Wat zou je nu anders doen?"):
        expect(toolbar(page, field)).to_have_count(1)
    expect(page.get_by_role("textbox", name="Wat werkte goed?")).to_have_accessible_description(
        "Opmaak Kopje Begin een regel met drie hekjes en een spatie: ### Aanpak "
        "Lijstje Eerst een lege regel. Begin dan elke regel met een streepje en een "
        "spatie: - bewoners Vet Zet twee sterretjes voor en achter: **belangrijk** "
        "Link De tekst tussen blokhaken, het adres erachter tussen haakjes: "
        "[onze website](https://…) Alinea Een lege regel begint een nieuwe alinea."
    )


def test_the_help_stands_beside_the_text_and_under_it_on_a_phone(case_form):
    page = case_form
    help_box = page.locator("#id_body_opmaak")
    page.set_viewport_size({"width": 1280, "height": 900})
    field, aside = body(page).bounding_box(), help_box.bounding_box()
    assert aside["x"] >= field["x"] + field["width"], (field, aside)

    page.set_viewport_size({"width": 320, "height": 640})
    field, aside = body(page).bounding_box(), help_box.bounding_box()
    assert aside["y"] >= field["y"] + field["height"], (field, aside)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for button in toolbar(page).get_by_role("button").all():
        box = button.bounding_box()
        assert box["x"] + box["width"] <= 320 and box["height"] >= 44, box

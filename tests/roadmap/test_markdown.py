import pytest

from cocreatie.core.markdown import markdown_to_text, render_markdown
from tests.roadmap.factories import ExampleFactory


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="position:fixed" onclick="alert(1)">tekst</p>',
        "[x](JaVaScRiPt:alert(1))",
        "<svg onload=alert(1)>",
    ],
)
def test_markdown_renders_harmless(dangerous):
    html = render_markdown(f"Tekst {dangerous} meer tekst").lower()

    for forbidden in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe"):
        assert forbidden not in html
    assert "style=" not in html
    assert "tekst" in html


def test_links_keep_their_target_and_cannot_reach_back():
    html = render_markdown("Zie [CoSIE](https://cosie.example/roadmap) en [mail](mailto:a@b.nl)")

    assert '<a href="https://cosie.example/roadmap" rel="noopener noreferrer">CoSIE</a>' in html
    assert 'href="mailto:a@b.nl"' in html


def test_markdown_formatting_survives():
    html = render_markdown("## Kop\n\n- een\n- twee\n\n**vet** en *schuin*")

    assert "<h2>Kop</h2>" in html
    assert "<li>een</li>" in html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html


@pytest.mark.django_db
def test_saving_an_item_stores_sanitised_html_of_every_markdown_field():
    example = ExampleFactory(
        body="Kijk <script>alert(1)</script>",
        what_was_done="[x](javascript:alert(1))",
        lessons="**Les**",
    )

    assert "<script" not in example.body_html
    assert "javascript:" not in example.what_was_done_html
    assert example.lessons_html == "<p><strong>Les</strong></p>"


def test_plain_text_of_markdown_for_search():
    assert markdown_to_text("## Kop\n\nTekst met **vet** &amp; <b>html</b>") == (
        "Kop Tekst met vet & html"
    )

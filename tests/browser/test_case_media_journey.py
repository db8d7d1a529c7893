"""A member tells their case with a photo and the plan as a PDF; once a moderator has
published it, a visitor sees the photo with its description and downloads the plan, and
colleagues answer each other in a thread. In a real browser."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from PIL import Image
from playwright.sync_api import expect

from community.models import Case
from tests.browser.test_journeys import SECRET, decide, log_in, log_out
from tests.community.factories import ModeratorFactory, VerifiedUserFactory, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)

ALT = "Bewoners en ambtenaren schrijven ideeën op een groot vel papier in het buurthuis."


def photo_file(tmp_path):
    path = tmp_path / "IMG_0042.jpg"
    image = Image.linear_gradient("L").resize((1200, 800)).convert("RGB")
    image.save(path, "JPEG")
    return path


def pdf_file(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_upload(pages=3).read())
    return path


def test_a_case_with_a_photo_and_a_plan_is_published_and_discussed_in_threads(
    site, page, second_page, tmp_path
):
    author, colleague = VerifiedUserFactory(), VerifiedUserFactory()
    moderator = ModeratorFactory(moderator=False)
    TOTP.activate(moderator, SECRET)
    title = "Het buurthuis opnieuw ontworpen"

    # A draft, then its photos and documents page.
    log_in(page, site, author.email)
    site.go("/community/verhalen/nieuw/")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Samenvatting").fill("Bewoners ontwierpen samen het programma.")
    page.get_by_label("Wat heb je gedaan?", exact=True).fill("Vier avonden ontwerpen met bewoners.")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_role("link", name="Foto's en documenten").first.click()

    # A photo without a description is refused, and the file has to be chosen again.
    page.get_by_label("Foto", exact=True).set_input_files(photo_file(tmp_path))
    page.get_by_role("button", name="Foto toevoegen").click()
    expect(page.locator(".error-summary")).to_contain_text("Beschrijving van de foto")
    page.get_by_label("Foto", exact=True).set_input_files(photo_file(tmp_path))
    page.get_by_label("Beschrijving van de foto").fill(ALT)
    page.get_by_role("button", name="Foto toevoegen").click()
    expect(page.locator("main img[alt='" + ALT + "']")).to_be_visible()

    page.get_by_label("PDF-bestand").set_input_files(pdf_file(tmp_path))
    page.get_by_label("Titel van het document").fill("Plan van aanpak")
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.locator("main")).to_contain_text("Plan van aanpak")

    case = Case.objects.get(title=title)
    site.go(case.get_absolute_url())
    page.get_by_role("button", name="Indienen voor beoordeling").click()
    log_out(page)

    # The moderator sees the photo in the review and publishes.
    log_in(second_page, site, moderator.email, secret=SECRET)
    site.go(f"/moderatie/verhalen/{case.slug}/", second_page)
    review = second_page.locator(".image-review")
    expect(review).to_contain_text(ALT)
    assert review.locator("img").evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    decide(second_page, site, title, "Publiceren", "Mooi verhaal, met een duidelijk plan.")

    # A visitor sees the photo at the size the screen needs, and downloads the plan.
    site.go(case.get_absolute_url())
    picture = page.locator(f"main picture img[alt='{ALT}']")
    expect(picture).to_be_visible()
    loaded_width = picture.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert loaded_width > 0, "the photo loads"
    assert "480w" in page.locator("main picture source[type='image/webp']").get_attribute("srcset")
    expect(page.locator("main")).to_contain_text("PDF, 3 pagina's")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Plan van aanpak")).click()
    assert download.value.suggested_filename == "plan-van-aanpak.pdf"
    with open(download.value.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"

    # Colleagues answer each other in a thread.
    log_in(page, site, colleague.email)
    site.go(case.get_absolute_url())
    page.get_by_label("Je reactie", exact=True).fill("Hoe kregen jullie zestig bewoners aan tafel?")
    page.get_by_role("button", name="Reactie plaatsen").click()
    log_out(page)
    log_in(page, site, author.email)
    site.go(case.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Reageer op")).first.click()
    page.get_by_label("Je reactie", exact=True).fill("Met koffie op het plein, drie weken lang.")
    page.get_by_role("button", name="Antwoord plaatsen").click()
    replies = (
        page.locator("main li.comment")
        .filter(has_text="zestig bewoners")
        .locator("ol.comment-list--replies")
    )
    expect(replies).to_contain_text("Met koffie op het plein")
    expect(replies).to_contain_text("auteur van dit verhaal")

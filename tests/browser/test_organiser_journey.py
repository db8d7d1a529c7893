"""An organiser runs a series from the first page to the certificates, in a real
browser and without the admin."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from sessions_app.models import Session, SessionSeries
from tests.browser.conftest import link_in_mail
from tests.browser.test_journeys import SECRET, log_in
from tests.community.factories import OrganiserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def add_session(page, title, day, start, end):
    page.get_by_role("link", name="Sessie toevoegen").click()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill(start)
    page.get_by_label("Eindtijd").fill(end)
    page.get_by_label("Link naar de online sessie").fill("https://meet.example.org/buurt")
    page.get_by_role("button", name="Sessie toevoegen").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main table")).to_contain_text(title)


def test_an_organiser_runs_a_series_from_creation_to_certificates(site, page, second_page):
    organiser = OrganiserFactory(organiser=False, email="planner@gemeente.example")
    TOTP.activate(organiser, SECRET)
    log_in(page, site, organiser.email, secret=SECRET)

    # A new series with two sessions, made in the workspace.
    site.go("/organiseren/")
    page.get_by_role("link", name="Nieuwe reeks maken").click()
    page.get_by_label("Titel").fill("Samen de buurt vergroenen")
    page.get_by_label("Korte omschrijving").fill("Twee online sessies over groen in de wijk.")
    page.get_by_label("Inleiding").fill("We leren van gemeenten die het al deden.")
    page.get_by_label("Organisatoren").fill("Gemeente Lindendal")
    page.get_by_role("button", name="Reeks maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen de buurt vergroenen")
    day = timezone.localdate() + timedelta(days=14)
    add_session(page, "Waar begin je?", day, "13:30", "14:30")
    add_session(page, "Samen ontwerpen", day + timedelta(days=7), "13:30", "15:00")

    # Published: visitors see it.
    page.get_by_role("link", name="Reeks wijzigen of publiceren").click()
    page.get_by_label(re.compile("^Gepubliceerd")).check()
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.locator(".messages")).to_be_visible()
    series = SessionSeries.objects.get(title="Samen de buurt vergroenen")
    assert series.is_published

    # A participant registers for both sessions.
    visitor = second_page
    site.go(f"/sessies/{series.slug}/aanmelden/", visitor)
    visitor.get_by_label(re.compile(r"^1\. Waar begin je")).check()
    visitor.get_by_label(re.compile(r"^2\. Samen ontwerpen")).check()
    visitor.get_by_label("Je naam").fill("Łucja de Vries")
    visitor.get_by_label("Je e-mailadres").fill("lucja@gemeente.example")
    visitor.get_by_label("Ik vind het goed").check()
    visitor.get_by_role("button", name="Aanmelden").click()
    expect(visitor.locator("main")).to_contain_text("bevestigd")
    personal = link_in_mail("/sessies/aanmelding/")

    # Both sessions take place (the clock moves on three weeks).
    Session.objects.filter(series=series).update(
        starts_at=F("starts_at") - timedelta(days=28), ends_at=F("ends_at") - timedelta(days=28)
    )

    # The organiser records who attended.
    site.go(f"/organiseren/reeksen/{series.pk}/")
    for title, shortcut in (("Waar begin je?", False), ("Samen ontwerpen", True)):
        page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
        expect(page.locator("main")).to_contain_text("Afgelopen")
        page.get_by_role("link", name="Aanwezigheid bijhouden").click()
        if shortcut:
            page.get_by_role("button", name="Iedereen was aanwezig").click()
        else:
            page.get_by_label(re.compile("Łucja de Vries")).check()
            page.get_by_role("button", name="Aanwezigheid opslaan").click()
        expect(page.locator(".messages")).to_be_visible()
        site.go(f"/organiseren/reeksen/{series.pk}/")

    # The participant downloads the certificate from the personal page.
    site.go(personal, visitor)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("Download je deelnamebewijs")).click()
    text = " ".join(page.extract_text() for page in PdfReader(download.value.path()).pages)
    assert "Łucja de Vries" in text
    assert "Samen de buurt vergroenen" in text
    assert "2,5 uur" in text
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", text).group(0)

    # Anyone with the code can check it is genuine.
    site.go(f"/deelnamebewijs/{code}/", visitor)
    main = visitor.locator("main")
    expect(main).to_contain_text("Łucja de Vries")
    expect(main).to_contain_text("Samen de buurt vergroenen")
    expect(main).to_contain_text("2,5 uur")
    expect(main).not_to_contain_text("lucja@gemeente.example")

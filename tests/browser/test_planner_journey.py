"""A team runs its trajectory in a real browser: from a phase page to a published case."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from community.demo import load_accounts
from community.models import Case
from planner.models import Answer, Membership, Role, Score, Stakeholder, Trajectory
from tests.browser.conftest import link_in_mail
from tests.browser.test_journeys import SECRET, decide, log_in, log_out
from tests.community.factories import ModeratorFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Samen het afvalrooster herzien"
PARTNER_PASSWORD = "bewoners weten het beter"


def nav(page, name):
    """Follow a link in the trajectory's own navigation."""
    page.get_by_role("navigation", name="Onderdelen van het traject").get_by_role(
        "link", name=name
    ).click()


def test_a_team_runs_a_trajectory_and_ends_with_a_published_case(
    site, page, second_page, console_problems
):
    load_accounts()  # the demo members and their published cases
    owner = VerifiedUserFactory(email="lotte@lindendal.example")
    moderator = ModeratorFactory(moderator=False)
    TOTP.activate(moderator, SECRET)
    colleague_case = Case.objects.published().get(challenges__number=6)

    # From a phase page the owner starts a trajectory in that phase.
    log_in(page, site, owner.email)
    site.go("/roadmap/co-initieren/")
    page.get_by_role("link", name="Begin een traject in deze fase").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Gemeente of organisatie").fill("Gemeente Lindendal")
    page.get_by_label("Publieke dienst").fill("Het ophalen van grof afval")
    page.get_by_label("Doel").fill("Een rooster dat bewoners zelf mee bedachten.")
    page.get_by_role("button", name="Traject beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    trajectory = Trajectory.objects.get(title=TITLE)
    assert trajectory.phase.slug == "co-initieren"

    # The owner invites a partner without an account, who accepts and makes one.
    nav(page, "Team")
    page.get_by_label("E-mailadres").fill("fatma@buurtkracht.example")
    page.get_by_label("Bewerker").check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".messages")).to_contain_text("krijgt een uitnodiging")
    partner = second_page
    site.go(link_in_mail("/uitnodiging/"), partner)
    partner.get_by_label("Je naam").fill("Fatma Yilmaz")
    partner.get_by_label("Kies een wachtwoord").fill(PARTNER_PASSWORD)
    partner.get_by_label("Wachtwoord nog een keer").fill(PARTNER_PASSWORD)
    partner.get_by_label("Ik heb de privacyverklaring gelezen.").check()
    partner.get_by_role("button", name="Account maken en aannemen").click()
    expect(partner.locator(".messages")).to_contain_text("Welkom in het team")
    assert Membership.objects.get(user__email="fatma@buurtkracht.example").role == Role.EDITOR

    # The partner fills in two guiding questions of the phase.
    nav(partner, re.compile("Initi"))
    questions = partner.locator(".checklist__item")
    for index, notes in enumerate(["Bewoners klagen over volle stoepen.", "Eerst luisteren."]):
        item = questions.nth(index)
        item.get_by_label("Klaar").check()
        item.get_by_label("Jullie antwoord of aantekeningen").fill(notes)
        item.get_by_role("button", name=re.compile("^Opslaan")).click()
        expect(partner.locator(".messages")).to_contain_text("Opgeslagen")
        questions = partner.locator(".checklist__item")
    assert Answer.objects.filter(trajectory=trajectory, status="done").count() == 2
    expect(partner.locator(".page-header .progress__text")).to_contain_text("2 van")

    # Three stakeholders on the map.
    people = [
        ("Bewoners van de Oude Wijk", "Inwoners", "5", "2"),
        ("Afvaldienst", "Gemeente", "4", "5"),
        ("Kringloopwinkel De Tweede Ronde", "Maatschappelijke organisatie", "3", "2"),
    ]
    for name, kind, interest, influence in people:
        nav(partner, "Belanghebbenden")
        partner.get_by_role("link", name=re.compile("toevoegen|Zet de eerste")).first.click()
        partner.get_by_label("Naam of groep").fill(name)
        partner.get_by_label(kind, exact=True).check()
        partner.get_by_role("group", name=re.compile("^Belang")).get_by_label(interest).check()
        partner.get_by_role("group", name=re.compile("^Invloed")).get_by_label(influence).check()
        partner.get_by_role("button", name="Op de kaart zetten").click()
        expect(partner.locator("main table")).to_contain_text(name)
    assert Stakeholder.objects.filter(trajectory=trajectory).count() == 3
    expect(partner.locator("main svg circle, main svg .stakeholder-point")).to_have_count(3)

    # The owner records a co-evaluation; a participant scores it without an account.
    nav(page, "Bijeenkomsten")
    page.get_by_role("link", name="Co-evaluatie vastleggen").click()
    page.get_by_label("Onderwerp").fill("Terugblik op de buurtavond")
    page.get_by_label("Wat werkt?").fill("Samen aan tafel met de afvaldienst.")
    page.get_by_role("button", name="Opslaan").click()
    score_link = page.locator("main input[readonly]").first.input_value()
    log_out(partner)
    site.go(re.sub(r"^https?://[^/]+", "", score_link), partner)
    partner.get_by_label("4", exact=True).check()
    partner.get_by_role("button", name="Versturen").click()
    expect(partner.locator("main")).to_contain_text(re.compile("[Dd]ank"))
    assert Score.objects.get(meeting__trajectory=trajectory).score == 4

    # The owner ticks a challenge and sees a colleague's case about it.
    nav(page, "Uitdagingen")
    page.locator("main form").get_by_label(re.compile("^6")).check()
    page.get_by_role("button", name="Uitdagingen opslaan").click()
    expect(page.locator("main")).to_contain_text("Collega's die dit meemaakten")
    expect(page.get_by_role("link", name=colleague_case.title)).to_be_visible()

    # The owner publishes it as a case and submits it; the moderator publishes it.
    site.go(f"/trajecten/{trajectory.pk}/publiceren/")
    page.get_by_role("button", name="Concept-praktijkverhaal maken").click()
    case = Case.objects.get(author=owner)
    assert "Afvaldienst" not in case.body  # no stakeholder's name in the draft
    page.get_by_role("button", name="Opslaan als concept").or_(
        page.get_by_role("button", name="Wijzigingen opslaan")
    ).click()
    page.get_by_role("button", name="Indienen voor beoordeling").click()
    log_in(partner, site, moderator.email, secret=SECRET)
    decide(partner, site, case.title, "Publiceren", "Mooi, dank voor het delen.")
    case.refresh_from_db()
    assert case.is_published
    # The trajectory itself stays private.
    site.go(case.get_absolute_url(), partner)
    console_problems.expect(trajectory.get_absolute_url())
    response = partner.goto(f"{site.url}{trajectory.get_absolute_url()}")
    assert response.status == 404

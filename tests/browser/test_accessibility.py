"""axe-core in the browser on every page type: zero violations of the WCAG 2.0 / 2.1
A and AA rules, for visitors, members and moderators, forms empty and with errors. Every
Dutch page state it scans is also read for the words of ``tests/plain_language.txt``."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from cocreatie.core.notifications import unsubscribe_token
from community.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_accounts
from community.models import Appeal, Case, Comment, Decision, Organisation, Profile, Question
from community.questions import question_ask
from roadmap.models import Article, Challenge, Example, Phase, Theme, Tool
from sessions_app.attendance import certificate_issue
from sessions_app.models import ParticipantMessage, Registration, Seat, SessionSeries
from tests.browser.html_check import assert_valid, check
from tests.browser.test_journeys import log_in, log_out
from tests.plain_language import page_jargon

pytestmark = pytest.mark.django_db(transaction=True)

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


class Scanner:
    def __init__(self, site):
        self.site, self.axe, self.violations, self.jargon = site, Axe(), {}, {}
        self.pages = []  # (label, HTML) of every state scanned, for the HTML checker
        self.documents = {}  # id(page) -> the last main-document response it received

    def watch(self, page):
        """Keep the last main-document response of ``page`` (its body is read in scan)."""
        if id(page) in self.documents:
            return
        self.documents[id(page)] = None

        def keep(response):
            request = response.request
            if request.resource_type == "document" and response.frame == page.main_frame:
                self.documents[id(page)] = response

        page.on("response", keep)

    def served_html(self, page):
        """The HTML the server sent for the page shown, not the browser's repaired DOM."""
        response = self.documents.get(id(page))
        if response is not None:
            return response.text()
        # No document response is known: the page was loaded before the scanner watched
        # it (as in the control test below), so the checker reads the browser's DOM.
        return page.content()

    def scan(self, page, label):
        self.watch(page)
        page.wait_for_load_state()
        self.pages.append((label, self.served_html(page)))
        results = self.axe.run(page, options=WCAG)
        found = results.response["violations"]
        if found:
            self.violations[label] = [
                f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
                for v in found
            ]
        if page.evaluate("document.documentElement.lang") == "nl":
            words = page_jargon(page.content())
            if words:
                self.jargon[label] = words

    def visit(self, page, path, status=200):
        self.watch(page)
        response = page.goto(f"{self.site.url}{path}")
        assert response.status == status, f"{path}: {response.status}"
        self.scan(page, path)

    def submit_empty(self, page, path, button):
        self.watch(page)
        page.goto(f"{self.site.url}{path}")
        page.locator("main form").get_by_role("button", name=button).click()
        expect(page.locator(".error-summary")).to_be_visible()
        self.scan(page, f"{path} (with errors)")


def public_paths():
    series = SessionSeries.objects.get(slug="co-creatie-in-het-publieke-domein")
    case = Case.objects.published().first()
    return [
        "/", "/roadmap/", Phase.objects.first().get_absolute_url(),
        "/uitdagingen/", Challenge.objects.first().get_absolute_url(),
        "/voorbeelden/", "/voorbeelden/?fase=co-design&land=Nederland",
        Example.objects.first().get_absolute_url(),
        "/hulpmiddelen/", Tool.objects.first().get_absolute_url(),
        "/themas/", Theme.objects.first().get_absolute_url(),
        "/artikelen/", Article.objects.first().get_absolute_url(),
        f"/tags/{Tool.objects.first().tags.first().slug}/",
        "/zoeken/", "/zoeken/?q=narratieve", "/zoeken/?q=qqxyzzy", "/zoeken/?q=evalutie",
        "/zoeken/?q=afval&soort=voorbeeld&fase=co-initieren", "/zoeken/?q=zwerfafval",
        "/community/", "/community/?fase=co-design", case.get_absolute_url(),
        Profile.objects.filter(is_listed=True).first().get_absolute_url(),
        Organisation.objects.first().get_absolute_url(),
        "/sessies/", series.get_absolute_url(), f"{series.get_absolute_url()}aanmelden/",
        f"{series.get_absolute_url()}aangemeld/",
        Registration.objects.filter(series=series).first().get_absolute_url(),
        "/privacy/", "/toegankelijkheid/", "/contact/", "/open-data/",
        "/account/login/", "/account/signup/", "/account/password/reset/",
    ]  # fmt: skip


def evaluation_path():
    """The evaluation form of a session held that its participant has not evaluated yet."""
    seats = Seat.objects.filter(
        registration__series__slug="co-creatie-in-het-publieke-domein-eerdere-reeks"
    ).select_related("registration", "session")
    seat = next(seat for seat in seats if seat.can_evaluate)
    return f"{seat.registration.get_absolute_url()}evaluatie/{seat.session.order}/"


def test_every_page_type_has_no_wcag_violations(site, page, second_page, console_problems):
    load_accounts()
    console_problems.expect("/bestaat-niet/")
    console_problems.expect("/community/afmelden/vervalst/")
    scanner = Scanner(site)

    for path in public_paths():
        scanner.visit(page, path)
    scanner.visit(page, "/bestaat-niet/", status=404)
    scanner.submit_empty(page, "/contact/", "Bericht versturen")
    scanner.submit_empty(page, "/account/signup/", "Account maken")
    scanner.submit_empty(page, "/sessies/co-creatie-in-het-publieke-domein/aanmelden/", "Aanmelden")
    scanner.submit_empty(page, "/account/login/", "Inloggen")
    scanner.submit_empty(page, "/account/password/reset/", "Nieuw wachtwoord aanvragen")
    past = Registration.objects.filter(
        series__slug="co-creatie-in-het-publieke-domein-eerdere-reeks"
    ).first()
    scanner.visit(page, f"{past.get_absolute_url()}evaluatie/1/")
    scanner.submit_empty(page, evaluation_path(), "Versturen")
    current = SessionSeries.objects.get(slug="co-creatie-in-het-publieke-domein")
    partly = next(
        registration
        for registration in Registration.objects.filter(series=current)
        if registration.seats.count() < current.sessions.count()
    )
    scanner.submit_empty(page, partly.get_absolute_url(), "Aanmelden")

    # A member's own pages, and their forms with errors.
    log_in(page, site, "sanne@lindendal.example", password=DEMO_PASSWORD)
    case = Case.objects.published().exclude(author__email="sanne@lindendal.example").first()
    for path in ["/community/mijn-verhalen/", "/community/verhalen/nieuw/",
                 "/community/mijn-profiel/", "/community/mijn-gegevens/",
                 "/sessies/mijn-aanmeldingen/", "/account/email/",
                 "/account/password/change/", "/account/2fa/",
                 f"/community/melden/verhaal/{case.pk}/", case.get_absolute_url(),
                 "/community/welkom/", "/community/welkom/?stap=verder",
                 "/community/volglijst/", "/community/meldingen/",
                 "/community/meldingen/voorkeuren/", "/community/vragen/"]:  # fmt: skip
        scanner.visit(page, path)
    # Photos, documents and threads of Sanne's own published case.
    own = Case.objects.published().get(author__email="sanne@lindendal.example", is_featured=True)
    photo = own.images.first()
    first_comment = own.comments.filter(parent=None).first()
    for path in [own.get_absolute_url(), f"/community/verhalen/{own.slug}/bestanden/",
                 f"/community/verhalen/{own.slug}/fotos/{photo.pk}/verwijderen/",
                 f"{own.get_absolute_url()}?reageer={first_comment.pk}"]:  # fmt: skip
        scanner.visit(page, path)
    scanner.submit_empty(page, f"/community/verhalen/{own.slug}/bestanden/", "Foto toevoegen")
    scanner.submit_empty(page, f"/community/verhalen/{own.slug}/bestanden/", "Document toevoegen")
    page.goto(f"{site.url}/community/welkom/")
    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator(".error-summary")).to_be_visible()
    scanner.scan(page, "/community/welkom/ (with errors)")
    colleague = (
        Profile.objects.filter(accepts_questions=True)
        .exclude(user__email="sanne@lindendal.example")
        .first()
    )
    scanner.visit(page, reverse("community:question_create", args=[colleague.slug]))
    scanner.submit_empty(
        page, reverse("community:question_create", args=[colleague.slug]), "Vraag versturen"
    )
    received = Question.objects.filter(recipient__email="marieke@rivierland.example").first()
    token = unsubscribe_token(received.recipient, "new_case")
    scanner.submit_empty(page, "/community/verhalen/nieuw/", "Opslaan als concept")
    scanner.submit_empty(page, f"/community/melden/verhaal/{case.pk}/", "Melding versturen")
    page.goto(f"{site.url}/community/mijn-profiel/")
    page.get_by_label(re.compile("naam", re.I)).first.fill("")
    page.locator("main form").get_by_role("button").first.click()
    expect(page.locator(".error-summary")).to_be_visible()
    scanner.scan(page, "/community/mijn-profiel/ (with errors)")
    mine = Comment.objects.filter(author__email="sanne@lindendal.example").first()
    scanner.visit(page, f"/community/reacties/{mine.pk}/verwijderen/")
    page.goto(f"{site.url}{case.get_absolute_url()}")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    scanner.scan(page, f"{case.get_absolute_url()} (comment with errors)")
    scanner.visit(page, "/huisregels/")

    # The one who was asked reads the question; anyone opens an unsubscribe link.
    log_out(page)
    log_in(page, site, "marieke@rivierland.example", password=DEMO_PASSWORD)
    scanner.visit(page, received.get_absolute_url())
    asked = question_ask(
        asker=Profile.objects.get(user__email="sanne@lindendal.example").user,
        recipient_profile=received.recipient.profile,
        message="Hoe kregen jullie de inwoners aan tafel?",
    )
    scanner.visit(page, asked.get_absolute_url())
    scanner.submit_empty(page, asked.get_absolute_url(), "Antwoord versturen")
    scanner.visit(page, reverse("community:unsubscribe", args=[token]))
    scanner.visit(page, "/community/afmelden/vervalst/", status=400)

    # The author of a hidden comment reads the statement and objects to it.
    appeal = Appeal.objects.select_related("decision__comment__case").get()
    log_out(page)
    log_in(page, site, appeal.decision.member.email, password=DEMO_PASSWORD)
    scanner.visit(page, appeal.decision.comment.case.get_absolute_url())
    automatic = Decision.objects.get(kind=Decision.Kind.AUTO_HIDDEN)
    log_out(page)
    log_in(page, site, automatic.member.email, password=DEMO_PASSWORD)
    scanner.visit(page, f"/community/bezwaar/{automatic.pk}/")
    scanner.submit_empty(page, f"/community/bezwaar/{automatic.pk}/", "Bezwaar versturen")

    # The moderator's pages.
    log_in(second_page, site, "moderator@example.org", DEMO_PASSWORD, secret=DEMO_TOTP_SECRET)
    submitted = Case.objects.filter(status="submitted").first()
    session = SessionSeries.objects.get(slug="co-creatie-in-het-publieke-domein").sessions.first()
    spammer = automatic.member.profile.slug
    for path in ["/moderatie/", "/moderatie/logboek/", "/moderatie/logboek/?actie=auto_hide",
                 f"/moderatie/verhalen/{submitted.slug}/", f"/moderatie/bezwaren/{appeal.pk}/",
                 f"/moderatie/leden/{spammer}/schorsen/",
                 f"/moderatie/leden/{spammer}/spam-verwijderen/",
                 f"/moderatie/verhalen/{own.slug}/"]:  # fmt: skip
        scanner.visit(second_page, path)
    scanner.submit_empty(
        second_page, f"/moderatie/bezwaren/{appeal.pk}/", "Besluit opslaan en het lid mailen"
    )
    scanner.submit_empty(second_page, f"/moderatie/leden/{spammer}/schorsen/", "Lid schorsen")

    # The organisers' workspace (the demo moderator organises too).
    past = SessionSeries.objects.exclude(pk=session.series_id).get(slug__startswith="co-creatie")
    ended = past.sessions.first()
    series = f"/organiseren/reeksen/{session.series_id}/"
    organised, held = f"/organiseren/sessies/{session.pk}/", f"/organiseren/sessies/{ended.pk}/"
    message = ParticipantMessage.objects.create(
        series=session.series, group="active", subject="Welkom", body="Tot snel.",
        recipient_count=0,
    )  # fmt: skip
    for path in ["/organiseren/", series, f"{series}wijzigen/", f"{series}kopieren/",
                 f"{series}sessies/nieuw/", f"{series}aanmeldingen/", f"{series}mailen/",
                 f"{series}berichten/", f"/organiseren/berichten/{message.pk}/",
                 f"/organiseren/reeksen/{past.pk}/evaluatie/", organised, f"{organised}wijzigen/",
                 held, f"{held}aanwezig/"]:  # fmt: skip
        scanner.visit(second_page, path)
    scanner.submit_empty(second_page, "/organiseren/reeksen/nieuw/", "Reeks maken")
    scanner.submit_empty(second_page, f"{series}sessies/nieuw/", "Sessie toevoegen")
    scanner.submit_empty(second_page, f"{series}mailen/", "Voorbeeld bekijken")
    scanner.submit_empty(second_page, organised, "Sessie afgelasten")
    # The preview of a message, and a certificate's check page.
    second_page.goto(f"{site.url}{series}mailen/")
    second_page.get_by_label("Onderwerp").fill("Tot donderdag")
    second_page.get_by_label("Bericht", exact=True).fill("We zien je graag.")
    second_page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(second_page.get_by_role("button", name="Versturen")).to_be_visible()
    scanner.scan(second_page, f"{series}mailen/ (preview)")
    attended = Seat.objects.filter(session=ended, attended_at__isnull=False).first()
    certificate = certificate_issue(registration=attended.registration)
    scanner.visit(second_page, certificate.get_absolute_url())

    assert scanner.violations == {}, "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in scanner.violations.items()
    )
    assert scanner.jargon == {}, "not plain Dutch:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in scanner.jargon.items()
    )
    assert_valid(scanner.pages)


def test_focus_moves_to_the_error_summary_which_links_to_the_fields(site, page):
    site.go("/contact/")
    page.get_by_role("button", name="Bericht versturen").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Je naam")).click()
    expect(page.get_by_label("Je naam")).to_be_focused()
    described = page.get_by_label("Je naam").get_attribute("aria-describedby")
    assert "id_name_error" in described
    expect(page.locator("#id_name_error")).to_contain_text("Vul je naam in.")


def test_the_scan_notices_a_violation(site, page):
    """The control: the same scan on a page with a known fault reports it."""
    site.go("/")
    page.evaluate("document.querySelector('main h1').insertAdjacentHTML('afterend', "
                  "'<input type=\"text\" name=\"zonder-label\">')")  # fmt: skip

    results = Axe().run(page, options=WCAG)

    assert "label" in {violation["id"] for violation in results.response["violations"]}


def test_the_html_check_notices_an_error(site, page):
    """The control: the HTML checker reports a duplicate id on a scanned page."""
    site.go("/")
    page.evaluate("document.querySelector('main h1').insertAdjacentHTML('afterend', "
                  "'<p id=\"dubbel\">Een</p><p id=\"dubbel\">Twee</p>')")  # fmt: skip
    scanner = Scanner(site)
    scanner.scan(page, "/ (duplicate id)")

    errors, _warnings = check(scanner.pages)

    assert any(e.startswith("/ (duplicate id): line") and "dubbel" in e for e in errors), errors

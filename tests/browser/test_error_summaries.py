"""Every error summary with the keyboard: on each form sent with errors, every link of the
summary, focused and followed with Enter, puts the focus on the field it names (for a
group of choices: its fieldset or the group's first choice)."""

import logging
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from community.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_accounts
from community.models import Appeal, Case, Decision, Profile
from community.questions import question_ask
from sessions_app.models import Registration, SessionSeries
from tests.browser.test_accessibility import evaluation_path
from tests.browser.test_journeys import log_in, log_out
from tests.browser.test_planner_accessibility import demo_trajectory, send_too_long_answer

pytestmark = pytest.mark.django_db(transaction=True)

# Where the focus went, and the name of that field: the text of its label, or the legend
# of the fieldset it is (or is the first choice of).
FOCUSED = """id => {
    const target = document.getElementById(id);
    const active = document.activeElement;
    const group = target && target.tagName === "FIELDSET" ? target : null;
    const first = group && group.querySelector("input, select, textarea");
    const landed = active && (active.id === id || (first !== null && active === first));
    const clean = text => (text || "").replace(/\\s+/g, " ").trim();
    let name = "";
    if (landed && group) {
        name = clean(group.querySelector("legend")?.textContent);
    } else if (landed) {
        name = Array.from(active.labels || []).map(label => clean(label.textContent)).join(" ");
    }
    return {
        exists: target !== null,
        landed: Boolean(landed),
        active: active ? `${active.tagName.toLowerCase()}#${active.id}` : "nothing",
        name: name,
    };
}"""


class Summaries:
    """Sends forms with errors and follows every link of their error summary."""

    def __init__(self, site):
        self.site, self.problems, self.links, self.forms = site, [], 0, []

    def submit(self, page, path, button, fill=None, form="main form"):
        page.goto(f"{self.site.url}{path}")
        if fill:
            fill(page)
        page.locator(form).get_by_role("button", name=button).click()
        self.follow(page, f"{path} ({button})")

    def follow(self, page, label):
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()
        links = summary.locator("a")
        count = links.count()
        self.forms.append(label)
        if not count:
            self.problems.append(f"{label}: the summary links to no field")
        for number in range(count):
            link = links.nth(number)
            href, text = link.get_attribute("href") or "", link.inner_text().strip()
            field = text.split(":", 1)[0].strip()
            self.links += 1
            if not href.startswith("#") or len(href) < 2:
                self.problems.append(f"{label}: {text!r} links to {href!r}, not to a field")
                continue
            link.focus()
            page.keyboard.press("Enter")
            found = page.evaluate(FOCUSED, href[1:])
            if not found["exists"]:
                self.problems.append(f"{label}: {text!r} links to {href}, which is not there")
            elif not found["landed"]:
                self.problems.append(
                    f"{label}: {text!r} leaves the focus on {found['active']}, not {href}"
                )
            elif field.casefold() not in found["name"].casefold():
                self.problems.append(
                    f"{label}: {text!r} leads to {href}, named {found['name']!r}, not {field!r}"
                )

    def report(self):
        logging.getLogger(__name__).warning(
            "Error summaries: %d forms, %d links followed", len(self.forms), self.links
        )
        assert self.forms and self.links >= len(self.forms), self.forms
        assert self.problems == [], f"{len(self.problems)} of {self.links} links:\n" + "\n".join(
            self.problems
        )


def test_every_error_summary_of_the_site_leads_to_its_fields(site, page, second_page):
    load_accounts()
    summaries = Summaries(site)
    series = "/sessies/co-creatie-in-het-publieke-domein/"

    summaries.submit(page, "/contact/", "Bericht versturen")
    summaries.submit(page, "/account/signup/", "Account maken")
    summaries.submit(page, f"{series}aanmelden/", "Aanmelden")
    summaries.submit(page, "/account/login/", "Inloggen")
    summaries.submit(page, "/account/password/reset/", "Nieuw wachtwoord aanvragen")
    # A participant's own page (a session more) and the evaluation of a session held.
    current = SessionSeries.objects.get(slug="co-creatie-in-het-publieke-domein")
    partly = next(
        registration
        for registration in Registration.objects.filter(series=current)
        if registration.seats.count() < current.sessions.count()
    )
    summaries.submit(page, partly.get_absolute_url(), "Aanmelden", form="main form.form")
    summaries.submit(page, evaluation_path(), "Versturen")

    # A member's forms.
    log_in(page, site, "sanne@lindendal.example", password=DEMO_PASSWORD)
    case = Case.objects.published().exclude(author__email="sanne@lindendal.example").first()
    own = Case.objects.published().get(author__email="sanne@lindendal.example", is_featured=True)
    summaries.submit(page, "/community/verhalen/nieuw/", "Opslaan als concept")
    summaries.submit(page, f"/community/verhalen/{own.slug}/bestanden/", "Foto toevoegen")
    summaries.submit(page, f"/community/verhalen/{own.slug}/bestanden/", "Document toevoegen")
    summaries.submit(page, f"/community/melden/verhaal/{case.pk}/", "Melding versturen")
    colleague = (
        Profile.objects.filter(accepts_questions=True)
        .exclude(user__email="sanne@lindendal.example")
        .first()
    )
    question = reverse("community:question_create", args=[colleague.slug])
    summaries.submit(page, question, "Vraag versturen")
    summaries.submit(
        page, "/community/welkom/", "Opslaan en verder",
        fill=lambda p: p.get_by_label("Naam", exact=True).fill(""),
    )  # fmt: skip
    page.goto(f"{site.url}/community/mijn-profiel/")
    page.get_by_label(re.compile("naam", re.I)).first.fill("")
    page.locator("main form").get_by_role("button").first.click()
    summaries.follow(page, "/community/mijn-profiel/")
    summaries.submit(page, case.get_absolute_url(), "Reactie plaatsen", form="main")

    # An objection to an automatic decision, and the moderator's decision on an appeal.
    automatic = Decision.objects.get(kind=Decision.Kind.AUTO_HIDDEN)
    log_out(page)
    log_in(page, site, automatic.member.email, password=DEMO_PASSWORD)
    summaries.submit(page, f"/community/bezwaar/{automatic.pk}/", "Bezwaar versturen")
    # The answer to a question, by the one who was asked.
    asked = question_ask(
        asker=Profile.objects.get(user__email="sanne@lindendal.example").user,
        recipient_profile=Profile.objects.get(user__email="marieke@rivierland.example"),
        message="Hoe kregen jullie de inwoners aan tafel?",
    )
    log_out(page)
    log_in(page, site, "marieke@rivierland.example", password=DEMO_PASSWORD)
    summaries.submit(page, asked.get_absolute_url(), "Antwoord versturen")
    appeal = Appeal.objects.get()
    log_in(second_page, site, "moderator@example.org", DEMO_PASSWORD, secret=DEMO_TOTP_SECRET)
    summaries.submit(
        second_page, f"/moderatie/bezwaren/{appeal.pk}/", "Besluit opslaan en het lid mailen"
    )
    spammer = automatic.member.profile.slug
    summaries.submit(second_page, f"/moderatie/leden/{spammer}/schorsen/", "Lid schorsen")

    # The organisers' forms.
    session = SessionSeries.objects.get(slug="co-creatie-in-het-publieke-domein").sessions.first()
    organised = f"/organiseren/reeksen/{session.series_id}/"
    summaries.submit(second_page, "/organiseren/reeksen/nieuw/", "Reeks maken")
    summaries.submit(second_page, f"{organised}sessies/nieuw/", "Sessie toevoegen")
    summaries.submit(second_page, f"{organised}mailen/", "Voorbeeld bekijken")
    summaries.submit(second_page, f"/organiseren/sessies/{session.pk}/", "Sessie afgelasten")

    summaries.report()


def test_every_error_summary_of_the_planner_leads_to_its_fields(site, page):
    trajectory, owner, evaluation, invitation = demo_trajectory()
    base = f"/trajecten/{trajectory.pk}/"
    summaries = Summaries(site)

    # Without an account: the invitation's account form and a score link.
    summaries.submit(page, invitation, "Account maken en aannemen")
    summaries.submit(page, evaluation.score_url(), "Versturen")

    log_in(page, site, owner.user.email, password=DEMO_PASSWORD)
    last = "main form.form >> nth=-1"
    summaries.submit(
        page, "/mijn-trajecten/nieuw/", "Traject beginnen", form=last,
        fill=lambda p: p.get_by_label("Titel").fill(""),
    )  # fmt: skip
    summaries.submit(page, f"{base}team/", "Uitnodiging versturen", form=last)
    summaries.submit(page, f"{base}belanghebbenden/nieuw/", "Op de kaart zetten", form=last)
    summaries.submit(
        page, f"{base}bijeenkomsten/nieuw/", "Opslaan", form=last,
        fill=lambda p: p.get_by_label("Datum").fill(""),
    )  # fmt: skip
    answer = send_too_long_answer(page, site, trajectory, trajectory.phase.questions.first())
    summaries.follow(page, f"{answer} (Opslaan)")

    summaries.report()

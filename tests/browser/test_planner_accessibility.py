"""axe-core on every page of the trajectory planner and its states: for the owner, a
reader and a moderator reading along, every form empty, with errors and after success,
the empty states, and the invitation and score links without an account. The pages also
fit a 320 px screen (the pictures land in var/screenshots/, as the other pages')."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from community.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_accounts
from planner import demo, services
from planner.models import Meeting, Role, Trajectory
from tests.browser.conftest import SCREENSHOTS
from tests.browser.html_check import assert_valid
from tests.browser.test_accessibility import Scanner
from tests.browser.test_journeys import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def report(scanner):
    assert scanner.violations == {}, "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in scanner.violations.items()
    )
    assert scanner.jargon == {}, "not plain Dutch:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in scanner.jargon.items()
    )
    assert_valid(scanner.pages)


def submit_with_errors(scanner, page, path, button, fill=None):
    page.goto(f"{scanner.site.url}{path}")
    if fill:
        fill(page)
    page.locator("main form.form").last.get_by_role("button", name=button).click()
    expect(page.locator(".error-summary")).to_be_visible()
    scanner.scan(page, f"{path} (with errors)")


def demo_trajectory():
    """The demo trajectory with its accounts: the trajectory, its owner's membership, its
    first evaluation, and the path of a fresh invitation for someone without an account."""
    load_accounts()
    demo.load_accounts()
    trajectory = Trajectory.objects.get(title=demo.TITLE)
    owner = trajectory.memberships.get(role=Role.OWNER)
    evaluation = trajectory.meetings.filter(kind=Meeting.Kind.EVALUATION).first()
    _invitation, token = services.invitation_create(
        trajectory=trajectory, owner=owner.user, email="nieuw@buurtkracht.example",
        role=Role.READER,
    )  # fmt: skip
    return trajectory, owner, evaluation, reverse("planner:invitation", args=[token])


def send_too_long_answer(page, site, trajectory, question):
    """Send an answer longer than allowed (past the field's maxlength, as an old browser
    would); the path of the answer's page."""
    answer = f"/trajecten/{trajectory.pk}/fasen/{trajectory.phase.slug}/vragen/{question.pk}/"
    page.goto(f"{site.url}{answer}")
    notes = page.get_by_label("Jullie antwoord of aantekeningen")
    notes.evaluate("field => field.removeAttribute('maxlength')")
    notes.fill("x" * 5001)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    return answer


def test_every_planner_page_has_no_wcag_violations(site, page, second_page, console_problems):
    trajectory, owner, evaluation, invitation = demo_trajectory()
    reader = trajectory.memberships.get(role=Role.READER)
    stakeholder = trajectory.stakeholders.first()
    base = f"/trajecten/{trajectory.pk}/"
    scanner = Scanner(site)

    # Without an account: an invitation (make an account, with errors) and a score link.
    scanner.visit(page, invitation)
    scanner.submit_empty(page, invitation, "Account maken en aannemen")
    console_problems.expect("/uitnodiging/vervalst/")
    scanner.visit(page, "/uitnodiging/vervalst/", status=404)
    score = evaluation.score_url()
    scanner.visit(page, score)
    scanner.submit_empty(page, score, "Versturen")
    page.get_by_label("4", exact=True).check()
    page.locator("main form").get_by_role("button").first.click()
    scanner.scan(page, f"{score} (sent)")
    closed = services_close(evaluation, owner.user)
    scanner.visit(page, closed)

    # The owner: every page, and its forms with errors.
    log_in(page, site, owner.user.email, password=DEMO_PASSWORD)
    paths = [
        "/mijn-trajecten/", "/mijn-trajecten/nieuw/", base, f"{base}bewerken/",
        f"{base}verwijderen/", f"{base}activiteit/", f"{base}team/",
        f"{base}team/{reader.pk}/verwijderen/", f"{base}team/{reader.pk}/eigenaar/",
        f"{base}belanghebbenden/", f"{base}belanghebbenden/nieuw/",
        f"{base}belanghebbenden/{stakeholder.pk}/",
        f"{base}belanghebbenden/{stakeholder.pk}/verwijderen/",
        f"{base}bijeenkomsten/", f"{base}bijeenkomsten/nieuw/",
        f"{base}bijeenkomsten/nieuw/?soort=evaluatie", evaluation.get_absolute_url(),
        f"{base}bijeenkomsten/{evaluation.pk}/bewerken/",
        f"{base}bijeenkomsten/{evaluation.pk}/verwijderen/",
        f"{base}uitdagingen/", f"{base}publiceren/",
    ]  # fmt: skip
    for phase in ("co-initieren", "co-design", "co-productie", "co-evaluatie"):
        paths.append(f"{base}fasen/{phase}/")
    question = trajectory.phase.questions.first()
    paths.append(f"{base}fasen/{trajectory.phase.slug}/vragen/{question.pk}/")
    for path in paths:
        scanner.visit(page, path)
    scanner.visit(page, invitation)  # logged in with another address: refused
    submit_with_errors(scanner, page, "/mijn-trajecten/nieuw/", "Traject beginnen",
                       fill=lambda p: p.get_by_label("Titel").fill(""))  # fmt: skip
    submit_with_errors(scanner, page, f"{base}team/", "Uitnodiging versturen")
    submit_with_errors(scanner, page, f"{base}belanghebbenden/nieuw/", "Op de kaart zetten")
    submit_with_errors(scanner, page, f"{base}bijeenkomsten/nieuw/", "Opslaan",
                       fill=lambda p: p.get_by_label("Datum").fill(""))  # fmt: skip
    answer = send_too_long_answer(page, site, trajectory, question)
    expect(page.locator(".error-summary")).to_be_visible()
    scanner.scan(page, f"{answer} (with errors)")
    # After success: a message above the page.
    page.goto(f"{site.url}{base}fasen/{trajectory.phase.slug}/")
    page.locator(".checklist__item").first.get_by_role("button").click()
    expect(page.locator(".messages")).to_be_visible()
    scanner.scan(page, f"{base}fasen/ (saved)")
    # A new trajectory: the empty states of every part.
    new = services.trajectory_create(
        owner=owner.user, title="Nieuw traject", organisation="Gemeente Lindendal (demo)",
        service="Paspoort aanvragen", goal="Sneller aan de beurt.",
        starts_on=trajectory.starts_on, phase=trajectory.phase,
    )  # fmt: skip
    for part in ("", "belanghebbenden/", "bijeenkomsten/", "uitdagingen/", "publiceren/",
                 "team/"):  # fmt: skip
        scanner.visit(page, f"/trajecten/{new.pk}/{part}")

    # A reader sees the same pages without the forms.
    log_out(page)
    log_in(page, site, reader.user.email, password=DEMO_PASSWORD)
    read_only = ["", f"fasen/{trajectory.phase.slug}/", "team/", "belanghebbenden/",
                 "bijeenkomsten/", "uitdagingen/"]  # fmt: skip
    for part in read_only:
        scanner.visit(page, f"{base}{part}")

    # A moderator reads along with a trajectory shared for support.
    services.support_share(trajectory=trajectory, owner=owner.user, shared=True)
    log_in(second_page, site, "moderator@example.org", DEMO_PASSWORD, secret=DEMO_TOTP_SECRET)
    scanner.visit(second_page, "/mijn-trajecten/")
    scanner.visit(second_page, base)
    scanner.visit(second_page, f"{base}fasen/{trajectory.phase.slug}/")

    report(scanner)


def services_close(meeting, owner) -> str:
    """Close a second co-evaluation's scoring; its score address."""
    from planner import meetings

    closed = meetings.meeting_create(
        trajectory=meeting.trajectory, editor=owner, kind=Meeting.Kind.EVALUATION,
        held_on=meeting.held_on, title="Gesloten terugblik", participants="", decisions="",
        what_works="", what_not="",
    )  # fmt: skip
    meetings.scores_open(meeting=closed, editor=owner, open=False)
    return closed.score_url()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_planner_fits_the_screen(site, page, width):
    load_accounts()
    demo.load_accounts()
    trajectory = Trajectory.objects.get(title=demo.TITLE)
    base = f"/trajecten/{trajectory.pk}/"
    log_in(page, site, "sanne@lindendal.example", password=DEMO_PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for name, path in {"traject": base, "traject-fase": f"{base}fasen/co-design/",
                       "belanghebbenden": f"{base}belanghebbenden/",
                       "bijeenkomsten": f"{base}bijeenkomsten/",
                       "traject-uitdagingen": f"{base}uitdagingen/"}.items():  # fmt: skip
        site.go(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{path} is {overflow} px wide on a {width} px screen"
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)

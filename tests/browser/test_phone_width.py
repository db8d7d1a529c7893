"""The moderators' and organisers' pages on a phone 320 px wide (WCAG 1.4.10, reflow):
the page never scrolls sideways. Wide tables scroll inside their own labelled region,
which the keyboard can reach; long words and web addresses wrap. The dashboard and the
log pass axe at that width too."""

import pytest
from playwright.sync_api import expect

from community import services
from community.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_accounts
from community.models import Appeal, Case, Comment, Decision, Report, User
from sessions_app.models import SessionSeries
from tests.browser.test_accessibility import Scanner
from tests.browser.test_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 320
LONG_ADDRESS = (
    "https://www.voorbeeldgemeente.example/participatie/buurtbudget/aanvraagformulier-2026"
)
LONG_WORD = "Burgerparticipatieverordeningsevaluatiecommissievergadering"


def moderation_work() -> dict[str, str]:
    """Something in every queue of the dashboard, with long words and addresses, and the
    paths of a case under review and of an appeal."""
    moderator = User.objects.get(email="moderator@example.org")
    members = list(User.objects.filter(email__endswith=".example").order_by("pk")[:4])
    submitted = Case.objects.filter(status=Case.Status.SUBMITTED).first()
    published = Case.objects.published().exclude(author=members[0]).first()
    comment = services.comment_create(
        case=published, author=members[0], body=f"Zie {LONG_ADDRESS} en {LONG_WORD}."
    )
    Comment.objects.filter(pk=comment.pk).update(held_at=None)
    for member in members[1:3]:
        Report.objects.create(reporter=member, comment=comment, reason="spam", text=LONG_ADDRESS)
    Comment.objects.create(
        case=published, author=members[0], body=LONG_ADDRESS, held_at=comment.created_at
    )
    services.content_hide(item=published, moderator=moderator, reason=f"Bevat {LONG_ADDRESS}")
    decision = Decision.objects.create(
        kind=Decision.Kind.HIDDEN, member=published.author, case=published, moderator=moderator,
        message=f"Bevat {LONG_ADDRESS}",
    )  # fmt: skip
    appeal = Appeal.objects.create(decision=decision, text=f"{LONG_WORD} {LONG_ADDRESS}")
    return {
        "case": f"/moderatie/verhalen/{submitted.slug}/",
        "appeal": f"/moderatie/bezwaren/{appeal.pk}/",
    }


def organiser_paths() -> list[str]:
    series = SessionSeries.objects.get(slug="co-creatie-in-het-publieke-domein")
    past = SessionSeries.objects.exclude(pk=series.pk).get(slug__startswith="co-creatie")
    return [
        "/organiseren/",
        f"/organiseren/sessies/{series.sessions.order_by('order').first().pk}/",
        f"/organiseren/sessies/{past.sessions.order_by('order').first().pk}/",
        f"/organiseren/reeksen/{series.pk}/aanmeldingen/",
        f"/organiseren/reeksen/{past.pk}/evaluatie/",
    ]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_moderation_and_organiser_pages_fit_a_phone(site, page):
    load_accounts()
    work = moderation_work()
    page.set_viewport_size({"width": WIDTH, "height": 640})
    log_in(page, site, "moderator@example.org", DEMO_PASSWORD, secret=DEMO_TOTP_SECRET)
    scanner = Scanner(site)

    too_wide = {}
    for path in ["/moderatie/", "/moderatie/logboek/", work["case"], work["appeal"],
                 *organiser_paths()]:  # fmt: skip
        site.go(path)
        if (width := page_width(page)) > WIDTH:
            too_wide[path] = width
        if path in ("/moderatie/", "/moderatie/logboek/"):
            scanner.scan(page, f"{path} at {WIDTH} px")

    assert too_wide == {}, f"wider than {WIDTH} px: {too_wide}"
    assert scanner.violations == {}, scanner.violations


def test_a_wide_table_scrolls_in_a_region_the_keyboard_reaches(site, page):
    load_accounts()
    page.set_viewport_size({"width": WIDTH, "height": 640})
    log_in(page, site, "moderator@example.org", DEMO_PASSWORD, secret=DEMO_TOTP_SECRET)
    site.go("/moderatie/logboek/")

    region = page.get_by_role("region", name="Stappen van moderatoren")
    expect(region).to_be_visible()
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    region.focus()
    expect(region).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)  # scrolling may be smooth
    assert region.evaluate("element => element.scrollLeft") > 0
    assert page_width(page) <= WIDTH


def test_the_measure_notices_a_page_that_scrolls_sideways(site, page):
    """The control: the same measure on a page with something too wide reports it."""
    page.set_viewport_size({"width": WIDTH, "height": 640})
    site.go("/")
    page.evaluate(
        "const block = document.createElement('p'); block.style.width = '600px';"
        "block.textContent = 'Te breed'; document.querySelector('main').append(block);"
    )

    assert page_width(page) > WIDTH

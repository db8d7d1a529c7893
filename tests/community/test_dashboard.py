"""The moderators' dashboard: every heading counts exactly what its queue lists (or says
how many more there are), each queue shows the longest waiting first with its age in
words, the dates read in Dutch, and the page answers in the same number of queries with
3 or 30 items per queue."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Appeal, Comment, Decision, Report
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DASHBOARD = reverse("community:moderation")
SECTIONS = {
    "submitted": "ingediend-titel",
    "reported": "meldingen-titel",
    "appeals": "bezwaren-titel",
    "held": "goedkeuren-titel",
    "hidden": "verborgen-titel",
    "deleted": "verwijderd-titel",
}


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def dashboard(client, moderator):
    client.force_login(moderator)

    def get() -> str:
        response = client.get(DASHBOARD)
        assert response.status_code == 200
        return response.content.decode()

    return get


def section(html: str, name: str) -> str:
    """The HTML of one queue, with the no-break spaces of the ages as plain spaces."""
    start = html.index(f'<section aria-labelledby="{SECTIONS[name]}"')
    return html[start : html.index("</section>", start)].replace("\xa0", " ")


def heading_count(html: str, name: str) -> int:
    heading = re.search(r"<h2 [^>]*>(.*?)</h2>", section(html, name), re.S).group(1)
    return int(re.search(r"\((\d+)\)\s*$", heading).group(1))


def listed(html: str, name: str) -> int:
    return section(html, name).count('<li class="queue-item">')


def titles(html: str, name: str) -> list[str]:
    return re.findall(r'<h3 class="queue-item__title">(?:<a [^>]*>)?(.*?)<', section(html, name))


def ago(**delta) -> datetime:
    return timezone.now() - timedelta(**delta)


def report(item, *, reason="spam", reporter=None, text="", at=None) -> Report:
    target = {"comment": item} if isinstance(item, Comment) else {"case": item}
    made = Report.objects.create(
        reporter=reporter or VerifiedUserFactory(), reason=reason, text=text, **target
    )
    if at:
        Report.objects.filter(pk=made.pk).update(created_at=at)
    return made


def appeal(*, at=None) -> Appeal:
    case = CaseFactory(status="rejected", published_at=None)
    decision = Decision.objects.create(
        kind=Decision.Kind.CASE_REJECTED, member=case.author, case=case, message="Reclame."
    )
    made = Appeal.objects.create(decision=decision, text="Het is geen reclame.")
    if at:
        Appeal.objects.filter(pk=made.pk).update(created_at=at)
    return made


def fill(moderator, n: int) -> None:
    """``n`` items in every queue (reported: ``n`` items, the first with two reports)."""
    for number in range(n):
        CaseFactory(status="submitted", published_at=None, submitted_at=ago(days=number))
        reported = CaseFactory() if number % 2 else CommentFactory()
        report(reported, reason="offensive", text="Niet netjes.")
        if number == 0:
            report(reported, reason="spam")
        appeal()
        CommentFactory(held_at=ago(hours=number))
        hidden = CaseFactory() if number % 2 else CommentFactory()
        services.content_hide(item=hidden, moderator=moderator, reason="Bevat een adres.")
        CaseFactory(deleted_at=ago(hours=number), is_hidden=True)


def test_each_heading_counts_what_its_queue_lists(dashboard, moderator):
    for number in range(3):
        CaseFactory(status="submitted", published_at=None, submitted_at=ago(days=number))
    reported_cases = [CaseFactory(), CaseFactory()]
    reported_comments = [CommentFactory(), CommentFactory()]
    for item in [*reported_cases, *reported_comments]:
        report(item)
    report(reported_cases[0], reason="offensive")  # two reports, one item
    for _ in range(2):
        appeal()
    decided = appeal()
    Appeal.objects.filter(pk=decided.pk).update(decided_at=timezone.now(), outcome="kept")
    services.content_hide(item=CaseFactory(), moderator=moderator, reason="Bevat een adres.")
    services.content_hide(item=CommentFactory(), moderator=moderator, reason="Scheldwoord.")
    CommentFactory(held_at=ago(hours=1))
    CommentFactory(held_at=ago(hours=1), is_hidden=True)  # turned down: no longer waiting
    deleted = CommentFactory(deleted_at=ago(hours=2))
    report(deleted)  # reported, then deleted by its author: kept as evidence

    html = dashboard()

    expected = {"submitted": 3, "reported": 5, "appeals": 2, "held": 1, "hidden": 3, "deleted": 1}
    for name, count in expected.items():
        assert heading_count(html, name) == count, name
        assert listed(html, name) == count, name
    reported = section(html, "reported")
    assert "Spam of reclame (1), Beledigend of kwetsend (1)" in reported or (
        "Beledigend of kwetsend (1), Spam of reclame (1)" in reported
    )
    assert "verwijderd door de auteur" in reported


def test_an_empty_dashboard_says_there_is_nothing_to_do(dashboard):
    html = dashboard()

    for name in SECTIONS:
        assert heading_count(html, name) == 0 and listed(html, name) == 0
    assert "Niets te beoordelen." in html and "Geen open meldingen." in html
    assert "Geen open bezwaren." in html and "Geen reacties die wachten." in html


def test_queues_show_the_longest_waiting_first_with_their_age(dashboard):
    CaseFactory(title="Twee uur", status="submitted", published_at=None, submitted_at=ago(hours=2))
    CaseFactory(
        title="Tien dagen", status="submitted", published_at=None, submitted_at=ago(days=10)
    )
    CaseFactory(title="Drie dagen", status="submitted", published_at=None, submitted_at=ago(days=3))
    recent, old = CaseFactory(title="Net gemeld"), CaseFactory(title="Lang gemeld")
    report(recent, at=ago(minutes=5))
    report(old, at=ago(days=4))
    report(recent, at=ago(days=8))  # the item waits since its first open report
    appeal(at=ago(hours=5))
    oldest_appeal = appeal(at=ago(days=2))

    html = dashboard()

    submitted = section(html, "submitted")
    assert titles(html, "submitted") == ["Tien dagen", "Drie dagen", "Twee uur"]
    assert "(1 week geleden)" in submitted and "(3 dagen geleden)" in submitted
    assert "(2 uur geleden)" in submitted
    assert titles(html, "reported") == ["Net gemeld", "Lang gemeld"]
    assert "(1 week geleden)" in section(html, "reported")
    appeals = section(html, "appeals")
    assert appeals.index(reverse("community:moderation_appeal", args=[oldest_appeal.pk])) < (
        appeals.index("(5 uur geleden)")
    )
    assert "(2 dagen geleden)" in appeals


def test_dates_on_the_dashboard_read_in_dutch(dashboard):
    moment = datetime(2026, 12, 1, 14, 5, tzinfo=AMSTERDAM)
    CaseFactory(status="submitted", published_at=None, submitted_at=moment)

    html = dashboard()

    assert "1 december 2026 om 14.05 uur" in section(html, "submitted")
    assert f'<time datetime="{moment.isoformat()}">' in section(html, "submitted")
    assert not re.search(r"\bDec\b", html)


def test_a_held_comment_can_be_approved_from_the_dashboard(client, dashboard):
    comment = CommentFactory(held_at=ago(hours=3), body="Kijk op mijn site.")
    approve = reverse("community:moderation_comment_approve", args=[comment.pk])

    assert f'action="{approve}"' in section(dashboard(), "held")
    response = client.post(approve, {"next": DASHBOARD})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.held_at is None
    assert heading_count(dashboard(), "held") == 0


def test_long_queues_count_everything_and_say_how_many_are_not_shown(dashboard, moderator):
    fill(moderator, 30)

    html = dashboard()

    for name in SECTIONS:
        assert heading_count(html, name) == 30, name
        assert listed(html, name) == 25, name
        assert "En nog 5. Hier staan de oudste 25 van de 30." in section(html, name), name


def test_the_dashboard_answers_in_the_same_number_of_queries_for_3_or_30_per_queue(
    client, moderator, django_assert_max_num_queries
):
    """Each queue is one query with its total as a window count (the reported items two),
    so neither the items nor their authors, reports or reasons add a query each."""
    client.force_login(moderator)
    fill(moderator, 3)

    with CaptureQueriesContext(connection) as few:
        assert client.get(DASHBOARD).status_code == 200
    fill(moderator, 27)

    with django_assert_max_num_queries(len(few)):
        assert client.get(DASHBOARD).status_code == 200
    assert len(few) <= 20, len(few)

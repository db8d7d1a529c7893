"""The weekly digest (``send_digests``): one mail per member with what is new since
their previous digest, grouped by why they get it; nothing when nothing is new; a
second run sends nothing again; two runs at once send each member one digest.

The parallel runs need row locks, so they run on PostgreSQL (as CI does); SQLite lets
one writer in at a time. The runs one after the other run everywhere.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import digest, following, notifications
from cocreatie.core.models import Notification, NotificationSettings, OutgoingMail
from community import notifications as community_notifications
from community.notifications import COMMENT, FOLLOWED_COMMENT, NEW_CASE
from tests.community.factories import VerifiedUserFactory
from tests.roadmap.factories import ChallengeFactory

SUBJECT = "Je week op"


def tell(member, title, *, kind=NEW_CASE, group="Uitdaging: Draagvlak", url=None):
    (notification,) = notifications.notify(
        [member], kind=kind, title=title, group=group,
        url=url or f"/community/verhalen/{title.lower().replace(' ', '-')}/",
    )  # fmt: skip
    return notification


def run_digests(capture) -> tuple[str, list]:
    """Run the command as cron does; (what it printed, the digests that went out)."""
    out = StringIO()
    with capture(execute=True):
        call_command("send_digests", stdout=out)
    return out.getvalue(), list(OutgoingMail.objects.filter(subject__contains=SUBJECT))


def ago(notification, **delta):
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(**delta)
    )


@pytest.fixture
def member(db):
    return VerifiedUserFactory()


@pytest.mark.django_db
def test_the_digest_holds_what_is_new_under_its_headings_newest_first(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    """Notifications for the digest (the default for new cases and followed comments)
    → one digest, grouped by why the member gets them, newest first; a comment on their
    own case was mailed at once and is not in it again."""
    older = tell(member, "Buurtbudget Zeist", group="Uitdaging: Draagvlak")
    ago(older, hours=3)
    tell(member, "Jongerenraad Ede", group="Organisatie: Gemeente Ede")
    ago(tell(member, "Wijkgesprek", kind=FOLLOWED_COMMENT, group="Praktijkverhaal: X"), hours=1)
    newest = tell(member, "Participatiewaaier", group="Uitdaging: Draagvlak")
    with django_capture_on_commit_callbacks(execute=True):
        tell(member, "Anna reageerde op je verhaal", kind=COMMENT, group="Je eigen bijdragen")
    mailoutbox.clear()  # the comment, mailed at once

    printed, digests = run_digests(django_capture_on_commit_callbacks)

    assert printed.strip() == "Queued 1 digest(s)."
    (sent,) = mailoutbox
    assert sent.to == [member.email]
    assert sent.subject == "[Cocreatie] Je week op Cocreatie: 4 nieuwe meldingen"
    body = sent.body
    assert "Anna reageerde" not in body
    # Headings in the order of their newest item; within one, the newest first.
    headings = ["Uitdaging: Draagvlak", "Organisatie: Gemeente Ede", "Praktijkverhaal: X"]
    assert [body.index(heading) for heading in headings] == sorted(
        body.index(heading) for heading in headings
    )
    assert body.index("Participatiewaaier") < body.index("Buurtbudget Zeist")
    assert body.index("Buurtbudget Zeist") < body.index("Organisatie: Gemeente Ede")
    assert "http://127.0.0.1:8000/community/verhalen/participatiewaaier/" in body
    assert f"Je meldingen instellen: {notifications.preferences_url()}" in body
    # The one-click unsubscribe of the digest itself, in the footer and the headers.
    unsubscribe = notifications.unsubscribe_url(member, notifications.DIGEST)
    assert f"Geen wekelijkse samenvatting meer: {unsubscribe}" in body
    headers = sent.message()
    assert headers["List-Unsubscribe"].startswith(f"<{unsubscribe}>, <mailto:")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    row = NotificationSettings.objects.get(user=member)
    assert row.digest_sent_at is not None and row.digest_sent_until >= newest.created_at


@pytest.mark.django_db
def test_a_second_run_sends_nothing_and_the_next_one_only_what_is_new(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    tell(member, "Eerste verhaal")
    printed, digests = run_digests(django_capture_on_commit_callbacks)
    assert printed.strip() == "Queued 1 digest(s)." and len(digests) == 1

    printed, digests = run_digests(django_capture_on_commit_callbacks)
    assert printed.strip() == "Queued 0 digest(s)." and len(digests) == 1

    tell(member, "Tweede verhaal")
    printed, digests = run_digests(django_capture_on_commit_callbacks)
    assert printed.strip() == "Queued 1 digest(s)."
    assert len(mailoutbox) == 2
    latest = mailoutbox[-1]
    assert "Tweede verhaal" in latest.body and "Eerste verhaal" not in latest.body
    assert latest.subject.endswith("Je week op Cocreatie: 1 nieuwe melding")
    assert "sinds je vorige samenvatting van" in latest.body


@pytest.mark.django_db
def test_nothing_new_for_the_digest_means_no_mail(member, django_capture_on_commit_callbacks):
    """Nothing at all; only what the member wants in the site; only what was mailed at
    once; an inactive (suspended) member's: no digest for anyone."""
    printed, digests = run_digests(django_capture_on_commit_callbacks)
    assert printed.strip() == "Queued 0 digest(s)." and digests == []

    notifications.preferences_update(user=member, deliveries={NEW_CASE: "site"})
    tell(member, "Alleen op de site")
    with django_capture_on_commit_callbacks(execute=True):
        tell(member, "Meteen gemaild", kind=COMMENT)
    suspended = VerifiedUserFactory()
    tell(suspended, "Voor een geschorst lid")
    suspended.is_active = False
    suspended.save()

    printed, digests = run_digests(django_capture_on_commit_callbacks)
    assert printed.strip() == "Queued 0 digest(s)." and digests == []


@pytest.mark.django_db
def test_a_member_without_a_digest_yet_gets_what_came_before_their_preferences(
    django_capture_on_commit_callbacks,
):
    """A settings row made when the member saves their preferences starts "now"; a row
    the digest makes itself too. Neither passes over what the member was told before."""
    saved_preferences = VerifiedUserFactory()
    saved_preferences.date_joined = timezone.now() - timedelta(days=30)
    saved_preferences.save()
    ago(tell(saved_preferences, "Van vorige week"), days=6)
    notifications.preferences_update(user=saved_preferences, deliveries={COMMENT: "site"})
    no_row = VerifiedUserFactory()
    ago(tell(no_row, "Van gisteren"), days=1)
    assert not NotificationSettings.objects.filter(user=no_row).exists()

    printed, digests = run_digests(django_capture_on_commit_callbacks)

    assert printed.strip() == "Queued 2 digest(s)."
    bodies = {tuple(mail.to): mail.body for mail in digests}
    assert "Van vorige week" in bodies[(saved_preferences.email,)]
    assert "Van gisteren" in bodies[(no_row.email,)]
    assert "Dit is je eerste wekelijkse samenvatting" in bodies[(no_row.email,)]


@pytest.mark.django_db
def test_a_notification_that_committed_just_after_a_cutoff_is_in_the_next_digest(
    member, django_capture_on_commit_callbacks
):
    """Stamped before the previous run's cutoff, but its transaction committed after
    that run had looked: the next digest has it, and what was in a digest is not."""
    tell(member, "Al verstuurd")
    run_digests(django_capture_on_commit_callbacks)
    cutoff = NotificationSettings.objects.get(user=member).digest_sent_until
    late = tell(member, "Net te laat")
    Notification.objects.filter(pk=late.pk).update(created_at=cutoff - timedelta(seconds=2))

    printed, digests = run_digests(django_capture_on_commit_callbacks)

    assert printed.strip() == "Queued 1 digest(s)."
    assert "Net te laat" in digests[-1].body and "Al verstuurd" not in digests[-1].body


@pytest.mark.django_db
def test_a_long_digest_lists_the_newest_fifty_and_counts_the_rest(
    member, django_capture_on_commit_callbacks
):
    for number in range(digest.MAX_ITEMS + 3):
        ago(tell(member, f"Verhaal nummer {number}"), minutes=100 - number)

    _, (sent,) = run_digests(django_capture_on_commit_callbacks)

    assert sent.subject.endswith("53 nieuwe meldingen")
    assert "Verhaal nummer 52 " in sent.body and "Verhaal nummer 3 " in sent.body
    assert "Verhaal nummer 2 " not in sent.body
    list_url = f"http://127.0.0.1:8000{reverse('community:notification_list')}"
    assert f"En nog 3 meldingen. Je vindt ze allemaal bij Meldingen:\n{list_url}" in sent.body
    # Counted in this digest: the three are not in the next one either.
    printed, _ = run_digests(django_capture_on_commit_callbacks)
    assert printed.strip() == "Queued 0 digest(s)."


@pytest.mark.django_db
def test_the_digest_uses_the_community_fan_out(django_capture_on_commit_callbacks):
    """The whole chain with the community's own fan-out: a member who follows a
    challenge hears of a case about it, in the digest, under that challenge."""
    from tests.community.factories import CaseFactory

    member = VerifiedUserFactory()
    challenge = ChallengeFactory(title="Draagvlak")
    following.follow(user=member, obj=challenge)
    case = CaseFactory(title="Buurtbudget Zeist")
    case.challenges.add(challenge)
    community_notifications.case_published(case)

    _, (sent,) = run_digests(django_capture_on_commit_callbacks)

    assert sent.to == [member.email]
    assert "Nieuw praktijkverhaal: Buurtbudget Zeist" in sent.body
    assert following.label_of(challenge) in sent.body
    assert f"http://127.0.0.1:8000{case.get_absolute_url()}" in sent.body


# --- Two runs at once (PostgreSQL) -------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are a PostgreSQL guarantee"
)


def digests_by_member() -> dict[str, int]:
    counts: dict[str, int] = {}
    for (address,) in OutgoingMail.objects.filter(subject__contains=SUBJECT).values_list("to"):
        counts[address[0]] = counts.get(address[0], 0) + 1
    return counts


def in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


@pytest.fixture
def held_digest(monkeypatch):
    """The first run stops while it holds a member's lock, with the digest queued but
    not committed, until the second run has finished."""
    holding, second_done = threading.Event(), threading.Event()
    queue = digest.send_after_commit

    def send_and_hold(*args, **kwargs):
        result = queue(*args, **kwargs)
        if threading.current_thread().name.startswith("first"):
            holding.set()
            assert second_done.wait(timeout=20), "the second run never finished"
        return result

    monkeypatch.setattr(digest, "send_after_commit", send_and_hold)

    def race(member):
        now = timezone.now()
        with ThreadPoolExecutor(1, thread_name_prefix="first") as first:
            held = first.submit(
                in_thread(lambda: digest.digest_send(user_id=member.pk, cutoff=now))
            )
            assert holding.wait(timeout=20), "the first run never reached the member"
            with ThreadPoolExecutor(1, thread_name_prefix="second") as second:
                queued = second.submit(in_thread(digest.digests_send)).result(timeout=20)
            second_done.set()
            held.result(timeout=20)
        return queued

    return race


@pytest.mark.django_db(transaction=True)
@on_postgresql
def test_a_run_leaves_a_member_alone_whom_another_run_is_mailing(held_digest, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    member = VerifiedUserFactory()
    tell(member, "Buurtbudget Zeist")

    queued_by_second = held_digest(member)

    assert queued_by_second == 0
    assert digests_by_member() == {member.email: 1}


@pytest.mark.django_db(transaction=True)
@on_postgresql
def test_without_the_lock_the_same_race_mails_a_member_twice(held_digest, settings, monkeypatch):
    """The control: the test above would catch a digest without its row lock."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kwargs: self)
    member = VerifiedUserFactory()
    tell(member, "Buurtbudget Zeist")

    queued_by_second = held_digest(member)

    assert queued_by_second == 1
    assert digests_by_member() == {member.email: 2}


@pytest.mark.django_db(transaction=True)
@on_postgresql
def test_two_commands_at_once_send_each_member_one_digest(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    members = [VerifiedUserFactory() for _ in range(30)]
    for member in members:
        tell(member, "Buurtbudget Zeist")
        tell(member, "Jongerenraad Ede", group="Organisatie: Gemeente Ede")
    start = threading.Barrier(2)

    def command():
        start.wait(timeout=20)
        out = StringIO()
        call_command("send_digests", stdout=out)
        return out.getvalue()

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(in_thread(command)) for _ in range(2)]
        printed = [future.result(timeout=60) for future in futures]

    assert digests_by_member() == {member.email: 1 for member in members}
    queued = sum(int(line.split()[1]) for line in printed)
    assert queued == len(members)

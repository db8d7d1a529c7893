"""The world the fuzz tests post into, and a client per role."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone

from community.models import Report
from planner import services as planner_services
from planner.models import Meeting, Membership, Role, new_token
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
    colleague_world,
    media_world,
    moderation_world,
)
from tests.planner.factories import MeetingFactory, StakeholderFactory, TrajectoryFactory, member_of
from tests.roadmap import factories as roadmap
from tests.sessions.factories import SeatFactory, SeriesFactory, SessionFactory, workspace_world

ROLES = ("anonymous", "member", "moderator")

# Tables a request may write to without storing anything of the site's: the session
# (log-in, messages) and Django's fixed lists of permissions and content types.
# Not the site's data: browser sessions, and the counts of the rate limits (each use counts).
UNWATCHED = {
    "sessions.session",
    "auth.permission",
    "contenttypes.contenttype",
    "cocreatie.ratecount",
}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world, made once per module inside a transaction that is rolled back at the
    module's end (as Django's ``TestCase.setUpTestData`` does); each test runs in a
    savepoint inside it, so what one test changes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    return module_world


def make_world():
    """The keys of both access matrices' worlds (tests/community/test_access.py and
    tests/sessions/test_access.py), so their rows' kwargs work here too."""
    author = VerifiedUserFactory()
    member = VerifiedUserFactory()
    unlisted = VerifiedUserFactory()
    unlisted.profile.is_listed = False
    unlisted.profile.save()
    organisation = OrganisationFactory()
    phase = roadmap.PhaseFactory()
    challenge = roadmap.ChallengeFactory()
    case = CaseFactory(author=author, organisation=organisation, tags=["wijk"])
    draft = CaseFactory(author=author, status="draft", published_at=None)
    moderator = ModeratorFactory()
    comment = CommentFactory(case=case, author=author)
    series = SeriesFactory()
    seat = SeatFactory(session__series=series)
    past = SessionFactory(
        series=series,
        order=90,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
    )
    return {
        "author": author,
        "member": member,
        "unlisted": unlisted,
        "suspended": VerifiedUserFactory(is_active=False),
        "suspendee": VerifiedUserFactory(),
        "moderator": moderator,
        **workspace_world(series, past),
        "organisation": organisation,
        "phase": phase,
        "challenge": challenge,
        "case": case,
        "comment": comment,
        "report": Report.objects.create(reporter=member, comment=comment, reason="spam"),
        "draft": draft,
        "submitted": CaseFactory(author=author, status="submitted", published_at=None),
        **moderation_world(author=author, member=member, case=case),
        **colleague_world(author=author, member=member),
        **media_world(case=case, draft=draft, moderator=moderator),
        "series": series,
        "draft_series": SeriesFactory(is_published=False),
        "seat": seat,
        "open_session": SessionFactory(series=series, order=91),
        "other_seat": SeatFactory(),
        "past_seat": SeatFactory(session=past, registration=seat.registration),
        "tool": roadmap.ToolFactory(tags=["wijk"]),
        "example": roadmap.ExampleFactory(),
        "theme": roadmap.ThemeFactory(),
        "article": roadmap.ArticleFactory(),
        **planner_world(owner=member, phase=phase),
    }


def planner_world(*, owner, phase):
    """A trajectory of ``owner`` (so the "member" client is its owner) in the world's
    phase, with a guiding question, a stakeholder, a meeting, a co-evaluation taking
    scores, an open invitation for an address without an account, and a reader."""
    trajectory = TrajectoryFactory(owner=owner, phase=phase)
    reader = member_of(trajectory, Role.READER)
    invitation, invitation_token = planner_services.invitation_create(
        trajectory=trajectory, owner=owner, email="nieuw-teamlid@example.org", role=Role.EDITOR
    )
    return {
        "trajectory": trajectory,
        "guiding_question": roadmap.GuidingQuestionFactory(phase=phase),
        "stakeholder": StakeholderFactory(trajectory=trajectory),
        "planner_meeting": MeetingFactory(trajectory=trajectory),
        "evaluation": MeetingFactory(
            trajectory=trajectory,
            kind=Meeting.Kind.EVALUATION,
            score_token=new_token(),
            scores_open=True,
        ),
        "invitation": invitation,
        "invitation_token": invitation_token,
        "team_reader": Membership.objects.get(trajectory=trajectory, user=reader),
    }


@pytest.fixture
def clients(world):
    """One test client per role; the member is not the author of the world's content."""
    made = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world[role])
        made[role] = client
    made["author"] = Client(raise_request_exception=False)
    made["author"].force_login(world["author"])
    return made


def stored():
    """Every row of every table that holds the site's data, as plain values."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in UNWATCHED or model._meta.proxy:
            continue
        rows = model._default_manager.order_by("pk").values_list()
        state[label] = [tuple(map(repr, row)) for row in rows]
    return state


def assert_unchanged(before, after, where):
    changed = {}
    for table in before:
        if before[table] != after[table]:
            new_rows = sorted(set(after[table]) - set(before[table]))[:3]
            changed[table] = f"{len(before[table])} → {len(after[table])} rows; new: {new_rows}"
    assert not changed, f"{where}: a rejected submission changed stored data: {changed}"


@pytest.fixture(autouse=True)
def no_rate_limit_carry_over():
    """allauth's limits count in the cache (the site's own in a table that each test's
    savepoint rolls back); every test starts afresh."""
    cache.clear()
    yield
    cache.clear()

"""Every URL of the planner × role → the expected answer.

A trajectory is its team's alone: someone outside the team (another member, a
moderator) is told it does not exist; a reader may read but not write; only the owner
manages the team and deletes. A moderator reads a trajectory its owner shared for
support, and still cannot change anything. The invitation and score links work without
an account.
"""

import pytest

from planner import services
from planner.models import Meeting, Role
from tests.access import Row, assert_answer, open_as
from tests.planner.factories import MeetingFactory, StakeholderFactory, planner_world

ROLES = ("anonymous", "owner", "editor", "reader", "other_member", "moderator")


def expect(anonymous, owner, editor, reader, other_member, moderator, support=None):
    answers = dict(zip(ROLES, (anonymous, owner, editor, reader, other_member, moderator),
                       strict=True))  # fmt: skip
    # A moderator of a trajectory shared for support: reads like a reader.
    answers["moderator_support"] = support if support is not None else reader
    return answers


MEMBERS = expect("login", 200, 200, 200, 200, 200, 200)
READ = expect("login", 200, 200, 200, 404, 404, 200)
EDIT = expect("login", 200, 200, 403, 404, 404, 403)
OWN = expect("login", 200, 403, 403, 404, 404, 403)
EDIT_POST = expect("login", 302, 302, 403, 404, 404, 403)
OWN_POST = expect("login", 302, 403, 403, 404, 404, 403)
ANYONE = expect(200, 200, 200, 200, 200, 200, 200)
NOBODY = expect(404, 404, 404, 404, 404, 404, 404)


def pk(w):
    return {"pk": w["trajectory"].pk}


def with_pk(**more):
    return lambda w: {"pk": w["trajectory"].pk, **{k: f(w) for k, f in more.items()}}


def phase_slug(w):
    return w["phase"].slug


ROWS = [
    Row("planner:list", lambda w: {}, MEMBERS),
    Row("planner:create", lambda w: {}, MEMBERS),
    Row("planner:detail", pk, READ),
    Row("planner:update", pk, EDIT),
    Row("planner:delete", pk, OWN),
    Row("planner:phase_set", pk, EDIT_POST, method="post", data=lambda: {}),  # fmt: skip
    Row("planner:phase", with_pk(slug=phase_slug), READ),
    Row(
        "planner:answer",
        with_pk(slug=phase_slug, question_pk=lambda w: w["phase"].questions.first().pk),
        EDIT,
    ),
    Row("planner:activity", pk, READ),
    Row("planner:support", pk, OWN_POST, method="post", data={"delen": "nee"}),
    Row("planner:team", pk, READ),
    # An empty form comes back with its errors.
    Row(
        "planner:invite",
        pk,
        expect("login", 200, 403, 403, 404, 404, 403),
        method="post",
        data={},
        label="empty",
    ),
    Row(
        "planner:invitation_revoke",
        with_pk(invitation_pk=lambda w: w["invitation"].pk),
        OWN_POST,
        method="post",
    ),
    Row(
        "planner:member_role",
        with_pk(membership_pk=lambda w: w["reader_membership"].pk),
        OWN_POST,
        method="post",
        data={"role": "reader"},
    ),
    # The reader's own membership: the owner may remove it, the reader may leave.
    Row(
        "planner:member_remove",
        with_pk(membership_pk=lambda w: w["reader_membership"].pk),
        expect("login", 200, 403, 200, 404, 404, 403),
    ),
    Row(
        "planner:transfer",
        with_pk(membership_pk=lambda w: w["reader_membership"].pk),
        OWN,
    ),
    Row("planner:invitation", lambda w: {"token": w["invitation_token"]}, ANYONE),
    Row("planner:invitation", lambda w: {"token": "niet-de-goede-link"}, NOBODY, label="wrong"),
    Row("planner:stakeholders", pk, READ),
    Row("planner:stakeholder_create", pk, EDIT),
    Row("planner:stakeholder_update", with_pk(stakeholder_pk=lambda w: w["stakeholder"].pk), EDIT),
    Row("planner:stakeholder_delete", with_pk(stakeholder_pk=lambda w: w["stakeholder"].pk), EDIT),
    Row("planner:stakeholders_csv", pk, READ),
    Row("planner:meetings", pk, READ),
    Row("planner:meeting_create", pk, EDIT),
    Row("planner:meeting_detail", with_pk(meeting_pk=lambda w: w["evaluation"].pk), READ),
    Row("planner:meeting_update", with_pk(meeting_pk=lambda w: w["evaluation"].pk), EDIT),
    Row("planner:meeting_delete", with_pk(meeting_pk=lambda w: w["evaluation"].pk), EDIT),
    Row(
        "planner:meeting_scores",
        with_pk(meeting_pk=lambda w: w["evaluation"].pk),
        EDIT_POST,
        method="post",
        data={"open": "0"},
    ),
    Row("planner:score", lambda w: {"token": w["evaluation"].score_token}, ANYONE),
    Row("planner:score", lambda w: {"token": "niet-de-goede-link"}, NOBODY, label="wrong"),
    Row("planner:challenges", pk, READ),
    Row("planner:publish", pk, READ),
    Row("planner:publish", pk, OWN_POST, method="post", label="post"),
    Row("planner:pdf", pk, READ),
    Row("planner:json", pk, READ),
]

ACCESS_ROW_NAMES = {row.url_name for row in ROWS}


@pytest.fixture
def world(db):
    world = planner_world()
    trajectory = world["trajectory"]
    world["reader_membership"] = trajectory.memberships.get(role=Role.READER)
    world["stakeholder"] = StakeholderFactory(trajectory=trajectory)
    world["evaluation"] = MeetingFactory(
        trajectory=trajectory,
        kind=Meeting.Kind.EVALUATION,
        score_token="een-geheime-cijferlink-0123456789",
        scores_open=True,
    )
    world["invitation"], world["invitation_token"] = services.invitation_create(
        trajectory=trajectory, owner=world["owner"], email="partner@example.net", role=Role.EDITOR
    )
    return world


@pytest.mark.parametrize("role", [*ROLES, "moderator_support"])
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_planner_access(client, world, row, role):
    if role == "moderator_support":
        world["trajectory"].support_shared_at = world["trajectory"].created_at
        world["trajectory"].save(update_fields=["support_shared_at"])
    who = "moderator" if role == "moderator_support" else role
    url, response = open_as(client, world, row, who)

    assert_answer(response, row.expected[role], f"{url} as {role}")


def test_a_moderators_reading_is_in_the_activity_and_the_action_log(client, world):
    from cocreatie.core.models import ActionLog
    from planner.models import Activity

    trajectory = world["trajectory"]
    services.support_share(trajectory=trajectory, owner=world["owner"], shared=True)
    client.force_login(world["moderator"])

    client.get(trajectory.get_absolute_url())
    client.get(trajectory.get_absolute_url())

    views = Activity.objects.filter(trajectory=trajectory, verb=Activity.Verb.SUPPORT_VIEW)
    assert [entry.actor for entry in views] == [world["moderator"]]  # once an hour
    logged = ActionLog.objects.filter(actor=world["moderator"], verb="planner_support_view")
    assert logged.count() == 1
    assert trajectory.title not in logged.get().target_label

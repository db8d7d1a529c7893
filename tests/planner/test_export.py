"""The trajectory as a PDF and as JSON for its team, what a member's own download holds
of their trajectories, and what happens to them when the member deletes their account."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cocreatie.core import memberdata
from planner.export import member_export, member_forget, trajectory_data
from planner.models import (
    Activity,
    Answer,
    ChallengeMet,
    Involvement,
    Meeting,
    Membership,
    Role,
    Score,
    Status,
    Trajectory,
)
from tests.community.factories import VerifiedUserFactory
from tests.planner.factories import (
    MeetingFactory,
    StakeholderFactory,
    TrajectoryFactory,
    member_of,
    planner_world,
)
from tests.roadmap.factories import ChallengeFactory

VOTER = "geheime-stemsleutel-1234"


@pytest.fixture
def world(db):
    world = planner_world()
    trajectory, phase = world["trajectory"], world["phase"]
    question = phase.questions.first()
    Answer.objects.create(
        trajectory=trajectory, question=question, status=Status.DONE,
        notes="We maakten een lijst van wie er meedoet.",
    )  # fmt: skip
    stakeholder = StakeholderFactory(trajectory=trajectory, name="Wijkraad Noord")
    Involvement.objects.create(stakeholder=stakeholder, phase=phase, description="Meedenken")
    evaluation = MeetingFactory(
        trajectory=trajectory, kind=Meeting.Kind.EVALUATION, title="Terugblik",
        score_token="een-geheime-cijferlink-0123456789",
    )  # fmt: skip
    Score.objects.create(meeting=evaluation, voter=VOTER, score=4, comment="Fijne avond")
    Score.objects.create(meeting=evaluation, voter="andere-sleutel", score=3)
    world["challenge"] = ChallengeFactory(number=7, title="Draagvlak houden")
    ChallengeMet.objects.create(trajectory=trajectory, challenge=world["challenge"])
    return world


def download(client, world, name, user=None):
    client.force_login(user or world["reader"])
    return client.get(reverse(name, args=[world["trajectory"].pk]))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_the_title_and_the_progress_per_phase(client, world):
    response = download(client, world, "planner:pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="traject-{world["trajectory"].pk}.pdf"'
    )
    content = response.content
    text = pdf_text(content)
    assert world["trajectory"].title in text
    assert "Co-initiëren: 1 van 2 vragen klaar" in text
    assert "We maakten een lijst van wie er meedoet." in text
    assert "Wijkraad Noord" in text
    assert "3,5 (2 cijfers)" in text
    assert "7. Draagvlak houden" in text
    assert world["owner"].profile.display_name in text
    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata.title == world["trajectory"].title


def test_the_pdf_is_made_even_with_every_text_at_its_longest(world):
    from planner.report import trajectory_pdf
    from tests.roadmap.factories import PhaseFactory

    trajectory = world["trajectory"]
    trajectory.goal = "woord " * 333
    trajectory.save()
    stakeholder = StakeholderFactory(trajectory=trajectory, name="N" * 200)
    for order in range(10, 14):
        Involvement.objects.create(
            stakeholder=stakeholder, phase=PhaseFactory(order=order), description="b" * 300
        )
    Answer.objects.filter(trajectory=trajectory).update(notes="een regel\n" * 500)
    MeetingFactory(trajectory=trajectory, title="O" * 200, decisions="besluit " * 600)

    text = pdf_text(trajectory_pdf(trajectory))

    assert text.count("een regel") == 500


def test_a_download_is_in_the_activity(client, world):
    download(client, world, "planner:pdf")
    download(client, world, "planner:json")

    entries = Activity.objects.filter(trajectory=world["trajectory"], verb=Activity.Verb.EXPORT)
    assert sorted(entry.subject for entry in entries) == ["JSON", "PDF"]
    assert {entry.actor for entry in entries} == {world["reader"]}


@pytest.mark.parametrize("name", ["planner:pdf", "planner:json"])
def test_someone_outside_the_team_cannot_download(client, world, name):
    response = download(client, world, name, user=world["other_member"])

    assert response.status_code == 404
    assert not Activity.objects.filter(verb=Activity.Verb.EXPORT).exists()


def test_the_json_has_the_answers_and_the_stakeholders(client, world):
    response = download(client, world, "planner:json")

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="traject-{world["trajectory"].pk}.json"'
    )
    data = json.loads(response.content.decode("utf-8"))
    assert data["title"] == world["trajectory"].title
    answers = {answer["question"]: answer for answer in data["answers"]}
    assert answers["Wie zijn de betrokkenen?"]["status"] == "done"
    assert (
        answers["Wie zijn de betrokkenen?"]["notes"] == "We maakten een lijst van wie er meedoet."
    )
    assert answers["Wat is het probleem?"]["status"] == "open"
    assert answers["Wat is het probleem?"]["phase"] == "co-initieren"
    (stakeholder,) = data["stakeholders"]
    assert stakeholder["name"] == "Wijkraad Noord"
    assert stakeholder["involvements"] == [{"phase": "co-initieren", "description": "Meedenken"}]
    (meeting,) = data["meetings"]
    assert sorted(score["score"] for score in meeting["scores"]) == [3, 4]
    assert meeting["average_score"] == 3.5
    assert data["challenges"] == [{"number": 7, "title": "Draagvlak houden"}]
    assert {member["role"] for member in data["team"]} == {"owner", "editor", "reader"}


def test_the_json_holds_no_voter_keys_no_score_link_and_no_addresses(client, world):
    from planner import services

    services.invitation_create(
        trajectory=world["trajectory"], owner=world["owner"], email="partner@example.net",
        role=Role.EDITOR,
    )  # fmt: skip

    text = download(client, world, "planner:json").content.decode("utf-8")

    assert VOTER not in text and "andere-sleutel" not in text
    assert "een-geheime-cijferlink" not in text
    assert "partner@example.net" not in text
    for role in ("owner", "editor", "reader"):
        assert world[role].email not in text
    assert world["editor"].profile.display_name in text


def test_the_members_own_download_holds_their_trajectories(world):
    elsewhere = TrajectoryFactory(title="Van iemand anders")

    data = member_export(user=world["editor"])

    assert [item["title"] for item in data["trajectories"]] == [world["trajectory"].title]
    assert elsewhere.title not in json.dumps(data)
    assert "trajectories" in memberdata.export(world["editor"])


def test_trajectory_data_is_plain_json(world):
    json.dumps(trajectory_data(world["trajectory"]))  # no dates or lazy texts left


def test_a_leaving_owner_hands_over_to_the_longest_standing_editor(world):
    trajectory = world["trajectory"]
    later_editor = member_of(trajectory, Role.EDITOR)

    member_forget(user=world["owner"])

    owner = Membership.objects.get(trajectory=trajectory, role=Role.OWNER)
    assert owner.user == world["editor"]
    assert Membership.objects.get(user=later_editor).role == Role.EDITOR
    assert not Membership.objects.filter(user=world["owner"]).exists()
    entry = Activity.objects.get(trajectory=trajectory, verb=Activity.Verb.OWNER)
    assert entry.subject == world["editor"].profile.display_name


def test_without_an_editor_a_reader_becomes_the_owner(db):
    owner = VerifiedUserFactory()
    trajectory = TrajectoryFactory(owner=owner)
    reader = member_of(trajectory, Role.READER)

    member_forget(user=owner)

    assert Membership.objects.get(trajectory=trajectory, role=Role.OWNER).user == reader


def test_a_trajectory_with_no_one_else_is_deleted_with_everything_in_it(db):
    owner = VerifiedUserFactory()
    alone = TrajectoryFactory(owner=owner)
    StakeholderFactory(trajectory=alone)
    MeetingFactory(trajectory=alone)
    shared = TrajectoryFactory()
    member_of(shared, Role.EDITOR, user=owner)

    member_forget(user=owner)

    assert not Trajectory.objects.filter(pk=alone.pk).exists()
    assert not Activity.objects.filter(trajectory_id=alone.pk).exists()
    assert Trajectory.objects.filter(pk=shared.pk).exists()  # not theirs: stays


def test_deleting_the_account_keeps_the_shared_trajectory(world):
    from community import services as community_services

    community_services.account_delete(user=world["owner"], delete_content=False)

    trajectory = Trajectory.objects.get(pk=world["trajectory"].pk)
    assert trajectory.memberships.get(role=Role.OWNER).user == world["editor"]

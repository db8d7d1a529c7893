"""Starting a trajectory, its overview, the checklist per phase and moving between
phases."""

import re

import pytest
from django.urls import reverse

from planner.models import Activity, Answer, Membership, Role, Status, Trajectory
from tests.planner.factories import TrajectoryFactory, member_of, planner_world
from tests.roadmap.factories import GuidingQuestionFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return planner_world()


def test_a_phase_page_offers_to_start_a_trajectory_in_that_phase(client, world):
    phase = world["phase"]
    later = PhaseFactory(slug="co-design", title="Co-design")

    page = client.get(later.get_absolute_url()).content.decode()
    start = f"{reverse('planner:create')}?fase={later.slug}"
    assert start in page

    client.force_login(world["other_member"])
    form = client.get(start).content.decode()
    assert re.search(rf'<input[^>]*value="{later.pk}"[^>]*checked', form)
    response = client.post(
        reverse("planner:create"),
        {
            "title": "Samen de afvalinzameling",
            "organisation": "Gemeente Lindendal",
            "service": "Afval ophalen",
            "goal": "Een rooster dat bewoners zelf bedachten.",
            "starts_on": "2026-11-02",
            "phase": later.pk,
        },
    )

    trajectory = Trajectory.objects.get(title="Samen de afvalinzameling")
    assert response.status_code == 302
    assert response["Location"] == trajectory.get_absolute_url()
    assert trajectory.phase == later
    assert trajectory.memberships.get().user == world["other_member"]
    assert trajectory.memberships.get().role == Role.OWNER
    assert Activity.objects.filter(trajectory=trajectory, verb=Activity.Verb.CREATE).exists()
    assert phase != later


def test_a_trajectory_form_with_errors_says_what_is_wrong(client, world):
    client.force_login(world["other_member"])

    response = client.post(reverse("planner:create"), {"starts_on": "gisteren"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Geef het traject een titel." in page
    assert "Vul een datum in, zoals 2027-01-15." in page
    assert not Trajectory.objects.filter(memberships__user=world["other_member"]).exists()


def test_my_trajectories_lists_only_the_teams_i_am_in(client, world):
    TrajectoryFactory(title="Van iemand anders")
    client.force_login(world["reader"])

    page = client.get(reverse("planner:list")).content.decode()

    assert world["trajectory"].title in page
    assert "Van iemand anders" not in page
    assert "Lezer" in page


def test_the_checklist_shows_a_moderators_later_edit_of_a_guiding_question(client, world):
    question = world["phase"].questions.get(question="Wie zijn de betrokkenen?")
    url = reverse("planner:phase", args=[world["trajectory"].pk, world["phase"].slug])
    client.force_login(world["editor"])
    assert "Wie zijn de betrokkenen?" in client.get(url).content.decode()

    # A moderator edits the roadmap's question and its tips in the admin.
    question.question = "Wie raakt het, en wie beslist mee?"
    question.answer = "Maak eerst een **lijst** van wie er last of baat bij heeft."
    question.save()

    page = client.get(url).content.decode()
    assert "Wie raakt het, en wie beslist mee?" in page
    assert "Wie zijn de betrokkenen?" not in page
    assert "<strong>lijst</strong>" in page


def test_an_editor_fills_in_a_question_and_the_progress_counts_it(client, world):
    trajectory, phase = world["trajectory"], world["phase"]
    question = phase.questions.first()
    client.force_login(world["editor"])

    response = client.post(
        reverse("planner:answer", args=[trajectory.pk, phase.slug, question.pk]),
        {
            f"vraag-{question.pk}-status": "done",
            f"vraag-{question.pk}-notes": "Buurtteam en bewoners.",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#vraag-{question.pk}")
    answer = Answer.objects.get(trajectory=trajectory, question=question)
    assert (answer.status, answer.notes, answer.updated_by) == (
        Status.DONE,
        "Buurtteam en bewoners.",
        world["editor"],
    )
    overview = client.get(trajectory.get_absolute_url()).content.decode()
    assert "1 van 2 vragen klaar" in overview
    assert Activity.objects.filter(
        trajectory=trajectory, verb=Activity.Verb.ANSWER, actor=world["editor"]
    ).exists()


def test_an_answer_with_a_wrong_status_comes_back_with_the_reason(client, world):
    trajectory, phase = world["trajectory"], world["phase"]
    question = phase.questions.first()
    client.force_login(world["owner"])

    response = client.post(
        reverse("planner:answer", args=[trajectory.pk, phase.slug, question.pk]),
        {f"vraag-{question.pk}-status": "misschien"},
    )

    assert response.status_code == 200
    assert "Kies open, bezig, klaar of n.v.t." in response.content.decode()
    assert not Answer.objects.exists()


def test_a_reader_sees_the_answers_but_no_form(client, world):
    trajectory, phase = world["trajectory"], world["phase"]
    question = phase.questions.first()
    Answer.objects.create(
        trajectory=trajectory, question=question, status=Status.BUSY, notes="We bellen rond."
    )
    client.force_login(world["reader"])

    page = client.get(reverse("planner:phase", args=[trajectory.pk, phase.slug])).content.decode()

    assert "We bellen rond." in page
    assert "Bezig" in page
    assert (
        f'action="{reverse("planner:answer", args=[trajectory.pk, phase.slug, question.pk])}"'
        not in page
    )


def test_the_team_moves_to_the_next_phase_when_it_chooses(client, world):
    trajectory = world["trajectory"]
    later = PhaseFactory(slug="co-design", title="Co-design")
    client.force_login(world["editor"])

    client.post(reverse("planner:phase_set", args=[trajectory.pk]), {"phase": later.pk})

    trajectory.refresh_from_db()
    assert trajectory.phase == later
    assert Activity.objects.filter(trajectory=trajectory, verb=Activity.Verb.PHASE).exists()


def test_the_checklist_and_overview_queries_do_not_grow_with_the_questions(
    client, world, django_assert_max_num_queries
):
    trajectory, phase = world["trajectory"], world["phase"]
    client.force_login(world["editor"])
    urls = [
        trajectory.get_absolute_url(),
        reverse("planner:phase", args=[trajectory.pk, phase.slug]),
    ]

    def counts():
        found = []
        for url in urls:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    few = counts()
    for _number in range(30):
        question = GuidingQuestionFactory(phase=phase)
        Answer.objects.create(trajectory=trajectory, question=question, status=Status.DONE)
    for _member in range(10):
        member_of(trajectory, Role.READER)

    assert counts() == few
    with django_assert_max_num_queries(16):
        client.get(urls[1])


def test_deleting_a_trajectory_deletes_all_of_it(client, world):
    trajectory = world["trajectory"]
    question = world["phase"].questions.first()
    Answer.objects.create(trajectory=trajectory, question=question, status=Status.DONE)
    client.force_login(world["owner"])

    response = client.post(reverse("planner:delete", args=[trajectory.pk]))

    assert response.status_code == 302
    assert not Trajectory.objects.filter(pk=trajectory.pk).exists()
    assert not Answer.objects.exists()
    assert not Membership.objects.filter(trajectory_id=trajectory.pk).exists()
    assert not Activity.objects.filter(trajectory_id=trajectory.pk).exists()

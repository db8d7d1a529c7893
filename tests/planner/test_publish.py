"""Publishing a trajectory as a case: a draft of the owner's that names no one, while
the trajectory itself stays private."""

from html import unescape

import pytest
from django.urls import reverse

from community.models import Case
from planner.models import Activity, Answer, ChallengeMet, Involvement, Meeting, Score, Status
from planner.publish import case_draft
from tests.planner.factories import MeetingFactory, StakeholderFactory, planner_world
from tests.roadmap.factories import ChallengeFactory, GuidingQuestionFactory, PhaseFactory

STAKEHOLDER_NAMES = ("Wijkraad Noord", "Buurtvereniging De Linde", "Stichting Welzijn Oost")
PARTICIPANT = "Jan Jansen"


@pytest.fixture
def world(db):
    world = planner_world()
    trajectory, phase = world["trajectory"], world["phase"]
    first_question = phase.questions.first()
    later = PhaseFactory(title="Co-ontwerpen", order=phase.order + 1)
    world["later_question"] = GuidingQuestionFactory(phase=later, question="Wat ontwerpen we?")
    world["untouched"] = PhaseFactory(title="Co-evalueren", order=phase.order + 2)
    GuidingQuestionFactory(phase=world["untouched"])
    wijkraad = StakeholderFactory(trajectory=trajectory, name="Wijkraad Noord", kind="residents")
    StakeholderFactory(trajectory=trajectory, name="Buurtvereniging De Linde", kind="residents")
    StakeholderFactory(trajectory=trajectory, name="Stichting Welzijn Oost", kind="civil_society")
    Involvement.objects.create(stakeholder=wijkraad, phase=phase, description="Meedenken")
    editor_name = world["editor"].profile.display_name
    Answer.objects.create(
        trajectory=trajectory,
        question=first_question,
        status=Status.DONE,
        notes=f"We spraken met de WIJKRAAD NOORD en {editor_name} schreef het verslag.",
    )
    Answer.objects.create(
        trajectory=trajectory,
        question=world["later_question"],
        status=Status.BUSY,
        notes="Een eerste schets met de buurtvereniging   de linde.",
    )
    evaluation = MeetingFactory(
        trajectory=trajectory,
        kind=Meeting.Kind.EVALUATION,
        title="Terugblik met Stichting Welzijn Oost",
        participants=f"{PARTICIPANT}, Wijkraad Noord",
        what_works="De avond bij Stichting Welzijn Oost werkte goed.",
    )
    for voter, score in (("a", 4), ("b", 5)):
        Score.objects.create(meeting=evaluation, voter=voter, score=score)
    world["challenge"] = ChallengeFactory(title="Draagvlak houden")
    ChallengeFactory(title="Niet aangevinkt")
    ChallengeMet.objects.create(trajectory=trajectory, challenge=world["challenge"])
    return world


def all_text(draft) -> str:
    return "\n".join([draft.title, draft.summary, draft.body, draft.what_worked])


def team_names(world):
    return [world[role].profile.display_name for role in ("owner", "editor", "reader")]


def test_the_draft_names_no_stakeholder_even_when_a_note_mentions_one(world):
    text = all_text(case_draft(world["trajectory"])).casefold()

    for name in STAKEHOLDER_NAMES:
        assert name.casefold() not in text
    assert "de linde" not in text  # whatever the spaces between the words
    assert "[naam weggelaten]" in text


def test_the_draft_names_no_team_member_and_no_participant(world):
    text = all_text(case_draft(world["trajectory"]))

    for name in team_names(world):
        assert name not in text
    assert PARTICIPANT not in text
    for role in ("owner", "editor", "reader"):
        assert world[role].email not in text


def test_a_name_inside_another_word_stays(world):
    world["trajectory"].goal = "Noordwijkraad Noorderlicht: een betere aanvraag."
    world["trajectory"].save()

    draft = case_draft(world["trajectory"])

    assert "Noordwijkraad Noorderlicht" in draft.body


def test_the_draft_has_the_stakeholder_kinds_with_their_numbers(world):
    body = case_draft(world["trajectory"]).body

    assert "Inwoners (2), Maatschappelijke organisatie (1)" in body
    assert "Co-initiëren: Inwoners (1)" in body  # involved per phase


def test_the_draft_tells_per_phase_what_the_team_did(world):
    draft = case_draft(world["trajectory"])

    assert world["trajectory"].organisation in draft.body
    assert world["trajectory"].service in draft.body
    assert world["trajectory"].goal in draft.body
    assert "We spraken met de [naam weggelaten] en [naam weggelaten] schreef" in draft.body
    assert "#### Co-ontwerpen" in draft.body
    assert len(draft.summary) <= 600
    assert draft.names_removed >= 5


def test_the_draft_has_the_phases_walked_through_and_the_challenges_met(world):
    draft = case_draft(world["trajectory"])

    assert [phase.title for phase in draft.phases] == ["Co-initiëren", "Co-ontwerpen"]
    assert draft.challenges == [world["challenge"]]


def test_the_draft_counts_the_meetings_without_their_participants(world):
    MeetingFactory(trajectory=world["trajectory"], participants=PARTICIPANT)

    body = case_draft(world["trajectory"]).body

    assert "We hielden 1 bijeenkomst en 1 co-evaluatie." in body
    assert PARTICIPANT not in body


def test_what_worked_comes_from_the_co_evaluations_with_their_average(world):
    what_worked = case_draft(world["trajectory"]).what_worked

    assert "gemiddeld 4,5 van 5, uit 2 cijfers" in what_worked
    assert "De avond bij [naam weggelaten] werkte goed." in what_worked


def test_a_long_goal_makes_a_summary_of_at_most_600_characters(world):
    world["trajectory"].goal = "Samen beter. " * 150
    world["trajectory"].save()

    summary = case_draft(world["trajectory"]).summary

    assert len(summary) <= 600
    assert summary.endswith("…")


def publish_url(world):
    return reverse("planner:publish", args=[world["trajectory"].pk])


def test_the_owner_makes_a_draft_case_and_goes_on_to_edit_it(client, world):
    client.force_login(world["owner"])

    response = client.post(publish_url(world))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:case_update", args=[case.slug])
    assert case.author == world["owner"] and case.status == Case.Status.DRAFT
    assert "Inwoners (2)" in case.body
    assert "Wijkraad Noord" not in case.body
    assert list(case.challenges.all()) == [world["challenge"]]
    world["trajectory"].refresh_from_db()
    assert world["trajectory"].case == case
    assert Activity.objects.filter(trajectory=world["trajectory"], verb=Activity.Verb.PUBLISH)
    follow = client.get(response["Location"])
    assert "Je concept-praktijkverhaal staat klaar" in unescape(follow.content.decode())


def test_a_second_time_goes_to_the_same_draft(client, world):
    client.force_login(world["owner"])
    client.post(publish_url(world))

    response = client.post(publish_url(world))

    case = Case.objects.get()
    assert response["Location"] == reverse("community:case_update", args=[case.slug])
    html = unescape(client.get(publish_url(world)).content.decode())
    assert reverse("community:case_update", args=[case.slug]) in html


@pytest.mark.parametrize("role", ["editor", "reader"])
def test_only_the_owner_can_make_the_draft(client, world, role):
    client.force_login(world[role])

    response = client.post(publish_url(world))

    assert response.status_code == 403
    assert not Case.objects.exists()


def test_the_team_sees_exactly_what_the_draft_will_contain(client, world):
    client.force_login(world["reader"])

    html = unescape(client.get(publish_url(world)).content.decode())

    assert "Inwoners (2), Maatschappelijke organisatie (1)" in html
    assert "Het traject zelf blijft privé" in html
    assert "Concept-praktijkverhaal maken" not in html  # the owner's button
    assert "Wijkraad Noord" not in html.split("Dit komt in het concept", 1)[1]


def test_the_trajectory_stays_private_after_publishing(client, world):
    client.force_login(world["owner"])
    client.post(publish_url(world))
    case = Case.objects.get()

    client.force_login(world["other_member"])

    assert client.get(world["trajectory"].get_absolute_url()).status_code == 404
    assert client.get(publish_url(world)).status_code == 404
    assert client.get(case.get_absolute_url()).status_code == 404  # a draft, the owner's own

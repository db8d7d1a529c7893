"""The challenges a team meets: ticking them, and what the page then shows for each:
how the pilots handled it, colleagues' published cases and whom to ask."""

from html import unescape

import pytest
from django.urls import reverse

from planner.models import Activity, ChallengeMet
from tests.community.factories import CaseFactory, OrganisationFactory, VerifiedUserFactory
from tests.planner.factories import planner_world
from tests.roadmap.factories import ChallengeFactory, ExampleFactory

COLLEAGUES = "Collega's die dit meemaakten"


@pytest.fixture
def world(db):
    world = planner_world()
    world["challenges"] = [ChallengeFactory(number=n, title=f"Uitdaging nummer {n}")
                           for n in range(1, 13)]  # fmt: skip
    return world


def url(world):
    return reverse("planner:challenges", args=[world["trajectory"].pk])


def page(client, world, user):
    client.force_login(user)
    response = client.get(url(world))
    assert response.status_code == 200
    return unescape(response.content.decode())


def tick(trajectory, *challenges):
    for challenge in challenges:
        ChallengeMet.objects.create(trajectory=trajectory, challenge=challenge)


def colleague_case(challenge, *, accepts_questions=True, author=None, **fields):
    author = author or VerifiedUserFactory()
    author.profile.accepts_questions = accepts_questions
    author.profile.save()
    case = CaseFactory(author=author, **fields)
    case.challenges.add(challenge)
    return case


def question_url(user, case=None):
    address = reverse("community:question_create", args=[user.profile.slug])
    return f"{address}?verhaal={case.slug}" if case else address


def test_the_form_offers_the_twelve_challenges_with_their_numbers(client, world):
    html = page(client, world, world["editor"])

    assert "Welke uitdagingen komen jullie tegen?" in html
    assert html.count('type="checkbox" name="challenges"') == 12
    assert "12. Uitdaging nummer 12" in html


def test_ticking_two_challenges_saves_them_and_shows_them_below(client, world):
    first, second = world["challenges"][1], world["challenges"][4]
    client.force_login(world["editor"])

    response = client.post(url(world), {"challenges": [first.pk, second.pk]})

    assert response.status_code == 302
    ticked = ChallengeMet.objects.filter(trajectory=world["trajectory"])
    assert {met.challenge for met in ticked} == {first, second}
    entry = Activity.objects.get(trajectory=world["trajectory"], verb=Activity.Verb.CHALLENGES)
    assert entry.actor == world["editor"]
    assert first.title in entry.subject and second.title in entry.subject
    html = page(client, world, world["editor"])
    assert "De 2 uitdagingen die jullie tegenkomen" in html
    assert f'id="uitdaging-{first.pk}"' in html and f'id="uitdaging-{second.pk}"' in html
    assert "De uitdagingen zijn opgeslagen." in html


def test_unticking_removes_a_challenge(client, world):
    first, second = world["challenges"][:2]
    tick(world["trajectory"], first, second)
    client.force_login(world["owner"])

    client.post(url(world), {"challenges": [second.pk]})

    assert [met.challenge for met in world["trajectory"].challenges_met.all()] == [second]


def test_a_challenge_that_does_not_exist_gets_a_dutch_message(client, world):
    client.force_login(world["editor"])

    response = client.post(url(world), {"challenges": ["999999"]})

    assert response.status_code == 200
    assert "bestaat niet" in unescape(response.content.decode())
    assert not ChallengeMet.objects.exists()


def test_a_ticked_challenge_shows_its_summary_and_how_the_pilots_handled_it(client, world):
    challenge = world["challenges"][0]
    example = ExampleFactory(title="Bewonerspanel in Houten")
    hidden = ExampleFactory(title="Nog niet af", is_published=False)
    challenge.examples.add(example, hidden)
    tick(world["trajectory"], challenge)

    html = page(client, world, world["reader"])

    assert challenge.summary in html
    assert example.get_absolute_url() in html
    assert "Nog niet af" not in html
    assert challenge.get_absolute_url() in html


def test_a_colleagues_published_case_is_shown_with_a_question_link(client, world):
    challenge = world["challenges"][2]
    tick(world["trajectory"], challenge)
    organisation = OrganisationFactory(name="Gemeente Houtrust")
    case = colleague_case(challenge, title="Samen de wijk in", organisation=organisation)
    name = case.author.profile.display_name

    html = page(client, world, world["owner"])

    section = html.split(COLLEAGUES, 1)[1]
    assert "Samen de wijk in" in section
    assert case.get_absolute_url() in section
    assert "Gemeente Houtrust" in section
    assert f"Stel {name} een vraag" in section
    assert question_url(case.author, case) in section


def test_a_colleague_who_takes_no_questions_is_shown_without_a_question_link(client, world):
    challenge = world["challenges"][2]
    tick(world["trajectory"], challenge)
    case = colleague_case(challenge, title="Zonder vragen", accepts_questions=False)

    html = page(client, world, world["owner"])

    assert "Zonder vragen" in html
    assert question_url(case.author) not in html


def test_at_most_three_cases_per_challenge_newest_first(client, world):
    challenge = world["challenges"][0]
    tick(world["trajectory"], challenge)
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for days in range(5):
        colleague_case(challenge, title=f"Verhaal {days} dagen oud",
                       published_at=now - timedelta(days=days))  # fmt: skip

    html = page(client, world, world["owner"])

    shown = [days for days in range(5) if f"Verhaal {days} dagen oud" in html]
    assert shown == [0, 1, 2]
    assert html.index("Verhaal 0 dagen oud") < html.index("Verhaal 2 dagen oud")


def test_other_colleagues_who_take_questions_are_offered_beyond_the_three_cases(client, world):
    from datetime import timedelta

    from django.utils import timezone

    challenge = world["challenges"][0]
    tick(world["trajectory"], challenge)
    oldest = colleague_case(challenge, published_at=timezone.now() - timedelta(days=30))
    for _ in range(3):
        colleague_case(challenge)

    html = page(client, world, world["owner"])

    assert oldest.title not in html  # not among the three newest
    assert f"Stel {oldest.author.profile.display_name} een vraag" in html
    assert question_url(oldest.author, oldest) in html


def test_my_own_case_is_not_offered_a_question_link(client, world):
    challenge = world["challenges"][0]
    tick(world["trajectory"], challenge)
    owner = world["owner"]
    own = colleague_case(challenge, author=owner, title="Mijn eigen verhaal")

    html = page(client, world, owner)

    assert question_url(owner) not in html
    assert own.title not in html
    assert "Nog geen collega schreef een praktijkverhaal over deze uitdaging." in html


def test_cases_that_are_not_published_are_not_shown(client, world):
    challenge = world["challenges"][0]
    tick(world["trajectory"], challenge)
    colleague_case(challenge, title="Nog een concept", status="draft", published_at=None)
    colleague_case(challenge, title="Verborgen verhaal", is_hidden=True)
    colleague_case(challenge, title="Wacht op beoordeling", status="submitted")

    html = page(client, world, world["owner"])

    for title in ("Nog een concept", "Verborgen verhaal", "Wacht op beoordeling"):
        assert title not in html


def test_a_reader_sees_the_challenges_but_cannot_change_them(client, world):
    challenge = world["challenges"][0]
    tick(world["trajectory"], challenge)

    html = page(client, world, world["reader"])
    response = client.post(url(world), {"challenges": [world["challenges"][1].pk]})

    assert "Uitdagingen opslaan" not in html
    assert f'id="uitdaging-{challenge.pk}"' in html
    assert response.status_code == 403
    assert [met.challenge for met in world["trajectory"].challenges_met.all()] == [challenge]


def test_someone_outside_the_team_is_told_the_page_does_not_exist(client, world):
    client.force_login(world["other_member"])

    assert client.get(url(world)).status_code == 404
    assert client.post(url(world), {"challenges": []}).status_code == 404


@pytest.mark.parametrize("ticked", [1, 6])
def test_the_page_costs_the_same_queries_for_one_or_six_challenges(
    client, world, django_assert_max_num_queries, ticked
):
    """Prevents an N+1 over the ticked challenges: their examples, the colleagues' cases
    with their organisation and author, and the colleagues to ask are each read once for
    all of them."""
    challenges = world["challenges"][:ticked]
    tick(world["trajectory"], *challenges)
    for challenge in challenges:
        challenge.examples.add(ExampleFactory(), ExampleFactory())
        for _ in range(4):
            colleague_case(challenge, organisation=OrganisationFactory())
    client.force_login(world["owner"])

    with django_assert_max_num_queries(10):
        response = client.get(url(world))

    assert response.status_code == 200
    assert response.content.decode().count('class="colleague-case"') == 3 * ticked

import pytest
from django.core.management import call_command

from roadmap import demo_content
from roadmap.models import Article, Challenge, Example, GuidingQuestion, Phase, Theme, Tool

pytestmark = pytest.mark.django_db

MODELS = [Phase, GuidingQuestion, Challenge, Example, Tool, Theme, Article]


def snapshot():
    """Every stored item with its last change and links, to see whether a run touched it."""
    state = {}
    for model in MODELS:
        for item in model.objects.all():
            links = {
                field.name: sorted(getattr(item, field.name).values_list("pk", flat=True))
                for field in model._meta.many_to_many
            }
            state[(model.__name__, item.pk)] = (getattr(item, "updated_at", None), links)
    return state


@pytest.fixture
def demo(db):
    call_command("load_demo_content", "--no-accounts")


def test_demo_content_fills_the_whole_knowledge_base(demo):
    assert list(Phase.objects.values_list("slug", flat=True)) == [
        "co-initieren",
        "co-design",
        "co-productie",
        "co-evaluatie",
    ]
    assert Challenge.objects.count() == 12
    assert list(Challenge.objects.values_list("number", flat=True)) == list(range(1, 13))
    assert Example.objects.count() >= 13
    assert Tool.objects.count() >= 6
    assert Theme.objects.count() == 4
    assert Article.objects.count() == 2


def test_every_phase_has_its_guiding_questions_with_steps(demo):
    for phase in Phase.objects.prefetch_related("questions"):
        questions = list(phase.questions.all())
        assert len(questions) >= 4, phase
        assert all(question.answer_html and question.step_list for question in questions)
    # Seed 004's first question opens the first phase.
    first = Phase.objects.get(order=1).questions.first()
    assert first.question == "Waar moet ik beginnen bij co-creatie?"


def test_every_challenge_links_to_a_worked_example_and_a_phase(demo):
    for challenge in Challenge.objects.prefetch_related("examples", "phases"):
        assert challenge.examples.exists(), challenge
        assert challenge.phases.exists(), challenge


def test_the_pilots_and_regional_cases_of_the_sources_are_there(demo):
    countries = set(Example.objects.values_list("country", flat=True))
    assert {
        "Hongarije",
        "Finland",
        "Estland",
        "Spanje",
        "Nederland",
        "Zweden",
        "Italië",
        "Verenigd Koninkrijk",
        "Polen",
    } <= countries
    places = set(Example.objects.values_list("place", flat=True))
    assert {"Nieuwegein", "Houten"} <= places
    text = " ".join(Example.objects.values_list("body", flat=True)) + " ".join(
        Example.objects.values_list("what_was_done", flat=True)
    )
    for name in ("Nynke Joustra", "Jessica Dijkman", "Nico Ooms"):
        assert name in text


def test_every_item_is_tagged_and_rendered(demo):
    for model in (Phase, Challenge, Example, Tool, Theme, Article):
        for item in model.objects.prefetch_related("tags"):
            assert item.tags.exists(), item
            assert item.body_html.startswith("<"), item


def test_running_it_again_changes_nothing(demo):
    before = snapshot()

    call_command("load_demo_content", "--no-accounts")

    assert snapshot() == before


def test_a_moderators_edits_survive_the_next_run(demo):
    challenge = Challenge.objects.get(number=1)
    challenge.title = "Door de redactie aangepast"
    challenge.save()
    challenge.examples.clear()
    Tool.objects.filter(slug=demo_content.TOOLS[0]["slug"]).update(is_published=False)

    call_command("load_demo_content", "--no-accounts")

    challenge.refresh_from_db()
    assert challenge.title == "Door de redactie aangepast"
    assert not challenge.examples.exists()
    assert not Tool.objects.get(slug=demo_content.TOOLS[0]["slug"]).is_published


def test_a_missing_item_comes_back_with_its_links(demo):
    Example.objects.get(slug="cosie-houten").delete()

    call_command("load_demo_content", "--no-accounts")

    houten = Example.objects.get(slug="cosie-houten")
    assert houten.challenges.exists()
    assert houten.phases.exists()

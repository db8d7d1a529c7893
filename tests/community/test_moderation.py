"""The life of a case: draft → submitted → changes requested → resubmitted → published,
every step logged, every decision mailed to the author after the commit."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cocreatie.core.models import ActionLog
from community import services
from community.models import Case, CaseRevision
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory
from tests.roadmap.factories import ChallengeFactory, ExampleFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return VerifiedUserFactory()


@pytest.fixture
def moderator():
    return ModeratorFactory()


def write_case(client, **overrides):
    data = {
        "title": "Samen een buurtplan maken",
        "summary": "Bewoners en gemeente maakten samen een plan.",
        "body": "We begonnen met **koffie** op het plein.",
        "what_worked": "Luisteren.",
        "do_differently": "Eerder beginnen.",
        "tags": "buurt, plan",
        **overrides,
    }
    return client.post(reverse("community:case_create"), data)


def test_a_member_writes_previews_and_submits_a_case(
    client, author, moderator, django_capture_on_commit_callbacks
):
    phase = PhaseFactory()
    client.force_login(author)

    response = write_case(client, phases=[phase.pk])

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.status == Case.Status.DRAFT and case.author == author
    assert "<strong>koffie</strong>" in case.body_html
    preview = client.get(case.get_absolute_url())
    assert preview.status_code == 200 and "Samen een buurtplan maken" in preview.content.decode()
    assert client.get(case.get_absolute_url(), follow=False).status_code == 200
    client.logout()
    assert client.get(case.get_absolute_url()).status_code == 404

    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        with_mail = client.post(reverse("community:case_submit", args=[case.slug]))

    case.refresh_from_db()
    assert with_mail.status_code == 302
    assert case.status == Case.Status.SUBMITTED
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert ActionLog.objects.for_target(case).filter(verb="submit", actor=author).exists()


def test_a_case_form_with_errors_keeps_what_was_typed(client, author):
    client.force_login(author)

    response = write_case(client, title="", body="Mijn lange verhaal")

    assert response.status_code == 200
    assert "Geef je praktijkverhaal een titel." in response.content.decode()
    assert "Mijn lange verhaal" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("decision", ["publish", "request_changes", "reject"])
def test_every_decision_needs_a_message(author, moderator, decision):
    case = CaseFactory(author=author, status="submitted", published_at=None)

    with pytest.raises(ValidationError):
        services.case_decide(case=case, moderator=moderator, decision=decision, message="  ")

    case.refresh_from_db()
    assert case.status == "submitted"


def test_changes_requested_then_resubmitted_then_published(
    client, author, moderator, django_capture_on_commit_callbacks
):
    case = CaseFactory(author=author, status="submitted", published_at=None)
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:moderation_case_decision", args=[case.slug]),
            {"decision": "request_changes", "message": "Vertel meer over het resultaat."},
        )

    case.refresh_from_db()
    assert case.status == Case.Status.CHANGES_REQUESTED
    (message,) = [m for m in mail.outbox if author.email in m.to]
    assert "Vertel meer over het resultaat." in message.body
    client.force_login(author)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Vertel meer over het resultaat." in page

    client.post(
        reverse("community:case_update", args=[case.slug]),
        {"title": case.title, "summary": case.summary, "body": "Nu met resultaat."},
    )
    client.post(reverse("community:case_submit", args=[case.slug]))
    client.force_login(moderator)
    client.post(
        reverse("community:moderation_case_decision", args=[case.slug]),
        {"decision": "publish", "message": "Dank je, gepubliceerd!"},
    )

    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED and case.published_at
    assert list(
        ActionLog.objects.for_target(case).order_by("id").values_list("verb", flat=True)
    ) == [
        "request_changes",
        "submit",
        "publish",
    ]
    client.logout()
    assert client.get(case.get_absolute_url()).status_code == 200


def test_mail_waits_for_the_commit(author, moderator, django_capture_on_commit_callbacks):
    case = CaseFactory(author=author, status="submitted", published_at=None)

    with django_capture_on_commit_callbacks() as callbacks:
        services.case_decide(
            case=case, moderator=moderator, decision="publish", message="Gepubliceerd."
        )
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[author.email]]


def test_a_member_cannot_moderate(author):
    other = VerifiedUserFactory()
    case = CaseFactory(author=author, status="submitted", published_at=None)

    with pytest.raises(PermissionDenied):
        services.case_decide(case=case, moderator=other, decision="publish", message="Ja")

    case.refresh_from_db()
    assert case.status == "submitted"


def test_editing_a_published_case_keeps_it_online_and_shows_moderators_the_change(
    client, author, moderator
):
    case = CaseFactory(author=author, body="De eerste versie.")
    client.force_login(author)

    client.post(
        reverse("community:case_update", args=[case.slug]),
        {"title": case.title, "summary": case.summary, "body": "De tweede versie."},
    )

    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED
    revision = CaseRevision.objects.get(case=case)
    assert revision.previous["body"] == "De eerste versie."
    assert revision.current["body"] == "De tweede versie."
    client.force_login(moderator)
    review = client.get(reverse("community:moderation_case", args=[case.slug])).content.decode()
    # Word by word: "De eerste versie." became "De tweede versie."
    assert '<span class="visually-hidden">verwijderd: </span>eerste</del>' in review
    assert '<span class="visually-hidden">toegevoegd: </span>tweede</ins> versie.' in review


def test_featured_cases_are_on_the_home_page(client, author, moderator):
    case = CaseFactory(author=author, title="Uitgelicht verhaal")

    services.case_feature(case=case, moderator=moderator, featured=True)

    assert "Uitgelicht verhaal" in client.get("/").content.decode()
    assert ActionLog.objects.for_target(case).filter(verb="feature").exists()


def test_a_case_shows_colleagues_with_the_same_challenge(client, author):
    challenge = ChallengeFactory()
    example = ExampleFactory(title="Voorbeeld uit Houten")
    challenge.examples.add(example)
    case = CaseFactory(author=author)
    case.challenges.add(challenge)
    colleague = CaseFactory(title="Verhaal van een collega")
    colleague.challenges.add(challenge)
    draft = CaseFactory(title="Geheim concept", status="draft", published_at=None)
    draft.challenges.add(challenge)

    page = client.get(case.get_absolute_url()).content.decode()

    assert colleague.get_absolute_url() in page
    assert example.get_absolute_url() in page
    assert challenge.get_absolute_url() in page
    assert draft.get_absolute_url() not in page


def test_published_cases_are_searchable(client, author):
    CaseFactory(author=author, title="Buurtkamer met bewoners")
    CaseFactory(author=author, title="Buurtkamer concept", status="draft", published_at=None)

    response = client.get(reverse("search"), {"q": "Buurtkamer"})

    assert [result.title for result in response.context["results"]] == ["Buurtkamer met bewoners"]

"""A case that comes back after "changes requested" shows the moderator, field by field,
what the author changed since the version they reviewed, with insertions and deletions
marked in words (not colour alone), and the message the moderator sent last time."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import services
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory
from tests.roadmap.factories import PhaseFactory

pytestmark = pytest.mark.django_db

OLD_SUMMARY = "Bewoners en gemeente maakten samen een plan."
NEW_SUMMARY = "Bewoners, ondernemers en gemeente maakten samen een plan voor het plein."


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def case():
    return CaseFactory(
        author=VerifiedUserFactory(),
        status="submitted",
        published_at=None,
        summary=OLD_SUMMARY,
        body="We begonnen met koffie op het plein.",
        what_worked="Luisteren.",
    )


def send_back(case, moderator, message="Noem ook de ondernemers."):
    services.case_decide(
        case=case, moderator=moderator, decision="request_changes", message=message
    )
    case.refresh_from_db()


def edit(case, **fields):
    data = {name: getattr(case, name) for name in services.CASE_TEXT_FIELDS}
    data.update(fields)
    services.case_update(case=case, editor=case.author, **data)
    case.refresh_from_db()


def resubmit(case):
    services.case_submit(case=case, author=case.author)


def review_page(client, moderator, case):
    client.force_login(moderator)
    response = client.get(reverse("community:moderation_case", args=[case.slug]))
    assert response.status_code == 200
    return response.content.decode()


def field_block(page, label):
    """The part of the diff about one field, from its label to the next."""
    match = re.search(rf"<dt>{re.escape(label)}</dt>(.*?)</dd>", page, re.S)
    assert match, f"no diff for {label}"
    return match.group(1)


def test_a_resubmitted_case_shows_what_changed_since_the_moderator_saw_it(client, case, moderator):
    send_back(case, moderator)
    edit(case, summary="Iets tussendoor.")
    edit(case, summary=NEW_SUMMARY)
    resubmit(case)

    page = review_page(client, moderator, case)

    assert "Wat is er veranderd sinds het vorige besluit?" in page
    summary = field_block(page, "Samenvatting")
    deleted = re.findall(r"<del>(.*?)</del>", summary, re.S)
    inserted = re.findall(r"<ins>(.*?)</ins>", summary, re.S)
    assert deleted and inserted
    assert all('<span class="visually-hidden">verwijderd: </span>' in d for d in deleted)
    assert all('<span class="visually-hidden">toegevoegd: </span>' in i for i in inserted)
    assert "ondernemers" in "".join(inserted)
    # The version the moderator reviewed is the baseline, not the edit in between.
    assert "tussendoor" not in summary
    text = re.sub(r"<span class=\"visually-hidden\">.*?</span>|<[^>]+>", "", summary)
    assert "Bewoners" in text and "samen een plan" in text
    for label in ("Titel", "Wat heb je gedaan?", "Wat werkte goed?"):
        assert "niets veranderd" in field_block(page, label)
    assert "niets veranderd" not in summary


def test_the_previous_message_to_the_author_is_shown_above_the_decision_form(
    client, case, moderator
):
    send_back(case, moderator, message="Noem ook de ondernemers op het plein.")
    edit(case, summary=NEW_SUMMARY)
    resubmit(case)

    page = review_page(client, moderator, case)

    said = page.index("Je vorige bericht aan de auteur:")
    assert page.index("Noem ook de ondernemers op het plein.") > said
    assert said < page.index(
        'action="' + reverse("community:moderation_case_decision", args=[case.slug])
    )


def test_another_moderator_sees_whose_message_it_was(client, case, moderator):
    send_back(case, moderator, message="Noem ook de ondernemers.")
    resubmit(case)

    page = review_page(client, ModeratorFactory(), case)

    assert "Je vorige bericht" not in page
    assert "Vorig bericht van" in page and "Noem ook de ondernemers." in page
    assert "De auteur heeft daarna niets veranderd." in page


def test_a_first_submission_shows_no_diff(client, case, moderator):
    page = review_page(client, moderator, case)

    assert "Wat is er veranderd" not in page
    assert "vorige bericht" not in page
    assert "<ins>" not in page and "<del>" not in page


def test_a_new_phase_and_tag_show_as_added(client, case, moderator):
    phase = PhaseFactory(title="Samen ontwerpen")
    send_back(case, moderator)
    data = {name: getattr(case, name) for name in services.CASE_TEXT_FIELDS}
    services.case_update(case=case, editor=case.author, phases=[phase], tags=["plein"], **data)
    resubmit(case)

    page = review_page(client, moderator, case)

    assert "Samen ontwerpen</ins>" in field_block(page, "Fasen")
    assert "plein</ins>" in field_block(page, "Tags")
    assert "niets veranderd" in field_block(page, "Samenvatting")


def test_edits_before_publication_are_not_listed_as_changes_after_it(client, case, moderator):
    send_back(case, moderator)
    edit(case, body="Een betere versie.")
    resubmit(case)
    services.case_decide(case=case, moderator=moderator, decision="publish", message="Mooi.")

    page = review_page(client, moderator, case)
    dashboard = client.get(reverse("community:moderation")).content.decode()

    assert "Wijzigingen na publicatie" not in page
    assert "Onlangs gewijzigde gepubliceerde verhalen" not in dashboard
    edit(case, body="Nog beter, na publicatie.")
    dashboard = client.get(reverse("community:moderation")).content.decode()
    assert "Nog beter" in review_page(client, moderator, case)
    assert "Onlangs gewijzigde gepubliceerde verhalen" in dashboard
    assert "1 wijziging<" in dashboard


def test_the_review_page_takes_as_many_queries_with_1_or_20_revisions(
    client, moderator, django_assert_max_num_queries
):
    """The baseline is one query for the last decision and one for the first edit since,
    not a walk through every revision."""

    def review_after(edits):
        case = CaseFactory(status="submitted", published_at=None, summary=OLD_SUMMARY)
        send_back(case, moderator)
        for number in range(edits):
            edit(case, summary=f"{NEW_SUMMARY} Versie {number}.")
        resubmit(case)
        return case

    few, many = review_after(1), review_after(20)
    client.force_login(moderator)
    url = reverse("community:moderation_case", args=[few.slug])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    with django_assert_max_num_queries(len(queries)):
        page = client.get(reverse("community:moderation_case", args=[many.slug]))
    assert "Versie 19." in page.content.decode()

"""Every decision that affects a member comes with a statement of reasons: one mail that
says what was decided, on which house rule, automatically or by a moderator (never who),
the moderator's message and how to object; and the same statement on the item, for its
author. The house rules it points to are published at /huisregels/."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from community import house_rules, services
from community.models import Case, Decision, Report
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)
from tests.html import assert_base_layout

pytestmark = pytest.mark.django_db

RULES_URL = f"{settings.SITE_URL}/huisregels/"


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def comment():
    return CommentFactory(body="Bel me op 06-12345678")


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def notice(page: str) -> str:
    """The statement of reasons as the page shows it (the decision notice)."""
    found = re.search(r'<div class="decision-notice">(.*?)</div>', page, re.S)
    assert found, "the page shows no decision notice"
    return " ".join(found.group(1).split())


def appeal_path(decision):
    return reverse("community:appeal_create", args=[decision.pk])


def test_a_moderator_hides_a_comment_and_its_author_gets_one_statement(
    client, comment, moderator, django_capture_on_commit_callbacks
):
    author = comment.author
    services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="personal_data")
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:moderation_visibility", args=["reactie", comment.pk, "verbergen"]),
            {"reason": "Er staat een telefoonnummer in."},
        )

    decision = Decision.objects.get()
    assert (decision.kind, decision.member, decision.comment) == ("hidden", author, comment)
    assert decision.moderator == moderator and not decision.automatic
    assert decision.ground == "privacy"  # from the report
    (message,) = mails_to(author)
    assert message.subject.endswith("Een moderator heeft je reactie verborgen")
    body = message.body
    assert f'Een moderator heeft je reactie bij "{comment.case.title}" verborgen.' in body
    assert "Door een moderator" in body
    assert moderator.profile.display_name not in body and moderator.email not in body
    assert "Deel geen persoonsgegevens van anderen" in body
    assert f"{RULES_URL}#privacy" in body
    assert "Er staat een telefoonnummer in." in body
    assert f"{settings.SITE_URL}{appeal_path(decision)}" in body
    assert f"{settings.SITE_URL}{comment.get_absolute_url()}" in body

    client.force_login(author)
    shown = notice(client.get(comment.case.get_absolute_url()).content.decode())
    assert "Verborgen door een moderator" in shown
    assert "Er staat een telefoonnummer in." in shown
    assert 'href="/huisregels/#privacy"' in shown
    assert f'href="{appeal_path(decision)}"' in shown
    assert moderator.profile.display_name not in shown


def test_three_reports_hide_automatically_and_the_statement_says_so(
    client, comment, django_capture_on_commit_callbacks
):
    author = comment.author
    with django_capture_on_commit_callbacks(execute=True):
        for reason in ("spam", "other", "spam"):
            services.report_create(reporter=VerifiedUserFactory(), item=comment, reason=reason)

    decision = Decision.objects.get()
    assert decision.kind == "auto_hidden" and decision.automatic and decision.moderator is None
    assert decision.ground == "spam"
    (message,) = mails_to(author)
    assert message.subject.endswith("Je reactie is automatisch verborgen na meldingen")
    body = message.body
    assert "is automatisch verborgen, omdat meerdere leden het meldden" in body
    assert "Automatisch, na meldingen van leden." in body
    assert "door een moderator" not in body.lower()
    assert "3 leden meldden dit" in body and "spam of reclame (2 keer)" in body
    assert "Geen spam of reclame" in body and f"{RULES_URL}#spam" in body
    assert f"{settings.SITE_URL}{appeal_path(decision)}" in body

    client.force_login(author)
    shown = notice(client.get(comment.case.get_absolute_url()).content.decode())
    assert "Automatisch verborgen na meldingen" in shown
    assert "Automatisch, na meldingen van leden" in shown
    assert "door een moderator" not in shown.lower()
    assert 'href="/huisregels/#spam"' in shown
    assert f'href="{appeal_path(decision)}"' in shown


def test_on_a_tie_the_ground_is_the_first_specific_reason_not_something_else(comment):
    for reason in ("other", "off_topic", "offensive"):
        services.report_create(reporter=VerifiedUserFactory(), item=comment, reason=reason)

    assert Decision.objects.get().ground == "respect"  # offensive comes first on the form


def test_a_hidden_case_shows_its_author_the_statement_and_others_nothing(
    client, moderator, django_capture_on_commit_callbacks
):
    case = CaseFactory(title="Buurtplan")
    with django_capture_on_commit_callbacks(execute=True):
        services.content_hide(
            item=case, moderator=moderator, reason="Er staat een adres in.", ground="privacy"
        )

    (message,) = mails_to(case.author)
    assert message.subject.endswith("Een moderator heeft je praktijkverhaal verborgen")
    assert 'je praktijkverhaal "Buurtplan" verborgen' in message.body
    client.force_login(case.author)
    shown = notice(client.get(case.get_absolute_url()).content.decode())
    assert "Er staat een adres in." in shown and 'href="/huisregels/#privacy"' in shown
    client.force_login(VerifiedUserFactory())
    assert client.get(case.get_absolute_url()).status_code == 404


def test_an_unknown_ground_is_refused_and_nothing_is_hidden(comment, moderator):
    with pytest.raises(ValidationError):
        services.content_hide(
            item=comment, moderator=moderator, reason="Weg", ground="bestaat-niet"
        )

    comment.refresh_from_db()
    assert not comment.is_hidden and not Decision.objects.exists()


def test_a_rejected_case_gets_one_statement_with_the_way_to_object(
    client, moderator, django_capture_on_commit_callbacks
):
    case = CaseFactory(title="Ons buurtfeest", status="submitted", published_at=None)
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:moderation_case_decision", args=[case.slug]),
            {"decision": "reject", "message": "Dit gaat niet over samenwerken met inwoners."},
        )

    decision = Decision.objects.get()
    assert (decision.kind, decision.case, decision.moderator) == ("case_rejected", case, moderator)
    (message,) = mails_to(case.author)
    assert message.subject.endswith("Je praktijkverhaal is niet geplaatst")
    body = message.body
    assert 'je praktijkverhaal "Ons buurtfeest" gelezen en besloten het niet te plaatsen' in body
    assert "Door een moderator" in body
    assert "Dit gaat niet over samenwerken met inwoners." in body
    assert "Er is geen huisregel genoemd." in body
    assert RULES_URL in body
    assert f"{settings.SITE_URL}{appeal_path(decision)}" in body

    client.force_login(case.author)
    shown = notice(client.get(case.get_absolute_url()).content.decode())
    assert "Praktijkverhaal afgewezen" in shown and "Door een moderator" in shown
    assert "Dit gaat niet over samenwerken met inwoners." in shown
    assert f'href="{appeal_path(decision)}"' in shown


def test_changes_requested_is_a_statement_without_an_objection(
    client, moderator, django_capture_on_commit_callbacks
):
    case = CaseFactory(status="submitted", published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        services.case_decide(
            case=case, moderator=moderator, decision="request_changes", ground="onderwerp",
            message="Vertel meer over wat de inwoners deden.",
        )  # fmt: skip

    decision = Decision.objects.get()
    assert decision.kind == "case_changes" and not decision.is_appealable
    (message,) = mails_to(case.author)
    assert message.subject.endswith("Wil je je praktijkverhaal aanpassen?")
    body = message.body
    assert "vraagt je om het aan te passen" in body
    assert "Vertel meer over wat de inwoners deden." in body
    assert "Blijf bij het onderwerp" in body and f"{RULES_URL}#onderwerp" in body
    assert "/community/bezwaar/" not in body
    assert "Pas je verhaal aan en dien het opnieuw in." in body

    client.force_login(case.author)
    shown = notice(client.get(case.get_absolute_url()).content.decode())
    assert "Aanpassing gevraagd" in shown and "Vertel meer over wat de inwoners deden." in shown
    assert "bezwaar" not in shown.lower()
    my_cases = client.get(reverse("community:my_cases")).content.decode()
    assert f'href="{case.get_absolute_url()}#besluit"' in my_cases


def test_publishing_is_no_decision_against_the_author(
    moderator, django_capture_on_commit_callbacks
):
    case = CaseFactory(status="submitted", published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        services.case_decide(case=case, moderator=moderator, decision="publish", message="Mooi!")

    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED
    assert not Decision.objects.exists()
    (message,) = mails_to(case.author)
    assert message.subject.endswith("Je praktijkverhaal is gepubliceerd")


def test_the_house_rules_page_lists_every_rule_with_an_anchor(client):
    page = client.get(reverse("community:house_rules"))

    assert page.status_code == 200
    content = page.content.decode()
    outline = assert_base_layout(content)
    for rule in house_rules.RULES:
        assert len(outline.find_all("li", id=rule.key)) == 1
        assert escape(str(rule.title)) in content and escape(str(rule.text)) in content
    assert f'href="{reverse("community:house_rules")}"' in client.get("/").content.decode()


def test_every_report_reason_points_to_a_house_rule():
    for reason in Report.Reason.values:
        assert house_rules.get(house_rules.rule_for_reason(reason)) is not None


def test_the_moderator_names_the_house_rule_when_hiding_and_when_deciding(
    client, moderator, django_capture_on_commit_callbacks
):
    """Both the hide form and the decision form offer the house rules; the statement
    names the rule chosen."""
    comment = CommentFactory(body="Koop nu mijn cursus!")
    case = CaseFactory(title="Ons buurtfeest", status="submitted", published_at=None)
    client.force_login(moderator)
    review = client.get(reverse("community:moderation_case", args=[case.slug])).content.decode()
    assert 'name="ground"' in review and str(house_rules.get("onderwerp").title) in review

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:moderation_visibility", args=["reactie", comment.pk, "verbergen"]),
            {"reason": "Reclame voor een eigen cursus.", "ground": "spam"},
        )
        client.post(
            reverse("community:moderation_case_decision", args=[case.slug]),
            {"decision": "reject", "message": "Dit gaat over een feest.", "ground": "onderwerp"},
        )

    hidden = Decision.objects.get(comment=comment)
    rejected = Decision.objects.get(case=case)
    assert (hidden.ground, rejected.ground) == ("spam", "onderwerp")
    (hide_mail,) = mails_to(comment.author)
    assert str(house_rules.get("spam").title) in hide_mail.body
    (reject_mail,) = mails_to(case.author)
    assert str(house_rules.get("onderwerp").title) in reject_mail.body
    assert "Er is geen huisregel genoemd." not in reject_mail.body

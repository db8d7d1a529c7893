"""The report form is fair: no reason chosen beforehand, the house rules a click away,
one open report per member per item, and a member can take their own report back,
after which it counts for nothing and leaves the moderators' queue."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cocreatie.core.models import ActionLog
from community import services
from community.models import Report
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment():
    return CommentFactory(body="Koop nu goedkope zonnepanelen!")


@pytest.fixture
def member():
    return VerifiedUserFactory()


def report_url(comment):
    return reverse("community:report", args=["reactie", comment.pk])


def withdraw_url(report):
    return reverse("community:report_withdraw", args=[report.pk])


def test_the_form_has_no_reason_chosen_and_no_empty_choice(client, comment, member):
    client.force_login(member)

    page = client.get(report_url(comment)).content.decode()

    radios = re.findall(r'<input type="radio"[^>]*name="reason"[^>]*>', page)
    assert len(radios) == len(Report.Reason.choices)
    assert not [radio for radio in radios if "checked" in radio]
    assert "---------" not in page
    assert 'value=""' not in "".join(radios)


def test_the_reasons_are_a_group_with_a_legend_and_the_house_rules_are_linked(
    client, comment, member
):
    client.force_login(member)

    page = client.get(report_url(comment)).content.decode()

    fieldset = re.search(r"<fieldset.*?</fieldset>", page, re.S).group(0)
    assert "<legend" in fieldset and "Waarom meld je dit?" in fieldset
    assert 'name="reason"' in fieldset
    assert f'href="{reverse("community:house_rules")}"' in page
    assert reverse("community:house_rules") == "/huisregels/"


def test_a_reason_is_required_and_the_explanation_is_not(client, comment, member):
    client.force_login(member)

    refused = client.post(report_url(comment), {"text": "Reclame"})
    accepted = client.post(report_url(comment), {"reason": "spam"})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Kies een reden." in page
    assert "<title>Fout:" in page
    assert accepted.status_code == 302
    assert Report.objects.get().text == ""


def test_a_second_open_report_by_the_same_member_is_refused(comment, member):
    services.report_create(reporter=member, item=comment, reason="spam")

    with pytest.raises(ValidationError, match="Je hebt dit al gemeld"):
        services.report_create(reporter=member, item=comment, reason="offensive")
    assert Report.objects.count() == 1


def test_the_form_page_says_so_when_you_reported_it_already(client, comment, member):
    report = services.report_create(reporter=member, item=comment, reason="spam")
    client.force_login(member)

    page = client.get(report_url(comment)).content.decode()

    assert "Je hebt dit al gemeld" in page
    assert f'action="{withdraw_url(report)}"' in page
    assert 'name="reason"' not in page


def test_a_member_withdraws_their_report_and_may_report_again(client, comment, member):
    report = services.report_create(reporter=member, item=comment, reason="spam")
    client.force_login(member)

    response = client.post(withdraw_url(report))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.withdrawn_at is not None
    entry = ActionLog.objects.for_target(comment).get(verb="report_withdraw")
    assert entry.actor == member
    assert member.email not in entry.message and member.profile.display_name not in entry.message
    again = client.post(report_url(comment), {"reason": "offensive"})
    assert again.status_code == 302
    assert Report.objects.open().get().reason == "offensive"


def test_only_the_reporter_can_withdraw(client, comment, member):
    report = services.report_create(reporter=member, item=comment, reason="spam")

    client.force_login(VerifiedUserFactory())
    assert client.post(withdraw_url(report)).status_code == 404
    client.force_login(ModeratorFactory())
    assert client.post(withdraw_url(report)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.report_withdraw(report=report, member=comment.author)

    report.refresh_from_db()
    assert report.withdrawn_at is None


def test_a_resolved_report_cannot_be_withdrawn(comment, member):
    report = services.report_create(reporter=member, item=comment, reason="spam")
    services.report_resolve(report=report, moderator=ModeratorFactory())

    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.report_withdraw(report=report, member=member)


def test_withdrawn_reports_do_not_count_towards_hiding(comment, member):
    first = services.report_create(reporter=member, item=comment, reason="spam")
    services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="spam")
    services.report_withdraw(report=first, member=member)

    services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="spam")

    comment.refresh_from_db()
    assert not comment.is_hidden  # two open reports, not three
    services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="spam")
    comment.refresh_from_db()
    assert comment.is_hidden


def test_a_withdrawn_report_leaves_the_moderators_queue(client, comment, member):
    report = services.report_create(
        reporter=member, item=comment, reason="other", text="Lijkt op reclame voor panelen"
    )
    client.force_login(ModeratorFactory())
    assert (
        "Lijkt op reclame voor panelen"
        in client.get(reverse("community:moderation")).content.decode()
    )

    services.report_withdraw(report=report, member=member)

    assert (
        "Lijkt op reclame voor panelen"
        not in client.get(reverse("community:moderation")).content.decode()
    )


def test_the_case_page_offers_to_withdraw_your_own_report(client, member):
    case = CaseFactory()
    comment = CommentFactory(case=case)
    on_case = services.report_create(reporter=member, item=case, reason="off_topic")
    on_comment = services.report_create(reporter=member, item=comment, reason="spam")
    client.force_login(member)

    page = client.get(case.get_absolute_url()).content.decode()

    assert page.count("Je hebt dit gemeld") == 2
    assert f'action="{withdraw_url(on_case)}"' in page
    assert f'action="{withdraw_url(on_comment)}"' in page
    assert "Melding intrekken" in page
    assert reverse("community:report", args=["verhaal", case.pk]) not in page

    client.post(withdraw_url(on_comment))
    page = client.get(case.get_absolute_url()).content.decode()
    assert page.count("Je hebt dit gemeld") == 1
    assert reverse("community:report", args=["reactie", comment.pk]) in page


def test_others_do_not_see_who_reported(client, comment, member):
    services.report_create(reporter=member, item=comment, reason="spam")
    client.force_login(VerifiedUserFactory())

    page = client.get(comment.case.get_absolute_url()).content.decode()

    assert "Je hebt dit gemeld" not in page
    assert report_url(comment) in page

"""Every moderation step leaves one row in the action log, with who took it; the log
page reads from it; the rows of the former moderation log were carried over."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from cocreatie.core.models import ActionLog
from community import appeals, services
from community.models import Case, Decision
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


def logged(target):
    return list(ActionLog.objects.for_target(target).order_by("pk").values_list("verb", "actor"))


def test_each_step_on_a_case_is_logged_with_its_actor():
    moderator = ModeratorFactory()
    case = CaseFactory(status="draft", published_at=None)
    author = case.author

    services.case_submit(case=case, author=author)
    services.case_decide(case=case, moderator=moderator, decision="publish", message="Mooi!")
    services.case_feature(case=case, moderator=moderator, featured=True)
    services.case_feature(case=case, moderator=moderator, featured=False)
    services.content_hide(item=case, moderator=moderator, reason="Bevat een adres.")
    appeals.appeal_create(
        decision=Decision.objects.get(case=case), member=author, text="Het adres is weg."
    )
    services.content_restore(item=case, moderator=moderator, reason="Klopt.")

    assert logged(case) == [
        ("submit", author.pk),
        ("publish", moderator.pk),
        ("feature", moderator.pk),
        ("unfeature", moderator.pk),
        ("hide", moderator.pk),
        ("review_request", author.pk),
        ("restore", moderator.pk),
    ]
    hide = ActionLog.objects.for_target(case).get(verb="hide")
    assert hide.message == "Bevat een adres." and hide.target_label == case.title


def test_reports_members_and_organisations_are_logged_too():
    moderator = ModeratorFactory()
    comment = CommentFactory()
    reports = [
        services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="spam")
        for _ in range(3)
    ]
    services.report_resolve(report=reports[0], moderator=moderator, message="Gezien.")
    member = VerifiedUserFactory()
    services.member_suspend(member=member, moderator=moderator, reason="Spam.")
    services.member_unsuspend(member=member, moderator=moderator)
    source, target = OrganisationFactory(name="Gem. Houten"), OrganisationFactory(name="Houten")
    services.organisation_merge(source=source, target=target, actor=moderator)

    assert logged(comment) == [("auto_hide", None), ("resolve_report", moderator.pk)]
    assert logged(member) == [("suspend", moderator.pk), ("unsuspend", moderator.pk)]
    merge = ActionLog.objects.for_target(target).get()
    assert merge.verb == "merge_organisations" and merge.actor == moderator
    assert merge.target_label == "Gem. Houten → Houten"


def test_the_log_page_says_who_did_what(client):
    moderator = ModeratorFactory(first_name="Moniek", last_name="Moderator")
    moderator.profile.display_name = "Moniek"
    moderator.profile.save()
    case = CaseFactory(title="Buurtkamer")
    services.content_hide(item=case, moderator=moderator, reason="Bevat een adres.")
    comment = CommentFactory()
    for _ in range(3):
        services.report_create(reporter=VerifiedUserFactory(), item=comment, reason="spam")

    client.force_login(moderator)
    page = client.get(reverse("community:moderation_log")).content.decode()

    assert "Moniek" in page and "Verborgen" in page and "Bevat een adres." in page
    assert reverse("community:moderation_case", args=[case.slug]) in page
    assert "systeem" in page and "Automatisch verborgen na meldingen" in page


@pytest.mark.django_db(transaction=True)
def test_the_old_moderation_log_is_carried_over():
    executor = MigrationExecutor(connection)
    before = [("community", "0003_case_published_newest_index"), ("cocreatie", "0004_action_log")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("community", "User").objects.create(email="m@example.org")
    case = old.get_model("community", "Case").objects.create(
        title="Oud verhaal", slug="oud-verhaal", summary="s", body="b", status="published"
    )
    ModerationLog = old.get_model("community", "ModerationLog")
    ModerationLog.objects.create(
        actor=user, action="publish", case=case, subject="Oud verhaal", message="Goed."
    )
    ModerationLog.objects.create(actor=None, action="suspend", member=user, subject="Lid")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    publish = ActionLog.objects.get(verb="publish")
    assert publish.target == Case.objects.get(pk=case.pk) and publish.actor_id == user.pk
    assert publish.message == "Goed." and publish.target_label == "Oud verhaal"
    suspend = ActionLog.objects.get(verb="suspend")
    assert suspend.target_id == user.pk and suspend.actor is None

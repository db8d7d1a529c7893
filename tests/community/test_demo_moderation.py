"""The demo content gives a moderator something in each queue: a comment hidden
automatically after three reports, and an appeal against a moderator's decision."""

import io

import pytest
from django.core.management import call_command

from community.models import Appeal, Comment, Decision

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_automatic_hide_and_an_open_appeal(settings):
    settings.DEBUG = True  # demo accounts and their content are made in demo mode only
    call_command("load_demo_content", stdout=io.StringIO())

    automatic = Decision.objects.get(kind=Decision.Kind.AUTO_HIDDEN)
    assert automatic.automatic and automatic.moderator is None
    assert Comment.objects.get(pk=automatic.comment_id).is_hidden
    (appeal,) = Appeal.objects.filter(decided_at__isnull=True)
    assert appeal.decision.kind == Decision.Kind.HIDDEN
    # Decided by the administrator: the demo moderator can answer the objection.
    assert appeal.decision.moderator.email == "beheerder@example.org"

    # Loading again adds nothing.
    call_command("load_demo_content", stdout=io.StringIO())
    assert Decision.objects.filter(kind=Decision.Kind.AUTO_HIDDEN).count() == 1
    assert Appeal.objects.count() == 1

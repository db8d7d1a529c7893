import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command

from community.demo import DEMO_PASSWORD
from community.models import Case, Comment, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mode(settings):
    settings.DEBUG = True
    call_command("load_demo_content")


def test_demo_mode_prints_the_accounts_it_makes(capsys, demo_mode):
    output = capsys.readouterr().out

    for email in ("beheerder@example.org", "moderator@example.org", "sanne@lindendal.example"):
        assert email in output
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output
    assert "recovery code" in output


def test_demo_moderator_is_ready_for_two_factor_login(demo_mode):
    moderator = User.objects.get(email="moderator@example.org")

    assert moderator.groups.filter(name=django_settings.MODERATORS_GROUP).exists()
    assert {a.type for a in Authenticator.objects.filter(user=moderator)} == {
        "totp",
        "recovery_codes",
    }


def test_demo_community_has_cases_in_every_state_and_sends_no_mail(demo_mode):
    statuses = set(Case.objects.values_list("status", flat=True))

    assert {"published", "submitted", "changes_requested", "draft"} <= statuses
    assert Case.objects.filter(is_featured=True).exists()
    assert Comment.objects.exists()
    assert mail.outbox == []


def test_running_it_again_adds_nothing(demo_mode, capsys):
    counts = (User.objects.count(), Case.objects.count(), Comment.objects.count())

    call_command("load_demo_content")

    assert (User.objects.count(), Case.objects.count(), Comment.objects.count()) == counts


def test_demo_accounts_keep_a_changed_password(demo_mode):
    admin = User.objects.get(email="beheerder@example.org")
    admin.set_password("een-eigen-nieuw-wachtwoord")
    admin.save()

    call_command("load_demo_content")

    admin.refresh_from_db()
    assert admin.check_password("een-eigen-nieuw-wachtwoord")


def test_production_mode_makes_no_demo_accounts(settings, capsys):
    settings.DEBUG = False

    call_command("load_demo_content")

    assert not User.objects.exists()
    assert "no demo accounts" in capsys.readouterr().out


def test_the_demo_has_a_trajectory_with_its_team_printed(capsys, settings):
    from planner.models import Role, Trajectory

    settings.DEBUG = True
    call_command("load_demo_content")
    output = capsys.readouterr().out

    trajectory = Trajectory.objects.get()
    roles = dict(trajectory.memberships.values_list("user__email", "role"))
    assert roles == {
        "sanne@lindendal.example": Role.OWNER,
        "youssef@example.org": Role.EDITOR,
        "ruud@lindendal.example": Role.READER,
    }
    assert trajectory.answers.exists() and trajectory.stakeholders.count() == 4
    assert trajectory.meetings.filter(scores__isnull=False).exists()
    assert trajectory.challenges_met.count() == 2
    # Each account is printed once, with every role it has.
    assert output.count("sanne@lindendal.example") == 1
    assert "eigenaar van het demotraject" in output
    assert "ruud@lindendal.example" in output

    call_command("load_demo_content")
    assert Trajectory.objects.count() == 1
    assert trajectory.memberships.count() == 3

import pytest
from django.core.management import call_command

from community.demo import DEMO_PASSWORD
from community.models import User

pytestmark = pytest.mark.django_db


def test_demo_mode_makes_the_accounts_it_prints_once(settings, capsys):
    settings.DEBUG = True

    call_command("load_demo_content")
    call_command("load_demo_content")

    admin = User.objects.get(email="beheerder@example.org")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(DEMO_PASSWORD)
    assert User.objects.count() == 1
    output = capsys.readouterr().out
    assert "beheerder@example.org" in output
    assert DEMO_PASSWORD in output


def test_demo_accounts_keep_a_changed_password(settings):
    settings.DEBUG = True
    call_command("load_demo_content")
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

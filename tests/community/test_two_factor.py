"""Two-factor authentication for everyone who sees more than a member: moderators,
organisers and staff. Without a second factor they are sent to set it up from every
page except the log-in, set-up and log-out flow; organising is a role (the organisers
group), not a model permission."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from community.middleware import ALLOWED_URL_NAMES
from community.models import User
from community.permissions import can_organise, is_moderator
from tests.community.factories import (
    PASSWORD,
    AdminFactory,
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganiserFactory,
    VerifiedUserFactory,
)
from tests.community.totp import totp_code
from tests.sessions.factories import SeatFactory
from tests.test_access import url_names

pytestmark = pytest.mark.django_db

SET_UP = "log je in met twee stappen"


def sent_to_set_up(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


@pytest.fixture
def hidden_things():
    """What only moderators may read, each on a public URL."""
    author = VerifiedUserFactory()
    unlisted = VerifiedUserFactory()
    unlisted.profile.is_listed = False
    unlisted.profile.save()
    draft = CaseFactory(author=author, status="draft", published_at=None)
    submitted = CaseFactory(author=author, status="submitted", published_at=None)
    case = CaseFactory(author=author)
    CommentFactory(case=case, author=author, is_hidden=True, body="Verborgen reactie 123.")

    def case_url(item):
        return reverse("community:case_detail", kwargs={"slug": item.slug})

    return {
        "draft": case_url(draft),
        "submitted": case_url(submitted),
        "hidden_comment": case_url(case),
        "unlisted": reverse("community:profile_detail", kwargs={"slug": unlisted.profile.slug}),
    }


@pytest.fixture
def session_with_registrant():
    return SeatFactory(registration__email="deelnemer-geheim@example.org").session


def set_up_totp(client) -> None:
    """Set up an authenticator app the way a person does: the set-up page asks for the
    password again first, then for a code from the app; the recovery codes follow."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(response["Location"]).status_code == 200


# --- Moderators --------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["draft", "submitted", "hidden_comment", "unlisted"])
def test_a_moderator_without_a_second_factor_reads_nothing_hidden(client, hidden_things, what):
    client.force_login(ModeratorFactory(moderator=False))

    response = client.get(hidden_things[what])

    assert sent_to_set_up(response)
    assert SET_UP in client.get(response["Location"], follow=True).content.decode()


def test_a_moderator_reads_hidden_content_once_two_factor_is_set_up(client, hidden_things):
    moderator = ModeratorFactory(moderator=False)
    client.force_login(moderator)
    assert sent_to_set_up(client.get(hidden_things["draft"]))

    set_up_totp(client)

    assert Authenticator.objects.filter(user=moderator, type="totp").exists()
    for what, url in hidden_things.items():
        response = client.get(url)
        assert response.status_code == 200, what
    assert "Verborgen reactie 123." in client.get(hidden_things["hidden_comment"]).content.decode()


def test_staff_without_a_second_factor_is_sent_to_set_it_up_everywhere(client):
    client.force_login(AdminFactory())

    assert sent_to_set_up(client.get(reverse("home")))
    assert sent_to_set_up(client.get(reverse("admin:index")))


# --- Organisers: a role, not a permission -----------------------------------------------


def test_the_organisers_group_is_made_by_migrate_with_the_session_permissions():
    group = Group.objects.get(name=settings.ORGANISERS_GROUP)
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert ("sessions_app", "change_session") in codenames
    assert ("sessions_app", "add_sessionseries") in codenames
    assert ("sessions_app", "view_seat") in codenames
    assert {label for label, _ in codenames} == {"sessions_app"}
    assert not any(codename.startswith("delete_") for _, codename in codenames)


def test_who_organises():
    change_session = Permission.objects.get(
        content_type__app_label="sessions_app", codename="change_session"
    )
    with_permission = VerifiedUserFactory()
    with_permission.user_permissions.add(change_session)
    organiser = OrganiserFactory()

    assert can_organise(organiser) and not is_moderator(organiser)
    assert can_organise(ModeratorFactory())
    assert can_organise(AdminFactory())
    assert not can_organise(VerifiedUserFactory())
    assert with_permission.has_perm("sessions_app.change_session")
    assert not can_organise(with_permission)


@pytest.mark.parametrize("staff", [False, True], ids=["member", "staff"])
@pytest.mark.parametrize("url_name", ["organiser_series_list", "organiser_export"])
def test_the_change_session_permission_alone_opens_no_organiser_page(
    client, session_with_registrant, url_name, staff
):
    user = VerifiedUserFactory(is_staff=staff)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="sessions_app", codename="change_session")
    )
    if staff:  # staff without a second factor would be sent to set it up first
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    kwargs = {"pk": session_with_registrant.pk} if url_name == "organiser_export" else {}

    response = client.get(reverse(f"sessions:{url_name}", kwargs=kwargs))

    assert response.status_code == 403
    assert "deelnemer-geheim@example.org" not in response.content.decode()


@pytest.mark.parametrize("url", ["/organiseren/", "/"])
def test_an_organiser_without_a_second_factor_is_sent_to_set_it_up(client, url):
    client.force_login(OrganiserFactory(organiser=False))

    assert sent_to_set_up(client.get(url))


def test_an_organiser_without_a_second_factor_downloads_no_registrants(
    client, session_with_registrant
):
    client.force_login(OrganiserFactory(organiser=False))

    response = client.get(reverse("sessions:organiser_export", args=[session_with_registrant.pk]))

    assert sent_to_set_up(response)


def test_an_organiser_with_a_second_factor_opens_the_organiser_pages_and_the_export(
    client, session_with_registrant
):
    client.force_login(OrganiserFactory())

    assert client.get(reverse("sessions:organiser_series_list")).status_code == 200
    response = client.get(reverse("sessions:organiser_export", args=[session_with_registrant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "deelnemer-geheim@example.org" in response.content.decode()


def test_an_organiser_finds_the_organiser_pages_in_the_header(client):
    client.force_login(OrganiserFactory())

    page = client.get("/").content.decode()

    assert f'href="{reverse("sessions:organiser_series_list")}">Organiseren' in page
    assert reverse("community:moderation") + '"' not in page


def test_an_organiser_moderates_nothing(client, hidden_things):
    client.force_login(OrganiserFactory())

    assert client.get(reverse("community:moderation")).status_code == 403
    assert client.get(hidden_things["draft"]).status_code == 404


def test_an_organiser_logs_in_with_password_and_code(client):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    organiser = OrganiserFactory(organiser=False)
    TOTP.activate(organiser, secret)

    response = client.post(
        reverse("account_login"), {"login": organiser.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert client.session["_auth_user_id"] == str(organiser.pk)
    assert client.get(reverse("sessions:organiser_series_list")).status_code == 200


# --- The password alone, while a second factor is set up --------------------------------


@pytest.mark.parametrize("factory", [ModeratorFactory, OrganiserFactory])
def test_the_password_alone_logs_nobody_in_who_has_a_second_factor(client, hidden_things, factory):
    """allauth's log-in stage asks for the code: until then the session is anonymous."""
    user = factory()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(hidden_things["draft"]).status_code == 404
    response = client.get(reverse("sessions:organiser_series_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Members, and the flow itself --------------------------------------------------------


@pytest.mark.parametrize(
    "url_name, expected",
    [
        ("home", 200),
        ("community:case_list", 200),
        ("community:my_cases", 200),
        ("community:profile_update", 200),
        ("sessions:series_list", 200),
        ("mfa_index", 200),
        ("community:moderation", 403),
        ("sessions:organiser_series_list", 403),
    ],
)
def test_a_member_is_never_sent_to_set_up_two_factor(client, url_name, expected):
    client.force_login(VerifiedUserFactory())

    response = client.get(reverse(url_name))

    assert response.status_code == expected
    assert SET_UP not in response.content.decode()


def test_every_allowed_url_name_exists():
    """A renamed allauth URL would otherwise lock staff out of the set-up."""
    assert ALLOWED_URL_NAMES <= set(url_names())


NO_ARGUMENTS = sorted(
    name
    for name in ALLOWED_URL_NAMES
    if name not in {"account_confirm_email"}  # needs a key
)


@pytest.mark.parametrize("url_name", NO_ARGUMENTS)
def test_the_log_in_and_set_up_flow_stays_open(client, url_name):
    client.force_login(OrganiserFactory(organiser=False, is_staff=True))

    response = client.get(reverse(url_name))

    assert not sent_to_set_up(response), url_name
    assert response.status_code < 500


def test_the_set_up_page_sends_to_the_password_step_not_back_to_itself(client):
    client.force_login(ModeratorFactory(moderator=False))

    response = client.get(reverse("mfa_activate_totp"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert len(response.redirect_chain) == 1


def test_logging_out_works_without_a_second_factor(client):
    client.force_login(ModeratorFactory(moderator=False))

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not sent_to_set_up(response)
    assert "_auth_user_id" not in client.session


def test_static_files_are_served_without_a_second_factor(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # as in development; no collectstatic needed
    client.force_login(ModeratorFactory(moderator=False))

    response = client.get(f"{settings.STATIC_URL}css/site.css")
    response.close()

    assert response.status_code == 200


# --- Demo --------------------------------------------------------------------------------


def test_the_demo_organiser_organises_with_two_factor(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_content")

    organiser = User.objects.get(email="organisator@example.org")
    assert re.search(r"organisator@example\.org\s.*organisator", capsys.readouterr().out)
    assert can_organise(organiser) and not is_moderator(organiser)
    assert {a.type for a in Authenticator.objects.filter(user=organiser)} == {
        "totp",
        "recovery_codes",
    }

"""A new member is welcomed once: after confirming their address they land on the
welcome page, complete their profile, pick the challenges and phases they follow, and
see three next steps. Later log-ins go to the usual place."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import following
from community.models import Organisation, Profile, User
from tests.community.factories import (
    PASSWORD,
    CaseFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)
from tests.community.totp import totp_code
from tests.html import PageOutline, assert_base_layout
from tests.roadmap.factories import ChallengeFactory, PhaseFactory

pytestmark = pytest.mark.django_db

WELCOME = reverse("community:welcome")
NEXT_STEPS = f"{WELCOME}?stap=verder"
NEW_PASSWORD = "drie koffie twee thee"


def sign_up_and_confirm(client, email="nieuw@gemeente.example"):
    """Sign up as a visitor does, open the link from the mail and confirm; the answer to
    the confirmation."""
    response = client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    (message,) = mail.outbox
    confirm_url = re.search(r"https?://\S+", message.body).group(0)
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session  # opening the link alone confirms nothing
    return client.post(confirm_url)


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def welcomed(member) -> bool:
    return Profile.objects.get(user=member).welcomed_at is not None


def follows(member, model) -> set[int]:
    return following.followed_ids(member, model)


@pytest.fixture
def member():
    return VerifiedUserFactory()


@pytest.fixture
def subjects():
    challenges = [ChallengeFactory(title=f"Uitdaging {n}") for n in range(3)]
    phases = [PhaseFactory(title=f"Fase {n}") for n in range(2)]
    return {"challenges": challenges, "phases": phases}


def form_data(**changes):
    data = {
        "display_name": "Ilse",
        "organisation": "",
        "new_organisation": "",
        "new_organisation_kind": "",
        "role": "Beleidsadviseur participatie",
    }
    data.update(changes)
    return data


# --- Where a log-in lands -------------------------------------------------------------------


def test_a_new_member_lands_on_the_welcome_page_after_confirming_their_address(client):
    response = sign_up_and_confirm(client)

    user = User.objects.get(email="nieuw@gemeente.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.status_code == 302
    assert response["Location"] == WELCOME
    page = client.get(WELCOME)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Welkom bij Cocreatie" in html
    assert "Stap 1. Vul je profiel aan" in html
    assert "Stap 2. Waar wil je meer over weten?" in html
    assert welcomed(user)


def test_the_next_log_in_goes_to_the_usual_place(client):
    sign_up_and_confirm(client)
    client.get(WELCOME)
    client.post(reverse("account_logout"))

    response = log_in(client, "nieuw@gemeente.example", NEW_PASSWORD)

    assert response["Location"] == reverse("community:my_cases")


def test_a_member_who_confirmed_in_another_browser_is_welcomed_at_their_first_log_in(client):
    sign_up_and_confirm(client)
    client.post(reverse("account_logout"))  # the page itself was never opened
    user = User.objects.get(email="nieuw@gemeente.example")
    assert not welcomed(user)

    assert log_in(client, user.email, NEW_PASSWORD)["Location"] == WELCOME
    client.get(WELCOME)
    client.post(reverse("account_logout"))
    assert log_in(client, user.email, NEW_PASSWORD)["Location"] == reverse("community:my_cases")


def test_a_member_who_was_welcomed_logs_in_to_their_cases(client, member):
    Profile.objects.filter(user=member).update(welcomed_at=timezone.now())

    assert log_in(client, member.email)["Location"] == reverse("community:my_cases")


def test_a_log_in_with_a_next_address_goes_there_and_keeps_the_welcome_for_later(client, member):
    response = client.post(
        f"{reverse('account_login')}?next={reverse('community:case_create')}",
        {"login": member.email, "password": PASSWORD},
    )

    assert response["Location"] == reverse("community:case_create")
    assert not welcomed(member)


def test_a_moderator_with_two_factor_passes_the_code_step_and_is_welcomed(client):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    moderator = ModeratorFactory(moderator=False)
    TOTP.activate(moderator, secret)

    response = log_in(client, moderator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert response["Location"] == WELCOME
    assert client.get(WELCOME).status_code == 200
    assert client.get(reverse("community:moderation")).status_code == 200


def test_a_moderator_without_two_factor_sets_it_up_before_the_welcome(client):
    moderator = ModeratorFactory(moderator=False)
    client.force_login(moderator)

    response = client.get(WELCOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert not welcomed(moderator)  # not seen yet: it waits until after the set-up


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(WELCOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.post(WELCOME, form_data())
    assert response["Location"].startswith(reverse("account_login"))


# --- The form -------------------------------------------------------------------------------


def test_the_page_is_prefilled_labelled_and_grouped(client, member, subjects):
    followed = subjects["challenges"][1]
    following.follow(user=member, obj=followed)
    client.force_login(member)

    html = client.get(WELCOME).content.decode()

    page = assert_base_layout(html)
    assert f'value="{member.profile.display_name}"' in html
    assert f"{followed.number}. {followed.title}" in html
    (checked,) = [box for box in page.find_all("input", name="challenges") if "checked" in box]
    assert checked["value"] == str(followed.pk)
    assert not [box for box in page.find_all("input", name="phases") if "checked" in box]
    for name in ("display_name", "organisation", "new_organisation", "role"):
        (control,) = page.find_all("input" if name not in {"organisation"} else "select", name=name)
        assert page.find_all("label", **{"for": control["id"]}), name
    for box in page.find_all("input", type="checkbox"):
        assert page.find_all("label", **{"for": box["id"]}), box["id"]
    groups = page.find_all("fieldset")
    hints = [group for group in groups if group.get("aria-describedby")]
    assert {"id_challenges_helptext", "id_phases_helptext"} <= {
        hint["aria-describedby"].strip() for hint in hints
    }
    assert html.count("<legend") == 3  # new organisation, challenges, phases
    assert reverse("community:notification_settings") in page.links()
    assert "wekelijkse samenvatting" in html
    # One submit button in the form (the header's log-out button is a link-style one).
    assert len(page.find_all("button", type="submit", **{"class": "button"})) == 1
    assert '<button type="submit" class="button">Opslaan en verder</button>' in html
    assert NEXT_STEPS in page.links()  # "Later invullen"


def test_sending_the_form_saves_the_profile_and_follows_the_chosen_subjects(
    client, member, subjects
):
    organisation = OrganisationFactory(name="Gemeente Houten")
    first, _, third = subjects["challenges"]
    phase = subjects["phases"][0]
    client.force_login(member)

    response = client.post(
        WELCOME,
        form_data(
            organisation=organisation.pk,
            challenges=[first.pk, third.pk],
            phases=[phase.pk],
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == NEXT_STEPS
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.organisation, profile.role) == (
        "Ilse",
        organisation,
        "Beleidsadviseur participatie",
    )
    assert profile.welcomed_at is not None
    assert follows(member, type(first)) == {first.pk, third.pk}
    assert follows(member, type(phase)) == {phase.pk}
    page = client.get(NEXT_STEPS).content.decode()
    assert "Je profiel is opgeslagen. Je volgt nu 3 onderwerpen." in page
    # "Mijn volglijst" shows the same: the choices are real follows.
    listed = {
        followable.key: [obj.pk for obj in objs]
        for followable, objs in following.follow_list(member)
    }
    assert listed == {"uitdaging": [first.pk, third.pk], "fase": [phase.pk]}


def test_unchecking_a_subject_unfollows_it_and_keeps_other_follows(client, member, subjects):
    first, second, _ = subjects["challenges"]
    phase = subjects["phases"][0]
    colleague = VerifiedUserFactory()
    for obj in (first, second, phase, colleague.profile):
        following.follow(user=member, obj=obj)
    client.force_login(member)

    client.post(WELCOME, form_data(challenges=[second.pk]))

    assert follows(member, type(first)) == {second.pk}
    assert follows(member, type(phase)) == set()
    assert following.is_following(member, colleague.profile)  # not on this page: kept


def test_a_new_organisation_can_be_added_as_on_the_profile_page(client, member):
    client.force_login(member)

    response = client.post(
        WELCOME,
        form_data(new_organisation="Gemeente  Nieuwegein", new_organisation_kind="gemeente"),
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Gemeente Nieuwegein")
    assert Profile.objects.get(user=member).organisation == organisation
    assert organisation.created_by == member


def test_a_new_organisation_without_a_kind_is_refused_in_dutch(client, member):
    client.force_login(member)

    response = client.post(WELCOME, form_data(new_organisation="Gemeente Nieuwegein"))

    assert response.status_code == 200
    assert "Kies wat voor organisatie het is." in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"challenges": ["999999"]}, "Kies uitdagingen uit de lijst"),
        ({"challenges": ["een"]}, "Kies uitdagingen uit de lijst"),
        ({"phases": ["999999"]}, "Kies fasen uit de lijst"),
        ({"role": "x" * 121}, "Je functie is te lang: maximaal 120 tekens (nu 121)."),
        ({"display_name": ""}, "Vul de naam in die anderen zien."),
        ({"organisation": "999999"}, "Kies je organisatie uit de lijst"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_nothing_is_stored(
    client, member, subjects, changes, message
):
    challenge = subjects["challenges"][0]
    before = Profile.objects.get(user=member)
    client.force_login(member)

    response = client.post(
        WELCOME, form_data(**{"role": "Nieuwe functie", "challenges": [challenge.pk], **changes})
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout: Welkom bij Cocreatie" in html
    page = PageOutline(html)
    assert page.find_all("div", **{"class": "error-summary", "role": "alert"})
    assert message in html
    after = Profile.objects.get(user=member)
    assert (after.display_name, after.role, after.organisation_id) == (
        before.display_name,
        before.role,
        before.organisation_id,
    )
    assert follows(member, type(challenge)) == set()
    assert after.welcomed_at is None  # only a page shown or a form accepted counts
    # What was typed comes back.
    if "role" not in changes:
        assert 'value="Nieuwe functie"' in html


def test_an_unpublished_challenge_is_not_offered_and_cannot_be_followed(client, member):
    hidden = ChallengeFactory(is_published=False, title="Nog niet klaar")
    client.force_login(member)

    assert "Nog niet klaar" not in client.get(WELCOME).content.decode()
    response = client.post(WELCOME, form_data(challenges=[hidden.pk]))

    assert response.status_code == 200
    assert "Kies uitdagingen uit de lijst" in response.content.decode()
    assert follows(member, type(hidden)) == set()


# --- Skipping and the next steps ------------------------------------------------------------


def test_later_invullen_shows_the_next_steps_and_the_welcome_is_not_repeated(client, member):
    client.force_login(member)
    html = client.get(WELCOME).content.decode()
    assert "Later invullen" in html
    assert welcomed(member)  # seen: the next log-in goes to the usual place

    page = client.get(NEXT_STEPS)

    html = page.content.decode()
    links = PageOutline(html).links()
    assert "Lees een praktijkverhaal van een collega" in html
    assert reverse("community:case_list") in links
    assert "Deel je eigen praktijkverhaal" in html
    assert reverse("community:case_create") in links
    assert "Doe mee met een online sessie" in html
    assert reverse("sessions:series_list") in links
    assert WELCOME in links  # back to the form
    client.logout()
    assert log_in(client, member.email)["Location"] == reverse("community:my_cases")


def test_the_next_steps_offer_a_colleagues_case_on_a_chosen_subject(client, member, subjects):
    challenge = subjects["challenges"][0]
    on_subject = CaseFactory(title="Jongeren praten mee over het plein")
    on_subject.challenges.add(challenge)
    CaseFactory(title="Het nieuwste verhaal, over iets anders")
    own = CaseFactory(author=member, title="Mijn eigen verhaal")
    own.challenges.add(challenge)
    CaseFactory(title="Een concept", status="draft", published_at=None).challenges.add(challenge)
    client.force_login(member)
    client.post(WELCOME, form_data(challenges=[challenge.pk]))

    html = client.get(NEXT_STEPS).content.decode()

    assert on_subject.get_absolute_url() in PageOutline(html).links()
    assert "Mijn eigen verhaal" not in html and "Een concept" not in html


def test_without_subjects_the_newest_case_is_offered(client, member):
    CaseFactory(title="Een ouder verhaal", published_at=timezone.now() - timezone.timedelta(days=9))
    newest = CaseFactory(title="Het nieuwste verhaal")
    client.force_login(member)

    html = client.get(NEXT_STEPS).content.decode()

    assert newest.get_absolute_url() in PageOutline(html).links()


# --- My cases, empty ------------------------------------------------------------------------


def test_my_cases_without_cases_says_what_to_do_next(client, member):
    client.force_login(member)

    html = client.get(reverse("community:my_cases")).content.decode()

    links = PageOutline(html).links()
    assert "Je hebt nog geen praktijkverhalen" in html
    assert "Schrijf je eerste praktijkverhaal" in html
    assert "Lees eerst de praktijkverhalen van collega's" in html
    assert reverse("community:case_create") in links
    assert reverse("community:case_list") in links
    CaseFactory(author=member, title="Mijn eerste verhaal")
    html = client.get(reverse("community:my_cases")).content.decode()
    assert "Mijn eerste verhaal" in html
    assert "Je hebt nog geen praktijkverhalen" not in html


# --- Queries --------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [WELCOME, NEXT_STEPS])
def test_the_welcome_page_takes_as_many_queries_with_1_or_12_challenges(client, member, url):
    """The choices and the ticked ones are one query each (no query per challenge or
    phase to see whether it is followed), and so is the case to read."""
    challenge, phase = ChallengeFactory(), PhaseFactory()
    following.follow(user=member, obj=challenge)
    following.follow(user=member, obj=phase)
    CaseFactory().challenges.add(challenge)
    client.force_login(member)
    client.get(url)  # the first view marks the page seen
    few = count_queries(client, url)

    for _ in range(11):
        more, other_phase = ChallengeFactory(), PhaseFactory()
        following.follow(user=member, obj=more)
        following.follow(user=member, obj=other_phase)
        CaseFactory().challenges.add(more)
        OrganisationFactory()

    assert count_queries(client, url) == few

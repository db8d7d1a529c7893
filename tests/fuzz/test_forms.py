"""Every form of the site, posted with generated hostile values in its fields (the other
fields valid): never a 5xx; a rejected submission changes nothing that is stored; every
error message it shows is Dutch.

A new URL that accepts POST fails ``test_every_form_is_fuzzed`` until it has an entry in
``FORMS`` (or, with a reason, in ``NOT_A_FORM``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.messages import constants
from django.core.cache import cache
from django.forms import BaseForm
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.community.factories import pdf_upload, photo_upload
from tests.fuzz import FUZZ
from tests.fuzz.conftest import assert_unchanged, stored
from tests.fuzz.strategies import field_value
from tests.fuzz.urlwalk import patterns

pytestmark = pytest.mark.django_db


@dataclass
class Form:
    """One form: who posts it, where to, its valid data, and the fields to fuzz (each gets
    a generated value, or now and then its valid one)."""

    url_name: str
    role: str  # a key of the ``clients`` fixture
    kwargs: callable  # world → URL kwargs
    valid: callable  # world → valid POST data
    fuzz: tuple[str, ...] | Callable  # or world → the fields (names with an object's id)
    label: str = ""
    lists: tuple[str, ...] = ()  # fields that take several values (checkboxes)
    strategies: dict = field(default_factory=dict)  # field → a strategy of its own
    xfail: str = ""  # a known 5xx, with what it is

    @property
    def id(self):
        return f"{self.url_name}{'-' + self.label if self.label else ''}"

    def fields(self, world) -> tuple[str, ...]:
        return tuple(self.fuzz(world)) if callable(self.fuzz) else self.fuzz


def no_kwargs(w):
    return {}


def token(w):
    return w["seat"].registration.token


def case_data(w):
    return {
        "title": "Samen de wijk vergroenen",
        "summary": "Bewoners en gemeente maakten samen een plan.",
        "organisation": str(w["organisation"].pk),
        "body": "We begonnen met een gesprek op het plein.",
        "what_worked": "Vroeg beginnen.",
        "do_differently": "Meer tijd nemen.",
        "phases": [str(w["phase"].pk)],
        "challenges": [str(w["challenge"].pk)],
        "tags": "wijk, groen",
        "form_token": "eenmalig-formulier-0123456789",
    }


CASE_FIELDS = ("title", "summary", "organisation", "body", "what_worked", "do_differently",
               "phases", "challenges", "tags", "form_token")  # fmt: skip


def series_data(w):
    return {
        "title": "Samen maken in de wijk",
        "summary": "Vier online sessies.",
        "introduction": "Elke week een fase van co-creatie.",
        "organisers": "Hogeschool Utrecht",
        "partner": "Kennisplatform",
        "joining_tips": "Zet je camera aan.",
        "is_published": "on",
    }


SERIES_FIELDS = ("title", "summary", "introduction", "organisers", "partner", "joining_tips",
                 "is_published")  # fmt: skip


def session_data(w):
    from datetime import timedelta

    from django.utils import timezone

    return {
        "title": "Extra sessie",
        "phase": str(w["phase"].pk),
        "description": "Een gesprek.",
        "speaker": "Nynke Joustra",
        "date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "start_time": "13:30",
        "end_time": "14:30",
        "capacity": "20",
        "meeting_url": "https://meet.example.org/extra",
    }


SESSION_FIELDS = ("order", "title", "phase", "description", "speaker", "date", "start_time",
                  "end_time", "capacity", "meeting_url")  # fmt: skip


def not_the_confirmation_word(value):
    return value.strip().upper() != "VERWIJDEREN"


def trajectory_pk(w):
    return {"pk": w["trajectory"].pk}


def team_reader(w):
    return {**trajectory_pk(w), "membership_pk": w["team_reader"].pk}


def nothing_posted(w):
    """A confirmation page's button: the POST itself is the answer."""
    return {}


def trajectory_data(w):
    return {
        "title": "Samen de Wmo-aanvraag verbeteren",
        "organisation": "Gemeente Lindendal",
        "service": "De aanvraag van hulp bij het huishouden",
        "goal": "Een aanvraag die inwoners begrijpen.",
        "starts_on": "2026-09-01",
        "phase": str(w["phase"].pk),
    }


TRAJECTORY_FIELDS = ("title", "organisation", "service", "goal", "starts_on", "phase")


def answer_prefix(w):
    return f"vraag-{w['guiding_question'].pk}"


def involvement_field(w):
    return f"fase_{w['phase'].pk}"


def stakeholder_data(w):
    return {
        "name": "Ouders van basisschoolkinderen",
        "kind": "residents",
        "interest": "4",
        "influence": "2",
        involvement_field(w): "Meedenken in een werksessie.",
    }


def stakeholder_fields(w):
    return ("name", "kind", "interest", "influence", involvement_field(w))


def meeting_data(w):
    from datetime import timedelta

    from django.utils import timezone

    return {
        "kind": "meeting",
        "held_on": (timezone.localdate() - timedelta(days=7)).isoformat(),
        "title": "Werksessie met inwoners",
        "participants": "Bewoners, wijkteam",
        "decisions": "We testen de nieuwe brief.",
        "what_works": "Koffie en een kleine groep.",
        "what_not": "De zaal was te groot.",
    }


MEETING_FIELDS = ("kind", "held_on", "title", "participants", "decisions", "what_works",
                  "what_not")  # fmt: skip


FORMS = [
    Form(
        "contact",
        "anonymous",
        no_kwargs,
        lambda w: {
            "name": "Anna de Vries",
            "email": "anna@example.org",
            "organisation": "Gemeente Utrecht",
            "subject": "question",
            "message": "Ik heb een vraag over de roadmap.",
            "consent": "on",
            "website": "",
        },
        ("name", "email", "organisation", "subject", "message", "consent"),
    ),
    Form(
        "sessions:register",
        "anonymous",
        lambda w: {"slug": w["series"].slug},
        lambda w: {
            "sessions": [str(w["open_session"].pk)],
            "name": "Bram Jansen",
            "email": "bram@example.org",
            "organisation": "Provincie Utrecht",
            "role": "Beleidsmedewerker",
            "consent": "on",
            "website": "",
        },
        ("sessions", "name", "email", "organisation", "role", "consent"),
        lists=("sessions",),
    ),
    Form(
        "sessions:registration_add",
        "anonymous",
        lambda w: {"token": token(w)},
        lambda w: {"sessions": [str(w["open_session"].pk)]},
        ("sessions",),
        lists=("sessions",),
    ),
    Form(
        "sessions:seat_cancel",
        "anonymous",
        lambda w: {"token": token(w), "seat_pk": w["seat"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "sessions:evaluation",
        "anonymous",
        lambda w: {"token": token(w), "order": w["past_seat"].session.order},
        lambda w: {"score": "4", "keep": "De gastspreker.", "improve": "Meer tijd."},
        ("score", "keep", "improve"),
    ),
    Form(
        "community:case_create",
        "member",
        no_kwargs,
        case_data,
        CASE_FIELDS,
        lists=("phases", "challenges"),
    ),
    Form(
        "community:case_update",
        "author",
        lambda w: {"slug": w["draft"].slug},
        case_data,
        CASE_FIELDS,
        lists=("phases", "challenges"),
    ),
    Form(
        "community:case_submit",
        "author",
        lambda w: {"slug": w["draft"].slug},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:comment_create",
        "member",
        lambda w: {"slug": w["case"].slug},
        lambda w: {"body": "Mooi verhaal!", "form_token": "reactie-0123456789abcdef"},
        ("body", "form_token"),
    ),
    Form(
        "community:comment_delete",
        "author",
        lambda w: {"pk": w["comment"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:report",
        "member",
        lambda w: {"kind": "reactie", "pk": w["comment"].pk},
        lambda w: {"reason": "other", "text": "Dit klopt niet."},
        ("reason", "text"),
    ),
    Form(
        "community:appeal_create",
        "author",
        lambda w: {"pk": w["decision"].pk},
        lambda w: {"text": "Er staan geen persoonsgegevens in mijn verhaal."},
        ("text",),
    ),
    Form(
        "community:report_withdraw",
        "member",
        lambda w: {"pk": w["report"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:moderation_appeal",
        "moderator",
        lambda w: {"pk": w["appeal"].pk},
        lambda w: {"outcome": "kept", "message": "Er staat een telefoonnummer in."},
        ("outcome", "message"),
    ),
    Form(
        "community:moderation_comment_approve",
        "moderator",
        lambda w: {"pk": w["held"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:moderation_spam_remove",
        "moderator",
        lambda w: {"slug": w["suspendee"].profile.slug},
        lambda w: {"reason": "Reclame."},
        ("reason",),
    ),
    Form(
        "community:profile_update",
        "member",
        no_kwargs,
        lambda w: {
            "display_name": "Chris Bakker",
            "organisation": str(w["organisation"].pk),
            "role": "Projectleider",
            "bio": "Ik werk aan participatie.",
            "is_listed": "on",
            "accepts_questions": "on",
            "new_organisation": "",
            "new_organisation_kind": "",
        },
        (
            "display_name",
            "organisation",
            "role",
            "bio",
            "is_listed",
            "accepts_questions",
            "new_organisation",
            "new_organisation_kind",
        ),
    ),
    Form(
        "community:follow",
        "member",
        lambda w: {"key": "uitdaging", "pk": w["challenge"].pk},
        lambda w: {"action": "volgen", "next": "/"},
        ("action", "next"),
    ),
    Form(
        "community:notification_settings",
        "member",
        no_kwargs,
        lambda w: {
            "language": "en",
            "comment": "mail",
            "question_reply": "mail",
            "decision": "site",
            "new_case": "digest",
            "followed_comment": "digest",
            "new_series": "site",
        },  # fmt: skip
        ("language", "comment", "decision", "new_case", "new_series"),
    ),
    Form(
        "community:unsubscribe",
        "anonymous",
        lambda w: {"token": w["unsubscribe_token"]},
        lambda w: {"List-Unsubscribe": "One-Click"},
        ("List-Unsubscribe",),
    ),
    Form(
        "community:welcome",
        "member",
        no_kwargs,
        lambda w: {
            "display_name": "Chris Bakker",
            "organisation": str(w["organisation"].pk),
            "role": "Projectleider",
            "new_organisation": "",
            "new_organisation_kind": "",
            "challenges": [str(w["challenge"].pk)],
            "phases": [str(w["phase"].pk)],
        },
        (
            "display_name",
            "organisation",
            "role",
            "new_organisation",
            "new_organisation_kind",
            "challenges",
            "phases",
        ),  # fmt: skip
        lists=("challenges", "phases"),
    ),
    Form(
        "community:question_create",
        "member",
        lambda w: {"slug": w["author"].profile.slug},
        lambda w: {"message": "Hoe betrokken jullie de wijkraad?"},
        ("message",),
    ),
    Form(
        "community:question_detail",
        "author",
        lambda w: {"pk": w["question"].pk},
        lambda w: {"antwoord-answer": "Met koffie op het plein."},
        ("antwoord-answer",),
    ),
    Form(
        "community:question_block",
        "author",
        lambda w: {"pk": w["question"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:question_unblock",
        "author",
        lambda w: {"pk": w["block"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:case_media",
        "author",
        lambda w: {"slug": w["draft"].slug},
        lambda w: {"image": photo_upload(), "alt_text": "Bewoners aan een lange tafel."},
        ("image", "alt_text", "form_token"),
    ),
    Form(
        "community:case_image_update",
        "author",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
        lambda w: {"alt_text": "Bewoners en ambtenaren aan een lange tafel."},
        ("alt_text",),
    ),
    Form(
        "community:case_image_delete",
        "author",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:moderation_image",
        "moderator",
        lambda w: {"pk": w["image"].pk, "action": "verbergen"},
        lambda w: {"reason": "Er staat een adres op.", "next": "/"},
        ("reason", "next"),
    ),
    Form(
        "community:document_add",
        "author",
        lambda w: {"slug": w["draft"].slug},
        lambda w: {"file": pdf_upload(), "title": "Verslag van de avond"},
        ("file", "title", "form_token"),
    ),
    Form(
        "community:document_update",
        "author",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_document"].pk},
        lambda w: {"title": "Plan van aanpak, versie 2"},
        ("title",),
    ),
    Form(
        "community:document_delete",
        "author",
        lambda w: {"slug": w["draft"].slug, "pk": w["draft_document"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form(
        "community:my_data",
        "member",
        no_kwargs,
        lambda w: {"confirm": "nee", "delete_content": ""},
        ("confirm", "delete_content"),
        # A valid confirmation deletes the account: only ever other words.
        strategies={"confirm": field_value.filter(not_the_confirmation_word)},
    ),
    Form(
        "community:moderation_case_decision",
        "moderator",
        lambda w: {"slug": w["submitted"].slug},
        lambda w: {"decision": "request_changes", "message": "Voeg een voorbeeld toe."},
        ("decision", "message"),
    ),
    Form(
        "community:moderation_feature",
        "moderator",
        lambda w: {"slug": w["case"].slug},
        lambda w: {"featured": "1"},
        ("featured",),
    ),
    Form(
        "community:moderation_visibility",
        "moderator",
        lambda w: {"kind": "reactie", "pk": w["comment"].pk, "action": "verbergen"},
        lambda w: {"reason": "Persoonsgegevens.", "next": "/moderatie/"},
        ("reason", "next"),
    ),
    Form(
        "community:moderation_report_resolve",
        "moderator",
        lambda w: {"pk": w["report"].pk},
        lambda w: {"message": "Geen overtreding."},
        ("message",),
    ),
    Form(
        "community:moderation_suspend",
        "moderator",
        lambda w: {"slug": w["suspendee"].profile.slug},
        lambda w: {"reason": "Spam.", "ground": "spam", "until": "", "action": ""},
        ("reason", "ground", "until", "action"),
    ),
    Form(
        "sessions:organiser_series_create",
        "moderator",
        no_kwargs,
        series_data,
        SERIES_FIELDS,
    ),
    Form(
        "sessions:organiser_series_edit",
        "moderator",
        lambda w: {"pk": w["series"].pk},
        series_data,
        SERIES_FIELDS,
    ),
    Form(
        "sessions:organiser_series_copy",
        "moderator",
        lambda w: {"pk": w["series"].pk},
        lambda w: {"weeks": "2", "title": "Volgende ronde"},
        ("weeks", "title"),
    ),
    Form(
        "sessions:organiser_session_create",
        "moderator",
        lambda w: {"pk": w["series"].pk},
        session_data,
        SESSION_FIELDS,
    ),
    Form(
        "sessions:organiser_session_edit",
        "moderator",
        lambda w: {"pk": w["open_session"].pk},
        lambda w: {**session_data(w), "order": "91", "confirm": "1"},
        (*SESSION_FIELDS, "confirm", "back"),
    ),
    Form(
        "sessions:organiser_attendance",
        "moderator",
        lambda w: {"pk": w["past_seat"].session.pk},
        lambda w: {"present": [str(w["past_seat"].pk)]},
        ("present", "everyone"),
        lists=("present",),
    ),
    Form(
        "sessions:organiser_mail",
        "moderator",
        lambda w: {"pk": w["series"].pk},
        lambda w: {
            "group": "active",
            "session": "reeks",
            "subject": "Welkom",
            "message": "Tot donderdag!",
            "step": "send",
        },
        ("group", "session", "subject", "message", "step", "previewed"),
    ),
    Form(
        "sessions:organiser_session_action",
        "moderator",
        lambda w: {"pk": w["seat"].session.pk, "action": "afgelasten"},
        lambda w: {"afgelasten-message": "De gast is ziek."},
        ("afgelasten-message",),
        label="cancel",
    ),
    Form(
        "sessions:organiser_session_action",
        "moderator",
        lambda w: {"pk": w["seat"].session.pk, "action": "plaatsen"},
        lambda w: {"plaatsen-capacity": "12"},
        ("plaatsen-capacity",),
        label="capacity",
    ),
    Form(
        "sessions:organiser_seat_cancel",
        "moderator",
        lambda w: {"pk": w["seat"].session.pk, "seat_pk": w["seat"].pk},
        lambda w: {"next": "/"},
        ("next",),
    ),
    Form("planner:create", "member", no_kwargs, trajectory_data, TRAJECTORY_FIELDS),
    Form("planner:update", "member", trajectory_pk, trajectory_data, TRAJECTORY_FIELDS),
    Form("planner:delete", "member", trajectory_pk, nothing_posted, ()),
    Form(
        "planner:phase_set",
        "member",
        trajectory_pk,
        lambda w: {"phase": str(w["phase"].pk)},
        ("phase",),
    ),
    Form(
        "planner:answer",
        "member",
        lambda w: {
            **trajectory_pk(w),
            "slug": w["phase"].slug,
            "question_pk": w["guiding_question"].pk,
        },
        lambda w: {
            f"{answer_prefix(w)}-status": "busy",
            f"{answer_prefix(w)}-notes": "We spraken met de wijkraad.",
        },
        lambda w: (f"{answer_prefix(w)}-status", f"{answer_prefix(w)}-notes"),
    ),
    Form("planner:support", "member", trajectory_pk, lambda w: {"delen": "ja"}, ("delen",)),
    Form(
        "planner:invite",
        "member",
        trajectory_pk,
        lambda w: {
            "uitnodiging-email": "collega@example.org",
            "uitnodiging-role": "reader",
            "uitnodiging-message": "Doe je mee?",
        },
        ("uitnodiging-email", "uitnodiging-role", "uitnodiging-message"),
    ),
    Form(
        "planner:invitation_revoke",
        "member",
        lambda w: {**trajectory_pk(w), "invitation_pk": w["invitation"].pk},
        nothing_posted,
        (),
    ),
    Form("planner:member_role", "member", team_reader, lambda w: {"role": "editor"}, ("role",)),
    Form("planner:member_remove", "member", team_reader, nothing_posted, ()),
    Form("planner:transfer", "member", team_reader, nothing_posted, ()),
    Form(
        "planner:invitation",
        "anonymous",
        lambda w: {"token": w["invitation_token"]},
        lambda w: {
            "display_name": "Nina de Boer",
            "password1": "een-lang-Wachtwoord-42",
            "password2": "een-lang-Wachtwoord-42",
            "privacy": "on",
        },
        ("display_name", "password1", "password2", "privacy"),
    ),
    Form(
        "planner:stakeholder_create",
        "member",
        trajectory_pk,
        stakeholder_data,
        stakeholder_fields,
    ),
    Form(
        "planner:stakeholder_update",
        "member",
        lambda w: {**trajectory_pk(w), "stakeholder_pk": w["stakeholder"].pk},
        stakeholder_data,
        stakeholder_fields,
    ),
    Form(
        "planner:stakeholder_delete",
        "member",
        lambda w: {**trajectory_pk(w), "stakeholder_pk": w["stakeholder"].pk},
        nothing_posted,
        (),
    ),
    Form("planner:meeting_create", "member", trajectory_pk, meeting_data, MEETING_FIELDS),
    Form(
        "planner:meeting_update",
        "member",
        lambda w: {**trajectory_pk(w), "meeting_pk": w["planner_meeting"].pk},
        meeting_data,
        MEETING_FIELDS,
    ),
    Form(
        "planner:meeting_delete",
        "member",
        lambda w: {**trajectory_pk(w), "meeting_pk": w["planner_meeting"].pk},
        nothing_posted,
        (),
    ),
    Form(
        "planner:meeting_scores",
        "member",
        lambda w: {**trajectory_pk(w), "meeting_pk": w["evaluation"].pk},
        lambda w: {"open": "nee"},
        ("open",),
    ),
    Form(
        "planner:score",
        "anonymous",
        lambda w: {"token": w["evaluation"].score_token},
        lambda w: {"score": "4", "comment": "Fijne avond, goed geluisterd."},
        ("score", "comment"),
    ),
    Form(
        "planner:challenges",
        "member",
        trajectory_pk,
        lambda w: {"challenges": [str(w["challenge"].pk)]},
        ("challenges",),
        lists=("challenges",),
    ),
    Form("planner:publish", "member", trajectory_pk, nothing_posted, ()),
    Form(
        "account_signup",
        "anonymous",
        no_kwargs,
        lambda w: {
            "email": "nieuw@example.org",
            "password1": "een-lang-Wachtwoord-42",
            "password2": "een-lang-Wachtwoord-42",
        },
        ("email", "password1", "password2"),
    ),
    Form(
        "account_login",
        "anonymous",
        no_kwargs,
        lambda w: {"login": w["member"].email, "password": "fout-wachtwoord"},
        ("login", "password"),
    ),
    Form(
        "account_reset_password",
        "anonymous",
        no_kwargs,
        lambda w: {"email": w["member"].email},
        ("email",),
    ),
]

# URLs that accept POST but are no form to fuzz here, with the reason.
NOT_A_FORM: dict[str, str] = {
    # Single sign-on: each needs a log-in through the identity provider waiting in the
    # session (without one they send to the log-in page); tests/test_sso.py posts them.
    "sso:link": "confirms a pending single sign-on log-in (tests/test_sso.py)",
    "sso:link_confirm": "confirms a pending single sign-on log-in (tests/test_sso.py)",
    "socialaccount_signup": "allauth's, only with a pending single sign-on log-in",
    "socialaccount_connections": "allauth's list of a member's linked providers",
}

# The allauth pages that are the site's own public forms; the other account_/mfa_ pages
# are allauth's, for a logged-in member (password change, e-mail, two-factor).
ALLAUTH_FORMS = {"account_signup", "account_login", "account_reset_password"}


def post_urls():
    for pattern in patterns():
        if not pattern.accepts_post:
            continue
        if pattern.name.startswith(("account_", "mfa_")) and pattern.name not in ALLAUTH_FORMS:
            continue
        yield pattern.name


def test_every_form_is_fuzzed():
    walked = set(post_urls())
    assert len(walked) >= 20  # the walk really finds the site's forms
    covered = {form.url_name for form in FORMS}
    missing = walked - covered - set(NOT_A_FORM)
    assert not missing, f"URLs that accept POST with no fuzz entry in FORMS: {sorted(missing)}"
    stale = (covered | set(NOT_A_FORM)) - walked
    assert not stale, f"fuzz entries for URLs that no longer accept POST: {sorted(stale)}"


# Words of Django's and allauth's English defaults; a Dutch message has none of them.
ENGLISH = re.compile(
    r"\b(this field|ensure|enter a|characters?|must|invalid|required|please|select a|"
    r"null characters|not allowed|the password|passwords?|already|too (?:short|long|common)|"
    r"e-?mail address|is not|the|you)\b",
    re.IGNORECASE,
)


def shown_errors(response):
    """The error messages a response shows: errors of the forms in its context, and
    messages of level error (the ones a redirect carries along too)."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            if isinstance(value, BaseForm) and value.is_bound:
                for errors in value.errors.values():
                    found.extend(str(error) for error in errors)
    messages = getattr(response.wsgi_request, "_messages", None)
    if messages is not None:
        found.extend(
            str(message)
            for message in messages._queued_messages
            if message.level >= constants.ERROR
        )
    return list(dict.fromkeys(found))


def value_strategy(form, name, valid):
    generated = form.strategies.get(name, field_value)
    if name in form.lists:  # choices of rows, by primary key
        generated = st.lists(generated, max_size=3)
    if name in valid:
        return st.one_of(generated, generated, generated, st.just(valid[name]))
    return generated


PARAMS = [
    pytest.param(form, id=form.id, marks=[pytest.mark.xfail(strict=True, reason=form.xfail)])
    if form.xfail
    else pytest.param(form, id=form.id)
    for form in FORMS
]


@pytest.mark.parametrize("form", PARAMS)
def test_hostile_input_is_refused_in_dutch_and_changes_nothing(form, world, clients):
    url = reverse(form.url_name, kwargs=form.kwargs(world))
    client = clients[form.role]
    valid = form.valid(world)
    values = st.fixed_dictionaries(
        {name: value_strategy(form, name, valid) for name in form.fields(world)}
    )

    @FUZZ
    @given(values=values)
    def check(values):
        cache.clear()  # the rate limits would otherwise answer instead of the form
        data = {**valid, **values}
        before = stored()
        response = client.post(url, data)
        where = f"POST {url} as {form.role} with {values!r}"
        assert response.status_code < 500, f"{where} answered {response.status_code}"
        errors = shown_errors(response)
        if response.status_code >= 400 or errors:
            assert_unchanged(before, stored(), where)
        english = [error for error in errors if ENGLISH.search(error)]
        assert not english, f"{where}: error messages not in Dutch: {english}"

    check()


@pytest.mark.parametrize("url_name", ["community:comment_create", "community:case_create"])
@pytest.mark.parametrize("form_token", ["'; DROP TABLE community_case; --", "a b"])
def test_a_hostile_form_token_is_refused(url_name, form_token, world, clients):
    """Found by this harness: the token reached a cache key unchecked."""
    form = next(form for form in FORMS if form.url_name == url_name)
    data = {**form.valid(world), "form_token": form_token}

    response = clients[form.role].post(reverse(url_name, kwargs=form.kwargs(world)), data)

    assert response.status_code < 500


@pytest.mark.parametrize("next_value", ["abc", "a\x00b"])
def test_a_next_without_a_slash_is_refused(next_value, world, clients):
    """Found by this harness: redirect() read 'abc' as a URL name (NoReverseMatch)."""
    kwargs = {"kind": "reactie", "pk": world["comment"].pk, "action": "verbergen"}
    url = reverse("community:moderation_visibility", kwargs=kwargs)

    response = clients["moderator"].post(url, {"reason": "Persoonsgegevens.", "next": next_value})

    assert response.status_code < 500


def test_a_huge_capacity_is_refused(world, clients):
    """Found by this harness: a number beyond the integer column reached the save."""
    kwargs = {"pk": world["seat"].session.pk, "action": "plaatsen"}
    url = reverse("sessions:organiser_session_action", kwargs=kwargs)

    response = clients["moderator"].post(url, {"plaatsen-capacity": str(2**70)})

    assert response.status_code < 500


def test_a_huge_choice_is_refused(world, clients):
    """Found by this harness: an id beyond 2**63 - 1 reached the database (OverflowError)."""
    form = next(form for form in FORMS if form.url_name == "sessions:register")
    data = {**form.valid(world), "sessions": [str(2**63)]}

    response = clients["anonymous"].post(reverse(form.url_name, kwargs=form.kwargs(world)), data)

    assert response.status_code < 500


def test_a_huge_challenge_is_refused(world, clients):
    """Found by this harness: an id beyond 2**63 - 1 among the challenges reached the
    database (OverflowError)."""
    url = reverse("planner:challenges", kwargs={"pk": world["trajectory"].pk})

    response = clients["member"].post(url, {"challenges": [str(2**63)]})

    assert response.status_code < 500

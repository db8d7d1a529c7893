"""Every URL pattern with a converter, with generated values in its parts, and the list
pages with generated query strings, as a visitor, a member and a moderator: never a 5xx.

A new pattern with a converter fails ``test_every_pattern_with_a_converter_is_fuzzed``
until it has an entry in ``REAL_KWARGS``.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.community.factories import stored_width
from tests.fuzz import FUZZ
from tests.fuzz.conftest import ROLES
from tests.fuzz.strategies import Raw, path_segment, query_string
from tests.fuzz.urlwalk import SKIPPED_NAMESPACES, patterns, with_converters

pytestmark = pytest.mark.django_db


def token(w):
    return w["seat"].registration.token


def series_pk(w):
    return {"pk": w["series"].pk}


def trajectory_pk(w):
    return {"pk": w["trajectory"].pk}


def team_reader(w):
    return {**trajectory_pk(w), "membership_pk": w["team_reader"].pk}


def stakeholder(w):
    return {**trajectory_pk(w), "stakeholder_pk": w["stakeholder"].pk}


def planner_meeting(w):
    return {**trajectory_pk(w), "meeting_pk": w["planner_meeting"].pk}


# url name → the real values of its parts in the fuzz world; each example mixes real
# values and generated ones, so the views behind a matching URL are reached too.
REAL_KWARGS = {
    "tag_detail": lambda w: {"slug": "wijk"},
    "roadmap:phase_detail": lambda w: {"slug": w["phase"].slug},
    "roadmap:challenge_detail": lambda w: {"slug": w["challenge"].slug},
    "roadmap:example_detail": lambda w: {"slug": w["example"].slug},
    "roadmap:tool_detail": lambda w: {"slug": w["tool"].slug},
    "roadmap:theme_detail": lambda w: {"slug": w["theme"].slug},
    "roadmap:article_detail": lambda w: {"slug": w["article"].slug},
    "community:case_detail": lambda w: {"slug": w["case"].slug},
    "community:case_update": lambda w: {"slug": w["draft"].slug},
    "community:case_submit": lambda w: {"slug": w["draft"].slug},
    "community:comment_create": lambda w: {"slug": w["case"].slug},
    "community:comment_delete": lambda w: {"pk": w["comment"].pk},
    "community:report": lambda w: {"kind": "reactie", "pk": w["comment"].pk},
    "community:follow": lambda w: {"key": "uitdaging", "pk": w["challenge"].pk},
    "community:unsubscribe": lambda w: {"token": w["unsubscribe_token"]},
    "community:question_create": lambda w: {"slug": w["author"].profile.slug},
    "community:question_detail": lambda w: {"pk": w["question"].pk},
    "community:question_block": lambda w: {"pk": w["question"].pk},
    "community:question_unblock": lambda w: {"pk": w["block"].pk},
    "community:case_media": lambda w: {"slug": w["draft"].slug},
    "community:case_image": lambda w: {
        "slug": w["case"].slug,
        "pk": w["image"].pk,
        "width": stored_width(w["image"]),
        "fmt": "jpg",
    },  # fmt: skip
    "community:case_image_update": lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
    "community:case_image_delete": lambda w: {"slug": w["draft"].slug, "pk": w["draft_image"].pk},
    "community:moderation_image": lambda w: {"pk": w["image"].pk, "action": "verbergen"},
    "community:document_add": lambda w: {"slug": w["draft"].slug},
    "community:document_update": lambda w: {
        "slug": w["draft"].slug,
        "pk": w["draft_document"].pk,
    },  # fmt: skip
    "community:document_delete": lambda w: {
        "slug": w["draft"].slug,
        "pk": w["draft_document"].pk,
    },  # fmt: skip
    "community:document_download": lambda w: {"slug": w["case"].slug, "pk": w["document"].pk},
    "community:appeal_create": lambda w: {"pk": w["decision"].pk},
    "community:moderation_appeal": lambda w: {"pk": w["appeal"].pk},
    "community:report_withdraw": lambda w: {"pk": w["report"].pk},
    "community:moderation_comment_approve": lambda w: {"pk": w["held"].pk},
    "community:moderation_spam_remove": lambda w: {"slug": w["suspendee"].profile.slug},
    "community:profile_detail": lambda w: {"slug": w["author"].profile.slug},
    "community:organisation_detail": lambda w: {"slug": w["organisation"].slug},
    "community:moderation_case": lambda w: {"slug": w["submitted"].slug},
    "community:moderation_case_decision": lambda w: {"slug": w["submitted"].slug},
    "community:moderation_feature": lambda w: {"slug": w["case"].slug},
    "community:moderation_visibility": lambda w: {
        "kind": "reactie",
        "pk": w["comment"].pk,
        "action": "verbergen",
    },
    "community:moderation_report_resolve": lambda w: {"pk": w["report"].pk},
    "community:moderation_suspend": lambda w: {"slug": w["suspendee"].profile.slug},
    "sessions:registration": lambda w: {"token": token(w)},
    "sessions:registration_add": lambda w: {"token": token(w)},
    "sessions:seat_cancel": lambda w: {"token": token(w), "seat_pk": w["seat"].pk},
    "sessions:evaluation": lambda w: {"token": token(w), "order": w["past_seat"].session.order},
    "sessions:series_detail": lambda w: {"slug": w["series"].slug},
    "sessions:register": lambda w: {"slug": w["series"].slug},
    "sessions:registered": lambda w: {"slug": w["series"].slug},
    "sessions:series_ics": lambda w: {"slug": w["series"].slug},
    "sessions:session_ics": lambda w: {"slug": w["series"].slug, "order": 1},
    "sessions:certificate": lambda w: {"token": w["attended"].registration.token},
    "sessions:certificate_verify": lambda w: {"code": w["certificate"].code},
    "sessions:organiser_series": series_pk,
    "sessions:organiser_series_edit": series_pk,
    "sessions:organiser_series_copy": series_pk,
    "sessions:organiser_session_create": series_pk,
    "sessions:organiser_series_registrations": series_pk,
    "sessions:organiser_series_export": series_pk,
    "sessions:organiser_series_evaluation": series_pk,
    "sessions:organiser_mail": series_pk,
    "sessions:organiser_mail_history": series_pk,
    "sessions:organiser_message": lambda w: {"pk": w["message"].pk},
    "sessions:organiser_session": lambda w: {"pk": w["seat"].session.pk},
    "sessions:organiser_session_edit": lambda w: {"pk": w["seat"].session.pk},
    "sessions:organiser_attendance": lambda w: {"pk": w["past_seat"].session.pk},
    "sessions:organiser_session_action": lambda w: {
        "pk": w["seat"].session.pk,
        "action": "plaatsen",
    },
    "sessions:organiser_seat_cancel": lambda w: {
        "pk": w["seat"].session.pk,
        "seat_pk": w["seat"].pk,
    },
    "sessions:organiser_export": lambda w: {"pk": w["seat"].session.pk},
    "planner:detail": trajectory_pk,
    "planner:update": trajectory_pk,
    "planner:delete": trajectory_pk,
    "planner:phase_set": trajectory_pk,
    "planner:phase": lambda w: {**trajectory_pk(w), "slug": w["phase"].slug},
    "planner:answer": lambda w: {
        **trajectory_pk(w),
        "slug": w["phase"].slug,
        "question_pk": w["guiding_question"].pk,
    },
    "planner:activity": trajectory_pk,
    "planner:support": trajectory_pk,
    "planner:team": trajectory_pk,
    "planner:invite": trajectory_pk,
    "planner:invitation_revoke": lambda w: {
        **trajectory_pk(w),
        "invitation_pk": w["invitation"].pk,
    },
    "planner:member_role": team_reader,
    "planner:member_remove": team_reader,
    "planner:transfer": team_reader,
    "planner:invitation": lambda w: {"token": w["invitation_token"]},
    "planner:stakeholders": trajectory_pk,
    "planner:stakeholder_create": trajectory_pk,
    "planner:stakeholder_update": stakeholder,
    "planner:stakeholder_delete": stakeholder,
    "planner:stakeholders_csv": trajectory_pk,
    "planner:meetings": trajectory_pk,
    "planner:meeting_create": trajectory_pk,
    "planner:meeting_detail": planner_meeting,
    "planner:meeting_update": planner_meeting,
    "planner:meeting_delete": planner_meeting,
    "planner:meeting_scores": lambda w: {**trajectory_pk(w), "meeting_pk": w["evaluation"].pk},
    "planner:score": lambda w: {"token": w["evaluation"].score_token},
    "planner:challenges": trajectory_pk,
    "planner:publish": trajectory_pk,
    "planner:pdf": trajectory_pk,
    "planner:json": trajectory_pk,
    "api:phase_detail": lambda w: {"slug": w["phase"].slug},
    "api:challenge_detail": lambda w: {"slug": w["challenge"].slug},
    "api:example_detail": lambda w: {"slug": w["example"].slug},
    "api:tool_detail": lambda w: {"slug": w["tool"].slug},
    "api:theme_detail": lambda w: {"slug": w["theme"].slug},
    "api:article_detail": lambda w: {"slug": w["article"].slug},
    "api:tag_detail": lambda w: {"slug": "wijk"},
    "api:case_detail": lambda w: {"slug": w["case"].slug},
    "api:series_detail": lambda w: {"slug": w["series"].slug},
    "api:session_detail": lambda w: {"session_id": w["seat"].session.pk},
    "account_confirm_email": lambda w: {"key": "MQ:1tAbCd:abcdefghijklmnop"},
    "account_reset_password_from_key": lambda w: {"uidb36": "1", "key": "set-password"},
    # Single sign-on: without a configured identity provider these answer 404.
    "openid_connect_login": lambda w: {"provider_id": "sso"},
    "openid_connect_callback": lambda w: {"provider_id": "sso"},
    "sso:link_confirm": lambda w: {"token": "eyJ1c2VyIjoxfQ:1xZHWs:abc"},
    "sso:logged_out": lambda w: {"provider_id": "sso"},
}

CONVERTER_PATTERNS = {pattern.name: pattern for pattern in with_converters()}


def test_every_pattern_with_a_converter_is_fuzzed():
    assert len(CONVERTER_PATTERNS) >= 35  # the walk really finds the site's patterns
    missing = set(CONVERTER_PATTERNS) - set(REAL_KWARGS)
    assert not missing, f"URL patterns with a converter but no fuzz entry: {sorted(missing)}"
    stale = set(REAL_KWARGS) - set(CONVERTER_PATTERNS)
    assert not stale, f"fuzz entries for URL patterns that no longer exist: {sorted(stale)}"
    assert SKIPPED_NAMESPACES.keys() == {"admin"}


# Each example is sent as one of the roles (drawn, so every role gets its share of the
# examples and a failure names the role that found it).
roles = st.sampled_from(ROLES)


def request_as(client, role, path, *, post, **extra):
    for method in ("get", "post") if post else ("get",):
        response = getattr(client, method)(path, **extra)
        where = f"{method.upper()} {path!r} {extra or ''} as {role}"
        assert response.status_code < 500, f"{where} answered {response.status_code}"


@pytest.mark.parametrize("name", sorted(REAL_KWARGS))
def test_url_parts_never_cause_a_server_error(name, world, clients):
    pattern = CONVERTER_PATTERNS[name]
    real = {key: Raw(str(value)) for key, value in REAL_KWARGS[name](world).items()}
    parts = st.fixed_dictionaries(
        {key: st.one_of(path_segment, path_segment, st.just(real[key])) for key in pattern.kwargs}
    )

    @FUZZ
    @given(kwargs=parts, role=roles)
    def check(kwargs, role):
        if kwargs == real:
            return
        path = pattern.template.format(**kwargs)
        request_as(clients[role], role, path, post=pattern.accepts_post)

    check()


# Own pages without a converter (feeds and text files included) take any query string.
OWN_GET_PAGES = sorted(
    pattern.name
    for pattern in patterns()
    if not pattern.kwargs and not pattern.name.startswith(("account_", "mfa_"))
)


def test_the_list_pages_are_all_there():
    for name in ("search", "community:case_list", "roadmap:example_list", "sessions:series_list"):
        assert name in OWN_GET_PAGES


@pytest.mark.parametrize("name", OWN_GET_PAGES)
def test_query_strings_never_cause_a_server_error(name, world, clients):
    path = next(pattern.template for pattern in patterns() if pattern.name == name)
    if name == "community:my_data":
        pytest.skip("covered by test_forms (a POST here could delete the member)")

    @FUZZ
    @given(query=query_string(), role=roles)
    def check(query, role):
        request_as(clients[role], role, path, post=False, QUERY_STRING=query)

    check()

"""Every URL of the sessions app × role → the expected answer.

The personal pages are opened with the registrant's own secret link (whoever holds it)
and with a wrong one, which must answer 404 to everyone. Organisers (the organisers
group, not moderators) get what moderators get here; both have two-factor set up. An
organiser who has not set it up yet is sent to do so from every page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.access import Row, assert_answer, open_as
from tests.community.factories import ModeratorFactory, VerifiedUserFactory
from tests.sessions.factories import SeatFactory, SeriesFactory, SessionFactory, workspace_world

ROLES = ("anonymous", "member", "moderator", "organiser", "organiser_without_2fa")


def expect(anonymous, member, moderator, organiser, organiser_without_2fa="2fa"):
    answers = (anonymous, member, moderator, organiser, organiser_without_2fa)
    return dict(zip(ROLES, answers, strict=True))


EVERYONE = expect(200, 200, 200, 200)
NOBODY = expect(404, 404, 404, 404)
MEMBERS = expect("login", 200, 200, 200)
ORGANISERS = expect("login", 403, 200, 200)
WRONG_TOKEN = "dit-is-niet-de-goede-link-0123456789abcdefghijk"


def token(w):
    return w["seat"].registration.token


def series_pk(w):
    return {"pk": w["seat"].session.series.pk}


def session_pk(w):
    return {"pk": w["seat"].session.pk}


ROWS = [
    Row("sessions:series_list", lambda w: {}, EVERYONE),
    Row("sessions:series_detail", lambda w: {"slug": w["series"].slug}, EVERYONE),
    Row(
        "sessions:series_detail",
        lambda w: {"slug": w["draft_series"].slug},
        NOBODY,
        label="unpublished",
    ),
    Row("sessions:register", lambda w: {"slug": w["series"].slug}, EVERYONE),
    Row("sessions:registered", lambda w: {"slug": w["series"].slug}, EVERYONE),
    Row("sessions:series_ics", lambda w: {"slug": w["series"].slug}, EVERYONE),
    Row(
        "sessions:session_ics",
        lambda w: {"slug": w["series"].slug, "order": w["seat"].session.order},
        EVERYONE,
    ),
    Row("sessions:my_registrations", lambda w: {}, MEMBERS),
    Row("sessions:registration", lambda w: {"token": token(w)}, EVERYONE),
    Row("sessions:registration", lambda w: {"token": WRONG_TOKEN}, NOBODY, label="wrong"),
    Row(
        "sessions:registration_add",
        lambda w: {"token": token(w)},
        expect(200, 200, 200, 200),
        method="post",
        data={"sessions": []},
    ),
    Row(
        "sessions:registration_add",
        lambda w: {"token": WRONG_TOKEN},
        NOBODY,
        method="post",
        label="wrong",
    ),
    Row(
        "sessions:seat_cancel",
        lambda w: {"token": token(w), "seat_pk": w["seat"].pk},
        expect(302, 302, 302, 302),
        method="post",
    ),
    Row(
        "sessions:seat_cancel",
        lambda w: {"token": WRONG_TOKEN, "seat_pk": w["seat"].pk},
        NOBODY,
        method="post",
        label="wrong",
    ),
    Row(
        "sessions:seat_cancel",
        lambda w: {"token": token(w), "seat_pk": w["other_seat"].pk},
        NOBODY,
        method="post",
        label="someone-elses-seat",
    ),
    Row(
        "sessions:evaluation",
        lambda w: {"token": w["past_seat"].registration.token, "order": 1},
        EVERYONE,
    ),
    Row(
        "sessions:evaluation",
        lambda w: {"token": WRONG_TOKEN, "order": 1},
        NOBODY,
        label="wrong",
    ),
    Row(
        "sessions:evaluation",
        lambda w: {"token": token(w), "order": w["seat"].session.order},
        NOBODY,
        label="not-yet-held",
    ),
    Row("sessions:certificate", lambda w: {"token": w["attended"].registration.token}, EVERYONE),
    Row("sessions:certificate", lambda w: {"token": token(w)}, NOBODY, label="not-attended"),
    Row("sessions:certificate", lambda w: {"token": WRONG_TOKEN}, NOBODY, label="wrong"),
    Row("sessions:certificate_verify", lambda w: {"code": w["certificate"].code}, EVERYONE),
    Row("sessions:certificate_verify", lambda w: {"code": "AAAA-BBBB-CCCC"}, NOBODY, label="wrong"),
    # The organisers' workspace
    Row("sessions:organiser_series_list", lambda w: {}, ORGANISERS),
    Row("sessions:organiser_series_create", lambda w: {}, ORGANISERS),
    Row(
        "sessions:organiser_series_create",
        lambda w: {},
        expect("login", 403, 302, 302),
        method="post",
        data={
            "title": "Nieuwe reeks",
            "summary": "Vier sessies.",
            "introduction": "Elke week een fase.",
            "organisers": "Hogeschool Utrecht",
        },
        label="post",
    ),
    Row("sessions:organiser_series", series_pk, ORGANISERS),
    Row("sessions:organiser_series_edit", series_pk, ORGANISERS),
    Row(
        "sessions:organiser_series_edit",
        series_pk,
        expect("login", 403, 302, 302),
        method="post",
        data={
            "title": "Andere titel",
            "summary": "Vier sessies.",
            "introduction": "Elke week een fase.",
            "organisers": "Hogeschool Utrecht",
            "is_published": "on",
        },
        label="post",
    ),
    Row("sessions:organiser_series_copy", series_pk, ORGANISERS),
    Row(
        "sessions:organiser_series_copy",
        series_pk,
        expect("login", 403, 302, 302),
        method="post",
        data={"weeks": "52", "title": "Volgende ronde"},
        label="post",
    ),
    Row("sessions:organiser_session_create", series_pk, ORGANISERS),
    Row(
        "sessions:organiser_session_create",
        series_pk,
        expect("login", 403, 302, 302),
        method="post",
        data=lambda: {
            "order": "9",
            "title": "Extra sessie",
            "date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "start_time": "13:30",
            "end_time": "14:30",
        },
        label="post",
    ),
    Row("sessions:organiser_series_registrations", series_pk, ORGANISERS),
    Row("sessions:organiser_series_export", series_pk, ORGANISERS),
    Row("sessions:organiser_series_evaluation", series_pk, ORGANISERS),
    Row("sessions:organiser_mail", series_pk, ORGANISERS),
    Row(
        "sessions:organiser_mail",
        series_pk,
        expect("login", 403, 200, 200),
        method="post",
        data={"group": "active", "session": "reeks", "subject": "Welkom", "message": "Hallo!"},
        label="preview",
    ),
    Row(
        "sessions:organiser_mail",
        series_pk,
        expect("login", 403, 302, 302),
        method="post",
        data={
            "group": "active",
            "session": "reeks",
            "subject": "Welkom",
            "message": "Hallo!",
            "step": "send",
        },
        label="send",
    ),
    Row("sessions:organiser_mail_history", series_pk, ORGANISERS),
    Row("sessions:organiser_message", lambda w: {"pk": w["message"].pk}, ORGANISERS),
    Row("sessions:organiser_session", session_pk, ORGANISERS),
    Row("sessions:organiser_session_edit", session_pk, ORGANISERS),
    Row(
        "sessions:organiser_session_edit",
        session_pk,
        expect("login", 403, 302, 302),
        method="post",
        data=lambda: {
            "order": "1",
            "title": "Andere titel",
            "date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "start_time": "13:30",
            "end_time": "14:30",
            "confirm": "1",
        },
        label="post",
    ),
    Row("sessions:organiser_attendance", lambda w: {"pk": w["past_seat"].session.pk}, ORGANISERS),
    Row(
        "sessions:organiser_attendance",
        lambda w: {"pk": w["past_seat"].session.pk},
        expect("login", 403, 302, 302),
        method="post",
        data=lambda: {"everyone": "1"},
        label="post",
    ),
    Row(
        "sessions:organiser_attendance",
        session_pk,
        ORGANISERS,
        label="not-started",
    ),
    Row("sessions:organiser_export", session_pk, ORGANISERS),
    Row(
        "sessions:organiser_session_action",
        lambda w: {"pk": w["seat"].session.pk, "action": "afgelasten"},
        expect("login", 403, 302, 302),
        method="post",
        data={"afgelasten-message": "De gast is ziek."},
        label="cancel",
    ),
    Row(
        "sessions:organiser_session_action",
        lambda w: {"pk": w["seat"].session.pk, "action": "plaatsen"},
        expect("login", 403, 302, 302),
        method="post",
        data={"plaatsen-capacity": "12"},
        label="capacity",
    ),
    Row(
        "sessions:organiser_session_action",
        lambda w: {"pk": w["seat"].session.pk, "action": "plaatsen"},
        expect("login", 403, 302, 302),
        label="get",
    ),
    Row(
        "sessions:organiser_seat_cancel",
        lambda w: {"pk": w["seat"].session.pk, "seat_pk": w["seat"].pk},
        expect("login", 403, 302, 302),
        method="post",
    ),
    Row(
        "sessions:organiser_seat_cancel",
        lambda w: {"pk": w["seat"].session.pk, "seat_pk": w["other_seat"].pk},
        expect("login", 403, 404, 404),
        method="post",
        label="seat-of-another-session",
    ),
    Row(
        "sessions:organiser_seat_cancel",
        lambda w: {"pk": w["seat"].session.pk, "seat_pk": w["seat"].pk},
        expect("login", 403, 405, 405),
        label="get",
    ),
]

ACCESS_ROW_NAMES = {row.url_name for row in ROWS}


@pytest.fixture
def world(db):
    series = SeriesFactory()
    seat = SeatFactory(session__series=series)
    past = SessionFactory(
        order=1,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
    )
    return {
        "series": series,
        "draft_series": SeriesFactory(is_published=False),
        "seat": seat,
        "other_seat": SeatFactory(),
        "past_seat": SeatFactory(session=past),
        "member": VerifiedUserFactory(),
        "moderator": ModeratorFactory(),
        **workspace_world(series, past),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_sessions_access(client, world, row, role):
    url, response = open_as(client, world, row, role)

    assert_answer(response, row.expected[role], f"{url} as {role}")

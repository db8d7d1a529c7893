"""Every URL of the sessions app × role → the expected answer.

The personal pages are opened with the registrant's own secret link (whoever holds it)
and with a wrong one, which must answer 404 to everyone. Organisers (the organisers
group, not moderators) get what moderators get here; both have two-factor set up.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.access import Row, assert_answer, open_as
from tests.community.factories import ModeratorFactory, OrganiserFactory, VerifiedUserFactory
from tests.sessions.factories import SeatFactory, SeriesFactory, SessionFactory

ROLES = ("anonymous", "member", "moderator", "organiser")


def expect(anonymous, member, moderator, organiser):
    return dict(zip(ROLES, (anonymous, member, moderator, organiser), strict=True))


EVERYONE = expect(200, 200, 200, 200)
NOBODY = expect(404, 404, 404, 404)
MEMBERS = expect("login", 200, 200, 200)
ORGANISERS = expect("login", 403, 200, 200)
WRONG_TOKEN = "dit-is-niet-de-goede-link-0123456789abcdefghijk"


def token(w):
    return w["seat"].registration.token


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
    Row("sessions:organiser_series_list", lambda w: {}, ORGANISERS),
    Row("sessions:organiser_session", lambda w: {"pk": w["seat"].session.pk}, ORGANISERS),
    Row("sessions:organiser_export", lambda w: {"pk": w["seat"].session.pk}, ORGANISERS),
    Row(
        "sessions:organiser_session_action",
        lambda w: {"pk": w["seat"].session.pk, "action": "mailen"},
        expect("login", 403, 302, 302),
        method="post",
        data={"mail-subject": "Welkom", "mail-message": "Tot donderdag!"},
    ),
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
        "organiser": OrganiserFactory(),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_sessions_access(client, world, row, role):
    url, response = open_as(client, world, row, role)

    assert_answer(response, row.expected[role], f"{url} as {role}")

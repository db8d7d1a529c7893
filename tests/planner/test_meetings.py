"""Meetings and co-evaluation of a trajectory: the team records them (editors only), and
the participants give a score through a link that needs no account, once per browser."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import member_name
from planner import meetings
from planner.meeting_views import VOTER_COOKIE, VOTER_MAX_AGE
from planner.models import Activity, Meeting, Score, new_token
from tests.planner.factories import MeetingFactory, planner_world

pytestmark = pytest.mark.django_db

SCORE_ERROR = "Kies een cijfer van 1 tot 5."


@pytest.fixture
def world():
    return planner_world()


def evaluation_of(trajectory, **fields) -> Meeting:
    return MeetingFactory(
        trajectory=trajectory,
        kind=Meeting.Kind.EVALUATION,
        score_token=fields.pop("score_token", None) or new_token(),
        scores_open=fields.pop("scores_open", True),
        **fields,
    )


def give(meeting, *scores):
    for number, score in enumerate(scores):
        Score.objects.create(meeting=meeting, voter=f"stem-{number}", score=score)


def list_url(trajectory):
    return reverse("planner:meetings", args=[trajectory.pk])


def create_url(trajectory):
    return reverse("planner:meeting_create", args=[trajectory.pk])


def detail_url(meeting):
    return reverse("planner:meeting_detail", args=[meeting.trajectory_id, meeting.pk])


def scores_url(meeting):
    return reverse("planner:meeting_scores", args=[meeting.trajectory_id, meeting.pk])


def delete_url(meeting):
    return reverse("planner:meeting_delete", args=[meeting.trajectory_id, meeting.pk])


def update_url(meeting):
    return reverse("planner:meeting_update", args=[meeting.trajectory_id, meeting.pk])


def form_data(**fields):
    return {
        "kind": Meeting.Kind.MEETING,
        "held_on": "2026-10-15",
        "title": "Werksessie met inwoners",
        "participants": "Bewonersraad, wijkteam",
        "decisions": "We maken het formulier korter.",
        "what_works": "",
        "what_not": "",
        **fields,
    }


def as_user(client, user):
    client.force_login(user)
    return client


# --- Recording meetings ----------------------------------------------------------------------


def test_an_editor_records_a_meeting_and_it_is_in_the_activity(client, world):
    trajectory = world["trajectory"]
    response = as_user(client, world["editor"]).post(create_url(trajectory), form_data())

    meeting = trajectory.meetings.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(meeting)
    assert (meeting.kind, meeting.title) == (Meeting.Kind.MEETING, "Werksessie met inwoners")
    assert meeting.score_token is None and not meeting.scores_open
    activity = trajectory.activity.get(verb=Activity.Verb.MEETING)
    assert (activity.actor, activity.subject) == (world["editor"], "Werksessie met inwoners")

    page = client.get(list_url(trajectory)).content.decode()
    assert "Werksessie met inwoners" in page
    assert "We maken het formulier korter." in page
    assert '<time datetime="2026-10-15">' in page


def test_an_editor_records_a_co_evaluation_and_gets_its_full_link_to_copy(client, world):
    trajectory = world["trajectory"]
    as_user(client, world["editor"])
    form = client.get(create_url(trajectory) + "?soort=evaluatie").content.decode()
    assert re.search(r'<input[^>]*value="evaluation"[^>]*checked', form)

    response = client.post(
        create_url(trajectory),
        form_data(kind="evaluation", title="Terugblik eerste ronde", what_works="De opkomst"),
    )

    meeting = trajectory.meetings.get()
    assert meeting.is_evaluation and meeting.scores_open
    assert len(meeting.score_token) >= 32
    assert trajectory.activity.filter(verb=Activity.Verb.MEETING,
                                      subject="Terugblik eerste ronde").exists()  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    link = f"{settings.SITE_URL}/cijfer/{meeting.score_token}/"
    assert re.search(
        rf'<input type="text" id="cijferlink" value="{re.escape(link)}" readonly', page
    )
    assert '<label class="form-field__label" for="cijferlink">' in page
    assert "De opkomst" in page


def test_a_date_more_than_a_year_ahead_is_refused_in_dutch(client, world):
    trajectory = world["trajectory"]
    too_late = timezone.localdate() + datetime.timedelta(days=400)

    response = as_user(client, world["editor"]).post(
        create_url(trajectory), form_data(held_on=too_late.isoformat())
    )

    assert response.status_code == 200
    assert "Deze datum ligt meer dan een jaar in de toekomst." in response.content.decode()
    assert not trajectory.meetings.exists()


def test_missing_fields_get_dutch_messages(client, world):
    response = as_user(client, world["editor"]).post(
        create_url(world["trajectory"]), form_data(title="", held_on="gisteren", kind="feest")
    )

    page = response.content.decode()
    assert "Geef de bijeenkomst een onderwerp." in page
    assert "Vul een datum in zoals 15-10-2026." in page
    assert "Kies bijeenkomst of co-evaluatie." in page


def test_an_editor_changes_and_deletes_a_meeting(client, world):
    trajectory = world["trajectory"]
    meeting = MeetingFactory(trajectory=trajectory, title="Eerste werksessie")
    as_user(client, world["editor"])

    client.post(update_url(meeting), form_data(title="Eerste werksessie, verslag"))
    meeting.refresh_from_db()
    assert meeting.title == "Eerste werksessie, verslag"

    assert "Ja, verwijder deze bijeenkomst" in client.get(delete_url(meeting)).content.decode()
    response = client.post(delete_url(meeting))

    assert response["Location"] == list_url(trajectory)
    assert not trajectory.meetings.exists()
    verbs = list(trajectory.activity.values_list("verb", "subject"))
    assert (Activity.Verb.MEETING_DELETE, "Eerste werksessie, verslag") in verbs
    assert (Activity.Verb.MEETING, "Eerste werksessie, verslag") in verbs


def test_a_co_evaluation_with_scores_cannot_become_a_plain_meeting(client, world):
    meeting = evaluation_of(world["trajectory"])
    give(meeting, 4)

    response = as_user(client, world["editor"]).post(update_url(meeting), form_data())

    assert "Deze co-evaluatie heeft al cijfers." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.is_evaluation and meeting.scores.count() == 1


def test_an_editor_closes_and_reopens_the_score_link(client, world):
    meeting = evaluation_of(world["trajectory"])
    as_user(client, world["editor"])

    assert client.get(scores_url(meeting)).status_code == 405
    client.post(scores_url(meeting), {"open": "nee"})
    meeting.refresh_from_db()
    assert not meeting.scores_open
    assert "Cijfers geven weer openen" in client.get(detail_url(meeting)).content.decode()

    client.post(scores_url(meeting), {"open": "ja"})
    meeting.refresh_from_db()
    assert meeting.scores_open
    assert world["trajectory"].activity.filter(verb=Activity.Verb.SCORES).count() == 2


# --- Who may do what -------------------------------------------------------------------------


def test_a_reader_sees_the_meetings_but_may_not_change_them(client, world):
    trajectory = world["trajectory"]
    meeting = evaluation_of(trajectory, title="Terugblik")
    as_user(client, world["reader"])

    page = client.get(list_url(trajectory)).content.decode()
    assert "Terugblik" in page and "Bijeenkomst vastleggen" not in page
    detail = client.get(detail_url(meeting)).content.decode()
    assert "Cijfers geven sluiten" not in detail
    assert update_url(meeting) not in detail and delete_url(meeting) not in detail

    assert client.get(create_url(trajectory)).status_code == 403
    assert client.post(create_url(trajectory), form_data()).status_code == 403
    assert client.post(update_url(meeting), form_data(title="Anders")).status_code == 403
    assert client.post(scores_url(meeting), {"open": "nee"}).status_code == 403
    assert client.post(delete_url(meeting)).status_code == 403
    meeting.refresh_from_db()
    assert (meeting.title, meeting.scores_open) == ("Terugblik", True)
    assert trajectory.meetings.count() == 1


def test_someone_outside_the_team_is_told_nothing_exists(client, world):
    trajectory = world["trajectory"]
    meeting = evaluation_of(trajectory)
    as_user(client, world["other_member"])

    for url in (list_url(trajectory), detail_url(meeting), create_url(trajectory)):
        assert client.get(url).status_code == 404
    assert client.post(delete_url(meeting)).status_code == 404
    assert trajectory.meetings.exists()


def test_a_meeting_of_another_trajectory_does_not_exist_here(client, world):
    elsewhere = MeetingFactory()

    response = as_user(client, world["owner"]).get(
        reverse("planner:meeting_detail", args=[world["trajectory"].pk, elsewhere.pk])
    )

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_but_can_use_the_score_link(client, world):
    meeting = evaluation_of(world["trajectory"])
    login = reverse("account_login")

    for url in (list_url(world["trajectory"]), detail_url(meeting), scores_url(meeting)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login)
    assert client.get(meeting.score_url()).status_code == 200


# --- The score link --------------------------------------------------------------------------


def test_a_participant_gives_a_score_without_an_account(client, world):
    meeting = evaluation_of(world["trajectory"], title="Terugblik eerste ronde")
    page = client.get(meeting.score_url()).content.decode()
    assert "Welk cijfer geef je deze bijeenkomst?" in page

    response = client.post(meeting.score_url(), {"score": "4", "comment": "Fijn gesprek"})

    assert response.status_code == 302 and response["Location"] == meeting.score_url()
    score = meeting.scores.get()
    assert (score.score, score.comment) == (4, "Fijn gesprek")
    thanks = client.get(meeting.score_url()).content.decode()
    assert "Dank je wel!" in thanks and "Je gaf cijfer 4." in thanks
    assert "Cijfer wijzigen" in thanks
    assert not world["trajectory"].activity.filter(verb=Activity.Verb.SCORES).exists()


def test_the_voter_cookie_is_signed_private_and_for_this_link_only(client, world):
    meeting = evaluation_of(world["trajectory"])

    response = client.post(meeting.score_url(), {"score": "3"})

    cookie = response.cookies[VOTER_COOKIE]
    assert cookie["path"] == meeting.score_url()
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == VOTER_MAX_AGE == 90 * 24 * 60 * 60
    voter = meeting.scores.get().voter
    assert cookie.value.startswith(f"{voter}:") and cookie.value != voter  # signed


def test_a_second_score_from_the_same_browser_changes_the_first(client, world):
    meeting = evaluation_of(world["trajectory"])

    client.post(meeting.score_url(), {"score": "2"})
    client.post(meeting.score_url(), {"score": "5", "comment": "Toch beter dan ik dacht"})

    score = meeting.scores.get()
    assert (score.score, score.comment) == (5, "Toch beter dan ik dacht")


def test_another_browser_adds_a_second_score(client, world):
    meeting = evaluation_of(world["trajectory"])

    client.post(meeting.score_url(), {"score": "2"})
    Client().post(meeting.score_url(), {"score": "4"})

    assert sorted(meeting.scores.values_list("score", flat=True)) == [2, 4]


def test_a_forged_voter_cookie_counts_as_a_new_browser(client, world):
    meeting = evaluation_of(world["trajectory"])
    client.post(meeting.score_url(), {"score": "2"})
    client.cookies[VOTER_COOKIE] = meeting.scores.get().voter  # unsigned copy of the key

    Client().post(meeting.score_url(), {"score": "1"})
    client.post(meeting.score_url(), {"score": "5"})

    assert sorted(meeting.scores.values_list("score", flat=True)) == [1, 2, 5]


@pytest.mark.parametrize("score", ["0", "6", "", "vier"])
def test_a_score_outside_one_to_five_gets_a_dutch_message(client, world, score):
    meeting = evaluation_of(world["trajectory"])

    response = client.post(meeting.score_url(), {"score": score})

    assert response.status_code == 200
    assert SCORE_ERROR in response.content.decode()
    assert not meeting.scores.exists()


def test_a_closed_link_says_so_and_takes_no_score(client, world):
    meeting = evaluation_of(world["trajectory"], scores_open=False)

    page = client.get(meeting.score_url())
    sent = client.post(meeting.score_url(), {"score": "4"})

    assert page.status_code == sent.status_code == 200
    assert "het team heeft het gesloten" in page.content.decode()
    assert "Welk cijfer" not in page.content.decode()
    assert not meeting.scores.exists()


def test_closing_the_link_stops_the_service_too(world):
    meeting = evaluation_of(world["trajectory"])
    meetings.scores_open(meeting=meeting, editor=world["editor"], open=False)

    with pytest.raises(ValidationError):
        meetings.score_give(meeting=meeting, voter="iemand", score=3, comment="")
    assert not meeting.scores.exists()


def test_an_unknown_or_plain_meeting_link_does_not_exist(client, world):
    plain = MeetingFactory(trajectory=world["trajectory"], score_token="gewone-bijeenkomst")

    assert client.get(reverse("planner:score", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("planner:score", args=[plain.score_token])).status_code == 404


def test_the_score_page_shows_nothing_of_the_team(client, world):
    trajectory = world["trajectory"]
    meeting = evaluation_of(
        trajectory, title="Terugblik", participants="Fatima Yilmaz, Joost Bakker"
    )

    page = client.get(meeting.score_url()).content.decode()

    assert trajectory.title in page and "Terugblik" in page
    for person in ("owner", "editor", "reader"):
        assert member_name(world[person]) not in page
    assert "Fatima Yilmaz" not in page
    assert trajectory.goal not in page and trajectory.organisation not in page


def test_many_scores_from_one_address_are_refused_in_dutch(client, world):
    meeting = evaluation_of(world["trajectory"])
    for _ in range(30):
        assert client.post(meeting.score_url(), {"score": "3"}).status_code == 302

    response = client.post(meeting.score_url(), {"score": "4"})

    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw." in response.content.decode()
    assert meeting.scores.get().score == 3


# --- The figures -----------------------------------------------------------------------------


def test_the_chart_table_gives_the_average_with_a_dutch_comma(client, world):
    trajectory = world["trajectory"]
    first = evaluation_of(trajectory, title="Eerste terugblik",
                          held_on=datetime.date(2026, 9, 1))  # fmt: skip
    give(first, 3, 4)
    second = evaluation_of(trajectory, title="Tweede terugblik",
                           held_on=datetime.date(2026, 11, 1))  # fmt: skip
    give(second, 4, 4, 5)
    MeetingFactory(trajectory=trajectory, title="Gewone werksessie")

    page = as_user(client, world["reader"]).get(list_url(trajectory)).content.decode()

    assert '<svg class="score-chart"' in page and 'role="img"' in page
    table = page[page.index('<table class="table">') : page.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    assert len(rows) == 2 and "Eerste terugblik" in rows[0]  # oldest first
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows]
    # date, then the number of scores, the average and how often each of 1..5 was given
    assert cells[0][1:] == ["2", "3,5", "0", "0", "1", "1", "0"]
    assert cells[1][1:] == ["3", "4,3", "0", "0", "0", "2", "1"]
    assert "Gewone werksessie" not in table
    assert "3 cijfers, gemiddeld 4,3" in page


def test_the_list_shows_the_newest_meeting_first(client, world):
    trajectory = world["trajectory"]
    MeetingFactory(trajectory=trajectory, title="Oud overleg", held_on=datetime.date(2026, 1, 5))
    MeetingFactory(trajectory=trajectory, title="Nieuw overleg", held_on=datetime.date(2026, 6, 5))

    page = as_user(client, world["reader"]).get(list_url(trajectory)).content.decode()

    assert page.index("Nieuw overleg") < page.index("Oud overleg")


def test_an_empty_list_explains_co_evaluation(client, world):
    page = as_user(client, world["editor"]).get(list_url(world["trajectory"])).content.decode()

    assert "Nog geen bijeenkomsten vastgelegd." in page
    assert "Co-evaluatie betekent" in page
    assert f"{create_url(world['trajectory'])}?soort=evaluatie" in page


def test_the_detail_shows_counts_and_comments_without_names(client, world):
    meeting = evaluation_of(world["trajectory"])
    Score.objects.create(meeting=meeting, voter="a", score=5, comment="Goed voorbereid")
    Score.objects.create(meeting=meeting, voter="b", score=2, comment="")

    page = as_user(client, world["reader"]).get(detail_url(meeting)).content.decode()

    assert "Gemiddeld cijfer: 3,5" in page
    assert "Goed voorbereid" in page
    assert '<tr><th scope="row">5</th><td>1</td></tr>' in page


def test_the_list_needs_no_more_queries_for_more_meetings_and_scores(
    client, world, django_assert_max_num_queries
):
    """The scores are counted per meeting and score in one query: not a query per
    co-evaluation for its count, its average or its distribution."""
    trajectory = world["trajectory"]
    as_user(client, world["reader"])

    def add(count):
        for number in range(count):
            if number % 2:
                give(evaluation_of(trajectory), 3, 4, 5)
            else:
                MeetingFactory(trajectory=trajectory)

    add(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(list_url(trajectory)).status_code == 200
    add(28)

    with django_assert_max_num_queries(len(small)):
        page = client.get(list_url(trajectory)).content.decode()
    assert page.count('class="item-card"') == 30

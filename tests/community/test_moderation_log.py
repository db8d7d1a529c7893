"""The moderators' log: filters by who, what, about what and when, each narrowing the
rows and kept while paging; a spreadsheet of the filtered rows that Dutch Excel opens
as it is, for moderators only and itself logged; Dutch messages for filters that make
no sense; dates with Dutch month names."""

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import get_format

from cocreatie.core.actionlog import log_action
from cocreatie.core.models import ActionLog
from community.models import ModerationVerb
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LOG = reverse("community:moderation_log")
EXPORT = reverse("community:moderation_log_export")


def named(name: str, factory=ModeratorFactory):
    user = factory()
    user.profile.display_name = name
    user.profile.save()
    return user


def step(*, actor, verb, target, message="", at=None) -> ActionLog:
    entry = log_action(actor=actor, verb=verb, target=target, message=message)
    if at:
        ActionLog.objects.filter(pk=entry.pk).update(created_at=at)
    return entry


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def world():
    """Steps by two moderators and the system, on cases, a comment and a member, over
    three months."""
    moniek, marco = named("Moniek"), named("Marco")
    case = CaseFactory(title="Buurtkamer")
    comment = CommentFactory(body="Een reactie")
    member = VerifiedUserFactory()
    step(
        actor=moniek,
        verb=ModerationVerb.PUBLISH,
        target=case,
        message="Mooi verhaal",
        at=local(2026, 10, 3, 9, 0),
    )
    step(
        actor=marco,
        verb=ModerationVerb.HIDE,
        target=comment,
        message="Scheldwoord",
        at=local(2026, 11, 15, 12, 0),
    )
    step(
        actor=None,
        verb=ModerationVerb.AUTO_HIDE,
        target=comment,
        message="Drie meldingen",
        at=local(2026, 11, 20, 8, 0),
    )
    step(actor=moniek, verb=ModerationVerb.SUSPEND, target=member, message="Spam",
         at=local(2026, 12, 1, 14, 5))  # fmt: skip
    return {"moniek": moniek, "marco": marco, "case": case, "comment": comment}


@pytest.fixture
def moderator_client(client, world):
    client.force_login(world["moniek"])
    return client


def messages_shown(client, query: dict) -> list[str]:
    """The messages of the rows the log shows with ``query``, in order."""
    response = client.get(LOG, query)
    assert response.status_code == 200
    return re.findall(r"<td[^>]*>([^<]*)</td>\s*</tr>", response.content.decode())


def read_spreadsheet(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="logboek-')
    assert response.content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark"
    content = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_log_shows_every_step_newest_first(moderator_client):
    assert messages_shown(moderator_client, {}) == [
        "Spam", "Drie meldingen", "Scheldwoord", "Mooi verhaal"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"door": "moniek"}, ["Spam", "Mooi verhaal"]),
        ({"door": "systeem"}, ["Drie meldingen"]),
        ({"actie": "hide"}, ["Scheldwoord"]),
        ({"soort": "reactie"}, ["Drie meldingen", "Scheldwoord"]),
        ({"soort": "praktijkverhaal"}, ["Mooi verhaal"]),
        ({"soort": "lid"}, ["Spam"]),
        ({"van": "2026-11-15"}, ["Spam", "Drie meldingen", "Scheldwoord"]),
        ({"tot": "2026-11-15"}, ["Scheldwoord", "Mooi verhaal"]),
        ({"van": "2026-11-16", "tot": "2026-11-30"}, ["Drie meldingen"]),
        ({"door": "moniek", "van": "1-12-2026"}, ["Spam"]),
    ],
)
def test_each_filter_narrows_the_rows(moderator_client, world, query, expected):
    if query.get("door") == "moniek":
        query = {**query, "door": str(world["moniek"].pk)}

    assert messages_shown(moderator_client, query) == expected


def test_the_filters_offer_who_appears_in_the_log_and_every_verb(moderator_client, world):
    named("Nooit actief")  # a moderator without a step in the log

    html = moderator_client.get(LOG).content.decode()

    who = html[html.index('name="door"') : html.index("</select>", html.index('name="door"'))]
    assert "Moniek" in who and "Marco" in who and "Systeem" in who
    assert "Nooit actief" not in who
    assert ">Logboek gedownload</option>" in html and ">Lid geschorst</option>" in html
    what = html[html.index('name="soort"') :]
    assert ">Praktijkverhaal</option>" in what and ">Reactie</option>" in what
    assert 'type="date"' in html


def test_the_pages_keep_the_filter(moderator_client, world):
    for number in range(55):
        step(actor=world["marco"], verb=ModerationVerb.HIDE, target=world["case"],
             message=f"Verborgen {number}")  # fmt: skip
    marco = world["marco"].pk

    first = moderator_client.get(LOG, {"door": marco}).content.decode()
    second = moderator_client.get(LOG, {"door": marco, "page": 2}).content.decode()

    assert f'href="?door={marco}&amp;page=2"' in first
    assert "56 stappen met deze filters" in first
    assert "Scheldwoord" in second and "Mooi verhaal" not in second


def test_a_page_number_that_is_not_one_shows_a_page(moderator_client):
    for page in ("abc", "999", "-1"):
        assert moderator_client.get(LOG, {"page": page}).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "gisteren"}, "Vul een datum in zoals 1-12-2026."),
        ({"tot": "2026-13-45"}, "Vul een datum in zoals 1-12-2026."),
        ({"van": "0001-01-01"}, "Kies een datum na 1 januari 2000."),
        ({"tot": "9999-12-31"}, "Kies een datum na 1 januari 2000."),
        ({"van": "2026-12-01", "tot": "2026-11-01"}, "Deze datum ligt voor de datum bij"),
        ({"actie": "opblazen"}, "Deze keuze bestaat niet. Kies er een uit de lijst."),
        ({"door": "12345678"}, "Deze keuze bestaat niet. Kies er een uit de lijst."),
        ({"soort": "<script>"}, "Deze keuze bestaat niet. Kies er een uit de lijst."),
    ],
)
def test_filters_that_make_no_sense_get_a_dutch_message(moderator_client, query, message):
    response = moderator_client.get(LOG, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'class="error-summary"' in html
    assert "<title>Fout: Logboek" in html


def test_the_valid_filters_still_apply_beside_a_wrong_one(moderator_client):
    assert messages_shown(moderator_client, {"actie": "hide", "van": "gisteren"}) == ["Scheldwoord"]


def test_dates_in_the_log_read_in_dutch(moderator_client):
    html = moderator_client.get(LOG).content.decode()

    assert "1 december 2026 om 14.05 uur" in html and "15 november 2026 om 12.00 uur" in html
    assert not re.search(r"\b(Dec|Nov|Oct|Okt)\b", html)


def test_no_template_abbreviates_a_month():
    """Django's "M", "b" and "N" give "Dec", "dec" and "dec.", which read as English or
    as shorthand: every template writes the month out ("december"), in every language
    (a named format such as "DATE_FORMAT" is looked up in each)."""
    templates = Path(settings.BASE_DIR) / "templates"
    abbreviated = []
    for path in templates.rglob("*.*"):
        for form in re.findall(r"\|date:(?:\"([^\"]*)\"|'([^']*)')", path.read_text()):
            form = "".join(form)
            resolved = [form]
            if re.fullmatch(r"[A-Z_]+", form):
                resolved = []
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        resolved.append(get_format(form))
            for value in resolved:
                unescaped = re.sub(r"\\.", "", value)  # an escaped letter is text
                if re.search(r"[MbN]", unescaped):
                    abbreviated.append(f"{path.relative_to(templates)}: {form} ({value})")

    assert abbreviated == []


def test_the_log_answers_in_the_same_number_of_queries_with_more_steps(
    client, django_assert_max_num_queries
):
    """Actors with their profile and organisation, and the targets per kind, are fetched
    once per page, not once per row."""
    moderator = ModeratorFactory()
    client.force_login(moderator)

    def grow(n):
        for _ in range(n):
            actor = named("Moderator", VerifiedUserFactory)
            actor.profile.organisation = OrganisationFactory()
            actor.profile.is_verified_member = True
            actor.profile.save()
            step(actor=actor, verb=ModerationVerb.HIDE, target=CaseFactory())
            step(actor=actor, verb=ModerationVerb.HIDE, target=CommentFactory())
            step(actor=None, verb=ModerationVerb.SUSPEND, target=VerifiedUserFactory())

    grow(3)
    query = {"van": "2000-01-01", "actie": "hide"}
    with CaptureQueriesContext(connection) as few:
        assert client.get(LOG, query).status_code == 200
    grow(20)

    with django_assert_max_num_queries(len(few)):
        response = client.get(LOG, query)
    assert response.status_code == 200 and "46 stappen" in response.content.decode()


# --- The spreadsheet -------------------------------------------------------------------


def test_the_spreadsheet_holds_the_filtered_rows_as_dutch_excel_reads_them(moderator_client, world):
    response = moderator_client.get(EXPORT, {"door": world["moniek"].pk})

    header, *rows = read_spreadsheet(response)
    assert header == ["tijdstip", "door", "actie", "soort", "onderwerp", "bericht"]
    assert rows == [
        ["01-12-2026 14:05", "Moniek", "Lid geschorst", "Lid", rows[0][4], "Spam"],
        ["03-10-2026 09:00", "Moniek", "Gepubliceerd", "Praktijkverhaal", "Buurtkamer",
         "Mooi verhaal"],
    ]  # fmt: skip
    assert b";" in response.content and "no-store" in response["Cache-Control"]


def test_the_spreadsheet_names_the_system_and_hands_excel_no_formula(moderator_client, world):
    step(actor=None, verb=ModerationVerb.HIDE, target=world["case"],
         message='=HYPERLINK("https://example.org","klik")')  # fmt: skip
    step(actor=None, verb=ModerationVerb.HIDE, target=world["case"], message="+31 6 123")

    rows = read_spreadsheet(moderator_client.get(EXPORT, {"door": "systeem", "actie": "hide"}))

    assert [row[1] for row in rows[1:]] == ["systeem", "systeem"]
    assert sorted(row[5] for row in rows[1:]) == [
        "'+31 6 123",
        '\'=HYPERLINK("https://example.org","klik")',
    ]


def test_the_download_is_itself_logged_with_its_filters(moderator_client, world):
    moderator_client.get(EXPORT, {"actie": "hide", "van": "2026-11-01"})

    entry = ActionLog.objects.get(verb=ModerationVerb.LOG_EXPORT)
    assert entry.actor == world["moniek"]
    assert entry.data == {"rows": 1, "filters": {"actie": "hide", "van": "2026-11-01"}}
    assert "Logboek gedownload" in moderator_client.get(LOG).content.decode()


def test_filters_that_make_no_sense_download_nothing_and_say_why(moderator_client):
    response = moderator_client.get(EXPORT, {"van": "gisteren", "actie": "hide"}, follow=True)

    assert response.redirect_chain[0][0] == f"{LOG}?van=gisteren&actie=hide"
    html = response.content.decode()
    assert "Pas eerst de filters aan" in html and "Vul een datum in zoals 1-12-2026." in html
    assert not ActionLog.objects.filter(verb=ModerationVerb.LOG_EXPORT).exists()


def test_only_moderators_download_the_log(client, world):
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/account/login/" in response["Location"]

    client.force_login(VerifiedUserFactory())
    response = client.get(EXPORT)

    assert response.status_code == 403
    assert b"Scheldwoord" not in response.content
    assert not ActionLog.objects.filter(verb=ModerationVerb.LOG_EXPORT).exists()

"""The stakeholder map: who may see and change it, the form and its Dutch errors, the
chart and the table, the spreadsheet, and a fixed number of queries."""

import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planner import services, stakeholders
from planner.models import Activity, Involvement, Stakeholder, Trajectory
from tests.planner.factories import StakeholderFactory, planner_world
from tests.roadmap.factories import PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = planner_world()
    world["later"] = PhaseFactory(slug="co-ontwerpen", title="Co-ontwerpen",
                                  short_title="Ontwerpen")  # fmt: skip
    return world


def url(name, trajectory, *args):
    return reverse(f"planner:{name}", args=[trajectory.pk, *args])


def form_data(world, **changes):
    data = {
        "name": "Bewonersraad Noord",
        "kind": Stakeholder.Kind.RESIDENTS,
        "interest": "5",
        "influence": "4",
        f"fase_{world['phase'].pk}": "Twee bewoners in het kernteam",
        f"fase_{world['later'].pk}": "",
    }
    return {**data, **changes}


def add(world, **fields):
    """A stakeholder with an involvement in each phase."""
    stakeholder = StakeholderFactory(trajectory=world["trajectory"], **fields)
    for phase in (world["phase"], world["later"]):
        Involvement.objects.create(stakeholder=stakeholder, phase=phase,
                                   description=f"Meedenken in {phase.title}")  # fmt: skip
    return stakeholder


def points(html: str) -> list[str]:
    """The numbers drawn on the chart, one per point."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == len(re.findall(r"<circle[^>]*/>\s*<text[^>]*>\d+</text>", svg))
    return re.findall(r"<circle[^>]*/>\s*<text[^>]*>(\d+)</text>", svg)


def table_names(html: str) -> list[str]:
    table = html[html.index("<table") : html.index("</table>")]
    return re.findall(r'<th scope="row">([^<]*)</th>', table)


# --- Adding through the form ---------------------------------------------------------------


def test_an_editor_adds_a_stakeholder_who_then_shows_on_the_map_and_in_the_table(client, world):
    trajectory = world["trajectory"]
    Trajectory.objects.filter(pk=trajectory.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=3)
    )
    client.force_login(world["editor"])

    response = client.post(url("stakeholder_create", trajectory), form_data(world), follow=True)

    assert response.redirect_chain[-1][0] == url("stakeholders", trajectory)
    html = response.content.decode()
    assert "Bewonersraad Noord staat nu op de kaart." in html
    assert table_names(html) == ["Bewonersraad Noord"]
    assert points(html) == ["1"]
    table = html[html.index("<table") : html.index("</table>")]
    assert "<td>Nauw betrekken</td>" in table
    assert "Twee bewoners in het kernteam" in html
    stakeholder = Stakeholder.objects.get(trajectory=trajectory)
    assert [(i.phase, i.description) for i in stakeholder.involvements.all()] == [
        (world["phase"], "Twee bewoners in het kernteam")
    ]
    entry = Activity.objects.filter(trajectory=trajectory).first()
    assert (entry.verb, entry.subject, entry.actor) == (
        Activity.Verb.STAKEHOLDER, "Bewonersraad Noord", world["editor"]
    )  # fmt: skip
    trajectory.refresh_from_db()
    assert timezone.now() - trajectory.updated_at < timezone.timedelta(minutes=1)


def test_the_form_asks_for_each_published_phase_with_unique_ids(client, world):
    client.force_login(world["owner"])
    html = client.get(url("stakeholder_create", world["trajectory"])).content.decode()
    assert "Hoe betrokken in Co-initiëren?" in html
    assert "Hoe betrokken in Co-ontwerpen?" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "Hoeveel raakt het traject hen? 1 = weinig, 5 = heel veel." in html
    assert 'type="radio" name="interest" value="5"' in html


def test_an_editor_changes_a_stakeholder_and_an_emptied_phase_loses_its_involvement(client, world):
    stakeholder = add(world, name="Wijkteam", interest=2, influence=2)
    client.force_login(world["editor"])
    update = url("stakeholder_update", world["trajectory"], stakeholder.pk)
    assert "Meedenken in Co-ontwerpen" in client.get(update).content.decode()

    emptied = {f"fase_{world['phase'].pk}": "", f"fase_{world['later'].pk}": "Ontwerpt mee"}
    response = client.post(update, form_data(world, name="Wijkteam Zuid", **emptied))

    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert (stakeholder.name, stakeholder.interest, stakeholder.influence) == (
        "Wijkteam Zuid",
        5,
        4,
    )
    assert list(stakeholder.involvements.values_list("phase", "description")) == [
        (world["later"].pk, "Ontwerpt mee")
    ]
    assert Activity.objects.filter(verb=Activity.Verb.STAKEHOLDER, subject="Wijkteam Zuid").exists()


# --- Dutch errors --------------------------------------------------------------------------


def test_an_interest_of_7_and_an_empty_name_get_dutch_messages(client, world):
    client.force_login(world["editor"])
    response = client.post(
        url("stakeholder_create", world["trajectory"]), form_data(world, name=" ", interest="7")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul de naam van de persoon of groep in." in html
    assert "Kies een getal van 1 tot en met 5." in html
    assert "Er zijn 2 problemen" in html
    assert not Stakeholder.objects.exists()


def test_a_too_long_involvement_is_refused_in_dutch(client, world):
    client.force_login(world["editor"])
    data = form_data(world, **{f"fase_{world['phase'].pk}": "x" * 301})
    html = client.post(url("stakeholder_create", world["trajectory"]), data).content.decode()
    assert "Maak dit korter: er passen 300 tekens in." in html
    assert not Stakeholder.objects.exists()


def test_the_service_refuses_a_score_outside_1_to_5(world):
    with pytest.raises(ValidationError, match="een getal van 1 tot en met 5"):
        stakeholders.stakeholder_create(
            trajectory=world["trajectory"], editor=world["editor"], name="Raad",
            kind=Stakeholder.Kind.POLITICS, interest=3, influence=0, involvements={},
        )  # fmt: skip
    assert not Stakeholder.objects.exists()


# --- Who may see and change it -------------------------------------------------------------


def test_a_reader_sees_the_map_without_edit_links(client, world):
    stakeholder = add(world)
    client.force_login(world["reader"])
    html = client.get(url("stakeholders", world["trajectory"])).content.decode()
    assert table_names(html) == [stakeholder.name]
    assert url("stakeholder_update", world["trajectory"], stakeholder.pk) not in html
    assert url("stakeholder_delete", world["trajectory"], stakeholder.pk) not in html
    assert url("stakeholder_create", world["trajectory"]) not in html
    assert "Exporteer als CSV" in html


def test_an_editor_sees_edit_links(client, world):
    stakeholder = add(world)
    client.force_login(world["editor"])
    html = client.get(url("stakeholders", world["trajectory"])).content.decode()
    assert url("stakeholder_update", world["trajectory"], stakeholder.pk) in html
    assert url("stakeholder_delete", world["trajectory"], stakeholder.pk) in html
    assert url("stakeholder_create", world["trajectory"]) in html


def test_a_reader_can_neither_add_change_nor_delete(client, world):
    stakeholder = add(world, name="Ondernemersvereniging")
    trajectory = world["trajectory"]
    client.force_login(world["reader"])
    pages = [
        url("stakeholder_create", trajectory),
        url("stakeholder_update", trajectory, stakeholder.pk),
        url("stakeholder_delete", trajectory, stakeholder.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 403
        assert client.post(page, form_data(world)).status_code == 403
    assert list(Stakeholder.objects.values_list("name", flat=True)) == ["Ondernemersvereniging"]


@pytest.mark.parametrize("name", ["stakeholders", "stakeholders_csv", "stakeholder_create"])
def test_someone_outside_the_team_is_told_the_map_does_not_exist(client, world, name):
    client.force_login(world["other_member"])
    assert client.get(url(name, world["trajectory"])).status_code == 404


@pytest.mark.parametrize("name", ["stakeholders", "stakeholders_csv"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, world, name):
    response = client.get(url(name, world["trajectory"]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_another_trajectorys_stakeholder_cannot_be_changed(client, world):
    elsewhere = StakeholderFactory()
    client.force_login(world["owner"])
    page = url("stakeholder_update", world["trajectory"], elsewhere.pk)
    assert client.post(page, form_data(world)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.name != "Bewonersraad Noord"


def test_a_moderator_reads_a_shared_map_without_edit_links(client, world):
    trajectory = world["trajectory"]
    stakeholder = add(world)
    client.force_login(world["moderator"])
    assert client.get(url("stakeholders", trajectory)).status_code == 404

    services.support_share(trajectory=trajectory, owner=world["owner"], shared=True)
    response = client.get(url("stakeholders", trajectory))
    assert response.status_code == 200
    html = response.content.decode()
    assert table_names(html) == [stakeholder.name]
    assert url("stakeholder_update", trajectory, stakeholder.pk) not in html
    assert client.get(url("stakeholder_create", trajectory)).status_code == 403


# --- The chart and the table ---------------------------------------------------------------


def test_the_chart_has_a_point_per_stakeholder_and_the_table_the_same_names(client, world):
    names = ["Gemeenteraad", "Jongerenwerk", "Huisartsen", "Wethouder"]
    for name, interest, influence in zip(names, (2, 5, 3, 3), (5, 1, 3, 3), strict=True):
        add(world, name=name, interest=interest, influence=influence)
    client.force_login(world["reader"])
    html = client.get(url("stakeholders", world["trajectory"])).content.decode()

    assert points(html) == ["1", "2", "3", "4"]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    # Numbered by influence, then interest, then name.
    assert table_names(html) == ["Gemeenteraad", "Huisartsen", "Wethouder", "Jongerenwerk"]
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and 'width="100%"' in svg
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg)
    for label in ("Nauw betrekken", "Tevreden houden", "Informeren", "Volgen"):
        assert f">{label}</text>" in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "4 belanghebbenden op de kaart." in desc
    assert "Tevreden houden: 1. Gemeenteraad." in desc
    assert "Nauw betrekken: 2. Huisartsen, 3. Wethouder." in desc
    assert "Volgen: niemand." in desc


def test_stakeholders_at_the_same_spot_get_points_of_their_own(world):
    for _ in range(5):
        add(world, interest=3, influence=3)
    shown = stakeholders.stakeholder_map(world["trajectory"])
    spots = {(point.cx, point.cy) for point in shown.points}
    assert len(spots) == 5
    # None of them overlap.
    coordinates = [(float(p.cx), float(p.cy), float(p.r)) for p in shown.points]
    for index, (x, y, r) in enumerate(coordinates):
        for other_x, other_y, other_r in coordinates[index + 1 :]:
            assert ((x - other_x) ** 2 + (y - other_y) ** 2) ** 0.5 >= r + other_r


def test_the_quadrants_split_at_3():
    assert stakeholders.quadrant_of(3, 3).label == "Nauw betrekken"
    assert stakeholders.quadrant_of(2, 5).label == "Tevreden houden"
    assert stakeholders.quadrant_of(5, 2).label == "Informeren"
    assert stakeholders.quadrant_of(2, 2).label == "Volgen"


def test_an_empty_map_explains_what_it_is_for(client, world):
    client.force_login(world["editor"])
    html = client.get(url("stakeholders", world["trajectory"])).content.decode()
    assert "Er staan nog geen belanghebbenden op de kaart." in html
    assert "hoeveel het traject hen raakt (belang)" in html
    assert "<svg" not in html
    assert url("stakeholder_create", world["trajectory"]) in html


# --- The spreadsheet -----------------------------------------------------------------------


def test_the_csv_has_a_row_per_stakeholder_and_a_column_per_phase(client, world):
    add(world, name="Bibliotheek", kind=Stakeholder.Kind.CIVIL_SOCIETY, interest=4, influence=2)
    client.force_login(world["reader"])
    response = client.get(url("stakeholders_csv", world["trajectory"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="belanghebbenden-{world["trajectory"].pk}.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [
        ["naam", "soort", "belang", "invloed", "kwadrant", "Co-initiëren", "Co-ontwerpen"],
        ["Bibliotheek", "Maatschappelijke organisatie", "4", "2", "Informeren",
         "Meedenken in Co-initiëren", "Meedenken in Co-ontwerpen"],
    ]  # fmt: skip


def test_the_csv_does_not_let_a_spreadsheet_run_a_formula(client, world):
    stakeholder = add(world, name='=HYPERLINK("https://example.org","klik")')
    Involvement.objects.filter(stakeholder=stakeholder, phase=world["phase"]).update(
        description="@SUM(1+1)"
    )
    client.force_login(world["owner"])
    text = client.get(url("stakeholders_csv", world["trajectory"])).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][0] == '\'=HYPERLINK("https://example.org","klik")'
    assert rows[1][5] == "'@SUM(1+1)"


# --- Deleting ------------------------------------------------------------------------------


def test_deleting_asks_first_and_then_removes_the_involvements_too(client, world):
    stakeholder = add(world, name="Woningcorporatie")
    trajectory = world["trajectory"]
    client.force_login(world["editor"])
    page = url("stakeholder_delete", trajectory, stakeholder.pk)

    confirm = client.get(page)
    assert confirm.status_code == 200
    assert "Woningcorporatie" in confirm.content.decode()
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()

    response = client.post(page, follow=True)
    assert "Woningcorporatie staat niet meer op de kaart." in response.content.decode()
    assert not Stakeholder.objects.filter(pk=stakeholder.pk).exists()
    assert not Involvement.objects.filter(stakeholder_id=stakeholder.pk).exists()
    entry = Activity.objects.filter(trajectory=trajectory).first()
    assert (entry.verb, entry.subject) == (Activity.Verb.STAKEHOLDER_DELETE, "Woningcorporatie")


# --- Queries -------------------------------------------------------------------------------


def test_the_map_takes_as_many_queries_for_3_as_for_40_stakeholders(
    client, world, django_assert_max_num_queries
):
    """The stakeholders and their involvements are two queries (a prefetch), not one
    query of involvements per stakeholder."""
    client.force_login(world["editor"])
    page = url("stakeholders", world["trajectory"])
    for _ in range(3):
        add(world)
    with CaptureQueriesContext(connection) as few:
        assert client.get(page).status_code == 200

    for _ in range(37):
        add(world)
    with django_assert_max_num_queries(len(few)):
        response = client.get(page)
    assert len(points(response.content.decode())) == 40

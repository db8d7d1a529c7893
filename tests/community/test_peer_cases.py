"""Members' published cases show where a civil servant with a problem lands: on the
page of a challenge, a phase, an example and a tool ("Praktijkverhalen van collega's"),
on tag pages and on the home page; the challenge page also lists the colleagues who met
it and welcome questions. Unpublished, hidden and deleted cases show nowhere."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from cocreatie.core import lastknown, pagecache
from community import peer_cases, services
from community.models import Case
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)
from tests.roadmap.factories import ChallengeFactory, ExampleFactory, PhaseFactory, ToolFactory

PAGES = {
    "challenge": "/uitdagingen/draagvlak/",
    "phase": "/roadmap/ontwerpen/",
    "example": "/voorbeelden/buurtkamer/",
    "tool": "/hulpmiddelen/wijkgesprek/",
}


@pytest.fixture
def world(db):
    """Challenge "draagvlak" (tags wijk, jongeren) occurs in phase "ontwerpen"; the
    example "buurtkamer" (phase ontwerpen, tag wijk) and the tool "wijkgesprek" (tag
    jongeren, no phase) are linked to it. "sport" and "uitvoeren" belong to none."""
    phase = PhaseFactory(slug="ontwerpen", title="Samen ontwerpen")
    other_phase = PhaseFactory(slug="uitvoeren", title="Samen uitvoeren")
    challenge = ChallengeFactory(
        slug="draagvlak", title="Weinig draagvlak", tags=["wijk", "jongeren"]
    )
    challenge.phases.add(phase)
    other_challenge = ChallengeFactory(slug="tijd", title="Te weinig tijd")
    example = ExampleFactory(slug="buurtkamer", title="De buurtkamer", tags=["wijk"])
    example.phases.add(phase)
    challenge.examples.add(example)
    tool = ToolFactory(slug="wijkgesprek", title="Het wijkgesprek", tags=["jongeren"])
    challenge.tools.add(tool)
    return SimpleNamespace(
        phase=phase, other_phase=other_phase, challenge=challenge,
        other_challenge=other_challenge, example=example, tool=tool,
    )  # fmt: skip


def case(title, *, challenges=(), phases=(), tags=(), hours_ago=0, **fields):
    fields.setdefault("published_at", timezone.now() - timedelta(hours=hours_ago))
    made = CaseFactory(title=title, tags=list(tags), **fields)
    made.challenges.add(*challenges)
    made.phases.add(*phases)
    return made


def peer_titles(response) -> list[str]:
    """The titles in the page's "Praktijkverhalen van collega's", in order."""
    html = response.content.decode()
    match = re.search(r'id="praktijkverhalen-titel".*?</section>', html, re.S)
    assert match, "the page has no section with colleagues' cases"
    return re.findall(r'class="item-card__title"><a href="[^"]+">([^<]+)</a>', match.group(0))


def list_titles(response) -> list[str]:
    return re.findall(
        r'class="item-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def next_link(response):
    match = re.search(r'href="(\?[^"]*)" rel="next"', response.content.decode())
    return match and match.group(1).replace("&amp;", "&")


def more_link(response):
    match = re.search(
        r'<p class="more-link"><a href="(/community/\?[^"]+)">', response.content.decode()
    )
    return match and match.group(1).replace("&amp;", "&")


def whole_list(client, url) -> list[str]:
    """Every title of the community list at ``url``, following the older-pages links."""
    titles, response = [], client.get(url)
    while True:
        assert response.status_code == 200
        titles += list_titles(response)
        link = next_link(response)
        if not link:
            return titles
        response = client.get("/community/" + link)


# --- Where a case shows ---------------------------------------------------------------


def test_a_case_about_a_challenge_shows_on_every_page_about_it(client, world):
    case("Bewoners aan tafel", challenges=[world.challenge], phases=[world.phase], tags=["wijk"])
    case(
        "Sportpark", challenges=[world.other_challenge], phases=[world.other_phase], tags=["sport"]
    )

    for url in PAGES.values():
        assert peer_titles(client.get(url)) == ["Bewoners aan tafel"], url
    tag_page = client.get("/tags/wijk/").content.decode()
    assert "Bewoners aan tafel" in tag_page
    assert "Sportpark" not in tag_page


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft", "published_at": None},
        {"status": "submitted", "published_at": None},
        {"status": "changes_requested", "published_at": None},
        {"status": "rejected", "published_at": None},
        {"is_hidden": True},
        {"deleted_at": timezone.now()},
    ],
    ids=["draft", "submitted", "changes-requested", "rejected", "hidden", "author-deleted"],
)
def test_an_unpublished_hidden_or_deleted_case_shows_nowhere(client, world, fields):
    author = VerifiedUserFactory()
    author.profile.accepts_questions = True
    author.profile.save()
    made = CaseFactory(title="Niet voor iedereen", author=author, tags=["wijk"], **fields)
    made.challenges.add(world.challenge)
    made.phases.add(world.phase)

    for url in PAGES.values():
        response = client.get(url)
        assert peer_titles(response) == [], url
        assert "Deel je praktijkverhaal" in response.content.decode()  # the empty state
    assert author.profile.display_name not in client.get(PAGES["challenge"]).content.decode()
    assert "Niet voor iedereen" not in client.get("/tags/wijk/").content.decode()
    for query in ("bij_uitdaging=draagvlak", "bij_fase=ontwerpen", "bij_voorbeeld=buurtkamer",
                  "bij_hulpmiddel=wijkgesprek"):  # fmt: skip
        assert list_titles(client.get(f"/community/?{query}")) == []


def test_the_empty_state_invites_the_reader_to_share_their_case(client, world):
    html = client.get(PAGES["tool"]).content.decode()

    assert "Nog geen collega heeft een praktijkverhaal gedeeld bij het hulpmiddel" in html
    assert 'href="/community/verhalen/nieuw/"' in html


# --- Order, limit and "show all" ---------------------------------------------------------


@pytest.fixture
def ranked(world):
    """Cases linked to the world in each way, the newest first within each way."""
    return {
        "challenge-new": case("Uitdaging, nieuw", challenges=[world.challenge], hours_ago=1),
        "challenge-old": case("Uitdaging, oud", challenges=[world.challenge], hours_ago=50),
        "phase": case("Alleen de fase", phases=[world.phase], hours_ago=2),
        "two-tags": case("Twee tags", tags=["wijk", "jongeren"], hours_ago=3),
        "one-tag": case("Een tag", tags=["wijk"], hours_ago=0),
        "unrelated": case("Niets mee te maken", phases=[world.other_phase], tags=["sport"]),
    }


def test_directly_linked_cases_come_first_then_phases_then_shared_tags(client, ranked):
    titles = peer_titles(client.get(PAGES["challenge"]))

    # Within a tier the newest first; among tag-only cases, more shared tags first.
    assert titles == [
        "Uitdaging, nieuw",
        "Uitdaging, oud",
        "Alleen de fase",
        "Twee tags",
        "Een tag",
    ]


def test_on_an_example_page_its_challenges_come_before_its_phases_and_tags(client, ranked):
    html = client.get(PAGES["example"]).content.decode()

    # The example carries one of the two tags: both tag-only cases share one, newest first.
    assert peer_titles(client.get(PAGES["example"])) == [
        "Uitdaging, nieuw", "Uitdaging, oud", "Alleen de fase", "Een tag", "Twee tags",
    ]  # fmt: skip
    assert "Over een uitdaging van dit voorbeeld" in html  # why each case is there
    assert "In een fase van dit voorbeeld" in html
    assert peer_titles(client.get(PAGES["tool"])) == [
        "Uitdaging, nieuw", "Uitdaging, oud", "Twee tags",  # the tool has no phase; tag jongeren
    ]  # fmt: skip
    assert peer_titles(client.get(PAGES["phase"])) == ["Alleen de fase"]


EXPECTED = {
    # Everything linked to the page's item, as the fixtures ``ranked`` and ``many`` make it.
    "challenge": {"challenge-new", "challenge-old", "phase", "two-tags", "one-tag", "many"},
    "phase": {"phase", "many"},
    "example": {"challenge-new", "challenge-old", "phase", "two-tags", "one-tag", "many"},
    "tool": {"challenge-new", "challenge-old", "two-tags", "many"},
}


@pytest.mark.parametrize("page", list(PAGES))
def test_at_most_six_show_and_the_link_lists_exactly_all_related_cases(client, world, ranked, page):
    # 24 more cases about the challenge in the phase, each with two challenges, two
    # phases and two tags the items carry: no link may list a case twice.
    many = [
        case(
            f"Nog een verhaal {n:02d}",
            challenges=[world.challenge, world.other_challenge],
            phases=[world.phase, world.other_phase],
            tags=["wijk", "jongeren"],
            hours_ago=100 + n,
        )
        for n in range(24)
    ]
    expected = {made.title for key, made in ranked.items() if key in EXPECTED[page]}
    expected |= {made.title for made in many}

    response = client.get(PAGES[page])
    shown = peer_titles(response)
    link = more_link(response)

    assert len(shown) == 6
    assert f"Alle {len(expected)} praktijkverhalen bij" in response.content.decode()
    listed = whole_list(client, link)
    assert len(listed) == len(set(listed)), "a case is listed twice"
    assert set(listed) == expected
    assert set(shown) < set(listed)
    assert f"{len(expected)} praktijkverhalen</h2>" in client.get(link).content.decode()


def test_the_related_filter_combines_with_the_other_filters(client, world, ranked):
    ranked["one-tag"].phases.add(world.other_phase)

    response = client.get("/community/?bij_voorbeeld=buurtkamer&fase=uitvoeren")

    assert list_titles(response) == ["Een tag"]
    assert "Je ziet de praktijkverhalen bij het voorbeeld" in response.content.decode()
    # The hidden filter stays in the filter form, so refining keeps it.
    assert 'type="hidden" name="bij_voorbeeld" value="buurtkamer"' in response.content.decode()


def test_a_link_to_an_unknown_item_says_so_and_does_not_filter(client, world, ranked):
    response = client.get("/community/?bij_hulpmiddel=bestaat-niet&tag=wijk")

    assert response.status_code == 200
    assert "We vinden het hulpmiddel uit de link niet (meer)" in response.content.decode()
    assert list_titles(response) == ["Een tag", "Twee tags"]  # only the tag filtered
    assert "2 praktijkverhalen</h2>" in response.content.decode()
    # That count is not kept as the count of the list without filters.
    assert f"{len(ranked)} praktijkverhalen</h2>" in client.get("/community/").content.decode()


# --- Colleagues who met the challenge -----------------------------------------------------


def member(name, *, accepts=True, listed=True, active=True, role="", organisation=None):
    user = VerifiedUserFactory(is_active=active)
    profile = user.profile
    profile.display_name, profile.role, profile.organisation = name, role, organisation
    profile.accepts_questions, profile.is_listed = accepts, listed
    profile.save()
    return user


def colleagues_html(response) -> str:
    match = re.search(r'id="collegas-titel".*?</section>', response.content.decode(), re.S)
    return match.group(0) if match else ""


def test_colleagues_who_met_the_challenge_and_welcome_questions_are_listed(client, world):
    houten = OrganisationFactory(name="Gemeente Houten")
    anna = member("Anna Jansen", role="Wijkregisseur", organisation=houten)
    case("Anna's verhaal", challenges=[world.challenge], author=anna)
    others = {
        "Bram Niet-vragen": member("Bram Niet-vragen", accepts=False),
        "Cor Verborgen-profiel": member("Cor Verborgen-profiel", listed=False),
        "Dirk Inactief": member("Dirk Inactief", active=False),
        "Eva Andere-uitdaging": member("Eva Andere-uitdaging"),
        "Fleur Concept": member("Fleur Concept"),
        "Gijs Verborgen-verhaal": member("Gijs Verborgen-verhaal"),
    }
    for name in ("Bram Niet-vragen", "Cor Verborgen-profiel", "Dirk Inactief"):
        case(f"Verhaal van {name}", challenges=[world.challenge], author=others[name])
    case(
        "Andere uitdaging",
        challenges=[world.other_challenge],
        author=others["Eva Andere-uitdaging"],
    )
    case("Concept", challenges=[world.challenge], author=others["Fleur Concept"], status="draft")
    case("Verborgen", challenges=[world.challenge], author=others["Gijs Verborgen-verhaal"],
         is_hidden=True)  # fmt: skip

    section = colleagues_html(client.get(PAGES["challenge"]))

    assert "Collega's die dit ook meemaakten" in section
    assert "Anna Jansen" in section
    assert "Wijkregisseur, Gemeente Houten" in section
    assert f'href="{anna.profile.get_absolute_url()}"' in section
    ask = reverse("community:question_create", kwargs={"slug": anna.profile.slug})
    assert f'href="{ask}">Stel een vraag' in section
    for name in others:
        assert name not in section


def test_without_such_colleagues_the_list_is_left_out(client, world):
    case("Zonder vragen", challenges=[world.challenge], author=member("Bram", accepts=False))

    response = client.get(PAGES["challenge"])

    assert peer_titles(response) == ["Zonder vragen"]
    assert colleagues_html(response) == ""


def test_at_most_eight_colleagues_those_who_wrote_last_first(client, world):
    for n in range(10):
        case(f"Verhaal {n}", challenges=[world.challenge], author=member(f"Collega {n}"),
             hours_ago=n)  # fmt: skip

    names = re.findall(r"(Collega \d)</a>", colleagues_html(client.get(PAGES["challenge"])))

    assert names == [f"Collega {n}" for n in range(8)]


def test_colleagues_are_found_past_one_who_wrote_many_cases(client, world):
    """Cases are read newest first in batches until eight different authors are found:
    forty recent cases by one member do not hide the colleagues who wrote before."""
    prolific = member("Veelschrijver")
    for n in range(40):
        case(f"Verhaal {n}", challenges=[world.challenge], author=prolific, hours_ago=n)
    for n in range(3):
        case(f"Ouder verhaal {n}", challenges=[world.challenge], author=member(f"Collega {n}"),
             hours_ago=100 + n)  # fmt: skip

    names = re.findall(r">([^<]+)</a>\s*</p>\s*<p class=\"colleague__ask",
                       colleagues_html(client.get(PAGES["challenge"])))  # fmt: skip

    assert names == ["Veelschrijver", "Collega 0", "Collega 1", "Collega 2"]


# --- The last known ranking -------------------------------------------------------------


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


@pytest.mark.django_db(transaction=True)  # committed, as on a live site: versions move
def test_after_a_change_readers_see_the_last_ranking_and_one_task_ranks_again(
    client, settings, world, queued_tasks
):
    """No reader waits for the ranking of every related case: after a change the page
    shows the last ranking, is not kept in the page cache, and one task ranks again."""
    settings.PAGE_CACHE_SECONDS = 300
    case("Eerste verhaal", challenges=[world.challenge], hours_ago=2)
    assert peer_titles(client.get(PAGES["challenge"])) == ["Eerste verhaal"]

    case("Nieuw verhaal", challenges=[world.challenge])
    first, second = client.get(PAGES["challenge"]), client.get(PAGES["challenge"])

    assert peer_titles(first) == peer_titles(second) == ["Eerste verhaal"]
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert [result.task.name for result in queued_tasks.results] == ["work_out"]

    lastknown.work_out.call(*queued_tasks.results[0].args)
    response = client.get(PAGES["challenge"])
    assert peer_titles(response) == ["Nieuw verhaal", "Eerste verhaal"]
    assert response["X-Page-Cache"] == "miss"
    assert client.get(PAGES["challenge"])["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_a_reader_ranks_again_once_the_task_is_late(
    client, settings, world, queued_tasks, monkeypatch
):
    """A site whose task worker is down still settles: when the task has not come in
    time, the next reader ranks, and the page is kept in the cache again."""
    settings.PAGE_CACHE_SECONDS = 300
    case("Eerste verhaal", challenges=[world.challenge], hours_ago=2)
    client.get(PAGES["challenge"])
    case("Nieuw verhaal", challenges=[world.challenge])
    assert peer_titles(client.get(PAGES["challenge"])) == ["Eerste verhaal"]  # task asked

    monkeypatch.setattr(lastknown, "RETRY_SECONDS", 0)  # ... and it is late
    response = client.get(PAGES["challenge"])

    assert peer_titles(response) == ["Nieuw verhaal", "Eerste verhaal"]
    assert response["X-Page-Cache"] == "miss"
    assert [result.task.name for result in queued_tasks.results] == ["work_out"]


@pytest.mark.django_db(transaction=True)
def test_a_case_hidden_after_the_ranking_is_left_out_at_once(client, world, queued_tasks):
    """The last ranking only names cases: they are read again as published, so one a
    moderator hid does not show, even before the task has ranked again."""
    shown = case("Blijft staan", challenges=[world.challenge], hours_ago=2)
    hidden = case("Wordt verborgen", challenges=[world.challenge])
    assert peer_titles(client.get(PAGES["challenge"])) == ["Wordt verborgen", "Blijft staan"]

    services.content_hide(item=hidden, moderator=ModeratorFactory(), reason="Niet passend.")

    assert peer_titles(client.get(PAGES["challenge"])) == [shown.title]
    assert queued_tasks.results  # the ranking is made again


# --- Query counts ---------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_knowledge_pages_need_as_many_queries_for_1_as_for_100_cases(client, world):
    """The section fetches its six cases with their organisation and the total in one
    query (a window count), and the colleagues with their organisation in one more: no
    query per case for its organisation, nor per colleague, nor a count per item."""
    author = member("Anna", organisation=OrganisationFactory())

    def add_cases(n):
        for number in range(n):
            made = case(
                f"Verhaal {number}",
                challenges=[world.challenge],
                phases=[world.phase],
                tags=["wijk", "jongeren"],
                author=author if number % 2 else member(f"Collega {number}"),
                organisation=OrganisationFactory(),
            )
            CommentFactory(case=made)

    add_cases(1)
    for url in PAGES.values():
        client.get(url)  # content types and other per-process caches filled
    one = {page: count_queries(client, url) for page, url in PAGES.items()}

    add_cases(99)
    hundred = {page: count_queries(client, url) for page, url in PAGES.items()}

    assert hundred == one
    for page, queries in one.items():
        assert queries <= 16, f"{page} needs {queries} queries"


# --- The page cache -------------------------------------------------------------------


def test_knowledge_pages_depend_on_what_changes_about_cases():
    assert "cases" in pagecache.page_scopes(PAGES["challenge"])
    assert "cases" in pagecache.page_scopes(PAGES["tool"])


@pytest.mark.django_db(transaction=True)
def test_a_cached_challenge_page_shows_a_newly_published_case_and_colleague(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    challenge = ChallengeFactory(slug="draagvlak", title="Weinig draagvlak")
    author = member("Anna Jansen")
    submitted = CaseFactory(
        title="Bewoners aan tafel", author=author, status="submitted", published_at=None
    )
    submitted.challenges.add(challenge)
    url = challenge.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    moderator = ModeratorFactory()
    services.case_decide(
        case=submitted, moderator=moderator, decision="publish", message="Mooi verhaal."
    )

    # The first reader after the change gets the last ranking of the related cases on a
    # page that is not kept, while a task (here run at once) ranks again; the colleagues
    # are read at once.
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert peer_titles(response) == []
    assert "Anna Jansen" in colleagues_html(response)  # accepts questions
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert peer_titles(response) == ["Bewoners aan tafel"]

    # A comment shows on the case only: the knowledge page stays cached.
    CommentFactory(case=submitted, author=moderator)
    assert client.get(url)["X-Page-Cache"] == "hit"

    # The author no longer welcomes questions: the colleague list follows at once.
    services.profile_update(profile=author.profile, accepts_questions=False)
    response = client.get(url)
    assert response.get("X-Page-Cache") != "hit"
    assert colleagues_html(response) == ""
    assert peer_titles(response) == ["Bewoners aan tafel"]


# --- Tag pages and the home page (their own lists) --------------------------------------


def test_a_tag_page_lists_the_published_cases_with_that_tag(client, world):
    case("Getagd en gepubliceerd", tags=["wijk"])
    case("Getagd maar verborgen", tags=["wijk"], is_hidden=True)
    case("Getagd concept", tags=["wijk"], status="draft", published_at=None)

    html = client.get("/tags/wijk/").content.decode()

    assert "Praktijkverhalen" in html
    assert "Getagd en gepubliceerd" in html
    assert "Getagd maar verborgen" not in html
    assert "Getagd concept" not in html


def test_the_home_page_shows_featured_and_recent_published_cases(client, db):
    case("Uitgelicht verhaal", is_featured=True, hours_ago=30)
    case("Recent verhaal", hours_ago=1)
    case("Verborgen verhaal", is_hidden=True)
    case("Concept", status="draft", published_at=None)

    html = client.get("/").content.decode()

    assert "Uitgelicht verhaal" in html
    assert "Recent verhaal" in html
    assert "Verborgen verhaal" not in html
    assert ">Concept<" not in html
    assert Case.objects.count() == 4


def test_a_ranking_asked_for_an_item_deleted_meanwhile_is_empty(world):
    """The task may run after the item is gone: it stores an empty ranking, no error."""
    label, pk = world.tool._meta.label, world.tool.pk
    world.tool.delete()

    assert peer_cases.ranked_peer_cases(label, pk) == ([], 0)

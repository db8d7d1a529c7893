"""Dutch at the plain addresses, English under /en/: the switch, the remembered choice,
cached copies per language, and dates in each language's own form."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from tests.html import PageOutline
from tests.roadmap.factories import ToolFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def html_lang(response) -> str:
    return PageOutline(response.content.decode()).find_all("html")[0]["lang"]


@pytest.mark.django_db
def test_dutch_is_at_the_plain_address_and_english_under_en(client):
    dutch, english = client.get("/sessies/"), client.get("/en/sessies/")

    assert (dutch.status_code, english.status_code) == (200, 200)
    assert (dutch["Content-Language"], html_lang(dutch)) == ("nl", "nl")
    assert (english["Content-Language"], html_lang(english)) == ("en", "en")


@pytest.mark.django_db
def test_every_page_names_its_other_language_for_search_engines(client, settings):
    page = PageOutline(client.get("/zoeken/?q=wijk").content.decode())

    alternates = {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    assert alternates == {
        "nl": f"{settings.SITE_URL}/zoeken/?q=wijk",
        "en": f"{settings.SITE_URL}/en/zoeken/?q=wijk",
        "x-default": f"{settings.SITE_URL}/zoeken/?q=wijk",
    }


@pytest.mark.django_db
def test_the_switch_keeps_the_choice_and_shows_the_same_page(client, settings):
    response = client.get("/taal/", {"taal": "en", "volgende": "/zoeken/?q=wijk"})

    assert response.status_code == 302
    assert response["Location"] == "/en/zoeken/?q=wijk"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"

    back = client.get("/taal/", {"taal": "nl", "volgende": "/en/sessies/"})
    assert back["Location"] == "/sessies/"
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://elders.example/", "//elders.example/pad"])
def test_the_switch_never_sends_anyone_to_another_site(client, target):
    response = client.get("/taal/", {"taal": "en", "volgende": target})

    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client, settings):
    response = client.get("/taal/", {"taal": "fr", "volgende": "/sessies/"})

    assert response["Location"] == "/sessies/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_someone_who_chose_english_follows_a_dutch_link_to_the_english_page(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/sessies/", {"pagina": "2"})
    assert response.status_code == 302
    assert response["Location"] == "/en/sessies/?pagina=2"
    assert "Cookie" in response["Vary"] and response["Cache-Control"] == "private"
    # Addresses that exist in one language only, and forms being sent, are left alone.
    assert client.get("/healthz").status_code == 200
    assert client.post("/sessies/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_each_language_has_its_own_cached_copy(client, settings):
    settings.PAGE_CACHE_SECONDS = 300

    first_dutch, first_english = client.get("/uitdagingen/"), client.get("/en/uitdagingen/")
    dutch, english = client.get("/uitdagingen/"), client.get("/en/uitdagingen/")

    assert (first_dutch["X-Page-Cache"], first_english["X-Page-Cache"]) == ("miss", "miss")
    assert (dutch["X-Page-Cache"], english["X-Page-Cache"]) == ("hit", "hit")
    assert (html_lang(dutch), html_lang(english)) == ("nl", "en")
    # A page that is never cached is not cached under /en/ either.
    assert "X-Page-Cache" not in client.get("/en/account/login/")


def test_moments_for_machines_are_iso_8601_in_whole_seconds():
    moment = datetime(2026, 12, 1, 19, 28, 15, 997889, tzinfo=ZoneInfo("UTC"))

    rendered = Template("{{ moment|iso }} {{ day|iso }}").render(
        Context({"moment": moment, "day": moment.date()})
    )

    assert rendered == "2026-12-01T20:28:15+01:00 2026-12-01"
    assert datetime.fromisoformat(rendered.split()[0]) == moment.replace(microsecond=0)


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("nl", "DATETIME_FORMAT", "1 december 2026 om 13.30 uur"),
        ("nl", "WEEKDAY_DATE_FORMAT", "dinsdag 1 december 2026"),
        ("nl", "TIME_FORMAT", "13.30 uur"),
        ("en", "DATETIME_FORMAT", "1 December 2026 at 13:30"),
        ("en", "WEEKDAY_DATE_FORMAT", "Tuesday 1 December 2026"),
    ],
)
def test_dates_read_as_each_language_writes_them(language, name, expected):
    moment = datetime(2026, 12, 1, 13, 30, tzinfo=AMSTERDAM)

    with translation.override(language):
        assert formats.date_format(moment, name) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "greeting"), [("", "Dit is een bericht van Cocreatie"), ("/en", "Cocreatie")]
)
def test_the_confirmation_mail_names_the_site_and_its_address_never_the_host(
    client, settings, mailoutbox, prefix, greeting
):
    password = "Wijkbudget-in-Houten-2026"
    client.post(
        f"{prefix}/account/signup/",
        {"email": "nieuw@gemeente.example", "password1": password, "password2": password},
        headers={"host": "127.0.0.1:8301"},
    )

    (mail,) = mailoutbox
    assert greeting in mail.body and settings.SITE_URL in mail.body
    assert "127.0.0.1:8301" not in mail.body and "127.0.0.1:8301" not in mail.subject
    assert f"{settings.SITE_URL}{prefix}/account/confirm-email/" in mail.body


@pytest.mark.django_db
def test_the_sitemap_lists_each_page_in_both_languages_with_its_alternates(client):
    tool = ToolFactory(title="Stakeholderkaart")
    xml = client.get("/sitemap.xml").content.decode()

    path = tool.get_absolute_url()
    assert f"<loc>http://testserver{path}</loc>" in xml
    assert f"<loc>http://testserver/en{path}</loc>" in xml
    assert f'hreflang="en" href="http://testserver/en{path}"' in xml
    assert f'hreflang="x-default" href="http://testserver{path}"' in xml


@pytest.mark.django_db
def test_english_pages_say_that_the_content_is_dutch_and_mark_it_so(client):
    tool = ToolFactory(title="Stakeholderkaart", body="Een kaart van wie er meedoet.")

    path = tool.get_absolute_url()
    english = client.get(f"/en{path}").content.decode()
    dutch = client.get(path).content.decode()

    assert "This content is available in Dutch" in english
    assert "This content is available in Dutch" not in dutch
    assert "De inhoud van deze site is in het Nederlands" not in dutch
    assert PageOutline(english).find_all("div", **{"class": "prose", "lang": "nl"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "1 december 2026 om 13.30 uur"), ("/en", "1 December 2026 at 13:30")],
)
def test_a_comment_says_when_it_was_posted_as_the_language_writes_it(client, prefix, expected):
    from tests.community.factories import CaseFactory, CommentFactory

    case = CaseFactory()
    comment = CommentFactory(case=case)
    posted = datetime(2026, 12, 1, 13, 30, tzinfo=AMSTERDAM)
    type(comment).objects.filter(pk=comment.pk).update(created_at=posted)

    page = client.get(f"{prefix}{case.get_absolute_url()}").content.decode()

    assert f'<time datetime="2026-12-01T13:30:00+01:00">{expected}</time>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_header_log_in_link_brings_you_back_except_from_home_and_account_pages(client, prefix):
    assert f'href="{prefix}/account/login/"' in client.get(f"{prefix}/account/signup/").text
    assert f'href="{prefix}/account/login/"' in client.get(f"{prefix}/").text
    back = f'href="{prefix}/account/login/?next={prefix}/sessies/"'
    assert back in client.get(f"{prefix}/sessies/").text

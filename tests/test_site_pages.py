from datetime import datetime, timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from tests.html import PageOutline, assert_base_layout

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("home", "Samen publieke diensten maken"),
        ("privacy", "Privacyverklaring"),
        ("accessibility", "Toegankelijkheidsverklaring"),
        ("contact", "Contact"),
    ],
)
def test_site_page_renders_in_the_base_layout(client, url_name, heading):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert_base_layout(response.content.decode())
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize("url_name", ["privacy", "accessibility", "contact"])
def test_inner_pages_show_breadcrumbs_back_home(client, url_name):
    page = PageOutline(client.get(reverse(url_name)).content.decode())

    assert page.find_all("nav", **{"aria-label": "Kruimelpad"})
    assert page.find_all("span", **{"aria-current": "page"})
    assert "/" in page.links()


def test_home_has_no_breadcrumbs(client):
    page = PageOutline(client.get("/").content.decode())

    assert not page.find_all("nav", **{"aria-label": "Kruimelpad"})


def test_contact_pages_show_the_contact_address(client, settings):
    settings.CONTACT_EMAIL = "team@cocreatie.example"

    for url_name in ("contact", "privacy", "accessibility"):
        page = PageOutline(client.get(reverse(url_name)).content.decode())
        assert "mailto:team@cocreatie.example" in page.links()


def test_unknown_address_gets_the_friendly_404_page(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert_base_layout(response.content.decode())
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_500_page_renders_in_the_base_layout_without_request_context():
    # Django renders 500.html without context processors; the layout must survive that.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert_base_layout(response.content.decode())
    assert "Er ging iets mis" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /beheer/" in lines


def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_EMAIL = "security@cocreatie.example"
    settings.SITE_URL = "https://cocreatie.example"

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"] == "mailto:security@cocreatie.example"
    assert fields["Canonical"] == "https://cocreatie.example/.well-known/security.txt"
    expires = datetime.fromisoformat(fields["Expires"])
    # RFC 9116: in the future, and less than a year ahead.
    assert timezone.now() < expires < timezone.now() + timedelta(days=365)


def test_health_check_reports_a_reachable_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_check_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_a_form_without_its_security_token_gets_a_plain_dutch_explanation():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/contact/", {"name": "X"})

    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()
    assert_base_layout(response.content.decode())


def test_the_accessibility_statement_follows_the_official_model(client, settings):
    settings.CONTACT_EMAIL = "team@cocreatie.example"
    response = client.get(reverse("accessibility"))
    html = response.content.decode()
    page = PageOutline(html)

    # Its status, when it was drawn up and last checked, as machine-readable dates.
    assert "Nalevingsstatus" in html and "C: eerste maatregelen genomen" in html
    dates = [found["datetime"] for found in page.find_all("time")]
    assert len(dates) == 2 and all(len(value) == 10 for value in dates)
    # How to report a barrier, and how fast an answer comes.
    assert "mailto:team@cocreatie.example" in page.links() and reverse("contact") in page.links()
    assert "We reageren binnen 5 werkdagen" in html
    assert "Nationale ombudsman" in html

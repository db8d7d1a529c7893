"""The API's HTTP behaviour (REST API Design Rules): problem+json errors, the
API-Version header, CORS, conditional GET, the rate limit and paging links; and its
reference page."""

import pytest

from tests.plain_language import page_jargon
from tests.roadmap.factories import PhaseFactory

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["instance"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/phases/bestaat-niet",
        "/api/v1/bestaat-niet",
        "/api/v1/phases/",
        "/api/v1/sessions/0",
    ],
)
def test_not_found_is_a_problem(client, db, path):
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("query", "name"),
    [("page=een", "page"), ("page=0", "page"), ("page_size=101", "page_size"),
     ("page_size=0", "page_size"), ("page=99", "page")],
)  # fmt: skip
def test_a_bad_paging_parameter_is_a_problem(client, db, query, name):
    PhaseFactory()
    body = assert_problem(client.get(f"/api/v1/phases?{query}"), 400)

    assert [param["name"] for param in body["invalidParams"]] == [name]
    assert all(param["reason"] for param in body["invalidParams"])


def test_writing_is_not_allowed(client, db):
    response = client.post("/api/v1/phases")

    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_every_answer_has_the_version_and_cors_headers(client, db):
    for response in (client.get("/api/v1/phases"), client.get("/api/v1/phases/niets")):
        assert response["API-Version"] == "1.0.0"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert "API-Version" in response["Access-Control-Expose-Headers"]


def test_head_is_answered_like_get_without_the_body(client, db):
    PhaseFactory()
    response = client.head("/api/v1/phases")

    assert response.status_code == 200
    assert response.content == b""
    assert int(response["Content-Length"]) > 0
    assert response["ETag"] == client.get("/api/v1/phases")["ETag"]


def test_a_preflight_is_answered(client, db):
    response = client.options(
        "/api/v1/phases",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response


def test_the_same_answer_again_is_not_modified(client, db):
    PhaseFactory()
    first = client.get("/api/v1/phases")
    etag = first["ETag"]

    again = client.get("/api/v1/phases", headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    PhaseFactory()
    changed = client.get("/api/v1/phases", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_too_many_requests_get_429_with_retry_after(client, db, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_PERIOD = 60
    for _ in range(3):
        assert client.get("/api/v1/tags").status_code == 200

    response = client.get("/api/v1/tags")

    assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["API-Version"] == "1.0.0"


def test_pages_link_to_each_other(client, db, settings):
    for _ in range(5):
        PhaseFactory()

    response = client.get("/api/v1/phases?page=2&page_size=2")
    body = response.json()

    assert body["count"] == 5 and body["page"] == 2 and len(body["results"]) == 2
    site = settings.SITE_URL
    assert body["links"]["next"] == f"{site}/api/v1/phases?page=3&page_size=2"
    assert body["links"]["prev"] == f"{site}/api/v1/phases?page=1&page_size=2"
    assert body["links"]["last"] == f"{site}/api/v1/phases?page=3&page_size=2"
    assert f'<{site}/api/v1/phases?page=3&page_size=2>; rel="next"' in response["Link"]
    last = client.get("/api/v1/phases?page=3&page_size=2").json()
    assert last["links"]["next"] is None and len(last["results"]) == 1


def test_answers_are_json_in_dutch_whatever_the_language_cookie(client, db):
    client.cookies["django_language"] = "en"
    response = client.get("/api/v1/phases/niets")

    assert response.status_code == 404  # not sent to an English address
    assert response.json()["title"] == "Niet gevonden"


def test_the_reference_page_is_a_page_of_the_site(client, db):
    response = client.get("/open-data/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html.split("</main>")[0].split("<main")[1]
    for text in ("/api/v1/phases", "/api/v1/cases/{slug}", "application/problem+json",
                 "/api/v1/openapi.json", 'id="schema-Case"', "page_size"):  # fmt: skip
        assert text in html
    assert page_jargon(html) == []
    assert client.get("/en/open-data/").status_code == 200

"""The OpenAPI document is valid, and every endpoint answers as the document says."""

import pytest
from openapi_spec_validator import validate

from tests.api.conftest import ENDPOINTS, response_schema, validator


def test_the_document_is_valid_openapi(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"
    validate(document)


def test_every_endpoint_is_in_the_document(openapi):
    documented = set(openapi["paths"])
    for list_path, detail_path, _ in ENDPOINTS:
        assert list_path in documented
        assert any(path.startswith(f"{list_path}/{{") for path in documented), detail_path


def _document_path(openapi, detail_path: str) -> str:
    prefix = detail_path.removesuffix("{}")
    return next(
        path
        for path in openapi["paths"]
        if path.startswith(prefix) and path.endswith("}") and "/" not in path[len(prefix) :]
    )


@pytest.mark.parametrize(("list_path", "detail_path", "key"), ENDPOINTS)
def test_answers_match_their_schema(client, world, openapi, list_path, detail_path, key):
    listed = client.get(list_path)
    assert listed.status_code == 200, listed.content
    assert listed["Content-Type"].startswith("application/json")
    body = listed.json()
    assert body["count"] >= 1 and body["results"], "the list has data"
    validator(openapi, response_schema(openapi, list_path)).validate(body)

    detail = client.get(detail_path.format(world[key]))
    assert detail.status_code == 200, detail.content
    schema = response_schema(openapi, _document_path(openapi, detail_path))
    validator(openapi, schema).validate(detail.json())


def test_a_wrong_answer_would_not_pass(openapi):
    """The check above has teeth: a field of the wrong type fails it."""
    import jsonschema

    checker = validator(openapi, response_schema(openapi, "/api/v1/tags"))
    wrong = {"count": "een", "page": 1, "page_size": 20, "links": {}, "results": []}
    with pytest.raises(jsonschema.ValidationError):
        checker.validate(wrong)


def test_the_document_names_the_version_header_and_problem_errors(openapi):
    for path, operations in openapi["paths"].items():
        for status, answer in operations["get"]["responses"].items():
            assert "API-Version" in answer["headers"], (path, status)
            if int(status) >= 400:
                assert list(answer["content"]) == ["application/problem+json"], (path, status)

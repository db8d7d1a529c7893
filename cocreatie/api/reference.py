"""The API's reference page: the OpenAPI document rendered in the site's own layout,
without script and without anything from another site. The texts of the document are
Dutch, in every language of the page."""

from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cocreatie.api import VERSION
from cocreatie.api.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from cocreatie.core.views import BreadcrumbsMixin

REF = "#/components/schemas/"
# What an answer's status means, and the heading of each group of endpoints.
STATUSES = {
    "200": gettext_lazy("Gelukt"),
    "400": gettext_lazy("Een parameter klopt niet"),
    "404": gettext_lazy("Niet gevonden, of niet openbaar"),
    "429": gettext_lazy("Te veel vragen: wacht even"),
}
GROUPS = {
    "phases": gettext_lazy("Fasen"),
    "challenges": gettext_lazy("Uitdagingen"),
    "examples": gettext_lazy("Voorbeelden"),
    "tools": gettext_lazy("Hulpmiddelen"),
    "themes": gettext_lazy("Thema's"),
    "articles": gettext_lazy("Artikelen"),
    "tags": gettext_lazy("Tags"),
    "cases": gettext_lazy("Praktijkverhalen"),
    "sessions": gettext_lazy("Online sessies"),
}


def type_of(schema: dict) -> dict:
    """A field's type as the page shows it: the words, and the schema it links to."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF)
        return {"text": name, "link": name}
    if "anyOf" in schema:
        kinds = [type_of(option) for option in schema["anyOf"]]
        linked = next((kind["link"] for kind in kinds if kind.get("link")), None)
        return {"text": " | ".join(kind["text"] for kind in kinds), "link": linked}
    kind = schema.get("type", "object")
    if kind == "array":
        inner = type_of(schema.get("items", {}))
        return {"text": f"array[{inner['text']}]", "link": inner.get("link")}
    if schema.get("format"):
        return {"text": f"{kind} ({schema['format']})", "link": None}
    return {"text": kind, "link": None}


def fields_of(schema: dict) -> list[dict]:
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": type_of(field),
            "required": name in required,
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


@cache
def reference() -> dict:
    """What the page shows, made once per process from the document."""
    from cocreatie.api.v1 import api

    document = api.get_openapi_schema()
    components = document.get("components", {}).get("schemas", {})
    groups: dict[str, list] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                media_type, body = next(iter(content.items()), ("", {}))
                answers.append(
                    {
                        "status": status,
                        "meaning": STATUSES.get(status, ""),
                        "media_type": media_type,
                        "type": type_of(body.get("schema", {})) if body else None,
                    }
                )
            groups.setdefault(operation.get("tags", ["api"])[0], []).append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "default": parameter.get("schema", {}).get("default"),
                            "type": type_of(parameter.get("schema", {})),
                            "description": parameter.get("description")
                            or parameter.get("schema", {}).get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "answers": answers,
                }
            )
    return {
        "info": document["info"],
        "groups": [
            {"name": name, "label": GROUPS.get(name, name), "operations": operations}
            for name, operations in groups.items()
        ],
        "schemas": [
            {
                "name": name,
                "description": schema.get("description", ""),
                "fields": fields_of(schema),
            }
            for name, schema in sorted(components.items())
        ],
    }


class ApiReferenceView(BreadcrumbsMixin, TemplateView):
    template_name = "pages/api_reference.html"
    breadcrumb_label = gettext_lazy("Open data")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reference=reference(),
            version=VERSION,
            base_url=f"{settings.SITE_URL.rstrip('/')}/api/v1",
            openapi_url=reverse("api:openapi-json"),
            default_page_size=DEFAULT_PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
            rate_limit=settings.API_RATE_LIMIT,
            rate_period=settings.API_RATE_PERIOD,
            **kwargs,
        )

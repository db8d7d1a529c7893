"""Errors as ``application/problem+json`` (RFC 9457), the way the Dutch government's REST
API Design Rules ask for them: ``type``, ``title``, ``status``, ``detail``, ``instance``
and, for a bad parameter, ``invalidParams`` with the name and the reason."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raised by an endpoint: answered as a problem document with this status."""

    def __init__(self, status: int, detail: str, *, invalid_params: list[dict] | None = None):
        self.status = status
        self.detail = detail
        self.invalid_params = invalid_params or []
        super().__init__(status, detail)


def titles() -> dict[int, str]:
    return {
        400: _("De vraag klopt niet"),
        404: _("Niet gevonden"),
        405: _("Deze methode kan hier niet"),
        429: _("Te veel vragen"),
        500: _("Er ging iets mis"),
    }


def problem_response(
    request, status: int, detail: str, *, invalid_params: list[dict] | None = None
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": titles().get(status, _("Er ging iets mis")),
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=MEDIA_TYPE
    )


def _reason(error: dict) -> str:
    limits = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "int_parsing":
        return _("Dit moet een heel getal zijn, zoals 2.")
    if kind == "greater_than_equal":
        return _("Dit moet %(limit)s of meer zijn.") % {"limit": limits.get("ge")}
    if kind == "less_than_equal":
        return _("Dit mag niet meer zijn dan %(limit)s.") % {"limit": limits.get("le")}
    return _("Deze waarde kan niet.")


def invalid_params_of(errors: list[dict]) -> list[dict]:
    """The parameters named in django-ninja's validation errors, with the reason."""
    found = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        found.append({"name": ".".join(location) or "?", "reason": _reason(error)})
    return found

"""What every answer under /api/ has, whichever endpoint (or none) gives it.

- ``API-Version`` (REST API Design Rules, API-57) and CORS for reading from any origin,
  without credentials; a preflight (OPTIONS) is answered here.
- The rate limit per address (``cocreatie.core.ratelimit``), counted before the page
  cache so that cached answers count too: past the limit, 429 with ``Retry-After``.
- Errors as ``application/problem+json``, also those no endpoint gave (an unknown
  address, a method that is not allowed).
- Always in the site's language: the API has no language in its address.

It sits outside the page cache and inside ``ConditionalGetMiddleware``, which gives each
answer its ETag and answers a matching ``If-None-Match`` with 304.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import set_response_etag
from django.utils.translation import gettext as _

from cocreatie.api import VERSION
from cocreatie.api.problems import MEDIA_TYPE, problem_response
from cocreatie.core import ratelimit

PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
EXPOSED_HEADERS = "API-Version, ETag, Link, Retry-After"
# Browsers may keep a preflight's answer this many seconds.
PREFLIGHT_MAX_AGE = 86400


def _error_detail(status: int) -> str:
    if status == 404:
        return _("Dit adres bestaat niet in de API. Kijk in de documentatie welke er zijn.")
    if status == 405:
        return _("De API kan alleen lezen: gebruik GET.")
    return _("Er ging iets mis. Probeer het later nog eens.")


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        with translation.override(settings.LANGUAGE_CODE):
            response = self.answer(request)
        response["API-Version"] = VERSION
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    def answer(self, request):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED_METHODS
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            return response
        period = settings.API_RATE_PERIOD
        if settings.API_RATE_LIMIT and not ratelimit.hit(
            request, "api", limit=settings.API_RATE_LIMIT, period=period
        ):
            wait = ratelimit.seconds_left(period)
            response = problem_response(
                request,
                429,
                _(
                    "Je hebt te veel vragen gestuurd. Wacht %(seconds)s seconden en "
                    "probeer het dan opnieuw."
                )
                % {"seconds": wait},
            )
            response["Retry-After"] = str(wait)
            return response
        head = request.method == "HEAD"
        if head:  # answered as GET, without the body
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
            if response.status_code == 200:
                set_response_etag(response)  # the one a GET gets, made from the body
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            MEDIA_TYPE
        ):
            problem = problem_response(
                request, response.status_code, _error_detail(response.status_code)
            )
            if response.has_header("Allow"):
                problem["Allow"] = response["Allow"]
            response = problem
        if response.status_code == 200:
            # Any copy is checked with the ETag before it is used again.
            response.setdefault("Cache-Control", "public, max-age=0, must-revalidate")
        return response

"""Page-number paging with links (REST API Design Rules: first, prev, next, last), in
the body and as an RFC 8288 ``Link`` header. A page holds at most ``MAX_PAGE_SIZE`` items;
a page number past the last page is a bad parameter (400)."""

from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Field, Schema

from cocreatie.api.problems import Problem

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Het nummer van de pagina, vanaf 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Hoeveel items op een pagina staan: 1 tot en met {MAX_PAGE_SIZE}.",
    )


class PageLinks(Schema):
    self: str = Field(description="Het adres van deze pagina.")
    first: str = Field(description="De eerste pagina.")
    prev: str | None = Field(description="De vorige pagina, of null op de eerste.")
    next: str | None = Field(description="De volgende pagina, of null op de laatste.")
    last: str = Field(description="De laatste pagina.")


def _page_url(request, number: int, size: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    query["page_size"] = size
    # The site's own address, not the request's host: the answer is kept in the shared
    # cache under its path alone.
    return f"{settings.SITE_URL.rstrip('/')}{request.path}?{urlencode(sorted(query.items()))}"


def paginate(request, response, queryset, params: PageParams, *, serialize) -> dict:
    """The page ``params`` asks for of ``queryset`` (ordered), its items made into dicts
    with ``serialize``: one query for the count, one for the items (plus the prefetches)."""
    count = queryset.count()
    size = params.page_size
    last = max((count + size - 1) // size, 1)
    if params.page > last:
        raise Problem(
            400,
            _("Pagina %(page)s bestaat niet: de laatste pagina is %(last)s.")
            % {"page": params.page, "last": last},
            invalid_params=[
                {
                    "name": "page",
                    "reason": _("Kies een getal van 1 tot en met %(last)s.") % {"last": last},
                }
            ],
        )
    start = (params.page - 1) * size
    items = [serialize(item) for item in queryset[start : start + size]]
    links = {
        "self": _page_url(request, params.page, size),
        "first": _page_url(request, 1, size),
        "prev": _page_url(request, params.page - 1, size) if params.page > 1 else None,
        "next": _page_url(request, params.page + 1, size) if params.page < last else None,
        "last": _page_url(request, last, size),
    }
    response["Link"] = ", ".join(
        f'<{url}>; rel="{rel}"' for rel, url in links.items() if url and rel != "self"
    )
    return {"count": count, "page": params.page, "page_size": size, "links": links,
            "results": items}  # fmt: skip

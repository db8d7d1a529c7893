"""Addresses and views only the benchmark needs (``make bench``)."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse

from community import pagination
from community.models import Case


def case_list_page_url(number: int) -> str:
    """The address of page ``number`` of the unfiltered case list: found once with an
    OFFSET, then served by cursor like every other page."""
    if number <= 1:
        return reverse("community:case_list")
    cases = Case.objects.published().order_by("-published_at", "-pk")
    last_of_previous = cases[(number - 1) * pagination.PAGE_SIZE - 1]
    query = urlencode({pagination.AFTER: pagination.encode(last_of_previous)})
    return f"{reverse('community:case_list')}?{query}"


def ping(request):
    """A minimal view: no database, no template. The framework's ceiling on this
    machine, for the benchmark's comparison."""
    return HttpResponse("pong", content_type="text/plain")

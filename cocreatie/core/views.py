"""View mixins every app uses: breadcrumbs, the filter query string, and forms that
anyone may send (a honeypot and a rate limit per address)."""

import logging

from django.http import QueryDict
from django.urls import reverse

from cocreatie.core import ratelimit

logger = logging.getLogger(__name__)


class FilterQueryMixin:
    """Adds ``filter_query``: the current filters as a query string without empty values
    or the page number, for page links that keep the chosen filters."""

    def get_context_data(self, **kwargs):
        query = QueryDict(mutable=True)
        for key, values in self.request.GET.lists():
            if key not in ("page", "na", "voor") and any(values):
                query.setlist(key, [value for value in values if value])
        return super().get_context_data(filter_query=query.urlencode(), **kwargs)


class BreadcrumbsMixin:
    """Adds ``breadcrumbs``: a list of (label, url) pairs, home first, current page last.

    The last pair is the current page; its url is not rendered as a link.
    """

    breadcrumb_label = None

    def get_breadcrumbs(self):
        return [(self.breadcrumb_label, None)] if self.breadcrumb_label else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trail = self.get_breadcrumbs()
        context["breadcrumbs"] = [("Home", reverse("home")), *trail] if trail else []
        return context


class PublicFormMixin:
    """For a ``FormView`` anyone may send (contact, session registration).

    At most ``rate_limit`` accepted forms per ``rate_period`` seconds from one address:
    beyond that the form comes back with ``rate_limit_message`` and status 429. A form
    whose honeypot is filled (``form.is_spam``) gets the same answer as a real one, but
    nothing is done. Subclasses implement ``form_accepted(form)``, which does the work,
    and ``form_done(form)``, the response both kinds of sender get.
    """

    rate_scope = ""
    rate_limit = 10
    rate_period = 60 * 60
    rate_limit_message = ""

    def form_valid(self, form):
        if not ratelimit.hit(
            self.request, self.rate_scope, limit=self.rate_limit, period=self.rate_period
        ):
            form.add_error(None, self.get_rate_limit_message())
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if form.is_spam:
            logger.info("Honeypot filled on %s; nothing done.", self.rate_scope)
        else:
            response = self.form_accepted(form)
            if response is not None:  # the work was refused: the form came back
                return response
        return self.form_done(form)

    def get_rate_limit_message(self):
        return self.rate_limit_message

    def form_accepted(self, form):
        """Do the work; return a response only when the form has to come back."""
        raise NotImplementedError

    def form_done(self, form):
        raise NotImplementedError

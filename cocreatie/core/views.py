"""View mixins every app uses: breadcrumbs, the filter query string, and forms that
anyone may send (a honeypot and a rate limit per address)."""

import logging

from django.contrib import messages
from django.core.cache import cache
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
        context["breadcrumbs"] = [(_("Home"), reverse("home")), *trail] if trail else []
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


class NearestPageMixin:
    """For a paged ``ListView``: a page number that is not one (too high, not a number)
    shows the nearest page, never an error page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class OnceOnlyMixin:
    """For views whose form (a ``OnceForm``) creates something: when the same form token
    arrives a second time, nothing is created and the visitor goes where the first one
    went (a double click, a reload after a slow answer)."""

    once_timeout = 24 * 60 * 60
    once_message = gettext_lazy("Dit had je al verstuurd. Het staat er één keer.")

    def create_once(self, form, make, *, fallback: str, url=None):
        """``make()`` creates and returns the item, once per form token. Returns
        ``(item, None)`` the first time and ``(None, redirect)`` for a repeat, which goes
        to ``url(item)`` (default: the item's ``get_absolute_url()``)."""
        token = form.cleaned_data.get("form_token")
        key = f"once:{self.request.user.pk or 0}:{token}" if token else None
        if key is not None and not cache.add(key, "", timeout=self.once_timeout):
            messages.info(self.request, self.once_message)
            return None, redirect(cache.get(key) or fallback)  # "": still being made
        try:
            item = make()
        except Exception:
            if key is not None:  # nothing was made: the same form may be sent again
                cache.delete(key)
            raise
        if key is not None:
            where = url(item) if url else item.get_absolute_url()
            cache.set(key, where, timeout=self.once_timeout)
        return item, None

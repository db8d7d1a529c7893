"""The unsubscribe link of notification mails and the weekly digest.

It works without logging in: the signed token in the address says who and what
(``cocreatie.core.notifications.unsubscribe_token``). A GET only shows what the link
switches off, with one button: link scanners and mail previews open links, and must
never unsubscribe anyone. The POST switches it off. That POST is also RFC 8058's
one-click unsubscribe, which the recipient's mail provider sends itself (body
``List-Unsubscribe=One-Click``, no cookie), so it is exempt from the CSRF check: the
token is the authorisation. Nothing here is ever cached.
"""

import logging

from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cocreatie.core import notifications
from cocreatie.core.models import Notification, NotificationSettings

logger = logging.getLogger(__name__)

INVALID_TEMPLATE = "community/unsubscribe_invalid.html"


def _what(user, kind: str) -> tuple[str, bool]:
    """What the link switches off, as a Dutch sentence, and whether it is off already.
    Only reads: a member without preferences has the defaults."""
    row = NotificationSettings.objects.filter(user=user).first()
    if kind == notifications.DIGEST:
        weekly = [
            k for k in notifications.kinds()
            if notifications.delivery(row, k.key) == Notification.Delivery.DIGEST
        ]  # fmt: skip
        return (
            _(
                "Je krijgt dan geen wekelijkse samenvatting meer. Wat erin zou staan, zie je "
                "nog wel bij Meldingen op de site."
            ),
            not weekly,
        )
    registered = notifications.get_kind(kind)
    if registered is not None:
        off = notifications.delivery(row, kind) == Notification.Delivery.SITE
        return (
            _(
                "Je krijgt dan geen mail meer over: %(kind)s. Je ziet deze meldingen nog wel "
                "bij Meldingen op de site."
            )
            % {"kind": registered.label.lower()},
            off,
        )
    # Something else an app registered (such as relayed questions): its own words.
    return notifications.unsubscribe_description(kind), False


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    def dispatch(self, request, *args, token, **kwargs):
        found = notifications.read_unsubscribe_token(token)
        if found is None:
            response = render(request, INVALID_TEMPLATE, status=400)
        else:
            self.member, self.kind = found
            response = super().dispatch(request, *args, token=token, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get(self, request, token):
        what, already_off = _what(self.member, self.kind)
        context = {"what": what, "already_off": already_off}
        return render(request, "community/unsubscribe.html", context)

    def post(self, request, token):
        done = notifications.unsubscribe(user=self.member, kind=self.kind)
        logger.info("Member %s unsubscribed from %s.", self.member.pk, self.kind)
        return render(request, "community/unsubscribe_done.html", {"done": done})

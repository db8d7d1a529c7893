"""Spam at the door: rate limits per account and per address, links from brand-new
members held for a moderator, and everything a spam account posted removed at once.

The limits count attempts in the shared cache (``cocreatie.core.ratelimit``); the address
is read as everywhere else on the site (``ratelimit.client_ip``, which allauth's own
limits use too through ``ALLAUTH_TRUSTED_PROXY_COUNT``). Sign-up is limited by allauth
(``ACCOUNT_RATE_LIMITS["signup"]``, per address: there is no account yet).
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core import ratelimit
from cocreatie.core.actionlog import log_action
from cocreatie.core.i18n import written_for_others
from community import services
from community.decisions import decision_record
from community.models import Case, Comment, Decision, ModerationVerb, User
from community.permissions import is_moderator

# --- Rate limits -----------------------------------------------------------------------

_NUMBER_WORDS = {
    2: gettext_lazy("twee"), 3: gettext_lazy("drie"), 4: gettext_lazy("vier"),
    5: gettext_lazy("vijf"), 6: gettext_lazy("zes"), 10: gettext_lazy("tien"),
    15: gettext_lazy("vijftien"), 20: gettext_lazy("twintig"), 30: gettext_lazy("dertig"),
    45: gettext_lazy("vijfenveertig"),
}  # fmt: skip


def wait_text(seconds: int) -> str:
    """How long to wait, in words: "over tien minuten", "over een uur"."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        if hours == 1:
            return _("over een uur")
        return ngettext("over %(count)s uur", "over %(count)s uur", hours) % {
            "count": _NUMBER_WORDS.get(hours, hours)
        }
    minutes = max(1, -(-seconds // 60))
    if minutes == 1:
        return _("over een minuut")
    return ngettext("over %(count)s minuut", "over %(count)s minuten", minutes) % {
        "count": _NUMBER_WORDS.get(minutes, minutes)
    }


@dataclass(frozen=True)
class Limit:
    """A limit per account and per address over one period, all three read from the
    settings named here when used (so tests and deployments may change them); a limit
    of 0 is off."""

    scope: str
    account_setting: str
    address_setting: str
    period_setting: str
    message: str  # with %(wait)s

    def text(self) -> str:
        return self.message % {"wait": wait_text(getattr(settings, self.period_setting))}


COMMENT_LIMIT = Limit(
    scope="comment",
    account_setting="COMMENT_RATE_LIMIT_ACCOUNT",
    address_setting="COMMENT_RATE_LIMIT_ADDRESS",
    period_setting="COMMENT_RATE_PERIOD",
    message=gettext_lazy(
        "Je hebt in korte tijd veel reacties geplaatst. Probeer het %(wait)s opnieuw."
    ),
)
REPORT_LIMIT = Limit(
    scope="report",
    account_setting="REPORT_RATE_LIMIT_ACCOUNT",
    address_setting="REPORT_RATE_LIMIT_ADDRESS",
    period_setting="REPORT_RATE_PERIOD",
    message=gettext_lazy(
        "Je hebt in korte tijd veel meldingen gedaan. Probeer het %(wait)s opnieuw."
    ),
)


def rate_limited(request, limit: Limit) -> str | None:
    """Count one attempt of the logged-in member, and one from their address. Returns
    the Dutch message to show when either is over its limit, else None."""
    period = getattr(settings, limit.period_setting)
    per_account = getattr(settings, limit.account_setting)
    if per_account and not ratelimit.allow(
        f"{limit.scope}:account:{request.user.pk}", limit=per_account, period=period
    ):
        return limit.text()
    per_address = getattr(settings, limit.address_setting)
    if per_address and not ratelimit.hit(
        request, f"{limit.scope}:address", limit=per_address, period=period
    ):
        return limit.text()
    return None


# --- Links from brand-new members ------------------------------------------------------

# Anything that looks like an address: with its scheme, starting with www., or a bare
# domain name (example.com, example.com/pagina, co-creatie.nl). A few ordinary words
# that touch at a full stop ("klaar.Daarna") are caught too; a moderator approves those.
LINK = re.compile(
    r"(?:https?://|www\.)\S|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.[a-z]{2,63}\b",
    re.IGNORECASE,
)

HELD_NOTICE = gettext_lazy(
    "Je reactie wacht op goedkeuring door een moderator. Daarna zien anderen haar ook."
)


def contains_link(text: str) -> bool:
    return LINK.search(text) is not None


def comment_needs_hold(*, author: User, body: str) -> bool:
    """A comment with a link by a member whose account is younger than
    ``COMMENT_HOLD_LINKS_HOURS`` (0: never) waits for a moderator. Moderators' own
    comments never wait."""
    hours = settings.COMMENT_HOLD_LINKS_HOURS
    if hours <= 0 or is_moderator(author):
        return False
    if author.date_joined <= timezone.now() - timedelta(hours=hours):
        return False
    return contains_link(body)


@written_for_others  # the log and the mail are for the moderators
def comment_hold(*, comment: Comment) -> None:
    """Part of ``services.comment_create``: the comment was saved with ``held_at``; the
    step is logged (by the system) and the moderators are told."""
    log_action(
        actor=None,
        verb=ModerationVerb.HOLD,
        target=comment,
        message=_("Reactie met een link van een nieuw lid."),
    )
    services.mail_moderators("comment_held", {"comment": comment, "case": comment.case})


@transaction.atomic
def comment_approve(*, comment: Comment, moderator: User) -> Comment:
    """A held comment goes online: everyone sees it, and the case's author hears of it
    as of any new comment."""
    if not is_moderator(moderator):
        raise PermissionDenied
    locked = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("case__author")
        .get(pk=comment.pk)
    )
    if locked.held_at is None:
        raise ValidationError(_("Deze reactie wacht niet op goedkeuring."))
    if locked.is_hidden:
        raise ValidationError(_("Deze reactie is verborgen. Zet haar terug als ze mag blijven."))
    locked.held_at = None
    locked.save(update_fields=["held_at"])  # the save signal refreshes the cached pages
    comment.held_at = None
    log_action(actor=moderator, verb=ModerationVerb.APPROVE, target=locked)
    if locked.author is not None:
        services.comment_notify_case_author(comment=locked)
    return locked


# --- Removing a spam account's content -------------------------------------------------

# The house rule a spam account breaks (``community.house_rules``).
SPAM_GROUND = "spam"


def spam_removal_refusal(*, member: User, moderator: User) -> str:
    """Why this member's content cannot be removed as spam by this moderator, or ""."""
    if member.pk == moderator.pk:
        return _("Je kunt je eigen account niet als spam verwijderen.")
    if member.is_staff or is_moderator(member):
        return _("Dit is een moderator of beheerder. Hun account verwijder je niet als spam.")
    return ""


def spam_account_counts(*, member: User) -> dict[str, int]:
    """What a removal would hide: the member's cases and comments not hidden yet."""
    return {
        "cases": Case.objects.filter(author=member, is_hidden=False).count(),
        "comments": Comment.objects.filter(author=member, is_hidden=False).count(),
    }


def _suspend(member: User, *, moderator: User, reason: str) -> None:
    """Suspend the account until a moderator lifts it, without a statement of its own.
    A suspension that ends by itself on a date is made open-ended."""
    profile = services.profile_ensure(user=member)
    if profile.suspended_at is not None:
        if profile.suspended_until is None:
            return
        services.member_unsuspend(
            member=member, moderator=moderator, reason=reason, statement=False
        )
    services.member_suspend(
        member=member, moderator=moderator, reason=reason, ground=SPAM_GROUND, statement=False
    )


@transaction.atomic
def spam_account_remove(*, member: User, moderator: User, reason: str) -> dict[str, int]:
    """Hide every case and comment of a spam account (kept as evidence, not deleted),
    suspend it until a moderator lifts that, and tell the member in ONE statement of
    reasons (``Decision.Kind.SPAM_REMOVED``, which they may appeal). Returns how many
    cases and comments were hidden."""
    if not is_moderator(moderator):
        raise PermissionDenied
    refusal = spam_removal_refusal(member=member, moderator=moderator)
    if refusal:
        raise ValidationError(refusal)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Schrijf op waarom je dit als spam verwijdert."))
    cases = list(Case.objects.select_for_update().filter(author=member, is_hidden=False))
    comments = list(Comment.objects.select_for_update().filter(author=member, is_hidden=False))
    for item in [*cases, *comments]:
        # The one way visibility changes: reports resolved, each step logged, search and
        # cached pages follow; no statement per item, the member gets one for all.
        services._set_visibility(
            item=item, moderator=moderator, hidden=True, reason=reason,
            verb=ModerationVerb.HIDE, ground=SPAM_GROUND, statement=False,
        )  # fmt: skip
    _suspend(member, moderator=moderator, reason=reason)
    counts = {"cases": len(cases), "comments": len(comments)}
    log_action(
        actor=moderator,
        verb=ModerationVerb.SPAM_REMOVE,
        target=member,
        target_label=member.profile,
        message=reason,
        data=counts,
    )
    decision_record(
        kind=Decision.Kind.SPAM_REMOVED,
        member=member,
        moderator=moderator,
        ground=SPAM_GROUND,
        message=reason,
    )
    return counts

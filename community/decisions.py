"""Statements of reasons: every moderation decision that affects a member is stored as a
``Decision`` and mailed to them, saying what was decided, on which house rule, whether
it happened automatically or by a moderator (never which one), the moderator's message
and how to object.

The services that take the decision call ``decision_record`` inside their own
transaction, after they wrote and logged the step; it sends the only mail the member
gets about it (template ``decision_notice``).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cocreatie.core.i18n import for_member
from cocreatie.core.mail import send_after_commit
from community import house_rules, notifications
from community.models import Case, Comment, Decision, User


@transaction.atomic
def decision_record(
    *, kind: str, member: User, item: Case | Comment | None = None, ground: str = "",
    message: str = "", moderator: User | None = None, ends_at: datetime | None = None,
) -> Decision:  # fmt: skip
    """Store a statement of reasons and mail it to ``member``.

    - ``kind``: a ``Decision.Kind``.
    - ``item``: the case or comment it is about; None for a decision about the account
      (a suspension, removed spam).
    - ``ground``: the key of a house rule (``community.house_rules``); empty when none
      applies (then the message has to say why).
    - ``message``: the explanation the member reads.
    - ``moderator``: who decided; None means automatically (after reports). The member
      is told which of the two, never the moderator's name.
    - ``ends_at``: for a suspension, when it ends by itself.

    The caller checks permissions and logs the step; this only records and mails.
    """
    if kind not in Decision.Kind.values:
        raise ValidationError(_("Onbekend soort besluit."))
    if ground and house_rules.get(ground) is None:
        raise ValidationError(_("Kies een huisregel uit de lijst."))
    decision = Decision.objects.create(
        kind=kind,
        member=member,
        case=item if isinstance(item, Case) else None,
        comment=item if isinstance(item, Comment) else None,
        ground=ground,
        message=message.strip(),
        moderator=moderator,
        automatic=moderator is None,
        ends_at=ends_at,
    )
    with for_member(member):  # in their language, whoever's request took the decision
        send_after_commit("decision_notice", notice_context(decision), [member.email])
        notifications.decision_notified(decision)  # in the site too, not mailed twice
    return decision


def notice_context(decision: Decision) -> dict:
    """What the mail (and any page that explains a decision) needs about it."""
    return {
        "decision": decision,
        "item": decision.target,
        "rule": house_rules.get(decision.ground),
        "house_rules_url": reverse("community:house_rules"),
        "appeal_url": appeal_url(decision),
    }


def appeal_url(decision: Decision) -> str:
    """Where the member objects to this decision (a path; for a suspension it works
    without logging in), or "" when they cannot object."""
    if not decision.is_appealable:
        return ""
    from community import appeals  # appeals build on the services, which use this module

    return appeals.appeal_url(decision)

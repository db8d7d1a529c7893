"""Appeals: a member objects, in their own words, to a decision about them (a
``Decision``, the statement of reasons they were sent), once per decision. A moderator
decides, always another one than who took the decision wherever there is one, and the
outcome is a new decision with its own statement of reasons (``decision_record``).

Suspended members cannot log in, so the link to appeal a suspension carries a signed
token (see ``appeal_url``) and works without logging in. Everyone else uses the plain
address while logged in.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.actionlog import log_action
from community import services
from community.evidence import evidence_erase_if_settled
from community.models import Appeal, Case, Comment, Decision, ModerationVerb, User
from community.permissions import is_moderator

APPEAL_TEXT_MIN = 10
APPEAL_TEXT_MAX = 2000

# Decisions whose appeal link works without logging in: the member cannot log in.
TOKEN_KINDS = (Decision.Kind.SUSPENDED, Decision.Kind.SPAM_REMOVED)
TOKEN_SALT = "community.appeal"
# A member has at least six months to object to a decision (Digital Services Act,
# article 20); the link stays good a little longer than that.
TOKEN_MAX_AGE = 190 * 24 * 60 * 60

ALREADY_APPEALED = gettext_lazy(
    "Je hebt al bezwaar gemaakt tegen dit besluit. Je kunt dat één keer doen."
)
NOT_APPEALABLE = gettext_lazy("Tegen dit besluit kun je geen bezwaar maken.")


# --- The link in the statement of reasons ------------------------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=TOKEN_SALT)


def appeal_token(decision: Decision) -> str:
    """A token that lets the member the decision is about appeal it without logging in."""
    return _signer().sign_object({"decision": decision.pk, "member": decision.member_id})


def appeal_token_valid(decision: Decision, token: str) -> bool:
    if decision.kind not in TOKEN_KINDS or not token:
        return False
    try:
        data = _signer().unsign_object(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also when it is too old
        return False
    return data == {"decision": decision.pk, "member": decision.member_id}


def appeal_url(decision: Decision) -> str:
    """The path of the appeal form for ``decision``, for the statement of reasons (put
    ``SITE_URL`` before it in a mail). For a suspension it carries the token, so the
    suspended member can use it without logging in."""
    url = reverse("community:appeal_create", args=[decision.pk])
    if decision.kind in TOKEN_KINDS:
        url = f"{url}?{urlencode({'t': appeal_token(decision)})}"
    return url


# --- Making an appeal ----------------------------------------------------------------------


def _subject(decision: Decision):
    """What the decision is about, for the log: the item, or the member's account."""
    item = decision.target
    if item is not None:
        return item, None
    return decision.member, services.profile_ensure(user=decision.member)


def _in_force(decision: Decision) -> bool:
    """Whether there is still something to object to (the item was not restored in the
    meantime, the suspension not lifted)."""
    item = decision.target
    if decision.kind in (Decision.Kind.HIDDEN, Decision.Kind.AUTO_HIDDEN):
        return item is not None and item.is_hidden
    if decision.kind == Decision.Kind.CASE_REJECTED:
        return item is not None and item.status == Case.Status.REJECTED
    if decision.kind == Decision.Kind.SUSPENDED:
        return services.profile_ensure(user=decision.member).suspended_at is not None
    return True


def appeal_text_errors(text: str) -> list[str]:
    """What is wrong with an appeal's text, in Dutch (empty: nothing)."""
    length = len(text)
    if not length:
        return [_("Leg uit waarom je het er niet mee eens bent.")]
    if length < APPEAL_TEXT_MIN:
        return [
            _("Schrijf iets meer: minimaal %(min)s tekens (nu %(length)s).")
            % {"min": APPEAL_TEXT_MIN, "length": length}
        ]
    if length > APPEAL_TEXT_MAX:
        return [
            _("Dat is te lang: maximaal %(max)s tekens (nu %(length)s).")
            % {"max": APPEAL_TEXT_MAX, "length": length}
        ]
    return []


@transaction.atomic
def appeal_create(*, decision: Decision, member: User, text: str) -> Appeal:
    """The member objects to a decision about them, once; the moderators are told."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("member", "case", "comment__case", "moderator")
        .get(pk=decision.pk)
    )
    if decision.member_id != member.pk:
        raise PermissionDenied
    if not decision.is_appealable:
        raise ValidationError(NOT_APPEALABLE)
    if Appeal.objects.filter(decision=decision).exists():
        raise ValidationError(ALREADY_APPEALED)
    text = text.strip()
    if errors := appeal_text_errors(text):
        raise ValidationError(errors)
    if not _in_force(decision):
        raise ValidationError(_("Dit besluit geldt niet meer. Je hoeft geen bezwaar te maken."))
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(decision=decision, text=text)
    except IntegrityError:
        raise ValidationError(ALREADY_APPEALED) from None
    target, label = _subject(decision)
    log_action(
        actor=member, verb=ModerationVerb.REVIEW_REQUEST, target=target, target_label=label,
        message=text, data={"decision": decision.pk, "appeal": appeal.pk},
    )  # fmt: skip
    services.mail_moderators(
        "appeal_received",
        {"appeal": appeal, "decision": decision, "item": decision.target},
        leave_out=member,
    )
    return appeal


# --- Deciding on it --------------------------------------------------------------------


def appeal_queryset() -> QuerySet[Appeal]:
    """Appeals with what their pages and lists show fetched along."""
    return Appeal.objects.select_related(
        "decision__member__profile",
        "decision__moderator__profile",
        "decision__case",
        "decision__comment__case",
        "decided_by__profile",
    )


def open_appeals() -> QuerySet[Appeal]:
    """Appeals waiting for a moderator, oldest first (for the dashboard)."""
    return appeal_queryset().filter(decided_at__isnull=True).order_by("created_at", "pk")


def _moderators() -> QuerySet[User]:
    return User.objects.filter(
        Q(groups__name=settings.MODERATORS_GROUP) | Q(is_superuser=True), is_active=True
    ).distinct()


def decided_it_myself(appeal: Appeal, moderator: User) -> bool:
    return appeal.decision.moderator_id is not None and (
        appeal.decision.moderator_id == moderator.pk
    )


def only_moderator(appeal: Appeal, moderator: User) -> bool:
    """No other moderator could decide: none but ``moderator`` and the member."""
    others = _moderators().exclude(pk__in=[moderator.pk, appeal.decision.member_id])
    return not others.exists()


def may_decide(appeal: Appeal, moderator: User) -> bool:
    """A moderator decides on an appeal, never on their own, and not on one against
    their own decision while another moderator could."""
    if not is_moderator(moderator) or moderator.pk == appeal.decision.member_id:
        return False
    return not decided_it_myself(appeal, moderator) or only_moderator(appeal, moderator)


def outcome_choices(decision: Decision) -> list[tuple[str, str]]:
    """The two outcomes of an appeal, in the words of the decision they are about."""
    restored, kept = {
        Decision.Kind.SUSPENDED: (_("Schorsing opheffen"), _("Schorsing blijft")),
        Decision.Kind.CASE_REJECTED: (_("Alsnog publiceren"), _("Blijft afgewezen")),
        Decision.Kind.SPAM_REMOVED: (_("Besluit terugdraaien"), _("Besluit blijft")),
    }.get(decision.kind, (_("Terugzetten"), _("Blijft verborgen")))
    return [(Appeal.Outcome.RESTORED, restored), (Appeal.Outcome.KEPT, kept)]


def _undo(decision: Decision, *, moderator: User, message: str) -> None:
    """Take back what the decision did, as far as it still stands."""
    item = decision.target
    if isinstance(item, Case | Comment) and item.is_hidden:
        # Not content_restore: the member is sent one message, the new decision's.
        services._set_visibility(
            item=services._locked(item), moderator=moderator, hidden=False, reason=message,
            verb=ModerationVerb.RESTORE, mail_template=None, original=item,
        )  # fmt: skip
    if decision.kind == Decision.Kind.CASE_REJECTED and item is not None:
        case = Case.objects.select_for_update().get(pk=item.pk)
        if case.status == Case.Status.REJECTED:
            case.status, case.moderator_message = Case.Status.PUBLISHED, message
            case.published_at = case.published_at or timezone.now()
            case.save()
            log_action(actor=moderator, verb=ModerationVerb.PUBLISH, target=case, message=message)
    if decision.kind in (Decision.Kind.SUSPENDED, Decision.Kind.SPAM_REMOVED):
        if services.profile_ensure(user=decision.member).suspended_at is not None:
            services.member_unsuspend(
                member=decision.member, moderator=moderator, reason=message, statement=False
            )


@transaction.atomic
def appeal_decide(*, appeal: Appeal, moderator: User, outcome: str, message: str) -> Appeal:
    """Restore or keep what the appeal is about, with a message that the member gets as
    the statement of reasons of this new decision."""
    from community.decisions import decision_record  # decisions may link to this module

    if not is_moderator(moderator):
        raise PermissionDenied
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("decision__member", "decision__case", "decision__comment__case")
        .get(pk=appeal.pk)
    )
    if not may_decide(appeal, moderator):
        raise PermissionDenied
    if not appeal.is_open:
        raise ValidationError(_("Over dit bezwaar is al besloten."))
    if outcome not in Appeal.Outcome.values:
        raise ValidationError(_("Kies wat je met het bezwaar doet."))
    message = message.strip()
    if not message:
        raise ValidationError(_("Schrijf het lid waarom je zo besluit."))
    decision = appeal.decision
    appeal.decided_at, appeal.decided_by = timezone.now(), moderator
    appeal.outcome, appeal.answer = outcome, message
    appeal.save(update_fields=["decided_at", "decided_by", "outcome", "answer"])
    restored = outcome == Appeal.Outcome.RESTORED
    item = decision.target
    if restored:
        _undo(decision, moderator=moderator, message=message)
    elif item is not None:  # a moderator looked: its open reports are handled too
        services._resolve_reports(item, moderator)
    target, label = _subject(decision)
    log_action(
        actor=moderator,
        verb=ModerationVerb.APPEAL_RESTORE if restored else ModerationVerb.APPEAL_KEEP,
        target=target, target_label=label, message=message,
        data={"decision": decision.pk, "appeal": appeal.pk},
    )  # fmt: skip
    decision_record(
        kind=Decision.Kind.RESTORED if restored else Decision.Kind.KEPT_HIDDEN,
        member=decision.member,
        item=item,
        ground=decision.ground,
        message=message,
        moderator=moderator,
        ends_at=None if restored else decision.ends_at,
    )
    evidence_erase_if_settled(item)
    return appeal

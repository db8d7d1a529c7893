"""Writes with rules for the community: one function each, atomic, logged, mail on commit."""

import json
from collections import Counter
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreatie.core import following, media, memberdata
from cocreatie.core.actionlog import forget_subject, log_action
from cocreatie.core.content import content_changed
from cocreatie.core.i18n import by_language, for_member, for_others
from cocreatie.core.mail import send_after_commit
from community import house_rules, notifications
from community.decisions import decision_record
from community.evidence import evidence_delete, evidence_erase_if_settled
from community.models import (
    Case,
    CaseRevision,
    Comment,
    ContactRequest,
    Decision,
    ModerationVerb,
    Organisation,
    Profile,
    Question,
    Report,
    User,
)
from community.permissions import is_moderator

# Reports by this many different members hide an item until a moderator looks.
AUTO_HIDE_REPORTS = 3
# Text fields of a case whose changes are kept in its revision history.
CASE_TEXT_FIELDS = ("title", "summary", "body", "what_worked", "do_differently")


def unique_slug(model, text: str, *, max_length: int = 60, exclude_pk=None) -> str:
    base = slugify(text)
    if len(base) > max_length:  # cut at a word boundary, not in the middle of a word
        base = base[: max_length + 1].rsplit("-", 1)[0]
    base = base[:max_length].strip("-") or "item"
    slug, number = base, 2
    existing = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while existing.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def member_language_update(*, user: User, language: str) -> None:
    """The language of what the site writes to ``user`` (mails, notifications)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language: {language!r}")
    user.language = language
    user.save(update_fields=["language"])


def moderators() -> QuerySet[User]:
    return User.objects.filter(
        Q(groups__name=settings.MODERATORS_GROUP) | Q(is_superuser=True), is_active=True
    ).distinct()


def mail_moderators(template: str, context: dict, *, leave_out: User | None = None) -> None:
    """Tell the moderators (but ``leave_out``): one mail per language they chose."""
    team = moderators().exclude(pk=getattr(leave_out, "pk", None)).only("email", "language")
    for language, addresses in by_language(team).items():
        with translation.override(language):
            send_after_commit(template, context, addresses)


# --- Profiles and organisations -------------------------------------------------------


@transaction.atomic
def profile_ensure(*, user: User) -> Profile:
    """The user's profile, made on first need with a name taken from the account."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        pass
    name = user.get_full_name() or user.email.partition("@")[0]
    profile = Profile.objects.create(
        user=user, display_name=name[:100], slug=unique_slug(Profile, name)
    )
    user.profile = profile
    return profile


def profile_refresh_verification(*, profile: Profile) -> bool:
    """A member is verified for their organisation when a verified e-mail address of
    theirs is on one of its domains."""
    from allauth.account.models import EmailAddress

    verified = False
    if profile.organisation_id and profile.organisation.domain_list:
        addresses = EmailAddress.objects.filter(user_id=profile.user_id, verified=True)
        verified = any(profile.organisation.matches_email(a.email) for a in addresses)
    if verified != profile.is_verified_member:
        profile.is_verified_member = verified
        Profile.objects.filter(pk=profile.pk).update(is_verified_member=verified)
        content_changed(profile)
    return verified


@transaction.atomic
def profile_update(*, profile: Profile, **fields) -> Profile:
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    profile_refresh_verification(profile=profile)
    return profile


@transaction.atomic
def organisation_create(*, name: str, kind: str, actor: User) -> Organisation:
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    organisation = Organisation(
        name=name, kind=kind, created_by=actor, slug=unique_slug(Organisation, name)
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_merge(*, source: Organisation, target: Organisation, actor: User) -> None:
    """Move everything of a duplicate organisation to the one that stays, then drop it."""
    if source.pk == target.pk:
        raise ValidationError(_("Kies twee verschillende organisaties."))
    domains = dict.fromkeys([*target.domain_list, *source.domain_list])
    target.email_domains = "\n".join(domains)
    # Saving the target raises the community scope, which the pages of the moved
    # profiles and cases belong to (the organisation is not in a case's search text).
    target.save(update_fields=["email_domains"])
    Profile.objects.filter(organisation=source).update(organisation=target)
    Case.objects.filter(organisation=source).update(organisation=target)
    log_action(
        actor=actor,
        verb=ModerationVerb.MERGE_ORGANISATIONS,
        target=target,
        target_label=f"{source.name} → {target.name}",
        data={"merged": source.name, "into": target.name},
    )
    source.delete()
    for profile in Profile.objects.filter(organisation=target).select_related("organisation"):
        profile_refresh_verification(profile=profile)


# --- Cases ----------------------------------------------------------------------------


def _set_case_relations(case, *, phases=None, challenges=None, tags=None):
    if phases is not None:
        case.phases.set(phases)
    if challenges is not None:
        case.challenges.set(challenges)
    if tags is not None:
        case.tags.set(tags)


@transaction.atomic
def case_create(*, author: User, phases=(), challenges=(), tags=(), **fields) -> Case:
    case = Case(author=author, status=Case.Status.DRAFT, **fields)
    case.slug = unique_slug(Case, case.title)
    case.save()
    _set_case_relations(case, phases=phases, challenges=challenges, tags=tags)
    following.follow(user=author, obj=case)  # its comments reach the author
    return case


@transaction.atomic
def case_update(
    *, case: Case, editor: User, phases=None, challenges=None, tags=None, **fields
) -> Case:
    """Change a case. A published case stays published. Once a moderator has seen the
    case (published, or sent back for changes), its earlier version is kept so
    moderators can see what changed."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.author_id != editor.pk:
        raise PermissionDenied
    if not case.is_editable_by_author:
        raise ValidationError(_("Dit praktijkverhaal kun je nu niet wijzigen."))
    reviewed = case.status in (Case.Status.PUBLISHED, Case.Status.CHANGES_REQUESTED)
    previous = _case_snapshot(case) if reviewed else None
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    _set_case_relations(case, phases=phases, challenges=challenges, tags=tags)
    if reviewed and (current := _case_snapshot(case)) != previous:
        CaseRevision.objects.create(case=case, editor=editor, previous=previous, current=current)
        if case.status == Case.Status.PUBLISHED:
            log_action(actor=editor, verb=ModerationVerb.EDIT_PUBLISHED, target=case)
    return case


def _case_snapshot(case: Case) -> dict:
    """What a revision keeps of a case: its text fields and the names of its phases,
    challenges and tags."""
    snapshot = {name: getattr(case, name) for name in CASE_TEXT_FIELDS}
    snapshot["phases"] = sorted(case.phases.values_list("title", flat=True))
    snapshot["challenges"] = sorted(case.challenges.values_list("title", flat=True))
    snapshot["tags"] = sorted(case.tags.names())
    return snapshot


@transaction.atomic
def case_submit(*, case: Case, author: User) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.author_id != author.pk:
        raise PermissionDenied
    if not case.can_submit:
        raise ValidationError(_("Dit praktijkverhaal is al ingediend."))
    case.status = Case.Status.SUBMITTED
    case.submitted_at = timezone.now()
    case.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(actor=author, verb=ModerationVerb.SUBMIT, target=case)
    mail_moderators("case_submitted", {"case": case})
    return case


MODERATION_DECISIONS = {
    "publish": (Case.Status.PUBLISHED, ModerationVerb.PUBLISH),
    "request_changes": (Case.Status.CHANGES_REQUESTED, ModerationVerb.REQUEST_CHANGES),
    "reject": (Case.Status.REJECTED, ModerationVerb.REJECT),
}


@transaction.atomic
def case_decide(
    *, case: Case, moderator: User, decision: str, message: str, ground: str = ""
) -> Case:
    """Publish, ask for changes or reject a submitted case, always with a message that
    the author sees on the case and receives by e-mail. Asking for changes and rejecting
    are decisions with a statement of reasons (``ground``: a house rule key, optional);
    that statement is the author's only mail about it."""
    if not is_moderator(moderator):
        raise PermissionDenied
    if decision not in MODERATION_DECISIONS:
        raise ValidationError(_("Onbekende beslissing."))
    if ground and house_rules.get(ground) is None:
        raise ValidationError(_("Kies een huisregel uit de lijst."))
    message = message.strip()
    if not message:
        raise ValidationError(_("Schrijf een bericht voor de auteur."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.SUBMITTED:
        raise ValidationError(_("Alleen ingediende praktijkverhalen kun je beoordelen."))
    status, action = MODERATION_DECISIONS[decision]
    case.status = status
    case.moderator_message = message
    first_publication = status == Case.Status.PUBLISHED and case.published_at is None
    if first_publication:
        case.published_at = timezone.now()
    case.save()
    log_action(actor=moderator, verb=action, target=case, message=message)
    if status == Case.Status.PUBLISHED:
        notifications.case_published_author(case)
        if first_publication:
            notifications.case_published(case)
    elif case.author:
        kind = (
            Decision.Kind.CASE_CHANGES
            if status == Case.Status.CHANGES_REQUESTED
            else Decision.Kind.CASE_REJECTED
        )
        decision_record(
            kind=kind, member=case.author, item=case, ground=ground, message=message,
            moderator=moderator,
        )  # fmt: skip
    return case


@transaction.atomic
def case_feature(*, case: Case, moderator: User, featured: bool) -> Case:
    """Feature a published case on the home page, or stop featuring it."""
    if not is_moderator(moderator):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    if featured and not case.is_published:
        raise ValidationError(_("Alleen een gepubliceerd praktijkverhaal kun je uitlichten."))
    if case.is_featured == featured:
        return case
    case.is_featured = featured
    case.save(update_fields=["is_featured", "updated_at"])
    verb = ModerationVerb.FEATURE if featured else ModerationVerb.UNFEATURE
    log_action(actor=moderator, verb=verb, target=case)
    return case


# --- Hiding, restoring, review ------------------------------------------------------------


def _set_visibility(
    *, item: Case | Comment, moderator: User | None, hidden: bool, reason: str, verb: str,
    mail_template: str | None = None, original: Case | Comment | None = None,
    ground: str = "", statement: bool = True,
) -> Decision | None:  # fmt: skip
    """Hide or show a case or comment: the one way visibility changes. The item's open
    reports are resolved, the step is logged, search and cached pages follow.

    Hiding is a decision about the author: they get a statement of reasons (their only
    mail about it), ``HIDDEN`` by a moderator or ``AUTO_HIDDEN`` when ``moderator`` is
    None, on ``ground`` (a house rule key) or else the rule most open reports point to.
    ``statement=False``: the caller sends the author one statement of its own. Showing
    mails ``mail_template`` to the author, when given."""
    reasons = _open_report_reasons(item) if hidden else {}
    if hidden:
        notifications.content_withdrawn([item])
    item.is_hidden, item.review_requested_at = hidden, None
    item.hidden_reason = reason if hidden else ""
    item.save()  # the save signal refreshes the search row and the cached pages
    if original is not None:  # the caller's copy shows the new state too
        original.is_hidden, original.hidden_reason = item.is_hidden, item.hidden_reason
        original.review_requested_at = None
    if moderator is not None:
        _resolve_reports(item, moderator)
    log_action(actor=moderator, verb=verb, target=item, message=reason)
    if not item.author or (hidden and not statement):
        return None
    if not hidden:
        if mail_template:
            with for_member(item.author):
                send_after_commit(
                    mail_template, {"item": item, "reason": reason}, [item.author.email]
                )
        return None
    automatic = moderator is None
    return decision_record(
        kind=Decision.Kind.AUTO_HIDDEN if automatic else Decision.Kind.HIDDEN,
        member=item.author,
        item=item,
        ground=ground or _reports_ground(reasons),
        message=_reports_summary(reasons) if automatic else reason,
        moderator=moderator,
    )


def _open_report_reasons(item: Case | Comment) -> dict[str, int]:
    """How many open reports about the item give each reason, most given first (on a
    tie "something else" last, then in the order of the report form)."""
    counts = Counter(
        Report.objects.open().filter(**_target_kwargs(item)).values_list("reason", flat=True)
    )
    order = list(Report.Reason.values)
    ranked = sorted(
        counts.items(),
        key=lambda pair: (-pair[1], pair[0] == Report.Reason.OTHER, order.index(pair[0])),
    )
    return dict(ranked)


def _reports_ground(reasons: dict[str, int]) -> str:
    """The house rule the most given report reason points to ("" without reports)."""
    return house_rules.rule_for_reason(next(iter(reasons))) if reasons else ""


def _reports_summary(reasons: dict[str, int]) -> str:
    """For an automatic hide: how many members reported it and the reasons they chose
    (never who they are or what they wrote)."""
    if not reasons:
        return ""
    total = sum(reasons.values())
    counted = ", ".join(
        ngettext("%(reason)s (%(count)d keer)", "%(reason)s (%(count)d keer)", count)
        % {"reason": Report.Reason(reason).label.lower(), "count": count}
        for reason, count in reasons.items()
    )
    return ngettext(
        "%(count)d lid meldde dit. De redenen die ze kozen: %(reasons)s.",
        "%(count)d leden meldden dit. De redenen die ze kozen: %(reasons)s.",
        total,
    ) % {"count": total, "reasons": counted}


def _locked(item: Case | Comment) -> Case | Comment:
    return type(item).objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def content_hide(*, item: Case | Comment, moderator: User, reason: str, ground: str = "") -> None:
    """Hide on ``ground`` (a house rule key; empty: the rule the reports point to)."""
    if not is_moderator(moderator):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Schrijf op waarom je dit verbergt."))
    _set_visibility(
        item=_locked(item), moderator=moderator, hidden=True, reason=reason,
        verb=ModerationVerb.HIDE, original=item, ground=ground,
    )  # fmt: skip


@transaction.atomic
def content_restore(*, item: Case | Comment, moderator: User, reason: str = "") -> None:
    if not is_moderator(moderator):
        raise PermissionDenied
    _set_visibility(
        item=_locked(item), moderator=moderator, hidden=False, reason=reason.strip(),
        verb=ModerationVerb.RESTORE, mail_template="content_restored", original=item,
    )  # fmt: skip


def _target_kwargs(item):
    if isinstance(item, Question):
        return {"question": item}
    return {"case": item} if isinstance(item, Case) else {"comment": item}


def _resolve_reports(item, moderator):
    Report.objects.filter(resolved_at__isnull=True, **_target_kwargs(item)).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )
    evidence_erase_if_settled(item)


# --- Comments and reports --------------------------------------------------------------

REPORT_DUPLICATE_MESSAGE = gettext_lazy("Je hebt dit al gemeld. Een moderator kijkt ernaar.")


REPLY_OTHER_CASE = gettext_lazy("Je kunt alleen reageren op een reactie bij dit praktijkverhaal.")
REPLY_GONE = gettext_lazy(
    "Op deze reactie kun je niet meer reageren: ze is verborgen, verwijderd of wacht op "
    "goedkeuring. Je tekst staat er nog. Plaats hem als nieuwe reactie als je wilt."
)


def _reply_parent(*, case: Case, parent: Comment) -> Comment:
    """The comment a reply is stored under: ``parent``, a comment everyone sees on this
    case, or for an answer to a reply the comment that reply answers (one level)."""
    if parent.case_id != case.pk:
        raise ValidationError(REPLY_OTHER_CASE, code="parent")
    # Locked, so that it cannot be hidden between this check and the reply.
    parent = Comment.objects.visible().select_for_update().filter(pk=parent.pk).first()
    if parent is None:
        raise ValidationError(REPLY_GONE, code="parent")
    return parent.parent if parent.parent_id else parent


@transaction.atomic
def comment_create(
    *, case: Case, author: User, body: str, parent: Comment | None = None
) -> Comment:
    """A comment goes online at once, unless it is held for a moderator
    (``community.spam``: a link from a brand-new member). With ``parent``: a reply to
    that comment (see ``_reply_parent``)."""
    from community import spam  # spam builds on this module

    if not case.is_published:
        raise ValidationError(_("Je kunt alleen reageren op gepubliceerde praktijkverhalen."))
    if parent is not None:
        parent = _reply_parent(case=case, parent=parent)
    held = spam.comment_needs_hold(author=author, body=body)
    comment = Comment(
        case=case, author=author, body=body.strip(), held_at=timezone.now() if held else None,
        parent=parent,
    )  # fmt: skip
    comment.full_clean()
    comment.save()
    following.follow(user=author, obj=case)  # later comments reach the commenter
    if held:
        spam.comment_hold(comment=comment)
    else:
        comment_notify_case_author(comment=comment)
    return comment


def comment_notify_case_author(*, comment: Comment) -> None:
    """Part of posting a comment (or approving a held one): the case's author and its
    followers hear of it, as each of them chose (``community.notifications``)."""
    notifications.comment_posted(comment)


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> bool:
    """The author deletes their comment. While it is reported, hidden or under appeal
    it is kept for the moderators, out of public view (see ``community.evidence``).
    Returns whether it was kept."""
    comment = _locked(comment)
    if comment.author_id != user.pk or comment.deleted_at is not None:
        raise PermissionDenied
    return evidence_delete(Comment.objects.filter(pk=comment.pk), actor=user) > 0


@transaction.atomic
def report_create(
    *, reporter: User, item: Case | Comment | Question, reason: str, text: str = ""
) -> Report:
    """One open report per member per item (after it is resolved or withdrawn, the
    member may report it again); open reports by three members hide the item. A
    question is private: only its recipient reports it, and it is never hidden."""
    if isinstance(item, Question) and item.recipient_id != reporter.pk:
        raise PermissionDenied
    if getattr(item, "author_id", None) == reporter.pk:
        raise ValidationError(_("Je kunt je eigen bijdrage niet melden."))
    if reason not in Report.Reason.values:
        raise ValidationError(_("Kies een reden."))
    target = _target_kwargs(item)
    if Report.objects.open().filter(reporter=reporter, **target).exists():
        raise ValidationError(REPORT_DUPLICATE_MESSAGE)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter, reason=reason, text=text.strip(), **target
            )
    except IntegrityError:
        raise ValidationError(REPORT_DUPLICATE_MESSAGE) from None
    open_reporters = (
        Report.objects.open()
        .filter(**target)
        .aggregate(members=Count("reporter", distinct=True))["members"]
    )
    if open_reporters >= AUTO_HIDE_REPORTS and not isinstance(item, Question):
        locked = _locked(item)
        if not locked.is_hidden:
            # Hidden by the system, for the author: its reason and statement in the
            # site's language, not the reporter's.
            with for_others():
                _set_visibility(
                    item=locked, moderator=None, hidden=True,
                    reason=_("Verborgen na meldingen van leden."),
                    verb=ModerationVerb.AUTO_HIDE, mail_template=None, original=item,
                )  # fmt: skip
    mail_moderators("report_created", {"report": report, "item": item})
    return report


@transaction.atomic
def report_withdraw(*, report: Report, member: User) -> Report:
    """The reporter takes back their own open report: it leaves the moderators' queue
    and no longer counts towards hiding the item. An item hidden already stays hidden
    until a moderator looks."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.reporter_id != member.pk:
        raise PermissionDenied
    if report.withdrawn_at is not None:
        raise ValidationError(_("Je had deze melding al ingetrokken."))
    if report.resolved_at is not None:
        raise ValidationError(_("Een moderator heeft je melding al afgehandeld."))
    report.withdrawn_at = timezone.now()
    report.save(update_fields=["withdrawn_at"])
    # No message: the entry names the reporter only as its actor.
    log_action(
        actor=member,
        verb=ModerationVerb.REPORT_WITHDRAW,
        target=report.target,
        data={"report": report.pk, "reason": report.reason},
    )
    evidence_erase_if_settled(report.target)
    return report


@transaction.atomic
def report_resolve(*, report: Report, moderator: User, message: str = "") -> None:
    if not is_moderator(moderator):
        raise PermissionDenied
    report.resolved_at, report.resolved_by = timezone.now(), moderator
    report.save(update_fields=["resolved_at", "resolved_by"])
    log_action(
        actor=moderator, verb=ModerationVerb.RESOLVE_REPORT, target=report.target, message=message
    )
    evidence_erase_if_settled(report.target)


# --- Members ----------------------------------------------------------------------------


def _set_suspension(
    *, member: User, moderator: User | None, suspended: bool, reason: str, ground: str = "",
    until: date | None = None, statement: bool = True,
) -> Decision | None:  # fmt: skip
    """Suspend or reopen an account. While suspended ``is_active`` is off, so the
    member's sessions stop working and allauth refuses the log-in (``community.adapters``
    then tells them why and until when). Suspending is a decision with a statement of
    reasons; reopening is mailed too (``statement=False``: neither, the caller sends one
    statement of its own). ``moderator`` None: the end date passed."""
    profile_ensure(user=member)
    profile = Profile.objects.select_for_update().get(user=member)
    if suspended == (profile.suspended_at is not None):
        raise ValidationError(
            _("Dit lid is al geschorst.") if suspended else _("Dit lid is niet geschorst.")
        )
    ends_at = timezone.make_aware(datetime.combine(until, time.min)) if until else None
    ended = profile.suspended_until
    profile.suspended_at = timezone.now() if suspended else None
    profile.suspended_reason = reason if suspended else ""
    profile.suspended_until = ends_at
    profile.save(update_fields=["suspended_at", "suspended_reason", "suspended_until"])
    member.profile = profile
    member.is_active = not suspended
    member.save(update_fields=["is_active"])
    if suspended:
        verb = ModerationVerb.SUSPEND
    else:
        verb = ModerationVerb.UNSUSPEND if moderator else ModerationVerb.SUSPENSION_END
    log_action(
        actor=moderator, verb=verb, target=member, target_label=profile, message=reason,
        data={"ground": ground, "until": until.isoformat() if until else None}
        if suspended else None,
    )  # fmt: skip
    if not statement:
        return None
    if not suspended:
        with for_member(member):
            send_after_commit(
                "suspension_lifted",
                {"automatic": moderator is None, "reason": reason, "until": ended},
                [member.email],
            )
        return None
    return decision_record(
        kind=Decision.Kind.SUSPENDED, member=member, ground=ground, message=reason,
        moderator=moderator, ends_at=ends_at,
    )  # fmt: skip


@transaction.atomic
def member_suspend(
    *, member: User, moderator: User, reason: str, ground: str = "", until: date | None = None,
    statement: bool = True,
) -> Decision | None:  # fmt: skip
    """A suspended member can no longer log in or post. ``ground``: the house rule (key)
    they broke; ``until``: the day the account reopens by itself, at 0.00 local time
    (None: until a moderator lifts it). The member gets a statement of reasons, unless
    ``statement=False`` (the caller sends one of its own, e.g. for removed spam)."""
    if not is_moderator(moderator) or member.pk == moderator.pk:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Schrijf op waarom je dit lid schorst."))
    if ground and house_rules.get(ground) is None:
        raise ValidationError(_("Kies een huisregel uit de lijst."))
    if until is not None and until <= timezone.localdate():
        raise ValidationError(_("Kies een einddatum na vandaag."))
    return _set_suspension(
        member=member, moderator=moderator, suspended=True, reason=reason, ground=ground,
        until=until, statement=statement,
    )  # fmt: skip


@transaction.atomic
def member_unsuspend(
    *, member: User, moderator: User, reason: str = "", statement: bool = True
) -> None:
    """A moderator lifts a suspension; the member is told by mail (``statement=False``:
    the caller tells them, e.g. in the answer to their appeal)."""
    if not is_moderator(moderator):
        raise PermissionDenied
    _set_suspension(
        member=member, moderator=moderator, suspended=False, reason=reason.strip(),
        statement=statement,
    )  # fmt: skip


@transaction.atomic
def member_suspension_end(*, member: User) -> bool:
    """Reopen the account if its suspension's end date has passed, as the system (logged,
    mailed). No scheduled job does this: the log-in asks (``community.adapters``).
    Returns whether the account reopened now."""
    profile = Profile.objects.select_for_update().filter(user=member).first()
    if (
        profile is None
        or profile.suspended_at is None
        or profile.suspended_until is None
        or profile.suspended_until > timezone.now()
    ):
        return False
    _set_suspension(member=member, moderator=None, suspended=False, reason="")
    return True


# --- The member's own data ---------------------------------------------------------------


ARCHIVE_DATA_NAME = "gegevens.json"


def account_archive(*, user: User):
    """The member's download: a ZIP with ``gegevens.json`` (``account_export``) and the
    photos and documents of their own cases under ``bestanden/<case>/``. Returns an
    open temporary file (``cocreatie.core.media.zip_archive``)."""
    files: list[tuple[str, str]] = []
    data = account_export(user=user, files=files)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return media.zip_archive(texts={ARCHIVE_DATA_NAME: text}, stored=files)


def _file_label(text: str, fallback: str) -> str:
    return slugify(text)[:60].strip("-") or fallback


def _largest_jpeg(image) -> str | None:
    widths = [int(width) for width, formats in image.renditions.items() if formats.get("jpeg")]
    return image.renditions[str(max(widths))]["jpeg"] if widths else None


def _stored_size(name: str | None) -> int | None:
    if not name:
        return None
    try:
        return default_storage.size(name)
    except Exception:  # noqa: BLE001 - a missing file leaves the size out, not the export
        return None


def _case_files(case: Case, files: list[tuple[str, str]]) -> dict:
    """What the download says about the photos and documents of ``case``; the files
    themselves, with their place in the ZIP, are added to ``files``."""
    folder = f"bestanden/{case.slug}"
    images = []
    for number, image in enumerate(case.images.all(), start=1):
        name = _largest_jpeg(image)
        size = _stored_size(name)
        path = None
        if size is not None:
            path = f"{folder}/{number}-{_file_label(image.alt_text, 'foto')}.jpg"
            files.append((path, name))
        images.append(
            {
                "alt_text": image.alt_text,
                "width": image.width,
                "height": image.height,
                "size": size,
                "hidden": image.is_hidden,
                "file": path,
                "added_at": image.created_at.isoformat(),
            }
        )
    documents = []
    for number, document in enumerate(case.documents.all(), start=1):
        path = None
        if _stored_size(document.file.name) is not None:
            path = f"{folder}/{number}-{_file_label(document.title, 'document')}.pdf"
            files.append((path, document.file.name))
        documents.append(
            {
                "title": document.title,
                "size": document.size,
                "pages": document.page_count,
                "file": path,
                "added_at": document.created_at.isoformat(),
            }
        )
    return {"images": images, "documents": documents}


def account_export(*, user: User, files: list[tuple[str, str]] | None = None) -> dict:
    """Everything the platform holds about one member, as data for ``gegevens.json``.
    The photos and documents of their cases are listed with their place in the ZIP;
    pass a list as ``files`` to get the (place, storage name) pairs of those files."""
    from allauth.account.models import EmailAddress

    files = [] if files is None else files

    profile = profile_ensure(user=user)

    def stamp(value):
        return value.isoformat() if value else None

    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": stamp(user.date_joined),
            "last_login": stamp(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
        },
        "profile": {
            "display_name": profile.display_name,
            "organisation": profile.organisation.name if profile.organisation else None,
            "role": profile.role,
            "bio": profile.bio,
            "is_listed": profile.is_listed,
            "accepts_questions": profile.accepts_questions,
        },
        "cases": [
            {
                "title": case.title,
                "status": case.status,
                "summary": case.summary,
                "body": case.body,
                "what_worked": case.what_worked,
                "do_differently": case.do_differently,
                "phases": [phase.title for phase in case.phases.all()],
                "challenges": [challenge.title for challenge in case.challenges.all()],
                "tags": [tag.name for tag in case.tags.all()],
                "moderator_message": case.moderator_message,
                "created_at": stamp(case.created_at),
                "published_at": stamp(case.published_at),
                **_case_files(case, files),
            }
            for case in user.cases.prefetch_related(
                "phases", "challenges", "tags", "images", "documents"
            )
        ],
        "comments": [
            {
                "case": comment.case.title,
                "body": comment.body,
                "created_at": stamp(comment.created_at),
            }
            for comment in user.comments.select_related("case")
        ],
        "reports": [
            {
                "reason": report.reason,
                "text": report.text,
                "about": str(report.target),
                "created_at": stamp(report.created_at),
            }
            for report in user.reports.select_related("case", "comment__case")
        ],
        # The statements of reasons about this member, and their objections (without the
        # moderators' names: the member was never told those).
        "decisions": [
            {
                "decision": decision.get_kind_display(),
                "about": str(decision.target) if decision.target else None,
                "ground": decision.ground,
                "message": decision.message,
                "automatic": decision.automatic,
                "ends_at": stamp(decision.ends_at),
                "created_at": stamp(decision.created_at),
                "appeal": (
                    {
                        "text": decision.appeal.text,
                        "created_at": stamp(decision.appeal.created_at),
                        "outcome": decision.appeal.outcome,
                        "answer": decision.appeal.answer,
                    }
                    if hasattr(decision, "appeal")
                    else None
                ),
            }
            for decision in user.decisions.select_related("case", "comment__case", "appeal")
        ],
    }
    from community.questions import questions_export  # questions build on this module

    data.update(questions_export(user=user))
    data.update(memberdata.export(user))  # what the other apps hold
    return data


@transaction.atomic
def account_delete(*, user: User, delete_content: bool) -> None:
    """Delete a member. Their published cases and comments stay as 'voormalig lid'
    (the author link is cleared) unless they chose to delete them too."""
    if delete_content:  # what is reported or hidden stays for the moderators, for now
        evidence_delete(user.cases.all(), actor=user)
        evidence_delete(user.comments.all(), actor=user)
    else:
        user.cases.exclude(status=Case.Status.PUBLISHED).delete()
    forget_subject(user)
    memberdata.forget(user)
    user.delete()


# --- Contact ---------------------------------------------------------------------------


@transaction.atomic
def contact_request_create(
    *, name: str, email: str, organisation: str = "", subject: str, message: str
) -> ContactRequest:
    """Store the message, mail it to the team (reply goes to the sender) and confirm
    receipt to the sender. The confirmation does not repeat the message, so the form
    cannot be used to send someone else text of your choosing."""
    contact = ContactRequest(
        name=name, email=email, organisation=organisation, subject=subject, message=message
    )
    contact.full_clean()
    contact.save()
    with for_others():  # for the team; the confirmation is in the sender's language
        send_after_commit(
            "contact_request",
            {"contact": contact},
            [settings.CONTACT_EMAIL],
            reply_to=[contact.email],
        )
    send_after_commit(
        "contact_confirmation", {"contact": contact}, [contact.email], visitor_triggered=True
    )
    return contact

"""Writes with rules for the community: one function each, atomic, logged, mail on commit."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from cocreatie.core import memberdata
from cocreatie.core.actionlog import forget_subject, log_action
from cocreatie.core.content import content_changed
from cocreatie.core.mail import send_after_commit
from cocreatie.core.models import ActionLog
from community.models import (
    Case,
    CaseRevision,
    Comment,
    ContactRequest,
    ModerationVerb,
    Organisation,
    Profile,
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


def moderator_emails() -> list[str]:
    return list(
        User.objects.filter(
            Q(groups__name=settings.MODERATORS_GROUP) | Q(is_superuser=True), is_active=True
        )
        .values_list("email", flat=True)
        .distinct()
    )


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
        raise ValidationError("Kies twee verschillende organisaties.")
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
    return case


@transaction.atomic
def case_update(
    *, case: Case, editor: User, phases=None, challenges=None, tags=None, **fields
) -> Case:
    """Change a case. A published case stays published; its earlier text is kept so
    moderators can see what changed."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.author_id != editor.pk:
        raise PermissionDenied
    if not case.is_editable_by_author:
        raise ValidationError("Dit praktijkverhaal kun je nu niet wijzigen.")
    previous = {name: getattr(case, name) for name in CASE_TEXT_FIELDS}
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    _set_case_relations(case, phases=phases, challenges=challenges, tags=tags)
    current = {name: getattr(case, name) for name in CASE_TEXT_FIELDS}
    if case.status == Case.Status.PUBLISHED and current != previous:
        CaseRevision.objects.create(case=case, editor=editor, previous=previous, current=current)
        log_action(actor=editor, verb=ModerationVerb.EDIT_PUBLISHED, target=case)
    return case


@transaction.atomic
def case_submit(*, case: Case, author: User) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.author_id != author.pk:
        raise PermissionDenied
    if not case.can_submit:
        raise ValidationError("Dit praktijkverhaal is al ingediend.")
    case.status = Case.Status.SUBMITTED
    case.submitted_at = timezone.now()
    case.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(actor=author, verb=ModerationVerb.SUBMIT, target=case)
    send_after_commit("case_submitted", {"case": case}, moderator_emails())
    return case


MODERATION_DECISIONS = {
    "publish": (Case.Status.PUBLISHED, ModerationVerb.PUBLISH),
    "request_changes": (Case.Status.CHANGES_REQUESTED, ModerationVerb.REQUEST_CHANGES),
    "reject": (Case.Status.REJECTED, ModerationVerb.REJECT),
}


@transaction.atomic
def case_decide(*, case: Case, moderator: User, decision: str, message: str) -> Case:
    """Publish, ask for changes or reject a submitted case, always with a message that
    the author sees on the case and receives by e-mail."""
    if not is_moderator(moderator):
        raise PermissionDenied
    if decision not in MODERATION_DECISIONS:
        raise ValidationError("Onbekende beslissing.")
    message = message.strip()
    if not message:
        raise ValidationError("Schrijf een bericht voor de auteur.")
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.SUBMITTED:
        raise ValidationError("Alleen ingediende praktijkverhalen kun je beoordelen.")
    status, action = MODERATION_DECISIONS[decision]
    case.status = status
    case.moderator_message = message
    if status == Case.Status.PUBLISHED and case.published_at is None:
        case.published_at = timezone.now()
    case.save()
    log_action(actor=moderator, verb=action, target=case, message=message)
    if case.author:
        send_after_commit(
            "case_decision", {"case": case, "decision": decision}, [case.author.email]
        )
    return case


@transaction.atomic
def case_feature(*, case: Case, moderator: User, featured: bool) -> Case:
    """Feature a published case on the home page, or stop featuring it."""
    if not is_moderator(moderator):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    if featured and not case.is_published:
        raise ValidationError("Alleen een gepubliceerd praktijkverhaal kun je uitlichten.")
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
    mail_template: str | None, original: Case | Comment | None = None,
) -> None:  # fmt: skip
    """Hide or show a case or comment: the one way visibility changes. The item's open
    reports are resolved, the step is logged, search and cached pages follow, and the
    author is told (when ``mail_template`` is given)."""
    item.is_hidden, item.review_requested_at = hidden, None
    item.hidden_reason = reason if hidden else ""
    item.save()  # the save signal refreshes the search row and the cached pages
    if original is not None:  # the caller's copy shows the new state too
        original.is_hidden, original.hidden_reason = item.is_hidden, item.hidden_reason
        original.review_requested_at = None
    if moderator is not None:
        _resolve_reports(item, moderator)
    log_action(actor=moderator, verb=verb, target=item, message=reason)
    if mail_template and item.author:
        send_after_commit(mail_template, {"item": item, "reason": reason}, [item.author.email])


def _locked(item: Case | Comment) -> Case | Comment:
    return type(item).objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def content_hide(*, item: Case | Comment, moderator: User, reason: str) -> None:
    if not is_moderator(moderator):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError("Schrijf op waarom je dit verbergt.")
    _set_visibility(
        item=_locked(item), moderator=moderator, hidden=True, reason=reason,
        verb=ModerationVerb.HIDE, mail_template="content_hidden", original=item,
    )  # fmt: skip


@transaction.atomic
def content_restore(*, item: Case | Comment, moderator: User, reason: str = "") -> None:
    if not is_moderator(moderator):
        raise PermissionDenied
    _set_visibility(
        item=_locked(item), moderator=moderator, hidden=False, reason=reason.strip(),
        verb=ModerationVerb.RESTORE, mail_template="content_restored", original=item,
    )  # fmt: skip


@transaction.atomic
def content_request_review(*, item: Case | Comment, author: User, message: str) -> None:
    """The author of hidden content asks a moderator to look again, once."""
    item = _locked(item)
    if item.author_id != author.pk:
        raise PermissionDenied
    if not item.is_hidden:
        raise ValidationError("Dit is niet verborgen.")
    if ActionLog.objects.for_target(item).filter(verb=ModerationVerb.REVIEW_REQUEST).exists():
        raise ValidationError("Je hebt al eens om een nieuwe beoordeling gevraagd.")
    item.review_requested_at = timezone.now()
    item.save(update_fields=["review_requested_at"])
    log_action(actor=author, verb=ModerationVerb.REVIEW_REQUEST, target=item, message=message)


def _target_kwargs(item):
    return {"case": item} if isinstance(item, Case) else {"comment": item}


def _resolve_reports(item, moderator):
    Report.objects.filter(resolved_at__isnull=True, **_target_kwargs(item)).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


# --- Comments and reports --------------------------------------------------------------


@transaction.atomic
def comment_create(*, case: Case, author: User, body: str) -> Comment:
    if not case.is_published:
        raise ValidationError("Je kunt alleen reageren op gepubliceerde praktijkverhalen.")
    comment = Comment(case=case, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    case_author = case.author
    if case_author and case_author.pk != author.pk and case_author.is_active:
        profile = profile_ensure(user=case_author)
        if profile.notify_on_comment:
            send_after_commit(
                "comment_posted",
                {"case": case, "comment": comment, "commenter": profile_ensure(user=author)},
                [case_author.email],
            )
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> None:
    if comment.author_id != user.pk:
        raise PermissionDenied
    comment.delete()


@transaction.atomic
def report_create(*, reporter: User, item: Case | Comment, reason: str, text: str = "") -> Report:
    """One report per member per item; the third member's report hides the item."""
    if getattr(item, "author_id", None) == reporter.pk:
        raise ValidationError("Je kunt je eigen bijdrage niet melden.")
    target = _target_kwargs(item)
    if Report.objects.filter(reporter=reporter, **target).exists():
        raise ValidationError("Je hebt dit al gemeld. Een moderator kijkt ernaar.")
    try:
        with transaction.atomic():
            report = Report.objects.create(reporter=reporter, reason=reason, text=text, **target)
    except IntegrityError:
        raise ValidationError("Je hebt dit al gemeld. Een moderator kijkt ernaar.") from None
    open_reporters = Report.objects.filter(resolved_at__isnull=True, **target).aggregate(
        members=Count("reporter", distinct=True)
    )["members"]
    if open_reporters >= AUTO_HIDE_REPORTS:
        locked = _locked(item)
        if not locked.is_hidden:
            _set_visibility(
                item=locked, moderator=None, hidden=True,
                reason="Verborgen na meldingen van leden.",
                verb=ModerationVerb.AUTO_HIDE, mail_template=None, original=item,
            )  # fmt: skip
    send_after_commit("report_created", {"report": report, "item": item}, moderator_emails())
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


# --- Members ----------------------------------------------------------------------------


def _set_suspension(*, member: User, moderator: User, suspended: bool, reason: str) -> None:
    profile = profile_ensure(user=member)
    profile.suspended_at = timezone.now() if suspended else None
    profile.suspended_reason = reason if suspended else ""
    profile.save(update_fields=["suspended_at", "suspended_reason"])
    member.is_active = not suspended
    member.save(update_fields=["is_active"])
    verb = ModerationVerb.SUSPEND if suspended else ModerationVerb.UNSUSPEND
    log_action(actor=moderator, verb=verb, target=member, target_label=profile, message=reason)


@transaction.atomic
def member_suspend(*, member: User, moderator: User, reason: str) -> None:
    """A suspended member can no longer log in or post."""
    if not is_moderator(moderator) or member.pk == moderator.pk:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError("Schrijf op waarom je dit lid schorst.")
    _set_suspension(member=member, moderator=moderator, suspended=True, reason=reason.strip())


@transaction.atomic
def member_unsuspend(*, member: User, moderator: User, reason: str = "") -> None:
    if not is_moderator(moderator):
        raise PermissionDenied
    _set_suspension(member=member, moderator=moderator, suspended=False, reason=reason.strip())


# --- The member's own data ---------------------------------------------------------------


def account_export(*, user: User) -> dict:
    """Everything the platform holds about one member, for download as JSON."""
    from allauth.account.models import EmailAddress

    profile = profile_ensure(user=user)

    def stamp(value):
        return value.isoformat() if value else None

    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
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
            "notify_on_comment": profile.notify_on_comment,
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
            }
            for case in user.cases.prefetch_related("phases", "challenges", "tags")
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
    }
    data.update(memberdata.export(user))  # what the other apps hold
    return data


@transaction.atomic
def account_delete(*, user: User, delete_content: bool) -> None:
    """Delete a member. Their published cases and comments stay as 'voormalig lid'
    (the author link is cleared) unless they chose to delete them too."""
    if delete_content:
        user.cases.all().delete()
        user.comments.all().delete()
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
    send_after_commit(
        "contact_request", {"contact": contact}, [settings.CONTACT_EMAIL], reply_to=[contact.email]
    )
    send_after_commit(
        "contact_confirmation", {"contact": contact}, [contact.email], visitor_triggered=True
    )
    return contact

"""Ask a colleague ("Stel een vraag"): a member asks a colleague who allows it.

The question is stored and relayed by mail to the recipient only, with the asker as
reply-to: the recipient's address stays hidden until they write back. They may also
answer on the site (their address stays hidden then too), which the asker hears of as a
notification. A recipient can block an asker and report a question like a comment;
moderators see it on their dashboard.

A member asks at most ``QUESTION_LIMIT`` questions per ``QUESTION_PERIOD``, counted from
the stored questions (so the limit holds whichever process serves the request).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core import notifications
from cocreatie.core.actionlog import log_action
from cocreatie.core.i18n import for_member
from cocreatie.core.mail import send_after_commit
from community import notifications as community_notifications
from community.models import (
    Case,
    ModerationVerb,
    Profile,
    Question,
    QuestionBlock,
    User,
    member_name,
)
from community.services import profile_ensure

QUESTION_LIMIT = 5
QUESTION_PERIOD = timedelta(hours=24)
# The unsubscribe key of relayed questions (``cocreatie.core.notifications``).
UNSUBSCRIBE_KEY = "questions"
UNSUBSCRIBE_DESCRIPTION = gettext_lazy(
    "Collega's kunnen je geen vragen meer stellen via Cocreatie. Je kunt dit weer aanzetten "
    "bij je profiel."
)
# The same words whether the colleague switched questions off or blocked the asker: a
# block is never announced.
NOT_NOW = gettext_lazy("Je kunt deze collega op dit moment geen vraag stellen.")
RATE_LIMIT_CODE = "rate_limit"


def question_refusal(*, asker: User, recipient_profile: Profile) -> ValidationError | None:
    """Why ``asker`` may not ask ``recipient_profile`` a question now, as the Dutch
    error to show; None when they may."""
    recipient = recipient_profile.user
    asker_profile = getattr(asker, "profile", None)
    if not asker.is_active or (asker_profile and asker_profile.suspended_at):
        return ValidationError(_("Je account is geschorst. Je kunt nu geen vragen stellen."))
    if asker.pk == recipient.pk:
        return ValidationError(_("Je kunt jezelf geen vraag stellen."))
    if (
        not recipient_profile.accepts_questions
        or not recipient_profile.is_listed
        or not recipient.is_active
        or recipient_profile.suspended_at
        or QuestionBlock.objects.filter(recipient=recipient, blocked=asker).exists()
    ):
        return ValidationError(NOT_NOW)
    free_at = _next_free_moment(asker)
    if free_at is not None:
        local = timezone.localtime(free_at)
        return ValidationError(
            _(
                "Je hebt in 24 uur al %(limit)s vragen gesteld. Meer kan niet. Je kunt "
                "weer een vraag stellen vanaf %(day)s om %(time)s uur."
            )
            % {
                "limit": QUESTION_LIMIT,
                "day": date_format(local, "j F"),
                "time": date_format(local, "H.i"),
            },
            code=RATE_LIMIT_CODE,
        )
    return None


def _next_free_moment(asker: User):
    """When ``asker`` may ask again, if they are at the limit now; else None."""
    since = timezone.now() - QUESTION_PERIOD
    asked = list(
        Question.objects.filter(asker=asker, created_at__gt=since)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(asked) < QUESTION_LIMIT:
        return None
    # One more is allowed once only LIMIT - 1 of them are within the period.
    return asked[len(asked) - QUESTION_LIMIT] + QUESTION_PERIOD


@transaction.atomic
def question_ask(
    *, asker: User, recipient_profile: Profile, message: str, case: Case | None = None
) -> Question:
    """Store the question and mail it to the recipient (reply-to: the asker). Refused
    with a Dutch ``ValidationError`` when the colleague does not take questions (now, or
    from this asker), the asker is suspended, or over the limit."""
    asker_profile = profile_ensure(user=asker)
    # One asker's questions are counted one at a time, so two at once cannot both pass.
    asker_profile = (
        Profile.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=asker_profile.pk)
    )
    asker.profile = asker_profile
    recipient_profile = Profile.objects.select_related("user", "organisation").get(
        pk=recipient_profile.pk
    )
    recipient = recipient_profile.user
    refusal = question_refusal(asker=asker, recipient_profile=recipient_profile)
    if refusal is not None:
        raise refusal
    message = message.strip()
    if not message:
        raise ValidationError(_("Schrijf eerst je vraag."))
    if case is not None and (case.author_id != recipient.pk or not case.is_published):
        raise ValidationError(_("Dit praktijkverhaal is niet van deze collega."))
    question = Question(asker=asker, recipient=recipient, case=case, message=message)
    question.full_clean()
    question.save()
    with for_member(recipient):  # their language, not the asker's
        # The template shows it in its footer too (as every mail with an unsubscribe link).
        unsubscribe_url = notifications.unsubscribe_url(recipient, UNSUBSCRIBE_KEY)
        send_after_commit(
            "question_asked",
            {
                "question": question,
                "asker": asker_profile,
                "recipient": recipient_profile,
                "case": case,
                "question_url": f"{settings.SITE_URL}{question.get_absolute_url()}",
                "profile_settings_url": f"{settings.SITE_URL}{reverse('community:profile_update')}",
            },
            [recipient.email],
            reply_to=[asker.email],
            unsubscribe_url=unsubscribe_url,
        )
    return question


@transaction.atomic
def question_answer(*, question: Question, recipient: User, answer: str) -> Question:
    """The recipient answers on the site (their address stays hidden); the asker gets a
    notification. One answer per question."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.recipient_id != recipient.pk:
        raise PermissionDenied
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Schrijf eerst je antwoord."))
    if question.answered_at is not None:
        raise ValidationError(_("Je hebt deze vraag al beantwoord."))
    asker = question.asker
    if asker is None:
        raise ValidationError(
            _("De vraagsteller heeft geen account meer. Je antwoord komt niet aan.")
        )
    question.answer, question.answered_at = answer, timezone.now()
    question.full_clean()
    question.save(update_fields=["answer", "answered_at"])
    name = profile_ensure(user=recipient).display_name
    notifications.notify(
        [asker],
        kind=community_notifications.QUESTION_REPLY,
        title=lambda: _("%(name)s beantwoordde je vraag") % {"name": name},
        url=question.get_absolute_url(),
        text=Truncator(answer).words(40),
        group=community_notifications.OWN,
        actor=recipient,
        target=question,
    )
    return question


@transaction.atomic
def question_block(*, recipient: User, question: Question) -> QuestionBlock:
    """The recipient wants no more questions from this question's asker. The asker is
    not told; they only read that they cannot ask this colleague now."""
    if question.recipient_id != recipient.pk:
        raise PermissionDenied
    if question.asker_id is None:
        raise ValidationError(_("De vraagsteller heeft geen account meer."))
    block, created = QuestionBlock.objects.get_or_create(
        recipient=recipient, blocked_id=question.asker_id
    )
    if created:
        log_action(
            actor=recipient,
            verb=ModerationVerb.QUESTION_BLOCK,
            target=profile_ensure(user=question.asker),
            data={"question": question.pk},
        )
    return block


@transaction.atomic
def question_unblock(*, recipient: User, block: QuestionBlock) -> None:
    """The recipient takes a block back: that member may ask them again."""
    if block.recipient_id != recipient.pk:
        raise PermissionDenied
    QuestionBlock.objects.filter(pk=block.pk).delete()


@transaction.atomic
def questions_stop(user: User) -> None:
    """The one-click unsubscribe of a relayed question's mail: no more questions."""
    profile = profile_ensure(user=user)
    if profile.accepts_questions:
        profile.accepts_questions = False
        profile.save(update_fields=["accepts_questions"])  # the profile page follows


def register_unsubscribe() -> None:
    notifications.register_unsubscribe(UNSUBSCRIBE_KEY, questions_stop, UNSUBSCRIBE_DESCRIPTION)


def questions_export(*, user: User) -> dict:
    """For the member's own download: the questions they asked and received, and whom
    they blocked, with the other member's name only (never their address)."""

    def stamp(value):
        return value.isoformat() if value else None

    def row(question, *, other_key, other):
        return {
            other_key: member_name(other),
            "case": question.case.title if question.case else None,
            "message": question.message,
            "created_at": stamp(question.created_at),
            "answer": question.answer,
            "answered_at": stamp(question.answered_at),
        }

    asked = user.questions_asked.select_related("recipient__profile", "case")
    received = user.questions_received.select_related("asker__profile", "case")
    blocks = user.question_blocks.select_related("blocked__profile")
    return {
        "questions_asked": [row(q, other_key="to", other=q.recipient) for q in asked],
        "questions_received": [row(q, other_key="from", other=q.asker) for q in received],
        "question_blocks": [
            {"blocked": member_name(block.blocked), "created_at": stamp(block.created_at)}
            for block in blocks
        ],
    }

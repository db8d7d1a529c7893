"""The community's notifications: which kinds there are, and who hears of what.

The machinery (storing, mailing at once, the digest, unsubscribing) is
``cocreatie.core.notifications``; this module decides who is told about a published
case, a comment, an answer to a question and a moderator's decision, and holds the
rules of following (a member cannot follow themselves).
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core import following, notifications
from cocreatie.core.i18n import for_member
from cocreatie.core.mail import send_after_commit
from cocreatie.core.models import Follow
from cocreatie.core.notifications import Delivery
from community.models import Case, Comment, Decision, Profile, User, member_name

# Kinds. Own content reaches the member at once by default; the rest weekly.
COMMENT = "comment"  # a comment on your own case
DECISION = "decision"  # a moderator decided about your case or comment
QUESTION_REPLY = "question_reply"  # a colleague answered your question
NEW_CASE = "new_case"  # a published case about something you follow
FOLLOWED_COMMENT = "followed_comment"  # a comment on a case you follow


def register_kinds() -> None:
    notifications.register_kind(
        COMMENT, gettext_lazy("Reacties op je eigen praktijkverhalen"), default=Delivery.MAIL,
        own=True,
        order=10,
    )  # fmt: skip
    notifications.register_kind(
        QUESTION_REPLY, gettext_lazy("Antwoorden op je vragen aan collega's"),
        default=Delivery.MAIL,
        own=True, order=20,
    )  # fmt: skip
    notifications.register_kind(
        DECISION, gettext_lazy("Besluiten van moderatoren over je bijdragen"),
        default=Delivery.MAIL,
        own=True, order=30,
        help_text=gettext_lazy(
            "Een besluit waartegen je bezwaar kunt maken (zoals verbergen of afwijzen) "
            "krijg je altijd ook per mail, met de uitleg."
        ),
    )  # fmt: skip
    notifications.register_kind(
        NEW_CASE, gettext_lazy("Nieuwe praktijkverhalen over wat je volgt"),
        default=Delivery.DIGEST,
        order=40,
    )  # fmt: skip
    notifications.register_kind(
        FOLLOWED_COMMENT, gettext_lazy("Reacties op praktijkverhalen die je volgt"),
        default=Delivery.DIGEST, order=50,
    )  # fmt: skip


# The group (the "why") of what is about the member's own content.
OWN = gettext_lazy("Je eigen bijdragen")
EXCERPT_LENGTH = 300


def _labels(reasons: dict) -> dict:
    """User pk → the followed thing's label, written in each member's language (one
    writer per thing: ``notify`` writes it once per language)."""
    labels = {}
    return {
        user_id: labels.setdefault(obj, partial(following.label_of, obj))
        for user_id, obj in reasons.items()
    }


def _excerpt(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(EXCERPT_LENGTH)


# --- Following ----------------------------------------------------------------------------


def follow_name(obj) -> str:
    """How a followed thing is named in a sentence: "uitdaging ‘Draagvlak’", or a
    member's name."""
    if isinstance(obj, Profile):
        return obj.display_name
    followable = following.followable_for(obj)
    label = followable.label.lower() if followable else ""
    return (_("%(kind)s ‘%(name)s’") % {"kind": label, "name": obj}).strip()


@transaction.atomic
def follow_create(*, user: User, obj) -> Follow:
    """``user`` follows ``obj`` (a registered followable that may be followed)."""
    if isinstance(obj, Profile) and obj.user_id == user.pk:
        raise ValidationError(_("Je kunt jezelf niet volgen."))
    return following.follow(user=user, obj=obj)


@transaction.atomic
def follow_delete(*, user: User, obj) -> bool:
    return following.unfollow(user=user, obj=obj)


# --- Who hears of what ----------------------------------------------------------------------
#
# What a member is told is written for them, not for whoever's request it comes from: in
# the language they chose. Titles and groups are callables or lazy texts, which
# ``notify`` writes in each member's language (``cocreatie.core.i18n``).


def case_published(case: Case) -> list:
    """A case went online for the first time: whoever follows one of its challenges,
    phases, tags, its organisation or its author hears of it, once, under the first of
    those they follow (the author not)."""
    targets = [
        *case.challenges.published(),
        *case.phases.published(),
        *case.tags.all(),
        case.organisation,
        Profile.objects.filter(user_id=case.author_id).first() if case.author_id else None,
    ]
    reasons = following.followers(targets)
    reasons.pop(case.author_id, None)
    if not reasons:
        return []
    return notifications.notify(
        reasons,
        kind=NEW_CASE,
        title=lambda: _("Nieuw praktijkverhaal: %(title)s") % {"title": case.title},
        url=case.get_absolute_url(),
        text=_excerpt(case.summary),
        actor=case.author,
        target=case,
        groups=_labels(reasons),
    )


def case_published_author(case: Case) -> None:
    """The author hears that their case is online, as they chose for decisions: at once
    it is the publication mail with the moderator's message; otherwise a notification
    in the site (and the digest)."""
    author = case.author
    if author is None or not author.is_active:
        return
    at_once = notifications.deliveries_for(author).get(DECISION) == Delivery.MAIL
    notifications.notify(
        [author],
        kind=DECISION,
        title=lambda: _("Je praktijkverhaal is gepubliceerd: %(title)s") % {"title": case.title},
        url=case.get_absolute_url(),
        text=_excerpt(case.moderator_message),
        group=OWN,
        target=case,
        mail=not at_once,
    )
    if at_once:
        with for_member(author):
            send_after_commit(
                "case_decision",
                {"case": case, "preferences_url": notifications.preferences_url()},
                [author.email],
                unsubscribe_url=notifications.unsubscribe_url(author, DECISION),
            )


def comment_posted(comment: Comment) -> list:
    """A comment is online (posted, or approved by a moderator): the case's author
    hears of it (``COMMENT``), and for a reply the author of the comment it answers
    (``COMMENT`` too: it is about their own words; once, when they wrote the case as
    well); whoever follows the case too (``FOLLOWED_COMMENT``); the commenter never."""
    case, commenter = comment.case, comment.author
    common = {
        "title": lambda: (
            _("%(name)s reageerde op ‘%(title)s’")
            % {"name": capfirst(member_name(commenter)), "title": case.title}
        ),
        "url": comment.get_absolute_url(),
        "text": _excerpt(comment.body),
        "actor": commenter,
        "target": comment,
    }
    made = []
    answered = comment.parent.author_id if comment.parent_id else None
    if answered:

        def title():
            return _("%(name)s reageerde op je reactie bij ‘%(title)s’") % {
                "name": capfirst(member_name(commenter)),
                "title": case.title,
            }

        made += notifications.notify(
            [answered], kind=COMMENT, group=OWN, **{**common, "title": title}
        )
    if case.author_id and case.author_id != answered:
        made += notifications.notify([case.author_id], kind=COMMENT, group=OWN, **common)
    followers = set(following.followers([case])) - {case.author_id, answered}
    if followers:
        made += notifications.notify(
            followers, kind=FOLLOWED_COMMENT, group=partial(following.label_of, case), **common
        )
    return made


def decision_notified(decision: Decision) -> list:
    """A statement of reasons, in the member's notifications too. It is always mailed
    on its own (``decision_notice``), so this one is stored as mailed."""
    from community.decisions import appeal_url  # decisions call this module

    item = decision.target
    if isinstance(item, Case):
        url = f"{item.get_absolute_url()}#besluit"
    elif isinstance(item, Comment):
        url = item.get_absolute_url()
    else:
        url = appeal_url(decision) or reverse("community:my_cases")

    def title():
        kind = decision.get_kind_display().lower()
        if isinstance(item, Case):
            return _("Besluit van de moderatie: %(decision)s (%(title)s)") % {
                "decision": kind,
                "title": item.title,
            }
        return _("Besluit van de moderatie: %(decision)s") % {"decision": kind}

    return notifications.notify(
        [decision.member],
        kind=DECISION,
        title=title,
        url=url,
        text=_excerpt(decision.message),
        group=OWN,
        target=item,
        mail=False,
    )


def content_withdrawn(items) -> None:
    """Cases or comments left public view (hidden, or deleted by their author): what
    others were told about them goes, with the comments of a case; the author keeps
    the statement of reasons (``DECISION``)."""
    items = list(items)
    case_ids = [item.pk for item in items if isinstance(item, Case)]
    comment_ids = {item.pk for item in items if isinstance(item, Comment)}
    if case_ids:
        comment_ids |= set(
            Comment.objects.filter(case_id__in=case_ids).values_list("pk", flat=True)
        )
    notifications.withdraw(Case, case_ids, keep_kinds=[DECISION])
    notifications.withdraw(Comment, comment_ids, keep_kinds=[DECISION])


# --- The member's own data ------------------------------------------------------------------


def member_export(*, user: User) -> dict:
    """What the member follows and how their notifications reach them."""
    return {
        "following": [
            {"kind": str(followable.label), "name": str(obj)}
            for followable, items in following.follow_list(user)
            for obj in items
        ],
        "notification_preferences": {
            str(notifications.get_kind(key).label): str(Delivery(value).label)
            for key, value in notifications.deliveries_for(user).items()
        },
        "notifications": [
            {
                "title": notification.title,
                "why": notification.group,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in user.notifications.all()
        ],
    }


def member_forget(*, user: User) -> None:
    following.forget(user)
    notifications.forget(user)

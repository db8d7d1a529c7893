"""The comments of a case as its page shows them: threads, paged.

A thread is a top-level comment with its replies (one level deep: a reply to a reply is
stored under the comment it answers, see ``services.comment_create``). The newest
thread comes first, because a case with a thousand comments is read for what is being
discussed now, and whoever starts a thread finds it on the first page; the replies in a
thread read as a conversation, oldest first. ``THREADS_PER_PAGE`` threads a page, with
numbered page links (``?reacties=N``).

Every page costs the same three queries however many comments the case has: the counts
(all comments the viewer sees, and the threads), the page of threads with their
authors, and the replies of those threads.

Who sees what is ``Comment.objects.visible_to``. A thread whose top comment the viewer
may not see (hidden, or deleted while reported) but that has replies they may see stays
on the page as a short notice, so the replies keep their place.

``comment_url`` is where a link to a comment goes (``Comment.get_absolute_url``): the
case page with ``?reactie=<pk>``, which opens the page its thread is on at that moment.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from community.models import Case, Comment

THREADS_PER_PAGE = 50
PAGE_PARAM = "reacties"  # ?reacties=2: the second page of threads
REPLY_PARAM = "reageer"  # ?reageer=<pk>: the comment form answers that comment
COMMENT_PARAM = "reactie"  # ?reactie=<pk>: the page with that comment's thread
NEWEST_FIRST = ("-created_at", "-pk")
AUTHORS = "author__profile__organisation"


def _threads(comments: QuerySet, visible: QuerySet) -> QuerySet:
    """The top-level comments of ``comments`` that are shown as a thread to a viewer who
    sees ``visible`` (``Comment.objects.visible_to``, of any case: the subqueries match
    by id): those they see, and those with a reply they see. Each one is annotated
    ``is_shown``: whether the viewer sees the comment itself."""
    shown = Exists(visible.filter(pk=OuterRef("pk")))
    answered = Exists(visible.filter(parent=OuterRef("pk")))
    return comments.filter(parent=None).annotate(is_shown=shown).filter(Q(is_shown=True) | answered)


@dataclass
class Thread:
    comment: Comment
    replies: list = field(default_factory=list)

    @property
    def is_shown(self) -> bool:
        """False: only the notice that the comment is not there (its replies are)."""
        return self.comment.is_shown

    @property
    def can_reply(self) -> bool:
        comment = self.comment
        return self.is_shown and not (comment.is_hidden or comment.held_at or comment.deleted_at)


@dataclass
class CommentPage:
    """One page of the threads of ``case``, and the counts for its heading."""

    case: Case
    threads: list[Thread]
    page: object  # django.core.paginator.Page
    total: int  # every comment the viewer sees, replies included

    def url(self, number: int | None = None) -> str:
        """The address of page ``number`` (default: this one); page 1 has no query."""
        number = self.page.number if number is None else number
        query = f"?{PAGE_PARAM}={number}" if number > 1 else ""
        return f"{self.case.get_absolute_url()}{query}"

    @property
    def reply_prefix(self) -> str:
        """This page's address up to the id of a comment to answer (``?reageer=``)."""
        return f"{self.url()}{'&' if self.page.number > 1 else '?'}{REPLY_PARAM}="

    @property
    def page_links(self) -> list[dict]:
        """The numbered links: the first and last page and two around this one, with a
        gap (``None`` as number) where pages are left out."""
        if not self.page.has_other_pages():
            return []
        numbers = self.page.paginator.get_elided_page_range(
            self.page.number, on_each_side=2, on_ends=1
        )
        return [
            {"number": number, "url": self.url(number), "current": number == self.page.number}
            if isinstance(number, int)
            else {"number": None}
            for number in numbers
        ]

    @property
    def previous_url(self) -> str | None:
        return self.url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page.next_page_number()) if self.page.has_next() else None

    def find(self, pk) -> Comment | None:
        """The top-level comment on this page that ``pk`` (a comment, or a reply in its
        thread) may be answered under, if it may be answered; else None."""
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            return None
        for thread in self.threads:
            if thread.comment.pk == pk or any(reply.pk == pk for reply in thread.replies):
                return thread.comment if thread.can_reply else None
        return None


def _page_number(raw, last: int) -> int:
    """A page that is not a number shows the first page; past the end, the last one."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), last)


def comment_page(*, case: Case, user, page=None) -> CommentPage:
    """Page ``page`` (the raw ``?reacties=`` value, or a number) of the threads of
    ``case`` as ``user`` sees them. Three queries."""
    comments = Comment.objects.filter(case=case)
    threads = _threads(comments, Comment.objects.visible_to(user))
    visible = comments.visible_to(user)
    counts = comments.aggregate(
        total=Count("pk", filter=Q(pk__in=visible.values("pk"))),
        threads=Count("pk", filter=Q(pk__in=threads.values("pk"))),
    )
    paginator = Paginator(threads.select_related(AUTHORS).order_by(*NEWEST_FIRST), THREADS_PER_PAGE)
    paginator.count = counts["threads"]  # counted above, with the total: no second COUNT
    page_obj = paginator.page(_page_number(page, paginator.num_pages))
    tops = page_obj.object_list = list(page_obj.object_list)
    by_pk = {top.pk: Thread(top) for top in tops}
    if tops:
        replies = visible.filter(parent__in=list(by_pk)).select_related(AUTHORS)
        for reply in replies.order_by("created_at", "pk"):
            thread = by_pk[reply.parent_id]
            reply.parent = thread.comment  # no query for the parent when it is asked for
            thread.replies.append(reply)
    return CommentPage(case, [by_pk[top.pk] for top in tops], page_obj, counts["total"])


# --- Where a link to a comment goes ---------------------------------------------------------


def _public_threads(case_id) -> QuerySet:
    """The threads of a case as a visitor who is not logged in sees them."""
    return _threads(
        Comment.objects.filter(case_id=case_id), Comment.objects.visible_to(AnonymousUser())
    )


def _newer(threads: QuerySet, created_at, pk) -> QuerySet:
    """The threads of ``threads`` that come before the one started at (created_at, pk)."""
    return threads.filter(Q(created_at__gt=created_at) | Q(created_at=created_at, pk__gt=pk))


def _page_of(position: int) -> int:
    return position // THREADS_PER_PAGE + 1


def thread_page_number(comment: Comment) -> int:
    """The page (1, 2, ...) that shows ``comment``'s thread now, counted among the
    threads a visitor sees; a moderator, who also sees hidden threads, may find it a
    page on."""
    top = comment.parent if comment.parent_id else comment
    return _page_of(_newer(_public_threads(top.case_id), top.created_at, top.pk).count())


def comment_url(comment: Comment) -> str:
    """A link to a comment that stays right: new threads push old ones to later pages,
    so the link names the comment (``?reactie=``) and the case page finds its page when
    it is opened (``page_of_comment``). No query."""
    return f"{comment.case.get_absolute_url()}?{COMMENT_PARAM}={comment.pk}#reactie-{comment.pk}"


def page_of_comment(case: Case, raw) -> int | None:
    """The page of the thread of comment ``raw`` (the ``?reactie=`` value) of ``case``;
    None when it is no comment of that case."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    comment = Comment.objects.filter(case=case, pk=pk).select_related("parent").first()
    return thread_page_number(comment) if comment else None

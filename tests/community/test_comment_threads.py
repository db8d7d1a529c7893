"""Comments that scale: a member answers a comment ("Reageer op …") and the answer shows
under it, one level deep; the case page shows the newest 50 threads a page with
numbered page links; a link to a comment opens the page it is on; the heading counts
the comments; the case's author is marked; whoever wrote the comment answered hears
of it; and the page answers in the same number of queries with 10 comments or 1,000."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.models import Notification
from community import comments, notifications, services, spam
from community.models import Comment
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class CommentTree(HTMLParser):
    """Where each comment (``<li id="reactie-N">``) stands in the page: the comment whose
    list item it is inside (None for a thread), and the label of the list it is in."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.inside: dict[int, int | None] = {}
        self.list_label: dict[int, str | None] = {}
        self.order: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        match = re.fullmatch(r"reactie-(\d+)", attrs.get("id") or "")
        if tag == "li" and match:
            pk = int(match.group(1))
            outer = [int(a["id"][8:]) for t, a in self.stack if t == "li" and a.get("comment")]
            lists = [a for t, a in self.stack if t == "ol"]
            self.inside[pk] = outer[-1] if outer else None
            self.list_label[pk] = lists[-1].get("aria-label") if lists else None
            self.order.append(pk)
            attrs["comment"] = "1"
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def threads(self) -> list[int]:
        return [pk for pk in self.order if self.inside[pk] is None]


def member(name: str):
    user = VerifiedUserFactory()
    user.profile.display_name = name
    user.profile.save()
    return user


@pytest.fixture
def anna():
    return member("Anna Jansen")


@pytest.fixture
def case(anna):
    return CaseFactory(author=anna, title="Buurtkamer in Houten")


def page_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def post(client, case, **data):
    return client.post(reverse("community:comment_create", args=[case.slug]), data)


def many_comments(case, count, *, authors, start=None):
    """``count`` top-level comments on ``case``, the first the oldest."""
    start = start or timezone.now() - timedelta(days=30)
    made = Comment.objects.bulk_create(
        Comment(case=case, author=authors[n % len(authors)], body=f"Reactie nummer {n}")
        for n in range(count)
    )
    # created_at is set on save: spread them out, one minute apart, in the order made.
    for number, comment in enumerate(made):
        comment.created_at = start + timedelta(minutes=number)
    Comment.objects.bulk_update(made, ["created_at"], batch_size=500)
    return made


# --- Replies -------------------------------------------------------------------------------


def test_a_reply_shows_under_the_comment_it_answers(client, case):
    bram, chris = member("Bram de Boer"), member("Chris Pinas")
    comment = CommentFactory(case=case, author=bram, body="Hoe kregen jullie de buren mee?")
    client.force_login(chris)

    page = page_of(client, case.get_absolute_url())
    link = f"{case.get_absolute_url()}?reageer={comment.pk}#reageren"
    assert f'href="{link}">Reageer op Bram de Boer</a>' in page

    form_page = page_of(client, link)
    tree = CommentTree(form_page)
    form_at = form_page.index('id="reageren"')
    assert form_page.rfind(f'id="reactie-{comment.pk}"', 0, form_at) != -1
    assert "Je reageert op Bram de Boer." in form_page
    assert f'<input type="hidden" name="parent" value="{comment.pk}"' in form_page
    assert f'href="{case.get_absolute_url()}#reactie-{comment.pk}">Annuleren' in form_page
    assert tree.threads() == [comment.pk]

    response = post(client, case, body="Met koffie aan de deur.", parent=comment.pk)

    reply = Comment.objects.get(body="Met koffie aan de deur.")
    assert reply.parent == comment
    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    tree = CommentTree(page_of(client, case.get_absolute_url()))
    assert tree.threads() == [comment.pk]
    assert tree.inside[reply.pk] == comment.pk
    assert tree.list_label[reply.pk] == "Antwoorden op Bram de Boer"


def test_a_reply_to_a_reply_goes_under_the_comment_that_started_the_thread(client, case):
    comment = CommentFactory(case=case)
    first = services.comment_create(case=case, author=member("Bram"), body="Ja.", parent=comment)
    client.force_login(member("Chris"))

    post(client, case, body="Ik ook.", parent=first.pk)

    second = Comment.objects.get(body="Ik ook.")
    assert second.parent == comment
    tree = CommentTree(page_of(client, case.get_absolute_url()))
    assert tree.inside[first.pk] == tree.inside[second.pk] == comment.pk
    assert tree.threads() == [comment.pk]


def test_replies_read_oldest_first_under_their_comment(case):
    comment = CommentFactory(case=case)
    replies = [
        services.comment_create(case=case, author=member(f"Lid {n}"), body=f"{n}", parent=comment)
        for n in range(3)
    ]

    page = comments.comment_page(case=case, user=member("Lezer"))

    assert [reply.pk for reply in page.threads[0].replies] == [reply.pk for reply in replies]


def test_a_reply_to_a_comment_of_another_case_is_refused_in_dutch(client, case):
    elsewhere = CommentFactory(case=CaseFactory())
    client.force_login(member("Chris"))

    response = post(client, case, body="Mijn antwoord, met zorg getypt.", parent=elsewhere.pk)

    page = response.content.decode()
    assert response.status_code == 200
    assert str(services.REPLY_OTHER_CASE) in page
    assert "Mijn antwoord, met zorg getypt." in page  # nothing typed is lost
    assert not Comment.objects.filter(body__startswith="Mijn antwoord").exists()
    # Sent again, the text becomes a comment of its own: the refused parent is gone.
    assert '<input type="hidden" name="parent" id="id_parent">' in page
    with pytest.raises(ValidationError) as refused:
        services.comment_create(case=case, author=member("Dirk"), body="Hoi", parent=elsewhere)
    assert refused.value.messages == [services.REPLY_OTHER_CASE]


@pytest.mark.parametrize(
    "state",
    [{"is_hidden": True, "hidden_reason": "Kwetsend"}, {"held_at": timezone.now()}],
    ids=["hidden", "held"],
)
def test_a_reply_to_a_comment_others_do_not_see_is_refused_in_dutch(client, case, state):
    comment = CommentFactory(case=case, **state)
    client.force_login(member("Chris"))

    response = post(client, case, body="Eens!", parent=comment.pk)

    assert response.status_code == 200
    assert "Op deze reactie kun je niet meer reageren" in response.content.decode()
    assert not comment.replies.exists()
    assert not Comment.objects.filter(body="Eens!").exists()


def test_a_reply_to_a_comment_that_is_gone_is_refused_in_dutch(client, case):
    client.force_login(member("Chris"))

    for parent in ("999999", "abc", "-1", "²", "١٢", "9" * 40):
        response = post(client, case, body="Eens!", parent=parent)
        page = response.content.decode()
        assert response.status_code == 200
        assert "De reactie waarop je antwoordt, is er niet meer." in page
    assert not Comment.objects.exists()


def test_no_reply_link_on_replies_or_for_visitors(client, case):
    comment = CommentFactory(case=case)
    reply = services.comment_create(case=case, author=member("Bram"), body="Ja", parent=comment)

    assert "Reageer op" not in page_of(client, case.get_absolute_url())
    client.force_login(member("Chris"))
    page = page_of(client, case.get_absolute_url())
    assert f"reageer={comment.pk}#" in page
    assert f"reageer={reply.pk}#" not in page


def test_a_reply_with_an_error_comes_back_under_its_comment_on_its_page(client, case):
    old = many_comments(case, 60, authors=[member("Bram de Boer")])[0]  # on page 2
    client.force_login(member("Chris"))

    response = post(client, case, body="  ", parent=old.pk)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf eerst je reactie." in page
    assert "Je reageert op Bram de Boer." in page
    assert f'<input type="hidden" name="parent" value="{old.pk}"' in page
    assert page.rfind(f'id="reactie-{old.pk}"', 0, page.index('id="reageren"')) != -1
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2<' in page
    # The page links lead to the case page, not to the address the form was sent to.
    assert f'href="{case.get_absolute_url()}#reacties"' in page


def test_a_thread_whose_comment_was_hidden_keeps_its_replies(client, case):
    comment = CommentFactory(case=case, body="Dit is kwetsend.")
    reply = services.comment_create(
        case=case, author=member("Bram"), body="Zo niet.", parent=comment
    )
    services.content_hide(item=comment, moderator=ModeratorFactory(), reason="Kwetsend")

    page = page_of(client, case.get_absolute_url())

    assert "Dit is kwetsend." not in page
    assert "Deze reactie is verborgen door een moderator." in page
    assert CommentTree(page).inside[reply.pk] == comment.pk
    assert "1 reactie<" in page  # only the reply counts


def test_deleting_a_comment_keeps_the_replies_of_others(client, case):
    bram = member("Bram")
    comment = CommentFactory(case=case, author=bram)
    reply = services.comment_create(case=case, author=member("Chris"), body="Ja!", parent=comment)

    services.comment_delete(comment=comment, user=bram)

    reply.refresh_from_db()
    assert reply.parent is None
    assert CommentTree(page_of(client, case.get_absolute_url())).threads() == [reply.pk]


# --- Pages ---------------------------------------------------------------------------------


def test_the_first_page_shows_the_newest_50_threads_and_links_to_the_others(client, case):
    made = many_comments(case, 120, authors=[member("Bram")])
    newest_first = [comment.pk for comment in reversed(made)]
    url = case.get_absolute_url()

    first = page_of(client, url)
    second = page_of(client, f"{url}?reacties=2")

    assert CommentTree(first).threads() == newest_first[:50]
    assert CommentTree(second).threads() == newest_first[50:100]
    assert CommentTree(page_of(client, f"{url}?reacties=3")).threads() == newest_first[100:]
    assert (
        f'href="{url}?reacties=2#reacties"><span class="visually-hidden">Pagina </span>2<' in first
    )
    assert (
        f'href="{url}?reacties=3#reacties"><span class="visually-hidden">Pagina </span>3<' in first
    )
    assert f'href="{url}?reacties=2#reacties" rel="next"' in first
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>1<' in first
    assert f'href="{url}#reacties" rel="prev"' in second
    assert "Pagina 1 van 3" in first


def test_one_page_of_threads_has_no_page_links(client, case):
    many_comments(case, 50, authors=[member("Bram")])

    page = page_of(client, case.get_absolute_url())

    assert "Pagina's met reacties" not in page
    assert len(CommentTree(page).threads()) == 50


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("999", 3), ("4", 3), ("abc", 1), ("0", 1), ("-2", 1), ("", 1), ("9" * 40, 3)],
)
def test_a_page_that_is_not_there_shows_the_nearest_one(client, case, asked, shown):
    many_comments(case, 101, authors=[member("Bram")])

    page = page_of(client, f"{case.get_absolute_url()}?reacties={asked}")

    assert f"Pagina {shown} van 3" in page


def test_a_link_to_a_comment_opens_the_page_with_its_thread(client, case):
    made = many_comments(case, 130, authors=[member("Bram")])
    on_page_3 = made[5]  # the 125th newest thread
    reply = services.comment_create(case=case, author=member("Chris"), body="Ja", parent=on_page_3)
    url = case.get_absolute_url()

    assert reply.get_absolute_url() == f"{url}?reactie={reply.pk}#reactie-{reply.pk}"
    for comment, page in ((on_page_3, 3), (reply, 3), (made[-1], 1), (made[-51], 2)):
        path, fragment = comment.get_absolute_url().split("#")
        shown = page_of(client, path)
        assert f"Pagina {page} van 3" in shown, comment
        assert f'id="{fragment}"' in shown


def test_a_link_made_earlier_still_opens_the_right_page_after_new_threads(client, case):
    """A notification or mail keeps its link for weeks; threads started since then push
    the comment to a later page, and the link follows it there."""
    made = many_comments(case, 40, authors=[member("Bram")])
    link = made[0].get_absolute_url().split("#")[0]
    assert "Pagina" not in page_of(client, link)  # one page

    many_comments(case, 70, authors=[member("Chris")])

    assert "Pagina 3 van 3" in page_of(client, link)


def test_a_link_to_a_comment_of_another_case_opens_the_first_page(client, case):
    many_comments(case, 60, authors=[member("Bram")])

    page = page_of(client, f"{case.get_absolute_url()}?reactie={CommentFactory().pk}")

    assert "Pagina 1 van 2" in page


def test_the_moderators_queue_links_to_the_page_of_a_hidden_comment(client, case):
    made = many_comments(case, 80, authors=[member("Bram")])
    moderator = ModeratorFactory()
    services.content_hide(item=made[0], moderator=moderator, reason="Spam")
    client.force_login(moderator)

    page = page_of(client, reverse("community:moderation"))
    href = f"{case.get_absolute_url()}?reactie={made[0].pk}#reactie-{made[0].pk}"
    assert f'href="{href}"' in page
    assert "Pagina 2 van 2" in page_of(client, href.split("#")[0])


# --- The heading, the author ---------------------------------------------------------------


def test_the_heading_counts_every_comment_a_visitor_sees(client, case):
    threads = many_comments(case, 10, authors=[member("Bram")])
    for _ in range(2):
        services.comment_create(case=case, author=member("Chris"), body="Ja", parent=threads[0])
    CommentFactory(case=case, is_hidden=True)

    assert '<h2 id="reacties-titel">12 reacties</h2>' in page_of(client, case.get_absolute_url())
    client.force_login(ModeratorFactory())  # moderators see the hidden one too
    assert '<h2 id="reacties-titel">13 reacties</h2>' in page_of(client, case.get_absolute_url())


def test_the_heading_says_one_comment_and_no_comments(client, case):
    assert '<h2 id="reacties-titel">Reacties</h2>' in page_of(client, case.get_absolute_url())
    CommentFactory(case=case)
    assert '<h2 id="reacties-titel">1 reactie</h2>' in page_of(client, case.get_absolute_url())


def test_the_author_of_the_case_is_marked_in_the_comments(client, case, anna):
    mine = CommentFactory(case=case, author=anna, body="Dank jullie!")
    theirs = CommentFactory(case=case, author=member("Bram"), body="Mooi.")
    label = (
        '<span class="badge badge--author"><span class="visually-hidden">(</span>auteur van '
        'dit verhaal<span class="visually-hidden">)</span></span>'
    )

    page = page_of(client, case.get_absolute_url())

    def part(comment):
        start = page.index(f'id="reactie-{comment.pk}"')
        return page[start : page.index("</li>", start)]

    assert label in part(mine)
    assert "auteur van dit verhaal" not in part(theirs)


# --- Notifications -------------------------------------------------------------------------


def titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_the_author_of_the_comment_answered_hears_of_the_reply(case, anna):
    bram, chris = member("Bram"), member("Chris")
    comment = services.comment_create(case=case, author=bram, body="Vraagje")

    reply = services.comment_create(case=case, author=chris, body="Antwoord", parent=comment)

    assert titles(bram) == ["Chris reageerde op je reactie bij ‘Buurtkamer in Houten’"]
    notification = Notification.objects.get(user=bram)
    assert notification.kind == notifications.COMMENT
    assert notification.url == reply.get_absolute_url()
    assert "Chris reageerde op ‘Buurtkamer in Houten’" in titles(anna)
    assert titles(chris) == []  # the replier never hears of their own reply


def test_the_case_author_answered_hears_of_it_once(case, anna):
    comment = services.comment_create(case=case, author=anna, body="Vragen? Stel ze hier.")
    Notification.objects.all().delete()

    services.comment_create(case=case, author=member("Bram"), body="Ja!", parent=comment)

    assert titles(anna) == ["Bram reageerde op je reactie bij ‘Buurtkamer in Houten’"]


def test_answering_yourself_tells_only_the_others(case, anna):
    bram = member("Bram")
    comment = services.comment_create(case=case, author=bram, body="Eerste")
    Notification.objects.all().delete()

    services.comment_create(case=case, author=bram, body="Nog iets", parent=comment)

    assert titles(bram) == []
    assert titles(anna) == ["Bram reageerde op ‘Buurtkamer in Houten’"]


def test_a_held_reply_is_told_once_a_moderator_approves_it(case, settings):
    settings.COMMENT_HOLD_LINKS_HOURS = 24
    bram = member("Bram")
    comment = services.comment_create(case=case, author=bram, body="Vraagje")

    reply = services.comment_create(
        case=case, author=member("Nieuw lid"), body="Kijk op https://example.org", parent=comment
    )
    assert reply.held_at and titles(bram) == []

    spam.comment_approve(comment=reply, moderator=ModeratorFactory())
    assert titles(bram) == ["Nieuw lid reageerde op je reactie bij ‘Buurtkamer in Houten’"]


# --- Queries -------------------------------------------------------------------------------


def queries_for(client, url) -> int:
    client.get(url)  # caches of the first request (content types, sessions) warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(case, count, authors):
    """``count`` comments: threads, a fifth of them replies, a few hidden."""
    threads = many_comments(case, count - count // 5, authors=authors)
    Comment.objects.bulk_create(
        Comment(case=case, author=authors[n % len(authors)], body="Ja", parent=threads[-1 - n])
        for n in range(count // 5)
    )
    Comment.objects.filter(pk__in=[threads[-2].pk, threads[-4].pk]).update(
        is_hidden=True, hidden_reason="Spam"
    )


@pytest.mark.parametrize("role", ["anonymous", "member", "moderator"])
def test_the_case_page_takes_as_many_queries_with_1000_comments_as_with_10(client, role):
    """The threads of a page with their authors, their replies and the counts: three
    queries, whatever the number of comments (no query per comment, no COUNT per page)."""
    authors = [member(f"Lid {n}") for n in range(8)]
    few, lots = CaseFactory(), CaseFactory()
    fill(few, 10, authors)
    fill(lots, 1_000, authors)
    if role == "member":
        client.force_login(member("Lezer"))
    elif role == "moderator":
        client.force_login(ModeratorFactory())

    for page in ("", "?reacties=2"):
        small = queries_for(client, few.get_absolute_url() + page)
        large = queries_for(client, lots.get_absolute_url() + page)
        assert large == small, f"{role}, page {page or 1}: {small} queries with 10, {large}"
    page = client.get(lots.get_absolute_url()).content.decode()
    assert len(CommentTree(page).threads()) == 50
    assert "Pagina 1 van 16" in page

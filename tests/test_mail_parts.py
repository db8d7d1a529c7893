"""Every mail the site sends has two parts, plain text and HTML, that say the same and
hold the same links; the HTML part is Dutch, escapes what members wrote, and loads
nothing from elsewhere (so it reads the same with images and remote content off).

Each template in templates/mail/ is rendered here with a context like the one its
service gives it; a new template without a context here fails the walk.
"""

import dataclasses
import email
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from cocreatie.core import mail, notifications
from cocreatie.core.mail import html_from_text, render_mail, send_after_commit, send_outgoing
from cocreatie.core.models import Notification, OutgoingMail
from community import notifications as community_notifications
from community.decisions import decision_record, notice_context
from community.models import Appeal, CaseImage, ContactRequest, Decision, Question, Report
from sessions_app.models import Seat
from sessions_app.planning import SessionChange, SessionDetails
from tests.community.factories import (
    CaseFactory,
    CommentFactory,
    ModeratorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)
from tests.plain_language import find_jargon
from tests.planner.factories import TrajectoryFactory
from tests.sessions.factories import SeatFactory, SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db

MAIL_DIR = Path(settings.BASE_DIR) / "templates" / "mail"
# What a member typed, with everything HTML would take for markup.
HOSTILE = 'Kijk <script>alert("x")</script> & <b>vet</b> "echt"'


def mail_templates() -> list[str]:
    return sorted(
        path.stem
        for path in MAIL_DIR.glob("*.txt")
        if not path.name.startswith("_") and not path.stem.endswith("_subject")
    )


# --- Reading the two parts --------------------------------------------------------------


class _Html(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.words: list[str] = []
        self.title = ""
        self._in_title = False
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        else:
            self.words.append(data)

    def find(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def links(self) -> set[str]:
        return {attrs["href"] for attrs in self.find("a")}

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


def text_links(text: str) -> set[str]:
    """The addresses a reader of the plain text sees (and a mail program links)."""
    return {url.rstrip(".,;:!?)\"'") for url in re.findall(r"https?://\S+", text)}


def html_part(message) -> str:
    (content,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return content


def assert_parts_agree(message, *, same_words=True):
    text, source = message.body, html_part(message)
    page = _Html(source)
    assert text.strip(), "the text part is empty"
    assert page.links == text_links(text), "both parts must hold the same links"
    assert page.find("html") == [{"lang": "nl"}]
    assert page.title.strip() == message.subject
    # Nothing from elsewhere: no images, stylesheets, scripts, fonts or frames.
    for tag in ("img", "script", "link", "iframe", "object", "style", "picture"):
        assert not page.find(tag), f"<{tag}> in the HTML part"
    assert not re.search(r"\bsrc\s*=|url\(|@import", source, re.IGNORECASE)
    if same_words:
        # The HTML says what the text says (list dashes aside), word for word.
        words = " ".join(
            line.strip()[2:] if line.strip().startswith("- ") else line for line in text.split("\n")
        )
        assert " ".join(words.split()) in page.text
    return page


# --- Contexts like the services give them ---------------------------------------------------


@pytest.fixture
def world():
    author = VerifiedUserFactory(first_name="Anna")
    author.profile.organisation = OrganisationFactory(name="Gemeente Zeist")
    author.profile.role = "Beleidsadviseur"
    author.profile.save()
    moderator = ModeratorFactory()
    case = CaseFactory(author=author, title=HOSTILE, moderator_message=HOSTILE)
    comment = CommentFactory(case=case, body=HOSTILE)
    decision = decision_record(
        kind=Decision.Kind.HIDDEN, member=author, item=case, ground="respect",
        message=HOSTILE, moderator=moderator,
    )  # fmt: skip
    session = SessionFactory(
        series=SeriesFactory(title="Samen ontwerpen"),
        starts_at=timezone.now() + timedelta(hours=5),
    )
    seat = SeatFactory(session=session)
    waiting = SeatFactory(
        session=SessionFactory(series=session.series),
        registration=seat.registration,
        status=Seat.Status.WAITING,
    )
    seats = list(
        seat.registration.seats.with_waiting_place()
        .select_related("session__series")
        .order_by("session__order")
    )
    notification = Notification(
        user=author, kind=community_notifications.COMMENT, title=HOSTILE, text=HOSTILE,
        url=comment.get_absolute_url(), group="Je eigen bijdragen", created_at=timezone.now(),
    )  # fmt: skip
    return {
        "author": author,
        "case": case,
        "comment": comment,
        "decision": decision,
        "moderator": moderator,
        "session": session,
        "seat": seat,
        "seats": seats,
        "waiting": [seat for seat in seats if seat.pk == waiting.pk],
        "notification": notification,
    }


def _registration(w, **extra):
    return {"registration": w["seat"].registration, "session": w["session"], **extra}


def _session_changed(w):
    session = w["session"]
    old = SessionDetails.of(session)
    new = dataclasses.replace(old, starts_at=old.starts_at + timedelta(days=1))
    new = dataclasses.replace(new, ends_at=new.starts_at + timedelta(hours=1), title="Nieuw")
    return _registration(w, seat=w["seat"], change=SessionChange(old=old, new=new))


def _contact():
    return {
        "contact": ContactRequest.objects.create(
            name="Jan <Jansen>", email="jan@example.org", subject="question", message=HOSTILE
        )
    }


def _question(w):
    asker = VerifiedUserFactory(first_name="Piet")
    question = Question.objects.create(asker=asker, recipient=w["author"], message=HOSTILE)
    return {
        "question": question,
        "asker": asker.profile,
        "recipient": w["author"].profile,
        "case": w["case"],
        "question_url": f"{settings.SITE_URL}{question.get_absolute_url()}",
        "profile_settings_url": f"{settings.SITE_URL}{reverse('community:profile_update')}",
    }


def _digest(w):
    from cocreatie.core import digest

    items = [
        Notification(
            user=w["author"],
            kind=community_notifications.NEW_CASE,
            title=f"{HOSTILE} {n}",
            text=HOSTILE,
            url=f"/community/verhalen/verhaal-{n}/",
            group="Uitdaging: Draagvlak" if n % 2 else "Organisatie: Gemeente Zeist",
            created_at=timezone.now() - timedelta(hours=n),
        )  # fmt: skip
        for n in range(4)
    ]
    return {
        "user": w["author"],
        "subject_line": digest.subject_line(7),
        "sections": digest._sections(items),
        "total": 7,
        "more": 3,
        "previous": timezone.now() - timedelta(days=7),
        "notifications_url": f"{settings.SITE_URL}{reverse('community:notification_list')}",
        "preferences_url": notifications.preferences_url(),
    }


CONTEXTS = {
    "appeal_received": lambda w: {
        "appeal": (appeal := Appeal.objects.create(decision=w["decision"], text=HOSTILE)),
        "decision": appeal.decision,
        "item": w["case"],
    },
    "case_decision": lambda w: {"case": w["case"]},
    "case_image_hidden": lambda w: {
        "case": w["case"],
        "image": CaseImage(case=w["case"], alt_text=HOSTILE, width=960, height=640),
        "reason": HOSTILE,
    },
    "case_image_restored": lambda w: {
        "case": w["case"],
        "image": CaseImage(case=w["case"], alt_text=HOSTILE, width=960, height=640),
    },
    "case_submitted": lambda w: {"case": w["case"]},
    "comment_held": lambda w: {"comment": w["comment"], "case": w["case"]},
    "contact_confirmation": lambda w: _contact(),
    "contact_request": lambda w: _contact(),
    "content_restored": lambda w: {"item": w["comment"], "reason": HOSTILE},
    "decision_notice": lambda w: notice_context(w["decision"]),
    "digest": _digest,
    "evaluation_invitation": lambda w: _registration(w),
    "evaluation_reminder": lambda w: _registration(w),
    "notification": lambda w: {
        "notification": w["notification"],
        "kind": notifications.get_kind(community_notifications.COMMENT),
        "preferences_url": notifications.preferences_url(),
        "notifications_url": f"{settings.SITE_URL}{reverse('community:notification_list')}",
    },
    "participant_message": lambda w: _registration(
        w, series=w["session"].series, group="confirmed", subject="Welkom", message=HOSTILE
    ),
    "question_asked": _question,
    "planner_invitation": lambda w: {
        "trajectory": TrajectoryFactory(title=HOSTILE, organisation=HOSTILE),
        "inviter": HOSTILE,
        "role": "bewerker",
        "message": HOSTILE,
        "accept_url": "https://cocreatie.example/uitnodiging/geheim-0123/",
        "days": 14,
    },
    "registration_confirmation": lambda w: {
        "registration": w["seat"].registration,
        "seats": w["seats"],
        "waiting": w["waiting"],
        "new_seats": w["seats"],
    },  # fmt: skip
    "report_created": lambda w: {
        "report": Report.objects.create(
            reporter=w["moderator"], comment=w["comment"], reason="spam", text=HOSTILE
        ),
        "item": w["comment"],
    },
    "seat_cancelled": lambda w: _registration(w),
    "seat_promoted": lambda w: _registration(w, seat=w["seat"], seats=w["seats"]),
    "session_cancelled": lambda w: _registration(w, message=HOSTILE),
    "session_changed": _session_changed,
    "session_message": lambda w: _registration(w, subject="Let op", message=HOSTILE),
    "session_reminder": lambda w: _registration(w, seat=w["seat"]),
    "suspension_lifted": lambda w: {
        "automatic": True,
        "reason": HOSTILE,
        "until": timezone.now(),
    },  # fmt: skip
    "waiting_list_joined": lambda w: {
        "registration": w["seat"].registration,
        "waiting": w["waiting"],
    },  # fmt: skip
}
# Mail that carries an unsubscribe link (and its headers): what members chose to get.
WITH_UNSUBSCRIBE = {"notification": "comment", "digest": "digest", "question_asked": "questions"}


@pytest.mark.parametrize("name", mail_templates())
def test_every_mail_has_an_html_part_with_the_same_words_and_links(name, world):
    assert name in CONTEXTS, f"add a realistic context for mail/{name}.txt to CONTEXTS"
    unsubscribe = (
        notifications.unsubscribe_url(world["author"], WITH_UNSUBSCRIBE[name])
        if name in WITH_UNSUBSCRIBE
        else ""
    )
    message = render_mail(
        name, CONTEXTS[name](world), ["lid@example.org"], unsubscribe_url=unsubscribe
    )

    # In plain Dutch, as every mail a test sends (``mails_in_plain_dutch``): here each
    # template is read, whether or not a test sends it.
    assert find_jargon(f"{message.subject}\n{message.body}") == []
    has_own_html = (MAIL_DIR / f"{name}.html").exists()
    page = assert_parts_agree(message, same_words=not has_own_html)
    source = html_part(message)
    assert "<script>" not in source and "<b>vet</b>" not in source
    if "<script>" in message.body:  # what the member wrote is in it: as text, not markup
        assert "&lt;script&gt;alert(" in source
    if unsubscribe:
        assert unsubscribe in page.links
    assert page.links, "every mail points somewhere on the site"


def test_the_walk_covers_the_mails_named_in_the_services():
    """Not a list that silently shrinks: the mails that matter most are in it."""
    for name in ("notification", "digest", "registration_confirmation", "case_decision",
                 "contact_request", "contact_confirmation", "session_reminder"):  # fmt: skip
        assert name in mail_templates()


def test_a_members_text_is_escaped_and_not_linked_unless_it_is_an_address():
    result = html_from_text(f"{HOSTILE}\nZie voorbeeld.nl of https://example.org/pad.")
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in result
    )
    assert _Html(result).links == {"https://example.org/pad"}  # the full stop is the sentence's


def test_paragraphs_lists_and_wrapped_lines_become_html_that_reads_like_the_text():
    text = (
        "Hallo Anna,\n\n"
        "Uiterlijk een dag voor elke sessie krijg je een e-mail met de link naar de online\n"
        "sessie. In de bijlage staan de sessies.\n"
        "Naam: Anna\n\n"
        "Wat gebeurt er nu?\n"
        "- Je hoeft niets te doen.\n"
        "- Sessie 1\n"
        "  Status: bevestigd\n"
    )
    result = html_from_text(text)
    page = _Html(result)
    assert len(page.find("p")) == 3
    assert len(page.find("li")) == 2 and len(page.find("ul")) == 1
    spaced = _Html(html_from_text("- Sessie 1\n  Status: bevestigd\n\n- Sessie 2\n"))
    assert len(spaced.find("ul")) == 1 and len(spaced.find("li")) == 2
    # The sentence wrapped for the text reader flows on; the writer's own break stays.
    assert "naar de online sessie. In de bijlage staan de sessies.<br>\nNaam: Anna" in result
    assert "Sessie 1<br>\nStatus: bevestigd</li>" in result


# --- Through the outbox to the mail server ----------------------------------------------------


def test_a_queued_mail_reaches_the_server_as_text_and_html_with_its_attachment(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    """The outbox stores both parts; what is sent is multipart/alternative inside
    multipart/mixed (the calendar file beside it), with the stored Message-ID."""
    seat = world["seat"]
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = send_after_commit(
            "registration_confirmation",
            CONTEXTS["registration_confirmation"](world),
            [seat.registration.email],
            reply_to=["organisatie@example.org"],
            attachments=[("sessies.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )
    outgoing.refresh_from_db()
    assert outgoing.sent_at and '<html lang="nl">' in outgoing.html_body

    (sent,) = mailoutbox
    assert_parts_agree(sent)
    parsed = email.message_from_bytes(sent.message().as_bytes())
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, calendar = parsed.get_payload()
    assert [part.get_content_type() for part in alternative.get_payload()] == [
        "text/plain",
        "text/html",
    ]
    assert calendar.get_content_type() == "text/calendar"
    assert parsed["Message-ID"] == outgoing.message_id
    assert parsed["Reply-To"] == "organisatie@example.org"
    assert "List-Unsubscribe" not in parsed


def test_a_mail_queued_before_html_parts_existed_still_goes_out_as_plain_text(mailoutbox):
    outgoing = OutgoingMail.objects.create(
        to=["lid@example.org"], subject="Oud bericht", body="Hallo,\n\nhttps://example.org/\n",
        message_id=mail.new_message_id(),
    )  # fmt: skip

    assert send_outgoing(outgoing.pk)

    (sent,) = mailoutbox
    parsed = email.message_from_bytes(sent.message().as_bytes())
    assert parsed.get_content_type() == "text/plain"
    assert "https://example.org/" in sent.body


def test_allauths_own_mails_have_the_same_two_parts(client, mailoutbox):
    """A password reset goes through allauth's adapter, not the outbox: it is multipart
    too, with the reset link in both parts, and without an unsubscribe header."""
    member = VerifiedUserFactory()
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302

    (sent,) = mailoutbox
    page = assert_parts_agree(sent)
    assert any("/account/password/reset/key/" in link for link in page.links)
    assert "List-Unsubscribe" not in sent.message()


def test_the_html_part_uses_the_sites_calm_colours_with_enough_contrast():
    message = render_mail("case_decision", {"case": CaseFactory()}, ["lid@example.org"])
    source = html_part(message)
    # Text #1d2730 and links #0a5866 on white: 14.9:1 and 7.7:1 (static/css/site.css).
    assert "color:#1d2730" in source and "color:#0a5866" in source
    assert "background-color:#ffffff" in source
    assert django_mail.EmailMultiAlternatives is type(message)

"""Mail from organisers to participants: who is in each group, one mail per person, the
preview that is exactly the mail sent, the history with what became of each mail, the
action log, access and bad input."""

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cocreatie.core.mail import MAX_ATTEMPTS
from cocreatie.core.models import ActionLog, OutgoingMail
from sessions_app import messaging
from sessions_app.models import MessageDelivery, OrganiserVerb, ParticipantMessage, Seat
from tests.community.factories import OrganiserFactory, VerifiedUserFactory
from tests.html import PageOutline
from tests.sessions.factories import RegistrationFactory, SeatFactory, SeriesFactory, SessionFactory
from tests.sessions.factories import seat_for as seat

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING, CANCELLED = Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.CANCELLED
WHOLE_SERIES = "reeks"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def organiser(client):
    user = OrganiserFactory(first_name="Olga", last_name="Organisator")
    user.profile.display_name = "Olga van de Reeks"
    user.profile.save()
    client.force_login(user)
    return user


def compose_url(series):
    return reverse("sessions:organiser_mail", args=[series.pk])


def history_url(series):
    return reverse("sessions:organiser_mail_history", args=[series.pk])


def data(session=None, group="active", subject="Andere starttijd", message="We beginnen later."):
    return {
        "group": group,
        "session": str(session.pk) if session is not None else WHOLE_SERIES,
        "subject": subject,
        "message": message,
    }


def send(client, series, capture, **fields):
    with capture(execute=True):
        return client.post(compose_url(series), {**data(**fields), "step": "send"})


def mailed(outbox=None) -> list[str]:
    return sorted(address for message in (outbox or mail.outbox) for address in message.to)


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def ended(series, order, *, recorded: bool):
    start = timezone.now() - timedelta(days=3)
    return SessionFactory(
        series=series,
        order=order,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        attendance_recorded_at=timezone.now() - timedelta(days=2) if recorded else None,
    )


# --- Who gets it --------------------------------------------------------------------------------


@pytest.fixture
def attendance():
    """An ended session with attendance recorded, one without, and one to come."""
    series = SeriesFactory(title="Samen ontwerpen")
    recorded = ended(series, 1, recorded=True)
    unrecorded = ended(series, 2, recorded=False)
    upcoming = SessionFactory(series=series, order=3)
    present = seat(recorded, email="aanwezig@example.org")
    present.attended_at = recorded.ends_at
    present.save()
    seat(recorded, email="afwezig@example.org")
    seat(recorded, WAITING, email="wachtte@example.org")
    seat(recorded, CANCELLED, email="afgemeld@example.org")
    seat(unrecorded, email="niet-bijgehouden@example.org")
    seat(upcoming, email="straks@example.org")
    return {"series": series, "recorded": recorded, "unrecorded": unrecorded}


def test_attended_reaches_only_those_ticked_present(
    client, organiser, attendance, django_capture_on_commit_callbacks
):
    send(client, attendance["series"], django_capture_on_commit_callbacks, group="attended")

    assert mailed() == ["aanwezig@example.org"]


def test_absent_reaches_only_no_shows_of_sessions_whose_attendance_was_recorded(
    client, organiser, attendance, django_capture_on_commit_callbacks
):
    series = attendance["series"]
    send(client, series, django_capture_on_commit_callbacks, group="absent")

    assert mailed() == ["afwezig@example.org"]
    (message,) = mail.outbox
    assert "maar er volgens onze lijst niet bij was" in message.body

    mail.outbox.clear()
    response = send(
        client,
        series,
        django_capture_on_commit_callbacks,
        group="absent",
        session=attendance["unrecorded"],
    )
    assert response.status_code == 200
    assert "Niemand hoort nu bij deze groep." in text(response.content.decode())
    assert mail.outbox == []


def test_waiting_reaches_only_the_waiting_list(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    seat(session, email="aangemeld@example.org")
    seat(session, WAITING, email="wacht@example.org")
    seat(session, CANCELLED, email="afgemeld@example.org")
    seat(SessionFactory(series=session.series), WAITING, email="andere-sessie@example.org")

    send(
        client, session.series, django_capture_on_commit_callbacks, group="waiting", session=session
    )

    assert mailed() == ["wacht@example.org"]
    assert "op de wachtlijst staat voor deze sessie" in mail.outbox[0].body


def test_the_whole_series_mails_a_person_in_two_sessions_once_and_never_an_anonymised_one(
    client, organiser, django_capture_on_commit_callbacks
):
    series = SeriesFactory()
    first, second = SessionFactory(series=series, order=1), SessionFactory(series=series, order=2)
    both = RegistrationFactory(series=series, email="allebei@example.org")
    SeatFactory(session=first, registration=both)
    SeatFactory(session=second, registration=both, status=WAITING)
    seat(second, email="een@example.org")
    gone = seat(first, email="weg@example.org").registration
    gone.anonymised_at = timezone.now()
    gone.save()
    called_off = SessionFactory(series=series, order=3, status="cancelled")
    seat(called_off, email="alleen-afgelast@example.org")

    response = send(client, series, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert mailed() == ["allebei@example.org", "een@example.org"]
    assert "een of meer sessies van deze reeks" in mail.outbox[0].body
    assert ParticipantMessage.objects.get().recipient_count == 2


# --- Compose and preview --------------------------------------------------------------------


def test_the_compose_page_offers_groups_as_radio_buttons_and_preselects_the_session(
    client, organiser
):
    series = SeriesFactory()
    session = SessionFactory(series=series, order=2, title="Ontwerpen")

    html_page = client.get(compose_url(series), {"sessie": session.pk}).content.decode()

    page = PageOutline(html_page)
    assert page.find_all("legend")
    radios = page.find_all("input", type="radio", name="group")
    assert [r["value"] for r in radios] == [g.value for g in ParticipantMessage.Group]
    assert "---------" not in html_page
    assert "Alle sessies van de reeks" in html_page
    sessions = page.find_all("input", type="radio", name="session")
    assert [r["value"] for r in sessions] == [WHOLE_SERIES, str(session.pk)]
    assert [r["value"] for r in sessions if "checked" in r] == [str(session.pk)]
    plain = PageOutline(client.get(compose_url(series)).content.decode())
    sessions = plain.find_all("input", type="radio", name="session")
    assert [r["value"] for r in sessions if "checked" in r] == [WHOLE_SERIES]


def preview_parts(page_html: str) -> tuple[str, str]:
    """The subject and the body the preview shows."""
    subject = re.search(r"<dt>Onderwerp</dt><dd[^>]*>(.*?)</dd>", page_html, re.DOTALL).group(1)
    body = re.search(r'<pre class="mail-preview">(.*?)</pre>', page_html, re.DOTALL).group(1)
    return html.unescape(subject), html.unescape(body)


def test_the_preview_is_exactly_the_mail_the_first_recipient_gets(
    client, organiser, settings, django_capture_on_commit_callbacks
):
    series = SeriesFactory(title="Co-creatie & praktijk")
    session = SessionFactory(
        series=series,
        order=2,
        title="Ontwerpen",
        starts_at=datetime(2031, 6, 12, 13, 30, tzinfo=AMSTERDAM),
        ends_at=datetime(2031, 6, 12, 15, 0, tzinfo=AMSTERDAM),
    )
    zoe = seat(session, name="Zoë Zwart", email="zoe@example.org").registration
    anouk = seat(session, WAITING, name="anouk Appel", email="anouk@example.org").registration
    fields = data(session, subject="Neem <pen> & papier mee", message="Tot donderdag!\n\nGroet")

    response = client.post(compose_url(series), {**fields, "step": "preview"})

    assert response.status_code == 200
    page_html = response.content.decode()
    assert "Dit bericht gaat naar 2 personen." in text(page_html)
    subject, body = preview_parts(page_html)
    assert subject.endswith("Neem <pen> & papier mee")
    assert body.startswith("Hallo anouk Appel,")  # first in name order, whatever the case
    for part in (
        'sessie 2, "Ontwerpen", van de reeks "Co-creatie & praktijk"',
        "donderdag 12 juni 2031, 13.30–15.00 uur",
        "Tot donderdag!\n\nGroet",
        f"{settings.SITE_URL}{anouk.get_absolute_url()}",
        "Je krijgt deze e-mail omdat je bent aangemeld of op de wachtlijst staat voor deze sessie.",
    ):
        assert part in body
    assert mail.outbox == [] and not OutgoingMail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(compose_url(series), {**fields, "step": "send", "previewed": "2"}, follow=True)

    sent = OutgoingMail.objects.get(to=[anouk.email])
    assert (sent.subject, sent.body) == (subject, body)
    assert mailed() == sorted([anouk.email, zoe.email])


def test_the_mail_ends_with_the_personal_link_on_the_site_and_why(
    client, organiser, settings, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    registration = seat(session, name="Bram").registration

    send(client, session.series, django_capture_on_commit_callbacks, group="confirmed")

    (message,) = mail.outbox
    link = f"{settings.SITE_URL}{registration.get_absolute_url()}"
    tail = message.body.rstrip().splitlines()
    assert link in tail[-5:]
    assert tail[-3].startswith("Je krijgt deze e-mail omdat je bent aangemeld voor")


def test_one_recipient_is_one_persoon(client, organiser):
    session = SessionFactory()
    seat(session)

    response = client.post(compose_url(session.series), {**data(), "step": "preview"})

    assert "Dit bericht gaat naar 1 persoon." in text(response.content.decode())


def test_adjusting_brings_the_form_back_filled_in(client, organiser):
    session = SessionFactory()
    seat(session)
    fields = data(session, group="waiting", subject="Let op", message="Regel een\nRegel twee")

    preview = client.post(compose_url(session.series), {**fields, "step": "preview"})
    hidden = {
        field["name"]: field["value"]
        for field in PageOutline(preview.content.decode()).find_all("input", type="hidden")
    }
    assert {key: hidden[key] for key in fields} == fields

    response = client.post(compose_url(session.series), {**hidden, "step": "edit"})

    page_html = response.content.decode()
    page = PageOutline(page_html)
    checked = {
        r["name"]: r["value"] for r in page.find_all("input", type="radio") if "checked" in r
    }
    assert checked == {"group": "waiting", "session": str(session.pk)}
    assert page.find_all("input", name="subject", value="Let op")
    assert "Regel een\nRegel twee</textarea>" in page_html
    assert mail.outbox == [] and not ParticipantMessage.objects.exists()


def test_a_group_without_anyone_has_nothing_to_send(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    seat(session)

    preview = client.post(compose_url(session.series), {**data(group="waiting"), "step": "preview"})

    page_html = preview.content.decode()
    assert "Niemand hoort nu bij deze groep." in text(page_html)
    assert 'value="send"' not in page_html
    response = send(client, session.series, django_capture_on_commit_callbacks, group="waiting")
    assert "Er is niets verstuurd" in text(response.content.decode())
    assert mail.outbox == [] and not ParticipantMessage.objects.exists()


def test_an_empty_subject_or_message_gets_a_dutch_error_and_sends_nothing(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    seat(session)

    for step in ("preview", "send"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                compose_url(session.series),
                {**data(subject="   ", message=""), "step": step},
            )
        page_text = text(response.content.decode())
        assert response.status_code == 200
        assert "Vul een onderwerp in." in page_text
        assert "Schrijf een bericht." in page_text
    assert mail.outbox == [] and not OutgoingMail.objects.exists()
    assert not ParticipantMessage.objects.exists()


def test_a_session_of_another_series_is_refused(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    elsewhere = SessionFactory()
    seat(elsewhere)

    response = send(client, session.series, django_capture_on_commit_callbacks, session=elsewhere)

    assert "Kies een sessie van deze reeks, of de hele reeks." in text(response.content.decode())
    assert mail.outbox == []


# --- Sending ---------------------------------------------------------------------------------


def test_sending_keeps_one_delivery_per_recipient_and_says_how_many(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    people = [seat(session).registration for _ in range(3)]

    response = send(client, session.series, django_capture_on_commit_callbacks, session=session)

    sent = ParticipantMessage.objects.get()
    assert response["Location"] == sent.get_absolute_url()
    assert (sent.sender, sent.session, sent.group, sent.recipient_count) == (
        organiser,
        session,
        "active",
        3,
    )
    deliveries = MessageDelivery.objects.filter(message=sent).select_related("outgoing")
    assert sorted((d.registration_id, d.outgoing.to[0]) for d in deliveries) == sorted(
        (p.pk, p.email) for p in people
    )
    assert mailed() == sorted(p.email for p in people)
    assert "Je bericht gaat naar 3 personen." in text(
        client.get(response["Location"]).content.decode()
    )


def test_a_changed_group_since_the_preview_is_mentioned(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    seat(session)
    seat(session)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            compose_url(session.series), {**data(), "step": "send", "previewed": "1"}, follow=True
        )

    assert "Bij het voorbeeld was dat er 1" in text(response.content.decode())


def test_sending_the_same_message_twice_in_a_row_sends_it_once(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    seat(session, email="een@example.org")

    send(client, session.series, django_capture_on_commit_callbacks)
    again = send(client, session.series, django_capture_on_commit_callbacks)

    assert again.status_code == 200
    assert "al verstuurd" in text(again.content.decode())
    assert mailed() == ["een@example.org"]
    assert ParticipantMessage.objects.count() == 1


def test_sending_is_in_the_action_log_with_the_organiser(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    seat(session)
    seat(session, WAITING)

    send(client, session.series, django_capture_on_commit_callbacks, session=session)
    send(client, session.series, django_capture_on_commit_callbacks, subject="Voor iedereen")

    for_session, for_series = ActionLog.objects.filter(
        verb=OrganiserVerb.PARTICIPANTS_MAIL
    ).order_by("pk")
    assert (for_session.actor, for_session.target, for_session.message) == (
        organiser,
        session,
        "Andere starttijd",
    )
    assert for_session.data == {
        "message": ParticipantMessage.objects.get(session=session).pk,
        "group": "active",
        "scope": "session",
        "recipients": 2,
    }
    assert (for_series.actor, for_series.target) == (organiser, session.series)
    assert for_series.data["scope"] == "series"


def test_the_service_refuses_someone_who_does_not_organise():
    session = SessionFactory()
    seat(session)
    with pytest.raises(PermissionDenied):
        messaging.participant_message_send(
            series=session.series, group="active", subject="Hoi", message="Hoi",
            actor=VerifiedUserFactory(),
        )  # fmt: skip
    assert not ParticipantMessage.objects.exists()


def test_a_member_gets_403_everywhere_and_sends_nothing(client, django_capture_on_commit_callbacks):
    session = SessionFactory()
    seat(session)
    sent = messaging.participant_message_send(
        series=session.series, group="active", subject="Hoi", message="Hoi",
        actor=OrganiserFactory(),
    )  # fmt: skip
    client.force_login(VerifiedUserFactory())

    for url in (compose_url(session.series), history_url(session.series), sent.get_absolute_url()):
        assert client.get(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            compose_url(session.series), {**data(subject="Anders"), "step": "send"}
        )
    assert response.status_code == 403
    assert ParticipantMessage.objects.count() == 1


# --- History and delivery state ------------------------------------------------------------


def test_the_history_lists_every_message_newest_first_with_its_recipients(
    client, organiser, django_capture_on_commit_callbacks
):
    series = SeriesFactory()
    session = SessionFactory(series=series, order=2, title="Ontwerpen")
    for _ in range(3):
        seat(session)
    seat(session, WAITING)
    send(client, series, django_capture_on_commit_callbacks, subject="Eerste", group="confirmed")
    send(
        client,
        series,
        django_capture_on_commit_callbacks,
        subject="Tweede",
        group="waiting",
        session=session,
    )
    other = SessionFactory()
    seat(other)
    send(client, other.series, django_capture_on_commit_callbacks, subject="Andere reeks")

    page_html = client.get(history_url(series)).content.decode()

    rows = [text(row) for row in re.findall(r"<tr><td>.*?</tr>", page_html, re.DOTALL)]
    assert len(rows) == 2
    assert "Tweede Olga van de Reeks Op de wachtlijst, sessie 2. Ontwerpen 1" in rows[0]
    assert "Eerste Olga van de Reeks Aangemeld (bevestigd), alle sessies van de reeks 3" in rows[1]
    links = PageOutline(page_html).links()
    for message in ParticipantMessage.objects.filter(series=series):
        assert message.get_absolute_url() in links
    assert "Andere reeks" not in page_html


def test_the_detail_shows_each_recipient_with_the_state_of_their_mail(
    client, organiser, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    names = ["Anna Verstuurd", "Bert Mislukt", "Cor Opnieuw", "Dirk Wacht"]
    for name in names:
        seat(session, name=name)
    # Queued, not sent: the callbacks that would send them are not run.
    sent = messaging.participant_message_send(
        series=session.series, group="active", subject="Over de sessie",
        message="Neem koffie mee.", actor=organiser,
    )  # fmt: skip
    outbox = {
        d.registration.name: d.outgoing
        for d in sent.deliveries.select_related("registration", "outgoing")
    }
    delivered_at = timezone.now() - timedelta(minutes=5)
    OutgoingMail.objects.filter(pk=outbox["Anna Verstuurd"].pk).update(
        sent_at=delivered_at, attempts=1
    )
    OutgoingMail.objects.filter(pk=outbox["Bert Mislukt"].pk).update(
        attempts=MAX_ATTEMPTS, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    OutgoingMail.objects.filter(pk=outbox["Cor Opnieuw"].pk).update(
        attempts=2, last_error="ConnectionRefusedError"
    )

    page_html = client.get(sent.get_absolute_url()).content.decode()

    assert "Neem koffie mee." in page_html and "Over de sessie" in page_html
    state = {
        name: text(row)
        for row in re.findall(r"<tr><td>.*?</tr>", page_html, re.DOTALL)
        for name in names
        if name in row
    }
    local = timezone.localtime(delivered_at)
    assert f"verstuurd op {local:%-d} " in state["Anna Verstuurd"]
    assert f"{local:%H.%M}" in state["Anna Verstuurd"]
    assert "mislukt" in state["Bert Mislukt"]
    assert f"Na {MAX_ATTEMPTS} pogingen opgegeven" in state["Bert Mislukt"]
    assert "wordt opnieuw geprobeerd" in state["Cor Opnieuw"]
    assert "wacht op verzending" in state["Dirk Wacht"]
    assert "mislukt" not in state["Anna Verstuurd"] + state["Dirk Wacht"]
    summary = text(page_html)
    assert "1 verstuurd, 1 wacht op verzending, 1 wordt opnieuw geprobeerd, 1 mislukt" in summary


# --- Query counts ------------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_detail_does_not_query_per_recipient(client, organiser):
    """The outbox row and the registration come with each delivery (select_related):
    without it every recipient costs two queries."""
    small_session, large_session = SessionFactory(), SessionFactory()
    for _ in range(10):
        seat(small_session)
    for _ in range(200):
        seat(large_session)
    small, large = (
        messaging.participant_message_send(
            series=s.series, group="active", subject="Hoi", message="Hoi", actor=organiser
        )
        for s in (small_session, large_session)
    )

    few = queries(client, small.get_absolute_url())
    assert few <= 10
    assert queries(client, large.get_absolute_url()) == few


def test_the_history_does_not_query_per_message(client, organiser):
    """Sender (with profile) and session come with each message (select_related): without
    it every row costs up to three queries."""
    series = SeriesFactory()
    sessions = [SessionFactory(series=series, order=n) for n in range(1, 4)]
    senders = [OrganiserFactory() for _ in range(3)]

    def grow(count):
        ParticipantMessage.objects.bulk_create(
            ParticipantMessage(
                series=series,
                session=sessions[n % 3] if n % 2 else None,
                sender=senders[n % 3],
                group="active",
                subject=f"Bericht {n}",
                body="Hoi",
                recipient_count=n,
            )
            for n in range(count)
        )

    grow(3)
    few = queries(client, history_url(series))
    grow(80)
    assert few <= 10
    assert queries(client, history_url(series)) == few
    page_html = client.get(history_url(series)).content.decode()
    assert len(re.findall(r"<tr><td>", page_html)) == 50
    assert client.get(history_url(series), {"page": 2}).status_code == 200

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from sessions_app.models import Registration, Seat, Session, SessionSeries


def next_week_afternoon():
    """Seven days from now at 14.00 Amsterdam time.

    A fixed time of day keeps a session within one calendar day whatever the
    clock says when the tests run (now + 7 days at 23.30 would end tomorrow).
    """
    day = timezone.localdate() + timedelta(days=7)
    return timezone.make_aware(datetime.combine(day, time(14, 0)))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSeries

    title = factory.Sequence(lambda n: f"Reeks {n}")
    slug = factory.Sequence(lambda n: f"reeks-{n}")
    summary = "Vier korte online sessies over co-creatie."
    introduction = "Elke week een fase van co-creatie."
    organisers = "Hogeschool Utrecht"
    joining_tips = "Zet je camera aan als dat kan."
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    series = factory.SubFactory(SeriesFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Sessie {n}")
    speaker = "Nynke Joustra, gemeente Nieuwegein"
    starts_at = factory.LazyFunction(lambda: next_week_afternoon())
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    meeting_url = factory.Sequence(lambda n: f"https://meet.example.org/geheim-{n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    series = factory.SubFactory(SeriesFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    session = factory.SubFactory(SessionFactory)
    registration = factory.SubFactory(
        RegistrationFactory, series=factory.SelfAttribute("..session.series")
    )
    status = Seat.Status.CONFIRMED


def seat_for(session, status="confirmed", requested_at=None, **registration):
    """A seat for ``session`` of a registrant with the given details."""
    return SeatFactory(
        session=session,
        status=status,
        requested_at=requested_at or timezone.now(),
        registration=RegistrationFactory(series=session.series, **registration),
    )


def workspace_world(series, past_session):
    """What the organisers' workspace needs in a test world: organisers with and without
    two-factor set up, a seat ticked present at ``past_session`` with its certificate, and
    a message sent to the participants of ``series``."""
    from django.utils import timezone

    from sessions_app.attendance import certificate_issue
    from sessions_app.models import ParticipantMessage
    from tests.community.factories import OrganiserFactory

    organiser = OrganiserFactory()
    attended = SeatFactory(session=past_session, attended_at=timezone.now())
    return {
        "organiser": organiser,
        "organiser_without_2fa": OrganiserFactory(organiser=False),
        "attended": attended,
        "certificate": certificate_issue(registration=attended.registration),
        "message": ParticipantMessage.objects.create(
            series=series,
            sender=organiser,
            group="active",
            subject="Welkom",
            body="Hallo",
            recipient_count=0,
        ),
    }

"""Demo content for the online sessions: the series of four sessions on co-creation in the
coming June, and an earlier run of the same programme with participants and evaluations.

Only what is missing is created: a series by slug, a session by (series, order). People
come with a new series, their seats and the evaluations with a new session. Nothing that
exists is touched, so a moderator's edits (and purged registrations) stay as they are.

The participants are fictional; speakers and organisations are those of the programme.
"""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from roadmap.models import Phase
from sessions_app.models import (
    REMINDER_BEFORE,
    Evaluation,
    Registration,
    Seat,
    Session,
    SessionSeries,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STARTS = datetime.time(13, 30)
ENDS = datetime.time(14, 30)
JUNE_DAYS = (4, 11, 18, 25)

ORGANISERS = "Hogeschool Utrecht, onderzoeksproject CoSIE"
PARTNER = "Kennisplatform Utrecht Sociaal"

INTRODUCTION = """\
Hoe maak je publieke diensten samen met de mensen die ze gebruiken? Veel gemeenten en
organisaties zijn daar al mee bezig. Hogeschool Utrecht onderzoekt co-creatie in het
Europese project CoSIE, met partners uit negen andere landen. In vier online sessies delen
we wat we leren. En we praten graag met jou over de vragen die je in je werk tegenkomt:

- Hoe begin je, en hoe zorg je dat collega's en bestuurders erachter staan?
- Hoe vind je de mensen en partners met wie je samen wilt werken?
- Hoe wordt samen maken een vaste manier van werken in jouw organisatie?

## Wat kun je verwachten?

Elke week gaat over één fase van co-creatie: co-initiëren, co-design, co-productie en
co-evaluatie. Een sessie duurt een uur en gaat steeds zo:

1. **Mini-college.** Een korte uitleg over de fase van die week.
2. **Interview.** We praten met een partner uit de regio over een project uit de praktijk.
3. **Samen nadenken.** In een kleine groep bespreek je met andere deelnemers wat jij
   kunt gebruiken in je eigen organisatie.

Je kunt je aanmelden voor één sessie, voor een paar of voor alle vier.
"""

JOINING_TIPS = """\
De sessies zijn in Microsoft Teams. Je krijgt de link uiterlijk een dag van tevoren per
e-mail.

- Doe het liefst mee op een laptop of computer.
- Werk je op Windows met Chrome of Edge? Dan doe je mee in je browser. Je hoeft Teams dan
  niet te installeren.
- Klik op 'deelnemen als gast'. Andere deelnemers zien de naam die je invult.
- Ben je niet aan het woord? Zet dan je microfoon en camera uit.
- Wil je iets vragen of zeggen? Typ het in de chat. De gespreksleider geeft je dan het
  woord.
"""

UPCOMING = {
    "slug": "co-creatie-in-het-publieke-domein",
    "title": "Co-creatie in het publieke domein",
    "summary": (
        "Vier korte online sessies over publieke diensten maken samen met inwoners en "
        "partners. Elke week één fase van co-creatie, met een voorbeeld uit de praktijk."
    ),
    "introduction": INTRODUCTION,
    "joining_tips": JOINING_TIPS,
}

PAST = {
    "slug": "co-creatie-in-het-publieke-domein-eerdere-reeks",
    # The season and year of the first session are added to the title.
    "title": "Co-creatie in het publieke domein",
    "summary": (
        "Een eerdere ronde van dezelfde vier online sessies. Aanmelden kan niet meer. "
        "Hier lees je wat er aan bod kwam."
    ),
    "introduction": (
        "Deze reeks is al geweest. Elke week ging over één fase van co-creatie, met een "
        "mini-college, een interview met een partner uit de regio en een gesprek in kleine "
        "groepen.\n\nDe deelnemers vulden na elke sessie een korte co-evaluatie in. Wat zij "
        "zeiden, gebruiken we om de volgende reeks beter te maken.\n"
    ),
    "joining_tips": JOINING_TIPS,
}

SESSIONS = [
    {
        "order": 1,
        "title": "Hoe begin je met co-creatie?",
        "speaker": "Nynke Joustra, projectleider gemeente Nieuwegein",
        "capacity": 40,
        "description": (
            "De eerste week gaat over de start. Wie zet de eerste stap? En hoe krijg je "
            "anderen mee?\n\n**Uit de praktijk:** Nynke Joustra is projectleider bij de "
            "gemeente Nieuwegein. Zij werkt mee aan de 'aanpak Nypels'. Daarin zoeken de "
            "gemeente en bewoners samen naar oplossingen voor het afval in de wijk. Nynke "
            "vertelt hoe ze dat aanpakken en waar ze tegenaan lopen.\n"
        ),
    },
    {
        "order": 2,
        "title": "Community reporting: verhalen als basis voor co-creatie",
        "speaker": "Jessica Dijkman, projectleider gemeente Houten",
        "capacity": 60,
        "description": (
            "Hoe ontwerp je een dienst samen met de mensen voor wie hij bedoeld is? De "
            "gemeente Houten gebruikte daarvoor 'community reporting'. Bij deze methode "
            "vertellen mensen uit de doelgroep zelf wat ze hebben meegemaakt.\n\n"
            "**Uit de praktijk:** Jessica Dijkman, projectleider bij de gemeente Houten, "
            "laat zien hoe de gemeente zo de hulp verbeterde voor mensen die moeilijk aan "
            "werk komen.\n"
        ),
    },
    {
        "order": 3,
        "title": "Samen maken in de praktijk: wat werkt en wat schuurt",
        "speaker": (
            "Nico Ooms, projectleider Gemengd Wonen bij de Tussenvoorziening en "
            "coördinator van ’t Groene Sticht"
        ),
        "capacity": 40,
        "description": (
            "Deze week gaat over samenwerken tussen professionals van verschillende "
            "diensten en organisaties. In het echt is dat vaak lastig.\n\n"
            "**Uit de praktijk:** Nico Ooms werkt bij de Tussenvoorziening. Hij is "
            "projectleider Gemengd Wonen en coördinator van ’t Groene Sticht. Hij is "
            "betrokken bij negen projecten voor gemengd wonen. Bij al die projecten bepalen "
            "de bewoners mee hoe het samenwonen loopt. Daar wonen bijvoorbeeld studenten en "
            "andere huurders naast mensen die eerder dakloos waren, jongeren met een lichte "
            "verstandelijke beperking of mensen die psychisch kwetsbaar zijn. Over deze "
            "manier van wonen is ook onderzoek gedaan: *Gemengd Wonen; lessen uit de "
            "praktijk*.\n"
        ),
    },
    {
        "order": 4,
        "title": "Co-creatie die blijft: samen evalueren en volhouden",
        "speaker": "Karin Sok, Movisie",
        "capacity": None,
        "description": (
            "De laatste sessie gaat over de lange termijn. Hoe kijk je samen met je "
            "doelgroep terug op wat je doet? En hoe wordt co-creatie een gewone manier van "
            "werken, in plaats van een los project? Dat vraagt om steeds contact met de "
            "mensen voor wie je werkt, steeds samen evalueren en durven bijsturen. Dat is "
            "niet makkelijk. We horen graag hoe jij dat doet, of zou willen doen.\n\n"
            "**Uit de praktijk:** Karin Sok van Movisie deelt wat hun onderzoek naar "
            "burgerparticipatie bij gemeenten heeft opgeleverd.\n"
        ),
    },
]

# number (name and address), organisation, role, the sessions they take part in.
UPCOMING_PEOPLE = [
    (9, "Gemeente Lindendal (demo)", "Beleidsadviseur sociaal domein", (1, 2, 3, 4)),
    (10, "Buurtteam Oost (demo)", "Wijkcoach", (1, 3)),
    (11, "Hogeschool Rivierland (demo)", "Docent sociaal werk", (2,)),
    (12, "Woningcorporatie Thuisbasis (demo)", "Projectleider participatie", (1, 2, 4)),
]

PAST_PEOPLE = [
    (1, "Gemeente Lindendal (demo)", "Beleidsmedewerker participatie", (1, 2, 3, 4)),
    (2, "Welzijn Midden (demo)", "Opbouwwerker", (1, 2, 3, 4)),
    (3, "Gemeente Beekveld (demo)", "Klantmanager werk en inkomen", (1, 3)),
    (4, "Hogeschool Rivierland (demo)", "Onderzoeker", (1, 2, 3)),
    (5, "Buurtcoöperatie De Brug (demo)", "Coördinator", (1, 3, 4)),
    (6, "Woningcorporatie Thuisbasis (demo)", "Bewonersconsulent", (2, 3, 4)),
    (7, "Gemeente Beekveld (demo)", "Programmamanager sociaal domein", (1, 2, 3)),
    (8, "GGD Regio Midden (demo)", "Adviseur gezondheidsbevordering", (1, 3, 4)),
    (13, "Gemeente Lindendal (demo)", "Wijkregisseur", (1, 2, 3, 4)),
    (14, "Stichting Samen Sterk (demo)", "Vrijwilligerscoördinator", (2, 4)),
]

# Who was registered for a session of the earlier run but did not come: (person, session).
NO_SHOWS = {(8, 1), (14, 2), (6, 3), (2, 4)}

# What the participants of the earlier run said, per session: score, keep, improve.
EVALUATIONS = {
    1: [
        (
            5,
            "Het interview met Nynke was heel concreet. Ik snap nu beter hoe je bewoners "
            "vanaf het begin betrekt.",
            "Iets meer tijd voor vragen aan de gast.",
        ),
        (
            4,
            "Precies een uur. Goed te plannen tussen mijn andere afspraken door.",
            "Het gesprek in de kleine groep was te kort om echt iets te delen.",
        ),
        (4, "Goede mix van uitleg en praktijk.", "Stuur de dia's graag na afloop op."),
        (
            3,
            "Het voorbeeld over afval in de wijk was herkenbaar.",
            "Het mini-college ging voor mij te snel. Ik wil graag meer horen over de "
            "eerste stappen.",
        ),
        (5, "Fijn om collega's van andere gemeenten te spreken.", ""),
        (
            4,
            "De vragen uit het groepsgesprek neem ik mee naar mijn team.",
            "In het begin was het geluid niet goed.",
        ),
    ],
    2: [
        (
            5,
            "Community reporting kende ik nog niet. Mooi om te horen hoe Houten het gebruikt.",
            "Laat een keer een echt verhaal zien of horen. Dat maakt het nog duidelijker.",
        ),
        (
            4,
            "Jessica vertelde eerlijk wat niet goed ging. Daar leer ik veel van.",
            "Meer tijd in de kleine groep.",
        ),
        (
            4,
            "Elke week dezelfde opbouw. Dat geeft rust.",
            "Ik miste uitleg over wat je daarna met de verhalen doet.",
        ),
        (
            3,
            "De uitleg over de methode was helder.",
            "Mijn groepje was groot. Niet iedereen kwam aan het woord.",
        ),
        (5, "Praktisch en to the point.", ""),
    ],
    3: [
        (
            4,
            "Goed dat het ook over de lastige kanten van samenwerken ging.",
            "Misschien een tweede gast van een andere organisatie, dan hoor je meer kanten.",
        ),
        (5, "Het verhaal over gemengd wonen maakte veel indruk op me.", ""),
        (
            4,
            "Herkenbaar: samenwerken tussen diensten gaat niet vanzelf.",
            "Graag een lijstje met tips om mee te nemen.",
        ),
        (
            2,
            "Het voorbeeld uit de praktijk was interessant.",
            "Voor mij bleef het te algemeen. Ik wilde meer horen over hoe je afspraken "
            "maakt tussen organisaties.",
        ),
        (
            3,
            "Nico vertelde open over de dilemma's.",
            "Er kwam veel tegelijk in de chat. Ik kon het niet goed volgen.",
        ),
        (5, "Fijne sfeer, iedereen durfde iets te zeggen.", "Niets, ga zo door."),
        (
            4,
            "Veel bruikbare ideeën voor ons eigen wijkproject.",
            "Leg de opdracht voor de groepjes iets duidelijker uit.",
        ),
    ],
    4: [
        (
            4,
            "Een mooie afsluiting. Wat Movisie heeft onderzocht, kan ik goed gebruiken.",
            "Ik zou graag naar een extra sessie gaan over evalueren met bewoners.",
        ),
        (5, "Ik weet nu hoe we met inwoners kunnen terugkijken op ons project.", ""),
        (
            3,
            "Goed dat co-evaluatie een eigen sessie kreeg.",
            "Veel informatie in één uur. Een korte samenvatting achteraf zou helpen.",
        ),
        (
            4,
            "De hele reeks was goed te volgen naast mijn werk.",
            "Een manier om na de reeks contact te houden met de andere deelnemers.",
        ),
    ],
}

SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "voorjaar", 4: "voorjaar", 5: "voorjaar"}
SEASONS.update({6: "zomer", 7: "zomer", 8: "zomer", 9: "najaar", 10: "najaar", 11: "najaar"})


def upcoming_days(today: datetime.date) -> list[datetime.date]:
    """4, 11, 18 and 25 June of this year if 4 June is still to come, else of next year."""
    year = today.year if today < datetime.date(today.year, 6, 4) else today.year + 1
    return [datetime.date(year, 6, day) for day in JUNE_DAYS]


def past_days(today: datetime.date) -> list[datetime.date]:
    """Four Wednesdays in a row, the first about eight weeks ago."""
    first = today - datetime.timedelta(weeks=8)
    first -= datetime.timedelta(days=(first.weekday() - 2) % 7)
    return [first + datetime.timedelta(weeks=week) for week in range(4)]


def _at(day: datetime.date, clock: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, clock, tzinfo=AMSTERDAM)


def _series(entry, title, days, meeting_prefix, phases, made):
    """The series with ``entry``'s slug and its sessions: create what is missing and
    return (series, created?, {order: session} of the sessions created now)."""
    series = SessionSeries.objects.filter(slug=entry["slug"]).first()
    is_new = series is None
    if is_new:
        series = SessionSeries.objects.create(
            slug=entry["slug"],
            title=title,
            summary=entry["summary"],
            introduction=entry["introduction"],
            joining_tips=entry["joining_tips"],
            organisers=ORGANISERS,
            partner=PARTNER,
            is_published=True,
            # Demo series were there before the members: nothing to announce.
            announced_at=timezone.now(),
        )
        made["series"] += 1
    existing = set(series.sessions.values_list("order", flat=True))
    new_sessions = {}
    for session, day in zip(SESSIONS, days, strict=True):
        if session["order"] in existing:
            continue
        new_sessions[session["order"]] = Session.objects.create(
            series=series,
            order=session["order"],
            title=session["title"],
            phase=phases.get(session["order"]),
            description=session["description"],
            speaker=session["speaker"],
            starts_at=_at(day, STARTS),
            ends_at=_at(day, ENDS),
            capacity=session["capacity"],
            meeting_url=f"{meeting_prefix}{session['order']}",
            status=Session.Status.PLANNED,
        )
    made["sessions"] += len(new_sessions)
    return series, is_new, new_sessions


def _people(series, people, is_new, new_sessions, signed_up_at, made, *, past):
    """Registrations come with a new series; seats with a new session, for the demo
    people that are (still) registered."""
    emails = [f"deelnemer{number}@example.org" for number, *_ in people]
    if is_new:
        for (number, organisation, role, _orders), email in zip(people, emails, strict=True):
            Registration.objects.create(
                series=series,
                name=f"Demo Deelnemer {number}",
                email=email,
                organisation=organisation,
                role=role,
                consent_at=signed_up_at,
            )
        series.registrations.update(created_at=signed_up_at)
        made["registrations"] += len(people)

    registrations = {
        registration.email: registration
        for registration in series.registrations.filter(
            email__in=emails, anonymised_at__isnull=True
        )
    }
    for (number, _organisation, _role, orders), email in zip(people, emails, strict=True):
        registration = registrations.get(email)
        if registration is None:
            continue
        for order in orders:
            session = new_sessions.get(order)
            if session is None:
                continue
            Seat.objects.create(
                registration=registration,
                session=session,
                status=Seat.Status.CONFIRMED,
                requested_at=signed_up_at,
                status_changed_at=signed_up_at,
                reminder_sent_at=session.starts_at - REMINDER_BEFORE if past else None,
                evaluation_invited_at=(
                    session.ends_at + datetime.timedelta(minutes=30) if past else None
                ),
                # The organisers ticked who attended, right after each session.
                attended_at=(
                    session.starts_at + datetime.timedelta(minutes=5)
                    if past and (number, order) not in NO_SHOWS
                    else None
                ),
            )
            made["seats"] += 1
    if past:
        for session in new_sessions.values():
            session.attendance_recorded_at = session.ends_at + datetime.timedelta(minutes=10)
            session.save(update_fields=["attendance_recorded_at"])


def _evaluations(new_sessions, made):
    """The co-evaluations of a newly created past session, each linked to one of the seats
    of those who attended while there are such seats without an evaluation."""
    for order, session in new_sessions.items():
        seats = list(
            session.seats.filter(attended_at__isnull=False, evaluation__isnull=True).order_by(
                "registration_id"
            )
        )
        for index, (score, keep, improve) in enumerate(EVALUATIONS[order]):
            evaluation = Evaluation.objects.create(
                session=session,
                seat=seats[index] if index < len(seats) else None,
                score=score,
                keep=keep,
                improve=improve,
            )
            answered_at = session.ends_at + datetime.timedelta(hours=1 + 3 * index)
            Evaluation.objects.filter(pk=evaluation.pk).update(created_at=answered_at)
            made["evaluations"] += 1


@transaction.atomic
def load() -> str:
    today = timezone.localdate()
    now = timezone.now()
    phases = {phase.order: phase for phase in Phase.objects.filter(order__in=range(1, 5))}
    made = Counter()

    upcoming, is_new, new_sessions = _series(
        UPCOMING,
        UPCOMING["title"],
        upcoming_days(today),
        "https://meet.example.org/cocreatie-",
        phases,
        made,
    )
    _people(upcoming, UPCOMING_PEOPLE, is_new, new_sessions, now, made, past=False)
    upcoming_is_new = is_new

    days = past_days(today)
    title = f"{PAST['title']} ({SEASONS[days[0].month]} {days[0].year})"
    series, is_new, new_sessions = _series(
        PAST, title, days, "https://meet.example.org/cocreatie-eerder-", phases, made
    )
    signed_up_at = _at(days[0] - datetime.timedelta(weeks=2), datetime.time(10, 0))
    if is_new:
        # An earlier run was made before the upcoming one.
        SessionSeries.objects.filter(pk=series.pk).update(
            created_at=signed_up_at - datetime.timedelta(weeks=2)
        )
    _people(series, PAST_PEOPLE, is_new, new_sessions, signed_up_at, made, past=True)
    _evaluations(new_sessions, made)
    if upcoming_is_new:
        # June is the next round of the earlier run: the co-evaluation compares the two.
        SessionSeries.objects.filter(pk=upcoming.pk).update(previous=series)

    names = ("series", "sessions", "registrations", "seats", "evaluations")
    if not any(made.values()):
        return "online sessions complete, nothing added"
    return "added " + ", ".join(f"{made[name]} {name}" for name in names if made[name])

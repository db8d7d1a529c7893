"""Demo accounts and community content, made only in demo mode (DEBUG on) by
``manage.py load_demo_content``. Every person and organisation here is fictional."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from community import appeals, demo_media, notifications, questions, services
from community.models import Case, Decision, Organisation, Question, User
from roadmap.models import Challenge, Phase

DEMO_PASSWORD = "samen-maken-2026"
# A fixed secret, so the demo moderator can be added to an authenticator app once.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class DemoAccount:
    email: str
    role: str
    recovery_codes: list[str] = field(default_factory=list)


ORGANISATIONS = [
    ("Gemeente Lindendal (demo)", Organisation.Kind.MUNICIPALITY, "lindendal.example"),
    ("Buurtcoöperatie De Linde (demo)", Organisation.Kind.RESIDENTS, ""),
    ("Hogeschool Rivierland (demo)", Organisation.Kind.KNOWLEDGE, "rivierland.example"),
]

MEMBERS = [
    # email, name, organisation index, role
    ("sanne@lindendal.example", "Sanne Bakker (demo)", 0, "Beleidsadviseur sociaal domein"),
    ("youssef@example.org", "Youssef El Amrani (demo)", 1, "Coördinator buurtcoöperatie"),
    ("marieke@rivierland.example", "Marieke Jansen (demo)", 2, "Onderzoeker co-creatie"),
]

CASES = [
    {
        "author": 0,
        "title": "Samen met bewoners een nieuwe aanpak voor het buurthuis",
        "summary": (
            "Het buurthuis liep leeg. In plaats van zelf een plan te maken, vroegen we "
            "bewoners om mee te ontwerpen. Nu organiseren zij de helft van de activiteiten."
        ),
        "body": (
            "We begonnen met koffie op het plein, niet met een enquête. In drie weken "
            "spraken we ruim zestig mensen.\n\nDaarna ontwierpen we in vier avonden samen "
            "een nieuw programma. Iedereen had evenveel stem: we gebruikten vaste "
            "spreekrondes en een gespreksleider van buiten de gemeente."
        ),
        "what_worked": "Beginnen op straat. En een neutrale gespreksleider.",
        "do_differently": "Collega's van andere afdelingen eerder betrekken.",
        "phases": ["co-initieren", "co-design"],
        "challenges": [2, 3],
        "tags": ["buurthuis", "ontmoeting"],
        "decision": ("publish", "Mooi en concreet verhaal. Gepubliceerd!"),
        "featured": True,
    },
    {
        "author": 1,
        "title": "Bewoners vertellen zelf: verhalen als start van een wijkplan",
        "summary": (
            "Met korte verhalen van bewoners over hun straat kregen we een gesprek op gang "
            "met de gemeente. Die verhalen werden de basis voor het wijkplan."
        ),
        "body": (
            "Tien bewoners namen elkaar op met hun telefoon. Ze vertelden wat ze waardeerden "
            "en wat er moest veranderen.\n\nIn een bijeenkomst met ambtenaren luisterden we "
            "samen naar de verhalen. Daarna kozen we samen drie onderwerpen."
        ),
        "what_worked": "Verhalen maken het gesprek persoonlijk en gelijkwaardig.",
        "do_differently": "Meer tijd nemen om jongeren te bereiken.",
        "phases": ["co-initieren"],
        "challenges": [1, 12],
        "tags": ["verhalen", "wijkplan"],
        "decision": ("publish", "Dank je wel, gepubliceerd."),
    },
    {
        "author": 2,
        "title": "Evalueren met een lerende bijeenkomst in plaats van een vragenlijst",
        "summary": (
            "Na een jaar co-creatie evalueerden we niet met een vragenlijst, maar met een "
            "bijeenkomst waar bewoners, professionals en beleidsmakers samen terugkeken."
        ),
        "body": (
            "Iedereen kreeg dezelfde drie vragen: wat werkte, wat niet, en wat nemen we mee? "
            "Een student van de hogeschool leidde het gesprek.\n\nDe uitkomsten gingen "
            "rechtstreeks naar het team dat de dienst uitvoert."
        ),
        "what_worked": "Een neutrale plek, buiten het gemeentehuis.",
        "do_differently": "Het gesprek elk half jaar herhalen, niet alleen aan het eind.",
        "phases": ["co-evaluatie"],
        "challenges": [6, 10],
        "tags": ["evaluatie"],
        "decision": ("publish", "Gepubliceerd, dank voor het delen."),
    },
    {
        "author": 0,
        "title": "Afdelingen die langs elkaar heen werken",
        "summary": "Een project met drie afdelingen liep vast. Wat we deden om weer samen op "
        "te trekken.",
        "body": "Elke afdeling had eigen doelen. We maakten één gezamenlijke opdracht.",
        "what_worked": "Een gezamenlijke opdracht op papier.",
        "do_differently": "",
        "phases": ["co-productie"],
        "challenges": [8],
        "tags": ["samenwerking"],
        "decision": (
            "request_changes",
            "Interessant! Kun je iets meer vertellen over hoe die gezamenlijke opdracht tot "
            "stand kwam, en wat het resultaat was?",
        ),
    },
    {
        "author": 1,
        "title": "Jongeren betrekken bij het sportpark",
        "summary": "Hoe we jongeren vroegen mee te denken over de inrichting van het sportpark.",
        "body": "We organiseerden een middag op het sportpark zelf, met muziek en eten.",
        "what_worked": "Naar de jongeren toe gaan.",
        "do_differently": "",
        "phases": ["co-design"],
        "challenges": [2],
        "tags": ["jongeren"],
        "submit": True,
    },
    {
        "author": 2,
        "title": "Concept: een living lab in de wijk",
        "summary": "Nog niet af: onze ervaringen met een living lab.",
        "body": "Dit verhaal schrijf ik nog verder.",
        "what_worked": "",
        "do_differently": "",
        "phases": ["co-design", "co-productie"],
        "challenges": [7],
        "tags": ["living lab"],
    },
]

NEWCOMER = ("noor@example.org", "Noor Visser (demo)")

# Who follows what before the cases are published: Sanne hears of Youssef's story about
# challenges 1 and 12, and of everything from the university of applied sciences.
FOLLOWS = {0: {"challenges": [1, 12], "organisations": [2]}, 1: {"members": [0]}}

# Youssef asks Marieke about her evaluation; she answers on the site.
QUESTION = (
    "Hoi Marieke, wij willen ook samen met bewoners terugkijken op ons project. Hoe "
    "kregen jullie beleidsmakers zover dat ze een hele avond aanschoven?"
)
ANSWER = (
    "Door het niet 'evaluatie' te noemen, maar 'leeravond'. En we vroegen de wethouder "
    "om de avond te openen: dan komen de beleidsmakers vanzelf."
)

COMMENTS = [
    (0, 1, "Herkenbaar! Wij begonnen ook op straat. Hoe hielden jullie de groep vast?"),
    (0, 2, "Mooi voorbeeld van gelijkwaardigheid. Mag ik dit gebruiken in een les?"),
    (1, 0, "Wat een goed idee om bewoners elkaar te laten interviewen."),
    (2, 1, "Een half jaar lijkt mij ook een goed ritme."),
]


# Answers in a thread: (index in COMMENTS, member index, text).
REPLIES = [
    (0, 0, "We stuurden elke deelnemer na afloop een kaartje met wat er met hun idee "
           "gebeurde. Dat hield ze betrokken."),
    (0, 2, "Goed idee, dat kaartje. Dat neem ik mee naar onze volgende ronde."),
    (1, 0, "Graag! Noem je de bron? Dan kunnen studenten ons ook vinden."),
]  # fmt: skip


def _user(email, name, *, staff=False, superuser=False, welcomed=True):
    user, created = User.objects.get_or_create(email=email)
    if created:
        first, _, last = name.partition(" ")
        user.first_name, user.last_name = first, last
        user.is_staff, user.is_superuser = staff, superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile = services.profile_ensure(user=user)
    if created:
        profile.display_name = name
        # Demo accounts are old hands, except the one that shows the welcome page.
        profile.welcomed_at = timezone.now() if welcomed else None
        profile.save(update_fields=["display_name", "welcomed_at"])
    return user, created


def _two_factor(user) -> list[str]:
    """TOTP with the demo secret and recovery codes; returns the unused codes."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES)
    recovery = RecoveryCodes(codes.first()) if codes.exists() else RecoveryCodes.activate(user)
    return recovery.get_unused_codes()


@transaction.atomic
def load_accounts() -> list[DemoAccount]:
    """Create the demo accounts and community content that are missing."""
    admin, _ = _user("beheerder@example.org", "Demo Beheerder", staff=True, superuser=True)
    moderator, _ = _user("moderator@example.org", "Mo de Moderator (demo)", staff=True)
    moderator.groups.add(Group.objects.get_or_create(name=settings.MODERATORS_GROUP)[0])
    organiser, _ = _user("organisator@example.org", "Olga de Organisator (demo)", staff=True)
    organiser.groups.add(Group.objects.get_or_create(name=settings.ORGANISERS_GROUP)[0])

    organisations = []
    for name, kind, domain in ORGANISATIONS:
        organisation = services.organisation_create(name=name, kind=kind, actor=admin)
        if domain and not organisation.email_domains:
            organisation.email_domains = domain
            organisation.save(update_fields=["email_domains"])
        organisations.append(organisation)

    members = []
    for email, name, organisation_index, role in MEMBERS:
        member, created = _user(email, name)
        if created:
            services.profile_update(
                profile=member.profile, organisation=organisations[organisation_index], role=role
            )
        members.append(member)

    # A new member who has not seen the welcome page yet: it opens at their first log-in.
    newcomer, _ = _user(*NEWCOMER, welcomed=False)

    if not Case.objects.filter(author__in=members).exists():
        # Follows first, so the cases published next become notifications.
        _load_follows(members, organisations)
        _load_cases(members, moderator)
    if not Question.objects.filter(recipient__in=members).exists():
        _load_questions(members)
    featured = Case.objects.published().filter(author=members[0], is_featured=True).first()
    if featured is not None:
        demo_media.load_media(featured)
    if not Decision.objects.filter(member__in=members, kind=Decision.Kind.AUTO_HIDDEN).exists():
        # The administrator hid the comment that is objected to, so the demo moderator
        # is the other moderator who decides on the objection.
        _load_moderation(members, admin, organiser)

    return [
        DemoAccount(admin.email, "beheerder (alles, ook /beheer/)", _two_factor(admin)),
        DemoAccount(moderator.email, "moderator (/moderatie/)", _two_factor(moderator)),
        DemoAccount(organiser.email, "organisator (/organiseren/)", _two_factor(organiser)),
        *(DemoAccount(member.email, "lid") for member in members),
        DemoAccount(newcomer.email, "nieuw lid (ziet eerst de welkomstpagina)"),
    ]


def _load_follows(members, organisations):
    challenges = {challenge.number: challenge for challenge in Challenge.objects.all()}
    for member_index, wanted in FOLLOWS.items():
        member = members[member_index]
        targets = [
            *(challenges[n] for n in wanted.get("challenges", ()) if n in challenges),
            *(organisations[i] for i in wanted.get("organisations", ())),
            *(members[i].profile for i in wanted.get("members", ())),
        ]
        for target in targets:
            notifications.follow_create(user=member, obj=target)


def _load_questions(members):
    sanne, youssef, marieke = members
    for member in (sanne, marieke):
        services.profile_update(profile=member.profile, accepts_questions=True)
    case = Case.objects.published().filter(author=marieke).first()
    question = questions.question_ask(
        asker=youssef, recipient_profile=marieke.profile, message=QUESTION, case=case
    )
    questions.question_answer(question=question, recipient=marieke, answer=ANSWER)


def _load_cases(members, moderator):
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    challenges = {challenge.number: challenge for challenge in Challenge.objects.all()}
    cases = []
    for entry in CASES:
        author = members[entry["author"]]
        case = services.case_create(
            author=author,
            title=entry["title"],
            summary=entry["summary"],
            body=entry["body"],
            what_worked=entry["what_worked"],
            do_differently=entry["do_differently"],
            organisation=author.profile.organisation,
            phases=[phases[slug] for slug in entry["phases"] if slug in phases],
            challenges=[challenges[n] for n in entry["challenges"] if n in challenges],
            tags=entry["tags"],
        )
        if entry.get("submit") or entry.get("decision"):
            case = services.case_submit(case=case, author=author)
        if entry.get("decision"):
            decision, message = entry["decision"]
            case = services.case_decide(
                case=case, moderator=moderator, decision=decision, message=message
            )
        if entry.get("featured"):
            case = services.case_feature(case=case, moderator=moderator, featured=True)
        cases.append(case)
    made = [
        services.comment_create(case=cases[case_index], author=members[member_index], body=text)
        for case_index, member_index, text in COMMENTS
    ]
    for comment_index, member_index, text in REPLIES:
        parent = made[comment_index]
        services.comment_create(
            case=parent.case, author=members[member_index], body=text, parent=parent
        )


# A comment that three members report (so it is hidden automatically), and one that a
# moderator hides and its author objects to: something in each queue to look at.
ADVERT = (
    "Wil jij ook sneller resultaat met bewoners? Wij geven een training co-creatie in "
    "één dag, nu met vijftig procent korting. Stuur me een bericht!"
)
OVERSHARED = (
    "Wij deden dit ook in de Lindenwijk. Bel gerust mevrouw De Groot van nummer 12, zij "
    "weet er alles van en is altijd thuis."
)
APPEAL = (
    "Mevrouw De Groot vond het goed dat ik haar noemde, ze wil graag mensen helpen. Ik "
    "heb haar telefoonnummer er niet bij gezet. Kan de reactie terug?"
)


def _load_moderation(members, moderator, organiser):
    sanne, youssef, marieke = members
    cases = list(Case.objects.published().filter(author__in=members).order_by("pk")[:2])
    if len(cases) < 2:
        return
    advert = services.comment_create(case=cases[0], author=youssef, body=ADVERT)
    for reporter in (sanne, marieke, organiser):
        services.report_create(
            reporter=reporter, item=advert, reason="spam", text="Dit is reclame."
        )
    overshared = services.comment_create(case=cases[1], author=marieke, body=OVERSHARED)
    services.report_create(reporter=sanne, item=overshared, reason="personal_data")
    services.content_hide(
        item=overshared,
        moderator=moderator,
        reason="Je noemt een bewoner met naam en adres. Dat mag niet zonder haar toestemming.",
        ground="privacy",
    )
    decision = Decision.objects.filter(comment=overshared).latest("created_at")
    appeals.appeal_create(decision=decision, member=marieke, text=APPEAL)

"""The demo trajectory: Sanne's team at the demo municipality works on the application
for household help with residents and the neighbourhood cooperative. Made through the
services, after the demo accounts (``community.demo``), and only once."""

import datetime

from django.db import transaction

from community.demo import DemoAccount, _user
from community.models import User
from planner import meetings, services, stakeholders
from planner.models import Meeting, Role, Stakeholder, Status, Trajectory
from roadmap.models import Challenge, Phase

TITLE = "Samen een Wmo-aanvraag die inwoners begrijpen (demo)"
READER = ("ruud@lindendal.example", "Ruud Smit (demo)")

# Per phase: (status, notes) for its first questions, in order.
ANSWERS = {
    "co-initieren": [
        (
            Status.DONE,
            "We begonnen bij de klachten over de aanvraag: te lang, te veel "
            "vakjargon. Dat was voor iedereen herkenbaar.",
        ),  # fmt: skip
        (
            Status.DONE,
            "Twintig korte gesprekken bij het buurthuis en het wijkteam. De "
            "grootste drempel: niet weten wat je mag vragen.",
        ),  # fmt: skip
        (Status.DONE, "Gesprekskaarten en een eenvoudige klantreis op papier."),
        (Status.DONE, "Ja: de dienst raakt inwoners direct en zij weten waar het schuurt."),
        (
            Status.DONE,
            "Via de buurtcoöperatie, met een uitnodiging op de koffie in plaats van een brief.",
        ),  # fmt: skip
        (Status.NOT_APPLICABLE, ""),
    ],
    "co-design": [
        (Status.DONE, "Drie ontwerpavonden met inwoners, consulenten en de coöperatie."),
        (Status.BUSY, "We twijfelen nog of de consulenten genoeg tijd krijgen om mee te doen."),
        (Status.BUSY, "Vaste spreekrondes en een gespreksleider van buiten de afdeling."),
    ],
}

STAKEHOLDERS = [
    # name, kind, interest, influence, {phase slug: how involved}
    ("Inwoners die hulp bij het huishouden aanvragen", Stakeholder.Kind.RESIDENTS, 5, 2,
     {"co-initieren": "Vertelden waar de aanvraag schuurt.",
      "co-design": "Ontwerpen de nieuwe aanvraag mee."}),
    ("Wmo-consulenten", Stakeholder.Kind.MUNICIPALITY, 4, 4,
     {"co-design": "Toetsen of het ontwerp werkt in het gesprek."}),
    ("Buurtcoöperatie De Linde", Stakeholder.Kind.CIVIL_SOCIETY, 4, 3,
     {"co-initieren": "Nodigden bewoners uit.", "co-design": "Leiden de ontwerpavonden."}),
    ("Wethouder zorg", Stakeholder.Kind.POLITICS, 3, 5,
     {"co-design": "Krijgt elke maand een korte stand van zaken."}),
]  # fmt: skip

MEETINGS = [
    {
        "kind": Meeting.Kind.MEETING,
        "held_on": datetime.date(2026, 9, 15),
        "title": "Aftrap met de buurtcoöperatie",
        "participants": "Team, twee bestuursleden van de coöperatie",
        "decisions": "We starten met gesprekken op de koffie in het buurthuis.",
    },
    {
        "kind": Meeting.Kind.EVALUATION,
        "held_on": datetime.date(2026, 10, 20),
        "title": "Terugblik op de eerste ontwerpavond",
        "participants": "Acht inwoners, twee consulenten, de coöperatie",
        "what_works": "De vaste spreekrondes: iedereen kwam aan het woord.",
        "what_not": "De avond was te lang; na twee uur haakten mensen af.",
        "scores": [4, 5, 3, 4, 4],
    },
    {
        "kind": Meeting.Kind.EVALUATION,
        "held_on": datetime.date(2026, 11, 17),
        "title": "Terugblik op de tweede ontwerpavond",
        "participants": "Tien inwoners, twee consulenten, de coöperatie",
        "what_works": "Korter en met pauze. Het voorbeeldformulier op papier hielp.",
        "what_not": "Nog weinig jongere aanvragers.",
        "scores": [5, 4, 5, 4],
    },
]

CHALLENGES = [2, 6]


def _members() -> tuple[User, User] | None:
    owner = User.objects.filter(email="sanne@lindendal.example").first()
    editor = User.objects.filter(email="youssef@example.org").first()
    return (owner, editor) if owner and editor else None


@transaction.atomic
def load_accounts() -> list[DemoAccount]:
    """The demo trajectory with its team, made once; the accounts it adds or gives a
    role, for the list ``make run`` prints."""
    members = _members()
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    if members is None or "co-design" not in phases:
        return []
    owner, editor = members
    reader, _created = _user(*READER)
    accounts = [
        DemoAccount(owner.email, "eigenaar van het demotraject (/mijn-trajecten/)"),
        DemoAccount(editor.email, "bewerker in het demotraject"),
        DemoAccount(reader.email, "lid, lezer in het demotraject"),
    ]
    if Trajectory.objects.filter(title=TITLE).exists():
        return accounts

    trajectory = services.trajectory_create(
        owner=owner,
        title=TITLE,
        organisation="Gemeente Lindendal (demo)",
        service="De aanvraag van hulp bij het huishouden (Wmo)",
        goal=(
            "Samen met inwoners en de buurtcoöperatie een aanvraag maken die je in één keer "
            "begrijpt, zodat mensen sneller de hulp krijgen die ze nodig hebben."
        ),
        starts_on=datetime.date(2026, 9, 1),
        phase=phases["co-design"],
    )
    for user, role in ((editor, Role.EDITOR), (reader, Role.READER)):
        invitation, _token = services.invitation_create(
            trajectory=trajectory, owner=owner, email=user.email, role=role
        )
        services.invitation_accept(invitation=invitation, user=user)
    services.invitation_create(
        trajectory=trajectory, owner=owner, email="wijkteam@lindendal.example", role=Role.READER
    )

    for slug, answers in ANSWERS.items():
        for question, (status, notes) in zip(phases[slug].questions.all(), answers, strict=False):
            services.answer_save(
                trajectory=trajectory, editor=owner, question=question, status=status, notes=notes
            )
    for name, kind, interest, influence, involved in STAKEHOLDERS:
        stakeholders.stakeholder_create(
            trajectory=trajectory, editor=editor, name=name, kind=kind, interest=interest,
            influence=influence,
            involvements={phases[slug].pk: text for slug, text in involved.items()},
        )  # fmt: skip
    for entry in MEETINGS:
        entry = dict(entry)
        scores = entry.pop("scores", [])
        fields = {"participants": "", "decisions": "", "what_works": "", "what_not": ""}
        meeting = meetings.meeting_create(
            trajectory=trajectory, editor=owner, **{**fields, **entry}
        )
        for number, score in enumerate(scores):
            meetings.score_give(meeting=meeting, voter=f"demo-{number}", score=score, comment="")
    services.challenges_set(
        trajectory=trajectory,
        editor=owner,
        challenges=list(Challenge.objects.filter(number__in=CHALLENGES)),
    )
    return accounts

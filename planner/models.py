"""A team's own co-creation trajectory: private to its team, following the roadmap's four
phases, and at the end the source of a case draft (``planner.services``)."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

SCALE = [(n, str(n)) for n in range(1, 6)]
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def new_token() -> str:
    """A secret for a link in a mail or on paper: 32 characters, URL-safe."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """What is stored of an invitation's secret: its SHA-256, so a copy of the database
    opens no trajectory."""
    return hashlib.sha256(token.encode()).hexdigest()


class TrajectoryQuerySet(models.QuerySet):
    def for_member(self, user):
        """The trajectories ``user`` is in the team of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def shared_for_support(self):
        return self.exclude(support_shared_at=None)


class Trajectory(models.Model):
    """A co-creation project of a team (traject), private by default."""

    title = models.CharField(gettext_lazy("titel"), max_length=200)
    organisation = models.CharField(
        gettext_lazy("gemeente of organisatie"),
        max_length=200,
        help_text=gettext_lazy("Wie het traject trekt, bijvoorbeeld 'Gemeente Lindendal'."),
    )
    service = models.CharField(
        gettext_lazy("publieke dienst"),
        max_length=200,
        help_text=gettext_lazy("Om welke dienst gaat het? Bijvoorbeeld 'de Wmo-aanvraag'."),
    )
    goal = models.TextField(
        gettext_lazy("doel"),
        max_length=2000,
        help_text=gettext_lazy("Wat wil je samen bereiken? Eén alinea is genoeg."),
    )
    starts_on = models.DateField(gettext_lazy("startdatum"))
    phase = models.ForeignKey(
        "roadmap.Phase",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("huidige fase"),
    )
    # Shared by the owner with the moderators, for support: they may read it until the
    # owner stops sharing (planner.services.trajectory_share_for_support).
    support_shared_at = models.DateTimeField(
        gettext_lazy("gedeeld voor ondersteuning sinds"), null=True, blank=True
    )
    # The case draft made from it (planner.services.trajectory_publish_as_case).
    case = models.ForeignKey(
        "community.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("praktijkverhaal"),
    )
    created_at = models.DateTimeField(gettext_lazy("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("gewijzigd"), auto_now=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = gettext_lazy("traject")
        verbose_name_plural = gettext_lazy("trajecten")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planner:detail", kwargs={"pk": self.pk})

    @property
    def is_shared_for_support(self) -> bool:
        return self.support_shared_at is not None


class LogVerb(models.TextChoices):
    """What the site's action log holds of trajectories: only the moderators' access."""

    SUPPORT = "planner_support", gettext_lazy("traject gedeeld voor ondersteuning")
    SUPPORT_END = "planner_support_end", gettext_lazy("delen voor ondersteuning gestopt")
    SUPPORT_VIEW = "planner_support_view", gettext_lazy("gedeeld traject bekeken")


class Role(models.TextChoices):
    OWNER = "owner", gettext_lazy("Eigenaar")
    EDITOR = "editor", gettext_lazy("Bewerker")
    READER = "reader", gettext_lazy("Lezer")


# What each role may do, strongest first (planner.permissions).
ROLE_RANK = {Role.OWNER: 3, Role.EDITOR: 2, Role.READER: 1}
INVITABLE_ROLES = [(Role.EDITOR, Role.EDITOR.label), (Role.READER, Role.READER.label)]


class Membership(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trajectory_memberships"
    )
    role = models.CharField(gettext_lazy("rol"), max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(gettext_lazy("lid sinds"), auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "joined_at", "pk"]
        verbose_name = gettext_lazy("teamlid")
        verbose_name_plural = gettext_lazy("teamleden")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "user"], name="membership_once"),
            models.UniqueConstraint(
                fields=["trajectory"], condition=Q(role="owner"), name="membership_one_owner"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


# How long an invitation can be accepted.
INVITATION_DAYS = 14


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mail address invited to the team, with a secret link that works once, for
    that address only, for ``INVITATION_DAYS``."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(gettext_lazy("e-mailadres"))
    role = models.CharField(gettext_lazy("rol"), max_length=10, choices=INVITABLE_ROLES)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(gettext_lazy("uitgenodigd"), default=timezone.now)
    expires_at = models.DateTimeField(gettext_lazy("verloopt"))
    accepted_at = models.DateTimeField(gettext_lazy("aangenomen"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(gettext_lazy("ingetrokken"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("uitnodiging")
        verbose_name_plural = gettext_lazy("uitnodigingen")

    def __str__(self):
        return self.email

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class Status(models.TextChoices):
    OPEN = "open", gettext_lazy("Open")
    BUSY = "busy", gettext_lazy("Bezig")
    DONE = "done", gettext_lazy("Klaar")
    NOT_APPLICABLE = "na", gettext_lazy("N.v.t.")


# Statuses that count as dealt with in the progress of a phase.
FINISHED = (Status.DONE, Status.NOT_APPLICABLE)


class Answer(models.Model):
    """The team's own answer to one guiding question of the roadmap. A question without
    an answer is open."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "roadmap.GuidingQuestion", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notes = models.TextField(gettext_lazy("jullie antwoord of aantekeningen"), max_length=5000,
                             blank=True)  # fmt: skip
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(gettext_lazy("gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["trajectory", "question"]
        verbose_name = gettext_lazy("antwoord")
        verbose_name_plural = gettext_lazy("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "question"], name="answer_once"),
        ]

    def __str__(self):
        return f"{self.question}: {self.get_status_display()}"


class Stakeholder(models.Model):
    """A person or group involved, placed on the interest/influence grid."""

    class Kind(models.TextChoices):
        RESIDENTS = "residents", gettext_lazy("Inwoners")
        MUNICIPALITY = "municipality", gettext_lazy("Gemeente")
        CIVIL_SOCIETY = "civil_society", gettext_lazy("Maatschappelijke organisatie")
        BUSINESS = "business", gettext_lazy("Ondernemers")
        KNOWLEDGE = "knowledge", gettext_lazy("Kennisinstelling")
        GOVERNMENT = "government", gettext_lazy("Andere overheid")
        POLITICS = "politics", gettext_lazy("Politiek en bestuur")
        OTHER = "other", gettext_lazy("Anders")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(gettext_lazy("naam of groep"), max_length=200)
    kind = models.CharField(gettext_lazy("soort"), max_length=20, choices=Kind.choices)
    interest = models.PositiveSmallIntegerField(
        gettext_lazy("belang"), choices=SCALE, validators=SCALE_VALIDATORS,
        help_text=gettext_lazy("Hoeveel raakt het traject hen? 1 = weinig, 5 = heel veel."),
    )  # fmt: skip
    influence = models.PositiveSmallIntegerField(
        gettext_lazy("invloed"), choices=SCALE, validators=SCALE_VALIDATORS,
        help_text=gettext_lazy("Hoeveel kunnen zij het traject sturen? 1 = weinig, 5 = heel veel."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "-influence", "-interest", "name", "pk"]
        verbose_name = gettext_lazy("belanghebbende")
        verbose_name_plural = gettext_lazy("belanghebbenden")
        constraints = [
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5), name="stakeholder_interest_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=5),
                name="stakeholder_influence_1_to_5",
            ),
        ]

    def __str__(self):
        return self.name


class Involvement(models.Model):
    """How a stakeholder is involved in one phase."""

    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="involvements"
    )
    phase = models.ForeignKey("roadmap.Phase", on_delete=models.CASCADE, related_name="+")
    description = models.CharField(gettext_lazy("hoe betrokken"), max_length=300)

    class Meta:
        ordering = ["stakeholder", "phase__order"]
        verbose_name = gettext_lazy("betrokkenheid")
        verbose_name_plural = gettext_lazy("betrokkenheid")
        constraints = [
            models.UniqueConstraint(fields=["stakeholder", "phase"], name="involvement_once"),
        ]

    def __str__(self):
        return f"{self.stakeholder}: {self.description}"


class Meeting(models.Model):
    """A meeting of the team and its partners, or a co-evaluation moment at which the
    participants give a score through a link that needs no account."""

    class Kind(models.TextChoices):
        MEETING = "meeting", gettext_lazy("Bijeenkomst")
        EVALUATION = "evaluation", gettext_lazy("Co-evaluatie")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(gettext_lazy("soort"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(gettext_lazy("datum"))
    title = models.CharField(gettext_lazy("onderwerp"), max_length=200)
    participants = models.TextField(
        gettext_lazy("wie deden mee"), max_length=2000, blank=True,
        help_text=gettext_lazy("Namen, groepen of organisaties."),
    )  # fmt: skip
    decisions = models.TextField(gettext_lazy("wat is besloten"), max_length=5000, blank=True)
    what_works = models.TextField(gettext_lazy("wat werkt"), max_length=5000, blank=True)
    what_not = models.TextField(gettext_lazy("wat werkt niet"), max_length=5000, blank=True)
    # Co-evaluation only: the short link for the scores, and whether it still takes them.
    score_token = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                   editable=False)  # fmt: skip
    scores_open = models.BooleanField(gettext_lazy("cijfers geven kan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "-held_on", "-pk"]
        verbose_name = gettext_lazy("bijeenkomst")
        verbose_name_plural = gettext_lazy("bijeenkomsten")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "planner:meeting_detail", kwargs={"pk": self.trajectory_id, "meeting_pk": self.pk}
        )

    @property
    def is_evaluation(self) -> bool:
        return self.kind == self.Kind.EVALUATION

    def score_url(self) -> str:
        return reverse("planner:score", kwargs={"token": self.score_token})


class Score(models.Model):
    """One participant's score for a co-evaluation moment. ``voter`` is a random key kept
    in the participant's browser, so a second visit changes the score instead of adding
    one; no name or address is stored."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="scores")
    voter = models.CharField(max_length=64)
    score = models.PositiveSmallIntegerField(
        gettext_lazy("cijfer"), choices=SCALE, validators=SCALE_VALIDATORS
    )
    comment = models.TextField(gettext_lazy("toelichting"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = gettext_lazy("cijfer")
        verbose_name_plural = gettext_lazy("cijfers")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "voter"], name="score_once_per_voter"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.score}"


class ChallengeMet(models.Model):
    """One of the twelve challenges the team runs into."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="challenges_met"
    )
    challenge = models.ForeignKey("roadmap.Challenge", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trajectory", "challenge__number"]
        verbose_name = gettext_lazy("uitdaging in het traject")
        verbose_name_plural = gettext_lazy("uitdagingen in het traject")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "challenge"], name="challenge_met_once"),
        ]

    def __str__(self):
        return str(self.challenge)


class Activity(models.Model):
    """The trajectory's own log: every change, who made it and when. Kept here and not in
    the site's action log, which moderators read: a trajectory is its team's alone, and
    deleting it leaves nothing behind."""

    class Verb(models.TextChoices):
        CREATE = "create", gettext_lazy("traject begonnen")
        UPDATE = "update", gettext_lazy("gegevens gewijzigd")
        PHASE = "phase", gettext_lazy("naar een andere fase")
        ANSWER = "answer", gettext_lazy("vraag bijgewerkt")
        INVITE = "invite", gettext_lazy("uitgenodigd")
        INVITE_REVOKE = "invite_revoke", gettext_lazy("uitnodiging ingetrokken")
        JOIN = "join", gettext_lazy("bij het team gekomen")
        ROLE = "role", gettext_lazy("rol gewijzigd")
        REMOVE = "remove", gettext_lazy("uit het team gehaald")
        LEAVE = "leave", gettext_lazy("uit het team gegaan")
        OWNER = "owner", gettext_lazy("eigenaar overgedragen")
        STAKEHOLDER = "stakeholder", gettext_lazy("belanghebbende toegevoegd of gewijzigd")
        STAKEHOLDER_DELETE = "stakeholder_delete", gettext_lazy("belanghebbende verwijderd")
        MEETING = "meeting", gettext_lazy("bijeenkomst vastgelegd of gewijzigd")
        MEETING_DELETE = "meeting_delete", gettext_lazy("bijeenkomst verwijderd")
        SCORES = "scores", gettext_lazy("cijfers geopend of gesloten")
        CHALLENGES = "challenges", gettext_lazy("uitdagingen bijgewerkt")
        PUBLISH = "publish", gettext_lazy("concept-praktijkverhaal gemaakt")
        SUPPORT = "support", gettext_lazy("gedeeld voor ondersteuning")
        SUPPORT_END = "support_end", gettext_lazy("delen voor ondersteuning gestopt")
        SUPPORT_VIEW = "support_view", gettext_lazy("bekeken door een moderator")
        EXPORT = "export", gettext_lazy("gedownload")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="activity")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verb = models.CharField(gettext_lazy("wat"), max_length=20, choices=Verb.choices)
    # What it was about, in the team's words: a question, a stakeholder, an address.
    subject = models.CharField(gettext_lazy("waarover"), max_length=300, blank=True)
    created_at = models.DateTimeField(gettext_lazy("wanneer"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("activiteit")
        verbose_name_plural = gettext_lazy("activiteit")
        indexes = [models.Index(fields=["trajectory", "-created_at"], name="activity_newest")]

    def __str__(self):
        return f"{self.get_verb_display()}: {self.subject}"

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.managers import TaggableManager

from cocreatie.core import media
from cocreatie.core.actionlog import FORMER_MEMBER
from cocreatie.core.markdown import COMMENT_TAGS, MarkdownFieldsMixin


class UserManager(DjangoUserManager):
    """Users sign in with their e-mail address; there is no username to invent."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(gettext_lazy("e-mailadres"), unique=True)
    # What the site writes to the member (mails, notifications) is in this language.
    language = models.CharField(
        gettext_lazy("taal"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=gettext_lazy("De taal van de mails en meldingen die je van ons krijgt."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = gettext_lazy("account")
        verbose_name_plural = gettext_lazy("accounts")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.email


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", gettext_lazy("Gemeente")
        PROVINCE = "provincie", gettext_lazy("Provincie")
        NATIONAL = "rijk", gettext_lazy("Rijksoverheid")
        WATER_BOARD = "waterschap", gettext_lazy("Waterschap")
        CIVIL_SOCIETY = "maatschappelijk", gettext_lazy("Maatschappelijke organisatie")
        KNOWLEDGE = "kennisinstelling", gettext_lazy("Kennisinstelling")
        RESIDENTS = "bewonersinitiatief", gettext_lazy("Bewonersinitiatief")
        OTHER = "anders", gettext_lazy("Anders")

    name = models.CharField(gettext_lazy("naam"), max_length=150)
    slug = models.SlugField(gettext_lazy("korte naam in het adres"), max_length=160, unique=True)
    kind = models.CharField(gettext_lazy("soort"), max_length=20, choices=Kind.choices)
    email_domains = models.TextField(
        "e-maildomeinen",
        blank=True,
        help_text=gettext_lazy(
            "Eén domein per regel, bijvoorbeeld houten.nl. Leden met een bevestigd "
            "e-mailadres op zo'n domein krijgen het label 'geverifieerd'."
        ),
    )
    created_at = models.DateTimeField(gettext_lazy("aangemaakt"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("organisatie")
        verbose_name_plural = gettext_lazy("organisaties")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:organisation_detail", kwargs={"slug": self.slug})

    # In the site-wide search by name only (every organisation has a public page).
    kind_label = "Organisatie"
    is_published = True
    title = property(lambda self: self.name)
    summary = property(lambda self: self.get_kind_display())
    updated_at = property(lambda self: self.created_at)

    def search_summary(self):
        return ""

    def search_text(self):
        return ""

    @property
    def domain_list(self) -> list[str]:
        return [
            line.strip().lower().lstrip("@")
            for line in self.email_domains.replace(",", "\n").splitlines()
            if line.strip()
        ]

    def matches_email(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return bool(domain) and domain in self.domain_list


def member_name(user: User | None) -> str:
    """Someone's name as other members see it: their display name, or "voormalig lid"
    once the account (or its profile) is gone. Never the e-mail address."""
    profile = getattr(user, "profile", None) if user is not None else None
    return profile.display_name if profile else FORMER_MEMBER


class ProfileQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_listed=True, user__is_active=True)

    def visible_to(self, user):
        """Listed, active members for everyone; your own profile always; all of them for
        moderators."""
        from community.permissions import is_moderator  # permissions loads the auth views

        if is_moderator(user):
            return self
        return self.filter(
            models.Q(is_listed=True, user__is_active=True) | models.Q(user_id=user.pk or 0)
        )


class Profile(models.Model):
    """A member's public face. The e-mail address is never shown to other members."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    slug = models.SlugField(gettext_lazy("korte naam in het adres"), max_length=80, unique=True)
    display_name = models.CharField(
        gettext_lazy("naam"),
        max_length=100,
        help_text=gettext_lazy("Zo zien andere leden je. Bijvoorbeeld je voornaam."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=gettext_lazy("organisatie"),
    )
    role = models.CharField(gettext_lazy("functie"), max_length=120, blank=True)
    bio = models.TextField(gettext_lazy("over jou"), max_length=1000, blank=True)
    is_listed = models.BooleanField(
        gettext_lazy("toon mijn profiel aan andere leden en bezoekers"),
        default=True,
        help_text=gettext_lazy(
            "Zet je dit uit, dan staat je profiel niet in lijsten van je organisatie."
        ),
    )
    accepts_questions = models.BooleanField(
        gettext_lazy("Collega's mogen mij een vraag stellen"),
        default=False,
        help_text=gettext_lazy(
            "Leden zien dan 'Stel een vraag' bij je profiel en je praktijkverhalen. Hun vraag "
            "komt per mail bij je binnen; je e-mailadres zien ze pas als je terugschrijft."
        ),
    )
    # Set when the member has seen the welcome page after confirming their address.
    welcomed_at = models.DateTimeField(gettext_lazy("welkom gezien"), null=True, blank=True)
    is_verified_member = models.BooleanField(
        gettext_lazy("geverifieerd lid van de organisatie"), default=False, editable=False
    )
    suspended_at = models.DateTimeField(gettext_lazy("geschorst op"), null=True, blank=True)
    suspended_reason = models.TextField(gettext_lazy("reden van schorsing"), blank=True)
    # Empty: until a moderator lifts it. Otherwise the account reopens by itself then.
    suspended_until = models.DateTimeField(gettext_lazy("geschorst tot"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("aangemaakt"), auto_now_add=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = gettext_lazy("profiel")
        verbose_name_plural = gettext_lazy("profielen")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("community:profile_detail", kwargs={"slug": self.slug})

    # In the site-wide search by name only, and only while the profile is public.
    kind_label = "Lid"
    title = property(lambda self: self.display_name)
    updated_at = property(lambda self: self.created_at)

    @property
    def summary(self):
        organisation = self.organisation.name if self.organisation_id else ""
        if self.role and organisation:
            return _("%(role)s bij %(organisation)s") % {
                "role": self.role,
                "organisation": organisation,
            }
        return self.role or organisation

    @property
    def is_published(self):
        """Public: listed and not suspended (a suspension is saved before the account is
        switched off, and lifted before it is switched on again)."""
        return self.is_listed and self.suspended_at is None

    def search_summary(self):
        return ""

    def search_text(self):
        return ""

    @classmethod
    def from_db(cls, db, field_names, values):
        profile = super().from_db(db, field_names, values)
        # Whether the stored row accepted questions: switching it off must refresh the
        # cached pages that list this member as a colleague to ask.
        profile.accepted_questions_when_loaded = profile.__dict__.get("accepts_questions", False)
        return profile

    accepted_questions_when_loaded = False


# The long texts of a case, which no list of cases shows.
CARD_DEFERRED = (
    "body", "body_html", "what_worked", "what_worked_html", "do_differently",
    "do_differently_html", "moderator_message",
)  # fmt: skip


class CaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Case.Status.PUBLISHED, is_hidden=False, deleted_at=None)

    def for_cards(self):
        """With what a case card shows (``community/_case_item.html``): the organisation,
        and not the long texts, which a list of twenty would otherwise read and build
        for nothing (half the time of the case list's query at full scale)."""
        return self.select_related("organisation").defer(*CARD_DEFERRED)

    def about(self, *, challenge_ids=(), phase_ids=()):
        """The cases that name one of the challenges or phases. Each link is tested in a
        subquery, so no case repeats and a list ordered newest first reads its index and
        stops at the limit (no DISTINCT over every matching case)."""
        case = models.OuterRef("pk")
        condition = models.Q(pk__in=[])
        if challenge_ids:
            links = Case.challenges.through.objects.filter(case=case, challenge__in=challenge_ids)
            condition |= models.Q(models.Exists(links))
        if phase_ids:
            links = Case.phases.through.objects.filter(case=case, phase__in=phase_ids)
            condition |= models.Q(models.Exists(links))
        return self.filter(condition)

    def visible_to(self, user):
        """Published cases for everyone; the author's own and, for moderators, all."""
        from community.permissions import is_moderator  # permissions loads the auth views

        if user.is_authenticated and is_moderator(user):
            return self
        if user.is_authenticated:
            return self.filter(
                models.Q(status=Case.Status.PUBLISHED, is_hidden=False) | models.Q(author=user),
                deleted_at=None,
            )
        return self.published()


class Case(MarkdownFieldsMixin, models.Model):
    """A member's own co-creation experience (praktijkverhaal)."""

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Concept")
        SUBMITTED = "submitted", gettext_lazy("Wacht op beoordeling")
        CHANGES_REQUESTED = "changes_requested", gettext_lazy("Aanpassing gevraagd")
        PUBLISHED = "published", gettext_lazy("Gepubliceerd")
        REJECTED = "rejected", gettext_lazy("Afgewezen")

    author = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=gettext_lazy("auteur"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=gettext_lazy("organisatie"),
    )
    title = models.CharField(gettext_lazy("titel"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.TextField(gettext_lazy("samenvatting"), max_length=600)
    body = models.TextField(gettext_lazy("wat heb je gedaan?"))
    body_html = models.TextField(editable=False, blank=True)
    what_worked = models.TextField(gettext_lazy("wat werkte goed?"), blank=True)
    what_worked_html = models.TextField(editable=False, blank=True)
    do_differently = models.TextField(gettext_lazy("wat zou je nu anders doen?"), blank=True)
    do_differently_html = models.TextField(editable=False, blank=True)
    phases = models.ManyToManyField(
        "roadmap.Phase", blank=True, related_name="cases", verbose_name=gettext_lazy("fasen")
    )
    challenges = models.ManyToManyField(
        "roadmap.Challenge",
        blank=True,
        related_name="cases",
        verbose_name=gettext_lazy("uitdagingen"),
    )
    tags = TaggableManager(
        gettext_lazy("tags"), blank=True, help_text=gettext_lazy("Gescheiden door komma's.")
    )

    status = models.CharField(
        gettext_lazy("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    moderator_message = models.TextField(gettext_lazy("bericht van de moderator"), blank=True)
    is_featured = models.BooleanField(gettext_lazy("uitgelicht"), default=False)
    is_hidden = models.BooleanField(gettext_lazy("verborgen"), default=False)
    hidden_reason = models.TextField(gettext_lazy("reden van verbergen"), blank=True)
    review_requested_at = models.DateTimeField(
        gettext_lazy("herbeoordeling gevraagd"), null=True, blank=True
    )
    # Deleted by its author while reported or hidden: out of public view at once, kept for
    # the moderators until the reports are resolved (then erased; the log keeps the fact).
    deleted_at = models.DateTimeField(
        gettext_lazy("verwijderd door de auteur"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(gettext_lazy("ingediend"), null=True, blank=True)
    published_at = models.DateTimeField(
        gettext_lazy("gepubliceerd"), null=True, blank=True, db_index=True
    )
    created_at = models.DateTimeField(gettext_lazy("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("gewijzigd"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    markdown_fields = ("body", "what_worked", "do_differently")
    kind_label = "Praktijkverhaal"

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = gettext_lazy("praktijkverhaal")
        verbose_name_plural = gettext_lazy("praktijkverhalen")
        indexes = [
            models.Index(fields=["status", "is_hidden", "-published_at"]),
            # The public list, newest first, paged by (published_at, id) cursor.
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published", is_hidden=False),
                name="case_published_newest",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:case_detail", kwargs={"slug": self.slug})

    @property
    def log_url(self):
        """Where the action log links to: the moderators' review page."""
        return reverse("community:moderation_case", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and not self.is_hidden and not self.deleted_at

    @property
    def is_editable_by_author(self):
        return self.status in (
            self.Status.DRAFT,
            self.Status.CHANGES_REQUESTED,
            self.Status.PUBLISHED,
        )

    def can_edit(self, user) -> bool:
        """Only the author edits a case, and only while it is not under review."""
        return user.is_authenticated and self.author_id == user.pk and self.is_editable_by_author

    @property
    def can_submit(self) -> bool:
        """A draft, or a case a moderator asked to change, can be submitted for review."""
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    # The states as questions, for templates (which never compare status strings).
    is_draft = property(lambda self: self.status == Case.Status.DRAFT)
    is_submitted = property(lambda self: self.status == Case.Status.SUBMITTED)
    is_changes_requested = property(lambda self: self.status == Case.Status.CHANGES_REQUESTED)
    is_rejected = property(lambda self: self.status == Case.Status.REJECTED)

    @property
    def is_approved(self):
        """Published by a moderator, whether or not it is hidden now."""
        return self.status == self.Status.PUBLISHED

    def search_text(self):
        return self.markdown_text()

    def search_phases(self):
        return self.phases.values_list("slug", flat=True)


def case_file_name(instance, filename: str) -> str:
    """Where an uploaded file of a case is stored: a random name in the case's folder.
    The name the member's computer gave it is never part of the path."""
    return media.new_name(f"cases/{instance.case_id}", instance.file_extension)


class CaseImage(models.Model):
    """A photo in a case, re-encoded by the site (``community.images``) into several
    widths as WebP and JPEG; the original upload is not kept."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="images")
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alt_text = models.CharField(gettext_lazy("beschrijving van de foto"), max_length=250)
    # The size of the largest rendition.
    width = models.PositiveIntegerField(gettext_lazy("breedte"))
    height = models.PositiveIntegerField(gettext_lazy("hoogte"))
    # {"480": {"webp": <storage name>, "jpeg": <storage name>}, "960": {...}, ...}
    renditions = models.JSONField(gettext_lazy("formaten"), default=dict)
    order = models.PositiveSmallIntegerField(gettext_lazy("volgorde"), default=0)
    is_hidden = models.BooleanField(gettext_lazy("verborgen"), default=False)
    hidden_reason = models.TextField(gettext_lazy("reden van verbergen"), blank=True)
    created_at = models.DateTimeField(gettext_lazy("toegevoegd"), auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = gettext_lazy("foto bij een praktijkverhaal")
        verbose_name_plural = gettext_lazy("foto's bij praktijkverhalen")

    def __str__(self):
        return _("Foto bij %(case)s: %(description)s") % {
            "case": self.case,
            "description": self.alt_text[:60],
        }

    @property
    def storage_names(self) -> list[str]:
        return [name for formats in self.renditions.values() for name in formats.values()]


class CaseDocument(models.Model):
    """A PDF in a case, checked by its content (``community.documents``); only ever
    downloaded, never shown inline."""

    file_extension = ".pdf"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(gettext_lazy("titel"), max_length=200)
    file = models.FileField(gettext_lazy("bestand"), upload_to=case_file_name, max_length=300)
    size = models.PositiveBigIntegerField(gettext_lazy("grootte in bytes"))
    page_count = models.PositiveIntegerField(gettext_lazy("aantal pagina's"))
    order = models.PositiveSmallIntegerField(gettext_lazy("volgorde"), default=0)
    created_at = models.DateTimeField(gettext_lazy("toegevoegd"), auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = gettext_lazy("document bij een praktijkverhaal")
        verbose_name_plural = gettext_lazy("documenten bij praktijkverhalen")

    def __str__(self):
        return self.title

    @property
    def storage_names(self) -> list[str]:
        return [self.file.name] if self.file else []


class CaseRevision(models.Model):
    """What a case looked like before its author changed it, once a moderator had seen
    it (published, or sent back for changes): text fields, phases, challenges, tags."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    previous = models.JSONField(help_text="The case's text fields before this change.")
    current = models.JSONField(help_text="The case's text fields after this change.")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("wijziging van een praktijkverhaal")
        verbose_name_plural = gettext_lazy("wijzigingen van praktijkverhalen")

    def __str__(self):
        return f"{self.case} ({self.created_at:%Y-%m-%d %H:%M})"


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False, deleted_at=None, held_at=None)

    def held(self):
        """Waiting for a moderator's approval (``community.spam``); once hidden, no more."""
        return self.filter(held_at__isnull=False, is_hidden=False, deleted_at=None)

    def public(self):
        """What any visitor sees: visible comments on published cases."""
        return self.visible().filter(
            case__status=Case.Status.PUBLISHED, case__is_hidden=False, case__deleted_at=None
        )

    def visible_to(self, user):
        """Visible comments for everyone; hidden ones too for their author (who may
        object) and for moderators, who also still see those their author deleted while
        they were reported (``community.evidence``). A held comment: its author and
        moderators only."""
        from community.permissions import is_moderator  # permissions loads the auth views

        if is_moderator(user):
            return self
        if user.is_authenticated:
            return self.filter(
                models.Q(is_hidden=False, held_at=None) | models.Q(author=user), deleted_at=None
            )
        return self.visible()


class Comment(MarkdownFieldsMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    # A reply to a comment (one level deep: a reply to a reply answers its parent).
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies",
        verbose_name=gettext_lazy("reactie op"),
    )  # fmt: skip
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    body = models.TextField(gettext_lazy("reactie"), max_length=3000)
    body_html = models.TextField(editable=False, blank=True)
    is_hidden = models.BooleanField(gettext_lazy("verborgen"), default=False)
    hidden_reason = models.TextField(gettext_lazy("reden van verbergen"), blank=True)
    review_requested_at = models.DateTimeField(
        gettext_lazy("herbeoordeling gevraagd"), null=True, blank=True
    )
    # Deleted by its author while reported or hidden: out of public view at once, kept for
    # the moderators until the reports are resolved; then the text is erased.
    deleted_at = models.DateTimeField(
        gettext_lazy("verwijderd door de auteur"), null=True, blank=True
    )
    erased_at = models.DateTimeField(gettext_lazy("tekst gewist"), null=True, blank=True)
    # Held for a moderator before anyone sees it (a link from a brand-new member).
    held_at = models.DateTimeField(
        gettext_lazy("wacht op goedkeuring sinds"), null=True, blank=True
    )
    created_at = models.DateTimeField(gettext_lazy("geplaatst"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    markdown_fields = ("body",)
    markdown_tags = COMMENT_TAGS

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = gettext_lazy("reactie")
        verbose_name_plural = gettext_lazy("reacties")
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self):
        return _("Reactie op %(case)s") % {"case": self.case}

    def get_absolute_url(self):
        """The page of the case that shows this comment's thread, at the comment."""
        from community.comments import comment_url  # it builds on these models

        return comment_url(self)


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Waiting for a moderator: neither resolved nor withdrawn by the reporter."""
        return self.filter(resolved_at__isnull=True, withdrawn_at__isnull=True)


class Report(models.Model):
    """A member flags a case or a comment; moderators resolve it."""

    class Reason(models.TextChoices):
        SPAM = "spam", gettext_lazy("Spam of reclame")
        OFFENSIVE = "offensive", gettext_lazy("Beledigend of kwetsend")
        PERSONAL_DATA = "personal_data", gettext_lazy("Bevat persoonsgegevens")
        OFF_TOPIC = "off_topic", gettext_lazy("Hoort hier niet")
        OTHER = "other", gettext_lazy("Iets anders")

    reporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reports")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    question = models.ForeignKey(
        "Question", on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(gettext_lazy("reden"), max_length=20, choices=Reason.choices)
    text = models.TextField(gettext_lazy("toelichting"), max_length=1000, blank=True)
    created_at = models.DateTimeField(gettext_lazy("gemeld"), auto_now_add=True)
    resolved_at = models.DateTimeField(gettext_lazy("afgehandeld"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The reporter took it back before a moderator resolved it.
    withdrawn_at = models.DateTimeField(gettext_lazy("ingetrokken"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("melding")
        verbose_name_plural = gettext_lazy("meldingen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(case__isnull=False, comment__isnull=True, question__isnull=True)
                    | models.Q(case__isnull=True, comment__isnull=False, question__isnull=True)
                    | models.Q(case__isnull=True, comment__isnull=True, question__isnull=False)
                ),
                name="report_targets_one_item",
            ),
            # One open report per member per item (after it is resolved or withdrawn,
            # the member may report the item again).
            models.UniqueConstraint(
                fields=["reporter", "case"],
                condition=models.Q(
                    case__isnull=False, resolved_at__isnull=True, withdrawn_at__isnull=True
                ),
                name="report_open_once_per_member_per_case",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(
                    comment__isnull=False, resolved_at__isnull=True, withdrawn_at__isnull=True
                ),
                name="report_open_once_per_member_per_comment",
            ),
            models.UniqueConstraint(
                fields=["reporter", "question"],
                condition=models.Q(
                    question__isnull=False, resolved_at__isnull=True, withdrawn_at__isnull=True
                ),
                name="report_open_once_per_member_per_question",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.target}"

    @property
    def target(self):
        return self.case or self.comment or self.question


class ModerationVerb(models.TextChoices):
    """The verbs of moderation steps in the action log (``cocreatie.core.actionlog``)."""

    SUBMIT = "submit", gettext_lazy("Ingediend")
    PUBLISH = "publish", gettext_lazy("Gepubliceerd")
    REQUEST_CHANGES = "request_changes", gettext_lazy("Aanpassing gevraagd")
    REJECT = "reject", gettext_lazy("Afgewezen")
    EDIT_PUBLISHED = "edit_published", gettext_lazy("Gepubliceerd verhaal gewijzigd")
    FEATURE = "feature", gettext_lazy("Uitgelicht")
    UNFEATURE = "unfeature", gettext_lazy("Niet meer uitgelicht")
    HIDE = "hide", gettext_lazy("Verborgen")
    AUTO_HIDE = "auto_hide", gettext_lazy("Automatisch verborgen na meldingen")
    RESTORE = "restore", gettext_lazy("Teruggezet")
    REVIEW_REQUEST = "review_request", gettext_lazy("Bezwaar gemaakt")
    RESOLVE_REPORT = "resolve_report", gettext_lazy("Melding afgehandeld")
    SUSPEND = "suspend", gettext_lazy("Lid geschorst")
    UNSUSPEND = "unsuspend", gettext_lazy("Schorsing opgeheven")
    SUSPENSION_END = "suspension_end", gettext_lazy("Schorsing afgelopen")
    APPEAL_KEEP = "appeal_keep", gettext_lazy("Bezwaar afgewezen: blijft verborgen")
    APPEAL_RESTORE = "appeal_restore", gettext_lazy("Bezwaar toegekend: teruggezet")
    AUTHOR_DELETE = "author_delete", gettext_lazy("Verwijderd door de auteur")
    ERASE = "erase", gettext_lazy("Tekst gewist na afhandeling")
    REPORT_WITHDRAW = "report_withdraw", gettext_lazy("Melding ingetrokken")
    HOLD = "hold", gettext_lazy("Tegengehouden voor beoordeling")
    APPROVE = "approve", gettext_lazy("Goedgekeurd na beoordeling")
    SPAM_REMOVE = "spam_remove", gettext_lazy("Alle bijdragen van een spamaccount verwijderd")
    MERGE_ORGANISATIONS = "merge_organisations", gettext_lazy("Organisaties samengevoegd")
    LOG_EXPORT = "log_export", gettext_lazy("Logboek gedownload")
    QUESTION_BLOCK = "question_block", gettext_lazy("Vraagsteller geblokkeerd")
    IMAGE_HIDE = "image_hide", gettext_lazy("Foto verborgen")
    IMAGE_RESTORE = "image_restore", gettext_lazy("Foto teruggezet")


class Question(models.Model):
    """ "Stel een vraag": a member asks a colleague who allows it. The message is relayed
    by mail with the asker as reply-to; the recipient's address stays hidden until they
    write back. They may also answer here, which the asker hears of as a notification."""

    asker = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="questions_asked"
    )
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="questions_received")
    # The case it was asked from, if any.
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    message = models.TextField(gettext_lazy("je vraag"), max_length=2000)
    created_at = models.DateTimeField(gettext_lazy("gesteld"), auto_now_add=True, db_index=True)
    answer = models.TextField(gettext_lazy("antwoord"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(gettext_lazy("beantwoord"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("vraag aan een collega")
        verbose_name_plural = gettext_lazy("vragen aan collega's")
        indexes = [models.Index(fields=["asker", "created_at"])]

    def __str__(self):
        # Never the address: this shows in moderators' mails and the action log.
        profile = Profile.objects.filter(user_id=self.recipient_id).first()
        name = profile.display_name if profile else _("een lid")
        return _("Vraag aan %(name)s") % {"name": name}

    def get_absolute_url(self):
        return reverse("community:question_detail", kwargs={"pk": self.pk})


class QuestionBlock(models.Model):
    """The recipient does not want questions from this member any more."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="question_blocks")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(gettext_lazy("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("geblokkeerde vraagsteller")
        verbose_name_plural = gettext_lazy("geblokkeerde vraagstellers")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "blocked"], name="question_block_once")
        ]

    def __str__(self):
        return _("%(recipient)s blokkeert %(blocked)s") % {
            "recipient": self.recipient,
            "blocked": self.blocked,
        }


class ContactRequest(models.Model):
    class Subject(models.TextChoices):
        QUESTION = "question", gettext_lazy("Een vraag")
        APPOINTMENT = "appointment", gettext_lazy("Een afspraak maken")
        JOIN = "join", gettext_lazy("Meedoen met de community")

    name = models.CharField(gettext_lazy("naam"), max_length=120)
    email = models.EmailField(gettext_lazy("e-mailadres"))
    organisation = models.CharField(gettext_lazy("organisatie"), max_length=150, blank=True)
    subject = models.CharField(gettext_lazy("onderwerp"), max_length=20, choices=Subject.choices)
    message = models.TextField(gettext_lazy("bericht"), max_length=5000)
    created_at = models.DateTimeField(gettext_lazy("ontvangen"), auto_now_add=True)
    is_handled = models.BooleanField(gettext_lazy("afgehandeld"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("contactverzoek")
        verbose_name_plural = gettext_lazy("contactverzoeken")

    def __str__(self):
        return _("%(subject)s van %(name)s") % {
            "subject": self.get_subject_display(),
            "name": self.name,
        }


class Decision(models.Model):
    """A statement of reasons: one moderation decision that affects a member, as they are
    told it (by mail, and on the item or at log-in): what was decided, on which ground,
    automatically or by a moderator, and how to object (``Appeal``)."""

    class Kind(models.TextChoices):
        CASE_CHANGES = "case_changes", gettext_lazy("Aanpassing gevraagd")
        CASE_REJECTED = "case_rejected", gettext_lazy("Praktijkverhaal afgewezen")
        HIDDEN = "hidden", gettext_lazy("Verborgen door een moderator")
        AUTO_HIDDEN = "auto_hidden", gettext_lazy("Automatisch verborgen na meldingen")
        KEPT_HIDDEN = "kept_hidden", gettext_lazy("Blijft verborgen na bezwaar")
        RESTORED = "restored", gettext_lazy("Teruggezet na bezwaar")
        SUSPENDED = "suspended", gettext_lazy("Account geschorst")
        SPAM_REMOVED = "spam_removed", gettext_lazy("Bijdragen verwijderd als spam")

    # Decisions a member can object to (once each).
    APPEALABLE = (Kind.CASE_REJECTED, Kind.HIDDEN, Kind.AUTO_HIDDEN, Kind.SUSPENDED,
                  Kind.SPAM_REMOVED)  # fmt: skip

    kind = models.CharField(gettext_lazy("besluit"), max_length=20, choices=Kind.choices)
    member = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="decisions", verbose_name=gettext_lazy("lid")
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    # A key of ``community.house_rules.RULES`` (a report reason maps onto one).
    ground = models.CharField(gettext_lazy("grond"), max_length=40, blank=True)
    message = models.TextField(gettext_lazy("toelichting"), blank=True)
    # Empty: decided automatically (three reports).
    moderator = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    automatic = models.BooleanField(gettext_lazy("automatisch"), default=False)
    # For a suspension: when it ends by itself (empty: until lifted).
    ends_at = models.DateTimeField(gettext_lazy("loopt tot"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("besloten op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("besluit met motivering")
        verbose_name_plural = gettext_lazy("besluiten met motivering")
        indexes = [models.Index(fields=["member", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.member}"

    @property
    def target(self):
        return self.case or self.comment

    @property
    def is_appealable(self) -> bool:
        return self.kind in self.APPEALABLE


class Appeal(models.Model):
    """The member's objection to a decision, in their own words; a moderator (another
    one than who decided, where there is one) restores or keeps the decision, with a
    message. One appeal per decision."""

    class Outcome(models.TextChoices):
        RESTORED = "restored", gettext_lazy("Teruggezet")
        KEPT = "kept", gettext_lazy("Blijft zo")

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(gettext_lazy("toelichting"), max_length=2000)
    created_at = models.DateTimeField(gettext_lazy("ingediend"), auto_now_add=True)
    decided_at = models.DateTimeField(gettext_lazy("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        gettext_lazy("uitkomst"), max_length=20, choices=Outcome.choices, blank=True
    )
    answer = models.TextField(gettext_lazy("antwoord"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = gettext_lazy("bezwaar")
        verbose_name_plural = gettext_lazy("bezwaren")
        indexes = [
            models.Index(
                fields=["created_at"], name="appeal_open", condition=models.Q(decided_at=None)
            )
        ]

    def __str__(self):
        return _("Bezwaar tegen %(decision)s") % {"decision": self.decision}

    @property
    def is_open(self) -> bool:
        return self.decided_at is None

"""Online sessions: a series of meetings, registrations with a seat per session (confirmed,
waiting list or cancelled), and the short co-evaluation afterwards."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreatie.core.markdown import MarkdownFieldsMixin

# More seats than any online meeting has: a bigger number is a typing error.
MAX_CAPACITY = 100_000
# The meeting link goes out this long before a session starts (in the reminder).
REMINDER_BEFORE = timedelta(hours=24)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalise_email(email: str) -> str:
    return email.strip().lower()


class OrganiserVerb(models.TextChoices):
    """The verbs of organisers' steps in the action log (``cocreatie.core.actionlog``)."""

    SESSION_CANCEL = "session_cancel", gettext_lazy("Sessie afgelast")
    SESSION_CAPACITY_CHANGE = "session_capacity_change", gettext_lazy("Aantal plaatsen gewijzigd")
    PARTICIPANTS_MAIL = (
        "session_participants_mail",
        gettext_lazy("Deelnemers van een sessie gemaild"),
    )
    REGISTRATIONS_EXPORT = "session_registrations_export", gettext_lazy("Aanmeldingen gedownload")
    SEAT_CANCEL = "session_seat_cancel", gettext_lazy("Deelnemer afgemeld door organisator")
    SERIES_CREATE = "series_create", gettext_lazy("Reeks gemaakt")
    SERIES_UPDATE = "series_update", gettext_lazy("Reeks gewijzigd")
    SERIES_COPY = "series_copy", gettext_lazy("Reeks gekopieerd")
    SERIES_EXPORT = (
        "series_registrations_export",
        gettext_lazy("Aanmeldingen van een reeks gedownload"),
    )
    SESSION_CREATE = "session_create", gettext_lazy("Sessie toegevoegd")
    SESSION_UPDATE = "session_update", gettext_lazy("Sessie gewijzigd")
    ATTENDANCE_UPDATE = "session_attendance_update", gettext_lazy("Aanwezigheid bijgewerkt")


class SeriesQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_dates(self):
        return self.annotate(
            first_start=Min("sessions__starts_at"), last_end=Max("sessions__ends_at")
        )


class SessionSeries(MarkdownFieldsMixin, models.Model):
    title = models.CharField(gettext_lazy("titel"), max_length=200)
    slug = models.SlugField(gettext_lazy("adres"), max_length=80, unique=True)
    summary = models.CharField(gettext_lazy("korte omschrijving"), max_length=400)
    introduction = models.TextField(gettext_lazy("inleiding"))
    introduction_html = models.TextField(editable=False, blank=True)
    organisers = models.CharField(gettext_lazy("organisatoren"), max_length=300)
    partner = models.CharField(gettext_lazy("partner"), max_length=300, blank=True)
    joining_tips = models.TextField(
        gettext_lazy("tips om mee te doen"),
        blank=True,
        help_text=gettext_lazy("Staan in de herinnering met de link naar de sessie."),
    )
    joining_tips_html = models.TextField(editable=False, blank=True)
    is_published = models.BooleanField(gettext_lazy("gepubliceerd"), default=False)
    # When members were told of it (once, the first time it was published).
    announced_at = models.DateTimeField(
        gettext_lazy("aangekondigd"), null=True, blank=True, editable=False
    )
    # The round this one was copied from: the co-evaluation compares the two.
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_rounds",
        verbose_name=gettext_lazy("vorige ronde"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    markdown_fields = ("introduction", "joining_tips")

    class Meta:
        verbose_name = gettext_lazy("sessiereeks")
        verbose_name_plural = gettext_lazy("sessiereeksen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sessions:series_detail", args=[self.slug])

    @property
    def log_url(self):
        """Where the action log links to: the organisers' page of this series."""
        return reverse("sessions:organiser_series", args=[self.pk])

    # In the site-wide search (the meeting links of its sessions never are).
    kind_label = "Sessiereeks"

    def search_text(self):
        return " ".join((self.markdown_text(), self.organisers, self.partner))

    def search_phases(self):
        return self.sessions.filter(phase__isnull=False).values_list("phase__slug", flat=True)


class SessionQuerySet(models.QuerySet):
    def with_seat_counts(self):
        return self.annotate(
            confirmed_count=Count("seats", filter=Q(seats__status=Seat.Status.CONFIRMED)),
            waiting_count=Count("seats", filter=Q(seats__status=Seat.Status.WAITING)),
        )

    def open_for_registration(self):
        return self.filter(status=Session.Status.PLANNED, starts_at__gt=timezone.now())

    def ended(self):
        """Took place: not cancelled, and over (whatever the stored status says)."""
        return self.filter(status=Session.Status.PLANNED, ends_at__lte=timezone.now())


class Session(MarkdownFieldsMixin, models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", gettext_lazy("Gepland")
        CANCELLED = "cancelled", gettext_lazy("Afgelast")

    series = models.ForeignKey(
        SessionSeries,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=gettext_lazy("reeks"),
    )
    order = models.PositiveSmallIntegerField(gettext_lazy("volgorde"))
    title = models.CharField(gettext_lazy("titel"), max_length=200)
    phase = models.ForeignKey(
        "roadmap.Phase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=gettext_lazy("fase"),
    )
    description = models.TextField(gettext_lazy("omschrijving"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    speaker = models.CharField(
        gettext_lazy("gast"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Wie vertelt er, van welke organisatie?"),
    )
    starts_at = models.DateTimeField(gettext_lazy("begint om"))
    ends_at = models.DateTimeField(gettext_lazy("eindigt om"))
    capacity = models.PositiveIntegerField(
        gettext_lazy("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Leeg: geen maximum."),
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    meeting_url = models.URLField(
        gettext_lazy("link naar de online sessie"),
        blank=True,
        help_text=gettext_lazy(
            "Nooit openbaar: alleen deelnemers krijgen deze link, in de herinnering."
        ),
    )
    # Raised with every change that calendars must pick up (RFC 5545 SEQUENCE).
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    # Set when an organiser first records who attended. Until then everyone confirmed
    # counts as present (for the co-evaluation); after it, only the seats ticked.
    attendance_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    markdown_fields = ("description",)

    class Meta:
        verbose_name = gettext_lazy("sessie")
        verbose_name_plural = gettext_lazy("sessies")
        ordering = ["series", "order"]
        constraints = [
            models.UniqueConstraint(fields=["series", "order"], name="session_order_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.order}. {self.title}"

    # A change to these makes calendars update the event (SEQUENCE goes up).
    CALENDAR_FIELDS = ("starts_at", "ends_at", "status", "title")

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_calendar_state", None)
        if loaded is not None and loaded != self._calendar_values():
            self.ics_sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "ics_sequence"}
        super().save(*args, **kwargs)
        self._calendar_state = self._calendar_values()

    def get_absolute_url(self):
        return f"{self.series.get_absolute_url()}#sessie-{self.order}"

    @property
    def log_url(self):
        """Where the action log links to: the organisers' page of this session."""
        return reverse("sessions:organiser_session", args=[self.pk])

    # In the site-wide search: title, guest, description and the series' partner; never
    # the meeting link. A cancelled session is not found.
    kind_label = "Sessie"

    @property
    def summary(self):
        text = _("Sessie %(order)s van %(series)s.") % {
            "order": self.order,
            "series": self.series.title,
        }
        if self.speaker:
            text = _("Met %(speaker)s.") % {"speaker": self.speaker} + " " + text
        return text

    def search_summary(self):
        return self.speaker

    def search_text(self):
        return " ".join((self.markdown_text(), self.series.title, self.series.partner))

    def search_phases(self):
        return (self.phase.slug,) if self.phase_id else ()

    @property
    def is_published(self):
        return self.series.is_published and not self.is_cancelled

    @classmethod
    def from_db(cls, db, field_names, values):
        session = super().from_db(db, field_names, values)
        session._calendar_state = session._calendar_values()
        return session

    def _calendar_values(self):
        return tuple(getattr(self, name, None) for name in self.CALENDAR_FIELDS)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def state_label(self) -> str:
        """What every page shows: the stored status, and the clock for the rest."""
        if self.is_cancelled:
            return _("Afgelast")
        if self.has_ended:
            return _("Afgelopen")
        if self.has_started:
            return _("Bezig")
        return _("Gepland")

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def attendance_recorded(self) -> bool:
        return self.attendance_recorded_at is not None

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self):
        return self.ends_at <= timezone.now()

    @property
    def is_open(self):
        return not self.is_cancelled and not self.has_started

    @property
    def reminder_due_at(self):
        return self.starts_at - REMINDER_BEFORE

    @property
    def ics_uid(self):
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
        return f"sessie-{self.pk}@{host}"

    def seats_left(self, confirmed_count: int) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - confirmed_count, 0)


class RegistrationQuerySet(models.QuerySet):
    def of_member(self, user):
        """Registrations made while logged in or with the member's own address, not
        anonymised."""
        if not user.is_authenticated:
            return self.none()
        mine = Q(user=user)
        if user.email:
            mine |= Q(email=normalise_email(user.email))
        return self.filter(mine, anonymised_at__isnull=True)


class Registration(models.Model):
    """One person for one series; their seats say which sessions. One per e-mail address
    per series: registering again adds sessions instead of making a second registration."""

    series = models.ForeignKey(
        SessionSeries,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=gettext_lazy("reeks"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_registrations",
    )
    name = models.CharField(gettext_lazy("naam"), max_length=120)
    email = models.EmailField(gettext_lazy("e-mailadres"))
    organisation = models.CharField(gettext_lazy("organisatie"), max_length=150, blank=True)
    role = models.CharField(gettext_lazy("functie"), max_length=150, blank=True)
    consent_at = models.DateTimeField(gettext_lazy("toestemming gegeven op"))
    # The mails that come later (reminders, changes) are in the language of the page
    # they registered on.
    language = models.CharField(
        gettext_lazy("taal"), max_length=8, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )  # fmt: skip
    created_at = models.DateTimeField(gettext_lazy("aangemeld op"), auto_now_add=True)
    anonymised_at = models.DateTimeField(gettext_lazy("geanonimiseerd op"), null=True, blank=True)
    # When the overview with the personal link was last queued: registering again for
    # the same sessions soon after sends no second copy.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("aanmelding")
        verbose_name_plural = gettext_lazy("aanmeldingen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "email"],
                condition=Q(anonymised_at__isnull=True),
                name="registration_email_once_per_series",
            )
        ]
        # A member's registrations by address (``of_member``), beside the one on user:
        # without it that OR reads every registration.
        indexes = [
            models.Index(
                fields=["email"],
                condition=Q(anonymised_at__isnull=True),
                name="registration_email_open",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.series})"

    def get_absolute_url(self):
        return reverse("sessions:registration", args=[self.token])


class SeatQuerySet(models.QuerySet):
    def active(self):
        """Confirmed or on the waiting list."""
        return self.filter(status__in=Seat.ACTIVE)

    def attended(self):
        """Ticked as present (``Seat.attended``) at a session that was not cancelled."""
        return self.filter(
            attended_at__isnull=False,
            status=Seat.Status.CONFIRMED,
            session__status=Session.Status.PLANNED,
        )

    def present_as_far_as_known(self):
        """The attendance part of ``Seat.was_attended``: ticked, or nobody recorded
        attendance for the session (the caller adds the clock)."""
        return self.filter(
            Q(attended_at__isnull=False) | Q(session__attendance_recorded_at__isnull=True)
        )

    def absent(self):
        """Confirmed for a session that took place and whose attendance was recorded,
        and not ticked. Before attendance is recorded nobody is known to be absent."""
        return self.filter(
            status=Seat.Status.CONFIRMED,
            attended_at__isnull=True,
            session__status=Session.Status.PLANNED,
            session__ends_at__lte=timezone.now(),
            session__attendance_recorded_at__isnull=False,
        )

    def with_waiting_place(self):
        """Annotate ``waiting_place``: for a seat on the waiting list, 1 + the number of
        seats waiting for the same session that asked earlier (``requested_at``, then
        ``pk``); ``None`` for other seats. One subquery, no query per seat."""
        ahead = (
            Seat.objects.filter(session=OuterRef("session"), status=Seat.Status.WAITING)
            .filter(
                Q(requested_at__lt=OuterRef("requested_at"))
                | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            waiting_place=models.Case(
                models.When(
                    status=Seat.Status.WAITING,
                    then=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1,
                ),
                default=None,
                output_field=IntegerField(),
            )
        )


class Seat(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", gettext_lazy("Aangemeld")
        WAITING = "waiting", gettext_lazy("Op de wachtlijst")
        CANCELLED = "cancelled", gettext_lazy("Afgemeld")

    # Seats that count: the registrant is coming, or waiting for a place.
    ACTIVE = (Status.CONFIRMED, Status.WAITING)

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seats")
    status = models.CharField(max_length=20, choices=Status.choices)
    # The waiting list is served in this order.
    requested_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    evaluation_invited_at = models.DateTimeField(null=True, blank=True)
    evaluation_reminded_at = models.DateTimeField(null=True, blank=True)
    # Ticked by an organiser: this person was there.
    attended_at = models.DateTimeField(gettext_lazy("aanwezig"), null=True, blank=True)
    # Added to the session's SEQUENCE in this registrant's calendar files: raised with
    # every change of this seat (cancelled, taken again), so a calendar program always
    # sees the newest file as newer (RFC 5545).
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("plaats")
        verbose_name_plural = gettext_lazy("plaatsen")
        ordering = ["session__order"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="seat_once")
        ]
        indexes = [models.Index(fields=["session", "status", "requested_at"])]

    def __str__(self):
        return f"{self.registration.name}: {self.session} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def status_text(self) -> str:
        """What the registrant reads, on their pages and in mail ("Status: ..."). The
        waiting-list place needs ``Seat.objects.with_waiting_place()`` (or a
        ``waiting_place`` set by the caller)."""
        session = self.session
        if session.is_cancelled:
            return _("afgelast")
        if self.status == self.Status.CANCELLED:
            return _("afgemeld")
        if self.is_waiting and session.has_started:
            return _("geen plaats gekregen, je stond op de wachtlijst")
        if session.has_ended:
            return _("afgelopen")
        if self.is_confirmed:
            return _("bevestigd")
        place = getattr(self, "waiting_place", None)
        if place:
            return _("op de wachtlijst, plaats %(place)s") % {"place": place}
        return _("op de wachtlijst")

    @property
    def can_cancel(self) -> bool:
        """The registrant (or an organiser) may still give up this seat."""
        return self.is_active and self.session.is_open

    @property
    def shows_meeting_link(self) -> bool:
        """The one rule for the meeting link, on the personal page and in every mail: shown
        to confirmed seats from the moment the reminder goes out until the session ends."""
        session = self.session
        return (
            self.is_confirmed
            and not session.is_cancelled
            and not session.has_ended
            and bool(session.meeting_url)
            and (self.reminder_sent_at is not None or timezone.now() >= session.reminder_due_at)
        )

    @property
    def meeting_link_follows(self) -> bool:
        """Confirmed for a session to come whose link is not shown yet."""
        return self.is_confirmed and self.session.is_open and not self.shows_meeting_link

    @property
    def attended(self) -> bool:
        """Ticked as present by an organiser."""
        return self.attended_at is not None

    @property
    def calendar_sequence(self) -> int:
        """The SEQUENCE of this registrant's copy of the event."""
        return self.session.ics_sequence + self.ics_sequence

    @property
    def was_attended(self) -> bool:
        """Confirmed for a session that took place, and present as far as we know (ticked,
        or nobody recorded attendance): its co-evaluation is open."""
        session = self.session
        return (
            self.is_confirmed
            and session.has_ended
            and not session.is_cancelled
            and (self.attended or not session.attendance_recorded)
        )

    @property
    def is_evaluated(self) -> bool:
        """Needs ``select_related("evaluation")`` to answer without a query."""
        return hasattr(self, "evaluation")

    @property
    def can_evaluate(self) -> bool:
        return self.was_attended and not self.is_evaluated


class Evaluation(models.Model):
    """The co-evaluation of one session by one participant; kept without personal data
    (the link to the seat is removed when registrations are purged)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="evaluations")
    seat = models.OneToOneField(
        Seat, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluation"
    )
    score = models.PositiveSmallIntegerField(
        gettext_lazy("cijfer"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    keep = models.TextField(gettext_lazy("wat moeten we zo houden?"), max_length=2000, blank=True)
    improve = models.TextField(gettext_lazy("wat kan beter?"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("co-evaluatie")
        verbose_name_plural = gettext_lazy("co-evaluaties")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="evaluation_score_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.session}: {self.score}"


def new_certificate_code() -> str:
    """Twelve characters in three groups, without look-alikes (0/O, 1/I/L)."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


class Certificate(models.Model):
    """A certificate of participation ("deelnamebewijs"): made the first time a participant
    downloads it, and brought up to date with every download and attendance change. Its
    code lets anyone check it; the check shows the name, the series and the hours only."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
    )
    series = models.ForeignKey(
        SessionSeries,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=gettext_lazy("reeks"),
    )
    code = models.CharField(
        gettext_lazy("code"), max_length=20, unique=True, default=new_certificate_code
    )
    name = models.CharField(gettext_lazy("naam"), max_length=120)
    minutes = models.PositiveIntegerField(gettext_lazy("minuten aanwezig"))
    issued_at = models.DateTimeField(gettext_lazy("uitgegeven op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("deelnamebewijs")
        verbose_name_plural = gettext_lazy("deelnamebewijzen")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.code}: {self.name} ({self.series})"

    def get_absolute_url(self):
        return reverse("sessions:certificate_verify", args=[self.code])

    @property
    def hours(self) -> float:
        return self.minutes / 60


class ParticipantMessage(models.Model):
    """A message an organiser sent to a group of participants; what each recipient's mail
    is doing is read from the outbox (``deliveries``)."""

    class Group(models.TextChoices):
        ACTIVE = "active", gettext_lazy("Iedereen die is aangemeld of op de wachtlijst staat")
        CONFIRMED = "confirmed", gettext_lazy("Aangemeld (bevestigd)")
        WAITING = "waiting", gettext_lazy("Op de wachtlijst")
        ATTENDED = "attended", gettext_lazy("Was aanwezig")
        ABSENT = "absent", gettext_lazy("Was niet aanwezig")

    series = models.ForeignKey(
        SessionSeries,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=gettext_lazy("reeks"),
    )
    # Empty: the message went to the group across the whole series.
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=gettext_lazy("sessie"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=gettext_lazy("afzender"),
    )
    group = models.CharField(gettext_lazy("ontvangers"), max_length=20, choices=Group.choices)
    subject = models.CharField(gettext_lazy("onderwerp"), max_length=150)
    body = models.TextField(gettext_lazy("bericht"))
    recipient_count = models.PositiveIntegerField(gettext_lazy("aantal ontvangers"))
    created_at = models.DateTimeField(gettext_lazy("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("bericht aan deelnemers")
        verbose_name_plural = gettext_lazy("berichten aan deelnemers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("sessions:organiser_message", args=[self.pk])


class MessageDelivery(models.Model):
    """One recipient of a ``ParticipantMessage`` and the outbox row of their mail."""

    message = models.ForeignKey(
        ParticipantMessage, on_delete=models.CASCADE, related_name="deliveries"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outgoing = models.ForeignKey(
        "cocreatie.OutgoingMail", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("ontvanger")
        verbose_name_plural = gettext_lazy("ontvangers")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.message}: {self.registration}"

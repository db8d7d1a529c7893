from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from cocreatie.core.language import address_in


class SearchDocument(models.Model):
    """One published page in the site-wide search: a flat copy of what can be found.

    Kept up to date by ``cocreatie.core.search`` when a searchable item is saved or deleted.
    The text is stored analysed (``cocreatie.core.dutch``: folded words, their compound
    parts and stems). On PostgreSQL as ``search_vector``, weighted A (title), B (summary
    and tags), C (body), GIN indexed; on SQLite as the three ``*_terms`` columns, which
    triggers copy into an FTS5 table (migration 0008). The other database's columns stay
    empty.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    updated_at = models.DateTimeField()
    # The phases the item is about, as " slug slug " (the phase facet filters on it).
    phases = models.CharField(max_length=500, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    title_terms = models.TextField(blank=True, default="", editable=False)
    summary_terms = models.TextField(blank=True, default="", editable=False)
    body_terms = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    def get_absolute_url(self):
        return self.url


class SearchWord(models.Model):
    """A word that occurs in the search index, for "Bedoel je …?" on PostgreSQL (trigram
    similarity). A trigger adds the words of every row written to the search table, in
    the same statement; words of deleted rows stay (a suggestion is only shown when it
    finds something). SQLite reads its FTS5 vocabulary instead."""

    word = models.CharField(max_length=100, primary_key=True)

    def __str__(self):
        return self.word


class RateCount(models.Model):
    """How often one key (a hash of a scope and an address) was used in the current
    window of a rate limit (``cocreatie.core.ratelimit``): counted with one statement
    per use, on every app server the same."""

    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    # The end of the window, in seconds since 1970 (UTC): the count starts afresh then.
    expires = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"


class OutgoingMail(models.Model):
    """A message waiting to be sent, stored with the data it belongs to.

    It is written in the same transaction as, say, a registration, so a registration is
    never stored without its mail; a task sends it, and a message the mail server
    refused is tried again later (see ``cocreatie.core.mail``).
    """

    to = models.JSONField(gettext_lazy("aan"))
    reply_to = models.JSONField(gettext_lazy("antwoord naar"), default=list, blank=True)
    subject = models.CharField(gettext_lazy("onderwerp"), max_length=300)
    body = models.TextField(gettext_lazy("tekst"))
    # The same message as HTML (``mail/_layout.html``); every message has one.
    html_body = models.TextField(gettext_lazy("tekst als HTML"), blank=True)
    # Extra headers, e.g. List-Unsubscribe on notifications (never on transactional mail).
    headers = models.JSONField(gettext_lazy("extra kopregels"), default=dict, blank=True)
    # [{"filename": ..., "content": <text>, "mimetype": ...}]
    attachments = models.JSONField(gettext_lazy("bijlagen"), default=list, blank=True)
    # A message that is written when it is sent, not when it is queued (see
    # ``cocreatie.core.mail.queue_later``): what to write it from; empty once written.
    write_later = models.JSONField(gettext_lazy("nog op te stellen"), default=dict, blank=True)
    created_at = models.DateTimeField(gettext_lazy("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(gettext_lazy("verstuurd"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(gettext_lazy("pogingen"), default=0)
    last_error = models.TextField(gettext_lazy("laatste fout"), blank=True)
    # Generated once, when the row is made, and sent with every attempt: a message that
    # is delivered twice after all (see ``cocreatie.core.mail``) is recognisably the same.
    message_id = models.CharField(gettext_lazy("Message-ID"), max_length=255, blank=True)
    # Set (in a transaction of its own) right before the mail server is contacted: while
    # set and recent, nobody else sends this row, and a worker that dies mid-send leaves
    # a trace instead of a second mail.
    sending_by = models.CharField(gettext_lazy("wordt verstuurd door"), max_length=200, blank=True)
    sending_at = models.DateTimeField(gettext_lazy("versturen begonnen"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("uitgaande e-mail")
        verbose_name_plural = gettext_lazy("uitgaande e-mails")
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outgoingmail_unsent",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"


class ActionLogQuerySet(models.QuerySet):
    def for_target(self, target):
        return self.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )


class ActionLog(models.Model):
    """One step a moderator, an organiser or the system took: who, what, about what,
    with which message and data (like pretix's ``log_action``). Written only through
    ``cocreatie.core.actionlog.log_action``; never changed afterwards."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("door"),
    )
    # Shown when there is no actor: empty for the system, "voormalig lid" once deleted.
    actor_label = models.CharField(gettext_lazy("door (tekst)"), max_length=100, blank=True)
    verb = models.CharField(gettext_lazy("actie"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(
        gettext_lazy("onderwerp"),
        max_length=300,
        help_text=gettext_lazy("Waar het over ging; blijft na verwijderen."),
    )
    message = models.TextField(gettext_lazy("bericht"), blank=True)
    data = models.JSONField(gettext_lazy("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(gettext_lazy("tijdstip"), default=timezone.now)

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("logregel")
        verbose_name_plural = gettext_lazy("logboek")
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "-created_at"], name="actionlog_target"
            ),
            models.Index(fields=["actor", "-created_at"], name="actionlog_actor"),
            models.Index(fields=["-created_at"], name="actionlog_newest"),
        ]

    def __str__(self):
        return f"{self.verb_label}: {self.target_label}"

    @property
    def verb_label(self) -> str:
        from cocreatie.core.actionlog import verb_label

        return verb_label(self.verb)


class Follow(models.Model):
    """A member follows something: a challenge, a phase, a member, a session series...
    What can be followed is registered by the apps (``cocreatie.core.following``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(gettext_lazy("sinds"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("volgen")
        verbose_name_plural = gettext_lazy("volgen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return _("%(user)s volgt %(kind)s %(id)s") % {
            "user": self.user,
            "kind": self.content_type.model,
            "id": self.object_id,
        }


class NotificationSettings(models.Model):
    """Per member: how each kind of notification reaches them (``deliveries``: kind →
    ``Notification.Delivery``; a kind not in it has its registered default) and up to
    when the weekly digest has been sent (``cocreatie.core.notifications``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    deliveries = models.JSONField(gettext_lazy("ontvangen"), default=dict, blank=True)
    # The digest holds notifications created after this moment; each digest moves it on.
    digest_sent_until = models.DateTimeField(
        gettext_lazy("samenvatting verstuurd tot"), default=timezone.now
    )
    digest_sent_at = models.DateTimeField(
        gettext_lazy("laatste samenvatting"), null=True, blank=True
    )

    class Meta:
        verbose_name = gettext_lazy("meldingsvoorkeuren")
        verbose_name_plural = gettext_lazy("meldingsvoorkeuren")

    def __str__(self):
        return _("Meldingsvoorkeuren van %(user)s") % {"user": self.user}


class Notification(models.Model):
    """Something new for one member, shown in the site and, depending on their
    preference for its kind, mailed at once or in the weekly digest."""

    class Delivery(models.TextChoices):
        MAIL = "mail", gettext_lazy("Meteen per mail")
        DIGEST = "digest", gettext_lazy("In de wekelijkse samenvatting")
        SITE = "site", gettext_lazy("Alleen op de site")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(gettext_lazy("soort"), max_length=40)
    title = models.CharField(gettext_lazy("wat"), max_length=300)
    text = models.TextField(gettext_lazy("toelichting"), blank=True)
    url = models.CharField(gettext_lazy("adres"), max_length=500)
    # Why the member gets it, the heading it is grouped under: "Uitdaging: Draagvlak".
    group = models.CharField(gettext_lazy("waarom"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(gettext_lazy("tijdstip"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(gettext_lazy("gelezen"), null=True, blank=True)
    mailed_at = models.DateTimeField(gettext_lazy("gemaild"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # "melding" is also a report of content (community); here: a notification.
        verbose_name = pgettext_lazy("notification", "melding")
        verbose_name_plural = pgettext_lazy("notification", "meldingen")
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(
                fields=["user"], name="notification_unread", condition=models.Q(read_at=None)
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def url_in_language(self) -> str:
        """The address in the language of the page or mail that shows it (``url`` is
        stored without a language prefix)."""
        return address_in(self.url, translation.get_language() or settings.LANGUAGE_CODE)

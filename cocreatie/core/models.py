from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone


class SearchDocument(models.Model):
    """One published page in the site-wide search: a flat copy of what can be found.

    Kept up to date by ``cocreatie.core.search`` when a searchable item is saved or deleted.
    On PostgreSQL ``search_vector`` holds the weighted Dutch full-text vector (GIN
    indexed, see migration 0002); on SQLite it stays empty and search falls back to
    substring matching.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    updated_at = models.DateTimeField()
    search_vector = SearchVectorField(null=True, editable=False)

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


class OutgoingMail(models.Model):
    """A message waiting to be sent, stored with the data it belongs to.

    It is written in the same transaction as, say, a registration, so a registration is
    never stored without its mail; a task sends it, and a message the mail server
    refused is tried again later (see ``cocreatie.core.mail``).
    """

    to = models.JSONField("aan")
    reply_to = models.JSONField("antwoord naar", default=list, blank=True)
    subject = models.CharField("onderwerp", max_length=300)
    body = models.TextField("tekst")
    # [{"filename": ..., "content": <text>, "mimetype": ...}]
    attachments = models.JSONField("bijlagen", default=list, blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    sent_at = models.DateTimeField("verstuurd", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    last_error = models.TextField("laatste fout", blank=True)
    # Generated once, when the row is made, and sent with every attempt: a message that
    # is delivered twice after all (see ``cocreatie.core.mail``) is recognisably the same.
    message_id = models.CharField("Message-ID", max_length=255, blank=True)
    # Set (in a transaction of its own) right before the mail server is contacted: while
    # set and recent, nobody else sends this row, and a worker that dies mid-send leaves
    # a trace instead of a second mail.
    sending_by = models.CharField("wordt verstuurd door", max_length=200, blank=True)
    sending_at = models.DateTimeField("versturen begonnen", null=True, blank=True)

    class Meta:
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mails"
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
        verbose_name="door",
    )
    # Shown when there is no actor: empty for the system, "voormalig lid" once deleted.
    actor_label = models.CharField("door (tekst)", max_length=100, blank=True)
    verb = models.CharField("actie", max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(
        "onderwerp", max_length=300, help_text="Waar het over ging; blijft na verwijderen."
    )
    message = models.TextField("bericht", blank=True)
    data = models.JSONField("gegevens", default=dict, blank=True)
    created_at = models.DateTimeField("tijdstip", default=timezone.now)

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "logregel"
        verbose_name_plural = "logboek"
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

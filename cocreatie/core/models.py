from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One published page in the site-wide search: a flat copy of what can be found.

    Kept up to date by ``cocreatie.search`` when a searchable item is saved or deleted.
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
    refused is tried again later (see ``cocreatie.mail``).
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

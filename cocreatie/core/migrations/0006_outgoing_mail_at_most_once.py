"""Outgoing mail gets a stable Message-ID and a "being sent by ... since ..." claim, so a
message is sent at most once per attempt window (see ``cocreatie.core.mail``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import make_msgid
from django.db import migrations, models


def give_existing_mail_a_message_id(apps, schema_editor):
    OutgoingMail = apps.get_model("cocreatie", "OutgoingMail")
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    rows = OutgoingMail.objects.using(schema_editor.connection.alias)
    for pk in rows.filter(message_id="").values_list("pk", flat=True).iterator():
        rows.filter(pk=pk).update(message_id=make_msgid(domain=domain))


class Migration(migrations.Migration):

    dependencies = [
        ("cocreatie", "0005_routable_tag_slugs"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingmail",
            name="message_id",
            field=models.CharField(blank=True, max_length=255, verbose_name="Message-ID"),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="sending_by",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="wordt verstuurd door"
            ),
        ),
        migrations.AddField(
            model_name="outgoingmail",
            name="sending_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="versturen begonnen"),
        ),
        migrations.RunPython(
            give_existing_mail_a_message_id, migrations.RunPython.noop, elidable=True
        ),
    ]

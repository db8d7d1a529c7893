from django.db import migrations


def copy_into_action_log(apps, schema_editor):
    """Every moderation step becomes a row of the one action log, about the case, the
    comment or the member it concerned, with its time, actor and message."""
    ModerationLog = apps.get_model("community", "ModerationLog")
    ActionLog = apps.get_model("cocreatie", "ActionLog")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def content_type(model):
        return ContentType.objects.get_or_create(app_label="community", model=model)[0]

    types = {"case": content_type("case"), "comment": content_type("comment")}
    types["user"] = content_type("user")
    rows = []
    for entry in ModerationLog.objects.order_by("pk").iterator(chunk_size=1000):
        if entry.case_id:
            target_type, target_id = types["case"], entry.case_id
        elif entry.comment_id:
            target_type, target_id = types["comment"], entry.comment_id
        elif entry.member_id:
            target_type, target_id = types["user"], entry.member_id
        else:
            target_type, target_id = None, None
        rows.append(
            ActionLog(
                actor_id=entry.actor_id,
                verb=entry.action,
                target_type=target_type,
                target_id=target_id,
                target_label=entry.subject,
                message=entry.message,
                data={},
                created_at=entry.created_at,
            )
        )
        if len(rows) >= 1000:
            ActionLog.objects.bulk_create(rows)
            rows = []
    ActionLog.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_case_published_newest_index"),
        ("cocreatie", "0004_action_log"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_into_action_log, migrations.RunPython.noop),
        migrations.DeleteModel(name="ModerationLog"),
    ]

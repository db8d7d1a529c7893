"""Give every tag whose slug no address can carry (Unicode such as ``café``, empty, or
longer than the column) a fresh unique ASCII slug; names and tag assignments stay."""

from django.db import migrations

from cocreatie.core.tags import fresh_slug, is_routable_slug


def repair_tag_slugs(apps, schema_editor=None):
    Tag = apps.get_model("taggit", "Tag")
    db = schema_editor.connection.alias if schema_editor else "default"
    tags = Tag.objects.using(db)
    taken = set(tags.values_list("slug", flat=True))
    for pk, name, slug in list(tags.order_by("pk").values_list("pk", "name", "slug")):
        if is_routable_slug(slug):
            continue
        new_slug = fresh_slug(slug, name, taken=taken.__contains__)
        taken.add(new_slug)
        tags.filter(pk=pk).update(slug=new_slug)


class Migration(migrations.Migration):

    dependencies = [
        ("cocreatie", "0004_action_log"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(repair_tag_slugs, migrations.RunPython.noop, elidable=True),
    ]

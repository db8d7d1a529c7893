"""GIN index on the full-text vector, on PostgreSQL only.

SQLite has no tsvector or GIN; there search falls back to substring matching, so the
index is only created where it exists. Both databases keep one migration history.
"""

from django.db import migrations

INDEX = "cocreatie_searchdocument_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON cocreatie_searchdocument USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cocreatie", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]

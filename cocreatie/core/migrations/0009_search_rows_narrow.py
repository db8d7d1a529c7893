"""PostgreSQL: keep the search table narrow and index the title and summary words.

A search for a word in most items counts them per kind and phase through the GIN index,
which visits every matching row of the table itself. With the text and the vector stored
out of line (``toast_tuple_target``), a row is about 200 bytes instead of 1.4 KB, so that
visit reads a tenth of the pages. ``kind`` and ``phases``, which the counts read, stay in
the row uncompressed. The second index covers the title and summary words (weights A and
B of the vector): a search with very many results ranks the newest of those first
(``cocreatie.core.search.RANK_POOL``). Rows already stored are written again so that the
new layout applies to them. SQLite needs none of this: its FTS5 table is separate.
"""

from django.db import migrations

DOCUMENTS = "cocreatie_searchdocument"
HEAD_INDEX = "cocreatie_searchdocument_head_gin"

FORWARD = [
    f"ALTER TABLE {DOCUMENTS} SET (toast_tuple_target = 128)",
    f"ALTER TABLE {DOCUMENTS} ALTER COLUMN kind SET STORAGE PLAIN, "
    "ALTER COLUMN phases SET STORAGE PLAIN",
    f"CREATE INDEX IF NOT EXISTS {HEAD_INDEX} ON {DOCUMENTS} "
    "USING gin (ts_filter(search_vector, '{a,b}'))",
    f"UPDATE {DOCUMENTS} SET body = body",
]
REVERSE = [
    f"DROP INDEX IF EXISTS {HEAD_INDEX}",
    f"ALTER TABLE {DOCUMENTS} ALTER COLUMN kind SET STORAGE EXTENDED, "
    "ALTER COLUMN phases SET STORAGE EXTENDED",
    f"ALTER TABLE {DOCUMENTS} RESET (toast_tuple_target)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cocreatie", "0008_search_compounds_facets")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE), elidable=False)]

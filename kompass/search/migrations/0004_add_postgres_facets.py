"""PostgreSQL: the generated `document` column gets the filter values as facet lexemes (`§fa12 §fy2012 …`,
see backends._postgres_facets), so that a filtered search is one GIN scan instead of a GIN scan joined to
the column indexes. The column and its index are dropped and recreated (the table is rewritten once),
then analysed. SQLite: nothing changes (its FTS5 table has had a facets column since 0003)."""

from django.db import migrations

from kompass.search.backends import create_fulltext_schema, drop_fulltext_schema, rebuild_fulltext


def forwards(apps, schema_editor):  # noqa: ANN001, ARG001
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        drop_fulltext_schema(connection)
        create_fulltext_schema(connection)
        rebuild_fulltext(connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_add_fts_facets")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

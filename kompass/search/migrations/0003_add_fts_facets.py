"""SQLite: the FTS5 table gets a third column, `facets` (area, version, year, county, municipality, size and
kind as words, computed by the triggers), so that filters are matched inside FTS5. The table and triggers
are recreated and refilled from the index rows. PostgreSQL: nothing changes."""

from django.db import migrations

from kompass.search.backends import drop_fulltext_schema, rebuild_fulltext


def forwards(apps, schema_editor):  # noqa: ANN001, ARG001
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        drop_fulltext_schema(connection)
        rebuild_fulltext(connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_add_fulltext_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

"""The full-text part of the search index, per database (outside Django's model state on purpose):

- PostgreSQL: a stored generated tsvector column `document` (Swedish configuration; heading weighted A,
  text B) and a GIN index on it.
- SQLite: an external-content FTS5 table `search_fts` over the stemmed columns, kept in step with
  `search_searchentry` by triggers."""

from django.db import migrations

from kompass.search.backends import create_fulltext_schema, drop_fulltext_schema


def forwards(apps, schema_editor):  # noqa: ANN001, ARG001
    create_fulltext_schema(schema_editor.connection)


def backwards(apps, schema_editor):  # noqa: ANN001, ARG001
    drop_fulltext_schema(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_add_search_entry")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

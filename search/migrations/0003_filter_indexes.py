"""Indexes for filtered searches, and on PostgreSQL the newest-first order of result lists.

PostgreSQL sorts NULLs first in a descending b-tree scan, so ``search_entry_date`` cannot
serve ``ORDER BY issued_on DESC NULLS LAST``: the newest-first windows of a common word read
and sorted every match. SQLite's descending order already puts NULLs last, so the index is
PostgreSQL's only (a no-op elsewhere).
"""

from django.db import migrations, models

POSTGRESQL = [
    (
        "CREATE INDEX portal_search_entry_newest ON portal_search_searchentry "
        "(issued_on DESC NULLS LAST, page_id DESC)",
        "DROP INDEX IF EXISTS portal_search_entry_newest",
    ),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for create, _ in POSTGRESQL:
            schema_editor.execute(create)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _, drop in reversed(POSTGRESQL):
            schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_fulltext")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["doc_type", "year"], name="search_entry_type_year"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["issuer_id", "year"], name="search_entry_issuer_year"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["year"], name="search_entry_year"),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

"""Filter indexes by database.

SQLite: b-tree indexes on (doc_type, year), (issuer_id, year) and (year), as 0003 made them.

PostgreSQL: no b-tree on the filter columns. Its planner costs ``document @@ query`` as one
cheap operator, so with a b-tree on year it read the year's rows and tested ``@@`` on each,
detoasting a 2.7 kB vector per row (130 ms for "thủ tục hành chính", công văn, 2019–2021 at
100,000 pages). One GIN index over the vector and the filter columns (btree_gin) answers the
text and the filters together, and a listing without text too; it replaces the vector's own
GIN index. Where btree_gin cannot be installed, the b-trees stay and the vector keeps its
own index.
"""

from django.db import migrations, models

ENTRY = "portal_search_searchentry"
BTREES = [
    ("search_entry_type_year", "doc_type, year"),
    ("search_entry_issuer_year", "issuer_id, year"),
    ("search_entry_year", "year"),
]


def _btrees(schema_editor):
    for name, columns in BTREES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {ENTRY} ({columns})")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _btrees(schema_editor)
    elif vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'")
            installed = cursor.fetchone() is not None
            if not installed:
                try:
                    cursor.execute("SAVEPOINT portal_btree_gin")
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
                    cursor.execute("RELEASE SAVEPOINT portal_btree_gin")
                    installed = True
                except Exception:  # no right to install it: keep the b-trees
                    cursor.execute("ROLLBACK TO SAVEPOINT portal_btree_gin")
        if not installed:
            _btrees(schema_editor)
            return
        schema_editor.execute(
            f"CREATE INDEX portal_search_filtered_gin ON {ENTRY} "
            "USING gin (document, kind, doc_type, year, issuer_id)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS portal_search_document_gin")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS portal_search_document_gin ON {ENTRY} "
            "USING gin (document)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS portal_search_filtered_gin")
    for name, _ in BTREES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_filter_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_type_year"),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_issuer_year"),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_year"),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

"""The full-text part of the index, which differs by database.

SQLite: an FTS5 table over the folded text, ranked with bm25(); a trigger drops its row when
the entry goes (cascades from page deletion included). PostgreSQL: ``tsvector`` columns built
with the 'simple' configuration (no stop words, no stemming: the text is already folded) and
GIN indexes. Any other database gets nothing here and the engine refuses it.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE portal_search_fts USING fts5("
        "title, number, signer, body, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
        "DROP TABLE IF EXISTS portal_search_fts",
    ),
    (
        "CREATE TRIGGER portal_search_fts_delete AFTER DELETE ON portal_search_searchentry "
        "BEGIN DELETE FROM portal_search_fts WHERE rowid = old.page_id; END",
        "DROP TRIGGER IF EXISTS portal_search_fts_delete",
    ),
]

POSTGRESQL = [
    (
        "ALTER TABLE portal_search_searchentry "
        "ADD COLUMN document tsvector, ADD COLUMN title_vector tsvector",
        "ALTER TABLE portal_search_searchentry "
        "DROP COLUMN IF EXISTS document, DROP COLUMN IF EXISTS title_vector",
    ),
    (
        "CREATE INDEX portal_search_document_gin ON portal_search_searchentry "
        "USING gin (document)",
        "DROP INDEX IF EXISTS portal_search_document_gin",
    ),
    (
        "CREATE INDEX portal_search_title_gin ON portal_search_searchentry "
        "USING gin (title_vector)",
        "DROP INDEX IF EXISTS portal_search_title_gin",
    ),
]

STATEMENTS = {"sqlite": SQLITE, "postgresql": POSTGRESQL}


def forwards(apps, schema_editor):
    for create, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(create)


def backwards(apps, schema_editor):
    for _, drop in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_index_tables")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

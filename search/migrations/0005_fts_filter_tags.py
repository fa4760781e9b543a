"""SQLite: the FTS table gets a ``tags`` column holding each page's kind, type, issuer and
year as words ("zkdirective ztcongvan zi12 zy2021"), so a filtered text search is answered
inside FTS5, which skips through the long doclists of common words to the pages passing
the filter. The table is made again and its rows copied (with their tags) from the old one.
Other databases: nothing.
"""

from django.db import migrations

FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'"
TAGS_SQL = (
    "'zk' || e.kind || ' zt' || replace(replace(lower(e.doc_type), '-', ''), '_', '') "
    "|| ' zi' || coalesce(e.issuer_id, '') || ' zy' || coalesce(e.year, '')"
)

TRIGGER = (
    "CREATE TRIGGER portal_search_fts_delete AFTER DELETE ON portal_search_searchentry "
    "BEGIN DELETE FROM portal_search_fts WHERE rowid = old.page_id; END"
)


def _remake(schema_editor, columns: str, select: str) -> None:
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE portal_search_fts_new USING fts5({columns}, {FTS_OPTIONS})"
    )
    schema_editor.execute(select)
    schema_editor.execute("DROP TRIGGER IF EXISTS portal_search_fts_delete")
    schema_editor.execute("DROP TABLE portal_search_fts")
    schema_editor.execute("ALTER TABLE portal_search_fts_new RENAME TO portal_search_fts")
    schema_editor.execute(TRIGGER)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    _remake(
        schema_editor,
        "title, number, signer, body, tags",
        "INSERT INTO portal_search_fts_new (rowid, title, number, signer, body, tags) "
        f"SELECT f.rowid, f.title, f.number, f.signer, f.body, {TAGS_SQL} "
        "FROM portal_search_fts f JOIN portal_search_searchentry e ON e.page_id = f.rowid",
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    _remake(
        schema_editor,
        "title, number, signer, body",
        "INSERT INTO portal_search_fts_new (rowid, title, number, signer, body) "
        "SELECT rowid, title, number, signer, body FROM portal_search_fts",
    )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_filter_indexes_by_database")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

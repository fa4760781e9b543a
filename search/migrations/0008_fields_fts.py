"""SQLite: a second, small FTS5 table of each entry's folded title, number and signer (and
its filter tags), for the candidate tiers and suggestions.

A column filter on the main table ("{title number signer} : ...") still reads every word's
whole doclist, body included: a sentence of common words cost 20-30 ms a read at 100,000
pages, and the tiers read twice. The small table's doclists hold the fields only. Filled here
from the main table; the index writes both. Other databases: nothing (PostgreSQL has
``fields_vector``, migration 0007).
"""

from django.db import migrations

FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'"
TRIGGER = (
    "CREATE TRIGGER portal_search_fields_fts_delete AFTER DELETE ON portal_search_searchentry "
    "BEGIN DELETE FROM portal_search_fields_fts WHERE rowid = old.page_id; END"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS portal_search_fields_fts "
        f"USING fts5(title, number, signer, tags, {FTS_OPTIONS})"
    )
    schema_editor.execute(
        "INSERT INTO portal_search_fields_fts (rowid, title, number, signer, tags) "
        "SELECT rowid, title, number, signer, tags FROM portal_search_fts"
    )
    schema_editor.execute(TRIGGER)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS portal_search_fields_fts_delete")
    schema_editor.execute("DROP TABLE IF EXISTS portal_search_fields_fts")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0007_fields_vector")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

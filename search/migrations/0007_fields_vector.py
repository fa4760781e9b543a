"""PostgreSQL: a small weighted vector of the fields a name or subject is looked for in.

``fields_vector`` holds the folded title and number (weight A) and the signer (weight B) of
each entry, with a GIN index. It is small enough to be kept in the row (the full ``document``
vector is toasted), so a phrase query on it (``<->``) rechecks positions cheaply: the
database engine reads its candidates among large match sets from it first (the query as a
phrase in these fields, then every word in them) instead of the newest matches. Filled here
from the columns every entry has; ``search_index --rebuild`` writes it as indexing does.
SQLite needs nothing: its FTS5 table has the title, number and signer as columns.
"""

from django.db import migrations

ENTRY = "portal_search_searchentry"

FORWARDS = [
    f"ALTER TABLE {ENTRY} ADD COLUMN IF NOT EXISTS fields_vector tsvector",
    f"UPDATE {ENTRY} SET fields_vector = setweight(title_vector, 'A') "
    "|| setweight(to_tsvector('simple', signer_folded), 'B')",
    f"CREATE INDEX IF NOT EXISTS portal_search_fields_gin ON {ENTRY} USING gin (fields_vector)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS portal_search_fields_gin",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS fields_vector",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0006_search_citations")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

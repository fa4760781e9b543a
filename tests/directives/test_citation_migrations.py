"""The migrations that gave every cited document one shape keep every row: a database filled
by the sample loader, taken back to the schema before them, comes forward with the same rows,
the same links and texts under their new names, and revisions that still publish their links.
Runs on whichever database the suite uses (SQLite by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import json

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Revision

from news.models import NewsPage
from procedures.models import Obligation
from tests import factories

BEFORE = [
    ("directives", "0005_document_signatures"),
    ("procedures", "0003_sort_name"),
    ("news", "0002_read_count_out_of_revisions"),
]

# Table -> (primary key, {column before: column after}) for the columns a row must keep.
TABLES = {
    "directives_directivereference": (
        "id",
        {c: c for c in ("page_id", "target_id", "relation", "doc_type", "number", "cited_on")},
    ),
    "procedures_procedurelegalbasis": (
        "id",
        {
            "page_id": "page_id",
            "directive_id": "target_id",
            "citation": "citation",
            "number": "number",
        },
    ),
    "procedures_onlinelevelchange": (
        "id",
        {
            "page_id": "page_id",
            "level": "level",
            "valid_from": "valid_from",
            "directive_id": "target_id",
            "citation": "citation",
        },
    ),
    "procedures_obligation": (
        "id",
        {
            "directive_id": "directive_id",
            "requirement": "requirement",
            "implements_id": "target_id",
            "implements_citation": "citation",
        },
    ),
    "news_newspage": (
        "page_ptr_id",
        {"date": "date", "source_directive_id": "target_id", "source_text": "citation"},
    ),
}
CHILD_RENAMES = {
    "obligations": {"implements": "target", "implements_citation": "citation"},
    "online_levels": {"directive": "target"},
    "legal_basis": {"directive": "target"},
}
LINKS = {"directive_id", "implements_id", "source_directive_id"}


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def rows(table: str, columns) -> dict:
    key = TABLES[table][0]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}")
        return {row[0]: dict(zip(columns, row[1:], strict=True)) for row in cursor.fetchall()}


def revision_contents() -> dict[int, dict]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, content FROM wagtailcore_revision")
        return {
            pk: content if isinstance(content, dict) else json.loads(content)
            for pk, content in cursor.fetchall()
        }


def live_keys() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.page_ptr_id, d.number_key FROM directives_directivepage d "
            "JOIN wagtailcore_page p ON p.id = d.page_ptr_id WHERE p.live"
        )
        return dict(cursor.fetchall())


def test_a_sample_database_comes_forward_with_every_row(transactional_db):
    factories.make_site()
    call_command("load_sample")
    migrate(BEFORE)
    before = {table: rows(table, list(columns)) for table, (_, columns) in TABLES.items()}
    revisions_before = revision_contents()
    assert all(before.values()), {table: len(found) for table, found in before.items()}

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    live = live_keys()
    for table, (_, columns) in TABLES.items():
        after = rows(table, [*columns.values(), "number_key"])
        assert after.keys() == before[table].keys(), table
        for pk, old in before[table].items():
            new = after[pk]
            for old_name, new_name in columns.items():
                if old_name in LINKS and old[old_name] is None and new[new_name] is not None:
                    # A citation that waited for a published number is linked to it now.
                    assert live[new[new_name]] == new["number_key"] != "", (table, pk)
                else:
                    assert str(new[new_name]) == str(old[old_name]), (table, pk, old_name)

    revisions_after = revision_contents()
    assert revisions_after.keys() == revisions_before.keys()
    renamed = 0
    for pk, old in revisions_before.items():
        new = revisions_after[pk]
        if "source_directive" in old:
            assert (new["target"], new["citation"]) == (old["source_directive"], old["source_text"])
            assert "source_directive" not in new
            renamed += 1
        for child, renames in CHILD_RENAMES.items():
            for old_item, new_item in zip(old.get(child, []), new.get(child, []), strict=True):
                for old_name, new_name in renames.items():
                    if old_name in old_item:
                        assert new_item[new_name] == old_item[old_name], (pk, child, old_name)
                        assert old_name not in new_item
                        renamed += 1
    assert renamed >= 3

    # Publishing a revision stored before the migration keeps its links.
    news_revision = next(pk for pk, old in revisions_before.items() if old.get("source_directive"))
    Revision.objects.get(pk=news_revision).publish()
    news = NewsPage.objects.get(pk=Revision.objects.get(pk=news_revision).object_id)
    assert news.target_id == revisions_before[news_revision]["source_directive"]
    directive_revision, implemented = next(
        (pk, item["implements"])
        for pk, old in revisions_before.items()
        for item in old.get("obligations", [])
        if item.get("implements")
    )
    Revision.objects.get(pk=directive_revision).publish()
    obligation = Obligation.objects.get(
        directive_id=Revision.objects.get(pk=directive_revision).object_id
    )
    assert obligation.target_id == implemented

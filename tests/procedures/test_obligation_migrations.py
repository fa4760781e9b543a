"""The migrations that made obligations confirmable and territorial keep the site's answers:
a sample database taken back before them comes forward with every published obligation
still binding (confirmed, in its revisions too) and in its issuer's territory."""

from __future__ import annotations

import json

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from procedures import rules
from tests import factories

BEFORE = [("procedures", "0005_link_cited_documents")]


def migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def obligations() -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o.id, o.confirmed, o.territory_level, o.territory_place, a.name "
            "FROM procedures_obligation o "
            "JOIN directives_directivepage d ON d.page_ptr_id = o.directive_id "
            "LEFT JOIN directives_agency a ON a.id = d.issuer_id"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def revision_obligations() -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM wagtailcore_revision")
        contents = [c if isinstance(c, dict) else json.loads(c) for (c,) in cursor.fetchall()]
    return [item for content in contents for item in content.get("obligations") or []]


def test_published_obligations_stay_binding_where_their_issuer_governs(transactional_db):
    factories.make_site()
    call_command("load_sample")
    migrate(BEFORE)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    found = obligations()
    assert found
    for confirmed, level, place, issuer in found.values():
        assert confirmed, issuer
        if "tỉnh" in issuer:
            assert (level, place) == (rules.PROVINCE, issuer.split("tỉnh", 1)[1].strip())
        elif "thành phố" in issuer:
            assert (level, place) == (rules.DISTRICT, issuer.split("thành phố", 1)[1].strip())
    in_revisions = revision_obligations()
    assert in_revisions
    assert all(item["confirmed"] is (item.get("pk") in found) for item in in_revisions)

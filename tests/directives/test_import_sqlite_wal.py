"""On SQLite the site's connections use write-ahead logging, so a page view reads while an
import holds its write transaction; in the default rollback journal that read failed with
"database is locked"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.utils import OperationalError


def _connection(path: Path, timeout: float) -> DatabaseWrapper:
    """A connection configured as the site's default database, on the file ``path``."""
    config = {
        **settings.DATABASES["default"],
        "NAME": str(path),
        "OPTIONS": {**settings.DATABASES["default"]["OPTIONS"], "timeout": timeout},
    }
    return DatabaseWrapper(config, alias=f"wal-{path.name}-{timeout}")


@pytest.fixture
def sqlite_file(db, tmp_path: Path) -> Path:
    if connection.vendor != "sqlite":
        pytest.skip("journal modes are SQLite's; PostgreSQL readers never wait for writers")
    return tmp_path / "portal.sqlite3"


def test_site_connections_use_wal(sqlite_file: Path):
    db = _connection(sqlite_file, timeout=1)
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    db.close()


def test_a_reader_reads_while_an_import_writes(sqlite_file: Path):
    """The writer holds an open write transaction, as a long import does, while another
    connection (a page view, in its own thread) reads the rows committed before it."""
    writer = _connection(sqlite_file, timeout=1)
    with writer.cursor() as cursor:
        cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, title TEXT)")
        cursor.execute("INSERT INTO page (title) VALUES ('đã xuất bản')")
    writer.commit()

    read: list = []

    def page_view() -> None:
        reader = _connection(sqlite_file, timeout=0.2)
        try:
            with reader.cursor() as cursor:
                cursor.execute("SELECT title FROM page")
                read.extend(row[0] for row in cursor.fetchall())
        except OperationalError as error:
            read.append(error)
        finally:
            reader.close()

    writer.set_autocommit(False)
    try:
        with writer.cursor() as cursor:
            # EXCLUSIVE is what a rollback journal needs to write a page out; under WAL the
            # readers still see the last commit.
            cursor.execute("BEGIN EXCLUSIVE")
            cursor.execute("INSERT INTO page (title) VALUES ('đang nhập')")
            thread = threading.Thread(target=page_view)
            thread.start()
            thread.join(timeout=10)
        assert read == ["đã xuất bản"]
    finally:
        writer.rollback()
        writer.close()

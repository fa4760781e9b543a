"""Import benchmark: ``import_directives --publish`` over a folder of text files, into a
fresh database.

    python -m bench.importing --generate 1000          (make bench-import N=1000)
    python -m bench.importing --folder PATH            every .txt/.md file in PATH
    python -m bench.importing ... --database-url postgres://postgres@127.0.0.1:5432/portal_x

``--generate`` writes N documents from ``bench.directive_corpus`` (invented provinces,
people and numbers; each cites earlier ones, so citations resolve both ways) as text files;
``--folder`` takes any folder, e.g. documents from ../shared/corpus. Two phases over the
same files:

1. parsing alone, in this process: ``extract_text`` + ``parse``, what the dry run does;
2. the command end to end: ``import_directives --publish`` (worker processes read and parse;
   each document is mapped in its own savepoint, its agencies and original file saved, and
   the new pages are written 50 at a time with their revisions, child rows and history, see
   ``directives.import_bulk``; then the bulk pass over the search indexes, the reference
   index and the citations).

The database is a temporary SQLite file, or with ``--database-url`` a PostgreSQL database
of that name with ``_bench`` appended, made for the run and dropped after. Prints documents
per second (wall clock, and per CPU second of this process, which a busy machine disturbs
less), the CPU time per document of this process, of the child processes (the command's
worker processes and any reader they fork) and of the PostgreSQL server's backend (when it
runs on this machine), the load average before and after, peak memory and the SQL
statements sent per document; asserts nothing. ``--profile FILE`` also profiles the import
phase of the main process (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import re
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


@dataclass
class Phase:
    name: str
    documents: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    peak_heap_mb: float | None
    children_cpu_seconds: float = 0.0
    server_cpu_seconds: float | None = None

    def line(self) -> str:
        heap = f", Python heap peak {self.peak_heap_mb:6.1f} MB" if self.peak_heap_mb else ""
        text = (
            f"  {self.name:<24} {self.documents:5d} documents in {self.seconds:7.2f} s = "
            f"{self.documents / self.seconds:7.1f} documents/s "
            f"(CPU {self.cpu_seconds:6.2f} s: {self.documents / self.cpu_seconds:6.1f}/CPU-s); "
            f"process peak RSS {self.peak_rss_mb:6.1f} MB{heap}"
        )
        per = 1000 / max(self.documents, 1)
        text += (
            f"\n  {'':<24} CPU per document: this process {self.cpu_seconds * per:5.2f} ms, "
            f"child processes {self.children_cpu_seconds * per:5.2f} ms"
        )
        if self.server_cpu_seconds is not None:
            text += f", PostgreSQL server {self.server_cpu_seconds * per:5.2f} ms"
        return text


def _load() -> str:
    """The machine's 1/5/15-minute load averages: figures taken under load are not quiet ones."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def children_cpu() -> float:
    """User and system time of the child processes ended so far (the command's worker
    processes and the readers they fork, once the pool has been shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu() -> float | None:
    """User and system time of this connection's PostgreSQL backend, when the server runs
    on this machine (``/proc/<pid>/stat``); None on SQLite or a remote server."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def measured(name: str, documents: int, trace: bool, phases: list[Phase]) -> Iterator[None]:
    gc.collect()
    if trace:
        tracemalloc.start()
    load_before = _load()
    server_started, children_started = server_cpu(), children_cpu()
    started, cpu_started = time.perf_counter(), time.process_time()
    yield
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    server_ended = server_cpu()
    server = server_ended - server_started if server_started is not None else None
    heap = None
    if trace:
        heap = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    print(f"  {name}: load average {load_before} before, {_load()} after")
    phases.append(
        Phase(
            name,
            documents,
            seconds,
            cpu_seconds,
            peak_rss_mb(),
            heap,
            children_cpu() - children_started,
            server,
        )
    )


def write_generated(n: int, folder: Path) -> None:
    from bench.directive_corpus import DirectiveGenerator, document_text

    for serial, directive in enumerate(DirectiveGenerator().generate(n)):
        (folder / f"van-ban-{serial:05d}.txt").write_text(
            document_text(directive), encoding="utf-8"
        )


def setup_django(workdir: Path, database_url: str | None) -> str | None:
    """A fresh database and media folder in ``workdir``, migrated; returns the PostgreSQL
    database to drop afterwards, if one was made."""
    made = None
    if database_url:
        base, name = database_url.rsplit("/", 1)
        made = f"{name}_bench"
        _postgres(base, f'DROP DATABASE IF EXISTS "{made}"', f'CREATE DATABASE "{made}"')
        os.environ["DATABASE_URL"] = f"{base}/{made}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site")]
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # DEBUG keeps every SQL query in memory, which would be measured
    call_command("migrate", verbosity=0)
    return made


def _postgres(base_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def make_index():
    from wagtail.models import Page, Site

    from directives.models import DirectiveIndexPage
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Cổng thử tải", slug="bench-import"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban"))


_TABLE_RE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


class QueryCounter:
    """Counts the SQL statements the import sends (``executemany`` counts once: one round
    trip), by their first word and by first word and table, through Django's execute
    wrapper."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.tables: Counter[str] = Counter()

    def __call__(self, execute, sql, params, many, context):
        kind = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
        self.counts[kind] += 1
        table = _TABLE_RE.search(sql)
        self.tables[f"{kind} {table[1] if table else ''}".strip()] += 1
        return execute(sql, params, many, context)

    def lines(self, documents: int) -> list[str]:
        total = sum(self.counts.values())
        per = max(documents, 1)
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.counts.most_common())
        tables = ", ".join(
            f"{name} {count / per:.2f}" for name, count in self.tables.most_common(16)
        )
        return [
            f"  SQL statements: {total} = {total / per:.1f} per document ({kinds})",
            f"  per document, the most frequent: {tables}",
        ]


def run(
    folder: Path, trace: bool, profile: Path | None = None, parse_phase: bool = True
) -> list[Phase]:
    from django.core.management import call_command
    from django.db import connection

    from directives.import_reading import read_document
    from directives.models import DirectivePage, DirectiveReference
    from search.models import SearchEntry

    files = sorted(str(path) for path in folder.iterdir() if path.suffix in {".txt", ".md"})
    n = len(files)
    parent = make_index()
    phases: list[Phase] = [Phase("after setup", 0, 1.0, 1.0, peak_rss_mb(), None)]

    if parse_phase:
        with measured("parse (one process)", n, trace, phases):
            for name in files:
                read_document(Path(name).read_bytes(), Path(name).name)

    counter = QueryCounter()
    # CPU time, not wall time: on a busy machine waiting says little about the code.
    profiler = cProfile.Profile(time.process_time) if profile else None
    with (
        measured("import_directives --publish", n, trace, phases),
        connection.execute_wrapper(counter),
    ):
        if profiler:
            profiler.enable()
        try:
            call_command("import_directives", *files, "--publish", parent=parent.pk, verbosity=0)
        except Exception as error:  # the figures still say what went in
            print(f"  import_directives: {error}")
        if profiler:
            profiler.disable()
    if profiler:
        profiler.dump_stats(profile)
        pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(40)
    print(*counter.lines(n), sep="\n")
    live = DirectivePage.objects.live().count()
    linked = DirectiveReference.objects.filter(target__isnull=False).count()
    indexed = SearchEntry.objects.count()
    print(
        f"  {connection.vendor}: {live} live directive pages of {n} files; "
        f"{linked} citations linked; {indexed} pages in the portal's search index"
    )
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n",
        type=int,
        default=1000,
        help="documents to generate when no source is given (default 1000)",
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also report the Python heap's peak (tracemalloc slows every phase down)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--generate", type=int, metavar="N", help="N generated documents")
    source.add_argument("--folder", type=Path, help="a folder of .txt/.md files to import")
    parser.add_argument(
        "--import-only",
        action="store_true",
        help="skip the parsing phase, time the import alone",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="profile the import phase (cProfile, main process) into FILE and print its top "
        "functions by cumulative time (profiling slows the phase down)",
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL URL; the benchmark makes and drops <its database name>_bench",
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-import-"))
    made = None
    try:
        folder = args.folder
        if folder is None:
            folder = workdir / "files"
            folder.mkdir()
            write_generated(args.generate or args.n, folder)
        made = setup_django(workdir, args.database_url)
        where = "PostgreSQL" if made else "SQLite"
        print(f"Import benchmark: files from {folder}, fresh {where} database")
        phases = run(folder, args.tracemalloc, args.profile, not args.import_only)
    finally:
        if made:
            from django.db import connections

            connections.close_all()
            _postgres(args.database_url.rsplit("/", 1)[0], f'DROP DATABASE IF EXISTS "{made}"')
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"  baseline (Django, Wagtail, migrated DB): peak RSS {phases[0].peak_rss_mb:.1f} MB")
    for phase in phases[1:]:
        print(phase.line())
    print(
        "  (CPU/s is this process only; child processes: the readers forked for each file "
        "and the command's worker processes, which parse; peak RSS is this process's)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

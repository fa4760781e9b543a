"""Import benchmark: the shared corpus imported N times over into a fresh database.

    python -m bench.importing --n 200                  (make bench-import N=200)

The N documents are the corpus's directives (../shared/corpus/directives) repeated, each copy
given a number of its own (and a line of its own, for the documents printed without a number)
so that none is taken for a re-import. Two phases over the same documents:

1. parsing alone: ``extract_text`` + ``parse``, what the dry run does;
2. parse + save + index: the import service end to end, each document in its transaction
   (agencies, page, tasks, citations, the original file as a Wagtail document, the revision
   published, citations linked) and the search index updated (Wagtail's tasks run
   in-process here, as in the default settings).

The database is a temporary SQLite file, migrated from scratch, removed afterwards. Prints
documents per second (wall clock, and per CPU second, which a busy machine disturbs less)
and peak memory; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
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
CORPUS = BASE_DIR.parent / "shared" / "corpus" / "directives"


@dataclass
class Phase:
    name: str
    documents: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    peak_heap_mb: float | None

    def line(self) -> str:
        heap = f", Python heap peak {self.peak_heap_mb:6.1f} MB" if self.peak_heap_mb else ""
        return (
            f"  {self.name:<24} {self.documents:5d} documents in {self.seconds:7.2f} s = "
            f"{self.documents / self.seconds:7.1f} documents/s "
            f"(CPU {self.cpu_seconds:6.2f} s: {self.documents / self.cpu_seconds:6.1f}/CPU-s); "
            f"process peak RSS {self.peak_rss_mb:6.1f} MB{heap}"
        )


def peak_rss_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def measured(name: str, documents: int, trace: bool, phases: list[Phase]) -> Iterator[None]:
    gc.collect()
    if trace:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    yield
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    heap = None
    if trace:
        heap = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    phases.append(Phase(name, documents, seconds, cpu_seconds, peak_rss_mb(), heap))


def copies(n: int) -> list[tuple[int, str, bytes]]:
    """N documents from the corpus, each with a closing line of its own."""
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"No corpus at {CORPUS}: the benchmark reads ../shared/corpus/directives.")
    sources = [(path.name, path.read_bytes()) for path in files]
    out = []
    for serial in range(n):
        name, data = sources[serial % len(sources)]
        stem, suffix = name.rsplit(".", 1)
        unique = f"\n(Bản sao thử tải số {serial}.)\n".encode()
        out.append((serial, f"{stem}-{serial}.{suffix}", data + unique))
    return out


def setup_django(workdir: Path) -> None:
    """A fresh SQLite database and media folder in ``workdir``, migrated."""
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


def make_index():
    from wagtail.models import Page, Site

    from directives.models import DirectiveIndexPage
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Cổng thử tải", slug="bench-import"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban"))


def run(n: int, trace: bool) -> list[Phase]:
    from directives.importing import read_document, save_record
    from directives.models import DirectivePage
    from directives.parsing import parse
    from directives.parsing.files import extract_text

    documents = copies(n)
    parent = make_index()
    phases: list[Phase] = [Phase("after setup", 0, 1.0, 1.0, peak_rss_mb(), None)]

    with measured("parse", n, trace, phases):
        for _serial, name, data in documents:
            parse(extract_text(data, name).text, source=name)

    statuses: Counter[str] = Counter()
    with measured("parse + save + index", n, trace, phases):
        for serial, name, data in documents:
            read = read_document(data, name)
            if read.record.number:
                read.record.number = f"{read.record.number}-{serial}"
            result = save_record(
                read.record, read.text, parent=parent, original=(data, name), publish=True
            )
            statuses[result.status.value] += 1
    pages = DirectivePage.objects.live().count()
    print(f"  imports: {dict(statuses)}; live directive pages: {pages}")
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="documents to import (default 200)")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also report the Python heap's peak (tracemalloc slows every phase down)",
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-import-"))
    try:
        setup_django(workdir)
        print(f"Import benchmark: {args.n} documents from {CORPUS}, fresh SQLite in {workdir}")
        phases = run(args.n, args.tracemalloc)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"  baseline (Django, Wagtail, migrated DB): peak RSS {phases[0].peak_rss_mb:.1f} MB")
    for phase in phases[1:]:
        print(phase.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

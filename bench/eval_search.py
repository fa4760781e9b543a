"""How well search finds real documents: ../shared/corpus/tvpl/queries.json over its 139 texts.

Each text is imported through the directive importer (``import_directives --publish``, the
command an editor runs) into a fresh database: a temporary SQLite file, or with
``--database-url postgres://.../name`` a PostgreSQL database ``<name>_evalsearch`` made and
dropped again. Then every query of queries.json is asked through the configured database
engine, as the search page asks it: the publisher's one-line summary of a document as typed
(with diacritics), the same unaccented in lower case, and the document's number. Numbers are
asked as printed and folded too ("5348/CT-CS" and "5348 ct cs").

    python -m bench.eval_search [--check] [--database-url postgres://postgres@127.0.0.1:5432/x]

It prints the mean reciprocal rank and the share of queries whose document is first, in the
top 3 and in the top 10, per kind and in all, then the misses (not first) with the title
ranked above. ``--check`` exits 1 when a figure falls below ``FLOORS`` (a little under the
figures reached, so a change that loses documents is seen at once).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "tvpl"
PAGE_SIZE = 10

# Floors for --check (fractions), a little under the figures reached: see README
# "Tìm kiếm / Search". Keys: "<kind> mrr" and "<kind> top3"; kind "all" is every query.
FLOORS: dict[str, float] = {
    "all mrr": 0.94,
    "all top3": 0.95,
    "subject mrr": 0.91,
    "subject top3": 0.94,
    "subject_unaccented mrr": 0.92,
    "subject_unaccented top3": 0.94,
    "number mrr": 0.96,
    "number_folded mrr": 0.96,
}


def setup_django(workdir: Path, database_url: str | None) -> str | None:
    """A fresh, migrated database; returns the PostgreSQL database to drop, if one was made."""
    made = None
    if database_url:
        base, name = database_url.rsplit("/", 1)
        made = f"{name}_evalsearch"
        _postgres(base, f'DROP DATABASE IF EXISTS "{made}"', f'CREATE DATABASE "{made}"')
        os.environ["DATABASE_URL"] = f"{base}/{made}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'eval.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return made


def _postgres(base_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def import_texts(folder: Path) -> dict[str, int]:
    """Import every text of ``folder``; returns the page id of each file name."""
    from django.core.management import call_command

    from bench.importing import make_index

    files = sorted(str(path) for path in folder.iterdir() if path.suffix in {".txt", ".md"})
    parent = make_index()
    out = io.StringIO()
    try:
        call_command(
            "import_directives",
            *files,
            "--publish",
            "--json",
            parent=parent.pk,
            verbosity=0,
            stdout=out,
            stderr=io.StringIO(),
        )
    except Exception as error:  # the evaluation still runs on what went in
        print(f"  import_directives: {error}")
    records = json.loads(out.getvalue() or "[]")
    if isinstance(records, dict):
        records = [records]
    return {
        Path(record["source"]).name: record["id"]
        for record in records
        if record.get("source") and record.get("id")
    }


def queries(corpus: Path = CORPUS) -> list[dict]:
    """queries.json, with each number query asked folded as well."""
    from vntext import fold_tokens

    asked = []
    for query in json.loads((corpus / "queries.json").read_text(encoding="utf-8"))["queries"]:
        asked.append(query)
        if query["kind"] == "number":
            folded = " ".join(fold_tokens(query["q"]))
            asked.append({**query, "kind": "number_folded", "q": folded})
    return asked


def evaluate(pages: dict[str, int], asked: list[dict]) -> tuple[dict, list[dict], list[float]]:
    """Per kind (and "all"): count, MRR, top-1/3/10 shares; the misses; the timings (ms)."""
    from search.models import SearchEntry
    from search.query import understand
    from search.service import get_engine

    engine = get_engine()
    titles = dict(SearchEntry.objects.values_list("page_id", "title"))
    ranks: dict[str, list[int | None]] = defaultdict(list)
    misses = []
    timings = []
    for query in asked:
        target = pages.get(query["file"])
        started = time.perf_counter()
        hits = engine.search(understand(query["q"], page_size=PAGE_SIZE)).hits
        timings.append((time.perf_counter() - started) * 1000)
        ids = [hit.page_id for hit in hits]
        rank = ids.index(target) + 1 if target in ids else None
        for kind in (query["kind"], "all"):
            ranks[kind].append(rank)
        if rank != 1:
            misses.append(
                {
                    **query,
                    "rank": rank,
                    "imported": target is not None,
                    "target": titles.get(target, ""),
                    "first": titles.get(ids[0], "") if ids else "",
                }
            )
    figures = {}
    for kind, found in ranks.items():
        n = len(found)
        figures[kind] = {
            "n": n,
            "mrr": sum(1 / rank for rank in found if rank) / n,
            "top1": sum(rank == 1 for rank in found) / n,
            "top3": sum(bool(rank) and rank <= 3 for rank in found) / n,
            "top10": sum(bool(rank) and rank <= 10 for rank in found) / n,
        }
    return figures, misses, timings


def report(figures: dict, misses: list[dict], timings: list[float], label: str) -> str:
    lines = [
        f"\nSearch evaluation on tvpl/queries.json ({label}):",
        f"{'kind':<22}{'queries':>8}{'MRR':>8}{'top 1':>8}{'top 3':>8}{'top 10':>8}",
    ]
    for kind in sorted(figures, key=lambda k: (k == "all", k)):
        f = figures[kind]
        lines.append(
            f"{kind:<22}{f['n']:>8}{f['mrr']:>8.3f}{f['top1']:>8.1%}{f['top3']:>8.1%}"
            f"{f['top10']:>8.1%}"
        )
    ordered = sorted(timings)
    if ordered:
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        lines.append(f"query time: median {ordered[len(ordered) // 2]:.1f} ms, p95 {p95:.1f} ms")
    lines.append(f"\nmisses (target not first): {len(misses)}")
    for miss in sorted(misses, key=lambda m: (m["rank"] is not None, -(m["rank"] or 0))):
        where = "not imported" if not miss["imported"] else f"rank {miss['rank'] or '>10'}"
        lines.append(f"  [{miss['kind']}] {miss['q']!r} ({miss['file']}): {where}")
        lines.append(f"      target: {miss['target'][:110]}")
        lines.append(f"      first:  {miss['first'][:110]}")
    return "\n".join(lines)


def below_floors(figures: dict) -> list[str]:
    failed = []
    for key, floor in FLOORS.items():
        kind, measure = key.rsplit(" ", 1)
        value = figures.get(kind, {}).get(measure)
        if value is None or value < floor:
            failed.append(f"{key} = {value if value is None else round(value, 3)} < {floor}")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    parser.add_argument("--database-url", help="a PostgreSQL URL; <name>_evalsearch is used")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the tvpl folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="portal-eval-search-"))
    made = None
    started = time.perf_counter()
    try:
        made = setup_django(workdir, args.database_url)
        pages = import_texts(args.corpus / "texts")
        asked = queries(args.corpus)
        figures, misses, timings = evaluate(pages, asked)
        from django.db import connection

        label = f"{connection.vendor}, {len(pages)} documents imported"
    finally:
        if made:
            from django.db import connections

            connections.close_all()
            _postgres(args.database_url.rsplit("/", 1)[0], f'DROP DATABASE IF EXISTS "{made}"')
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(figures, misses, timings, label))
    print(f"({time.perf_counter() - started:.0f} s in all)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if args.check:
        failed = below_floors(figures)
        if failed:
            print("\nBelow the floors:\n  " + "\n  ".join(failed))
            return 1
        print("\nAll figures at or above their floors.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

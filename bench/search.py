"""Search benchmark: N generated directives, index build time, and query latency per kind.

    python -m bench.search --n 100000 --engines sqlite,postgres     (make bench-search N=...)

For each database it starts a fresh one (a temporary SQLite file; the PostgreSQL database
``portal_bench``, dropped and created again), migrates it, writes N generated directives as
real pages (bench.bulk_pages), rebuilds the configured search engine's index through its
``rebuild()`` (as ``manage.py search_index --rebuild`` does) and times queries of each kind
through the same engine call the search page makes. It prints figures; it asserts nothing.
Each database runs in its own process, since Django's settings are fixed once per process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Another database name (and SQLite file) keeps two runs on one machine apart.
POSTGRES_DB = os.environ.get("BENCH_POSTGRES_DB", "portal_bench")
RESULT_PREFIX = "RESULT "

TARGETS_MS = {"sqlite": 100, "postgres": 50}
REBUILD_TARGET_S = 300


# The orchestrator: one worker process per database.


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="directives to generate")
    parser.add_argument("--engines", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=40, help="timed queries per kind")
    parser.add_argument("--seed", type=int, default=20220516)
    parser.add_argument("--budget", type=float, default=90, help="seconds at most per query kind")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database afterwards (SQLite: bench-<n>.sqlite3 in the temp directory)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time queries on a database a --keep run left (migrated again, not regenerated)",
    )
    parser.add_argument(
        "--reindex", action="store_true", help="with --reuse: rebuild the search index too"
    )
    parser.add_argument("--only", help="with --reuse: time only these kinds (comma-separated)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return work(
            args.worker,
            args.n,
            args.runs,
            args.seed,
            args.budget,
            args.reuse,
            args.reindex,
            args.only,
        )

    results = []
    for name in [part.strip() for part in args.engines.split(",") if part.strip()]:
        if name not in TARGETS_MS:
            parser.error(f"unknown database {name!r}: use sqlite and/or postgres")
        result = _run_worker(name, args)
        if result:
            results.append(result)
    _summary(results)
    return 0


def _run_worker(name: str, args: argparse.Namespace) -> dict | None:
    print(f"\n=== {name}: {args.n:,} directives ===", flush=True)
    keep = args.keep or args.reuse
    scratch = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    kept = Path(tempfile.gettempdir()) / f"{POSTGRES_DB.replace('_', '-')}-{args.n}.sqlite3"
    if name == "sqlite":
        if keep and not args.reuse:
            kept.unlink(missing_ok=True)
        url = f"sqlite:///{kept if keep else scratch / 'bench.sqlite3'}"
    elif args.reuse:
        url = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
    else:
        if not _postgres("DROP DATABASE IF EXISTS {db}", "CREATE DATABASE {db}"):
            shutil.rmtree(scratch, ignore_errors=True)
            return None
        url = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "MEDIA_ROOT": str(scratch / "media"),
    }
    command = [sys.executable, "-m", "bench.search", "--worker", name]
    command += ["--n", str(args.n), "--runs", str(args.runs), "--seed", str(args.seed)]
    command += ["--budget", str(args.budget)]
    command += ["--reuse"] * args.reuse + ["--reindex"] * args.reindex
    command += ["--only", args.only] if args.only else []
    result = None
    try:
        with subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        ) as process:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith(RESULT_PREFIX):
                    result = json.loads(line[len(RESULT_PREFIX) :])
                else:
                    print(line, end="", flush=True)
        if process.returncode:
            print(f"{name}: the benchmark failed (exit {process.returncode})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if name == "postgres" and not keep:
            _postgres("DROP DATABASE IF EXISTS {db}")
    return result


def _postgres(*statements: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement.format(db=POSTGRES_DB))
    except psycopg.Error as error:
        print(f"postgres: cannot prepare {POSTGRES_DB} at {POSTGRES_SERVER}: {error}")
        return False
    return True


def _summary(results: list[dict]) -> None:
    if not results:
        return
    print("\n=== summary (ms; target p95: SQLite ≤ 100, PostgreSQL ≤ 50; rebuild ≤ 300 s) ===")
    print(f"{'database':<10}{'N':>9}{'rebuild s':>11}  " + "  ".join(f"{k:>20}" for k in KINDS))
    for result in results:
        cells = [
            f"{result['timings'][kind]['p50']:>6.1f} /{result['timings'][kind]['p95']:>6.1f}"
            if kind in result["timings"]
            else "-"
            for kind in KINDS
        ]
        print(
            f"{result['database']:<10}{result['n']:>9,}{result['rebuild_s']:>11.1f}  "
            + "  ".join(f"{cell:>20}" for cell in cells)
        )
    print("(cells: p50 / p95)")
    print("\ntarget in the top 10 (top 3) of the judged kinds:")
    for result in results:
        cells = [
            f"{kind}: {t['top10']}/{t['judged']} ({t['top3']})"
            for kind in JUDGED
            if (t := result["timings"].get(kind)) and "judged" in t
        ]
        print(f"{result['database']:<10}{result['n']:>9,}  " + "; ".join(cells))


# The worker: one database, in a process configured for it.

KINDS = (
    "rare word",
    "common words",
    "document number",
    "filtered",
    "faceted",
    "suggestions",
    "signer",
    "signer unaccented",
    "subject",
    "subject unaccented",
)
# The kinds whose queries have a target: a signer's name finds a document that person signed,
# a subject typed in full finds a document with that subject (generated subjects repeat, and
# every document with the same subject is as good an answer).
JUDGED = ("signer", "signer unaccented", "subject", "subject unaccented")
JUDGED_QUERIES = 8


def work(
    database: str,
    n: int,
    runs: int,
    seed: int,
    budget: float,
    reuse: bool = False,
    reindex: bool = False,
    only: str | None = None,
) -> int:
    sys.path.insert(0, str(BASE_DIR / "site"))
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from bench.bulk_pages import insert_directives, make_site
    from bench.directive_corpus import DirectiveGenerator
    from search.service import get_engine

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    _say(f"migrated {'the kept' if reuse else 'a fresh'} {connection.vendor} database", started)

    started = time.perf_counter()
    generator = DirectiveGenerator(seed)
    directives = list(generator.generate(n))
    _say(f"generated {n:,} directives", started)

    engine = get_engine()
    rebuild_s = 0.0
    if reuse and not reindex:
        _say("reusing the written pages and their index", time.perf_counter())
        return _measure(database, n, runs, seed, budget, directives, rebuild_s, only)
    if not reuse:
        started = time.perf_counter()
        index = make_site()
        insert_directives(index, directives)
        _say(f"wrote {n:,} DirectivePage rows", started)

    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 15 and done < total:
            last[0] = time.perf_counter()
            _say(f"  indexing {done:,}/{total:,}", started)

    indexed = engine.rebuild(progress=progress)
    rebuild_s = time.perf_counter() - started
    _say(f"index build ({engine.name} engine): {indexed:,} pages", started)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return _measure(database, n, runs, seed, budget, directives, rebuild_s, only)


def _measure(database, n, runs, seed, budget, directives, rebuild_s, only) -> int:
    from django.db import connection

    from search.service import get_engine

    engine = get_engine()
    wanted = {kind.strip() for kind in only.split(",")} if only else None
    rng = random.Random(seed)
    timings = {}
    target = TARGETS_MS["postgres" if connection.vendor == "postgresql" else "sqlite"]
    print(f"\n{'kind':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'hits (first)':>14}", flush=True)
    for kind, queries in _workload(directives, rng).items():
        if wanted and kind not in wanted:
            continue
        samples, first_count, ranks = _time(queries, engine, runs, budget)
        timings[kind] = {
            "p50": statistics.median(samples),
            "p95": _percentile(samples, 95),
            "max": max(samples),
            "runs": len(samples),
        }
        if ranks:
            timings[kind]["top3"] = sum(rank is not None and rank <= 3 for rank in ranks)
            timings[kind]["top10"] = sum(rank is not None and rank <= 10 for rank in ranks)
            timings[kind]["judged"] = len(ranks)
        flag = "" if timings[kind]["p95"] <= target else "  > target"
        print(
            f"{kind:<18}{timings[kind]['p50']:>9.1f}{timings[kind]['p95']:>9.1f}"
            f"{timings[kind]['max']:>9.1f}{first_count:>14,}{flag}",
            flush=True,
        )
        if ranks:
            shown = " ".join("-" if rank is None else str(rank) for rank in ranks)
            print(
                f"{'':<18}target in top 10: {timings[kind]['top10']}/{len(ranks)}, "
                f"top 3: {timings[kind]['top3']}/{len(ranks)} (ranks: {shown})",
                flush=True,
            )
    result = {
        "database": database,
        "n": n,
        "rebuild_s": rebuild_s,
        "timings": timings,
    }
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0


def _workload(directives: list, rng: random.Random) -> dict[str, list[tuple]]:
    """The queries of each kind: (callable name, arguments); variants are cycled through."""
    from bench.directive_corpus import RARE_TERMS

    def spellings(number: str) -> list[str]:
        spaced = " ".join(number.replace("/", " ").replace("-", " ").lower().split())
        return [number, spaced]

    numbers = [rng.choice(directives).number for _ in range(20)]
    first, last = directives[0].issued_on.year, directives[-1].issued_on.year
    years = list(range(first, last + 1))
    issuers = sorted({directive.issuer.name for directive in directives[:2000]})
    from vntext import fold

    # Spread over the whole range of dates: a target must be found however old it is.
    targets = [rng.choice(directives) for _ in range(JUDGED_QUERIES * 2)]
    signed = targets[:JUDGED_QUERIES]
    subjects = targets[JUDGED_QUERIES:]

    def subject(directive) -> str:
        return directive.subject.removeprefix("V/v ")

    def by_signer(name: str):
        return lambda hit: fold(hit.signer) == fold(name)

    def by_subject(directive):
        # The title is "<type> số <number>: <subject>": the part after the number.
        wanted = directive.title.partition(": ")[2]
        return lambda hit: hit.title.partition(": ")[2] == wanted

    judged = {
        "signer": [("search", d.signer_name, {}, by_signer(d.signer_name)) for d in signed],
        "signer unaccented": [
            ("search", fold(d.signer_name), {}, by_signer(d.signer_name)) for d in signed
        ],
        "subject": [("search", subject(d), {}, by_subject(d)) for d in subjects],
        "subject unaccented": [("search", fold(subject(d)), {}, by_subject(d)) for d in subjects],
    }
    return judged | {
        "rare word": [("search", term, {}) for term, _ in RARE_TERMS],
        "common words": [
            ("search", text, {})
            for text in (
                "thủ tục hành chính",
                "thu tuc hanh chinh",
                "dịch vụ công trực tuyến",
                "chuyen doi so",
            )
        ],
        "document number": [("search", s, {}) for n in numbers for s in spellings(n)],
        "filtered": [
            (
                "search",
                text,
                {"doc_type": doc_type, "year_from": year, "year_to": min(year + 2, last)},
            )
            for text, doc_type, year in [
                ("chuyển đổi số", "ke-hoach", rng.choice(years)),
                ("thủ tục hành chính", "cong-van", rng.choice(years)),
                ("", "quyet-dinh", rng.choice(years)),
                ("cải cách hành chính", "bao-cao", rng.choice(years)),
            ]
        ],
        "faceted": [
            ("search", "dịch vụ công", {"kind": "directive"}),
            ("search", "dịch vụ công", {"issuer": "__issuer__:" + rng.choice(issuers)}),
            ("search", "cải cách hành chính", {"year_from": years[-3], "year_to": years[-3]}),
            ("search", "", {}),
        ],
        "suggestions": [
            ("suggest", prefix, {})
            for prefix in (
                "thu tuc h",
                "chuyển đổi s",
                "dich vu cong tr",
                "kế hoạch c",
                numbers[0].split("/")[0],
                numbers[1][:6],
            )
        ],
    }


def _time(
    queries: list[tuple], engine, runs: int, budget: float
) -> tuple[list[float], int, list[int | None]]:
    """Timings, the first query's count and, for judged queries, the rank of the first hit
    that is a target (None: not in the first page of 20)."""
    from directives.models import Agency
    from search.query import understand

    def call(method: str, text: str, filters: dict, judge=None) -> int:
        if method == "suggest":
            return len(engine.suggest(text, 8))
        return engine.search(understand(text, **filters)).count

    ranks: list[int | None] = []
    for _method, text, filters, *judge in queries:
        if judge:
            hits = engine.search(understand(text, **filters)).hits
            found = [rank for rank, hit in enumerate(hits, 1) if judge[0](hit)]
            ranks.append(found[0] if found else None)

    prepared = []  # issuers are named in the workload; the filter takes their id
    for method, text, filters, *_ in queries:
        if "issuer" in filters:
            filters = {
                **filters,
                "issuer": Agency.objects.get(name=filters["issuer"].split(":", 1)[1]).pk,
            }
        prepared.append((method, text, filters))
    deadline = time.perf_counter() + budget
    first_count = call(*prepared[0])
    for query in prepared:  # warm the caches once per variant, as a live site would have
        call(*query)
        if time.perf_counter() > deadline:
            break
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        call(*prepared[i % len(prepared)])
        samples.append((time.perf_counter() - started) * 1000)
        if time.perf_counter() > deadline:  # a pathological kind must not stall the run
            print(f"  (stopped after {len(samples)} runs: over the {budget:.0f} s budget)")
            break
    return samples, first_count, ranks


def _percentile(samples: list[float], percent: int) -> float:
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _say(message: str, started: float) -> None:
    print(f"{message} ({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    sys.exit(main())

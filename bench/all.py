"""``make bench``: the page, search and import benchmarks in one run, one table.

    python -m bench.all [--pages-n 1000] [--search-n 1000] [--import-n 200]
                        [--databases sqlite,postgres] [--seconds 10] [--skip search,import]

Runs ``bench.pages`` (a directive page uncached and from the page cache, a bare Django view and
nginx serving the page as a file when installed), ``bench.search`` (every query kind on a small
generated corpus) and ``bench.importing`` (``import_directives --publish`` of generated files) on
each database, prints one table with the machine's load average (1 min) beside each figure,
writes every figure to ``bench/results/<date-time>.json`` and compares with the last file there.
The machine is shared: read a figure with its load, and pages relative to the bare Django view
of the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
RESULTS = BASE_DIR / "bench" / "results"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SEARCH_KINDS = (
    "rare word",
    "common words",
    "document number",
    "filtered",
    "faceted",
    "suggestions",
)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def run(command: list[str], env: dict | None = None) -> str:
    """Run a benchmark, echoing its output, and return that output."""
    print("$ " + " ".join(command), flush=True)
    process = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        print("  | " + line, end="", flush=True)
        lines.append(line)
    process.wait()
    if process.returncode:
        print(f"  (exit {process.returncode})")
    return "".join(lines)


def page_rows(args) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        run(
            [sys.executable, "-m", "bench.pages", "--n", str(args.pages_n)]
            + ["--databases", args.databases, "--seconds", str(args.seconds), "--json", str(out)]
        )
        figures = json.loads(out.read_text() or "{}")
    except (OSError, ValueError):
        figures = {}
    finally:
        out.unlink(missing_ok=True)
    rows = []
    for database in [*args.databases.split(","), "file"]:
        measured = figures.get(database, {})
        bare = measured.get("bare Django view", {}).get("rps")
        for label, figure in measured.items():
            relative = (
                f"{figure['rps'] / bare:.0%} of bare"
                if bare and label != "bare Django view"
                else ""
            )
            rows.append(
                {
                    "bench": f"page, N={args.pages_n}",
                    "database": database,
                    "figure": label,
                    "value": figure["rps"],
                    "unit": "req/s",
                    "higher_is_better": True,
                    "note": relative,
                    "load": figure["load"],
                }
            )
    return rows


def search_rows(args) -> list[dict]:
    out = run(
        [sys.executable, "-m", "bench.search", "--n", str(args.search_n), "--runs", "20"]
        + ["--engines", args.databases]
    )
    at = load()
    rows = []
    summary = out.split("=== summary", 1)[-1]
    for line in summary.splitlines():
        match = re.match(r"\s*\|?\s*(sqlite|postgres)\s+([\d,]+)\s+([\d.]+)\s+(.*)$", line)
        if not match:
            continue
        database, _, rebuild, cells = match.groups()
        rows.append(
            {
                "bench": f"search, N={args.search_n}",
                "database": database,
                "figure": "index rebuild",
                "value": float(rebuild),
                "unit": "s",
                "higher_is_better": False,
                "note": "",
                "load": at,
            }
        )
        pairs = re.findall(r"([\d.]+) /\s*([\d.]+)|(-)", cells)
        for kind, pair in zip(SEARCH_KINDS, pairs, strict=False):
            if pair[2]:
                continue
            rows.append(
                {
                    "bench": f"search, N={args.search_n}",
                    "database": database,
                    "figure": f"{kind} p95",
                    "value": float(pair[1]),
                    "unit": "ms",
                    "higher_is_better": False,
                    "note": f"p50 {float(pair[0]):.1f}",
                    "load": at,
                }
            )
    return rows


def import_rows(args) -> list[dict]:
    rows = []
    for database in args.databases.split(","):
        command = [sys.executable, "-m", "bench.importing", "--generate", str(args.import_n)]
        if database == "postgres":
            command += ["--database-url", f"{POSTGRES_SERVER}/portal_benchimport"]
        out = run(command)
        at = load()
        match = re.search(
            r"import_directives --publish\s+(\d+) documents in\s+([\d.]+) s =\s+([\d.]+) documents/s"
            r" \(CPU\s+([\d.]+) s:\s+([\d.]+)/CPU-s\)",
            out,
        )
        if match:
            rows.append(
                {
                    "bench": f"import, N={args.import_n}",
                    "database": database,
                    "figure": "import_directives --publish",
                    "value": float(match.group(3)),
                    "unit": "documents/s",
                    "higher_is_better": True,
                    "note": f"{float(match.group(5)):.1f}/CPU-s",
                    "load": at,
                }
            )
    return rows


def last_results() -> dict | None:
    files = sorted(RESULTS.glob("*.json"))
    if not files:
        return None
    try:
        return json.loads(files[-1].read_text())
    except ValueError:
        return None


def key(row: dict) -> tuple:
    return (row["bench"], row["database"], row["figure"])


def table(rows: list[dict], previous: dict | None) -> str:
    before = {key(row): row for row in (previous or {}).get("rows", [])}
    lines = [
        f"{'benchmark':<16} {'database':<9} {'figure':<30} {'value':>10} {'unit':<12} "
        f"{'load':>5}  {'last run':>10} {'change':>7}  note",
    ]
    for row in rows:
        old = before.get(key(row))
        last = change = ""
        if old and old["value"]:
            last = f"{old['value']:.1f}"
            change = f"{(row['value'] - old['value']) / old['value']:+.0%}"
        lines.append(
            f"{row['bench']:<16} {row['database']:<9} {row['figure']:<30} {row['value']:>10.1f} "
            f"{row['unit']:<12} {row['load']:>5.2f}  {last:>10} {change:>7}  {row['note']}"
        )
    return "\n".join(lines)


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
    )
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages-n", type=int, default=1000)
    parser.add_argument("--search-n", type=int, default=1000)
    parser.add_argument("--import-n", type=int, default=200)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--skip", default="", help="page,search,import: benchmarks to leave out")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    started = time.time()
    previous = last_results()
    rows: list[dict] = []
    if "page" not in skip:
        rows += page_rows(args)
    if "search" not in skip:
        rows += search_rows(args)
    if "import" not in skip:
        rows += import_rows(args)
    result = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "cpus": os.cpu_count(),
        "minutes": round((time.time() - started) / 60, 1),
        "rows": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{datetime.now().strftime('%Y-%m-%dT%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(
        f"\n=== make bench, {result['date']}, commit {result['commit']}, {result['cpus']} CPUs ==="
    )
    if previous:
        print(f"(compared with {previous.get('date')}, commit {previous.get('commit')})")
    print(table(rows, previous))
    print(f"\nFigures kept in {path.relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

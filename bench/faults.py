"""Fault run: PostgreSQL restarted or stopped under load and during an import, Redis stopped
under load (make bench-faults).

    python -m bench.faults [--clients 16] [--cluster portal_faults]

By default the run creates a private PostgreSQL 15 cluster on a free loopback port (Debian's
``pg_createcluster``), so restarting it disturbs no one else's database; ``--cluster main``
restarts the machine's main cluster instead (every other user of it sees the restart too).
The cluster is restarted with ``pg_ctlcluster --skip-systemctl-redirect 15 <cluster> restart``.

Scenarios, each printed with its figures:

1. restart under load: clients keep requesting a directive page, the list, a search and an API
   search while PostgreSQL restarts. Pass: every answer is 200 or the Vietnamese 503 (no 500,
   no dropped connection), and 200s again within a few seconds, without restarting gunicorn;
2. stopped under load for a few seconds: the same, and every 503 comes fast (the worst 503
   latency is printed);
3. restart during an import (``manage.py import_directives --publish`` over copies of the
   corpus's directives): every file the command reports as imported is in the database with
   its document; no other page, document or file appeared; importing the rest afterwards
   brings the total to exactly the number of files (nothing lost, nothing twice);
4. Redis stopped under load, then started again: every answer is 200.

Bounded: each scenario runs for a fixed number of seconds; everything started is stopped and
the databases (and a private cluster) are dropped at the end. Exits 1 when a check failed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.importing import copies
from bench.stack import Stack, free_port, get

PG_VERSION = "15"


@dataclass
class Sample:
    at: float
    url: str
    status: int
    seconds: float
    body: bytes = field(repr=False, default=b"")


class Load:
    """``clients`` threads requesting ``urls`` in turn until stopped; every answer recorded."""

    def __init__(self, base: str, urls: list[str], clients: int):
        self.base = base
        self.urls = urls
        self.clients = clients
        self.samples: list[Sample] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.started = time.monotonic()
        self.threads = [
            threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(clients)
        ]

    def client(self, n: int) -> None:
        turn = n
        while not self.stop.is_set():
            url = self.urls[turn % len(self.urls)]
            turn += 1
            at = time.monotonic() - self.started
            status, seconds, body = get(self.base + url, timeout=20)
            with self.lock:
                self.samples.append(
                    Sample(at, url, status, seconds, body if status != 200 else b"")
                )

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def now(self) -> float:
        return time.monotonic() - self.started


def cluster_command(cluster: str, action: str) -> float:
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, cluster, action],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return time.monotonic() - started


def private_cluster(name: str) -> str:
    """Create (or reuse) a private cluster with trust on loopback; its server URL."""
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    ports = {line.split()[1]: line.split()[2] for line in listing.stdout.splitlines() if line}
    if name not in ports:
        port = free_port()
        subprocess.run(
            ["pg_createcluster", PG_VERSION, name, "-p", str(port)]
            + ["--", "--auth-local=trust", "--auth-host=trust"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        ports[name] = str(port)
        conf = Path(f"/etc/postgresql/{PG_VERSION}/{name}/postgresql.conf")
        with conf.open("a") as handle:
            handle.write("\nlisten_addresses = '127.0.0.1'\nfsync = on\n")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, name, "start"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return f"postgres://postgres@127.0.0.1:{ports[name]}"


def drop_private_cluster(name: str) -> None:
    subprocess.run(
        ["pg_dropcluster", "--stop", PG_VERSION, name],
        capture_output=True,
        timeout=120,
        check=False,
    )


def summarise(name: str, samples: list[Sample], window: tuple[float, float]) -> list[str]:
    """Print the figures of one scenario; return the failed checks."""
    statuses = Counter(sample.status for sample in samples)
    failures = []
    bad = {status: n for status, n in statuses.items() if status not in (200, 503)}
    if bad:
        failures.append(f"{name}: answers other than 200/503: {bad}")
    not_vietnamese = [
        s
        for s in samples
        if s.status == 503 and "Hệ thống tạm thời gián đoạn".encode() not in s.body
    ]
    if not_vietnamese:
        failures.append(f"{name}: {len(not_vietnamese)} 503s without the Vietnamese page")
    unavailable = [s for s in samples if s.status == 503]
    worst_503 = max((s.seconds for s in unavailable), default=0.0)
    median_503 = (
        sorted(s.seconds for s in unavailable)[len(unavailable) // 2] if unavailable else 0.0
    )
    after = [s for s in samples if s.at >= window[1]]
    first_ok = next(
        (s.at + s.seconds for s in sorted(after, key=lambda s: s.at) if s.status == 200), None
    )
    recovery = (first_ok - window[1]) if first_ok is not None else None
    tail = [s for s in samples if recovery is not None and s.at >= window[1] + recovery + 2]
    tail_bad = sum(1 for s in tail if s.status != 200)
    if recovery is None:
        failures.append(f"{name}: no 200 after the database came back")
    if tail_bad:
        failures.append(f"{name}: {tail_bad} non-200 answers after recovery")
    ok_latency = sorted(s.seconds for s in samples if s.status == 200)
    p99 = ok_latency[int(len(ok_latency) * 0.99) - 1] if ok_latency else 0.0
    print(
        f"  {name}: {len(samples)} requests, statuses {dict(sorted(statuses.items()))}; "
        f"outage {window[0]:.1f}–{window[1]:.1f} s; 503 median {median_503 * 1000:.0f} ms, worst {worst_503 * 1000:.0f} ms; "
        f"first 200 {recovery if recovery is not None else float('nan'):.2f} s after the "
        f"database was back; 200s p99 {p99 * 1000:.0f} ms; non-200 after recovery: {tail_bad}"
    )
    return failures


def restart_under_load(stack: Stack, cluster: str, urls: list[str], clients: int) -> list[str]:
    with Load(stack.url, urls, clients) as load:
        time.sleep(4)
        begin = load.now()
        took = cluster_command(cluster, "restart")
        end = load.now()
        time.sleep(8)
    print(f"  (restart took {took:.2f} s)")
    return summarise("restart under load", load.samples, (begin, end))


def stop_under_load(stack: Stack, cluster: str, urls: list[str], clients: int) -> list[str]:
    with Load(stack.url, urls, clients) as load:
        time.sleep(4)
        begin = load.now()
        cluster_command(cluster, "stop")
        time.sleep(5)
        cluster_command(cluster, "start")
        end = load.now()
        time.sleep(8)
    failures = summarise("stopped 5 s under load", load.samples, (begin, end))
    during = [s for s in load.samples if begin + 0.5 <= s.at <= end - 1.0]
    if during and not any(s.status == 503 for s in during):
        failures.append("stopped under load: no 503 while the database was down")
    return failures


def count(stack: Stack, table: str) -> int:
    return int(_query(stack, f"SELECT count(*) FROM {table}"))


def _query(stack: Stack, sql: str) -> str:
    result = subprocess.run(
        ["psql", f"{stack.server}/{stack.database}", "-qAtc", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def media_files(stack: Stack) -> int:
    root = Path(stack.env["MEDIA_ROOT"])
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.exists() else 0


def restart_during_import(stack: Stack, cluster: str, documents: int) -> list[str]:
    folder = stack.scratch / "import"
    folder.mkdir()
    paths = []
    for _serial, name, data in copies(documents):
        path = folder / name
        path.write_bytes(data)
        paths.append(str(path))
    pages_before = count(stack, "directives_directivepage")
    docs_before = count(stack, "wagtaildocs_document")
    files_before = media_files(stack)

    command = [sys.executable, "manage.py", "import_directives", "--publish"]
    process = subprocess.Popen(
        command + paths,
        cwd=Path(__file__).resolve().parents[1],
        env=stack.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if count(stack, "directives_directivepage") - pages_before >= documents // 4:
            break
        time.sleep(0.2)
    at_restart = count(stack, "directives_directivepage") - pages_before
    took = cluster_command(cluster, "restart")
    output, _ = process.communicate(timeout=600)
    # tqdm may put a carriage return before a line: match anywhere, not at line starts.
    accepted = re.findall(r"\[(tạo mới|cập nhật|không đổi)\] (\S+)(?: → trang #(\d+))?", output)
    failed = re.findall(r"\[lỗi\] (\S+?):", output)
    outcomes = Counter(label for label, _, _ in accepted)
    created = [page_id for label, _, page_id in accepted if label == "tạo mới"]
    written = outcomes["tạo mới"] + outcomes["cập nhật"]
    pages = count(stack, "directives_directivepage") - pages_before
    docs = count(stack, "wagtaildocs_document") - docs_before
    files = media_files(stack) - files_before
    ids = ",".join(created) or "0"
    found = int(
        _query(stack, f"SELECT count(*) FROM directives_directivepage WHERE page_ptr_id IN ({ids})")
    )
    print(
        f"  restart during import: {documents} files (copies of the corpus: several share a "
        f"number, so a later copy updates the page an earlier one created); {at_restart} pages "
        f"written when the restart began (restart {took:.2f} s); command: {dict(outcomes)}, "
        f"{len(failed)} failed (exit {process.returncode}); database: {pages} new pages, "
        f"{docs} new documents, {files} new files in storage"
    )
    failures = []
    if found != len(created) or pages != len(created):
        failures.append(
            f"import: {len(created)} reported created, {found} of them found, {pages} new pages"
        )
    if docs != written:
        failures.append(f"import: {docs} documents for {written} accepted writes")
    if files != docs:
        failures.append(f"import: {files} stored files for {docs} documents (orphans)")
    if len(accepted) + len(failed) != documents:
        failures.append(
            f"import: the command accounted for {len(accepted) + len(failed)} of {documents} files"
        )
    # Nothing lost for good: the files refused during the outage import when tried again.
    retry = [str(folder / name) for name in failed]
    if retry:
        again = subprocess.run(
            [sys.executable, "manage.py", "import_directives", "--publish", *retry],
            cwd=Path(__file__).resolve().parents[1],
            env=stack.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        still_failing = re.findall(r"\[lỗi\] (\S+?):", again.stdout + again.stderr)
        print(
            f"    re-import of the {len(retry)} failed files: exit {again.returncode}, "
            f"{len(still_failing)} failed again"
        )
        if again.returncode or still_failing:
            failures.append(f"import: {len(still_failing)} files still fail after the restart")
    return failures


def redis_down_under_load(stack: Stack, urls: list[str], clients: int) -> list[str]:
    with Load(stack.url, urls, clients) as load:
        time.sleep(3)
        stack.stop_redis()
        down = load.now()
        time.sleep(6)
        stack.start_redis()
        up = load.now()
        time.sleep(4)
    statuses = Counter(sample.status for sample in load.samples)
    during = Counter(s.status for s in load.samples if down <= s.at <= up)
    latencies = sorted(s.seconds for s in load.samples if down <= s.at <= up)
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0
    print(
        f"  Redis stopped under load: {len(load.samples)} requests, statuses "
        f"{dict(statuses)}; while down {dict(during)}, p99 {p99 * 1000:.0f} ms"
    )
    warned = "Redis unreachable" in stack.gunicorn_log()
    print(f"    gunicorn log says 'Redis unreachable': {warned}")
    bad = {status: n for status, n in statuses.items() if status != 200}
    return [f"Redis down: answers other than 200: {bad}"] if bad else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument(
        "--scenarios", default="restart,stop,import,redis", help="comma-separated, in this order"
    )
    parser.add_argument(
        "--cluster",
        default="portal_faults",
        help="the PostgreSQL 15 cluster to restart: a private one (default, created and dropped) "
        "or 'main' (the machine's own; everyone using it sees the restart)",
    )
    args = parser.parse_args(argv)
    private = args.cluster != "main"
    server = private_cluster(args.cluster) if private else "postgres://postgres@127.0.0.1:5432"
    print(
        f"Faults: PostgreSQL cluster {PG_VERSION}/{args.cluster} ({server}), {args.clients} clients"
    )
    failures: list[str] = []
    stack = Stack(server=server, database="portal_faults")
    try:
        stack.setup()
        urls = list(stack.sample_urls().values())
        for url in urls:
            get(stack.url + url)
        chosen = set(args.scenarios.split(","))
        if "restart" in chosen:
            failures += restart_under_load(stack, args.cluster, urls, args.clients)
        if "stop" in chosen:
            failures += stop_under_load(stack, args.cluster, urls, args.clients)
        if "import" in chosen:
            failures += restart_during_import(stack, args.cluster, args.documents)
        if "redis" in chosen:
            failures += redis_down_under_load(stack, urls, args.clients)
        errors = [line for line in stack.gunicorn_log().splitlines() if "Traceback" in line]
        print(f"  gunicorn tracebacks in the log: {len(errors)}")
    finally:
        stack.close()
        try:
            stack.drop_database()
        except RuntimeError as error:
            print(f"  (could not drop the database: {error})")
        if private:
            drop_private_cluster(args.cluster)
    for failure in failures:
        print(f"FAILED: {failure}")
    print(
        "Faults: all checks passed" if not failures else f"Faults: {len(failures)} check(s) failed"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

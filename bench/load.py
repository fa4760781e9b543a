"""Load run: 200 concurrent clients for 60 s on the production stack (make bench-load).

    python -m bench.load [--connections 200] [--duration 60] [--workers 2]

Starts gunicorn (2 workers, settings.production) on 127.0.0.1 with a fresh PostgreSQL database
(``portal_load`` on postgres://postgres@127.0.0.1:5432, or BENCH_POSTGRES) and a private Redis,
loads the sample content, and drives it with wrk (Debian's package: ``apt-get install -y wrk``)
cycling over a directive page, the directive list, a search and an API search. Prints requests
per second, latency percentiles (p50, p90, p99) and every error (socket errors, timeouts,
responses other than 2xx/3xx), per URL and for the mix. Asserts nothing; exits 1 when any
request failed. Everything is stopped and the database dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from bench.stack import get, running_stack

POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")

# wrk's Lua: each connection cycles through the paths; "done" prints the status counts.
WRK_SCRIPT = """
paths = {%(paths)s}
counter = 0
statuses = {}
threads = {}
function setup(thread)
    table.insert(threads, thread)
end
function init(args)
    counter = math.random(#paths)
    statuses = {}
end
function request()
    counter = counter %% #paths + 1
    return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
    for _, thread in ipairs(threads) do
        local counts = thread:get("statuses")
        for status, n in pairs(counts) do
            io.write(string.format("STATUS %%d %%d\\n", status, n))
        end
    end
    for _, p in ipairs({50, 90, 99, 99.9}) do
        io.write(string.format("PCT %%g %%.1f\\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("MAX %%.1f\\n", latency.max / 1000))
end
"""


def run_wrk(base_url: str, paths: list[str], connections: int, seconds: int) -> dict:
    script = WRK_SCRIPT % {"paths": ", ".join(f'"{path}"' for path in paths)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        result = subprocess.run(
            ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "60s"]
            + ["--latency", "-s", handle.name, base_url],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
    finally:
        os.unlink(handle.name)
    out = result.stdout
    figures = {
        "raw": out,
        "statuses": {},
        "percentiles_ms": {},
        "socket_errors": 0,
        "non_2xx_3xx": 0,
    }
    for status, count in re.findall(r"^STATUS (\d+) (\d+)$", out, re.M):
        figures["statuses"][int(status)] = figures["statuses"].get(int(status), 0) + int(count)
    for pct, ms in re.findall(r"^PCT ([\d.]+) ([\d.]+)$", out, re.M):
        figures["percentiles_ms"][pct] = float(ms)
    figures["max_ms"] = float(re.search(r"^MAX ([\d.]+)$", out, re.M).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        figures["socket_errors"] = sum(int(n) for n in errors.groups())
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_ok:
        figures["non_2xx_3xx"] = int(non_ok.group(1))
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    figures["requests"] = int(total.group(1)) if total else 0
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    figures["rps"] = float(rps.group(1)) if rps else 0.0
    return figures


def describe(name: str, figures: dict) -> str:
    pct = figures["percentiles_ms"]
    errors = figures["socket_errors"] + figures["non_2xx_3xx"]
    return (
        f"  {name:<10} {figures['requests']:7d} requests, {figures['rps']:7.1f}/s; "
        f"p50 {pct.get('50', 0):7.1f} ms, p90 {pct.get('90', 0):7.1f} ms, "
        f"p99 {pct.get('99', 0):7.1f} ms, max {figures['max_ms']:7.1f} ms; "
        f"errors {errors} (statuses {dict(sorted(figures['statuses'].items()))})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60, help="seconds of the mixed run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--per-url", type=int, default=0, help="seconds per URL alone after the mix (0: skip)"
    )
    parser.add_argument("--database", default="portal_load")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk (Debian's package)", file=sys.stderr)
        return 2

    print(
        f"Load: {args.connections} clients, {args.duration} s, gunicorn {args.workers} workers, "
        f"PostgreSQL ({POSTGRES_SERVER}/{args.database}), Redis; loopback only"
    )
    with running_stack(
        server=POSTGRES_SERVER, database=args.database, workers=args.workers
    ) as stack:
        urls = stack.sample_urls()
        for name, path in urls.items():
            get(stack.url + path)  # the first request of a worker pays for its imports
            status, seconds, _ = get(stack.url + path)
            print(f"  one client {name:<10} {status} in {seconds * 1000:6.1f} ms  {path}")
            if status != 200:
                print(stack.gunicorn_log()[-3000:])
                return 1
        mixed = run_wrk(stack.url, list(urls.values()), args.connections, args.duration)
        print(describe("mix", mixed))
        failed = mixed["socket_errors"] + mixed["non_2xx_3xx"]
        if args.per_url:
            for name, path in urls.items():
                alone = run_wrk(stack.url, [path], args.connections, args.per_url)
                print(describe(name, alone))
                failed += alone["socket_errors"] + alone["non_2xx_3xx"]
        tail = [line for line in stack.gunicorn_log().splitlines() if "ERROR" in line][-5:]
        if tail:
            print("  gunicorn errors:\n    " + "\n    ".join(tail))
    print(f"Errors: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

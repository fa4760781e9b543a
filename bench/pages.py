"""Page speed: one directive page served by gunicorn (2 workers, production settings) from a
database of N generated directives, uncached and from the page cache, beside a bare Django view
and (when nginx is installed) nginx serving the same page as a file.

    python -m bench.pages [--n 1000] [--databases sqlite,postgres] [--seconds 10]
                          [--connections 8] [--json FILE]

For each database: a fresh database (a temporary SQLite file, or ``portal_benchpages`` on
postgres://postgres@127.0.0.1:5432 or BENCH_POSTGRES, dropped at the end), migrated, N
directives written through the bulk path (bench/bulk_pages.py) with their citations linked, a
private Redis; gunicorn started twice (PAGE_CACHE=0, then PAGE_CACHE=1); wrk -t2 -c8 for
``--seconds`` on the directive with the most references. Prints req/s with the machine's load
average beside each figure, and the rates relative to the bare Django view of the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import run_wrk
from bench.stack import BIN, PYTHON, free_port, get, psql, wait_for_port

BASE_DIR = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "portal_benchpages"
RESULT_PREFIX = "RESULT "


def setup_worker(n: int) -> int:
    """In a process configured for the database: migrate, write n directives, link their
    citations; print the address of the directive with the most references."""
    sys.path.insert(0, str(BASE_DIR / "site"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from bench.bulk_pages import insert_directives, make_site
    from bench.directive_corpus import DirectiveGenerator
    from directives.models import DirectivePage
    from directives.signals import link_citations_bulk

    call_command("migrate", verbosity=0, interactive=False)
    index = make_site()
    insert_directives(index, DirectiveGenerator(20220516).generate(n))
    ids = list(DirectivePage.objects.values_list("pk", flat=True))
    link_citations_bulk(ids, ids)
    page = DirectivePage.objects.annotate(refs=Count("references")).order_by("-refs", "pk").first()
    print(RESULT_PREFIX + json.dumps({"url": page.url, "references": page.refs}), flush=True)
    return 0


class Server:
    """gunicorn with the benchmark's settings on a free port."""

    def __init__(self, env: dict, workers: int, log: Path):
        self.port = free_port()
        self.log = open(log, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--pythonpath", "site", "wsgi"]
            + ["--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"]
            + ["--timeout", "60", "--backlog", "2048"],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def measure(name: str, base: str, path: str, args, figures: dict) -> None:
    for _ in range(4):  # the first requests of each worker pay for imports and warm caches
        get(base + path, timeout=120)
    load_before = os.getloadavg()[0]
    run = run_wrk(base, [path], args.connections, args.seconds)
    load_after = os.getloadavg()[0]
    errors = run["socket_errors"] + run["non_2xx_3xx"]
    figures[name] = {
        "rps": run["rps"],
        "p50_ms": run["percentiles_ms"].get("50"),
        "p99_ms": run["percentiles_ms"].get("99"),
        "errors": errors,
        "load": round((load_before + load_after) / 2, 2),
    }
    print(
        f"  {name:<28} {run['rps']:9.1f} req/s  p50 {run['percentiles_ms'].get('50', 0):6.1f} ms"
        f"  errors {errors}  (load {figures[name]['load']:.2f})",
        flush=True,
    )


def nginx_file(html: bytes, args, figures: dict, scratch: Path) -> None:
    """nginx serving the page as a file, when Debian's nginx is installed."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not nginx:
        print("  nginx is not installed (apt-get install -y nginx-light): file rate not measured")
        return
    scratch.chmod(0o755)  # nginx's workers run as another user: they must read the file
    root = scratch / "www" / "page"
    root.mkdir(parents=True)
    (root / "index.html").write_bytes(html)
    port = free_port()
    conf = scratch / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
pid {scratch}/nginx.pid;
error_log {scratch}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {scratch}/body; proxy_temp_path {scratch}/proxy;
    fastcgi_temp_path {scratch}/fastcgi; uwsgi_temp_path {scratch}/uwsgi; scgi_temp_path {scratch}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {scratch}/www;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""
    )
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE
    )
    try:
        wait_for_port(port, 10)
        measure("nginx, the page as a file", f"http://127.0.0.1:{port}", "/page/", args, figures)
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_database(name: str, args, scratch: Path) -> dict:
    print(f"\n=== {name}: {args.n:,} directives, gunicorn {args.workers} workers ===", flush=True)
    if name == "sqlite":
        url = f"sqlite:///{scratch / 'pages.sqlite3'}"
    else:
        psql(POSTGRES_SERVER, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        psql(POSTGRES_SERVER, f'CREATE DATABASE "{DATABASE}"')
        url = f"{POSTGRES_SERVER}/{DATABASE}"
    redis_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.page_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(scratch / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    figures: dict = {}
    try:
        wait_for_port(redis_port)
        started = time.perf_counter()
        out = subprocess.run(
            [PYTHON, "-m", "bench.pages", "--setup", str(args.n)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        page = json.loads(next(x for x in out.splitlines() if x.startswith(RESULT_PREFIX))[7:])
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )
        print(
            f"  migrated and wrote {args.n:,} directives in {time.perf_counter() - started:.0f} s;"
            f" page {page['url']} ({page['references']} references)",
            flush=True,
        )
        for cached in (False, True):
            server = Server(
                {**env, "PAGE_CACHE": "1" if cached else "0"},
                args.workers,
                scratch / "gunicorn.log",
            )
            try:
                status, _, body = get(server.url + page["url"], timeout=120)
                if status != 200:
                    log = (scratch / "gunicorn.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"{page['url']} answered {status}\n{log}")
                if cached:
                    measure("directive page, page cache", server.url, page["url"], args, figures)
                    figures["html"] = body.decode()
                else:
                    measure("directive page, uncached", server.url, page["url"], args, figures)
                    measure("bare Django view", server.url, "/bench/bare/", args, figures)
            finally:
                server.stop()
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        if name == "postgres":
            psql(POSTGRES_SERVER, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--setup", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.setup is not None:
        return setup_worker(args.setup)
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    results: dict = {"n": args.n, "seconds": args.seconds, "connections": args.connections}
    scratch = Path(tempfile.mkdtemp(prefix="portal-bench-pages-"))
    html = ""
    try:
        for name in args.databases.split(","):
            figures = run_database(name, args, scratch)
            html = figures.pop("html", html)
            results[name] = figures
        if html:
            results["file"] = {}
            nginx_file(html.encode(), args, results["file"], scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("\n=== relative to the bare Django view of the same run ===")
    for name in args.databases.split(","):
        figures = results.get(name, {})
        bare = figures.get("bare Django view", {}).get("rps")
        for label, figure in figures.items():
            if bare and label != "bare Django view":
                print(f"  {name:<9} {label:<28} {figure['rps'] / bare:6.1%}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

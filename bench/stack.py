"""The production stack on loopback for the load and fault runs: a PostgreSQL database, a
private Redis, gunicorn with the production settings, the sample content.

Everything listens on 127.0.0.1 only and is stopped by the ``Stack`` context manager; a run
leaves nothing behind but the collected static files (staticfiles/, ignored by git).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds:.0f} s")


def psql(server_url: str, sql: str) -> str:
    """Run SQL on the server's maintenance database (``postgres``) as its superuser."""
    result = subprocess.run(
        ["psql", f"{server_url}/postgres", "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"psql failed: {result.stderr.strip()}")
    return result.stdout.strip()


class Stack:
    """gunicorn (production settings, ``workers`` workers) on a fresh PostgreSQL database with
    the sample content, and its own Redis."""

    def __init__(self, *, server: str, database: str, workers: int = 2, sample: bool = True):
        self.server = server  # postgres://user@127.0.0.1:port
        self.database = database
        self.workers = workers
        self.sample = sample
        self.port = free_port()
        self.redis_port = free_port()
        self.scratch = Path(tempfile.mkdtemp(prefix="portal-stack-"))
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{server}/{database}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "SECURE_SSL_REDIRECT": "0",
            "MEDIA_ROOT": str(self.scratch / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str, check: bool = True, timeout: float = 900) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout + result.stderr

    def start_redis(self) -> None:
        self.processes["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.redis_port)

    def stop_redis(self) -> None:
        process = self.processes.pop("redis", None)
        if process:
            process.terminate()
            process.wait(timeout=10)

    def start_gunicorn(self) -> None:
        log = open(self.scratch / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
        self.processes["gunicorn"] = subprocess.Popen(
            [str(BIN / "gunicorn"), "--pythonpath", "site", "wsgi"]
            + ["--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}"]
            + ["--timeout", "60", "--graceful-timeout", "5", "--backlog", "2048"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    def gunicorn_log(self) -> str:
        return (self.scratch / "gunicorn.log").read_text(errors="replace")

    def setup(self) -> None:
        psql(self.server, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        psql(self.server, f'CREATE DATABASE "{self.database}"')
        self.start_redis()
        print(f"  migrating {self.database} …", flush=True)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "-v", "0")
        if self.sample:
            self.manage("load_sample")
        self.start_gunicorn()

    def close(self) -> None:
        for name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            self.processes.pop(name, None)
        shutil.rmtree(self.scratch, ignore_errors=True)

    def drop_database(self) -> None:
        psql(self.server, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def sample_urls(self) -> dict[str, str]:
        """A directive page, the directive list, a search and an API call on the sample."""
        code = (
            "import json; from directives.models import DirectivePage as D; "
            "d = D.objects.live().public().order_by('pk').first(); "
            "print(json.dumps({'directive': d.url, 'list': d.get_parent().url}))"
        )
        out = self.manage("shell", "-c", code)
        urls = json.loads(out.strip().splitlines()[-1])
        urls["search"] = "/tim-kiem/?q=th%E1%BB%A7+t%E1%BB%A5c+h%C3%A0nh+ch%C3%ADnh"
        urls["api"] = "/api/v1/search?q=chuyen+doi+so"
        return urls


def get(url: str, timeout: float = 10.0) -> tuple[int, float, bytes]:
    """(status, seconds, body) for one GET; status 0 when the connection itself failed."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # loopback only
            body = response.read()
            return response.status, time.monotonic() - started, body
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started, error.read()
    except OSError:
        return 0, time.monotonic() - started, b""


@contextmanager
def running_stack(**kwargs):
    stack = Stack(**kwargs)
    try:
        stack.setup()
        yield stack
    finally:
        stack.close()
        try:
            stack.drop_database()
        except RuntimeError as error:
            print(f"  (could not drop {stack.database}: {error})")

#!/usr/bin/env python3
"""The performance benchmark, end to end: ``python bench/run.py --scale small|full``.

On a fresh machine it installs wrk, nginx (and redis-server) when missing, starts a
throwaway PostgreSQL 15 cluster the way ``.ci/run`` does, sets the site up with the demo
content and the bench seeder (``bench/seed.py``), starts two gunicorn instances behind
nginx with the site's own configuration (``deploy/nginx/``, plain HTTP on loopback:
``bench/nginx.py``), loads every page through it with wrk at 1, 8 (three times: the median
counts) and 32 connections, then every anonymous page again with the page cache off,
counts SQL queries per page, sends a burst of session registrations, measures worker
memory, and writes ``bench/results/<scale>.json``,
``.md`` and ``.png``. The cluster and the app servers are always stopped at the end
(``--keep`` leaves the cluster running for debugging).

This script needs only the standard library; everything that touches Django runs in the
project's virtualenv as ``bench/run.py --internal NAME`` with the benchmark's environment.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import load, nginx, report  # noqa: E402 - needs the checkout on sys.path first

PG_BIN = Path("/usr/lib/postgresql/15/bin")
VENV_BIN = ROOT / ".venv" / "bin"
VENV_PYTHON = VENV_BIN / "python"
RESULTS_DIR = ROOT / "bench" / "results"
RESULT_MARKER = "BENCH_RESULT "

CONCURRENCIES = (1, 8, 32)
# The targets are read at this concurrency: its runs are repeated and the median kept.
MAIN_CONCURRENCY = 8
REPEATS = 3
WARM_UP_SECONDS = 1
# A 1-minute load average above this when the run starts means other work shares the CPU.
BUSY_LOAD = 1.0
WARM_UP_CONNECTIONS = 10
DEFAULT_DURATION = {"small": 5.0, "full": 10.0}

DEEP_PAGE = 2000
MEMBER_SLUG = "bench-lid"
MEMBER_PASSWORD = "bench-wachtwoord-2026"
CASE_1000_SLUG = "bench-case-1000-reacties"
BURST_REQUESTS = 2000
BURST_WINDOW_S = 10.0
BURST_THREADS = 64
BURST_CAPACITY = 100
# Each POST of the load run signs a new person up for both sessions of a series that is
# this large: every one takes a seat.
LARGE_CAPACITY = 1_000_000
# What the logged-in member has on their own pages.
MEMBER_REGISTRATIONS = 30
MEMBER_NOTIFICATIONS = 60
# Rendered again with the read replica (a pass of its own, page cache off).
REPLICA_PAGES = ("home", "cases_page_1", "case_comments", "programme")


def say(message: str = "") -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


class BenchError(Exception):
    """A step failed; the message says which and why."""


# --- Small system helpers -----------------------------------------------------------------


def is_root() -> bool:
    return os.geteuid() == 0


def as_root(command: list[str]) -> list[str]:
    if is_root():
        return command
    sudo = shutil.which("sudo")
    if not sudo:
        raise BenchError(
            f"`{' '.join(command)}` needs root: run the benchmark as root or install sudo."
        )
    return [sudo, *command]


def run_checked(command: list[str], *, what: str, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - fixed argument lists, no shell
        command, capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise BenchError(f"{what} failed (exit {result.returncode}):\n{output}")
    return result


def percentile(values: list[float], percent: float) -> float | None:
    """The nearest-rank percentile of ``values``, rounded to 0.1 (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceiling
    return round(ordered[int(rank) - 1], 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"({path} unreadable)"


def parse_set_cookies(headers) -> dict[str, str]:
    cookies = {}
    for value in headers.get_all("Set-Cookie") or []:
        jar = SimpleCookie()
        jar.load(value)
        cookies.update({name: morsel.value for name, morsel in jar.items()})
    return cookies


class Reply(NamedTuple):
    status: int
    cookies: dict[str, str]  # the cookies it set
    text: str
    headers: Message


def http_request(
    port: int,
    method: str,
    path: str,
    *,
    body: str | None = None,
    headers: dict | None = None,
    timeout: float = 30,
) -> Reply:
    """One request without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return Reply(response.status, parse_set_cookies(response.msg), text, response.msg)
    finally:
        connection.close()


def version_in(text: str) -> str:
    """'postgres (PostgreSQL) 15.18 (Debian ...)' -> '15.18'."""
    match = re.search(r"\d+(?:\.\d+)+", text)
    return match.group(0) if match else "?"


def form_headers(port: int, referer_path: str, cookies: dict[str, str]) -> dict[str, str]:
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "Referer": f"http://127.0.0.1:{port}{referer_path}",
    }


# --- The benchmark ------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.scale = args.scale
        self.duration = args.duration or DEFAULT_DURATION[self.scale]
        self.work_dir = Path(tempfile.mkdtemp(prefix="cocreatie-bench."))
        self.pg_dir: Path | None = None
        self.pg_port: int | None = None
        self.pg_started = False
        self.replica_port = None
        self.servers: list[dict] = []  # {"port", "process", "log"}
        self.processes: list[subprocess.Popen] = []
        self.env: dict[str, str] = {}
        self.timings: dict[str, float] = {}
        self.notes: list[str] = []
        self.run_id = secrets.token_hex(3)
        self.redis_port: int | None = None
        self.workers = 0
        self.load_at_start = os.getloadavg()[0]
        self.redis: subprocess.Popen | None = None
        # nginx in front of the app servers: every request of the run goes through it.
        self.proxy: subprocess.Popen | None = None
        self.proxy_port: int | None = None

    # -- tools -----------------------------------------------------------------------------

    def ensure_tools(self) -> None:
        if not VENV_PYTHON.is_file() or not (VENV_BIN / "gunicorn").is_file():
            raise BenchError(f"No virtualenv at {VENV_BIN.parent}: run `make install` first.")
        missing = []
        if not load.wrk_path():
            missing.append("wrk")
        if not (shutil.which("redis-server") or Path("/usr/bin/redis-server").exists()):
            missing.append("redis-server")
        if not (PG_BIN / "initdb").is_file():
            missing.append("postgresql-15")
        if not nginx.nginx_path():
            missing.append("nginx")
        if not missing:
            return
        say(f"Installing {', '.join(missing)} from Debian's packages")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            run_checked(as_root(["apt-get", "update", "-qq"]), what="apt-get update", env=env)
            run_checked(
                as_root(["apt-get", "install", "-y", "-qq", *missing]),
                what=f"apt-get install {' '.join(missing)}",
                env=env,
            )
        except (BenchError, FileNotFoundError) as error:
            raise BenchError(
                f"Could not install {', '.join(missing)}: {error}\n"
                f"Install them yourself: sudo apt-get install {' '.join(missing)}"
            ) from error
        if not load.wrk_path():
            raise BenchError("wrk is still missing after apt-get install.")
        if not nginx.nginx_path():
            raise BenchError("nginx is still missing after apt-get install.")

    # -- PostgreSQL ------------------------------------------------------------------------

    def postgres(self, tool: str, *args: str) -> list[str]:
        return as_root(["runuser", "-u", "postgres", "--", str(PG_BIN / tool), *args])

    def start_postgres(self) -> None:
        self.pg_dir = Path(tempfile.mkdtemp(prefix="cocreatie-bench-pg."))
        self.pg_port = free_port()
        run_checked(as_root(["chown", "postgres", str(self.pg_dir)]), what="chown")
        run_checked(
            self.postgres(
                "initdb",
                "-D",
                f"{self.pg_dir}/data",
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ),
            what="initdb",
        )
        options = " ".join(
            [
                f"-p {self.pg_port}",
                f"-k {self.pg_dir}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c full_page_writes=off",
                # Sized for 24 GB of RAM, two app servers and their workers.
                "-c shared_buffers=1GB",
                "-c work_mem=16MB",
                "-c maintenance_work_mem=256MB",
                "-c effective_cache_size=12GB",
                "-c max_connections=200",
            ]
        )
        self.pg_started = True
        run_checked(
            self.postgres(
                "pg_ctl",
                "-D",
                f"{self.pg_dir}/data",
                "-l",
                f"{self.pg_dir}/server.log",
                "-w",
                "-o",
                options,
                "start",
            ),
            what="pg_ctl start",
        )
        run_checked(
            self.postgres(
                "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "postgres",
                "cocreatie",
            ),
            what="createdb",
        )

    def start_replica(self) -> None:
        """A streaming standby of the seeded cluster, as a production replica is made."""
        self.replica_port = free_port()
        run_checked(
            self.postgres(
                "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
                "-D", f"{self.pg_dir}/replica", "-R", "-X", "stream", "--checkpoint=fast",
            ),
            what="pg_basebackup",
        )  # fmt: skip
        options = (
            f"-p {self.replica_port} -k {self.pg_dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c shared_buffers=1GB -c max_connections=200"
        )
        run_checked(
            self.postgres(
                "pg_ctl", "-D", f"{self.pg_dir}/replica", "-l", f"{self.pg_dir}/replica.log",
                "-w", "-o", options, "start",
            ),
            what="pg_ctl start (replica)",
        )  # fmt: skip

    def database_reads(self, port: int) -> int:
        """Rows the cluster on ``port`` has returned to readers of the site's database."""
        result = subprocess.run(  # noqa: S603 - fixed argument list
            [
                shutil.which("psql") or "psql",
                "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-At", "-c",
                "SELECT tup_returned + tup_fetched FROM pg_stat_database "
                "WHERE datname = 'cocreatie'",
            ],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        try:
            return int(result.stdout.strip())
        except ValueError:
            return 0

    def stop_postgres(self) -> None:
        if self.pg_dir is None:
            return
        if self.pg_started:
            for cluster in ("replica", "data"):
                subprocess.run(  # noqa: S603 - fixed argument list
                    self.postgres(
                        "pg_ctl", "-D", f"{self.pg_dir}/{cluster}", "-m", "immediate", "stop"
                    ),
                    capture_output=True,
                    check=False,
                )
        subprocess.run(as_root(["rm", "-rf", str(self.pg_dir)]), check=False)  # noqa: S603
        self.pg_dir = None

    # -- Redis (optional shared cache) -----------------------------------------------------

    def start_redis(self) -> None:
        """A throwaway redis-server without persistence, stopped with the app servers."""
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.redis_port = free_port()
        log = (self.work_dir / "redis.log").open("w")
        self.redis = subprocess.Popen(  # noqa: S603 - fixed argument list
            [
                binary,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "1gb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.redis.poll() is not None:
                raise BenchError(f"redis-server exited:\n{tail(self.work_dir / 'redis.log')}")
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError("redis-server did not answer in time.")

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            try:
                self.redis.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.redis.kill()
                self.redis.wait()
        self.redis = None

    # -- environment and setup -------------------------------------------------------------

    def build_env(self) -> None:
        alphabet = string.ascii_letters + string.digits + "-_"
        self.env = {
            **os.environ,
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "cocreatie.settings",
            "DEBUG": "false",
            "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(64)),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "CONTACT_EMAIL": "contact@bench.example",
            "SECURE_SSL_REDIRECT": "false",
            # As behind the site's nginx in production: the visitor's address is the
            # last entry of X-Forwarded-For.
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/cocreatie",
            "STATIC_ROOT": str(self.work_dir / "static"),
            # As in production: mail is queued in the database for `db_worker` (which the
            # benchmark does not run: sending mail is not what it measures).
            "TASKS_BACKEND": "database",
            # Empty: the console mail backend; its output goes to the gunicorn log files.
            "EMAIL_HOST": "",
            "BENCH_RELAXED_LIMITS": "true",
        }
        if self.redis_port:
            self.env["REDIS_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
        (self.work_dir / "bench.env").write_text(
            "".join(
                f"{key}={self.env[key]}\n"
                for key in (
                    "DJANGO_SETTINGS_MODULE",
                    "DEBUG",
                    "SECRET_KEY",
                    "ALLOWED_HOSTS",
                    "SITE_URL",
                    "CONTACT_EMAIL",
                    "SECURE_SSL_REDIRECT",
                    "TRUSTED_PROXY_COUNT",
                    "DATABASE_URL",
                    "STATIC_ROOT",
                    "TASKS_BACKEND",
                    "BENCH_RELAXED_LIMITS",
                    *(["REDIS_URL"] if self.redis_port else []),
                )
            )
        )

    def step(self, name: str, command: list[str], *, stream: bool = False) -> None:
        """Run a setup command in the benchmark environment, timed."""
        say(f"--- {name}")
        started = time.monotonic()
        log = self.work_dir / f"step-{len(self.timings):02d}.log"
        with log.open("w") as handle:
            process = subprocess.Popen(  # noqa: S603 - fixed argument list
                command,
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE if stream else handle,
                stderr=subprocess.STDOUT,
                text=True,
            )
            self.processes.append(process)
            if stream:
                for line in process.stdout:
                    handle.write(line)
                    say(f"    {line.rstrip()}")
            returncode = process.wait()
        elapsed = time.monotonic() - started
        self.timings[name] = round(elapsed, 1)
        if returncode != 0:
            raise BenchError(f"{name} failed (exit {returncode}):\n{tail(log)}")
        say(f"    done in {elapsed:.1f} s")

    def manage(self, *args: str) -> list[str]:
        return [str(VENV_PYTHON), "manage.py", *args]

    def set_up_site(self) -> None:
        self.step("migrate", self.manage("migrate", "--noinput"))
        self.step("createcachetable", self.manage("createcachetable"))
        self.step("collectstatic", self.manage("collectstatic", "--noinput"))
        self.step("load_demo_content", self.manage("load_demo_content", "--no-accounts"))
        if self.args.skip_seed:
            say("--- seed: skipped (--skip-seed)")
            self.notes.append("The bench seeder was skipped (--skip-seed): demo content only.")
        elif not (ROOT / "bench" / "seed.py").is_file():
            say("--- seed: bench/seed.py does not exist yet; going on with the demo content")
            self.notes.append("bench/seed.py is missing: demo content only.")
        else:
            self.step(
                f"seed ({self.scale})",
                [str(VENV_PYTHON), "-m", "bench.seed", "--scale", self.scale],
                stream=True,
            )

    def internal(self, name: str, payload: dict | None = None, *, extra_env=None) -> dict:
        """Run ``bench/run.py --internal NAME`` in the virtualenv and return its JSON."""
        env = {**self.env, **(extra_env or {})}
        result = subprocess.run(  # noqa: S603 - fixed argument list
            [str(VENV_PYTHON), str(Path(__file__).resolve()), "--internal", name],
            cwd=ROOT,
            env=env,
            input=json.dumps(payload or {}),
            capture_output=True,
            text=True,
            check=False,
        )
        for line in reversed(result.stdout.splitlines()):
            if line.startswith(RESULT_MARKER):
                return json.loads(line[len(RESULT_MARKER) :])
        raise BenchError(
            f"internal step {name} failed (exit {result.returncode}):\n"
            f"{(result.stdout + result.stderr).strip()[-3000:]}"
        )

    # -- app servers -----------------------------------------------------------------------

    def start_servers(self, count: int = 2, *, extra_env: dict | None = None) -> None:
        workers = 2 * (os.cpu_count() or 1) + 1
        self.workers = workers
        say(f"--- starting {count} gunicorn instances with {workers} workers each")
        started = time.monotonic()
        for index in range(count):
            port = free_port()
            log = self.work_dir / f"gunicorn-{index + 1}.log"
            handle = log.open("w")
            process = subprocess.Popen(  # noqa: S603 - fixed argument list
                [
                    str(VENV_BIN / "gunicorn"),
                    "cocreatie.wsgi",
                    "--workers",
                    str(workers),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env={**self.env, **(extra_env or {})},
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # stopped by us, not by a Ctrl+C half-way
            )
            handle.close()
            self.servers.append({"port": port, "process": process, "log": log})
        for server in self.servers:
            self.wait_healthy(server)
        self.timings["gunicorn start"] = round(time.monotonic() - started, 1)
        ports = ", ".join(str(server["port"]) for server in self.servers)
        say(f"    healthy on 127.0.0.1 ports {ports}")
        self.start_proxy()

    def start_proxy(self) -> None:
        """nginx with the site's upstream and app.conf, rendered for these app servers, in
        one plain-HTTP server on loopback (the TLS server of production includes the same
        app.conf). Static files come from STATIC_ROOT, as nginx serves them in production."""
        self.proxy_port = self.proxy_port or free_port()
        directory = self.work_dir / "nginx"
        conf = nginx.render_loopback(
            directory,
            listen_port=self.proxy_port,
            app_ports=self.ports,
            static_root=self.work_dir / "static",
        )
        try:
            self.proxy = nginx.start(conf, self.proxy_port)
        except nginx.NginxError as error:
            raise BenchError(str(error)) from error
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if http_request(self.proxy_port, "GET", "/healthz", timeout=5).status == 200:
                    say(
                        f"    nginx {nginx.version()} on 127.0.0.1:{self.proxy_port} in front "
                        "of them (deploy/nginx/upstream.conf and app.conf); every request "
                        "of the run goes through it, the minimal view's too"
                    )
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"nginx on {self.proxy_port} did not pass /healthz on in time")

    def stop_proxy(self) -> None:
        if self.proxy is not None:
            nginx.stop(self.proxy)
            self.proxy = None

    def wait_healthy(self, server: dict, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server["process"].poll() is not None:
                raise BenchError(f"gunicorn exited early:\n{tail(server['log'])}")
            try:
                status = http_request(server["port"], "GET", "/healthz", timeout=5).status
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError(
            f"gunicorn on {server['port']} not healthy in time:\n{tail(server['log'])}"
        )

    def stop_servers(self) -> None:
        self.stop_proxy()
        for server in self.servers:
            process = server["process"]
            if process.poll() is None:
                process.terminate()
        for server in self.servers:
            process = server["process"]
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # the master's own group
                except ProcessLookupError:
                    pass
                process.wait()
        self.servers = []

    @property
    def ports(self) -> list[int]:
        return [server["port"] for server in self.servers]

    # -- pages -----------------------------------------------------------------------------

    def login(self, email: str) -> dict[str, str] | None:
        port = self.proxy_port
        status, cookies, _, _ = http_request(port, "GET", "/account/login/")
        token = cookies.get("csrftoken")
        if status != 200 or not token:
            self.notes.append(f"Login form answered {status} without a CSRF cookie.")
            return None
        body = urlencode(
            {"login": email, "password": MEMBER_PASSWORD, "csrfmiddlewaretoken": token}
        )
        status, new_cookies, _, _ = http_request(
            port,
            "POST",
            "/account/login/",
            body=body,
            headers=form_headers(port, "/account/login/", {"csrftoken": token}),
        )
        cookies.update(new_cookies)
        if "sessionid" not in new_cookies:
            self.notes.append(f"Logging in as {email} failed (HTTP {status}, no session cookie).")
            return None
        return {"sessionid": cookies["sessionid"], "csrftoken": cookies.get("csrftoken", token)}

    def define_pages(self, lookup: dict) -> tuple[list[dict], list[dict]]:
        def page(key, label, path, **extra):
            return {
                "key": key,
                "label": label,
                "path": path,
                "method": "GET",
                "auth": "anonymous",
                **extra,
            }

        page_2000 = lookup.get("page_2000")
        deep_number = lookup.get("page_2000_number") or DEEP_PAGE
        deep_label = f"Cases, page {deep_number:,}"
        if deep_number != DEEP_PAGE:
            deep_label += f" (the last; no page {DEEP_PAGE:,} at this scale)"
        pages = [
            page("home", "Home", "/"),
            page("phase", "Roadmap phase", "/roadmap/co-design/"),
            page("challenge", "Challenge", "/uitdagingen/start-lijkt-te-complex/"),
            page("examples", "Examples, 2 filters", "/voorbeelden/?fase=co-design&land=Nederland"),
            page("cases_page_1", "Cases, page 1", "/community/"),
            page(
                "cases_page_2000",
                deep_label,
                page_2000 or "(unknown)",
                note=lookup.get("page_2000_note"),
                unavailable=page_2000 is None,
            ),
            page(
                "case_comments",
                "Case with 1,000 comments",
                f"/community/verhalen/{CASE_1000_SLUG}/",
            ),
            page("search_common", "Search, common word", "/zoeken/?q=bewoners"),
            page("search_rare", "Search, rare word", "/zoeken/?q=zeldzaamheidstest"),
            # "zorg" is a part of many compounds in the texts (jeugdzorg, zorgverleners).
            page("search_compound", "Search, compound part", "/zoeken/?q=zorg"),
            page(
                "programme",
                "Session programme",
                lookup.get("series_url") or "(unknown)",
                note=None if lookup.get("series_url") else "no upcoming published series",
                unavailable=not lookup.get("series_url"),
            ),
            page("member_profile", "Member profile", f"/community/leden/{MEMBER_SLUG}/"),
            page("my_cases", "My cases", "/community/mijn-verhalen/", auth="member"),
            page(
                "case_member",
                "Case with 1,000 comments, with the comment form",
                f"/community/verhalen/{CASE_1000_SLUG}/",
                auth="member",
            ),
            page(
                "my_registrations",
                f"My registrations ({MEMBER_REGISTRATIONS})",
                "/sessies/mijn-aanmeldingen/",
                auth="member",
            ),
            page(
                "notifications",
                f"Notifications ({MEMBER_NOTIFICATIONS})",
                "/community/meldingen/",
                auth="member",
            ),
        ]
        register = lookup.get("register")
        if register:
            pages.append(
                page(
                    "register",
                    "Session registration, new person, 2 sessions",
                    register["path"],
                    method="POST",
                    expected_status=302,
                    session_pks=register["session_pks"],
                    form_path=register["form_path"],
                )
            )
        references = [
            page("ping", "Minimal view", "/bench/ping"),
            page(
                "static",
                "Static file (nginx)",
                lookup.get("static_path") or "(unknown)",
                note=None if lookup.get("static_path") else "css/site.css not in the manifest",
                unavailable=not lookup.get("static_path"),
            ),
        ]
        return pages, references

    def static_path(self) -> str | None:
        manifest = self.work_dir / "static" / "staticfiles.json"
        try:
            paths = json.loads(manifest.read_text())["paths"]
        except (OSError, ValueError, KeyError):
            self.notes.append("No staticfiles.json manifest: static reference not measured.")
            return None
        hashed = paths.get("css/site.css")
        return f"/static/{hashed}" if hashed else None

    def precheck(self, entry: dict, member_cookies: dict | None) -> None:
        """One real request first: a page that does not answer as expected is reported
        with its status and not loaded."""
        port = self.proxy_port
        headers = {}
        if entry.pop("unavailable", False):
            entry["status"] = None
            return
        if entry["auth"] == "member":
            if not member_cookies:
                entry["status"] = None
                entry["note"] = "no logged-in session (bench member missing or login failed)"
                return
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in member_cookies.items())
            entry["headers"] = [f"Cookie: {headers['Cookie']}"]
        try:
            if entry["method"] == "POST":
                status, cookies, _, _ = http_request(port, "GET", entry["form_path"])
                token = cookies.get("csrftoken")
                if status != 200 or not token:
                    entry["status"] = status
                    entry["note"] = "registration form did not answer with a CSRF cookie"
                    return
                entry["csrf_token"] = token
                status = http_request(
                    port,
                    "POST",
                    entry["path"],
                    body=self.registration_body(entry["session_pks"], token, "precheck"),
                    headers=form_headers(port, entry["form_path"], {"csrftoken": token}),
                ).status
                if status == 429:
                    entry["note"] = "rate limited: BENCH_RELAXED_LIMITS not honoured"
            else:
                status = http_request(port, "GET", entry["path"], headers=headers).status
                if status == 200 and entry["auth"] == "anonymous":
                    # A second look: does it come from the anonymous page cache?
                    again = http_request(port, "GET", entry["path"])
                    entry["page_cache"] = again.headers.get("X-Page-Cache")
        except OSError as error:
            entry["status"] = None
            entry["note"] = f"request failed: {error}"
            return
        # "status" is 200 when the page answered as it should (a POST: its redirect), so
        # that the report treats every entry alike; the real code is kept beside it.
        entry["precheck_status"] = status
        entry["status"] = 200 if status == entry.get("expected_status", 200) else status
        if entry["key"] == "ping" and status == 404:
            entry["note"] = "missing: the app does not serve /bench/ping yet"

    def registration_body(self, session_pks: list[int], token: str, tag: str) -> str:
        return urlencode(
            {
                "sessions": session_pks,
                "name": "Bench Deelnemer",
                "email": f"bench-{tag}-{self.run_id}-{secrets.token_hex(4)}@example.org",
                "organisation": "Gemeente Benchdorp",
                "role": "Adviseur",
                "consent": "on",
                "website": "",
                "csrfmiddlewaretoken": token,
            },
            doseq=True,
        )

    def count_queries(self, pages: list[dict]) -> None:
        say("--- counting SQL queries per page (Django test client)")
        started = time.monotonic()
        payload = {
            "member_slug": MEMBER_SLUG,
            "pages": [
                {
                    key: entry.get(key)
                    for key in ("key", "path", "method", "auth", "session_pks", "expected_status")
                }
                for entry in pages
                if entry.get("status") == 200
            ],
        }
        counts = self.internal(
            "queries",
            payload,
            extra_env={"ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"},
        )
        for entry in pages:
            if entry.get("status") != 200:
                entry["queries"] = None
                continue
            found = counts.get(entry["key"]) or {}
            entry["queries"] = found.get("queries")
            entry["queries_cached"] = found.get("queries_cached")
            entry["queries_status"] = found.get("status")
            if found.get("statements"):
                entry["statements"] = found["statements"]
            if found.get("error"):
                entry["queries_note"] = found["error"]
            problem = f" {found['error']}" if found.get("error") else ""
            cached = (
                f", next request {found['queries_cached']} (page cache: {found.get('cache')})"
                if found.get("queries_cached") is not None
                else ""
            )
            say(
                f"    {entry['label']}: {found.get('queries', '—')} queries "
                f"(HTTP {found.get('status', '?')}){cached}{problem}"
            )
        self.timings["query counts"] = round(time.monotonic() - started, 1)

    def load_scripts(self) -> Path:
        script = self.work_dir / "report.lua"
        script.write_text(load.report_script())
        return script

    def load_targets(self, entry: dict, report_script: Path, concurrency: int, n: str):
        """One wrk process against nginx, which spreads the requests over the app servers
        (least_conn, as in production)."""
        base = f"http://127.0.0.1:{self.proxy_port}"
        if entry["method"] != "POST":
            return [load.Target(base, report_script)]
        script = self.work_dir / "register.lua"
        if not script.exists():
            script.write_text(
                load.register_script(
                    path=entry["path"],
                    session_pks=entry["session_pks"],
                    token=entry["csrf_token"],
                    referer=base + entry["form_path"],
                )
            )
        return [load.Target(base, script, [f"w{self.run_id}-c{concurrency}-n{n}"])]

    def measure(
        self,
        entries: list[dict],
        report_script: Path,
        *,
        runs_key: str = "runs",
        concurrencies: tuple[int, ...] = CONCURRENCIES,
    ) -> None:
        """Load every entry at each concurrency (MAIN_CONCURRENCY REPEATS times, keeping
        the median run) and store the runs under ``entry[runs_key]``."""
        with (self.work_dir / "wrk.log").open("a") as log:
            for entry in entries:
                entry[runs_key] = {}
                if entry.get("status") != 200:
                    why = entry.get("note") or f"HTTP {entry.get('status')}"
                    say(f"    {entry['label']} ({entry['path']}): not measured, {why}")
                    continue
                # Not recorded: every worker of both servers gets to import, connect and
                # fill its caches before the first measured run.
                load.run_split(
                    targets=self.load_targets(
                        entry, report_script, WARM_UP_CONNECTIONS, f"{runs_key}-warm"
                    ),
                    path=entry["path"],
                    connections=WARM_UP_CONNECTIONS,
                    duration_s=WARM_UP_SECONDS,
                    headers=entry.get("headers"),
                    track=self.processes.append,
                )
                for n, concurrency in enumerate(concurrencies):
                    runs = []
                    for repeat in range(REPEATS if concurrency == MAIN_CONCURRENCY else 1):
                        result, outputs = load.run_split(
                            targets=self.load_targets(
                                entry, report_script, concurrency, f"{runs_key}-{n}-{repeat}"
                            ),
                            path=entry["path"],
                            connections=concurrency,
                            duration_s=self.duration,
                            headers=entry.get("headers"),
                            track=self.processes.append,
                        )
                        log.write(
                            f"=== {entry['key']} {runs_key} @{concurrency} #{repeat + 1}\n"
                            + "\n".join(outputs)
                            + "\n"
                        )
                        runs.append(result.as_dict())
                    data = load.median_run(runs)
                    entry[runs_key][str(concurrency)] = data
                    spread = (
                        f" (runs {data['rps_min']:.0f}–{data['rps_max']:.0f})"
                        if data["repeats"] > 1
                        else ""
                    )
                    say(
                        f"    {entry['label']} @{concurrency}: {data['rps']:.0f} rps{spread}, "
                        f"p50 {data['p50_ms']} ms, p95 {data['p95_ms']} ms, "
                        f"p99 {data['p99_ms']} ms, {data['errors']} errors"
                        + (f" [{data['failed']}]" if data["failed"] else "")
                    )

    # -- read replica -----------------------------------------------------------------------

    def replica_pass(self, ping: dict, pages: list[dict], report_script: Path) -> dict:
        """Some anonymous pages rendered again with a streaming standby as the replica:
        their rates, and how many rows each cluster returned meanwhile."""
        say("--- read replica: a standby from pg_basebackup -R, pages rendered from it")
        step_started = time.monotonic()
        self.start_replica()
        self.stop_servers()
        self.start_servers(
            extra_env={
                "PAGE_CACHE_SECONDS": "0",
                "DATABASE_REPLICA_URL": (
                    f"postgres://postgres@127.0.0.1:{self.replica_port}/cocreatie"
                ),
            }
        )
        chosen = [entry for entry in pages if entry["key"] in REPLICA_PAGES]
        primary_before = self.database_reads(self.pg_port)
        replica_before = self.database_reads(self.replica_port)
        self.measure(
            [ping, *chosen],
            report_script,
            runs_key=report.REPLICA,
            concurrencies=(MAIN_CONCURRENCY,),
        )
        result = {
            "rows_from_primary": self.database_reads(self.pg_port) - primary_before,
            "rows_from_replica": self.database_reads(self.replica_port) - replica_before,
            "pages": [entry["key"] for entry in chosen],
        }
        self.timings["replica pass"] = round(time.monotonic() - step_started, 1)
        say(f"    {report.replica_line(result, chosen)[2:]}")
        return result

    # -- burst -----------------------------------------------------------------------------

    def burst(self) -> dict:
        say(
            f"--- burst: {BURST_REQUESTS} registrations in {BURST_WINDOW_S:.0f} s, "
            f"capacity {BURST_CAPACITY}"
        )
        setup = self.internal("burst_setup", {"capacity": BURST_CAPACITY, "run_id": self.run_id})
        form_path, path, session_pk = setup["form_path"], setup["path"], setup["session_pks"][0]
        port = self.proxy_port
        tokens = []
        for _ in range(BURST_THREADS):
            status, cookies, _, _ = http_request(port, "GET", form_path)
            if status != 200 or "csrftoken" not in cookies:
                return {"skipped": f"registration form answered {status} without a CSRF cookie"}
            tokens.append(cookies["csrftoken"])
        statuses: Counter = Counter()
        lock = threading.Lock()
        next_index = iter(range(BURST_REQUESTS))
        start = time.monotonic() + 0.2
        finished, sent, latencies = [], [], []

        def worker(token: str) -> None:
            while True:
                with lock:
                    number = next(next_index, None)
                if number is None:
                    return
                delay = start + number * BURST_WINDOW_S / BURST_REQUESTS - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                began = time.monotonic()
                with lock:
                    sent.append(began)
                try:
                    status = http_request(
                        port,
                        "POST",
                        path,
                        body=self.registration_body([session_pk], token, f"burst{number}"),
                        headers=form_headers(port, form_path, {"csrftoken": token}),
                        timeout=60,
                    ).status
                    outcome = str(status)
                except OSError as error:
                    outcome = type(error).__name__
                ended = time.monotonic()
                with lock:
                    statuses[outcome] += 1
                    finished.append(ended)
                    latencies.append((ended - began) * 1000)

        threads = [threading.Thread(target=worker, args=(token,), daemon=True) for token in tokens]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=BURST_WINDOW_S + 120)
        duration = (max(finished) - start) if finished else 0.0
        check = self.internal("burst_check", {"slug": setup["slug"], "session_pk": session_pk})
        errors = sum(count for outcome, count in statuses.items() if outcome != "302")
        result = {
            "requests": BURST_REQUESTS,
            "window_s": BURST_WINDOW_S,
            "threads": BURST_THREADS,
            "capacity": BURST_CAPACITY,
            "duration_s": round(duration, 2),
            "last_sent_s": round(max(sent) - start, 2) if sent else None,
            "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99),
            "responses": dict(statuses),
            "errors": errors,
            "error_detail": ", ".join(
                f"{count}× {outcome}"
                for outcome, count in sorted(statuses.items())
                if outcome != "302"
            ),
            **check,
        }
        say(f"    {report.burst_line(result)[2:]}")
        return result

    # -- memory ----------------------------------------------------------------------------

    def worker_memory(self) -> dict:
        masters = {server["process"].pid for server in self.servers}
        sizes = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                if ppid not in masters:
                    continue
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except (OSError, ValueError, IndexError):
                continue
        if not sizes:
            return {"workers": 0}
        return {
            "workers": len(sizes),
            "max_mb": round(max(sizes), 1),
            "mean_mb": round(sum(sizes) / len(sizes), 1),
        }

    # -- machine ---------------------------------------------------------------------------

    def machine(self) -> dict:
        cpu = "?"
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        ram_gb = None
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal:"):
                    ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
        except OSError:
            pass

        def output(command: list[str]) -> str:
            try:
                result = subprocess.run(  # noqa: S603 - fixed argument list
                    command, capture_output=True, text=True, check=False, env=self.env
                )
            except OSError:
                return "?"
            lines = (result.stdout or result.stderr).strip().splitlines()
            return lines[0] if lines else "?"

        versions = output(
            [
                str(VENV_PYTHON),
                "-c",
                "import platform, django; print(platform.python_version(), django.get_version())",
            ]
        ).split()
        return {
            "cpu": cpu,
            "cores": os.cpu_count(),
            "ram_gb": ram_gb,
            "python": versions[0] if versions else platform.python_version(),
            "django": versions[1] if len(versions) > 1 else "?",
            "postgresql": version_in(output([str(PG_BIN / "postgres"), "--version"])),
            "wrk": version_in(output([load.wrk_path() or "wrk", "-v"])),
            "nginx": nginx.version(),
            "kernel": platform.release(),
            "load_average_at_start": round(self.load_at_start, 2),
        }

    # -- the whole run ---------------------------------------------------------------------

    def run(self) -> dict:
        started = time.monotonic()
        say(f"=== Cocreatie benchmark, scale {self.scale}, {self.duration:g} s per wrk run")
        if self.load_at_start > BUSY_LOAD:
            message = (
                f"The machine was busy when the run began (load average "
                f"{self.load_at_start:.1f}): other processes share the CPU, numbers are noisy."
            )
            say(f"    warning: {message}")
            self.notes.append(message)
        step_started = time.monotonic()
        self.ensure_tools()
        self.timings["tools"] = round(time.monotonic() - step_started, 1)
        say("--- starting a throwaway PostgreSQL 15 cluster")
        step_started = time.monotonic()
        self.start_postgres()
        self.timings["postgresql start"] = round(time.monotonic() - step_started, 1)
        say(f"    on 127.0.0.1:{self.pg_port} ({self.pg_dir})")
        if self.args.cache == "redis":
            say("--- starting a throwaway redis-server (shared cache)")
            self.start_redis()
            say(f"    on 127.0.0.1:{self.redis_port}")
        self.build_env()
        self.set_up_site()
        self.start_servers()

        say("--- looking up the benchmark's pages")
        lookup = self.internal("lookup", {"member_slug": MEMBER_SLUG, "run_id": self.run_id})
        lookup["static_path"] = self.static_path()
        self.notes += lookup.pop("notes", [])
        member_cookies = None
        if lookup.get("member_email"):
            member_cookies = self.login(lookup["member_email"])
        else:
            self.notes.append(f"No member with profile slug {MEMBER_SLUG}: no logged-in page.")
        pages, references = self.define_pages(lookup)
        for entry in [*pages, *references]:
            self.precheck(entry, member_cookies)
            answer = entry.get("precheck_status", "no request")
            extra = [entry["note"]] if entry.get("note") else []
            if entry.get("page_cache"):
                extra.append(f"page cache: {entry['page_cache']}")
            say(
                f"    {entry['label']}: {entry['method']} {entry['path']} -> {answer}"
                + (f" ({'; '.join(extra)})" if extra else "")
            )
        ping = references[0]
        if ping.get("page_cache"):
            self.notes.append(
                f"/bench/ping passes the anonymous page cache (X-Page-Cache: "
                f"{ping['page_cache']}): every request reads the shared cache, so the "
                "minimal view is not free of database work."
            )
        self.count_queries(pages)

        say(f"--- load runs with wrk at {', '.join(map(str, CONCURRENCIES))} connections")
        step_started = time.monotonic()
        report_script = self.load_scripts()
        self.measure(references, report_script)
        self.measure(pages, report_script)
        self.timings["load runs"] = round(time.monotonic() - step_started, 1)

        step_started = time.monotonic()
        burst = self.burst()
        self.timings["burst"] = round(time.monotonic() - step_started, 1)
        memory = self.worker_memory()
        say(f"    {report.memory_line(memory)[2:]}")

        say("--- the anonymous pages rendered: both servers again with PAGE_CACHE_SECONDS=0")
        step_started = time.monotonic()
        self.stop_servers()
        self.start_servers(extra_env={"PAGE_CACHE_SECONDS": "0"})
        self.measure(
            [ping, *(entry for entry in pages if report.is_anonymous_get(entry))],
            report_script,
            runs_key=report.RENDERED,
            concurrencies=(MAIN_CONCURRENCY,),
        )
        self.timings["rendered runs"] = round(time.monotonic() - step_started, 1)

        replica = None
        if self.args.replica:
            replica = self.replica_pass(ping, pages, report_script)

        for entry in [*pages, *references]:
            entry.pop("csrf_token", None)
            entry.pop("headers", None)
        self.timings["total"] = round(time.monotonic() - started, 1)
        return {
            "scale": self.scale,
            "date": datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": self.machine(),
            "settings": {
                "duration_s": self.duration,
                "concurrency": list(CONCURRENCIES),
                "repeats_at_main_concurrency": REPEATS,
                "instances": len(self.servers),
                "workers_per_instance": self.workers,
                "worker_class": "sync",
                "front": f"nginx {nginx.version()} (deploy/nginx/, least_conn)",
                "cache": self.args.cache,
                "postgresql": "fsync=off, full_page_writes=off, shared_buffers=1GB, "
                "work_mem=16MB, max_connections=200",
                "seeded": not self.args.skip_seed and (ROOT / "bench" / "seed.py").is_file(),
            },
            "pages": pages,
            "references": references,
            "burst": burst,
            "replica": replica,
            "memory": memory,
            "setup_seconds": self.timings,
            "notes": self.notes,
        }

    def cleanup(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # finish cleaning up on a second Ctrl+C
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.stop_servers()
        self.stop_redis()
        if self.args.keep and self.pg_dir:
            say(
                f"\n--keep: PostgreSQL still runs on 127.0.0.1:{self.pg_port}; environment in "
                f"{self.work_dir / 'bench.env'}, logs in {self.work_dir}. Stop and remove with:\n"
                f"  runuser -u postgres -- {PG_BIN / 'pg_ctl'} -D {self.pg_dir}/data stop && "
                f"rm -rf {self.pg_dir} {self.work_dir}"
            )
            return
        self.stop_postgres()
        shutil.rmtree(self.work_dir, ignore_errors=True)


def write_results(results: dict) -> tuple[str, list[Path]]:
    """Write the JSON, the Markdown and (with matplotlib) the chart; returns the Markdown
    and the files written."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    scale = results["scale"]
    written = [RESULTS_DIR / f"{scale}.json", RESULTS_DIR / f"{scale}.md"]
    written[0].write_text(json.dumps(results, indent=2) + "\n")
    markdown = report.build_markdown(results)
    written[1].write_text(markdown)
    chart = RESULTS_DIR / f"{scale}.png"
    warning = report.write_chart(results, chart)
    if warning:
        say(f"warning: {warning}")
        chart.unlink(missing_ok=True)  # never leave the chart of an earlier run beside
    else:
        written.append(chart)
    return markdown, written


# --- Inside the virtualenv: the steps that need Django -------------------------------------


def internal_lookup(payload: dict) -> dict:

    from community.models import Profile
    from sessions_app.models import Session

    result: dict = {"notes": []}
    profile = Profile.objects.select_related("user").filter(slug=payload["member_slug"]).first()
    result["member_email"] = profile.user.email if profile else None

    from bench.pages import case_list_page_url

    result.update(deep_page(case_list_page_url))

    open_sessions = Session.objects.open_for_registration().filter(series__is_published=True)
    first = open_sessions.select_related("series").order_by("starts_at").first()
    result["series_url"] = first.series.get_absolute_url() if first else None

    # A new person signs up for two sessions of a series with room for everyone the load
    # run sends, so that every POST takes two seats.
    sessions = _bench_sessions(
        title="Benchmark: aanmelden voor twee sessies",
        slug=f"bench-aanmelden-{payload['run_id']}",
        summary="Aangemaakt door bench/run.py voor de belastingtest van het aanmelden.",
        session_title="Belastingtest",
        days_ahead=30,
        capacity=LARGE_CAPACITY,
        count=2,
    )
    slug = sessions[0].series.slug
    result["register"] = {
        "slug": slug,
        "session_pks": [session.pk for session in sessions],
        "path": f"/sessies/{slug}/aanmelden/",
        "form_path": f"/sessies/{slug}/aanmelden/",
    }
    if profile:
        _member_activity(profile.user)
    return result


def _member_activity(user) -> None:
    """Give the logged-in member MEMBER_REGISTRATIONS registrations (one per series, for
    its first session) and MEMBER_NOTIFICATIONS notifications, half of them unread, once."""
    from django.utils import timezone

    from cocreatie.core.models import Notification
    from sessions_app.models import Registration, Seat, Session

    now = timezone.now()
    if not Registration.objects.filter(user=user).exists():
        firsts = {}
        for session in Session.objects.filter(series__is_published=True).order_by("starts_at"):
            firsts.setdefault(session.series_id, session)
            if len(firsts) == MEMBER_REGISTRATIONS:
                break
        registrations = Registration.objects.bulk_create(
            Registration(
                series_id=series_id,
                user=user,
                name=user.get_full_name() or "Bench Lid",
                email=user.email,
                consent_at=now,
            )
            for series_id in firsts
        )
        Seat.objects.bulk_create(
            Seat(registration=registration, session=session, status=Seat.Status.CONFIRMED)
            for registration, session in zip(registrations, firsts.values(), strict=True)
        )
    if not Notification.objects.filter(user=user).exists():
        Notification.objects.bulk_create(
            Notification(
                user=user,
                kind="comment",
                title=f"Nieuwe reactie op je praktijkverhaal ({number + 1})",
                text="Een collega reageerde op je verhaal.",
                url=f"/community/verhalen/{CASE_1000_SLUG}/",
                group="Je eigen bijdragen",
                created_at=now - timedelta(hours=number),
                read_at=None if number % 2 else now,
            )
            for number in range(MEMBER_NOTIFICATIONS)
        )


def forget_cached_pages() -> None:
    """Make the anonymous page cache miss: raise the version every page depends on."""
    from cocreatie.core import pagecache

    pagecache.bump(pagecache.SITE)


def deep_page(case_list_page_url) -> dict:
    """Page 2,000 of the case list or, when the data is smaller (the small scale has some
    50 pages), the last page, labelled as such."""
    from community.models import Case

    try:
        return {"page_2000": case_list_page_url(DEEP_PAGE), "page_2000_number": DEEP_PAGE}
    except IndexError:
        pass
    except Exception as error:  # noqa: BLE001 - another developer's code: report, go on
        return {"page_2000": None, "page_2000_note": f"case_list_page_url failed: {error!r}"}
    try:
        from community.pagination import PAGE_SIZE as page_size
    except ImportError:
        page_size = 20
    last = -(-Case.objects.published().count() // page_size)
    if last < 2:
        return {
            "page_2000": None,
            "page_2000_note": f"only {last} page(s) of cases: seed the database",
        }
    try:
        return {"page_2000": case_list_page_url(last), "page_2000_number": last}
    except Exception as error:  # noqa: BLE001 - another developer's code: report, go on
        return {"page_2000": None, "page_2000_note": f"case_list_page_url failed: {error!r}"}


def internal_queries(payload: dict) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from community.models import Profile

    member = Profile.objects.select_related("user").filter(slug=payload["member_slug"]).first()
    counts = {}
    for page in payload["pages"]:
        client = Client(raise_request_exception=False)
        if page["auth"] == "member":
            if member is None:
                counts[page["key"]] = {"error": "no bench member to log in"}
                continue
            client.force_login(member.user)

        def send(number: int, client=client, page=page):
            if page["method"] == "POST":
                return client.post(
                    page["path"],
                    {
                        "sessions": page["session_pks"],
                        "name": "Bench Queries",
                        "email": f"bench-queries-{number}-{secrets.token_hex(4)}@example.org",
                        "consent": "on",
                        "website": "",
                    },
                )
            return client.get(page["path"])

        send(0)  # warm-up: per-process caches (content types, templates) fill here
        # Counted: the page rendered (not from the anonymous page cache) ... A member's
        # page is never cached whole; its shared parts are counted as most requests
        # find them (kept since the last change), so no forgetting for it.
        if page["auth"] == "anonymous":
            forget_cached_pages()
        with CaptureQueriesContext(connection) as captured:
            response = send(1)
        found = {"queries": len(captured.captured_queries), "status": response.status_code}
        if page["method"] == "POST" or page["auth"] == "member":
            # Where every statement counts: which they are, for the results file.
            found["statements"] = [query["sql"][:120] for query in captured.captured_queries]
        # ... and, for visitors, the next request, which the page cache may answer.
        if page["method"] == "GET" and page["auth"] == "anonymous":
            with CaptureQueriesContext(connection) as captured:
                cached = send(2)
            found["queries_cached"] = len(captured.captured_queries)
            found["cache"] = cached.headers.get("X-Page-Cache")
        expected = page.get("expected_status") or 200
        if response.status_code != expected:
            found["error"] = f"answered {response.status_code}, expected {expected}"
        counts[page["key"]] = found
    return counts


def _bench_sessions(*, title, slug, summary, session_title, days_ahead, capacity, count=1):
    """A published throwaway series with ``count`` future sessions, for the load tests."""
    from django.utils import timezone

    from sessions_app.models import Session, SessionSeries

    series = SessionSeries.objects.create(
        title=title,
        slug=slug,
        summary=summary,
        introduction="Deze reeks bestaat alleen voor de benchmark.",
        organisers="Benchmark",
        is_published=True,
    )
    sessions = []
    for number in range(count):
        starts_at = timezone.now() + timedelta(days=days_ahead + 7 * number)
        sessions.append(
            Session.objects.create(
                series=series,
                order=number + 1,
                title=session_title if count == 1 else f"{session_title} {number + 1}",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                capacity=capacity,
            )
        )
    return sessions


def internal_burst_setup(payload: dict) -> dict:
    [session] = _bench_sessions(
        title="Benchmark: drukte bij het aanmelden",
        slug=f"bench-burst-{payload['run_id']}",
        summary=f"Aangemaakt door bench/run.py: {BURST_REQUESTS} aanmeldingen voor "
        f"{payload['capacity']} plaatsen.",
        session_title="Volle sessie",
        days_ahead=20,
        capacity=payload["capacity"],
    )
    slug = session.series.slug
    path = f"/sessies/{slug}/aanmelden/"
    return {"slug": slug, "session_pks": [session.pk], "path": path, "form_path": path}


def internal_burst_check(payload: dict) -> dict:
    from sessions_app.models import Registration, Seat

    seats = Seat.objects.filter(session_id=payload["session_pk"])
    return {
        "stored": Registration.objects.filter(series__slug=payload["slug"]).count(),
        "confirmed": seats.filter(status=Seat.Status.CONFIRMED).count(),
        "waiting": seats.filter(status=Seat.Status.WAITING).count(),
    }


INTERNAL = {
    "lookup": internal_lookup,
    "queries": internal_queries,
    "burst_setup": internal_burst_setup,
    "burst_check": internal_burst_check,
}


def run_internal(name: str) -> int:
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreatie.settings")
    import django

    django.setup()
    payload = json.loads(sys.stdin.read() or "{}")
    result = INTERNAL[name](payload)
    say(RESULT_MARKER + json.dumps(result))
    return 0


# --- Command line --------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(DEFAULT_DURATION), default="small")
    parser.add_argument(
        "--duration",
        type=float,
        help="seconds per wrk run (default: 5 for small, 10 for full)",
    )
    parser.add_argument("--skip-seed", action="store_true", help="demo content only, no seeder")
    parser.add_argument(
        "--cache",
        choices=("database", "redis"),
        default="redis",
        help="the shared cache: a throwaway redis-server (default, as in production) or the "
        "database (as configured without REDIS_URL)",
    )
    parser.add_argument(
        "--no-replica",
        dest="replica",
        action="store_false",
        help="skip the pass that renders some pages from a streaming standby",
    )
    parser.add_argument(
        "--keep", action="store_true", help="leave the PostgreSQL cluster running at the end"
    )
    parser.add_argument("--internal", choices=sorted(INTERNAL), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.internal:
        return run_internal(args.internal)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    bench = Bench(args)
    try:
        results = bench.run()
    except BenchError as error:
        say(f"\nBENCHMARK FAILED: {error}")
        return 1
    except KeyboardInterrupt:
        say("\nInterrupted.")
        return 130
    except SystemExit as stop:
        say(f"\nStopped (exit {stop.code}).")
        raise
    finally:
        say("--- cleaning up")
        bench.cleanup()
    markdown, written = write_results(results)
    say("")
    say(markdown)
    say("Written: " + ", ".join(str(path.relative_to(ROOT)) for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""nginx from ``deploy/nginx/`` on loopback, as the benchmark's front and for the tests.

The files in ``deploy/nginx/`` name the paths of an installed site (``/etc/nginx/cocreatie/``,
``/srv/cocreatie/var/static``, the certificate, the log files) and two app servers on
ports 8001 and 8002. ``render_site`` and ``render_loopback`` copy them into a folder with
those paths and ports replaced and write an ``nginx.conf`` around them that keeps
everything (pid, logs, temporary files) in that folder, so nginx runs as any user:

- ``render_site``: the whole site file (TLS, the redirect from HTTP), for the tests;
- ``render_loopback``: the same upstream and ``app.conf`` in one plain-HTTP server on
  127.0.0.1, for the benchmark.

Only the standard library: ``bench/run.py`` imports this outside the virtualenv.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")

# Paths as deploy/nginx/ names them.
CONF_DIR = "/etc/nginx/cocreatie/"
VAR_DIR = "/srv/cocreatie/var"
CERTIFICATE_DIR = "/etc/letsencrypt/live/cocreatie.example.nl/"
LOG_DIR = "/var/log/nginx/"
ACME_DIR = "/var/www/letsencrypt"

SERVER_LINE = re.compile(r"^([ \t]*)server[ \t]+[^\s;]+([^;\n]*);[ \t]*$", re.MULTILINE)


class NginxError(Exception):
    """nginx refused the configuration or did not start; the message has its output."""


def nginx_path() -> Path | None:
    return NGINX if NGINX.is_file() else None


def version() -> str:
    result = subprocess.run(  # noqa: S603 - fixed argument list
        [str(NGINX), "-v"], capture_output=True, text=True, check=False
    )
    match = re.search(r"nginx/(\S+)", result.stderr + result.stdout)
    return match.group(1) if match else "?"


def render_upstream(text: str, app_ports: list[int]) -> str:
    """``upstream.conf`` with its ``server`` lines replaced by one per port on 127.0.0.1,
    each with the parameters (max_fails, fail_timeout) of the file's first server line."""
    lines = list(SERVER_LINE.finditer(text))
    if not lines:
        raise NginxError("upstream.conf has no server line")
    indent, parameters = lines[0].group(1), lines[0].group(2) or ""
    servers = "".join(f"{indent}server 127.0.0.1:{port}{parameters};\n" for port in app_ports)
    return text[: lines[0].start()] + servers + text[lines[-1].end() + 1 :]


def _replace(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def _install(directory: Path, *, app_ports: list[int], static_root: Path) -> dict[str, str]:
    """Copy upstream.conf, app.conf and errors/ into ``directory/cocreatie/`` with the
    installed paths replaced; returns the replacements (for the site file)."""
    if static_root.name != "static":
        raise NginxError(f"STATIC_ROOT must end in /static for app.conf's root: {static_root}")
    conf_dir = directory / "cocreatie"
    conf_dir.mkdir(parents=True, exist_ok=True)
    logs = directory / "logs"
    logs.mkdir(exist_ok=True)
    replacements = {
        CONF_DIR: f"{conf_dir}/",
        VAR_DIR: str(static_root.parent),
        LOG_DIR: f"{logs}/",
        ACME_DIR: str(directory / "acme"),
    }
    shutil.copytree(DEPLOY / "errors", conf_dir / "errors", dirs_exist_ok=True)
    (conf_dir / "app.conf").write_text(_replace((DEPLOY / "app.conf").read_text(), replacements))
    (conf_dir / "upstream.conf").write_text(
        render_upstream((DEPLOY / "upstream.conf").read_text(), app_ports)
    )
    return replacements


def main_conf(directory: Path, http_body: str, *, worker_processes: str = "auto") -> Path:
    """An nginx.conf like Debian's, with everything nginx writes kept in ``directory``."""
    temp = directory / "temp"
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / name).mkdir(parents=True, exist_ok=True)
    # As root the workers would switch to "nobody", who cannot read a private temp dir.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    conf = directory / "nginx.conf"
    conf.write_text(
        f"""{user}worker_processes {worker_processes};
pid {directory}/nginx.pid;
error_log {directory}/logs/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{http_body}
}}
"""
    )
    return conf


def render_site(
    directory: Path,
    *,
    app_ports: list[int],
    static_root: Path,
    certificate: Path,
    key: Path,
    http_port: int | None = None,
    https_port: int | None = None,
) -> Path:
    """The site file ``cocreatie.conf`` with the certificate and key given; with ports,
    it listens on 127.0.0.1 only (no IPv6 lines) so that it can run. Returns nginx.conf."""
    replacements = _install(directory, app_ports=app_ports, static_root=static_root)
    site = _replace((DEPLOY / "cocreatie.conf").read_text(), replacements)
    site = site.replace(f"{CERTIFICATE_DIR}fullchain.pem", str(certificate))
    site = site.replace(f"{CERTIFICATE_DIR}privkey.pem", str(key))
    for port, listen in ((http_port, "80"), (https_port, "443")):
        if port is None:
            continue
        site = re.sub(rf"^\s*listen \[::\]:{listen}\b.*\n", "", site, flags=re.MULTILINE)
        site = re.sub(rf"\blisten {listen}\b", f"listen 127.0.0.1:{port}", site)
    (directory / "cocreatie.conf").write_text(site)
    return main_conf(directory, f"    include {directory / 'cocreatie.conf'};")


def render_loopback(
    directory: Path, *, listen_port: int, app_ports: list[int], static_root: Path
) -> Path:
    """The upstream and app.conf of the site in one plain-HTTP server on 127.0.0.1."""
    _install(directory, app_ports=app_ports, static_root=static_root)
    conf_dir = directory / "cocreatie"
    body = f"""    include {conf_dir / "upstream.conf"};
    server {{
        listen 127.0.0.1:{listen_port} backlog=4096;
        server_name _;
        include {conf_dir / "app.conf"};
    }}"""
    return main_conf(directory, body)


def command(conf: Path, *args: str) -> list[str]:
    directory = conf.parent
    error_log = directory / "logs" / "error.log"
    return [str(NGINX), "-c", str(conf), "-p", f"{directory}/", "-e", str(error_log), *args]


def check(conf: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on ``conf``: exit code and nginx's own words."""
    return subprocess.run(  # noqa: S603 - fixed argument list
        command(conf, "-t"), capture_output=True, text=True, check=False
    )


def start(conf: Path, port: int, *, timeout: float = 15) -> subprocess.Popen:
    """nginx in the foreground (``daemon off``) as a child, once ``port`` accepts."""
    result = check(conf)
    if result.returncode != 0:
        raise NginxError(f"nginx -t failed:\n{result.stderr.strip()}")
    log = (conf.parent / "logs" / "nginx.out").open("w")
    process = subprocess.Popen(  # noqa: S603 - fixed argument list
        command(conf, "-g", "daemon off;"),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxError(f"nginx exited:\n{_error_log(conf)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.05)
    stop(process)
    raise NginxError(f"nginx did not listen on {port} in time:\n{_error_log(conf)}")


def stop(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """Stop nginx quickly (SIGTERM to the master, which ends its workers)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def _error_log(conf: Path) -> str:
    parts = []
    for name in ("error.log", "nginx.out"):
        path = conf.parent / "logs" / name
        if path.is_file():
            parts.append(path.read_text(errors="replace")[-2000:])
    return "\n".join(parts)

"""The deployment files in ``deploy/`` are what a hosting party copies: they are checked
with the tools that will read them, and run.

- nginx (Debian's ``/usr/sbin/nginx``): ``nginx -t`` on the site with a throwaway
  self-signed certificate in place of the real one, and on the benchmark's plain-HTTP
  server; then the site itself on free ports in front of a live test server: the
  redirect to HTTPS, the health check, the cache headers of static files, the visitor's
  address as the rate limits read it, and the upload limit.
- systemd: ``systemd-analyze verify`` on every unit, copied with its paths pointing at
  this checkout (it runs offline, without systemd as PID 1); every scheduled command of
  the README has a timer on the same schedule, and every command a unit runs exists.
"""

import gzip
import http.client
import ipaddress
import json
import re
import shutil
import ssl
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import get_commands
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bench import nginx
from cocreatie.core.ratelimit import client_ip
from cocreatie.urls import urlpatterns as site_urlpatterns
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "deploy" / "systemd"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
HOST = "cocreatie.example.nl"
# MAX_UPLOAD_REQUEST_SIZE, and nginx's client_max_body_size 21m.
UPLOAD_LIMIT = 21 * 1024 * 1024

needs_nginx = pytest.mark.skipif(
    nginx.nginx_path() is None, reason="Debian's nginx is missing (`make test` installs it)"
)
needs_systemd = pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze missing")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for the site's name and 127.0.0.1, valid for a day."""
    directory = tmp_path_factory.mktemp("certificate")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def static_root(directory: Path) -> Path:
    """A STATIC_ROOT with a hashed file (and its .gz), and one without a hash."""
    root = directory / "static"
    (root / "css").mkdir(parents=True)
    (root / "css" / "site.0123456789ab.css").write_text("body { color: #123; }\n")
    (root / "css" / "site.0123456789ab.css.gz").write_bytes(gzip.compress(b"body{}\n"))
    (root / "img").mkdir()
    (root / "img" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    return root


def assert_nginx_accepts(conf: Path) -> None:
    result = nginx.check(conf)
    assert result.returncode == 0, result.stderr
    # A warning is a mistake too (a directive that does nothing, a duplicate).
    assert "[warn]" not in result.stderr, result.stderr
    assert "test is successful" in result.stderr


# --- nginx -t -----------------------------------------------------------------------------


@needs_nginx
def test_nginx_accepts_the_site_with_a_certificate_in_place(tmp_path, certificate):
    cert, key = certificate
    conf = nginx.render_site(
        tmp_path,
        app_ports=[8001, 8002],
        static_root=static_root(tmp_path),
        certificate=cert,
        key=key,
    )
    assert_nginx_accepts(conf)
    site = (tmp_path / "cocreatie.conf").read_text()
    # Only the paths changed: the ports and the IPv6 listeners are the file's own.
    assert "listen 443 ssl http2;" in site
    assert "listen [::]:80;" in site


@needs_nginx
def test_nginx_accepts_the_benchmarks_plain_http_server(tmp_path):
    conf = nginx.render_loopback(
        tmp_path, listen_port=free_port(), app_ports=[8001, 8002], static_root=tmp_path / "static"
    )
    assert_nginx_accepts(conf)
    upstream = (tmp_path / "cocreatie" / "upstream.conf").read_text()
    assert upstream.count("max_fails=3 fail_timeout=10s;") == 2


@needs_nginx
def test_nginx_check_fails_on_a_mistake(tmp_path):
    """The control: nginx -t as run here does catch a bad directive."""
    conf = nginx.render_loopback(
        tmp_path, listen_port=free_port(), app_ports=[8001], static_root=tmp_path / "static"
    )
    app = tmp_path / "cocreatie" / "app.conf"
    app.write_text(app.read_text().replace("client_max_body_size 21m;", "client_max_body 21m;"))
    assert nginx.check(conf).returncode != 0


def test_upstream_gets_a_line_per_port_with_the_files_parameters():
    text = (ROOT / "deploy" / "nginx" / "upstream.conf").read_text()
    rendered = nginx.render_upstream(text, [7001, 7002, 7003])
    servers = re.findall(r"^\s*server .*;$", rendered, re.MULTILINE)
    assert servers == [
        f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in (7001, 7002, 7003)
    ]
    assert "least_conn;" in rendered
    assert rendered.rstrip().endswith("}")


def test_nginx_upload_limit_is_the_sites():
    from django.conf import settings

    app = (ROOT / "deploy" / "nginx" / "app.conf").read_text()
    size = re.search(r"^client_max_body_size (\d+)m;", app, re.MULTILINE)
    assert size, "client_max_body_size missing"
    assert int(size.group(1)) * 1024 * 1024 == settings.MAX_UPLOAD_REQUEST_SIZE == UPLOAD_LIMIT


def test_nginx_and_gunicorn_agree_on_ports_and_timeouts():
    """The upstream names the instances the runbook enables, and nginx waits for the app
    a little longer than gunicorn lets a worker run, so the app's own answer wins."""
    upstream = (ROOT / "deploy" / "nginx" / "upstream.conf").read_text()
    app = (ROOT / "deploy" / "nginx" / "app.conf").read_text()
    web = (UNITS / "cocreatie-web@.service").read_text()
    runbook = (ROOT / "deploy" / "RUNBOOK.md").read_text()
    ports = re.findall(r"^\s*server 127\.0\.0\.1:(\d+) ", upstream, re.MULTILINE)
    assert ports == ["8001", "8002"]
    for port in ports:
        assert f"cocreatie-web@{port}" in runbook
    assert "--bind 127.0.0.1:%i" in web
    gunicorn_timeout = int(re.search(r"--timeout (\d+)", web).group(1))
    read_timeout = int(re.search(r"^proxy_read_timeout (\d+)s;", app, re.MULTILINE).group(1))
    assert gunicorn_timeout < read_timeout <= gunicorn_timeout + 10


# --- nginx in front of a live app server --------------------------------------------------


@csrf_exempt
def echo(request):
    """What the app learnt about the request, as the rate limits and Django read it."""
    return JsonResponse(
        {
            "client_ip": client_ip(request),
            "forwarded_for": request.META.get("HTTP_X_FORWARDED_FOR"),
            "secure": request.is_secure(),
            "host": request.get_host(),
            "body": len(request.body),
        }
    )


urlpatterns = [path("deploy-echo", echo), *site_urlpatterns]


@pytest.fixture
def site(tmp_path, certificate, live_server, settings):
    """The site's nginx on free ports, in front of the live server and of a port where
    nothing listens (an app server that is down)."""
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = [HOST]
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    cert, key = certificate
    http_port, https_port = free_port(), free_port()
    app_port = int(live_server.url.rsplit(":", 1)[1])
    conf = nginx.render_site(
        tmp_path,
        app_ports=[free_port(), app_port],
        static_root=static_root(tmp_path),
        certificate=cert,
        key=key,
        http_port=http_port,
        https_port=https_port,
    )
    process = nginx.start(conf, https_port)
    context = ssl.create_default_context(cafile=str(cert))

    def request(method, url, *, body=None, headers=None, tls=True):
        if tls:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", https_port, context=context, timeout=30
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
        try:
            connection.request(method, url, body=body, headers={"Host": HOST, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.msg, response.read()
        finally:
            connection.close()

    try:
        yield request
    finally:
        nginx.stop(process)


@needs_nginx
def test_plain_http_is_sent_to_https(site):
    status, headers, _ = site("GET", "/community/?pagina=2", tls=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/community/?pagina=2"
    assert headers["Server"] == "nginx"  # server_tokens off: no version


@needs_nginx
def test_health_check_is_proxied_also_with_one_app_server_down(site):
    """The first app server refuses connections: nginx passes each request on to the
    next one (proxy_next_upstream) and leaves the dead one out (max_fails)."""
    for _ in range(4):
        status, headers, body = site("GET", "/healthz")
        assert (status, body) == (200, b"ok\n")
        assert "no-cache" in headers["Cache-Control"]


@needs_nginx
def test_static_files_have_long_cache_headers_when_hashed(site):
    status, headers, body = site("GET", "/static/css/site.0123456789ab.css")
    assert status == 200
    assert body == b"body { color: #123; }\n"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "text/css"
    assert headers["X-Content-Type-Options"] == "nosniff"

    # The copy collectstatic compressed, for a browser that takes it.
    status, headers, body = site(
        "GET", "/static/css/site.0123456789ab.css", headers={"Accept-Encoding": "gzip"}
    )
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == b"body{}\n"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"

    status, headers, _ = site("GET", "/static/img/logo.svg")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=3600"


@needs_nginx
def test_a_static_file_nginx_lacks_is_served_by_the_app(site):
    status, _, body = site("GET", "/static/css/site.css")
    assert status == 200
    assert body == (ROOT / "static" / "css" / "site.css").read_bytes()


@needs_nginx
def test_the_visitors_address_arrives_as_the_rate_limits_read_it(site):
    """A made-up X-Forwarded-For stands left of the address nginx saw, which is what the
    app reads with TRUSTED_PROXY_COUNT=1; the scheme and host arrive too."""
    status, _, body = site("GET", "/deploy-echo", headers={"X-Forwarded-For": "203.0.113.9"})
    assert status == 200
    seen = json.loads(body)
    assert seen == {
        "client_ip": "127.0.0.1",
        "forwarded_for": "203.0.113.9, 127.0.0.1",
        "secure": True,
        "host": HOST,
        "body": 0,
    }


@needs_nginx
def test_a_body_over_the_upload_limit_gets_413_from_nginx(site):
    status, headers, body = site(
        "POST",
        "/deploy-echo",
        body=b"x" * (1024 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert (status, json.loads(body)["body"]) == (200, 1024 * 1024)

    # Only the headers: nginx answers from Content-Length, before any of the body.
    status, headers, body = site(
        "POST",
        "/deploy-echo",
        headers={
            "Content-Type": "application/octet-stream",
            "Content-Length": str(UPLOAD_LIMIT + 1),
        },
    )
    assert status == 413
    assert "Te groot om te versturen" in body.decode()
    assert headers["Cache-Control"] == "no-store"


# --- the benchmark ------------------------------------------------------------------------


def test_the_benchmark_loads_every_entry_through_nginx(tmp_path):
    """The pages, the registration POST and the minimal view alike: one wrk process
    against nginx's port, never an app server's own."""
    from bench import run

    bench = run.Bench(run.parse_args(["--scale", "small"]))
    shutil.rmtree(bench.work_dir)
    bench.work_dir = tmp_path
    bench.proxy_port = 40000
    bench.servers = [{"port": 40001}, {"port": 40002}]
    ping = {"key": "ping", "method": "GET", "path": "/bench/ping"}
    register = {
        "key": "register",
        "method": "POST",
        "path": "/sessies/x/aanmelden/",
        "form_path": "/sessies/x/",
        "session_pks": [1, 2],
        "csrf_token": "t",
    }
    for entry in (ping, register):
        for connections in (1, 8, 32):
            targets = bench.load_targets(entry, tmp_path / "report.lua", connections, "0")
            assert [target.base_url for target in targets] == ["http://127.0.0.1:40000"]
    assert "http://127.0.0.1:40000/sessies/x/" in (tmp_path / "register.lua").read_text()


# --- systemd ------------------------------------------------------------------------------


def unit_files() -> list[Path]:
    return sorted(path for path in UNITS.iterdir() if path.suffix in (".service", ".timer"))


def installed_copy(directory: Path) -> list[Path]:
    """The units with /srv/cocreatie pointing at this checkout, the .env at an empty
    file and the user at the current one; the template as an instance (port 8001)."""
    env_file = directory / "env"
    env_file.write_text("")
    user = subprocess.run(["id", "-un"], capture_output=True, text=True, check=True).stdout
    group = subprocess.run(["id", "-gn"], capture_output=True, text=True, check=True).stdout
    copies = []
    for unit in unit_files():
        text = unit.read_text()
        text = text.replace("/srv/cocreatie/.env", str(env_file))
        text = text.replace("/srv/cocreatie", str(ROOT))
        text = re.sub(r"^User=.*$", f"User={user.strip()}", text, flags=re.MULTILINE)
        text = re.sub(r"^Group=.*$", f"Group={group.strip()}", text, flags=re.MULTILINE)
        copy = directory / unit.name
        copy.write_text(text)
        copies.append(directory / unit.name.replace("@.", "@8001.") if "@." in unit.name else copy)
    return copies


def verify(units: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "--man=no", *map(str, units)],
        capture_output=True,
        text=True,
        check=False,
        env={"SYSTEMD_LOG_LEVEL": "notice", "PATH": "/usr/bin:/bin"},
    )


def test_the_expected_units_are_there():
    names = {path.name for path in unit_files()}
    assert {"cocreatie-web@.service", "cocreatie-worker.service"} <= names
    for timer in (name for name in names if name.endswith(".timer")):
        assert timer.replace(".timer", ".service") in names


@needs_systemd
def test_systemd_analyze_verify_accepts_every_unit(tmp_path):
    result = verify(installed_copy(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # warnings too (unknown keys)


@needs_systemd
def test_systemd_analyze_verify_catches_a_mistake(tmp_path):
    """The control: a unit whose program does not exist, or with an unknown key, fails."""
    units = installed_copy(tmp_path)
    worker = tmp_path / "cocreatie-worker.service"
    worker.write_text(worker.read_text().replace(str(ROOT / ".venv"), "/nonexistent/venv"))
    assert verify(units).returncode != 0
    timer = next(path for path in units if path.suffix == ".timer")
    timer.write_text(timer.read_text().replace("Persistent=true", "Persistant=true"))
    assert "Unknown key" in verify([timer]).stderr


def exec_commands(unit: Path) -> list[str]:
    """The management commands a unit's ExecStart runs."""
    text = unit.read_text().replace("\\\n", " ")
    return [
        match.group(1)
        for match in re.finditer(r"^ExecStart=.*?manage\.py (\w+)", text, re.MULTILINE)
    ]


def timer_schedules() -> dict[str, str]:
    """command -> OnCalendar of the timer that starts it."""
    schedules = {}
    for timer in UNITS.glob("*.timer"):
        text = timer.read_text()
        unit = re.search(r"^Unit=(\S+)$", text, re.MULTILINE).group(1)
        calendar = re.search(r"^OnCalendar=(.+)$", text, re.MULTILINE).group(1)
        assert re.search(r"^Persistent=true$", text, re.MULTILINE), timer.name
        for command in exec_commands(UNITS / unit):
            schedules[command] = calendar
    return schedules


def readme_schedules() -> dict[str, str]:
    """command -> cron schedule, from the README's cron block."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```cron\n(.*?)```", readme, re.DOTALL)
    assert blocks, "no cron block in the README"
    schedules = {}
    for line in "".join(blocks).splitlines():
        found = re.match(r"^((?:\S+\s+){5}).*manage\.py (\w+)", line.strip())
        if found:
            schedules[found.group(2)] = found.group(1).strip()
    return schedules


DAYS = {"0": "Sun", "1": "Mon", "2": "Tue", "3": "Wed", "4": "Thu", "5": "Fri", "6": "Sat"}


def cron_as_calendar(cron: str) -> str:
    """The systemd calendar event of a cron schedule of the kinds the README uses."""
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*"), cron

    def field(value):
        if value == "*":
            return "*"
        if value.startswith("*/"):
            return f"0/{value[2:]}"
        return f"{int(value):02d}"

    days = "" if weekday == "*" else f"{DAYS[weekday]} "
    return f"{days}*-*-* {field(hour)}:{field(minute)}:00"


def normalized(calendar: str) -> str:
    """systemd's normalized form, without a time zone (cron has none of its own)."""
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "calendar", calendar], capture_output=True, text=True, check=True
    )
    form = re.search(r"Normalized form: (.+)", result.stdout).group(1).strip()
    return re.sub(r" [A-Z][A-Za-z_]+/[A-Za-z_]+$", "", form)


@needs_systemd
def test_every_scheduled_command_of_the_readme_has_a_timer_on_its_schedule():
    readme, timers = readme_schedules(), timer_schedules()
    assert readme, "no scheduled command found in the README"
    assert set(readme) == set(timers)
    for command, cron in readme.items():
        assert normalized(cron_as_calendar(cron)) == normalized(timers[command]), command


def test_every_command_the_readme_calls_scheduled_has_a_timer():
    """Besides the cron block, the README names scheduled commands in its table of
    management commands ("Run it every …") and under "More app servers"."""
    readme = (ROOT / "README.md").read_text()
    told = set(re.findall(r"^\| `manage\.py (\w+)`.*\bRun it (?:every|daily|once)", readme, re.M))
    listed = re.search(r"^- \*\*Scheduled commands\*\*:(.*?)from cron", readme, re.M | re.S)
    assert told, "no 'Run it every …' in the README's table of commands"
    assert listed, "no 'Scheduled commands' in the README"
    named = set(re.findall(r"`(\w+)`", listed.group(1)))
    assert told | named | set(readme_schedules()) == set(timer_schedules())


def test_every_command_a_unit_runs_exists():
    commands = get_commands()
    run = [command for unit in unit_files() for command in exec_commands(unit)]
    assert "task_worker" in run
    assert run, "no unit runs a management command"
    for command in run:
        assert command in commands, command

"""Load generation with wrk: the Lua scripts, the command lines and the parsing.

Every wrk run uses a Lua ``done()`` hook that prints one line starting with ``BENCH_JSON``
holding requests, duration, p50/p95/p99 latency and the error counters, so nothing has to
be scraped from wrk's human-readable output (it is still parsed as a fallback).

To spread requests over several app servers, ``run_split`` starts one wrk process per
server at the same time, each with its share of the connections, and ``combine`` merges
their results: requests per second are added up; latency percentiles cannot be merged
exactly from two summaries, so the combined p50/p95/p99 are the worst (highest) of the
parts, a conservative value.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

JSON_MARKER = "BENCH_JSON "

# Appended to every script: one JSON line with what the report needs. Latencies are in
# microseconds, as wrk keeps them.
DONE_HOOK = r"""
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"p50_us":%.1f,"p95_us":%.1f,"p99_us":%.1f,"mean_us":%.1f,"max_us":%.1f,' ..
      '"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(95), latency:percentile(99),
      latency.mean, latency.max,
      e.connect, e.read, e.write, e.timeout, e.status))
end
"""

# A POST per request with a fresh e-mail address: the prefix (script argument) tells the
# wrk processes apart, ``id`` the threads, the counter and a random number the requests.
REGISTER_TEMPLATE = r"""
local path = {path}
local token = {token}
local referer = {referer}
local body_head = {body_head}
local body_tail = {body_tail}
local counter = 0
local prefix = "bench"
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
end

function init(args)
   prefix = args[1] or prefix
   math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end

function request()
   counter = counter + 1
   local email = string.format("%s-t%d-%d-%06d%%40example.org",
      prefix, id or 0, counter, math.random(0, 999999))
   local body = body_head .. email .. body_tail
   return wrk.format("POST", path, {{
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. token,
      ["Referer"] = referer,
   }}, body)
end
"""


def lua_string(value: str) -> str:
    """A Lua string literal for ``value`` (JSON escapes are valid Lua escapes for ASCII)."""
    return json.dumps(value, ensure_ascii=True)


def report_script() -> str:
    return DONE_HOOK


def register_script(
    *, path: str, session_pks: list[int], token: str, referer: str, name: str = "Bench Deelnemer"
) -> str:
    """The Lua script that POSTs the session registration form (for every session in
    ``session_pks``, each time as a new person)."""
    head = "&".join(
        [
            *(f"sessions={pk}" for pk in session_pks),
            f"name={quote_plus(name)}",
            "organisation=" + quote_plus("Gemeente Benchdorp"),
            "role=" + quote_plus("Adviseur"),
            "consent=on",
            "website=",
            f"csrfmiddlewaretoken={quote_plus(token)}",
            "email=",
        ]
    )
    return (
        REGISTER_TEMPLATE.format(
            path=lua_string(path),
            token=lua_string(token),
            referer=lua_string(referer),
            body_head=lua_string(head),
            body_tail=lua_string(""),
        )
        + DONE_HOOK
    )


@dataclass
class WrkResult:
    requests: int = 0
    duration_s: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    socket_errors: dict[str, int] = field(
        default_factory=lambda: {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    )
    non2xx: int = 0
    parts: int = 1
    failed: str | None = None  # wrk itself did not run or printed nothing usable

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def errors(self) -> int:
        return sum(self.socket_errors.values()) + self.non2xx

    def as_dict(self) -> dict:
        return {
            "rps": round(self.rps, 1),
            "requests": self.requests,
            "duration_s": round(self.duration_s, 2),
            "p50_ms": _round(self.p50_ms),
            "p95_ms": _round(self.p95_ms),
            "p99_ms": _round(self.p99_ms),
            "errors": self.errors,
            "non2xx": self.non2xx,
            "socket_errors": dict(self.socket_errors),
            "wrk_processes": self.parts,
            "failed": self.failed,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# --- Parsing ------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_output(output: str) -> WrkResult:
    """Read a wrk run: the BENCH_JSON line when present, else wrk's own text."""
    for line in output.splitlines():
        if line.startswith(JSON_MARKER):
            data = json.loads(line[len(JSON_MARKER) :])
            return WrkResult(
                requests=int(data["requests"]),
                duration_s=data["duration_us"] / 1_000_000,
                p50_ms=data["p50_us"] / 1000,
                p95_ms=data["p95_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                socket_errors={
                    key: int(data[key]) for key in ("connect", "read", "write", "timeout")
                },
                non2xx=int(data["status"]),
            )
    return parse_text(output)


def parse_text(output: str) -> WrkResult:
    """Fallback for wrk's human-readable output (``--latency``); no p95 there."""
    result = WrkResult()
    match = re.search(r"(\d+) requests in ([\d.]+\w+),", output)
    if not match:
        result.failed = "no summary in wrk output"
        return result
    result.requests = int(match.group(1))
    result.duration_s = _to_ms(match.group(2)) / 1000
    for percent, attr in (("50", "p50_ms"), ("99", "p99_ms")):
        found = re.search(rf"^\s*{percent}(?:\.000)?%\s+([\d.]+\w+)\s*$", output, re.MULTILINE)
        if found:
            setattr(result, attr, _to_ms(found.group(1)))
    found = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if found:
        result.socket_errors = dict(
            zip(("connect", "read", "write", "timeout"), map(int, found.groups()), strict=True)
        )
    found = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if found:
        result.non2xx = int(found.group(1))
    return result


def combine(results: list[WrkResult]) -> WrkResult:
    """One result for wrk processes that ran at the same time against different servers:
    requests per second add up, percentiles are the worst of the parts."""
    usable = [result for result in results if not result.failed]
    if not usable:
        return WrkResult(failed="; ".join(r.failed or "?" for r in results), parts=len(results))
    combined = WrkResult(parts=len(results))
    # Sum of each part's rate, expressed through one common duration.
    combined.duration_s = max(result.duration_s for result in usable)
    combined.requests = round(sum(result.rps for result in usable) * combined.duration_s)
    for attr in ("p50_ms", "p95_ms", "p99_ms"):
        values = [getattr(r, attr) for r in usable if getattr(r, attr) is not None]
        setattr(combined, attr, max(values) if values else None)
    for key in combined.socket_errors:
        combined.socket_errors[key] = sum(r.socket_errors.get(key, 0) for r in usable)
    combined.non2xx = sum(result.non2xx for result in usable)
    failed = [result.failed for result in results if result.failed]
    combined.failed = "; ".join(failed) if failed else None
    return combined


def median_run(runs: list[dict]) -> dict:
    """One run for repeated runs (``WrkResult.as_dict()``) of the same page: the median
    by requests per second, with the lowest and highest rate and every run's errors."""
    usable = [run for run in runs if not run.get("failed")] or runs
    ordered = sorted(usable, key=lambda run: run["rps"])
    median = dict(ordered[(len(ordered) - 1) // 2])
    median.update(
        repeats=len(runs),
        rps_min=ordered[0]["rps"],
        rps_max=ordered[-1]["rps"],
        errors=sum(int(run.get("errors") or 0) for run in runs),
        failed_repeats=sum(1 for run in runs if run.get("failed")),
    )
    return median


# --- Running ------------------------------------------------------------------------------


def wrk_path() -> str | None:
    return shutil.which("wrk")


def wrk_command(
    *,
    url: str,
    connections: int,
    duration_s: float,
    script: Path,
    headers: list[str] | None = None,
    script_args: list[str] | None = None,
    timeout_s: int = 5,
) -> list[str]:
    threads = max(1, min(2, connections))
    command = [
        wrk_path() or "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, math.ceil(duration_s))}s",
        f"--timeout={timeout_s}s",
        "--latency",
        f"--script={script}",
    ]
    for header in headers or []:
        command += ["--header", header]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    return command


@dataclass
class Target:
    """One wrk process: a server's base URL and, for POSTs, its own script."""

    base_url: str
    script: Path
    script_args: list[str] = field(default_factory=list)


def split_connections(connections: int, parts: int) -> list[int]:
    """``connections`` shared over at most ``parts`` processes, none with zero."""
    parts = max(1, min(parts, connections))
    share, extra = divmod(connections, parts)
    return [share + (1 if index < extra else 0) for index in range(parts)]


def run_split(
    *,
    targets: list[Target],
    path: str,
    connections: int,
    duration_s: float,
    headers: list[str] | None = None,
    track=None,
) -> tuple[WrkResult, list[str]]:
    """Run one wrk per target at the same time, with the connections shared out, and
    combine. Returns the result and the raw outputs (for the log). ``track`` is called
    with each started process so that the caller can stop it on an interrupt."""
    shares = split_connections(connections, len(targets))
    processes = []
    for target, share in zip(targets, shares, strict=False):
        command = wrk_command(
            url=target.base_url + path,
            connections=share,
            duration_s=duration_s,
            script=target.script,
            headers=headers,
            script_args=target.script_args,
        )
        process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        if track:
            track(process)
        processes.append(process)
    outputs, results = [], []
    for process in processes:
        try:
            output, _ = process.communicate(timeout=duration_s + 60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            output += "\n[bench] wrk did not finish in time and was killed"
        outputs.append(output)
        result = parse_output(output)
        if process.returncode and not result.failed:
            result.failed = f"wrk exited with {process.returncode}"
        if process.returncode and result.requests == 0:
            result.failed = f"wrk exited with {process.returncode}: {output.strip()[-200:]}"
        results.append(result)
    return combine(results), outputs

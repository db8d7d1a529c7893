"""The benchmark report: a Markdown table and the targets, built from the results dict
that ``bench/run.py`` writes to ``bench/results/<scale>.json``. Pure functions (standard
library only) so that they can be tested without running anything; the chart needs
matplotlib and is skipped when it is not installed.

The results dict, as far as this module reads it::

    {
      "scale": "small", "date": "...", "machine": {...}, "settings": {...},
      "pages": [
        {"key": "home", "label": "Home", "path": "/", "method": "GET",
         "auth": "anonymous" | "member", "status": 200, "queries": 7,
         "queries_cached": 1, "page_cache": "hit" | "miss" | None,
         "runs": {"1": RUN, "8": RUN, "32": RUN}, "note": "...",
         "runs_rendered": {"8": RUN}},   # anonymous GET pages, page cache off
      ],
      "references": [ same shape as a page, keys "ping" and "static" ],
      "burst": {"requests": 2000, "duration_s": 9.9, "errors": 0, "stored": 2000,
                "confirmed": 100, "waiting": 1900, "capacity": 100, "p99_ms": 250.0, ...},
      "memory": {"workers": 10, "max_mb": 80.1, "mean_mb": 75.0},
    }
    RUN = {"rps": 512.3, "p50_ms": 12.1, "p95_ms": 20.2, "p99_ms": 30.3,
           "errors": 0, "failed": None, "repeats": 3, "rps_min": 500.1, "rps_max": 530.0}

At the main concurrency each page is run several times ("repeats"); the RUN kept is the
median run by requests per second, with the lowest and highest rate beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

CONCURRENCIES = ("1", "8", "32")
MAIN_CONCURRENCY = "8"

MAX_QUERIES = 15
# Where people act (logged in, registering) every query is on someone's wait.
MAX_ACTING_QUERIES = 12
MAX_P99_MS = 100.0
MAX_SEARCH_P95_MS = 50.0
MAX_DEEP_PAGE_SLOWDOWN = 0.20
MAX_WORKER_MB = 150.0
# Requests per second as a share of the minimal Django view measured in the same run.
MIN_SHARE_CACHED = 0.70
MIN_SHARE_RENDERED = 0.30
MIN_SHARE_LOGGED_IN = 0.35
MIN_SHARE_REGISTRATION = 0.20
# The first cases page rendered (as after every content change): no full count.
MAX_FIRST_PAGE_RENDERED_P99_MS = 60.0
MAX_BURST_P99_MS = 500.0

SEARCH_KEYS = ("search_common", "search_rare", "search_compound")
FIRST_PAGE_KEY = "cases_page_1"
DEEP_PAGE_KEY = "cases_page_2000"
MINIMAL_VIEW_KEY = "ping"
REGISTRATION_KEY = "register"
RENDERED = "runs_rendered"
REPLICA = "runs_replica"

MET, NOT_MET, NOT_MEASURED = "met", "not met", "not measured"


@dataclass(frozen=True)
class TargetResult:
    name: str
    status: str  # MET, NOT_MET or NOT_MEASURED
    detail: str

    def line(self) -> str:
        return f"- **{self.status}** — {self.name}: {self.detail}"


# --- Small helpers ----------------------------------------------------------------------


def run_at(entry: dict, concurrency: str = MAIN_CONCURRENCY, runs: str = "runs") -> dict | None:
    """The load run of a page at a concurrency (``runs``: the key of the runs, "runs" or
    the page-cache-off RENDERED), or None when it was not measured."""
    if entry.get("status") != 200:
        return None
    run = (entry.get(runs) or {}).get(concurrency)
    if not run or run.get("failed") or not run.get("rps"):
        return None
    return run


def is_measured(entry: dict) -> bool:
    return run_at(entry) is not None


def find(entries: list[dict], key: str) -> dict | None:
    return next((entry for entry in entries if entry.get("key") == key), None)


def fmt_number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def fmt_ms(value: float | None) -> str:
    return fmt_number(value, 1)


def is_anonymous_get(entry: dict) -> bool:
    return entry.get("auth", "anonymous") == "anonymous" and entry.get("method", "GET") == "GET"


def is_logged_in(entry: dict) -> bool:
    return entry.get("auth") == "member"


def minimal_view_rps(results: dict) -> float | None:
    ping = find(results.get("references", []), MINIMAL_VIEW_KEY)
    run = run_at(ping) if ping else None
    return run["rps"] if run else None


def share(results: dict, entry: dict, runs: str = "runs") -> float | None:
    """The page's rps at the main concurrency as a share of the minimal view's."""
    ceiling, run = minimal_view_rps(results), run_at(entry, runs=runs)
    return run["rps"] / ceiling if ceiling and run else None


def fmt_share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def fmt_rps_spread(run: dict | None) -> str:
    """ "1,234" or, for repeated runs, "1,234 (1,200–1,260)": the median and its range."""
    if not run:
        return "—"
    text = fmt_number(run.get("rps"))
    if run.get("repeats", 1) > 1 and run.get("rps_min") is not None:
        text += f" ({fmt_number(run['rps_min'])}–{fmt_number(run['rps_max'])})"
    return text


def _names(entries: list[dict]) -> str:
    return ", ".join(entry.get("label", entry.get("key", "?")) for entry in entries)


def page_state(entry: dict) -> str | None:
    """Why a page has no numbers, or None when it has."""
    status = entry.get("status")
    if status is None:
        return entry.get("note") or "not run"
    if status != 200:
        note = f" ({entry['note']})" if entry.get("note") else ""
        return f"HTTP {status}, not measured{note}"
    if not is_measured(entry):
        run = (entry.get("runs") or {}).get(MAIN_CONCURRENCY) or {}
        return f"load run failed: {run.get('failed') or 'no requests'}"
    return None


def total_errors(entry: dict) -> int:
    """Errors of every load run of the page, the rendered pass included."""
    runs = [*(entry.get("runs") or {}).values(), *(entry.get(RENDERED) or {}).values()]
    return sum(int(run.get("errors") or 0) for run in runs)


# --- The table ----------------------------------------------------------------------------


def table_row(results: dict, entry: dict, *, reference: bool = False) -> str:
    label = entry.get("label", entry.get("key", "?"))
    path = entry.get("path") or ""
    method = entry.get("method", "GET")
    name = f"{label} ({method} `{path}`)" if method != "GET" else f"{label} `{path}`"
    if entry.get("auth") == "member":
        name += " — logged in"
    if entry.get("page_cache") == "hit":
        name += " †"
    if reference:
        name = f"*Reference: {name}*"
    queries = "—" if reference or entry.get("queries") is None else str(entry["queries"])
    cached = entry.get("queries_cached")
    if queries != "—" and cached is not None and cached != entry["queries"]:
        queries += f" ({cached} cached)"
    state = page_state(entry)
    runs = entry.get("runs") or {}
    rps = [
        "—" if state else fmt_rps_spread(runs.get(c)) if c == MAIN_CONCURRENCY
        else fmt_number((runs.get(c) or {}).get("rps"))
        for c in CONCURRENCIES
    ]  # fmt: skip
    main = run_at(entry) or {}
    rendered = run_at(entry, runs=RENDERED)
    rendered_cells = (
        [fmt_rps_spread(rendered), fmt_share(share(results, entry, RENDERED)),
         fmt_ms(rendered.get("p99_ms"))]
        if rendered else ["—", "—", "—"]
    )  # fmt: skip
    errors = state or str(total_errors(entry))
    cells = [
        name,
        queries,
        *rps,
        "—" if reference else fmt_share(share(results, entry)),
        fmt_ms(main.get("p50_ms")),
        fmt_ms(main.get("p99_ms")),
        *rendered_cells,
        errors,
    ]
    return "| " + " | ".join(cells) + " |"


def build_table(results: dict) -> str:
    header = (
        "| Page | Queries | rps @1 | rps @8 (min–max) | rps @32 | share @8 | p50 @8 (ms) "
        "| p99 @8 (ms) | rendered: rps @8 | rendered: share | rendered: p99 (ms) | Errors |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    )
    rows = [table_row(results, entry) for entry in results.get("pages", [])]
    rows += [table_row(results, entry, reference=True) for entry in results.get("references", [])]
    return "\n".join([header, *rows])


def burst_line(burst: dict | None) -> str:
    if not burst:
        return "- Burst: not run."
    if burst.get("skipped"):
        return f"- Burst: not run ({burst['skipped']})."
    sent = (
        f", the last sent after {fmt_number(burst['last_sent_s'], 1)} s"
        if burst.get("last_sent_s") is not None
        else ""
    )
    return (
        f"- Burst: {burst.get('requests', 0)} registrations scheduled over "
        f"{fmt_number(burst.get('window_s', 10), 0)} s{sent}, all answered after "
        f"{fmt_number(burst.get('duration_s'), 1)} s, "
        f"to a session with {burst.get('capacity')} seats: {burst.get('stored')} stored, "
        f"{burst.get('confirmed')} confirmed, {burst.get('waiting')} waiting, "
        f"{burst.get('errors')} errors"
        + (f" ({burst['error_detail']})" if burst.get("error_detail") else "")
        + (
            f"; p50 {fmt_ms(burst.get('p50_ms'))} ms, p99 {fmt_ms(burst['p99_ms'])} ms"
            if burst.get("p99_ms") is not None
            else ""
        )
        + "."
    )


def replica_line(replica: dict | None, pages: list[dict] = ()) -> str:
    """The replica pass: the pages' rates, and which share of the rows read came from
    the standby."""
    if not replica:
        return "- Read replica: not run."
    primary, standby = replica.get("rows_from_primary", 0), replica.get("rows_from_replica", 0)
    total = primary + standby
    share = f" ({standby / total:.0%})" if total else ""
    rates = [
        f"{page.get('label')} {fmt_rps_spread(run)} rps"
        for page in pages
        if (run := run_at(page, runs=REPLICA))
    ]
    return (
        "- Read replica (a standby made with pg_basebackup -R; pages rendered with the page "
        f"cache off): {fmt_number(standby)} rows read from the replica{share}, "
        f"{fmt_number(primary)} from the primary"
        + (f"; at {MAIN_CONCURRENCY} connections: " + ", ".join(rates) if rates else "")
        + "."
    )


def memory_line(memory: dict | None) -> str:
    if not memory or not memory.get("workers"):
        return "- Worker memory: not measured."
    return (
        f"- Worker memory (VmRSS after all runs, {memory['workers']} workers): "
        f"max {fmt_number(memory.get('max_mb'), 1)} MB, "
        f"mean {fmt_number(memory.get('mean_mb'), 1)} MB."
    )


# --- The targets --------------------------------------------------------------------------


def _unmeasured_pages(pages: list[dict]) -> list[dict]:
    return [page for page in pages if not is_measured(page)]


def target_queries(results: dict) -> TargetResult:
    name = f"≤ {MAX_QUERIES} SQL queries per page (rendered, not from the page cache)"
    pages = results.get("pages", [])
    counted = [page for page in pages if page.get("queries") is not None]
    if not counted:
        return TargetResult(name, NOT_MEASURED, "no query counts")
    worst = max(counted, key=lambda page: page["queries"])
    over = [page for page in counted if page["queries"] > MAX_QUERIES]
    missing = [page for page in pages if page.get("queries") is None]
    detail = f"max {worst['queries']} ({worst.get('label')})"
    if over:
        detail += "; over the limit: " + ", ".join(
            f"{page.get('label')} {page['queries']}" for page in over
        )
    if missing:
        detail += f"; not counted: {_names(missing)}"
    return TargetResult(name, NOT_MET if over or missing else MET, detail)


def target_p99(results: dict) -> TargetResult:
    name = f"p99 < {MAX_P99_MS:.0f} ms at {MAIN_CONCURRENCY} concurrent clients, every page"
    pages = results.get("pages", [])
    measured = [page for page in pages if is_measured(page)]
    if not measured:
        return TargetResult(name, NOT_MEASURED, "no page measured")
    worst = max(measured, key=lambda page: run_at(page)["p99_ms"] or 0)
    slow = [page for page in measured if (run_at(page)["p99_ms"] or 0) >= MAX_P99_MS]
    missing = _unmeasured_pages(pages)
    detail = f"worst {fmt_ms(run_at(worst)['p99_ms'])} ms ({worst.get('label')})"
    if slow:
        detail += "; too slow: " + ", ".join(
            f"{page.get('label')} {fmt_ms(run_at(page)['p99_ms'])} ms" for page in slow
        )
    if missing:
        detail += f"; not measured: {_names(missing)}"
    return TargetResult(name, NOT_MET if slow or missing else MET, detail)


def target_search_p95(results: dict) -> TargetResult:
    name = f"search p95 < {MAX_SEARCH_P95_MS:.0f} ms at {MAIN_CONCURRENCY} concurrent clients"
    pages = results.get("pages", [])
    searches = [find(pages, key) for key in SEARCH_KEYS]
    measured = [page for page in searches if page and is_measured(page)]
    if not measured:
        return TargetResult(name, NOT_MEASURED, "no search measured")
    parts = [f"{page.get('label')} {fmt_ms(run_at(page).get('p95_ms'))} ms" for page in measured]
    slow = [
        page
        for page in measured
        if run_at(page).get("p95_ms") is None or run_at(page)["p95_ms"] >= MAX_SEARCH_P95_MS
    ]
    missing = len(measured) < len(SEARCH_KEYS)
    detail = ", ".join(parts) + ("; a search page was not measured" if missing else "")
    return TargetResult(name, NOT_MET if slow or missing else MET, detail)


def target_deep_page(results: dict) -> TargetResult:
    name = (
        f"cases list page 2,000 within {MAX_DEEP_PAGE_SLOWDOWN:.0%} of page 1 "
        f"(rps at {MAIN_CONCURRENCY})"
    )
    pages = results.get("pages", [])
    first, deep = find(pages, FIRST_PAGE_KEY), find(pages, DEEP_PAGE_KEY)
    if not (first and deep and is_measured(first) and is_measured(deep)):
        missing = [
            label
            for label, page in (("page 1", first), ("page 2,000", deep))
            if not (page and is_measured(page))
        ]
        return TargetResult(name, NOT_MEASURED, f"not measured: {', '.join(missing)}")
    first_rps, deep_rps = run_at(first)["rps"], run_at(deep)["rps"]
    ratio = deep_rps / first_rps
    detail = (
        f"{deep.get('label', 'page 2,000')} {fmt_number(deep_rps)} rps vs "
        f"{first.get('label', 'page 1')} {fmt_number(first_rps)} rps ({ratio:.0%})"
    )
    met = ratio >= 1 - MAX_DEEP_PAGE_SLOWDOWN
    return TargetResult(name, MET if met else NOT_MET, detail)


def _target_share(
    results: dict, name: str, pages: list[dict], minimum: float, runs: str = "runs"
) -> TargetResult:
    """Every page of ``pages`` at ``minimum`` or more of the minimal view's rps."""
    ping = find(results.get("references", []), MINIMAL_VIEW_KEY)
    ceiling = minimal_view_rps(results)
    if not ceiling:
        state = page_state(ping) if ping else "not run"
        return TargetResult(name, NOT_MEASURED, f"minimal view missing ({state})")
    if not pages:
        return TargetResult(name, NOT_MEASURED, "no such page in this run")
    measured = [page for page in pages if run_at(page, runs=runs)]
    missing = [page for page in pages if not run_at(page, runs=runs)]
    if not measured:
        return TargetResult(name, NOT_MEASURED, f"not measured: {_names(missing)}")
    slowest = min(measured, key=lambda page: run_at(page, runs=runs)["rps"])
    below = [page for page in measured if share(results, page, runs) < minimum]
    detail = (
        f"minimal view {fmt_number(ceiling)} rps, floor {fmt_number(ceiling * minimum)} rps; "
        f"slowest {slowest.get('label')} {fmt_number(run_at(slowest, runs=runs)['rps'])} rps "
        f"({fmt_share(share(results, slowest, runs))})"
    )
    if below:
        detail += f"; below: {_names(below)}"
    if missing:
        detail += f"; not measured: {_names(missing)}"
    return TargetResult(name, NOT_MET if below or missing else MET, detail)


def target_share_cached(results: dict) -> TargetResult:
    return _target_share(
        results,
        f"anonymous pages from the page cache ≥ {MIN_SHARE_CACHED:.0%} of the minimal view "
        f"(rps at {MAIN_CONCURRENCY})",
        [page for page in results.get("pages", []) if is_anonymous_get(page)],
        MIN_SHARE_CACHED,
    )


def target_share_rendered(results: dict) -> TargetResult:
    return _target_share(
        results,
        f"anonymous pages rendered, page cache off, ≥ {MIN_SHARE_RENDERED:.0%} of the minimal "
        f"view (rps at {MAIN_CONCURRENCY})",
        [page for page in results.get("pages", []) if is_anonymous_get(page)],
        MIN_SHARE_RENDERED,
        RENDERED,
    )


def target_share_logged_in(results: dict) -> TargetResult:
    return _target_share(
        results,
        f"logged-in pages ≥ {MIN_SHARE_LOGGED_IN:.0%} of the minimal view "
        f"(rps at {MAIN_CONCURRENCY})",
        [page for page in results.get("pages", []) if is_logged_in(page)],
        MIN_SHARE_LOGGED_IN,
    )


def target_share_registration(results: dict) -> TargetResult:
    registration = find(results.get("pages", []), REGISTRATION_KEY)
    return _target_share(
        results,
        f"registration POST ≥ {MIN_SHARE_REGISTRATION:.0%} of the minimal view "
        f"(rps at {MAIN_CONCURRENCY})",
        [registration] if registration else [],
        MIN_SHARE_REGISTRATION,
    )


def target_acting_queries(results: dict) -> TargetResult:
    name = f"≤ {MAX_ACTING_QUERIES} SQL queries on the logged-in pages and the registration POST"
    pages = [
        page
        for page in results.get("pages", [])
        if is_logged_in(page) or page.get("key") == REGISTRATION_KEY
    ]
    if not pages:
        return TargetResult(name, NOT_MEASURED, "no such page in this run")
    missing = [page for page in pages if page.get("queries") is None]
    counted = [page for page in pages if page.get("queries") is not None]
    over = [page for page in counted if page["queries"] > MAX_ACTING_QUERIES]
    detail = ", ".join(f"{page.get('label')} {page['queries']}" for page in counted)
    if missing:
        detail += ("; " if detail else "") + f"not counted: {_names(missing)}"
    return TargetResult(name, NOT_MET if over or missing else MET, detail)


def target_first_page_rendered(results: dict) -> TargetResult:
    name = (
        f"cases list page 1 rendered (as after a content change) p99 < "
        f"{MAX_FIRST_PAGE_RENDERED_P99_MS:.0f} ms at {MAIN_CONCURRENCY}"
    )
    first = find(results.get("pages", []), FIRST_PAGE_KEY)
    run = run_at(first, runs=RENDERED) if first else None
    if not run or run.get("p99_ms") is None:
        return TargetResult(name, NOT_MEASURED, "not measured with the page cache off")
    met = run["p99_ms"] < MAX_FIRST_PAGE_RENDERED_P99_MS
    return TargetResult(name, MET if met else NOT_MET, f"p99 {fmt_ms(run['p99_ms'])} ms")


def target_burst(results: dict) -> TargetResult:
    burst = results.get("burst") or {}
    requests = burst.get("requests", 2000)
    capacity = burst.get("capacity", 100)
    name = (
        f"burst: {requests} registrations stored, exactly {min(capacity, requests)} confirmed, "
        f"no errors, p99 < {MAX_BURST_P99_MS:.0f} ms"
    )
    if not burst or burst.get("skipped") or burst.get("stored") is None:
        return TargetResult(name, NOT_MEASURED, burst.get("skipped") or "not run")
    stored, confirmed, waiting = burst["stored"], burst["confirmed"], burst["waiting"]
    errors = burst.get("errors", 0)
    detail = (
        f"{stored} stored, {confirmed} confirmed (capacity {capacity}), {waiting} waiting, "
        f"{errors} errors, p99 {fmt_ms(burst.get('p99_ms'))} ms"
    )
    met = (
        stored == requests
        and errors == 0
        and confirmed == min(capacity, requests)
        and waiting == requests - min(capacity, requests)
        and burst.get("p99_ms") is not None
        and burst["p99_ms"] < MAX_BURST_P99_MS
    )
    if confirmed > capacity:
        detail += " — OVERBOOKED"
    return TargetResult(name, MET if met else NOT_MET, detail)


def target_memory(results: dict) -> TargetResult:
    name = f"each worker < {MAX_WORKER_MB:.0f} MB RSS"
    memory = results.get("memory") or {}
    if not memory.get("workers"):
        return TargetResult(name, NOT_MEASURED, "no workers found")
    detail = f"max {fmt_number(memory['max_mb'], 1)} MB over {memory['workers']} workers"
    return TargetResult(name, MET if memory["max_mb"] < MAX_WORKER_MB else NOT_MET, detail)


def evaluate_targets(results: dict) -> list[TargetResult]:
    return [
        target_queries(results),
        target_acting_queries(results),
        target_p99(results),
        target_search_p95(results),
        target_deep_page(results),
        target_share_cached(results),
        target_share_rendered(results),
        target_share_logged_in(results),
        target_share_registration(results),
        target_first_page_rendered(results),
        target_burst(results),
        target_memory(results),
    ]


# --- The whole report ---------------------------------------------------------------------


def machine_line(results: dict) -> str:
    machine = results.get("machine") or {}
    settings = results.get("settings") or {}
    parts = [
        f"{machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
        f"{fmt_number(machine.get('ram_gb'), 1)} GB RAM",
        f"Python {machine.get('python', '?')}, Django {machine.get('django', '?')}, "
        f"PostgreSQL {machine.get('postgresql', '?')}, wrk {machine.get('wrk', '?')}",
    ]
    if settings:
        front = f" behind {settings['front']}" if settings.get("front") else ""
        parts.append(
            f"{settings.get('instances', '?')} gunicorn instances × "
            f"{settings.get('workers_per_instance', '?')} sync workers{front}, "
            f"{settings.get('cache', 'database')} cache, "
            f"{settings.get('duration_s', '?')} s per wrk run"
        )
    return "; ".join(parts) + "."


def build_markdown(results: dict) -> str:
    targets = evaluate_targets(results)
    met = sum(1 for target in targets if target.status == MET)
    lines = [
        f"# Benchmark: scale {results.get('scale', '?')}, {results.get('date', '?')}",
        "",
        machine_line(results),
        "",
        build_table(results),
        "",
        burst_line(results.get("burst")),
        replica_line(results.get("replica"), results.get("pages", [])),
        memory_line(results.get("memory")),
        "",
        f"## Targets ({met} of {len(targets)} met)",
        "",
        *(target.line() for target in targets),
        "",
        "Notes: every request goes through nginx with the site's own configuration "
        "(deploy/nginx/: the upstream and app.conf, in a plain-HTTP server on loopback), "
        "which spreads the requests over both app servers (least_conn); the minimal view "
        "goes through it too, so the shares compare like with like, and nginx serves the "
        "static file from STATIC_ROOT. One wrk process per load run. At 8 connections each "
        "page runs three times: the table gives the median run by rps and the range of the "
        'three; "share" is that median against the minimal view\'s. Before its runs every '
        'page gets an unrecorded warm-up. "Rendered" is a second pass over the anonymous '
        "pages with both servers restarted with PAGE_CACHE_SECONDS=0, so that every "
        "request renders the page. Queries are counted in-process with Django's test "
        "client on a rendered page (after a warm-up request, with the anonymous page cache "
        'made to miss); "(N cached)" is the next anonymous request. † the page was '
        "answered from the anonymous page cache during the runs (X-Page-Cache: hit). "
        "PostgreSQL runs with fsync off.",
    ]
    lines += [f"- {note}" for note in results.get("notes", [])]
    return "\n".join(lines) + "\n"


# --- The chart ----------------------------------------------------------------------------


def chart_rows(results: dict) -> list[tuple[str, float, float | None]]:
    """(label, rps at 8, rps at 8 rendered or None) per measured page and reference, in
    table order."""
    rows = []
    for entry in [*results.get("pages", []), *results.get("references", [])]:
        run = run_at(entry)
        if run:
            rendered = run_at(entry, runs=RENDERED)
            rows.append(
                (
                    entry.get("label", entry.get("key", "?")),
                    run["rps"],
                    rendered and rendered["rps"],
                )
            )
    return rows


def _is_reference(results: dict, label: str) -> bool:
    return any(entry.get("label") == label for entry in results.get("references", []))


TARGET_LINES = (
    (MIN_SHARE_CACHED, "anonymous, from the page cache", "#cc3311", "--"),
    (MIN_SHARE_LOGGED_IN, "logged in", "#ee7733", "-."),
    (MIN_SHARE_RENDERED, "anonymous, rendered", "#aa3377", ":"),
    (MIN_SHARE_REGISTRATION, "registration POST", "#555555", (0, (1, 3))),
)


def write_chart(results: dict, path) -> str | None:
    """Draw the rps-at-8 bars (and, beside them, the rendered runs) with the minimal view
    and the target shares of it as lines, to ``path`` (PNG). Returns a warning instead
    when matplotlib is missing or there is nothing to draw."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        return "matplotlib is not installed: no chart (install the optional bench dependencies)"
    rows = chart_rows(results)
    if not rows:
        return "nothing measured: no chart"
    rows = rows[::-1]
    positions = list(range(len(rows)))
    figure, axes = pyplot.subplots(figsize=(10, 0.55 * len(rows) + 2.2))
    colours = ["#bbbbbb" if _is_reference(results, row[0]) else "#4477aa" for row in rows]
    axes.barh(
        [p + 0.2 for p in positions], [row[1] for row in rows], height=0.4, color=colours,
        label="rps at 8 (median of the runs)",
    )  # fmt: skip
    rendered = [(p, row[2]) for p, row in zip(positions, rows, strict=True) if row[2]]
    if rendered:
        axes.barh(
            [p - 0.2 for p, _ in rendered], [value for _, value in rendered], height=0.4,
            color="#66ccee", label="rendered, page cache off",
        )  # fmt: skip
    axes.set_yticks(positions, [row[0] for row in rows])
    ceiling = minimal_view_rps(results)
    if ceiling:
        axes.axvline(ceiling, color="#228833", linestyle="-", label="minimal view")
        for minimum, what, colour, style in TARGET_LINES:
            axes.axvline(
                ceiling * minimum, color=colour, linestyle=style,
                label=f"target {what}: {minimum:.0%}",
            )  # fmt: skip
    axes.legend(loc="lower right", fontsize="small")
    axes.set_xlabel(f"requests per second at {MAIN_CONCURRENCY} concurrent clients")
    axes.set_title(f"Cocreatie benchmark, scale {results.get('scale', '?')}")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)
    return None

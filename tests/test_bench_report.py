"""The benchmark report (bench/report.py) from a small hand-made results dict, and the
parsing of wrk's output (bench/load.py). Nothing is run: no server, no wrk."""

import copy
import sys

import pytest

from bench import load, report


def run(rps, p50=10.0, p95=20.0, p99=40.0, errors=0):
    return {"rps": rps, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99, "errors": errors}


def page(key, label, path, rps8, *, queries=8, auth="anonymous", method="GET", **run8):
    return {
        "key": key,
        "label": label,
        "path": path,
        "method": method,
        "auth": auth,
        "status": 200,
        "queries": queries,
        "runs": {"1": run(rps8 / 2), "8": run(rps8, **run8), "32": run(rps8 * 1.1)},
    }


@pytest.fixture
def results():
    """Every target met."""
    home = page("home", "Home", "/", 600, queries=8, p99=45.5)
    home["queries_cached"] = 1
    home["page_cache"] = "hit"
    return {
        "scale": "small",
        "date": "2026-11-23T12:00:00+00:00",
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_gb": 23.5, "python": "3.11.7"},
        "settings": {"instances": 2, "workers_per_instance": 5, "duration_s": 8.0},
        "pages": [
            home,
            page("cases_page_1", "Cases, page 1", "/community/", 500),
            page("cases_page_2000", "Cases, page 2,000", "/community/?na=x", 450),
            page("search_common", "Search, common word", "/zoeken/?q=bewoners", 520, p95=30.0),
            page("search_rare", "Search, rare word", "/zoeken/?q=zeldzaam", 700, p95=12.5),
            page("search_compound", "Search, compound part", "/zoeken/?q=zorg", 650, p95=14.0),
            page("my_cases", "My cases", "/community/mijn-verhalen/", 300, auth="member"),
            page("register", "Session registration", "/sessies/x/aanmelden/", 100, method="POST"),
        ],
        "references": [
            page("ping", "Minimal view", "/bench/ping", 800, queries=None),
            page("static", "Static file", "/static/css/site.abc.css", 2000, queries=None),
        ],
        "burst": {
            "requests": 500,
            "window_s": 10.0,
            "capacity": 100,
            "duration_s": 9.8,
            "last_sent_s": 9.6,
            "errors": 0,
            "stored": 500,
            "confirmed": 100,
            "waiting": 400,
        },
        "memory": {"workers": 10, "max_mb": 81.2, "mean_mb": 78.0},
    }


def target(results, starts_with):
    matches = [t for t in report.evaluate_targets(results) if t.name.startswith(starts_with)]
    assert len(matches) == 1, [t.name for t in report.evaluate_targets(results)]
    return matches[0]


def set_run(results, key, concurrency="8", **values):
    entry = report.find(results["pages"] + results["references"], key)
    entry["runs"][concurrency].update(values)


# --- The table ----------------------------------------------------------------------------


def test_table_has_a_row_per_page_and_reference(results):
    table = report.build_table(results).splitlines()

    assert table[0] == (
        "| Page | Queries | rps @1 | rps @8 | rps @32 | p50 @8 (ms) | p99 @8 (ms) | Errors |"
    )
    assert len(table) == 2 + len(results["pages"]) + len(results["references"])
    assert "| Home `/` † | 8 (1 cached) | 300 | 600 | 660 | 10.0 | 45.5 | 0 |" in table
    assert "| My cases `/community/mijn-verhalen/` — logged in | 8 |" in "\n".join(table)
    assert "| Session registration (POST `/sessies/x/aanmelden/`) | 8 |" in "\n".join(table)
    assert "| *Reference: Minimal view `/bench/ping`* | — | 400 | 800 | 880 |" in "\n".join(table)


def test_errors_are_summed_over_the_concurrencies(results):
    set_run(results, "home", "1", errors=2)
    set_run(results, "home", "32", errors=5)

    row = report.table_row(results["pages"][0])

    assert row.endswith("| 7 |")


def test_a_missing_page_is_reported_without_numbers(results):
    missing = page("case_comments", "Case with 1,000 comments", "/community/verhalen/x/", 0)
    missing.update(status=404, runs={}, queries=2)
    results["pages"].append(missing)

    row = report.table_row(missing)

    assert row == (
        "| Case with 1,000 comments `/community/verhalen/x/` | 2 | — | — | — | — | — "
        "| HTTP 404, not measured |"
    )


def test_burst_and_memory_lines(results):
    markdown = report.build_markdown(results)

    assert (
        "- Burst: 500 registrations scheduled over 10 s, the last sent after 9.6 s, all "
        "answered after 9.8 s, to a session with 100 seats: 500 stored, 100 confirmed, "
        "400 waiting, 0 errors." in markdown
    )
    assert (
        "- Worker memory (VmRSS after all runs, 10 workers): max 81.2 MB, mean 78.0 MB." in markdown
    )


# --- The targets --------------------------------------------------------------------------


def test_every_target_met(results):
    targets = report.evaluate_targets(results)

    assert [t.status for t in targets] == [report.MET] * 7
    markdown = report.build_markdown(results)
    assert "## Targets (7 of 7 met)" in markdown
    assert "- **met** — search p95 < 50 ms at 8 concurrent clients: " in markdown
    assert "Search, common word 30.0 ms, Search, rare word 12.5 ms" in markdown
    assert (
        "- **met** — cases list page 2,000 within 20% of page 1 (rps at 8): "
        "Cases, page 2,000 450 rps vs Cases, page 1 500 rps (90%)" in markdown
    )
    assert "- **met** — each worker < 150 MB RSS: max 81.2 MB over 10 workers" in markdown


def test_too_many_queries(results):
    results["pages"][-1]["queries"] = 33

    found = target(results, "≤ 15 SQL queries")

    assert found.status == report.NOT_MET
    assert found.detail == "max 33 (Session registration); over the limit: Session registration 33"
    assert "- **not met** — ≤ 15 SQL queries per page" in report.build_markdown(results)


def test_fifteen_queries_is_still_met(results):
    results["pages"][0]["queries"] = 15

    assert target(results, "≤ 15 SQL queries").status == report.MET


def test_slow_p99_at_8(results):
    set_run(results, "my_cases", p99_ms=100.0)

    found = target(results, "p99 < 100 ms")

    assert found.status == report.NOT_MET
    assert "too slow: My cases 100.0 ms" in found.detail


def test_p99_at_other_concurrencies_does_not_count(results):
    set_run(results, "home", "32", p99_ms=900.0)

    assert target(results, "p99 < 100 ms").status == report.MET


def test_an_unmeasured_page_fails_the_every_page_targets(results):
    results["pages"][0]["status"] = 404

    p99 = target(results, "p99 < 100 ms")
    share = target(results, "anonymous pages")

    assert p99.status == share.status == report.NOT_MET
    assert "not measured: Home" in p99.detail
    assert "not measured: Home" in share.detail


def test_slow_search(results):
    set_run(results, "search_rare", p95_ms=50.0)

    found = target(results, "search p95")

    assert found.status == report.NOT_MET
    assert found.detail == (
        "Search, common word 30.0 ms, Search, rare word 50.0 ms, Search, compound part 14.0 ms"
    )


def test_deep_page_more_than_20_percent_slower(results):
    set_run(results, "cases_page_2000", rps=390.0)

    found = target(results, "cases list page 2,000")

    assert found.status == report.NOT_MET
    assert found.detail == "Cases, page 2,000 390 rps vs Cases, page 1 500 rps (78%)"


def test_deep_page_not_measured(results):
    report.find(results["pages"], "cases_page_2000")["status"] = None

    found = target(results, "cases list page 2,000")

    assert found.status == report.NOT_MEASURED
    assert found.detail == "not measured: page 2,000"


def test_anonymous_page_below_half_the_minimal_view(results):
    set_run(results, "ping", rps=1300.0)  # floor 650: home 600, page 1 500, page 2,000 450 ...

    found = target(results, "anonymous pages")

    assert found.status == report.NOT_MET
    assert "floor 650 rps; slowest Cases, page 2,000 450 rps" in found.detail
    # Only anonymous GET pages count: not the logged-in page, not the registration POST.
    assert "My cases" not in found.detail
    assert "Session registration" not in found.detail


def test_minimal_view_missing(results):
    ping = report.find(results["references"], "ping")
    ping.update(status=404, runs={})

    found = target(results, "anonymous pages")

    assert found.status == report.NOT_MEASURED
    assert found.detail == "minimal view missing (HTTP 404, not measured)"
    assert "- **not measured** — anonymous pages" in report.build_markdown(results)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"stored": 499}, report.NOT_MET),
        ({"errors": 3}, report.NOT_MET),
        ({"confirmed": 101, "waiting": 399}, report.NOT_MET),
        ({"confirmed": 99, "waiting": 401}, report.NOT_MET),
    ],
)
def test_burst_not_met(results, change, expected):
    results["burst"].update(change)

    assert target(results, "burst").status == expected


def test_overbooking_is_named(results):
    results["burst"].update(confirmed=101, waiting=399)

    assert target(results, "burst").detail.endswith("— OVERBOOKED")


def test_burst_not_run(results):
    results["burst"] = {"skipped": "registration form answered 404"}

    found = target(results, "burst")

    assert found.status == report.NOT_MEASURED
    assert "- Burst: not run (registration form answered 404)." in report.build_markdown(results)


def test_worker_memory_over_the_limit(results):
    results["memory"]["max_mb"] = 150.0

    found = target(results, "each worker")

    assert found.status == report.NOT_MET
    assert found.detail == "max 150.0 MB over 10 workers"


def test_a_line_per_target_in_the_markdown(results):
    broken = copy.deepcopy(results)
    broken["memory"]["max_mb"] = 200.0

    lines = [line for line in report.build_markdown(broken).splitlines() if line.startswith("- **")]

    assert len(lines) == 7
    assert sum(line.startswith("- **met**") for line in lines) == 6
    assert [line for line in lines if line.startswith("- **not met**")] == [
        "- **not met** — each worker < 150 MB RSS: max 200.0 MB over 10 workers"
    ]


# --- The chart ----------------------------------------------------------------------------


def test_chart_rows_only_measured_entries(results):
    report.find(results["pages"], "search_rare")["status"] = 404

    rows = report.chart_rows(results)

    assert ("Home", 600) in rows
    assert "Search, rare word" not in [label for label, _ in rows]
    assert rows[-2:] == [("Minimal view", 800), ("Static file", 2000)]


def test_chart_skipped_without_matplotlib(results, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import raises ImportError

    warning = report.write_chart(results, tmp_path / "chart.png")

    assert "matplotlib is not installed" in warning
    assert not (tmp_path / "chart.png").exists()


# --- wrk output ---------------------------------------------------------------------------

WRK_TEXT = """\
Running 3s test @ http://127.0.0.1:8000/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    2.00ms  30.00ms   90.00%
  Latency Distribution
     50%    4.50ms
     75%    6.00ms
     90%    8.00ms
     99%   1.20s
  1500 requests in 3.00s, 10.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:    500.00
"""


def test_parse_the_json_line_of_the_lua_hook():
    line = (
        'BENCH_JSON {"requests":1500,"duration_us":3000000,"bytes":10,"p50_us":4500.0,'
        '"p95_us":9000.0,"p99_us":12000.0,"mean_us":5100.0,"max_us":30000.0,'
        '"connect":0,"read":2,"write":0,"timeout":1,"status":7}'
    )

    result = load.parse_output(WRK_TEXT + line + "\n")

    assert result.rps == 500
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (4.5, 9.0, 12.0)
    assert result.non2xx == 7
    assert result.errors == 10


def test_parse_wrk_text_when_the_hook_printed_nothing():
    result = load.parse_output(WRK_TEXT)

    assert result.rps == 500
    assert result.p50_ms == 4.5
    assert result.p99_ms == 1200.0
    assert result.p95_ms is None
    assert result.errors == 10


def test_combine_sums_rates_and_keeps_the_worst_percentiles():
    first = load.WrkResult(requests=300, duration_s=3.0, p50_ms=5, p95_ms=9, p99_ms=20, non2xx=1)
    second = load.WrkResult(requests=330, duration_s=3.3, p50_ms=6, p95_ms=8, p99_ms=30)

    combined = load.combine([first, second])

    assert combined.rps == pytest.approx(200)
    assert (combined.p50_ms, combined.p95_ms, combined.p99_ms) == (6, 9, 30)
    assert combined.errors == 1
    assert combined.parts == 2


def test_split_connections():
    assert load.split_connections(1, 2) == [1]
    assert load.split_connections(8, 2) == [4, 4]
    assert load.split_connections(33, 2) == [17, 16]


def test_register_script_posts_the_form():
    script = load.register_script(
        path="/sessies/reeks/aanmelden/",
        session_pk=42,
        token="abc123",
        referer="http://127.0.0.1:9000/sessies/reeks/aanmelden/",
    )

    assert '"sessions=42&name=Bench+Deelnemer&' in script
    assert "consent=on&website=&csrfmiddlewaretoken=abc123&email=" in script
    assert 'wrk.format("POST", path' in script
    assert "function done(summary, latency, requests)" in script

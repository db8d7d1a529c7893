"""The benchmark report (bench/report.py) from a small hand-made results dict, and the
parsing of wrk's output (bench/load.py). Nothing is run: no server, no wrk."""

import copy
import sys

import pytest

from bench import load, report


def run(rps, p50=10.0, p95=20.0, p99=40.0, errors=0):
    return {"rps": rps, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99, "errors": errors}


def page(
    key, label, path, rps8, *, queries=8, auth="anonymous", method="GET", rendered=None, **run8
):
    entry = {
        "key": key,
        "label": label,
        "path": path,
        "method": method,
        "auth": auth,
        "status": 200,
        "queries": queries,
        "runs": {"1": run(rps8 / 2), "8": run(rps8, **run8), "32": run(rps8 * 1.1)},
    }
    if rendered is not None:
        entry["runs_rendered"] = {"8": rendered}
    return entry


@pytest.fixture
def results():
    """Every target met. The minimal view does 800 rps: the anonymous pages from the page
    cache need 560 (70%), rendered 240 (30%), the logged-in page 280 (35%) and the
    registration POST 160 (20%)."""
    home = page("home", "Home", "/", 750, queries=8, p99=45.5, rendered=run(400))
    home["queries_cached"] = 1
    home["page_cache"] = "hit"
    return {
        "scale": "small",
        "date": "2026-11-23T12:00:00+00:00",
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_gb": 23.5, "python": "3.11.7"},
        "settings": {"instances": 2, "workers_per_instance": 5, "duration_s": 8.0},
        "pages": [
            home,
            page("cases_page_1", "Cases, page 1", "/community/", 700, rendered=run(300, p99=45.0)),
            page(
                "cases_page_2000", "Cases, page 2,000", "/community/?na=x", 630, rendered=run(280)
            ),
            page(
                "search_common",
                "Search, common word",
                "/zoeken/?q=bewoners",
                600,
                p95=30.0,
                rendered=run(260),
            ),
            page(
                "search_rare",
                "Search, rare word",
                "/zoeken/?q=zeldzaam",
                700,
                p95=12.5,
                rendered=run(320),
            ),
            page(
                "search_compound",
                "Search, compound part",
                "/zoeken/?q=zorg",
                650,
                p95=14.0,
                rendered=run(300),
            ),
            page("my_cases", "My cases", "/community/mijn-verhalen/", 320, auth="member"),
            page(
                "register",
                "Session registration",
                "/sessies/x/aanmelden/",
                200,
                queries=11,
                method="POST",
            ),
        ],
        "references": [
            page("ping", "Minimal view", "/bench/ping", 800, queries=None),
            page("static", "Static file", "/static/css/site.abc.css", 2000, queries=None),
        ],
        "burst": {
            "requests": 2000,
            "window_s": 10.0,
            "capacity": 100,
            "duration_s": 9.8,
            "last_sent_s": 9.6,
            "errors": 0,
            "stored": 2000,
            "confirmed": 100,
            "waiting": 1900,
            "p50_ms": 120.0,
            "p99_ms": 350.0,
        },
        "memory": {"workers": 10, "max_mb": 81.2, "mean_mb": 78.0},
    }


def target(results, starts_with):
    matches = [t for t in report.evaluate_targets(results) if t.name.startswith(starts_with)]
    assert len(matches) == 1, [t.name for t in report.evaluate_targets(results)]
    return matches[0]


def set_run(results, key, concurrency="8", runs="runs", **values):
    """Change the run of ``key`` at ``concurrency``; ``runs=report.RENDERED`` for the run
    with the page cache off."""
    entry = report.find(results["pages"] + results["references"], key)
    entry[runs][concurrency].update(values)


# --- The table ----------------------------------------------------------------------------


def test_table_has_a_row_per_page_and_reference(results):
    table = report.build_table(results).splitlines()

    assert table[0] == (
        "| Page | Queries | rps @1 | rps @8 (min–max) | rps @32 | share @8 | p50 @8 (ms) "
        "| p99 @8 (ms) | rendered: rps @8 | rendered: share | rendered: p99 (ms) | Errors |"
    )
    assert len(table) == 2 + len(results["pages"]) + len(results["references"])
    assert (
        "| Home `/` † | 8 (1 cached) | 375 | 750 | 825 | 94% | 10.0 | 45.5 | 400 | 50% | 40.0 | 0 |"
        in table
    )
    # No rendered pass for the logged-in page and the POST: dashes, not zeros.
    assert (
        "| My cases `/community/mijn-verhalen/` — logged in | 8 | 160 | 320 | 352 | 40% | 10.0 "
        "| 40.0 | — | — | — | 0 |" in table
    )
    assert (
        "| Session registration (POST `/sessies/x/aanmelden/`) | 11 | 100 | 200 | 220 | 25% | "
        "10.0 | 40.0 | — | — | — | 0 |" in table
    )
    # A reference has no share of itself.
    assert (
        "| *Reference: Minimal view `/bench/ping`* | — | 400 | 800 | 880 | — | 10.0 | 40.0 "
        "| — | — | — | 0 |" in table
    )


def test_errors_are_summed_over_the_concurrencies(results):
    set_run(results, "home", "1", errors=2)
    set_run(results, "home", "32", errors=5)

    row = report.table_row(results, results["pages"][0])

    assert row.endswith("| 7 |")


def test_a_missing_page_is_reported_without_numbers(results):
    missing = page("case_comments", "Case with 1,000 comments", "/community/verhalen/x/", 0)
    missing.update(status=404, runs={}, queries=2)
    results["pages"].append(missing)

    row = report.table_row(results, missing)

    assert row == (
        "| Case with 1,000 comments `/community/verhalen/x/` | 2 | — | — | — | — | — | — "
        "| — | — | — | HTTP 404, not measured |"
    )


def test_repeated_runs_show_the_median_and_the_range(results):
    set_run(results, "home", rps=600.0, repeats=3, rps_min=580.0, rps_max=620.0)
    set_run(
        results, "home", runs=report.RENDERED, rps=400.0, repeats=3, rps_min=390.4, rps_max=411.0
    )

    row = report.table_row(results, results["pages"][0])

    assert "| 375 | 600 (580–620) | 825 | 75% |" in row
    assert "| 400 (390–411) | 50% |" in row
    assert (
        report.fmt_rps_spread({"rps": 1234.4, "repeats": 3, "rps_min": 1200.2, "rps_max": 1260})
        == "1,234 (1,200–1,260)"
    )
    # A single run has no range to show.
    assert report.fmt_rps_spread({"rps": 600.0, "repeats": 1, "rps_min": 600, "rps_max": 600}) == (
        "600"
    )


def test_burst_and_memory_lines(results):
    markdown = report.build_markdown(results)

    assert (
        "- Burst: 2000 registrations scheduled over 10 s, the last sent after 9.6 s, all "
        "answered after 9.8 s, to a session with 100 seats: 2000 stored, 100 confirmed, "
        "1900 waiting, 0 errors; p50 120.0 ms, p99 350.0 ms." in markdown
    )
    assert (
        "- Worker memory (VmRSS after all runs, 10 workers): max 81.2 MB, mean 78.0 MB." in markdown
    )


# --- The targets --------------------------------------------------------------------------


def test_every_target_met(results):
    targets = report.evaluate_targets(results)

    assert [t.status for t in targets] == [report.MET] * 12
    markdown = report.build_markdown(results)
    assert "## Targets (12 of 12 met)" in markdown
    assert "- **met** — search p95 < 50 ms at 8 concurrent clients: " in markdown
    assert "Search, common word 30.0 ms, Search, rare word 12.5 ms" in markdown
    assert (
        "- **met** — cases list page 2,000 within 20% of page 1 (rps at 8): "
        "Cases, page 2,000 630 rps vs Cases, page 1 700 rps (90%)" in markdown
    )
    assert (
        "- **met** — ≤ 12 SQL queries on the logged-in pages and the registration POST: "
        "My cases 8, Session registration 11" in markdown
    )
    assert (
        "- **met** — anonymous pages rendered, page cache off, ≥ 30% of the minimal view "
        "(rps at 8): minimal view 800 rps, floor 240 rps; slowest Search, common word 260 rps "
        "(32%)" in markdown
    )
    assert (
        "- **met** — cases list page 1 rendered (as after a content change) p99 < 60 ms at 8: "
        "p99 45.0 ms" in markdown
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


@pytest.mark.parametrize("key", ["my_cases", "register"])
def test_more_than_twelve_queries_where_people_act(results, key):
    report.find(results["pages"], key)["queries"] = 13

    found = target(results, "≤ 12 SQL queries")

    assert found.status == report.NOT_MET
    assert f"{report.find(results['pages'], key)['label']} 13" in found.detail
    # Still within the limit for every page.
    assert target(results, "≤ 15 SQL queries").status == report.MET


@pytest.mark.parametrize("key", ["my_cases", "register"])
def test_twelve_queries_where_people_act_is_still_met(results, key):
    report.find(results["pages"], key)["queries"] = 12

    assert target(results, "≤ 12 SQL queries").status == report.MET


def test_an_anonymous_page_may_have_more_than_twelve_queries(results):
    results["pages"][0]["queries"] = 14

    found = target(results, "≤ 12 SQL queries")

    assert found.status == report.MET
    assert "Home" not in found.detail


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
    cached = target(results, "anonymous pages from the page cache")
    rendered = target(results, "anonymous pages rendered")

    assert p99.status == cached.status == rendered.status == report.NOT_MET
    assert "not measured: Home" in p99.detail
    assert "not measured: Home" in cached.detail
    assert "not measured: Home" in rendered.detail


def test_slow_search(results):
    set_run(results, "search_rare", p95_ms=50.0)

    found = target(results, "search p95")

    assert found.status == report.NOT_MET
    assert found.detail == (
        "Search, common word 30.0 ms, Search, rare word 50.0 ms, Search, compound part 14.0 ms"
    )


def test_deep_page_more_than_20_percent_slower(results):
    set_run(results, "cases_page_2000", rps=550.0)

    found = target(results, "cases list page 2,000")

    assert found.status == report.NOT_MET
    assert found.detail == "Cases, page 2,000 550 rps vs Cases, page 1 700 rps (79%)"


def test_deep_page_not_measured(results):
    report.find(results["pages"], "cases_page_2000")["status"] = None

    found = target(results, "cases list page 2,000")

    assert found.status == report.NOT_MEASURED
    assert found.detail == "not measured: page 2,000"


def test_anonymous_page_below_70_percent_from_the_page_cache(results):
    set_run(results, "ping", rps=1000.0)  # floor 700: home 750, page 1 700, page 2,000 630 ...

    found = target(results, "anonymous pages from the page cache")

    assert found.status == report.NOT_MET
    assert "floor 700 rps; slowest Search, common word 600 rps (60%)" in found.detail
    assert found.detail.endswith(
        "; below: Cases, page 2,000, Search, common word, Search, compound part"
    )
    # Exactly 70% (page 1, the rare search) is still enough.
    assert "Cases, page 1" not in found.detail
    assert "Search, rare word" not in found.detail
    # Only anonymous GET pages count: not the logged-in page, not the registration POST.
    assert "My cases" not in found.detail
    assert "Session registration" not in found.detail


def test_anonymous_page_rendered_below_30_percent(results):
    set_run(results, "search_rare", runs=report.RENDERED, rps=200.0)  # floor 240

    found = target(results, "anonymous pages rendered")

    assert found.status == report.NOT_MET
    assert "floor 240 rps; slowest Search, rare word 200 rps (25%); below: Search, rare word" in (
        found.detail
    )
    # The same page from the page cache is still fast enough.
    assert target(results, "anonymous pages from the page cache").status == report.MET
    assert "| 200 | 25% |" in report.table_row(
        results, report.find(results["pages"], "search_rare")
    )


@pytest.mark.parametrize(
    "spoil",
    [
        lambda entry: entry.pop("runs_rendered"),
        lambda entry: entry["runs_rendered"]["8"].update(failed="wrk exited with 1"),
    ],
    ids=["missing", "failed"],
)
def test_a_page_without_a_rendered_run_fails_the_rendered_target(results, spoil):
    spoil(report.find(results["pages"], "search_rare"))

    found = target(results, "anonymous pages rendered")

    assert found.status == report.NOT_MET
    assert found.detail.endswith("; not measured: Search, rare word")


def test_no_rendered_runs_at_all_is_not_measured(results):
    for entry in results["pages"]:
        entry.pop("runs_rendered", None)

    rendered = target(results, "anonymous pages rendered")
    first_page = target(results, "cases list page 1 rendered")

    assert rendered.status == report.NOT_MEASURED
    assert rendered.detail == (
        "not measured: Home, Cases, page 1, Cases, page 2,000, Search, common word, "
        "Search, rare word, Search, compound part"
    )
    assert first_page.status == report.NOT_MEASURED
    assert first_page.detail == "not measured with the page cache off"
    # The page-cache pass is not affected.
    assert target(results, "anonymous pages from the page cache").status == report.MET


def test_logged_in_page_below_35_percent(results):
    set_run(results, "my_cases", rps=270.0)  # floor 280

    found = target(results, "logged-in pages")

    assert found.status == report.NOT_MET
    assert found.detail == (
        "minimal view 800 rps, floor 280 rps; slowest My cases 270 rps (34%); below: My cases"
    )
    # Logged-in pages are not held to the page-cache share.
    assert target(results, "anonymous pages from the page cache").status == report.MET


def test_registration_below_20_percent(results):
    set_run(results, "register", rps=150.0)  # floor 160

    found = target(results, "registration POST")

    assert found.status == report.NOT_MET
    assert found.detail == (
        "minimal view 800 rps, floor 160 rps; slowest Session registration 150 rps (19%); "
        "below: Session registration"
    )


def test_registration_not_in_the_run(results):
    results["pages"] = [entry for entry in results["pages"] if entry["key"] != "register"]

    found = target(results, "registration POST")

    assert found.status == report.NOT_MEASURED
    assert found.detail == "no such page in this run"


def test_minimal_view_missing(results):
    ping = report.find(results["references"], "ping")
    ping.update(status=404, runs={})

    found = target(results, "anonymous pages from the page cache")

    assert found.status == report.NOT_MEASURED
    assert found.detail == "minimal view missing (HTTP 404, not measured)"
    assert "- **not measured** — anonymous pages from the page cache" in (
        report.build_markdown(results)
    )
    # Every share target needs the minimal view.
    for name in ("anonymous pages rendered", "logged-in pages", "registration POST"):
        assert target(results, name).status == report.NOT_MEASURED


@pytest.mark.parametrize(("p99", "expected"), [(59.9, report.MET), (60.0, report.NOT_MET)])
def test_first_cases_page_rendered_p99(results, p99, expected):
    set_run(results, "cases_page_1", runs=report.RENDERED, p99_ms=p99)

    found = target(results, "cases list page 1 rendered")

    assert found.status == expected
    assert found.detail == f"p99 {p99:.1f} ms"


def test_first_cases_page_rendered_uses_the_rendered_run(results):
    set_run(results, "cases_page_1", p99_ms=80.0)  # from the page cache: not this target

    assert target(results, "cases list page 1 rendered").status == report.MET


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"stored": 1999}, report.NOT_MET),
        ({"errors": 3}, report.NOT_MET),
        ({"confirmed": 101, "waiting": 1899}, report.NOT_MET),
        ({"confirmed": 99, "waiting": 1901}, report.NOT_MET),
        ({"p99_ms": 500.0}, report.NOT_MET),
        ({"p99_ms": 499.9}, report.MET),
    ],
)
def test_burst_not_met(results, change, expected):
    results["burst"].update(change)

    assert target(results, "burst").status == expected


def test_burst_without_latencies_is_not_met(results):
    del results["burst"]["p50_ms"], results["burst"]["p99_ms"]

    found = target(results, "burst")

    assert found.status == report.NOT_MET
    assert found.detail.endswith("0 errors, p99 — ms")
    assert report.burst_line(results["burst"]).endswith("1900 waiting, 0 errors.")


def test_overbooking_is_named(results):
    results["burst"].update(confirmed=101, waiting=1899)

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

    assert len(lines) == 12
    assert sum(line.startswith("- **met**") for line in lines) == 11
    assert [line for line in lines if line.startswith("- **not met**")] == [
        "- **not met** — each worker < 150 MB RSS: max 200.0 MB over 10 workers"
    ]
    assert "## Targets (11 of 12 met)" in report.build_markdown(broken)


# --- The chart ----------------------------------------------------------------------------


def test_chart_rows_only_measured_entries(results):
    report.find(results["pages"], "search_rare")["status"] = 404

    rows = report.chart_rows(results)

    assert ("Home", 750, 400) in rows
    # No rendered pass for the logged-in page: no second bar.
    assert ("My cases", 320, None) in rows
    assert "Search, rare word" not in [label for label, *_ in rows]
    assert rows[-2:] == [("Minimal view", 800, None), ("Static file", 2000, None)]


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


def test_median_run_of_three_runs():
    runs = [
        {"rps": 620.0, "p99_ms": 30.0, "errors": 1, "failed": None},
        {"rps": 580.0, "p99_ms": 50.0, "errors": 0, "failed": None},
        {"rps": 600.0, "p99_ms": 40.0, "errors": 2, "failed": None},
    ]

    median = load.median_run(runs)

    assert median == {
        "rps": 600.0,
        "p99_ms": 40.0,
        "errors": 3,
        "failed": None,
        "repeats": 3,
        "rps_min": 580.0,
        "rps_max": 620.0,
        "failed_repeats": 0,
    }
    assert runs[2]["errors"] == 2  # the runs themselves are left alone


def test_median_run_ignores_a_failed_run_when_others_succeeded():
    runs = [
        {"rps": 0.0, "p99_ms": None, "errors": 0, "failed": "wrk exited with 1"},
        {"rps": 500.0, "p99_ms": 40.0, "errors": 0, "failed": None},
        {"rps": 540.0, "p99_ms": 35.0, "errors": 4, "failed": None},
    ]

    median = load.median_run(runs)

    assert (median["rps"], median["failed"]) == (500.0, None)
    assert (median["rps_min"], median["rps_max"]) == (500.0, 540.0)
    assert (median["repeats"], median["failed_repeats"]) == (3, 1)
    assert median["errors"] == 4
    assert report.run_at({"status": 200, "runs": {"8": median}}) is median


def test_register_script_posts_the_form():
    script = load.register_script(
        path="/sessies/reeks/aanmelden/",
        session_pks=[42],
        token="abc123",
        referer="http://127.0.0.1:9000/sessies/reeks/aanmelden/",
    )

    assert '"sessions=42&name=Bench+Deelnemer&' in script
    assert "consent=on&website=&csrfmiddlewaretoken=abc123&email=" in script
    assert 'wrk.format("POST", path' in script
    assert "function done(summary, latency, requests)" in script


def test_register_script_registers_for_every_session():
    script = load.register_script(
        path="/sessies/reeks/aanmelden/",
        session_pks=[42, 43],
        token="abc123",
        referer="http://127.0.0.1:9000/sessies/reeks/aanmelden/",
    )

    assert '"sessions=42&sessions=43&name=Bench+Deelnemer&' in script


def test_the_replica_line_gives_the_share_of_rows_from_the_standby_and_the_rates(results):
    home = report.find(results["pages"], "home")
    home[report.REPLICA] = {"8": run(410.0)}
    results["replica"] = {"rows_from_primary": 1_000, "rows_from_replica": 9_000}

    line = report.replica_line(results["replica"], results["pages"])

    assert "9,000 rows read from the replica (90%), 1,000 from the primary" in line
    assert line.endswith("; at 8 connections: Home 410 rps.")
    assert line in report.build_markdown(results)
    assert report.replica_line(None) == "- Read replica: not run."

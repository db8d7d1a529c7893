"""The relevance set, scored on the demo content: the figures a moderator sees with
``manage.py search_relevance``. Runs on SQLite and on PostgreSQL (CI runs both)."""

import io

import pytest
from django.core.management import call_command

from cocreatie import relevance

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_content(settings):
    settings.DEBUG = True  # the demo members and their cases come with the accounts
    call_command("load_demo_content", stdout=io.StringIO())


def test_the_set_is_large_and_varied_enough():
    entries = relevance.load()
    categories = {entry["category"] for entry in entries}

    assert len(entries) >= 40
    # The entries allowed to miss are few, and each says why.
    known = [entry for entry in entries if "known_miss" in entry]
    assert len(known) <= len(entries) // 8 and all(entry["known_miss"] for entry in known)
    assert {"samenstelling", "vorm", "synoniem", "naam", "twee woorden"} <= categories


def test_the_search_meets_the_relevance_targets_on_the_demo_content(demo_content):
    report = relevance.evaluate(relevance.load())

    misses = [(o.text, o.expect, o.found) for o in report.misses]
    assert report.recall >= relevance.MIN_RECALL, misses
    assert report.mrr >= relevance.MIN_MRR, misses
    # Only the entries that say why may miss.
    assert [(o.text, o.expect, o.found) for o in report.unexpected_misses] == []


def test_the_command_prints_the_figures_and_the_misses(demo_content, capsys, tmp_path):
    relevance_set = tmp_path / "set.toml"
    relevance_set.write_text(
        '[[query]]\ntext = "afval"\ncategory = "samenstelling"\nexpect = ["/nergens/"]\n',
        encoding="utf-8",
    )

    call_command("search_relevance", file=relevance_set)

    out = capsys.readouterr().out
    assert "recall@5: 0.000" in out and "MRR:      0.000" in out
    assert "'afval' (samenstelling): missing /nergens/" in out
    assert "Below target." in out

"""How well the search finds what people look for: a set of queries, each with the pages
that must be in its first five results (``cocreatie/search_relevance.toml``), scored as
recall@5 and mean reciprocal rank. ``manage.py search_relevance`` prints the figures; a
test keeps them above ``MIN_RECALL`` and ``MIN_MRR`` on SQLite and PostgreSQL."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from cocreatie.core import search

DEFAULT_FILE = Path(__file__).with_name("search_relevance.toml")
TOP = 5
MIN_RECALL, MIN_MRR = 0.9, 0.75


def _same(expected: str, found: str) -> bool:
    """An expected page without a fragment is also met by a part of it ("/roadmap/co-design/"
    by one of its guiding questions, "/roadmap/co-design/#vraag-9": their numbers differ
    from one database to the next)."""
    return found == expected or ("#" not in expected and found.split("#", 1)[0] == expected)


@dataclass
class Outcome:
    text: str
    category: str
    expect: list[str]
    found: list[str]  # the first TOP result addresses
    known_miss: str = ""  # why the entry may miss; empty: it must be met

    def rank_of(self, expected: str) -> int | None:
        return next(
            (rank for rank, url in enumerate(self.found, start=1) if _same(expected, url)), None
        )

    @property
    def missing(self) -> list[str]:
        return [url for url in self.expect if self.rank_of(url) is None]

    @property
    def recall(self) -> float:
        return 1 - len(self.missing) / len(self.expect)

    @property
    def reciprocal_rank(self) -> float:
        ranks = [rank for rank in map(self.rank_of, self.expect) if rank]
        return 1 / min(ranks) if ranks else 0.0


@dataclass
class Report:
    outcomes: list[Outcome]

    @property
    def recall(self) -> float:
        return sum(o.recall for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(o.reciprocal_rank for o in self.outcomes) / len(self.outcomes)

    @property
    def misses(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.recall < 1]

    @property
    def unexpected_misses(self) -> list[Outcome]:
        """Misses of entries that must be met (no ``known_miss``)."""
        return [outcome for outcome in self.misses if not outcome.known_miss]

    def by_category(self) -> dict[str, tuple[int, float, float]]:
        """Category → (queries, recall@5, MRR)."""
        grouped: dict[str, list[Outcome]] = {}
        for outcome in self.outcomes:
            grouped.setdefault(outcome.category, []).append(outcome)
        return {
            name: (
                len(items),
                sum(o.recall for o in items) / len(items),
                sum(o.reciprocal_rank for o in items) / len(items),
            )
            for name, items in sorted(grouped.items())
        }


def load(path: Path = DEFAULT_FILE) -> list[dict]:
    with open(path, "rb") as file:
        entries = tomllib.load(file)["query"]
    for entry in entries:
        if not entry.get("text") or not entry.get("expect"):
            raise ValueError(f"Every query needs a text and what it must find: {entry!r}")
    return entries


def top_urls(text: str) -> list[str]:
    found = search.Search(search.parse(search.normalise_query(text)))
    return [document.url for document in found[:TOP]]


def evaluate(entries: list[dict]) -> Report:
    return Report(
        [
            Outcome(
                text=entry["text"],
                category=entry.get("category", ""),
                expect=list(entry["expect"]),
                found=top_urls(entry["text"]),
                known_miss=entry.get("known_miss", ""),
            )
            for entry in entries
        ]
    )

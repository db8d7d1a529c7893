"""Dutch words for the search index: folding, stop words, compound parts and stems.

Dutch writes compounds as one word ("afvalprobleem", "jongerenwerker", "wijkteam"), and
people search with the short word ("afval", "jongeren", "wijk"). Every word of an indexed
text is split into the known words it is made of, the way Koehn and Knight describe
("Empirical methods for compound splitting", 2003): a split wins when the geometric mean
of its parts' frequencies beats the frequency of the whole word. The frequencies are the
Dutch word list of ``pyspellchecker`` (343,000 words with counts, MIT licence); stems come
from the Snowball Dutch stemmer (``snowballstemmer``'s ``dutch_porter``, the algorithm
PostgreSQL's ``dutch`` configuration uses). Both are pure Python, so SQLite and
PostgreSQL index exactly the same tokens.

Everything here is cached per word: a text of a few thousand words has a few hundred
distinct ones.
"""

import bisect
import gzip
import json
import math
import re
import unicodedata
from array import array
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

# Parts shorter than this are never split off: "ver" + "keer" is not "verkeer".
MIN_PART = 4
# A split must be this many times more frequent than the whole word: "jongeren" stays
# one word, although "jong" and "eren" are common.
SPLIT_MARGIN = 3
# A split with a linking "s" ("stad-s-deel") counts for this share: "grondwaterstanden"
# is "grondwater" + "standen", not "grondwaters" + "tanden".
LINKING_S_WEIGHT = 0.5
# Words shorter than two parts are never split.
MIN_COMPOUND = 2 * MIN_PART
# A word is split into at most this many parts.
MAX_PARTS = 3
# Endings that are in the word list but never the head of a compound ("mogelijk" is not
# a kind of "lijk").
BOUND_ENDINGS = frozenset(
    "heid heden lijk lijke lijks schap schappen baar bare isch ische achtig achtige "
    "ling lingen tjes nis nissen erij sels teit eren ende enden".split()
)
# Snowball's Dutch stop list: never indexed, dropped from queries.
STOPWORDS = frozenset(
    """aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
    door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe
    hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar
    niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw
    van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij
    zijn zo zonder zou""".split()
)
# A word: letters and digits, with inner hyphens or apostrophes ("co-creatie", "thema's").
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
JOINERS = re.compile(r"['’\-]")

_stemmer = snowballstemmer.stemmer("dutch_porter")


@cache
def _fold_char(char: str) -> str:
    """One character, lower case and without accents, still one character."""
    base = unicodedata.normalize("NFKD", char.lower())[:1]
    return base if base else char


def fold(text: str) -> str:
    """``text`` in lower case without accents, with the same length (so positions in the
    folded text are positions in the original)."""
    return "".join(_fold_char(char) for char in text)


def spans(text: str):
    """(start, end, folded word) for every word of ``text``."""
    for match in WORD.finditer(fold(text)):
        yield match.start(), match.end(), match.group(0)


def words(text: str) -> list[str]:
    """The searchable words of ``text``, folded, joined at hyphens, no stop words."""
    result = []
    for _start, _end, word in spans(text):
        joined = JOINERS.sub("", word)
        if joined and joined not in STOPWORDS:
            result.append(word)
    return result


# The word list's count for a word it saw only rarely (most of its 343,000 words).
RARE_COUNT = 50
ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)":\s*(\d+)')


class _SortedWords:
    """A sorted list of words in one string, searched by bisection: 300,000 rare words
    in about 4 MB instead of 30 MB of separate strings."""

    def __init__(self, words: list[str]):
        self.text = "\n".join(words)
        self.starts = array("I", [0] * len(words))
        position = 0
        for index, word in enumerate(words):
            self.starts[index] = position
            position += len(word) + 1

    def __len__(self):
        return len(self.starts)

    def __getitem__(self, index):
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]

    def __contains__(self, word):
        index = bisect.bisect_left(self, word)
        return index < len(self) and self[index] == word


@cache
def _lexicon() -> tuple[dict[str, int], _SortedWords]:
    """The frequent words with their counts, and the rare ones (count ``RARE_COUNT``).
    Read entry by entry from the list's JSON text, so the whole list is never in memory
    as objects."""
    path = resources.files("spellchecker") / "resources" / "nl.json.gz"
    with path.open("rb") as raw, gzip.open(raw) as data:
        text = data.read().decode("utf-8")
    # Two passes: the rare words first, whose many short-lived strings are freed before
    # the frequent words are kept (so their memory goes back to the system).
    rare = sorted(_words(text, rare=True))
    rare_words = _SortedWords(rare)
    del rare
    frequent = dict(_words(text, rare=False))
    return frequent, rare_words


def _words(text: str, *, rare: bool):
    for match in ENTRY.finditer(text):
        count = int(match.group(2))
        if (count <= RARE_COUNT) != rare:
            continue
        word = match.group(1)
        if "\\" in word:
            word = json.loads(f'"{word}"')
        if len(word) >= MIN_PART:
            yield word if rare else (word, count)


def frequency(word: str) -> int:
    frequent, rare = _lexicon()
    count = frequent.get(word)
    if count is not None:
        return count
    return RARE_COUNT if word in rare else 0


def _is_part(word: str, *, head: bool) -> bool:
    return len(word) >= MIN_PART and frequency(word) > 0 and not (head and word in BOUND_ENDINGS)


@lru_cache(maxsize=200_000)
def split(word: str) -> tuple[str, ...]:
    """The known words ``word`` is made of, modifier first ("wijkteam" → wijk, team), or
    ``(word,)`` when no split beats the word itself. A linking "s" ("stadsdeel") is
    dropped; a modifier that is a stop word ("voor" in "voorraad") makes no split."""
    best, best_score = (word,), float(frequency(word) * SPLIT_MARGIN)
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return best
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[cut:]
        if not _is_part(head, head=True):
            continue
        modifier = word[:cut]
        for candidate, weight in ((modifier, 1.0), (modifier[:-1], LINKING_S_WEIGHT)):
            if not candidate or candidate in STOPWORDS or not _is_part(candidate, head=False):
                continue
            if weight != 1.0 and not modifier.endswith("s"):
                continue
            parts = (*_split_modifier(candidate), head)
            score = weight * math.prod(frequency(part) for part in parts) ** (1 / len(parts))
            if score > best_score:
                best, best_score = parts, score
    return best


def _split_modifier(modifier: str) -> tuple[str, ...]:
    parts = split(modifier) if len(modifier) >= MIN_COMPOUND else (modifier,)
    return parts if len(parts) < MAX_PARTS else (modifier,)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def parts(word: str) -> tuple[str, ...]:
    """Every word that ``word`` (folded, maybe hyphenated) counts as a part of: itself
    joined, its hyphen pieces, their compound parts and the compounds among those; no
    duplicates, the word itself first."""
    joined = JOINERS.sub("", word)
    pieces = [joined, *word.split("-")] if "-" in word else [joined]
    found = []
    for piece in pieces:
        for part in (piece, *split(piece), *_runs(split(piece))):
            if part and part not in found and part not in STOPWORDS:
                found.append(part)
    return tuple(found)


def _runs(atoms: tuple[str, ...]) -> list[str]:
    """The compounds inside a compound of three or more parts: "grond", "water",
    "probleem" hold "grondwater" and "waterprobleem"."""
    return [
        "".join(atoms[start:end])
        for start in range(len(atoms))
        for end in range(start + 2, len(atoms) + 1)
        if end - start < len(atoms)
    ]


def joined(word: str) -> str:
    """A folded word as one token: "co-creatie" is "cocreatie"."""
    return JOINERS.sub("", word)

"""Hypothesis strategies for hostile input."""

from urllib.parse import quote

from hypothesis import strategies as st

# Surrogates cannot be encoded as UTF-8 at all (the test client itself would fail);
# everything else, control characters included, is fair game.
ANY_CHARACTER = st.characters(exclude_categories=("Cs",))

NASTY_CHARACTERS = [
    "\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\t", "\r", "\n", "\x0b", "\x0c",
    "\u0085", "\u00a0", "\u200b", "\u200d", "\u200e", "\u202e", "\u2066", "\ufeff",
    "\ufffd", "\uffff", "\u0301", "\u0308", "\u20dd", "😀", "👩‍👩‍👧", "🇳🇱", "𝕏", "ß", "İ",
    "ﬀ", "ǅ", "<", ">", "&", "'", '"', "%", "/", "\\", ";", "a", "Z", "9", " ",
]  # fmt: skip

SAMPLES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eredro\u202c",
    "e\u0301" * 40,
    "Z\u0351\u0352\u0353\u0354\u0355\u0356" * 20,
    "😀" * 50,
    "'; DROP TABLE community_case; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "%00",
    "%ff%fe",
    "../../../etc/passwd",
    "javascript:alert(1)",
    "//evil.example.com",
    "\r\nSet-Cookie: x=1",
    "VERWIJDEREN\x00",
    "-1",
    "0",
    str(2**70),
    "1e309",
    "NaN",
    "1.5",
    "a@b",
    "@",
    "lid@exam\u0301ple.org",
    "x@[127.0.0.1]",
]

hostile_text = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(ANY_CHARACTER, max_size=60),
    st.lists(st.sampled_from(NASTY_CHARACTERS), min_size=1, max_size=300).map("".join),
    # Very long: one character (or a mix) repeated past every maximum length of the site.
    st.builds(
        lambda text, n: text * n,
        st.sampled_from([*NASTY_CHARACTERS, "x", "\u00e9", "e\u0301", "a@example.org "]),
        st.integers(600, 6000),
    ),
    st.builds(lambda n: "a" * n + "@example.org", st.integers(200, 400)),
)

numbers = st.one_of(
    st.integers(-(2**72), 2**72).map(str),
    st.sampled_from(["-1", "0", "00", "+1", " 1", "1 ", "1.0", "0x10", "١٢", "²", "1_000"]),
)

shaped = st.one_of(
    st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),  # slug-shaped
    st.from_regex(r"[A-Za-z0-9_-]{1,100}", fullmatch=True),  # token-shaped, any length
    st.sampled_from(["verhaal", "reactie", "verbergen", "terugzetten", "mailen", "plaatsen"]),
)

# Any value a form field may receive.
field_value = st.one_of(hostile_text, numbers, shaped)


class Raw(str):
    """A URL part that is sent as it is: already percent-encoded, or deliberately broken."""


BROKEN_ENCODINGS = [
    "%ff%fe", "%c0%af", "%e2%82", "%ed%a0%80", "%00", "%", "%zz", "%2e%2e", "%2f", "%5c",
    "a%20b", "%F0%9F%98", "..", ".", "%u202e", "%c3%28",
]  # fmt: skip

# One path segment: anything, percent-encoded properly or on purpose not.
path_segment = st.one_of(
    field_value.map(lambda value: Raw(quote(value, safe=""))),
    st.lists(st.sampled_from(BROKEN_ENCODINGS), min_size=1, max_size=4).map(
        lambda parts: Raw("".join(parts))
    ),
)

# One raw query string value: properly encoded hostile text, broken percent-encodings,
# or bytes that are not UTF-8 at all (as WSGI hands them over: Latin-1 decoded).
query_value = st.one_of(
    field_value.map(lambda value: quote(value, safe="")),
    st.lists(st.sampled_from(BROKEN_ENCODINGS), min_size=1, max_size=4).map("".join),
    st.binary(min_size=1, max_size=20).map(lambda data: data.decode("latin-1")),
)

QUERY_NAMES = ["q", "na", "voor", "fase", "tag", "pagina", "page", "organisatie",
               "uitdaging", "soort", "thema", "volgorde", "next", "fase\x00", "%ff"]  # fmt: skip


def query_string():
    """A raw QUERY_STRING of a few generated parameters (names repeat now and then)."""
    pair = st.tuples(st.sampled_from(QUERY_NAMES), query_value)
    return st.lists(pair, min_size=1, max_size=5).map(
        lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
    )

"""Fill the database with generated data for the performance benchmark.

    DJANGO_SETTINGS_MODULE=cocreatie.settings DATABASE_URL=postgres://... \\
        python -m bench.seed --scale small|full [--force]

Run it after ``manage.py migrate`` and ``manage.py load_demo_content --no-accounts`` (the
cases link to the roadmap's phases and challenges). It adds members (with a verified
e-mail address and a listed profile), organisations, cases with phases, challenges, tags
and comments, session series with sessions, registrations and seats, and the search rows
of the published cases. Everything is reproducible: one fixed random seed.

Fixed points the benchmark relies on:

- the published case ``bench-case-1000-reacties`` with exactly 1,000 visible comments
  (its page shows the newest 50 threads);
- the member with profile slug ``bench-lid`` (listed, in an organisation, with published
  cases), who logs in with ``BENCH_PASSWORD`` (every generated member has that password);
- "bewoners" in most cases (a common search word), "zeldzaamheidstest" in exactly 3.

Speed: rows go in with PostgreSQL's ``COPY`` (``bulk_create`` for the smaller tables:
organisations, members, tags, sessions), with ids reserved from the tables' sequences up
front, all in one transaction; then ``VACUUM (ANALYZE)``. Nothing calls ``save()``, so no
signal handlers run. Other databases (SQLite) get the same rows through
``executemany``, which is fine for the ``tiny`` and ``small`` scales; ``full`` is
PostgreSQL only.

The seeder refuses to run on a database that already holds bench data unless ``--force``:
then it adds another generated set and leaves the fixed points as they are.
"""
# ruff: noqa: E402 - Django is set up before the models are imported

import argparse
import base64
import html
import os
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from zoneinfo import ZoneInfo

import django
from django.apps import apps

if not apps.ready:  # run as ``python -m bench.seed``
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreatie.settings")
    django.setup()

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from cocreatie.core.markdown import COMMENT_TAGS, render_markdown
from cocreatie.core.models import SearchDocument
from cocreatie.core.search import analysed, clean_text
from community.models import Case, Comment, Organisation, Profile, User
from roadmap.models import Challenge, Phase
from sessions_app.demo import JOINING_TIPS
from sessions_app.models import REMINDER_BEFORE, Registration, Seat, Session, SessionSeries


@dataclass(frozen=True)
class Scale:
    members: int
    organisations: int
    cases: int
    comments: int
    series: int
    registrations: int


SCALES = {
    "tiny": Scale(
        members=50, organisations=5, cases=100, comments=1_500, series=3, registrations=200
    ),
    "small": Scale(
        members=500, organisations=20, cases=1_000, comments=10_000, series=25, registrations=5_000
    ),
    "full": Scale(
        members=50_000,
        organisations=2_000,
        cases=100_000,
        comments=1_000_000,
        series=2_500,
        registrations=500_000,
    ),
}

SEED = 20260601
BENCH_CASE_SLUG = "bench-case-1000-reacties"
BENCH_CASE_COMMENTS = 1_000
BENCH_MEMBER_SLUG = "bench-lid"
BENCH_MEMBER_EMAIL = "bench-lid@bench.example"
BENCH_PASSWORD = "bench-wachtwoord-2026"
BENCH_MEMBER_PUBLISHED_CASES = 12
COMMON_WORD = "bewoners"
RARE_WORD = "zeldzaamheidstest"
RARE_WORD_CASES = 3
SESSIONS_PER_SERIES = 4

BATCH_SIZE = 5_000
PROGRESS_EVERY = 250_000
DAY = 86_400
YEAR = 365 * DAY
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# --- Words ------------------------------------------------------------------------------
# About 300 Dutch words and phrases from municipal co-creation: groups of people, topics
# in the neighbourhood (wijk), forms of meeting, what people did, places and times.

GROUPS = (
    "bewoners", "jongeren", "ouderen", "mantelzorgers", "ouders", "kinderen", "buurtbewoners",
    "huurders", "vrijwilligers", "ondernemers", "professionals", "ambtenaren", "wijkcoaches",
    "jongerenwerkers", "opbouwwerkers", "studenten", "docenten", "zorgverleners", "cliënten",
    "statushouders", "nieuwkomers", "raadsleden", "beleidsmakers", "ervaringsdeskundigen",
    "buurtgenoten", "inwoners", "deelnemers", "gezinnen", "wijkverpleegkundigen", "huisartsen",
)  # fmt: skip
GROUPS_WITHOUT_COMMON_WORD = tuple(group for group in GROUPS if COMMON_WORD not in group)

TOPICS = (
    "het buurthuis", "de speeltuin", "het wijkplan", "de jeugdzorg", "de wijkaanpak",
    "het marktplein", "de bibliotheek", "het sportpark", "de schuldhulpverlening",
    "de mantelzorgondersteuning", "het wijkbudget", "de woningbouw", "de sociale huurwoningen",
    "het groen in de wijk", "de moestuin", "de buurtkamer", "het ontmoetingscentrum",
    "de armoedeaanpak", "de omgevingsvisie", "de dagbesteding", "het jongerencentrum",
    "de huisartsenpraktijk", "de wijkverpleging", "de buurtbus", "de voedselbank",
    "de energietransitie", "de verkeersveiligheid", "het schoolplein", "het inloopspreekuur",
    "het sociaal wijkteam", "de zorgcoöperatie", "de leefbaarheid", "de aanpak van eenzaamheid",
    "de toegankelijkheid van het stadhuis", "het afvalbeleid", "de klimaatadaptatie",
    "de nieuwbouwwijk", "het woonzorgcentrum", "de buurtpreventie", "de jeugdhulp",
    "de Wmo-voorzieningen", "het armoedebeleid", "de informele zorg", "het onderwijs in de wijk",
    "de kinderopvang", "de openbare ruimte", "het fietspad", "de inburgering", "het taalcafé",
    "de gezondheid in de wijk",
)  # fmt: skip

# "de" words only, so that "een {adjective} {noun}" is correct Dutch.
NOUNS = (
    "bijeenkomst", "werkgroep", "enquête", "gespreksronde", "ontwerpsessie", "buurtwandeling",
    "pilot", "proeftuin", "werkplaats", "adviesraad", "klankbordgroep", "denktank",
    "verhalenavond", "rondetafel", "kerngroep", "startbijeenkomst", "evaluatie", "nieuwsbrief",
    "route", "aanpak", "werkwijze", "methode", "samenwerking", "afspraak", "oplossing",
    "ideeënbus", "inloopavond", "themamiddag", "vragenlijst", "speurtocht", "expositie",
    "buurtkrant", "wijkschouw", "kaart", "campagne",
)  # fmt: skip

ADJECTIVES = (
    "nieuwe", "eerste", "gezamenlijke", "kleine", "lokale", "open", "eerlijke", "gelijkwaardige",
    "duurzame", "praktische", "concrete", "betrokken", "creatieve", "sociale", "veilige",
    "toegankelijke", "heldere", "informele", "vaste", "lerende", "digitale", "wekelijkse",
    "maandelijkse", "korte", "bruikbare", "gedeelde", "zichtbare", "laagdrempelige", "groene",
    "feestelijke",
)  # fmt: skip

VERBS = (
    "organiseerden", "bespraken", "ontwierpen", "bedachten", "testten", "evalueerden",
    "verbeterden", "deelden", "verzamelden", "kozen", "maakten", "onderzochten", "bouwden",
    "startten", "schreven", "presenteerden", "planden", "ontdekten", "herhaalden", "tekenden",
    "vierden", "openden", "begeleidden", "financierden", "bezochten",
)  # fmt: skip

PLACES = (
    "Houten", "Nieuwegein", "Zeist", "Amersfoort", "Utrecht", "Woerden", "IJsselstein",
    "Vianen", "Culemborg", "Tiel", "Veenendaal", "Ede", "Wageningen", "Arnhem", "Nijmegen",
    "Deventer", "Zwolle", "Kampen", "Meppel", "Assen", "Emmen", "Groningen", "Leeuwarden",
    "Sneek", "Heerenveen", "Drachten", "Almere", "Lelystad", "Hilversum", "Haarlem", "Leiden",
    "Delft", "Gouda", "Zoetermeer", "Dordrecht", "Breda", "Tilburg", "Eindhoven", "Helmond",
    "Venlo", "Roermond", "Maastricht", "Heerlen", "Middelburg", "Vlissingen", "Goes", "Alkmaar",
    "Hoorn", "Purmerend", "Zaandam", "Den Helder", "Apeldoorn", "Doetinchem", "Oss", "Uden",
    "Schiedam", "Vlaardingen", "Gorinchem", "Harderwijk", "Barneveld",
)  # fmt: skip

DISTRICTS = (
    "Oost", "West", "Noord", "Zuid", "het Centrum", "de Binnenstad", "de Vogelwijk",
    "de Bloemenbuurt", "de Rivierenwijk", "de Schildersbuurt", "de Componistenbuurt",
    "de Bomenbuurt", "het Stationsgebied", "de Molenwijk", "de Dichtersbuurt",
)  # fmt: skip

TIMES = (
    "vorig jaar", "dit voorjaar", "in de zomer", "na de zomer", "elke week", "elke maand",
    "in drie maanden", "op zaterdagmiddag", "na een half jaar", "in het begin",
    "aan het eind", "twee keer per jaar",
)  # fmt: skip

# Templates: G/G2 group, T topic, A adjective, N noun, V verb, P place, W district, Z time;
# a "c" suffix capitalises. No Markdown syntax, so the Markdown of a text is its paragraphs.
SENTENCES = (
    "Samen met {G} {V} we een {A} {N} over {T}.",
    "{Gc} {V} zelf een {A} {N} voor {T} in {P}.",
    "In {P} {V} {G} en {G2} {Z} een {A} {N}.",
    "Het doel was om {T} samen met {G} beter te maken.",
    "Wat goed werkte was een {A} {N} met {G}, {Z}.",
    "Daarna {V} we met {G} een {A} {N} rond {T}.",
    "Veel {G} wisten niet wat er met {T} gebeurde, dus {V} we een {A} {N}.",
    "We leerden dat {G} goede ideeën hebben over {T}.",
    "{Zc} {V} de gemeente en {G} een {A} {N} voor {T}.",
    "De {N} hielp om {G} en {G2} met elkaar in gesprek te brengen.",
    "Niet alles ging goed, want {G} haakten af toen {T} te ingewikkeld werd.",
    "Een {A} {N} in {W} maakte het verschil voor {G}.",
    "Zo werd {T} echt van en voor {G}.",
    "Volgende keer betrekken we {G} eerder bij {T}.",
    "{Gc} en {G2} kregen evenveel stem in de {N}.",
    "Voor {T} in {W} was een {A} {N} nodig, samen met {G}.",
    "Met een {A} {N} bereikten we ook {G} die we anders niet spreken.",
    "{Tc} staat nu op de agenda in {P}, dankzij {G}.",
)
TITLES = (
    "{Tc} in {P}: samen met {G}",
    "Hoe we {G} betrokken bij {T}",
    "Samen met {G} werken aan {T}",
    "Een {A} {N} met {G} in {P}",
    "Wat {G} ons leerden over {T}",
    "Van idee tot {N}: {T} in {W}",
    "{Gc} ontwerpen mee aan {T} in {P}",
    "{Tc} anders aanpakken met {G}",
)
COMMENTS = (
    "Herkenbaar! Hoe hielden jullie {G} betrokken?",
    "Mooi voorbeeld. Mag ik dit gebruiken voor {T} in {P}?",
    "Dank voor het delen. Wij deden iets vergelijkbaars met {G} in {P}.",
    "Wat een goed idee om {G} zelf een {N} te laten organiseren.",
    "Hoeveel tijd kostte de {N} jullie?",
    "Wij liepen ook vast op {T}. Een {A} {N} hielp bij ons.",
    "Goed om te lezen dat {G} en {G2} samen optrokken.",
    "Is er een verslag van de {N}? Ik ben benieuwd naar de uitkomsten.",
    "Interessant! Bij ons in {P} werkte een {A} {N} goed.",
    "Dit ga ik delen met mijn team.",
)
SERIES_TITLES = (
    "{Tc} samen maken in {P}",
    "Leren van {G}: {T}",
    "Co-creatie rond {T}",
    "Werkplaats {T} met {G}",
)
RARE_SENTENCE = f"Dit verhaal hoort bij de {RARE_WORD} van de benchmark."

FIRST_NAMES = (
    "Sanne", "Daan", "Emma", "Lucas", "Julia", "Sem", "Mila", "Noah", "Tess", "Liam", "Sophie",
    "Finn", "Zoë", "Levi", "Eva", "Milan", "Lisa", "Bram", "Anna", "Thijs", "Fleur", "Jesse",
    "Lotte", "Ruben", "Noor", "Lars", "Iris", "Tim", "Femke", "Joost", "Marieke", "Youssef",
    "Fatima", "Mohamed", "Aisha", "Ahmed", "Yara", "Mehmet", "Elif", "Priya", "Kevin", "Esther",
    "Pieter", "Ingrid", "Henk", "Annemarie", "Wouter", "Karin", "Nynke", "Jessica", "Nico",
    "Hanneke", "Gerrit", "Willemijn", "Sietse", "Ilse", "Koen", "Maartje", "Rik", "Samira",
)  # fmt: skip
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "van Dam", "El Amrani", "Yilmaz", "Bouzid", "Kaya", "Joustra", "Ooms",
)  # fmt: skip
ROLES = (
    "Beleidsadviseur sociaal domein", "Wijkcoach", "Projectleider participatie", "Opbouwwerker",
    "Onderzoeker co-creatie", "Coördinator vrijwilligers", "Jongerenwerker",
    "Programmamanager wonen", "Docent sociaal werk", "Bewonersconsulent",
    "Klantmanager werk en inkomen", "Adviseur gezondheidsbevordering", "Gebiedsmakelaar",
    "Buurtbewoner", "Ervaringsdeskundige", "Beleidsmedewerker jeugd", "Raadslid",
    "Zorgcoördinator", "Communicatieadviseur", "Wijkverpleegkundige",
)  # fmt: skip
TAGS = (
    "buurthuis", "ontmoeting", "verhalen", "wijkplan", "evaluatie", "samenwerking", "jongeren",
    "living lab", "mantelzorg", "eenzaamheid", "armoede", "wonen", "jeugd", "zorg", "ouderen",
    "groen", "veiligheid", "participatie", "burgerberaad", "wijkbudget", "sport", "onderwijs",
    "gezondheid", "energie", "klimaat", "mobiliteit", "cultuur", "digitaal", "inclusie", "taal",
    "werk", "schulden", "dagbesteding", "vrijwilligers", "buurtteam", "omgevingswet",
    "speelruimte", "huisvesting", "statushouders", "informele zorg",
)  # fmt: skip
FREE_MAIL_DOMAINS = ("example.org", "example.com", "example.net")
PROVINCES = (
    "Utrecht", "Gelderland", "Overijssel", "Drenthe", "Groningen", "Friesland", "Flevoland",
    "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
)  # fmt: skip
MINISTRIES = (
    "Binnenlandse Zaken en Koninkrijksrelaties", "Volksgezondheid, Welzijn en Sport",
    "Sociale Zaken en Werkgelegenheid", "Volkshuisvesting en Ruimtelijke Ordening",
    "Onderwijs, Cultuur en Wetenschap", "Infrastructuur en Waterstaat",
)  # fmt: skip
WATERS = (
    "Rivierenland", "Vallei en Veluwe", "De Stichtse Rijnlanden", "Rijn en IJssel",
    "Aa en Maas", "Hunze en Aa's", "Zuiderzeeland", "Vechtstromen", "Delfland", "Rijnland",
    "Brabantse Delta", "Limburg",
)  # fmt: skip
TEAMS = (
    "sociaal domein", "wonen", "jeugd", "participatie", "openbare ruimte", "zorg en welzijn",
    "werk en inkomen", "duurzaamheid",
)  # fmt: skip

# Organisation kinds with their share and name patterns ({P} place, {W} district, ...).
ORGANISATION_KINDS = (
    (Organisation.Kind.MUNICIPALITY, 35, ("Gemeente {P}", "Gemeente {P}, team {team}"), True),
    (Organisation.Kind.PROVINCE, 3, ("Provincie {prov}", "Provincie {prov}, team {team}"), True),
    (
        Organisation.Kind.NATIONAL,
        3,
        ("Ministerie van {min}", "Ministerie van {min}, programma {team}"),
        True,
    ),
    (
        Organisation.Kind.WATER_BOARD,
        3,
        ("Waterschap {water}", "Hoogheemraadschap {water}, team {team}"),
        True,
    ),
    (
        Organisation.Kind.CIVIL_SOCIETY,
        20,
        (
            "Stichting Welzijn {P}",
            "Buurtteam {P} {W}",
            "Woningcorporatie {P} Wonen",
            "GGD regio {P}",
            "Bibliotheek {P}",
            "Vluchtelingenwerk {P}",
            "Sportbedrijf {P}",
        ),
        False,
    ),
    (
        Organisation.Kind.KNOWLEDGE,
        8,
        ("Hogeschool {P}", "Kenniscentrum {team} {P}", "ROC {P}"),
        True,
    ),
    (
        Organisation.Kind.RESIDENTS,
        15,
        ("Buurtcoöperatie {W}, {P}", "Bewonersvereniging {W} {P}", "Wijkraad {P} {W}"),
        False,
    ),
    (
        Organisation.Kind.OTHER,
        13,
        ("Netwerk {team} {P}", "Coöperatie Samen {P}", "Adviesbureau {P} Participatie"),
        False,
    ),
)

HIDDEN_REASON = "Bevat persoonsgegevens."
MODERATOR_MESSAGES = ("Dank je wel, gepubliceerd.", "Mooi en concreet verhaal. Gepubliceerd!", "")


class SeedRefused(Exception):
    """The seeder will not run here (wrong database, bench data present, no demo content)."""


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=None)
def _slug_base(text: str, max_length: int = 60) -> str:
    """Like ``community.services.unique_slug``: cut at a word boundary."""
    base = slugify(text)
    if len(base) > max_length:
        base = base[: max_length + 1].rsplit("-", 1)[0]
    return base[:max_length].strip("-") or "item"


# The analysed columns of a search row (the vector on PostgreSQL, the terms on SQLite).
ANALYSED_FIELDS = ("search_vector", "title_terms", "summary_terms", "body_terms")
EMPTY = {"search_vector": None, "title_terms": "", "summary_terms": "", "body_terms": ""}


def _plain(text: str) -> str:
    """What ``markdown_to_text`` makes of our generated texts (plain paragraphs)."""
    return " ".join(text.split())


def _paragraphs_html(paragraphs: list[str]) -> str:
    """What ``render_markdown`` makes of plain paragraphs, without the Markdown run."""
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


class UniqueSlugs:
    """Slugs as ``unique_slug`` makes them (``base``, ``base-2``, ...), without a query each."""

    def __init__(self, taken, max_length: int = 60):
        self.taken = set(taken)
        self.max_length = max_length
        self.next_number: dict[str, int] = {}

    def make(self, text: str) -> str:
        base = _slug_base(text, self.max_length)
        number = self.next_number.get(base, 1)
        slug = base if number == 1 else f"{base}-{number}"
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.next_number[base] = number + 1
        self.taken.add(slug)
        return slug

    def claim(self, slug: str) -> str:
        self.taken.add(slug)
        return slug


class Texts:
    """Dutch sentences from the word lists, drawn from pools for speed."""

    def __init__(self, rng: random.Random, pool_size: int = 4_000):
        self.rng = rng
        self.sentences = [self.fill(rng.choice(SENTENCES)) for _ in range(pool_size)]
        self.common = [
            self.fill(rng.choice(SENTENCES), group=COMMON_WORD) for _ in range(pool_size // 4)
        ]
        self.without_common = [
            self.fill(rng.choice(SENTENCES), groups=GROUPS_WITHOUT_COMMON_WORD)
            for _ in range(pool_size // 2)
        ]
        self.comments = [self._comment() for _ in range(pool_size * 5)]

    def fill(self, template: str, *, group: str | None = None, groups=GROUPS) -> str:
        rng = self.rng
        group = group or rng.choice(groups)
        other = rng.choice(groups)
        topic = rng.choice(TOPICS)
        moment = rng.choice(TIMES)
        return template.format(
            G=group,
            Gc=_capitalise(group),
            G2=other if other != group else "professionals",
            T=topic,
            Tc=_capitalise(topic),
            A=rng.choice(ADJECTIVES),
            N=rng.choice(NOUNS),
            V=rng.choice(VERBS),
            P=rng.choice(PLACES),
            W=rng.choice(DISTRICTS),
            Z=moment,
            Zc=_capitalise(moment),
        )

    def _comment(self) -> str:
        rng = self.rng
        parts = [self.fill(template) for template in rng.sample(COMMENTS, rng.randint(1, 2))]
        if rng.random() < 0.5:
            parts.append(rng.choice(self.sentences))
        return " ".join(parts)

    def paragraph(self, low: int = 2, high: int = 4) -> str:
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(low, high)))

    def summary(self, with_common_word: bool) -> str:
        rng = self.rng
        first = rng.choice(self.common if with_common_word else self.without_common)
        return f"{first} {rng.choice(self.without_common)}"

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)


@lru_cache(maxsize=None)
def _mail_name(first: str, last: str) -> str:
    return f"{slugify(first)}.{slugify(last).replace('-', '')}"


class Writer:
    """Inserts rows: ``COPY`` on PostgreSQL, ``executemany`` elsewhere; reports speed."""

    def __init__(self, out):
        self.out = out
        self.copy = connection.vendor == "postgresql"
        self.timings: list[tuple[str, int, float]] = []

    def say(self, line: str) -> None:
        self.out.write(f"{line}\n")
        self.out.flush()

    def report(self, label: str, rows: int, started: float, unit: str = "rows") -> None:
        elapsed = time.perf_counter() - started
        self.timings.append((label, rows, elapsed))
        rate = rows / elapsed if elapsed > 0 else 0
        self.say(f"{label:<24} {rows:>10,} {unit:<6} {elapsed:8.1f} s {rate:>12,.0f} {unit}/s")

    def report_time(self, label: str, started: float) -> None:
        elapsed = time.perf_counter() - started
        self.timings.append((label, 0, elapsed))
        self.say(f"{label:<24} {'':>17} {elapsed:8.1f} s")

    def rows(
        self, label: str, model, fields, rows, *, total: int = 0, started=None, table=None
    ) -> int:
        """Insert ``rows`` (tuples in the order of ``fields``) into ``model``'s table, or
        into ``table`` with the same columns."""
        started = time.perf_counter() if started is None else started
        meta = model._meta
        columns = [meta.get_field(name) for name in fields]
        quote = connection.ops.quote_name
        table = quote(table or meta.db_table)
        names = ", ".join(quote(field.column) for field in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.copy:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                        if count % PROGRESS_EVERY == 0:
                            self._progress(label, count, total, started)
            else:
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
                batch = []
                for row in rows:
                    batch.append(
                        [
                            field.get_db_prep_value(value, connection)
                            for field, value in zip(columns, row, strict=True)
                        ]
                    )
                    if len(batch) == BATCH_SIZE:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        self.report(label, count, started)
        return count

    def objects(self, label: str, model, objects, *, started=None) -> int:
        started = time.perf_counter() if started is None else started
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        self.report(label, len(objects), started)
        return len(objects)

    def _progress(self, label: str, count: int, total: int, started: float) -> None:
        elapsed = time.perf_counter() - started
        of = f" of {total:,}" if total else ""
        self.say(f"  {label}: {count:,}{of} rows, {count / elapsed:,.0f} rows/s")


def reserve_ids(model, count: int) -> int:
    """Reserve ``count`` consecutive ids for ``model`` and return the first.

    PostgreSQL: the table's sequence is moved past them, so later inserts that let the
    database pick the id never collide. SQLite picks max(id) + 1 for a new row anyway.
    """
    meta = model._meta
    table, column = meta.db_table, meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")
        first = cursor.fetchone()[0] + 1
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table), column])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = max(first, cursor.fetchone()[0])
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + max(count, 1) - 1])
    return first


class Generator:
    def __init__(self, sizes: Scale, *, fresh: bool, random_seed: int, out):
        self.sizes = sizes
        self.fresh = fresh
        self.rng = random.Random(random_seed)
        self.texts = Texts(self.rng)
        self.write = Writer(out)
        self.now = time.time()
        self.counts: dict[str, int] = {}
        self.phases = list(Phase.objects.order_by("order"))
        self.challenge_ids = list(Challenge.objects.order_by("number").values_list("id", flat=True))
        self.case_type = ContentType.objects.get_for_model(Case)
        self.password = make_password(BENCH_PASSWORD)

    # --- Organisations and members -------------------------------------------------------

    def organisations(self) -> None:
        started = time.perf_counter()
        rng = self.rng
        count = self.sizes.organisations
        first = reserve_ids(Organisation, count)
        taken_names = {name.lower() for name in Organisation.objects.values_list("name", flat=True)}
        slugs = UniqueSlugs(Organisation.objects.values_list("slug", flat=True), max_length=60)
        kinds = [kind for kind, *_ in ORGANISATION_KINDS]
        cum_weights = list(accumulate(share for _, share, *_ in ORGANISATION_KINDS))
        patterns = {kind: (names, domain) for kind, _, names, domain in ORGANISATION_KINDS}
        objects = []
        self.organisation_list = []  # (id, name, e-mail domain or "")
        for index in range(count):
            kind = rng.choices(kinds, cum_weights=cum_weights)[0]
            names, has_domain = patterns[kind]
            for attempt in range(50):
                name = rng.choice(names).format(
                    P=rng.choice(PLACES),
                    W=rng.choice(DISTRICTS),
                    prov=rng.choice(PROVINCES),
                    min=rng.choice(MINISTRIES),
                    water=rng.choice(WATERS),
                    team=rng.choice(TEAMS),
                )
                if attempt > 40:
                    name = f"{name} {attempt}"
                if name.lower() not in taken_names:
                    break
            taken_names.add(name.lower())
            slug = slugs.make(name)
            domain = f"{slug}.example" if has_domain else ""
            objects.append(
                Organisation(
                    id=first + index, name=name, slug=slug, kind=kind, email_domains=domain
                )
            )
            self.organisation_list.append((first + index, name, domain))
        self.counts["organisations"] = self.write.objects(
            "organisations", Organisation, objects, started=started
        )

    def members(self) -> None:
        started = time.perf_counter()
        rng = self.rng
        count = self.sizes.members
        first = reserve_ids(User, count)
        slugs = UniqueSlugs(Profile.objects.values_list("slug", flat=True), max_length=60)
        organisations = self.organisation_list
        # Big organisations have many members: a skewed choice.
        org_weights = list(accumulate(rng.paretovariate(1.2) for _ in organisations))
        users, addresses, profiles = [], [], []
        self.member_list = []  # (id, e-mail, display name, organisation name)
        self.member_organisation = []  # organisation id or None, per member
        for index in range(count):
            user_id = first + index
            if index == 0 and self.fresh:
                first_name, last_name = "Bench", "Lid"
                organisation = organisations[0]
                email, verified = BENCH_MEMBER_EMAIL, False
                slug = slugs.claim(BENCH_MEMBER_SLUG)
                role = "Beleidsadviseur participatie"
                bio = "Ik test hoe snel de site is. " + self.texts.paragraph()
            else:
                first_name, last_name = self.texts.person()
                organisation = None
                if rng.random() < 0.65:
                    organisation = rng.choices(organisations, cum_weights=org_weights)[0]
                verified = bool(organisation and organisation[2]) and rng.random() < 0.6
                domain = organisation[2] if verified else rng.choice(FREE_MAIL_DOMAINS)
                email = f"{_mail_name(first_name, last_name)}.{user_id}@{domain}"
                slug = slugs.make(f"{first_name} {last_name}")
                role = rng.choice(ROLES) if rng.random() < 0.8 else ""
                bio = self.texts.paragraph(1, 2) if rng.random() < 0.3 else ""
            joined = self.now - rng.uniform(30 * DAY, 3.5 * YEAR)
            last_login = rng.uniform(joined, self.now) if rng.random() < 0.8 else None
            display_name = f"{first_name} {last_name}"
            users.append(
                User(
                    id=user_id,
                    email=email,
                    password=self.password,
                    first_name=first_name,
                    last_name=last_name,
                    is_active=True,
                    date_joined=_moment(joined),
                    last_login=_moment(last_login) if last_login else None,
                )
            )
            addresses.append(
                EmailAddress(user_id=user_id, email=email, verified=True, primary=True)
            )
            profiles.append(
                Profile(
                    user_id=user_id,
                    slug=slug,
                    display_name=display_name,
                    organisation_id=organisation[0] if organisation else None,
                    role=role,
                    bio=bio,
                    is_listed=True,
                    is_verified_member=verified,
                )
            )
            self.member_list.append(
                (user_id, email, display_name, organisation[1] if organisation else "")
            )
            self.member_organisation.append(organisation[0] if organisation else None)
        self.counts["members"] = self.write.objects("members (users)", User, users, started=started)
        self.counts["email_addresses"] = self.write.objects(
            "members (e-mail)", EmailAddress, addresses
        )
        self.counts["profiles"] = self.write.objects("members (profiles)", Profile, profiles)

    # --- Cases -------------------------------------------------------------------------

    def tags(self) -> None:
        """The tag list, reusing existing tags (names are case-insensitive here). Made with
        ``bulk_create`` like everything else: no ``save()``, so no signal handlers run."""
        started = time.perf_counter()
        existing = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}
        missing = [name for name in TAGS if name.lower() not in existing]
        first = reserve_ids(Tag, len(missing))
        slugs = UniqueSlugs(Tag.objects.values_list("slug", flat=True), max_length=100)
        tags = [
            Tag(id=first + index, name=name, slug=slugs.make(name))
            for index, name in enumerate(missing)
        ]
        self.counts["tags_created"] = self.write.objects("tags", Tag, tags, started=started)
        existing.update({tag.name.lower(): tag.id for tag in tags})
        self.tag_ids = [existing[name.lower()] for name in TAGS]

    def cases(self) -> None:
        started = time.perf_counter()
        rng = self.rng
        count = self.sizes.cases
        self.first_case = first = reserve_ids(Case, count)
        self.case_published_at: list[float | None] = []
        slugs = UniqueSlugs(Case.objects.values_list("slug", flat=True), max_length=60)
        members = len(self.member_list)
        generic_members = range(1 if self.fresh else 0, members)
        author_weights = list(accumulate(rng.lognormvariate(0, 1.2) for _ in generic_members))

        special = {}  # case index -> (author index, status, published some days ago)
        if self.fresh:
            special[0] = (rng.choice(generic_members), Case.Status.PUBLISHED, 45)
            statuses = [Case.Status.PUBLISHED] * BENCH_MEMBER_PUBLISHED_CASES
            statuses += [Case.Status.SUBMITTED, Case.Status.DRAFT]
            for offset, status in enumerate(statuses, start=1):
                special[offset] = (0, status, rng.uniform(10, 900))
        generic = range(len(special), count)
        rare = set(rng.sample(generic, RARE_WORD_CASES)) if self.fresh else set()

        url_placeholder = "bench-slug-placeholder"
        url_prefix, url_suffix = reverse(
            "community:case_detail", kwargs={"slug": url_placeholder}
        ).split(url_placeholder)
        self.case_phase_rows, self.case_challenge_rows, self.case_tag_rows = [], [], []
        self.search_rows = []
        phase_ids = [phase.id for phase in self.phases]
        phase_slugs = {phase.id: phase.slug for phase in self.phases}
        tag_names = dict(Tag.objects.filter(id__in=self.tag_ids).values_list("id", "name"))
        challenge_ids = self.challenge_ids
        tag_ids = self.tag_ids
        texts = self.texts
        now = self.now

        def rows():
            for index in range(count):
                case_id = first + index
                featured = False
                if index in special:
                    author_index, status, days_ago = special[index]
                    published = now - days_ago * DAY if status == Case.Status.PUBLISHED else None
                else:
                    author_index = rng.choices(generic_members, cum_weights=author_weights)[0]
                    draw = rng.random()
                    if draw < 0.95 or index in rare:
                        status = Case.Status.PUBLISHED
                        published = now - rng.uniform(3600, 3 * YEAR)
                        featured = draw < 0.005
                    else:
                        status = Case.Status.SUBMITTED if draw < 0.98 else Case.Status.DRAFT
                        published = None
                if index == 0 and self.fresh:
                    title = "Tweehonderd reacties: het wijkplan van en voor bewoners"
                    slug = slugs.claim(BENCH_CASE_SLUG)
                else:
                    title = texts.fill(rng.choice(TITLES))
                    slug = slugs.make(title)
                summary = texts.summary(with_common_word=rng.random() < 0.9)
                paragraphs = [texts.paragraph() for _ in range(rng.randint(2, 4))]
                if index in rare:
                    paragraphs.insert(1, RARE_SENTENCE)
                body = "\n\n".join(paragraphs)
                worked = [texts.paragraph(1, 2)] if rng.random() < 0.9 else []
                differently = [texts.paragraph(1, 2)] if rng.random() < 0.7 else []

                if published is not None:
                    submitted = published - rng.uniform(3600, 5 * DAY)
                    created = submitted - rng.uniform(0, 30 * DAY)
                    updated = published if rng.random() < 0.8 else rng.uniform(published, now)
                elif status == Case.Status.SUBMITTED:
                    created = now - rng.uniform(DAY, 60 * DAY)
                    submitted = updated = rng.uniform(created, now)
                else:
                    created = now - rng.uniform(DAY, 120 * DAY)
                    submitted, updated = None, rng.uniform(created, now)
                self.case_published_at.append(published)

                case_phases = rng.sample(phase_ids, min(len(phase_ids), rng.randint(1, 2)))
                for phase_id in case_phases:
                    self.case_phase_rows.append((case_id, phase_id))
                for challenge_id in rng.sample(
                    challenge_ids, min(len(challenge_ids), rng.randint(1, 3))
                ):
                    self.case_challenge_rows.append((case_id, challenge_id))
                case_tags = rng.sample(tag_ids, rng.randint(0, 3))
                for tag_id in case_tags:
                    self.case_tag_rows.append((self.case_type.id, case_id, tag_id))

                worked_text, differently_text = "\n\n".join(worked), "\n\n".join(differently)
                updated_at = _moment(updated)
                if published is not None:
                    # What ``cocreatie.core.search.index_update`` stores for a published case.
                    search_body = " ".join(
                        _plain(text) for text in (body, worked_text, differently_text)
                    )
                    title_text, summary_text = clean_text(title), clean_text(summary)
                    body_text = clean_text(search_body)
                    searched_summary = " ".join([summary_text, *(tag_names[t] for t in case_tags)])
                    terms = analysed(title_text, searched_summary, body_text)
                    slugs_of_phases = " ".join(sorted(phase_slugs[p] for p in case_phases))
                    self.search_rows.append(
                        (
                            self.case_type.id,
                            case_id,
                            Case.kind_label,
                            title_text,
                            summary_text,
                            body_text,
                            f"{url_prefix}{slug}{url_suffix}",
                            updated_at,
                            f" {slugs_of_phases} ",
                            *(terms.get(name, EMPTY[name]) for name in ANALYSED_FIELDS),
                        )
                    )
                yield (
                    case_id,
                    self.member_list[author_index][0],
                    self.member_organisation[author_index],
                    title,
                    slug,
                    summary,
                    body,
                    _paragraphs_html(paragraphs),
                    worked_text,
                    _paragraphs_html(worked),
                    differently_text,
                    _paragraphs_html(differently),
                    status,
                    rng.choice(MODERATOR_MESSAGES) if published else "",
                    featured,
                    False,
                    "",
                    None,
                    _moment(submitted) if submitted else None,
                    _moment(published) if published else None,
                    _moment(created),
                    updated_at,
                )

        fields = (
            "id", "author", "organisation", "title", "slug", "summary", "body", "body_html",
            "what_worked", "what_worked_html", "do_differently", "do_differently_html",
            "status", "moderator_message", "is_featured", "is_hidden", "hidden_reason",
            "review_requested_at", "submitted_at", "published_at", "created_at", "updated_at",
        )  # fmt: skip
        self.counts["cases"] = self.write.rows(
            "cases", Case, fields, rows(), total=count, started=started
        )
        self.counts["cases_published"] = len(self.search_rows)
        self.counts["case_phases"] = self.write.rows(
            "case phases", Case.phases.through, ("case", "phase"), self.case_phase_rows
        )
        self.counts["case_challenges"] = self.write.rows(
            "case challenges",
            Case.challenges.through,
            ("case", "challenge"),
            self.case_challenge_rows,
        )
        self.counts["case_tags"] = self.write.rows(
            "case tags", TaggedItem, ("content_type", "object_id", "tag"), self.case_tag_rows
        )
        del self.case_phase_rows, self.case_challenge_rows, self.case_tag_rows

    def search_documents(self) -> None:
        # What ``cocreatie.core.search.index_update`` stores for a published case, analysed
        # in Python while the cases were made; on PostgreSQL the vocabulary trigger fills
        # the suggestion words from the same COPY.
        fields = (
            "content_type", "object_id", "kind", "title", "summary", "body", "url", "updated_at",
            "phases", *ANALYSED_FIELDS,
        )  # fmt: skip
        self.counts["search_documents"] = self.write.rows(
            "search documents",
            SearchDocument,
            fields,
            self.search_rows,
            total=len(self.search_rows),
        )
        del self.search_rows

    def comments(self) -> None:
        started = time.perf_counter()
        rng = self.rng
        total = self.sizes.comments
        now = self.now
        published = [
            (index, moment)
            for index, moment in enumerate(self.case_published_at)
            if moment is not None and not (self.fresh and index == 0)
        ]
        # A few popular cases get many comments, most get a handful.
        weights = list(accumulate(rng.lognormvariate(0, 1.0) for _ in published))
        bench_count = BENCH_CASE_COMMENTS if self.fresh else 0
        picks = rng.choices(published, cum_weights=weights, k=total - bench_count)
        if self.fresh:
            picks.extend([(0, self.case_published_at[0])] * bench_count)
        # Sorted by time, so that ids follow the order in which comments were written.
        span = self.sizes.cases
        keys = [
            int(moment + (now - moment) * rng.random() ** 2) * span + index
            for index, moment in picks
        ]
        del picks
        keys.sort()
        members = len(self.member_list)
        member_ids = [member[0] for member in self.member_list]
        bodies = self.texts.comments
        # Rendered once per text, as a comment's save() would.
        bodies_html = [render_markdown(body, tags=COMMENT_TAGS) for body in bodies]
        first_case = self.first_case
        bench = self.fresh

        def rows():
            randrange, random_ = rng.randrange, rng.random
            for key in keys:
                moment, index = divmod(key, span)
                hidden = random_() < 0.005 and not (bench and index == 0)
                body = randrange(len(bodies))
                yield (
                    first_case + index,
                    member_ids[randrange(members)],
                    bodies[body],
                    bodies_html[body],
                    hidden,
                    HIDDEN_REASON if hidden else "",
                    None,
                    _moment(moment),
                )

        fields = (
            "case", "author", "body", "body_html", "is_hidden", "hidden_reason",
            "review_requested_at", "created_at",
        )  # fmt: skip
        self.counts["comments"] = self.write.rows(
            "comments", Comment, fields, rows(), total=total, started=started
        )

    # --- Sessions ------------------------------------------------------------------------

    def series(self) -> None:
        started = time.perf_counter()
        rng = self.rng
        texts = self.texts
        count = self.sizes.series
        first = reserve_ids(SessionSeries, count)
        first_session = reserve_ids(Session, count * SESSIONS_PER_SERIES)
        slugs = UniqueSlugs(SessionSeries.objects.values_list("slug", flat=True), max_length=60)
        tips_html = render_markdown(JOINING_TIPS)
        organisation_names = [name for _, name, _ in self.organisation_list]
        self.series_plan = []  # (series id, announced at, [(session id, start, end, capacity)])
        series_rows, sessions = [], []
        for index in range(count):
            series_id = first + index
            # Weekly sessions; the first one between about half a year ago and half a year
            # ahead, so that about half of all sessions lie in the past.
            day = datetime.fromtimestamp(self.now, AMSTERDAM).date()
            day += timedelta(days=rng.randint(-190, 169))
            hour, minute = rng.choice(((10, 0), (13, 30), (15, 0), (19, 30)))
            announced = min(
                datetime.combine(day, datetime.min.time(), AMSTERDAM).timestamp() - 75 * DAY,
                self.now - 7 * DAY,
            )
            title = texts.fill(rng.choice(SERIES_TITLES))
            introduction = [texts.paragraph(), texts.paragraph()]
            organiser = rng.choice(organisation_names)
            series_rows.append(
                (
                    series_id,
                    title,
                    slugs.make(title),
                    texts.summary(with_common_word=rng.random() < 0.5)[:400],
                    "\n\n".join(introduction),
                    _paragraphs_html(introduction),
                    organiser[:300],
                    rng.choice(organisation_names)[:300] if rng.random() < 0.5 else "",
                    JOINING_TIPS,
                    tips_html,
                    True,
                    _moment(announced - DAY),
                    _moment(announced - DAY),
                )
            )
            planned = []
            for order in range(1, SESSIONS_PER_SERIES + 1):
                session_id = first_session + index * SESSIONS_PER_SERIES + order - 1
                start = datetime.combine(
                    day + timedelta(weeks=order - 1),
                    datetime.min.time().replace(hour=hour, minute=minute),
                    AMSTERDAM,
                )
                end = start + timedelta(hours=1)
                capacity = 100 if rng.random() < 0.7 else None
                phase = self.phases[(order - 1) % len(self.phases)] if self.phases else None
                topic = rng.choice(TOPICS)
                description = texts.paragraph()
                first_name, last_name = texts.person()
                sessions.append(
                    Session(
                        id=session_id,
                        series_id=series_id,
                        order=order,
                        title=f"{phase.short_title if phase else 'Sessie'}: {topic}"[:200],
                        phase=phase,
                        description=description,
                        description_html=_paragraphs_html([description]),
                        speaker=f"{first_name} {last_name}, {rng.choice(ROLES).lower()}"[:300],
                        starts_at=start,
                        ends_at=end,
                        capacity=capacity,
                        status=Session.Status.PLANNED,
                        meeting_url=f"https://teams.example/bench/{series_id}-{order}",
                    )
                )
                planned.append((session_id, start.timestamp(), end.timestamp(), capacity))
            self.series_plan.append((series_id, announced, planned))
        fields = (
            "id", "title", "slug", "summary", "introduction", "introduction_html", "organisers",
            "partner", "joining_tips", "joining_tips_html", "is_published", "created_at",
            "updated_at",
        )  # fmt: skip
        self.counts["series"] = self.write.rows(
            "session series", SessionSeries, fields, series_rows, started=started
        )
        self.counts["sessions"] = self.write.objects("sessions", Session, sessions)

    def registrations(self) -> None:
        started = time.perf_counter()
        rng = self.rng
        total = self.sizes.registrations
        first = reserve_ids(Registration, total)
        plans = self.series_plan
        # Popular and quiet series, and within a series a popular first session.
        weights = list(accumulate(rng.lognormvariate(0, 0.6) for _ in plans))
        per_series = Counter(rng.choices(range(len(plans)), cum_weights=weights, k=total))
        members = self.member_list
        organisation_names = [name for _, name, _ in self.organisation_list]
        now = self.now
        seats = []  # (registration id, session id, status, requested at, changed at)
        self.seat_rows = seats

        def rows():
            registration_id = first
            for index, (series_id, announced, planned) in enumerate(plans):
                wanted = per_series[index]
                session_weights = [rng.uniform(0.5, 1.5) * (1.6 - 0.2 * n) for n in range(4)]
                chosen = rng.choices(planned, weights=session_weights, k=wanted)
                # Each person signs up at a share of the time between the announcement and
                # the closing of their session. Sorted by that share, not by the moment,
                # the order (and so every later draw) does not depend on the time of day
                # the seeder runs; within a session it is the order of the moments.
                people = []
                for session in chosen:
                    closes = max(min(now, session[1] - 3600), announced + 60)
                    share = rng.random()
                    people.append((share, announced + share * (closes - announced), session))
                people.sort(key=lambda person: person[0])
                as_member = iter(
                    rng.sample(range(len(members)), min(len(members), int(wanted * 0.25)))
                )
                confirmed = Counter()
                for _share, requested, session in people:
                    session_id, starts, ends, capacity = session
                    member = next(as_member, None) if rng.random() < 0.25 else None
                    if member is not None:
                        user_id, email, name, organisation = members[member]
                    else:
                        first_name, last_name = self.texts.person()
                        user_id, name = None, f"{first_name} {last_name}"
                        mail_name = _mail_name(first_name, last_name)
                        email = f"{mail_name}.{registration_id}@{rng.choice(FREE_MAIL_DOMAINS)}"
                        organisation = rng.choice(organisation_names) if rng.random() < 0.7 else ""
                    token = base64.urlsafe_b64encode(rng.randbytes(24)).decode()
                    moment = _moment(requested)
                    yield (
                        registration_id,
                        series_id,
                        f"{token}{registration_id:x}",
                        user_id,
                        name[:120],
                        email,
                        organisation[:150],
                        rng.choice(ROLES) if rng.random() < 0.8 else "",
                        moment,
                        moment,
                        None,
                        "en" if registration_id % 20 == 0 else "nl",  # one in twenty
                    )
                    if rng.random() < 0.06:
                        status, changed = (
                            "c",
                            rng.uniform(requested, max(requested, min(now, ends))),
                        )
                    elif capacity is None or confirmed[session_id] < capacity:
                        status, changed = "+", requested
                        confirmed[session_id] += 1
                    else:
                        status, changed = "w", requested
                    seats.append((registration_id, session_id, status, requested, changed))
                    registration_id += 1

        fields = (
            "id", "series", "token", "user", "name", "email", "organisation", "role",
            "consent_at", "created_at", "anonymised_at", "language",
        )  # fmt: skip
        self.counts["registrations"] = self.write.rows(
            "registrations", Registration, fields, rows(), total=total, started=started
        )

    def seats(self) -> None:
        started = time.perf_counter()
        sessions = {
            session_id: (starts, ends)
            for _, _, planned in self.series_plan
            for session_id, starts, ends, _ in planned
        }
        statuses = {
            "+": Seat.Status.CONFIRMED,
            "w": Seat.Status.WAITING,
            "c": Seat.Status.CANCELLED,
        }
        now = self.now
        reminder = REMINDER_BEFORE.total_seconds()

        def rows():
            for registration_id, session_id, status, requested, changed in self.seat_rows:
                starts, ends = sessions[session_id]
                reminded = invited = attended = None
                if status == "+":
                    if starts - reminder <= now:
                        reminded = _moment(max(starts - reminder, requested))
                    if ends + 1800 <= now:
                        invited = _moment(ends + 1800)
                    # About one in ten who registered did not come.
                    if ends <= now and (registration_id + session_id) % 10:
                        attended = _moment(starts + 300)
                yield (
                    registration_id,
                    session_id,
                    statuses[status],
                    _moment(requested),
                    _moment(changed),
                    reminded,
                    invited,
                    attended,
                    0,
                )

        fields = (
            "registration", "session", "status", "requested_at", "status_changed_at",
            "reminder_sent_at", "evaluation_invited_at", "attended_at", "ics_sequence",
        )  # fmt: skip
        self.counts["seats"] = self.write.rows(
            "seats", Seat, fields, rows(), total=len(self.seat_rows), started=started
        )
        del self.seat_rows

    def run(self) -> None:
        self.organisations()
        self.members()
        self.tags()
        self.cases()
        self.search_documents()
        self.comments()
        self.series()
        self.registrations()
        self.seats()

    def analyse(self) -> None:
        """Fresh statistics for the planner; on PostgreSQL also set the visibility map
        (as autovacuum would) and clear the rows the search-vector update left behind."""
        started = time.perf_counter()
        models = (
            User, EmailAddress, Profile, Organisation, Tag, TaggedItem, Case,
            Case.phases.through, Case.challenges.through, Comment, SearchDocument,
            SessionSeries, Session, Registration, Seat,
        )  # fmt: skip
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                tables = ", ".join(quote(model._meta.db_table) for model in models)
                cursor.execute(f"VACUUM (ANALYZE) {tables}")
                label = "vacuum analyze"
            else:
                cursor.execute("ANALYZE")
                label = "analyze"
        self.write.report(label, len(models), started, unit="tables")


def _has_bench_data() -> bool:
    return (
        Case.objects.filter(slug=BENCH_CASE_SLUG).exists()
        or Profile.objects.filter(slug=BENCH_MEMBER_SLUG).exists()
        or User.objects.filter(email__iexact=BENCH_MEMBER_EMAIL).exists()
    )


def seed(scale: str, stdout=None, *, force: bool = False, random_seed: int = SEED) -> dict:
    """Fill the database with the generated data of ``scale`` and return the row counts.

    ``stdout`` (default ``sys.stdout``) gets a progress line per table. Raises
    ``SeedRefused`` on an unknown scale, ``full`` outside PostgreSQL, a database without
    the roadmap demo content, or bench data already present (unless ``force``).
    """
    out = stdout or sys.stdout
    if scale not in SCALES:
        raise SeedRefused(f"Unknown scale {scale!r}: choose from {', '.join(SCALES)}.")
    if scale == "full" and connection.vendor != "postgresql":
        raise SeedRefused(
            f"The full scale runs on PostgreSQL only (this is {connection.vendor}): set "
            "DATABASE_URL=postgres://... or use --scale small."
        )
    if not Phase.objects.exists() or not Challenge.objects.exists():
        raise SeedRefused(
            "No roadmap phases or challenges: run `manage.py migrate` and "
            "`manage.py load_demo_content --no-accounts` first."
        )
    fresh = not _has_bench_data()
    if not fresh and not force:
        raise SeedRefused(
            f"This database already holds bench data (case {BENCH_CASE_SLUG!r} or member "
            f"{BENCH_MEMBER_SLUG!r}). Use a fresh database, or --force to add another set."
        )
    sizes = SCALES[scale]
    out.write(
        f"Seeding scale {scale!r} into {connection.vendor} database "
        f"{connection.settings_dict['NAME']!r}: {asdict(sizes)}\n"
    )
    if not fresh:
        out.write("Bench data found (--force): adding another set, keeping the fixed points.\n")
    out.flush()

    started = time.perf_counter()
    generator = Generator(sizes, fresh=fresh, random_seed=random_seed, out=out)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at the commit,
            # all at once. Checked after each statement instead, every table's time
            # includes its checks (the same work; the rows always come after their targets).
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        generator.run()
        committing = time.perf_counter()
    generator.write.report_time("commit", committing)
    generator.analyse()
    elapsed = time.perf_counter() - started

    counts = generator.counts
    member = Profile.objects.select_related("user").filter(slug=BENCH_MEMBER_SLUG).first()
    out.write(f"Done in {elapsed:.1f} s.\n")
    if member is not None:
        out.write(
            f"Log in as the bench member ({BENCH_MEMBER_SLUG}): {member.user.email} / "
            f"{BENCH_PASSWORD}\n"
        )
    out.flush()
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--scale", choices=list(SCALES), required=True)
    parser.add_argument(
        "--force", action="store_true", help="add another set even if bench data exists"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    try:
        seed(args.scale, force=args.force, random_seed=args.seed)
    except SeedRefused as error:
        sys.stderr.write(f"bench.seed: {error}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the API answers with: the schemas that django-ninja turns into the OpenAPI
document. Only public fields: what the site's own pages show to a visitor."""

from datetime import date, datetime

from ninja import Field, Schema

from cocreatie.api.paging import PageLinks

SLUGS = "De korte namen (slug) van de gepubliceerde items."


class Problem(Schema):
    """Een fout (RFC 9457, application/problem+json)."""

    type: str = Field(description="Het soort fout; about:blank als de status genoeg zegt.")
    title: str = Field(description="Korte omschrijving van de fout.")
    status: int = Field(description="De HTTP-status.")
    detail: str = Field(description="Wat er misging en wat je kunt doen.")
    instance: str = Field(description="Het adres dat je vroeg.")
    # camelCase: the name the REST API Design Rules give it.
    invalidParams: list[dict[str, str]] | None = Field(
        None, description="Bij een verkeerde parameter: de naam (name) en de reden (reason)."
    )


# What every item of the knowledge base has.
class Item(Schema):
    slug: str = Field(description="Korte naam in het adres; blijft hetzelfde.")
    title: str = Field(description="De titel.")
    summary: str = Field(description="Eén of twee zinnen, zonder opmaak.")
    body: str = Field(description="De tekst, met eenvoudige opmaaktekens (zoals **vet**).")
    body_html: str = Field(description="Dezelfde tekst als veilige HTML.")
    tags: list[str] = Field(description="De korte namen (slug) van de tags.")
    url: str = Field(description="De pagina op de website.")
    created_at: datetime = Field(description="Wanneer het item werd gemaakt.")
    updated_at: datetime = Field(description="Wanneer het item het laatst veranderde.")


class GuidingQuestion(Schema):
    question: str = Field(description="De vraag.")
    answer_html: str = Field(description="Het antwoord en de tips, als veilige HTML.")
    steps: list[str] = Field(description="De stappen, in volgorde.")


class Phase(Item):
    """Een fase van de cyclus van co-creatie."""

    order: int = Field(description="De plaats in de cyclus van co-creatie, vanaf 1.")
    short_title: str = Field(description="Een korte titel, bijvoorbeeld 'Ontwerpen'.")
    questions: list[GuidingQuestion] = Field(description="De leidende vragen van de fase.")


class Challenge(Item):
    """Een veelvoorkomend probleem en hoe pilots het aanpakten."""

    number: int = Field(description="Het nummer van de uitdaging.")
    phases: list[str] = Field(description=SLUGS)
    examples: list[str] = Field(description=SLUGS)
    tools: list[str] = Field(description=SLUGS)


class Example(Item):
    """Een uitgewerkt voorbeeld: een pilot of een regionale aanpak."""

    country: str = Field(description="Het land.")
    place: str = Field(description="De plaats, als die bekend is.")
    organisation: str = Field(description="De organisatie die het deed.")
    what_was_done_html: str = Field(description="Wat er gebeurde, als veilige HTML.")
    lessons_html: str = Field(description="Wat het leerde, als veilige HTML.")
    phases: list[str] = Field(description=SLUGS)
    tools: list[str] = Field(description=SLUGS)


class Tool(Item):
    """Een hulpmiddel of werkvorm."""

    kind: str = Field(description="methode, werkvorm, digitaal, bijeenkomst of ruimte.")
    when_to_use_html: str = Field(description="Wanneer je het gebruikt, als veilige HTML.")
    how_to_use_html: str = Field(description="Zo pak je het aan, als veilige HTML.")
    phases: list[str] = Field(description=SLUGS)


class Theme(Item):
    """Een thema van de landkaart."""

    order: int = Field(description="De plaats op de landkaart.")
    tools: list[str] = Field(description=SLUGS)
    examples: list[str] = Field(description=SLUGS)
    articles: list[str] = Field(description=SLUGS)


class Article(Item):
    """Een achtergrondartikel of opiniestuk."""

    kind: str = Field(description="achtergrond of opinie.")
    author: str = Field(description="De schrijver of de organisatie.")
    published_on: date | None = Field(description="Wanneer het artikel verscheen.")


class Tag(Schema):
    slug: str = Field(description="Korte naam in het adres.")
    name: str = Field(description="De naam van de tag.")
    url: str = Field(description="De pagina van de tag op de website.")


class Organisation(Schema):
    slug: str = Field(description="Korte naam in het adres.")
    name: str = Field(description="De naam van de organisatie.")
    kind: str = Field(description="Bijvoorbeeld gemeente, provincie of kennisinstelling.")


class Author(Schema):
    """Wie het verhaal schreef: alleen de naam die het lid koos."""

    display_name: str = Field(
        description="De naam die het lid zelf koos; 'voormalig lid' als het account weg is."
    )


class Case(Schema):
    """Een gepubliceerd praktijkverhaal van een lid."""

    slug: str = Field(description="Korte naam in het adres; blijft hetzelfde.")
    title: str = Field(description="De titel.")
    summary: str = Field(description="Een korte samenvatting, zonder opmaak.")
    body_html: str = Field(description="Wat er gebeurde, als veilige HTML.")
    what_worked_html: str = Field(description="Wat goed werkte, als veilige HTML.")
    do_differently_html: str = Field(
        description="Wat de schrijver nu anders zou doen, als veilige HTML."
    )
    author: Author = Field(description="Wie het verhaal schreef.")
    organisation: Organisation | None = Field(
        description="De organisatie waar het verhaal over gaat; null als die er niet bij staat."
    )
    phases: list[str] = Field(description=SLUGS)
    challenges: list[str] = Field(description=SLUGS)
    tags: list[str] = Field(description="De korte namen (slug) van de tags.")
    is_featured: bool = Field(description="Uitgelicht door de redactie.")
    published_at: datetime | None = Field(description="Wanneer het verhaal werd gepubliceerd.")
    updated_at: datetime = Field(description="Wanneer het verhaal het laatst veranderde.")
    url: str = Field(description="De pagina op de website.")


class Session(Schema):
    """Eén online sessie van een reeks. De link naar de sessie staat er nooit in."""

    id: int = Field(description="Het nummer van de sessie; blijft hetzelfde.")
    series: str = Field(description="De korte naam (slug) van de reeks.")
    order: int = Field(description="Het nummer van de bijeenkomst in de reeks.")
    title: str = Field(description="De titel.")
    phase: str | None = Field(description="De korte naam (slug) van de fase, als die er is.")
    description_html: str = Field(description="Waar de sessie over gaat, als veilige HTML.")
    speaker: str = Field(description="Wie er vertelt, en van welke organisatie.")
    starts_at: datetime = Field(description="Het begin (met tijdzone).")
    ends_at: datetime = Field(description="Het einde (met tijdzone).")
    status: str = Field(description="planned (gepland) of cancelled (afgelast).")
    capacity: int | None = Field(description="Het aantal plaatsen; null als er geen maximum is.")
    seats_left: int | None = Field(
        description="Hoeveel plaatsen er nog vrij zijn; null als er geen maximum is."
    )
    is_open: bool = Field(
        description="Je kunt je nog aanmelden: niet afgelast en nog niet begonnen."
    )
    url: str = Field(description="De reeks op de website, bij deze sessie.")


class SessionSeries(Schema):
    """Een reeks online sessies, met de sessies erin."""

    slug: str = Field(description="Korte naam in het adres; blijft hetzelfde.")
    title: str = Field(description="De titel.")
    summary: str = Field(description="Een korte omschrijving.")
    introduction_html: str = Field(description="De inleiding, als veilige HTML.")
    organisers: str = Field(description="Wie de reeks organiseren.")
    partner: str = Field(description="De partner, als die er is.")
    starts_at: datetime | None = Field(description="Het begin van de eerste sessie.")
    ends_at: datetime | None = Field(description="Het einde van de laatste sessie.")
    sessions: list[Session] = Field(description="De sessies van de reeks, in volgorde.")
    url: str = Field(description="De pagina van de reeks op de website.")


def page_of(item: type[Schema]) -> type[Schema]:
    """The schema of a page of ``item``s."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {
            "__annotations__": {
                "count": int,
                "page": int,
                "page_size": int,
                "links": PageLinks,
                "results": list[item],
            },
            "__doc__": f"Een pagina met items van het type {item.__name__}.",
        },
    )

"""Demo content for the knowledge base, written from the project's source pages."""

from textwrap import dedent


def _md(text):
    """Strip the common indentation and outer blank lines from a markdown block."""
    return dedent(text).strip()


# ---------------------------------------------------------------------------
# Landingspagina van /roadmap/
# ---------------------------------------------------------------------------

ROADMAP_INTRO = _md("""
    Co-creatie is een woord dat je vaak hoort. Maar wat betekent het precies? Er bestaan
    veel verschillende omschrijvingen. In het Europese project CoSIE is gekozen voor een
    korte en heldere definitie. Die gebruiken we ook in deze roadmap.

    ## Wat is co-creatie?

    Co-creatie is iets wat je **samen** doet. Je werkt met anderen aan twee doelen tegelijk:

    - publieke diensten meer waard maken voor de mensen die ze gebruiken;
    - de verschillen in macht tussen de partijen kleiner maken.

    Wat bedoelen we met 'waarde'? Dat mensen zich beter voelen. En dat alle betrokkenen samen
    een beeld krijgen van wat goed is voor de hele gemeenschap. Zo ontstaat beleid waarin meer
    mensen zich herkennen. Dat kan ook een strategie zijn, een set regels of een nieuwe dienst.
    Het resultaat is in elk geval **inclusiever**: minder mensen vallen buiten de boot.

    ## Waarom de eindgebruiker onmisbaar is

    In CoSIE gaat het om het vernieuwen van publieke dienstverlening. Je zet een initiatief op
    met verschillende belanghebbenden. De belangrijkste groep zijn de mensen die de dienst zelf
    gebruiken: de eindgebruikers. Het doel is dat diensten beter gebruikt worden en meer effect
    hebben. Zo draag je bij aan het welzijn van alle inwoners.

    Dat lukt niet zonder de eindgebruiker. Alleen met hun inbreng kun je een dienst echt goed
    vernieuwen. Pas in het gesprek met inwoners wordt duidelijk wat een dienst voor hen waard is.

    ## Een cyclus van vier fasen

    De roadmap volgt een cirkel met vier fasen:

    1. **Co-initiëren**: je start het initiatief samen en verkent de behoeften.
    2. **Co-design**: je ontwerpt samen hoe de dienst of aanpak eruit moet zien.
    3. **Co-productie**: je voert de nieuwe aanpak samen uit.
    4. **Co-evaluatie**: je kijkt samen wat werkt en wat beter kan.

    Evalueren doe je niet alleen aan het eind. Je blijft in elke fase samen kijken of je op de
    goede weg bent. Wat je leert, neem je mee in de volgende ronde.

    ## Zo gebruik je deze roadmap

    - Per fase vind je **vragen** die je jezelf kunt stellen, met tips en concrete stappen.
    - Bij de **uitdagingen** lees je wat er vaak misgaat en hoe pilots daarmee omgingen.
    - Bij de **voorbeelden** vind je pilots uit CoSIE en projecten uit de regio Utrecht.
    - Bij de **hulpmiddelen** staan methoden, werkvormen en bijeenkomsten die je kunt inzetten.

    Hogeschool Utrecht deed in CoSIE onderzoek naar co-creatie, samen met partners uit negen
    andere Europese landen. De voorbeelden in deze roadmap komen uit dat project en uit de regio.
""")


# ---------------------------------------------------------------------------
# De vier fasen
# ---------------------------------------------------------------------------

PHASES = [
    {
        "slug": "co-initieren",
        "order": 1,
        "title": "Co-initiëren",
        "short_title": "Initiëren",
        "summary": (
            "In de eerste fase leg je samen de basis. Je verkent het vraagstuk en de behoeften, "
            "en je zoekt uit wie er mee moet doen."
        ),
        "title_en": "Co-initiation",
        "short_title_en": "Initiating",
        "summary_en": (
            "In the first phase you lay the foundation together. You explore the issue and the "
            "needs, and you find out who should take part."
        ),
        "body": _md("""
            Co-creatie begint niet pas als het plan al klaar is. Ook de start doe je samen. In
            deze fase ga je na welk vraagstuk er speelt en wie daar iets over te zeggen heeft.
            Denk aan inwoners die de dienst gebruiken, collega's, maatschappelijke organisaties,
            vakbonden en andere partners. Met hen bespreek je wat het initiatief moet worden.

            Een belangrijk onderdeel is de **behoefteanalyse**. Je zoekt uit wat mensen echt nodig
            hebben. Niet wat de organisatie denkt dat ze nodig hebben. Verhalen over ervaringen
            van mensen helpen daarbij. Ze maken het eerste gesprek ook een stuk makkelijker.

            Vergeet de relatie niet. Wie nog nooit met inwoners heeft gepraat, kan niet meteen
            samen iets bouwen. Investeer daarom eerst in contact en vertrouwen. Spreek ook vanaf
            het begin af hoe jullie samenwerken: iedereen telt even zwaar mee.

            Hogeschool Utrecht wijdt aan deze fase een online sessie over het starten van een
            co-creatie-initiatief. Daarin vertelt Nynke Joustra van de gemeente Nieuwegein over
            de 'aanpak Nypels', waarin de gemeente het afvalprobleem samen met bewoners aanpakt.
        """),
        "tags": ["burgerparticipatie", "samenwerking", "netwerk"],
        "questions": [
            {
                "question": "Waar moet ik beginnen bij co-creatie?",
                "answer": _md("""
                    Begin niet alleen achter je bureau met een uitgewerkt plan. Ook de start is al
                    co-creatie. Zoek eerst uit wie belangrijk zijn voor het vraagstuk. Dat zijn
                    de gebruikers van de dienst, maar ook collega's, organisaties in de wijk en
                    andere partners. Nodig een paar van hen uit en bedenk samen wat jullie willen
                    bereiken.

                    Klein beginnen mag. Een goed gesprek met een handvol mensen levert vaak meer
                    op dan een groot plan. Spreek ook meteen af hoe en wanneer jullie samen
                    terugkijken. Evalueren hoort vanaf dag één bij het proces.
                """),
                "steps": [
                    "Beschrijf in een paar zinnen welk vraagstuk je wilt aanpakken.",
                    "Maak een lijst van de mensen en organisaties die erbij horen.",
                    "Nodig een kleine groep uit voor een eerste, open gesprek.",
                    "Spreek samen af welke fasen jullie doorlopen en wanneer jullie evalueren.",
                ],
            },
            {
                "question": "Hoe voer ik een behoefteanalyse uit?",
                "answer": _md("""
                    Met een behoefteanalyse ontdek je wat mensen echt nodig hebben. Vraag daarom
                    niet alleen wat ze van een dienst vinden. Vraag naar hun ervaringen. Waar
                    liepen ze tegenaan? Wat hielp juist wel? Zulke verhalen laten vaak meer zien
                    dan cijfers.

                    Ga naar plekken waar mensen al komen, zoals het buurthuis of het schoolplein.
                    Gebruik ook wat collega's in de uitvoering al weten. Leg je bevindingen
                    daarna terug bij de mensen die meededen. Herkennen zij zich in het beeld?
                """),
                "steps": [
                    "Bepaal over welke dienst of welk probleem je meer wilt weten.",
                    "Verzamel ervaringsverhalen van mensen uit de doelgroep.",
                    "Vraag collega's en partners welke signalen zij zien.",
                    "Zet de belangrijkste behoeften op een rij.",
                    "Bespreek de uitkomst met de deelnemers en pas die zo nodig aan.",
                ],
            },
            {
                "question": "Welke hulpmiddelen (tools) helpen me om de behoeften te beoordelen?",
                "answer": _md("""
                    Er zijn verschillende hulpmiddelen. **Narratieve methoden** laten mensen
                    vertellen over wat ze hebben meegemaakt. **Community reporting** is zo'n
                    methode: mensen uit de doelgroep vertellen zelf hun verhaal. In een **living
                    lab** ontwikkel en test je ideeën samen met gebruikers in hun eigen omgeving.
                    En **digitale hulpmiddelen** helpen je om meer mensen te bereiken.

                    Kies een hulpmiddel dat past bij je doelgroep. Niet iedereen schrijft graag,
                    niet iedereen is handig met een computer. Vaak werkt een combinatie het best.
                """),
                "steps": [
                    "Bekijk wie je doelgroep is en hoe zij het liefst communiceren.",
                    "Kies één of twee hulpmiddelen uit de lijst met tools.",
                    "Probeer het hulpmiddel eerst uit in een kleine groep.",
                    "Vraag deelnemers wat ze ervan vonden en stel bij.",
                ],
            },
            {
                "question": "Is co-creatie geschikt voor ons?",
                "answer": _md("""
                    Co-creatie past vooral bij ingewikkelde vraagstukken zonder kant-en-klare
                    oplossing. Ook als de ervaring van gebruikers het verschil maakt, is het een
                    goede keuze. Maar het vraagt wel iets van je organisatie: tijd, een open
                    houding en de bereidheid om invloed te delen.

                    Ligt de uitkomst eigenlijk al vast? Dan is het geen co-creatie. Vraag je
                    inwoners alleen om mee te denken of mee te helpen, dan is dat iets anders.
                    Wees daar eerlijk over. Dat voorkomt teleurstelling.
                """),
                "steps": [
                    "Vraag je af of deelnemers echt invloed krijgen op de uitkomst.",
                    "Ga na of er genoeg tijd en ruimte is voor een open proces.",
                    "Check of je leidinggevende en het bestuur achter de aanpak staan.",
                    "Kies bewust: co-creatie, of een andere vorm van participatie.",
                ],
            },
            {
                "question": "Hoe kan ik mensen interesseren om bij te dragen?",
                "answer": _md("""
                    Mensen doen mee als ze merken dat hun inbreng er echt toe doet. Veel inwoners
                    geloven niet meteen dat ze met beleidsmakers aan tafel kunnen zitten. Laat
                    daarom zien dat je het meent. Kom naar hen toe in plaats van hen naar het
                    gemeentehuis te laten komen. Maak persoonlijk contact, zonder vragenlijst.

                    Sommige groepen hebben normaal weinig contact met de overheid. Bedenk samen
                    met een paar betrokkenen hoe je juist die mensen bereikt. Vertel ook altijd
                    wat er met hun inbreng gebeurt.
                """),
                "steps": [
                    "Ga naar plekken waar je doelgroep al komt.",
                    "Maak persoonlijk kennis voordat je iets vraagt.",
                    "Bedenk met een paar betrokkenen hoe je lastig bereikbare groepen vindt.",
                    "Leg uit wat mensen kunnen beïnvloeden en wat er met hun inbreng gebeurt.",
                ],
            },
            {
                "question": "Wat zijn de juiste voorwaarden voor co-creatie?",
                "answer": _md("""
                    De belangrijkste voorwaarde is **gelijkwaardigheid**. Iedereen brengt iets
                    eigens in en iedereen heeft invloed op het proces en het resultaat. Maak de
                    spelregels vanaf het begin duidelijk: niemand heeft meer te zeggen dan een
                    ander.

                    Verder heb je tijd en ruimte nodig, ook voor reflectie. Zorg voor steun in je
                    eigen organisatie, zodat je er niet alleen voor staat. En accepteer dat
                    doelen onderweg kunnen verschuiven. Dat hoort bij een zoektocht.
                """),
                "steps": [
                    "Stel samen met de deelnemers spelregels op voor de samenwerking.",
                    "Regel tijd en budget voor een proces dat langer kan duren dan gepland.",
                    "Zoek bondgenoten binnen je eigen organisatie.",
                    "Spreek af hoe jullie omgaan met doelen die veranderen.",
                ],
            },
        ],
    },
    {
        "slug": "co-design",
        "order": 2,
        "title": "Co-design",
        "short_title": "Ontwerpen",
        "summary": (
            "Samen bedenk je hoe de dienst of de aanpak eruit moet zien. Gebruikers en "
            "professionals ontwerpen als gelijken."
        ),
        "title_en": "Co-design",
        "short_title_en": "Designing",
        "summary_en": (
            "Together you work out what the service or the approach should look like. Users and "
            "professionals design as equals."
        ),
        "body": _md("""
            In de fase van co-design ga je samen ontwerpen. Gebruikers, professionals en andere
            partners bedenken hoe een dienst of aanpak er in de praktijk uit moet zien. Iedereen
            brengt eigen kennis in. De gebruiker weet hoe de dienst voelt in het dagelijks leven.
            De professional kent de regels en de mogelijkheden.

            Een goed ontwerpproces is zorgvuldig voorbereid. Je weet welke mensen je erbij wilt
            hebben. Je kiest plekken en tijden die voor hen haalbaar zijn. En je zorgt dat niet
            een paar mensen het gesprek overnemen. Neutrale ruimtes en neutrale begeleiders
            kunnen daarbij helpen.

            Hoe ontwerp je samen met de juiste doelgroep? De gemeente Houten gebruikte daarvoor
            community reporting. Mensen uit de doelgroep vertelden zelf over hun ervaringen.
            Projectleider Jessica Dijkman vertelt hierover in de tweede online sessie van
            Hogeschool Utrecht.
        """),
        "tags": ["ontwerpen", "inclusie", "narratieve methoden"],
        "questions": [
            {
                "question": "Hoe geef je vorm aan co-creatie?",
                "answer": _md("""
                    Bij co-design ontwerp je sámen, niet voor iemand anders. Begin bij de
                    ervaringen van de gebruikers. Wat loopt er nu mis? Wat zou helpen? Gebruik
                    die verhalen als vertrekpunt voor ideeën.

                    Werk ideeën daarna uit in eenvoudige schetsen of proefversies. Laat
                    gebruikers die uitproberen en erop reageren. Zo verbeter je het ontwerp stap
                    voor stap.
                """),
                "steps": [
                    "Verzamel de ervaringen en behoeften uit de eerste fase.",
                    "Bedenk samen zoveel mogelijk ideeën, zonder ze meteen te beoordelen.",
                    "Kies samen de kansrijkste ideeën.",
                    "Maak een eenvoudige proefversie en laat gebruikers die testen.",
                ],
            },
            {
                "question": "Hoe weet ik of ik klaar ben om het co-designproces te starten?",
                "answer": _md("""
                    Je bent klaar als een paar dingen op orde zijn. Het vraagstuk is duidelijk,
                    maar nog niet dichtgetimmerd. Je weet wie de belangrijkste betrokkenen zijn.
                    Je hebt een eerste beeld van hun behoeften. En er is echt ruimte om iets
                    nieuws te bedenken.

                    Check ook of je de steun hebt om uitkomsten te gebruiken. Een mooi ontwerp
                    waar daarna niets mee gebeurt, schaadt het vertrouwen.
                """),
                "steps": [
                    "Controleer of de vraag helder is en toch open genoeg.",
                    "Ga na of alle belangrijke groepen in beeld zijn.",
                    "Vraag je leidinggevende wat er met de uitkomsten mag gebeuren.",
                    "Begin pas als de spelregels voor de samenwerking bekend zijn.",
                ],
            },
            {
                "question": "Hoe organiseer ik het co-designproces?",
                "answer": _md("""
                    Plan een reeks bijeenkomsten, niet één grote avond. Kies een plek waar
                    iedereen zich op zijn gemak voelt. Een neutrale ruimte met een neutrale
                    begeleider helpt om iedereen aan het woord te laten.

                    Vermijd een strak programma met veel zenden en een standaard werkvorm. Maak
                    ruimte voor echt gesprek. Plan de bijeenkomsten bij voorkeur samen met de
                    deelnemers, zodat ze passen bij hun mogelijkheden.
                """),
                "steps": [
                    "Plan samen met een paar deelnemers een reeks korte bijeenkomsten.",
                    "Kies een neutrale, goed bereikbare plek.",
                    "Vraag een neutrale begeleider om de gesprekken te leiden.",
                    "Leg na elke bijeenkomst vast wat er is afgesproken en deel dat.",
                ],
            },
            {
                "question": "Wie moet ik bij het co-designproces betrekken?",
                "answer": _md("""
                    Betrek in elk geval de mensen die de dienst gebruiken. Betrek ook de
                    professionals die de dienst uitvoeren en de partners die ermee te maken
                    hebben. Denk daarnaast aan mensen die later beslissingen nemen, zoals
                    managers. Zonder hen blijft een ontwerp soms op de plank liggen.

                    Let vooral op groepen die weinig contact hebben met de overheid. Hun stem
                    ontbreekt vaak. Kunnen zij niet bij een bijeenkomst zijn? Gebruik dan hun
                    verhalen, bijvoorbeeld via community reporting.
                """),
                "steps": [
                    "Maak een overzicht van gebruikers, uitvoerders, partners en beslissers.",
                    "Kijk welke groep ontbreekt en zoek die actief op.",
                    "Vraag een manager om aan te sluiten bij een deel van het proces.",
                    "Haal stemmen op van mensen die niet kunnen komen.",
                ],
            },
            {
                "question": "Hoe start ik het ontwerpproces?",
                "answer": _md("""
                    Begin met kennismaken. Mensen moeten elkaar eerst een beetje kennen voordat
                    ze samen iets durven te bedenken. Bespreek daarna samen de spelregels.

                    Deel vervolgens wat je al weet uit de eerste fase, zoals de behoeften en de
                    verhalen. Formuleer dan samen de ontwerpvraag. Als iedereen dezelfde vraag
                    voor ogen heeft, kun je aan de slag.
                """),
                "steps": [
                    "Open met een kennismaking waarin iedereen iets over zichzelf vertelt.",
                    "Stel samen de spelregels op.",
                    "Deel de uitkomsten van de behoefteanalyse.",
                    "Formuleer samen de vraag waar jullie een ontwerp voor maken.",
                ],
            },
            {
                "question": "Hoeveel mensen moet ik bij het co-designproces betrekken?",
                "answer": _md("""
                    Er is geen vast getal. De groep moet klein genoeg zijn voor een echt gesprek.
                    Maar ook groot genoeg om verschillende kanten van het vraagstuk te horen.
                    Wordt de groep groter, werk dan in kleinere werkgroepen.

                    Reken erop dat niet iedereen elke keer kan komen. Sommige mensen stoppen
                    onderweg. Zorg daarom voor een brede kring van betrokkenen, zodat het proces
                    niet stilvalt als iemand afhaakt.
                """),
                "steps": [
                    "Bepaal welke perspectieven je minimaal aan tafel wilt hebben.",
                    "Werk bij een grote groep in kleine werkgroepen.",
                    "Houd een bredere kring op de hoogte die kan instappen.",
                    "Kijk na elke bijeenkomst wie er ontbrak en waarom.",
                ],
            },
            {
                "question": "Wanneer kan het co-designproces plaatsvinden?",
                "answer": _md("""
                    Start met ontwerpen als de behoeften in beeld zijn. Maar wacht niet tot het
                    plan en het budget al vastliggen. Dan is er niets meer te ontwerpen.

                    Kies daarnaast tijden die passen bij de deelnemers. Werkende mensen kunnen
                    vaak alleen 's avonds. Ouders met jonge kinderen juist niet. Vraag het de
                    deelnemers zelf en plan samen.
                """),
                "steps": [
                    "Start nadat de behoeften verkend zijn.",
                    "Zorg dat belangrijke besluiten nog niet genomen zijn.",
                    "Vraag deelnemers welke dagen en tijden voor hen werken.",
                    "Plan genoeg tijd tussen bijeenkomsten om ideeën uit te werken.",
                ],
            },
        ],
    },
    {
        "slug": "co-productie",
        "order": 3,
        "title": "Co-productie",
        "short_title": "Uitvoeren",
        "summary": (
            "Je voert de nieuwe aanpak samen uit. Inwoners, professionals en organisaties leveren "
            "elk hun eigen bijdrage."
        ),
        "title_en": "Co-production",
        "short_title_en": "Carrying out",
        "summary_en": (
            "You put the new approach into practice together. Residents, professionals and "
            "organisations each make their own contribution."
        ),
        "body": _md("""
            In de fase van co-productie breng je het ontwerp in de praktijk. Dat doe je niet
            alleen. Inwoners, professionals en organisaties leveren elk hun eigen bijdrage aan de
            uitvoering. Goede communicatie en duidelijke afspraken over rollen zijn daarbij
            belangrijk.

            In deze fase komt vaak de samenwerking tussen professionals van verschillende
            diensten op de proef te staan. Elke organisatie heeft eigen prioriteiten. Dat maakt
            het ingewikkeld. Het helpt als je vroeg samen de belangrijkste doelen vaststelt.

            Soms valt de betrokkenheid tegen. Bekijk dan samen wat er nodig is. Bijeenkomsten als
            de Conversation of Change, met verhalen uit de doelgroep, kunnen nieuwe energie geven.

            Een voorbeeld uit de regio is gemengd wonen. Nico Ooms van 't Groene Sticht vertelt
            hierover in de derde online sessie van Hogeschool Utrecht. Bij de initiatieven waar hij
            bij betrokken is, geven bewoners zelf mee vorm aan het proces.
        """),
        "tags": ["samenwerking", "dienstverlening", "organisatiecultuur"],
        "questions": [
            {
                "question": (
                    "Welke communicatiekanalen moet ik ontwikkelen met de groep co-producenten?"
                ),
                "answer": _md("""
                    Vraag de deelnemers hoe zij het liefst contact hebben. De een wil een
                    appgroep, de ander liever een telefoontje of een gesprek aan de keukentafel.
                    Gebruik daarom meer dan één kanaal. Digitale middelen zijn handig, maar
                    vervangen persoonlijk contact niet.

                    Zorg dat communicatie twee kanten op gaat. Deelnemers moeten ook zelf vragen
                    kunnen stellen en ideeën kunnen delen. Eén vast aanspreekpunt helpt.
                """),
                "steps": [
                    "Vraag deelnemers welke kanalen zij gebruiken.",
                    "Kies een mix van persoonlijk contact en digitale middelen.",
                    "Wijs één vast aanspreekpunt aan.",
                    "Deel regelmatig kort wat er gebeurd is en wat de volgende stap is.",
                ],
            },
            {
                "question": "Hoe zorg ik ervoor dat mensen zich met het proces kunnen verbinden?",
                "answer": _md("""
                    Mensen blijven betrokken als ze hun eigen bijdrage terugzien. Laat daarom
                    zien wat er met ideeën en inzet is gebeurd. Vier ook kleine successen.

                    Houd rekening met het leven van deelnemers. Soms verandert hun situatie en
                    hebben ze minder tijd. Maak meedoen flexibel. Zo kunnen mensen ook later weer
                    instappen. Maak van samenwerken een gewoonte, geen eenmalige actie.
                """),
                "steps": [
                    "Geef iedere deelnemer een rol die bij hem of haar past.",
                    "Laat regelmatig zien wat de inbreng heeft opgeleverd.",
                    "Maak het mogelijk om minder of later mee te doen.",
                    "Sta stil bij wat goed gaat.",
                ],
            },
            {
                "question": "Hoe moet co-productie worden ingevuld?",
                "answer": _md("""
                    Bij co-productie doet iedereen mee vanuit zijn eigen kracht. Inwoners brengen
                    ervaring en contacten in. Professionals brengen vakkennis en middelen in.
                    Maak samen afspraken over wie wat doet, en blijf gelijkwaardig samenwerken.

                    Vaak werken meerdere diensten of organisaties mee. Spreek dan vroeg samen de
                    belangrijkste doelen af. Evalueer onderweg of de taakverdeling nog werkt.
                """),
                "steps": [
                    "Bespreek wat iedere deelnemer kan en wil bijdragen.",
                    "Leg de taakverdeling vast in eenvoudige afspraken.",
                    "Spreek met alle betrokken organisaties gezamenlijke doelen af.",
                    "Plan vaste momenten om de samenwerking te bespreken.",
                ],
            },
            {
                "question": (
                    "Hoeveel moeten de deelnemers van de achtergrond van het initiatief weten?"
                ),
                "answer": _md("""
                    Genoeg om als gelijke mee te kunnen doen. Deelnemers moeten weten waarom het
                    initiatief er is. Ze moeten ook weten wat al vastligt en wat nog open is. Denk
                    aan budget, regels en eerdere besluiten.

                    Geef die informatie in gewone taal en niet alles tegelijk. Komen er nieuwe
                    mensen bij? Zorg dan voor een korte introductie, zodat ook zij snel kunnen
                    aanhaken.
                """),
                "steps": [
                    "Schrijf in eenvoudige taal op waarom het initiatief bestaat.",
                    "Maak duidelijk wat vastligt en waar nog ruimte is.",
                    "Deel informatie in kleine stukken, op het moment dat het nodig is.",
                    "Maak een korte introductie voor nieuwe deelnemers.",
                ],
            },
            {
                "question": "Hoe betrekken we het bredere publiek bij wat we doen?",
                "answer": _md("""
                    Vertel over het initiatief op plekken waar mensen al komen. Denk aan het
                    buurthuis, het schoolplein of de sportclub. Verhalen van deelnemers zelf
                    werken vaak beter dan een folder.

                    Nodig ook andere groepen uit voor een bijeenkomst waarin die verhalen centraal
                    staan. Zo hoort een bredere groep wat er speelt en kunnen nieuwe mensen
                    aansluiten.
                """),
                "steps": [
                    "Verzamel een paar verhalen van deelnemers over het initiatief.",
                    "Deel die verhalen op informele plekken in de buurt.",
                    "Organiseer een open bijeenkomst rond deze verhalen.",
                    "Geef nieuwe mensen een makkelijke manier om aan te haken.",
                ],
            },
            {
                "question": (
                    "Wat is de rol van het openbaar bestuur bij het proces van co-productie?"
                ),
                "answer": _md("""
                    De overheid is bij co-productie een partner, geen regisseur die alles
                    bepaalt. Maak ruimte voor de inbreng van anderen en luister meer dan je
                    praat. Soms betekent dat: je eigen oplossing even laten liggen.

                    Tegelijk heeft de overheid een belangrijke taak. Zij haalt obstakels in de
                    eigen organisatie weg, zorgt voor middelen en houdt raad en college op de
                    hoogte. En zij blijft investeren in de relatie met inwoners, ook als het
                    project klaar is.
                """),
                "steps": [
                    "Bespreek in je team welke rol de gemeente in dit proces neemt.",
                    "Haal regels of procedures weg die de samenwerking blokkeren.",
                    "Informeer raad en college over aanpak en voortgang.",
                    "Laat deelnemers zelf oplossingen uitwerken en stuur niet te snel bij.",
                ],
            },
        ],
    },
    {
        "slug": "co-evaluatie",
        "order": 4,
        "title": "Co-evaluatie",
        "short_title": "Evalueren",
        "summary": (
            "Je kijkt samen terug en vooruit: wat werkt, wat niet, en wat pas je aan? Zo blijft "
            "co-creatie levend."
        ),
        "title_en": "Co-evaluation",
        "short_title_en": "Evaluating",
        "summary_en": (
            "Together you look back and ahead: what works, what does not, and what do you change? "
            "This keeps co-creation alive."
        ),
        "body": _md("""
            Bij co-evaluatie beoordeel je samen met alle betrokkenen hoe het gaat. Dat is meer
            dan een vragenlijst over tevredenheid. Je zoekt samen uit wat werkt, wat niet werkt
            en wat er anders moet. Inwoners moeten merken dat ze in elke fase meedoen, dus ook
            bij het beoordelen.

            Evalueren is geen los moment aan het eind. Het gebeurt doorlopend, in alle fasen.
            Daarvoor heb je tijd en ruimte nodig om stil te staan en na te denken. Regelmatige
            bijeenkomsten op een neutrale plek helpen. Daar kunnen dienstverleners, inwoners en
            andere betrokkenen openlijk zeggen waar ze zich zorgen over maken.

            Deze fase gaat ook over de lange termijn. Hoe houd je een initiatief overeind? Hoe
            wordt co-creatie een vast onderdeel van je organisatie? Dat vraagt voortdurend
            contact met de doelgroep, steeds opnieuw evalueren en flexibel bijsturen. Geen
            makkelijke opgave.

            In de laatste online sessie van Hogeschool Utrecht staat deze fase centraal. Karin Sok
            van Movisie vertelt daar over onderzoek naar burgerparticipatie in gemeenten.
        """),
        "tags": ["evaluatie", "organisatiecultuur", "burgerparticipatie"],
        "questions": [
            {
                "question": "Wat is de beste manier om een co-creatieproces te evalueren?",
                "answer": _md("""
                    Er is niet één beste manier. Evaluatie kan veel vormen hebben. Belangrijk is
                    dat iedereen zijn zorgen en ideeën open kan delen. Dat geldt voor inwoners,
                    dienstverleners en andere betrokkenen.

                    Kom daarom regelmatig bij elkaar, op een plek die voor iedereen neutraal is.
                    Geef ruimte aan verschillende perspectieven. Betrek ook managers, zodat
                    inzichten doorwerken in de organisatie.
                """),
                "steps": [
                    "Spreek vooraf af wat jullie willen weten en wanneer.",
                    "Plan vaste evaluatiemomenten in elke fase.",
                    "Kies een neutrale plek en een neutrale gespreksleider.",
                    "Nodig ook managers uit voor een deel van de evaluatie.",
                    "Leg vast wat jullie aanpassen en deel dat met alle deelnemers.",
                ],
            },
            {
                "question": "Waarom is een vragenlijst over tevredenheid vaak niet genoeg?",
                "answer": _md("""
                    Een vragenlijst laat zien hoe tevreden mensen zijn. Maar hij vertelt weinig
                    over het waarom. En de mensen die hem invullen, hebben geen invloed op wat
                    er daarna gebeurt. Dat is geen co-creatie.

                    Vraag je nu al feedback en pas je de dienst soms aan? Dan ben je al op weg.
                    De volgende stap is dat gebruikers ook meedenken over de conclusies en de
                    verbeteringen. Zorg dat daar tijd en ruimte voor is.
                """),
                "steps": [
                    "Kijk welke vormen van feedback je nu al gebruikt.",
                    "Voeg gesprekken toe waarin gebruikers het waarom kunnen vertellen.",
                    "Bespreek de uitkomsten samen met gebruikers.",
                    "Bepaal samen welke verbeteringen jullie doorvoeren.",
                ],
            },
            {
                "question": (
                    "Hoe maak je een neutrale plek waar iedereen open zijn zorgen kan delen?"
                ),
                "answer": _md("""
                    Een neutrale plek is een ruimte waar niemand 'thuis' is. Dus liever geen
                    vergaderzaal van de gemeente. Kies bijvoorbeeld een buurthuis of een andere
                    plek waar deelnemers zich op hun gemak voelen.

                    Een neutrale begeleider of mentor helpt ook. Die heeft geen belang bij de
                    uitkomst. Hij of zij let erop dat iedereen aan het woord komt en dat niemand
                    het gesprek overneemt.
                """),
                "steps": [
                    "Zoek samen met deelnemers een plek waar iedereen zich welkom voelt.",
                    "Vraag iemand zonder belang bij de uitkomst om het gesprek te leiden.",
                    "Spreek af dat wat gezegd wordt, niet tegen iemand gebruikt wordt.",
                    "Geef stille deelnemers ook een manier om iets in te brengen.",
                ],
            },
            {
                "question": "Hoe vaak en met wie kom je samen om te evalueren?",
                "answer": _md("""
                    Kom regelmatig samen, niet alleen aan het einde van een project. Zo kun je
                    op tijd bijsturen. Hoe vaak precies, hangt af van je initiatief. Spreek een
                    ritme af dat voor de deelnemers haalbaar is.

                    Nodig verschillende groepen uit: gebruikers, uitvoerders, partners en
                    leidinggevenden. Elke groep ziet iets anders. Pas als je al die blikken
                    samenlegt, krijg je een goed beeld.
                """),
                "steps": [
                    "Spreek samen een vast ritme voor evaluatiebijeenkomsten af.",
                    "Zorg dat alle groepen vertegenwoordigd zijn.",
                    "Gebruik verhalen van deelnemers als startpunt voor het gesprek.",
                    "Sluit elke bijeenkomst af met concrete afspraken.",
                ],
            },
            {
                "question": "Wat is er nodig om een co-creatie-initiatief overeind te houden?",
                "answer": _md("""
                    Een initiatief houdt alleen stand als het contact met de doelgroep blijft.
                    Co-creatie is geen project met een einddatum. Het is een manier van werken.
                    Je blijft in gesprek met de mensen voor wie de dienst bedoeld is. Je blijft
                    evalueren en je past de aanpak aan als dat nodig is.

                    Zorg dat het initiatief niet afhangt van één persoon. Mensen wisselen van
                    baan of stoppen. Als het werken met inwoners een gewoonte is geworden, gaat
                    het initiatief ook door als er mensen vertrekken.
                """),
                "steps": [
                    "Maak afspraken over blijvend contact met de doelgroep.",
                    "Plan evaluatie als vast onderdeel van het werk.",
                    "Verdeel kennis en contacten over meerdere collega's.",
                    "Pas de aanpak aan als behoeften veranderen.",
                ],
            },
            {
                "question": "Hoe wordt co-creatie een vast onderdeel van je organisatie?",
                "answer": _md("""
                    Co-creatie moet in het DNA van je organisatie komen. Dat gaat niet vanzelf.
                    Ambtenaren werken vaak als 'eenzame samenwerkers'. Ze doen veel samen met
                    inwoners, maar lopen vast binnen hun eigen organisatie. Betrek daarom ook je
                    collega's en leidinggevenden.

                    Een andere houding is nodig. Niet: 'we hebben inwoners gehoord, nu gaan we
                    zelf aan het werk'. Wel: inwoners doen mee in alle fasen. Dat is niet
                    makkelijk. Maar de ervaring in CoSIE is dat het de moeite waard is.
                """),
                "steps": [
                    "Deel ervaringen en resultaten van co-creatie met collega's.",
                    "Zoek steun bij leidinggevenden en bestuur.",
                    "Leer samen met je team, bijvoorbeeld in een leernetwerk.",
                    "Betrek inwoners standaard bij initiatief, ontwerp, uitvoering en evaluatie.",
                ],
            },
        ],
    },
]


# ---------------------------------------------------------------------------
# De twaalf uitdagingen
# ---------------------------------------------------------------------------

CHALLENGES = [
    {
        "number": 1,
        "slug": "start-lijkt-te-complex",
        "title": "Hoe krijg je het van de grond als alles zo complex lijkt?",
        "summary": (
            "De start voelt vaak ingewikkeld; het helpt om ook die eerste stap samen met "
            "anderen te zetten."
        ),
        "title_en": "How do you get started when everything seems so complex?",
        "summary_en": (
            "The start often feels complicated; it helps to take that first step together with "
            "others as well."
        ),
        "body": _md("""
            **Wat gaat er mis?** Je wilt met co-creatie beginnen, maar het vraagstuk is groot.
            Er zijn veel partijen, regels en belangen. Je weet niet goed waar je moet beginnen.

            **Wat helpt?** Het antwoord is simpel: maak ook van de start een gezamenlijk proces.
            Bedenk wie de belangrijke spelers zijn en breng hen bij elkaar. Samen bespreek je hoe
            het initiatief eruit moet zien en welke activiteiten nodig zijn. Gebruikers,
            ambtenaren, ngo's, vakbonden en andere partijen kunnen samen zien waar de uitvoering
            van publieke diensten vastloopt.

            Knip het werk op in de fasen van de roadmap. En vergeet niet om steeds te kijken wat
            werkt en wat niet. Verhalen over wat mensen hebben meegemaakt, of hulpmiddelen uit
            living labs, maken de eerste gesprekken makkelijker.

            **Uit de praktijk:** de Hongaarse partners in CoSIE beschreven in hun video en
            pilotbeschrijving hoe complex lokale diensten zijn. Je bent dus niet de enige.
        """),
        "phases": ["co-initieren"],
        "examples": ["cosie-hongarije"],
        "tools": ["narratieve-methoden", "living-labs"],
        "tags": ["cosie", "samenwerking", "dienstverlening"],
    },
    {
        "number": 2,
        "slug": "belanghebbenden-doen-niet-mee",
        "title": "Wat doe je als belangrijke partijen niet willen meedoen?",
        "summary": (
            "Niet iedereen gelooft dat meepraten met beleidsmakers zin heeft; een gezamenlijke "
            "strategie helpt om ook die groepen te bereiken."
        ),
        "title_en": "What do you do when important parties do not want to take part?",
        "summary_en": (
            "Not everyone believes it is useful to talk with policy makers; a shared strategy "
            "helps you reach those groups too."
        ),
        "body": _md("""
            **Wat gaat er mis?** Je hebt aan het begin bedacht wie er mee moeten doen. Maar een
            aantal van die partijen haakt af of komt niet. Veel mensen geloven niet dat ze echt
            met beleidsmakers om tafel kunnen. En dat die ook willen horen wat zij nodig hebben.

            **Wat helpt?** Ga eerst met een paar belanghebbenden zitten. Bedenk samen hoe je
            groepen bereikt die normaal geen contact hebben met de overheid. Mensen uit die
            groepen weten vaak het best hoe je anderen kunt benaderen.

            Algemene tips die vaak werken:

            - Ga naar mensen toe, in plaats van hen naar jou te laten komen.
            - Werk via mensen die de groep al vertrouwt.
            - Laat zien wat er met eerdere inbreng is gebeurd.

            **Uit de praktijk:** in Finland ontwikkelden ze strategieën die goed werkten om dit
            probleem op te lossen.
        """),
        "phases": ["co-initieren", "co-design"],
        "examples": ["cosie-finland"],
        "tools": [],
        "tags": ["burgerparticipatie", "inclusie", "cosie"],
    },
    {
        "number": 3,
        "slug": "deelnemers-domineren-gesprek",
        "title": "Wat als een paar mensen het gesprek overnemen?",
        "summary": (
            "Wie macht heeft, neemt soms te veel ruimte; heldere spelregels en neutrale "
            "begeleiding zorgen dat iedereen gehoord wordt."
        ),
        "title_en": "What if a few people take over the conversation?",
        "summary_en": (
            "People with power sometimes take up too much space; clear ground rules and neutral "
            "guidance make sure that everyone is heard."
        ),
        "body": _md("""
            **Wat gaat er mis?** Een paar deelnemers praten veel en nemen het gesprek over.
            Anderen komen dan niet meer aan bod. Veel CoSIE-partners maakten dit mee. Vaak zijn
            mensen met een machtspositie nog niet gewend om als gelijken samen te werken.

            **Wat helpt?** Maak de spelregels vanaf het begin duidelijk. De belangrijkste regel:
            iedereen heeft evenveel te zeggen. Als die regel helder is, kun je stappen zetten.
            Co-creatie kan zo zelfs leiden tot een andere cultuur in de organisatie.

            **Uit de praktijk:** in Estland werkten ze met neutrale ruimtes. Elke werkgroep had
            daarnaast een neutrale mentor. Zo kreeg iedereen een eerlijke kans om mee te praten.
        """),
        "phases": ["co-design", "co-productie"],
        "examples": ["cosie-estland"],
        "tools": ["neutrale-ruimtes"],
        "tags": ["gelijkwaardigheid", "organisatiecultuur", "cosie"],
    },
    {
        "number": 4,
        "slug": "wisselende-deelnemers-en-tijd",
        "title": "Hoe ga je om met wisselende deelnemers en weinig tijd?",
        "summary": (
            "Niet iedereen kan altijd komen en sommigen stoppen; maak co-creatie daarom een "
            "gewoonte in plaats van een eenmalige actie."
        ),
        "title_en": "How do you deal with changing participants and little time?",
        "summary_en": (
            "Not everyone can always come and some people stop; so make co-creation a habit "
            "instead of a one-off action."
        ),
        "body": _md("""
            **Wat gaat er mis?** Mensen hebben verschillende behoeften en niet iedereen heeft
            evenveel tijd. Het is lastig om iedereen voor elke sessie bij elkaar te krijgen. Vaak
            zitten er steeds andere mensen aan tafel. En soms stopt iemand, bijvoorbeeld omdat
            zijn of haar persoonlijke situatie verandert.

            **Wat helpt?** Zie samen creëren niet als iets wat je één keer doet en daarna
            vergeet. Maak er een vaste gewoonte van. Dan gaat het proces door, ook als er mensen
            komen en gaan.

            **Uit de praktijk:** in de Spaanse pilot wisselden veel mensen elkaar af. Toch bleven
            de activiteiten voor co-productie en co-management hetzelfde. Er was steeds genoeg
            tijd en ruimte voor co-creatie.
        """),
        "phases": ["co-design", "co-productie"],
        "examples": ["cosie-spanje"],
        "tools": [],
        "tags": ["burgerparticipatie", "organisatiecultuur", "cosie"],
    },
    {
        "number": 5,
        "slug": "standaardisatie-of-maatwerk",
        "title": "Moet een dienst niet standaard zijn om hem groter te maken?",
        "summary": (
            "Opschalen vraagt om vaste processen, maar de lastigste problemen zijn lokaal; "
            "daar heb je systemen voor co-creatie nodig."
        ),
        "title_en": "Does a service have to be standard before you can offer it on a larger scale?",
        "summary_en": (
            "Scaling up asks for fixed processes, but the hardest problems are local; for those "
            "you need systems for co-creation."
        ),
        "body": _md("""
            **Wat gaat er mis?** Wie een dienst op grotere schaal wil aanbieden, wil processen
            gelijk trekken. Co-creatie lijkt daar niet bij te passen. Het oogt rommelig.

            **Wat helpt?** Deze vraag raakt de kern van co-creatie. Overheden in grote steden
            moeten diensten tot op zekere hoogte standaardiseren. Maar de moeilijkste problemen
            spelen vaak juist dicht bij huis, op lokaal niveau. Daarvoor heb je systemen nodig
            om lokale problemen samen met de betrokkenen aan te pakken. Standaard waar het kan,
            co-creatie waar het moet.

            **Uit de praktijk:** de Nederlandse pilot in Nieuwegein beschrijft zulke systemen.
        """),
        "phases": ["co-design", "co-productie"],
        "examples": ["cosie-nieuwegein"],
        "tools": [],
        "tags": ["publieke waarden", "dienstverlening", "cosie"],
    },
    {
        "number": 6,
        "slug": "we-vragen-al-om-feedback",
        "title": "We vragen al wat gebruikers vinden. Wat is er dan nieuw?",
        "summary": (
            "Een vragenlijst is een begin, maar co-creatie vraagt dat mensen in alle fasen "
            "betrokken zijn en dat er ruimte is voor reflectie."
        ),
        "title_en": "We already ask users what they think. So what is new?",
        "summary_en": (
            "A questionnaire is a start, but co-creation asks that people take part in all phases "
            "and that there is room for reflection."
        ),
        "body": _md("""
            **Wat gaat er mis?** Je vraagt gebruikers al naar hun mening over de dienst. Soms pas
            je er ook iets op aan. Waarom zou je dan nog iets anders moeten doen?

            **Wat helpt?** Soms is er inderdaad al een beetje co-creatie. Maar de systemen en
            werkwijzen moeten verder groeien. Zorg voor genoeg tijd en ruimte om samen stil te
            staan en te evalueren. Een vragenlijst over kwaliteit of tevredenheid is vaak niet
            genoeg. De gemeenschap moet merken dat ze in elke fase meedoet.

            **Uit de praktijk:** de Zweedse partners in CoSIE beschreven hoe belangrijk tijd en
            ruimte voor reflectie en evaluatie zijn.
        """),
        "phases": ["co-evaluatie"],
        "examples": ["cosie-zweden"],
        "tools": ["regelmatige-evaluatiebijeenkomsten"],
        "tags": ["evaluatie", "burgerparticipatie", "cosie"],
    },
    {
        "number": 7,
        "slug": "weinig-betrokkenheid-coproductie",
        "title": "Wat als de betrokkenheid bij de uitvoering tegenvalt?",
        "summary": (
            "Blijf evalueren en zet hulpmiddelen in die betrokkenheid stimuleren, zoals living "
            "labs en de Conversation of Change."
        ),
        "title_en": "What if fewer people than you hoped help to carry out the work?",
        "summary_en": (
            "Keep evaluating and use tools that encourage people to take part, such as living "
            "labs and the Conversation of Change."
        ),
        "body": _md("""
            **Wat gaat er mis?** In de fase van co-productie doen minder mensen mee dan je had
            gehoopt. De energie zakt weg.

            **Wat helpt?** Co-creatie is een doorlopend proces. Je blijft dus steeds kijken hoe
            het gaat. Hulpmiddelen kunnen helpen om betrokkenen in verschillende fasen actief te
            houden.

            **Uit de praktijk:**

            - In de Spaanse pilot hielpen de Living Labs van Northumbria Universiteit. Samen
              zochten ze uit hoe managers op een hoger niveau meer bij de evaluatie betrokken
              konden worden.
            - In Houten en in de Italiaanse pilots werkte de Conversation of Change goed. Die
              bijeenkomst, met community reports als basis, bleek de sleutel om verschillende
              groepen belanghebbenden bij het proces te betrekken.
        """),
        "phases": ["co-productie", "co-evaluatie"],
        "examples": ["cosie-spanje", "cosie-houten", "cosie-italie"],
        "tools": ["living-labs", "conversation-of-change", "community-reporting"],
        "tags": ["living lab", "narratieve methoden", "cosie"],
    },
    {
        "number": 8,
        "slug": "spanning-tussen-instanties",
        "title": "Hoe werk je samen als elke instantie in haar eigen koker zit?",
        "summary": (
            "Organisaties hebben eigen prioriteiten en werken vaak langs elkaar heen; vroeg "
            "overeenstemming over de doelen helpt."
        ),
        "title_en": "How do you work together when each organisation only looks at its own work?",
        "summary_en": (
            "Organisations have their own priorities and often work without knowing what the "
            "others do; agreeing on the goals early helps."
        ),
        "body": _md("""
            **Wat gaat er mis?** Je werkt met verschillende instanties samen. Dat zorgt voor
            spanning en het proces loopt tegen tegenslagen aan. In het openbaar bestuur werken
            organisaties vaak in hun eigen koker. Nauw samenwerken is niet gewoon. Elke afdeling
            of dienst heeft eigen prioriteiten en eigen plannen.

            **Wat helpt?** Zorg dat de partners vroeg instappen. Spreek samen af wat de
            belangrijkste doelen zijn, voordat ieder zijn eigen weg gaat.

            **Uit de praktijk:**

            - In de Britse pilot, in de reclassering, werd dit probleem goed zichtbaar.
            - In Italië waren het vroege instappen en de overeenstemming over de hoofddoelen
              de sleutel. Zo veranderde stelselmatig hoe de dienst wordt aangeboden en hoe
              die wordt geëvalueerd.
        """),
        "phases": ["co-initieren", "co-productie"],
        "examples": ["cosie-verenigd-koninkrijk", "cosie-italie"],
        "tools": [],
        "tags": ["samenwerking", "reclassering", "cosie"],
    },
    {
        "number": 9,
        "slug": "doelen-blijven-veranderen",
        "title": "Wat als de doelen steeds lijken te verschuiven?",
        "summary": (
            "Bij een zoektocht verandert de route naar het doel; dat kan juist laten zien dat "
            "de behoeften van inwoners veranderen."
        ),
        "title_en": "What if the goals seem to keep shifting?",
        "summary_en": (
            "Co-creation is a search, so the route to the goal changes; that can even show "
            "that the needs of residents are changing."
        ),
        "body": _md("""
            **Wat gaat er mis?** Het lijkt of de doelen telkens anders worden. Je kunt toch niet
            steeds van koers wisselen?

            **Wat helpt?** Co-creatie is een zoektocht. Daardoor verandert de weg naar het doel
            altijd wel. Dat is niet erg. Het doel eronder blijft hetzelfde: het welzijn van de
            doelgroep verhogen met betere diensten. Houd dat doel voor ogen en wees flexibel in
            de route ernaartoe.

            Soms verschuiven de doelen zelf ook. Vaak is dat een teken dat de behoeften van
            inwoners veranderen. Dan is bijsturen juist goed.

            **Uit de praktijk:** de Poolse pilot liet zien dat de manier waarop je doelen
            bereikt onderweg verandert.
        """),
        "phases": ["co-design", "co-productie"],
        "examples": ["cosie-polen"],
        "tools": [],
        "tags": ["publieke waarden", "evaluatie", "cosie"],
    },
    {
        "number": 10,
        "slug": "hoe-evalueren",
        "title": "Wat is een goede manier om het proces te evalueren?",
        "summary": (
            "Evaluatie kan op veel manieren, zolang er neutrale ruimtes en regelmatige "
            "bijeenkomsten zijn waar iedereen open kan praten."
        ),
        "title_en": "What is a good way to evaluate the process?",
        "summary_en": (
            "You can evaluate in many ways, as long as there are neutral spaces and regular "
            "meetings where everyone can speak openly."
        ),
        "body": _md("""
            **Wat gaat er mis?** Je wilt het proces evalueren, maar weet niet goed hoe. Er zijn
            zoveel mogelijkheden.

            **Wat helpt?** Evaluatie kan veel vormen hebben. Bij co-creatie is één ding
            belangrijk: er moeten neutrale ruimtes zijn. Daar kunnen dienstverleners, inwoners en
            andere betrokkenen eerlijk zeggen waar ze zich zorgen over maken. Organiseer
            daarvoor regelmatig bijeenkomsten. Houd in die gesprekken rekening met de
            verschillende perspectieven.

            **Uit de praktijk:** dit advies komt uit de Zweedse en de Spaanse pilot.
        """),
        "phases": ["co-evaluatie"],
        "examples": ["cosie-zweden", "cosie-spanje"],
        "tools": ["neutrale-ruimtes", "regelmatige-evaluatiebijeenkomsten"],
        "tags": ["evaluatie", "gelijkwaardigheid", "cosie"],
    },
    {
        "number": 11,
        "slug": "proces-te-intensief",
        "title": "Wat als het proces te zwaar is voor sommige deelnemers?",
        "summary": (
            "Deelnemers met specifieke behoeften hebben een goede voorbereiding nodig; plan "
            "belangrijke bijeenkomsten daarom samen met hen."
        ),
        "title_en": "What if the process is too demanding for some participants?",
        "summary_en": (
            "Participants with specific needs need good preparation; so plan important meetings "
            "together with them."
        ),
        "body": _md("""
            **Wat gaat er mis?** Voor een deel van de deelnemers is het proces te intensief. Ze
            raken vermoeid of haken af.

            **Wat helpt?** Hebben deelnemers specifieke behoeften? Breng die dan goed in kaart
            voordat belangrijke bijeenkomsten beginnen. Houd er rekening mee in de planning.
            Plan de bijeenkomsten bij voorkeur samen met mensen die de dienst later kunnen gaan
            gebruiken. Zo voorkom je dat groepen zich buitengesloten voelen.

            Algemene tips: houd bijeenkomsten kort, las pauzes in en vraag vooraf wat iemand
            nodig heeft om mee te kunnen doen.

            **Uit de praktijk:** de Estse pilot is een voorbeeld van een pilot met deelnemers
            met specifieke behoeften.
        """),
        "phases": ["co-design", "co-productie"],
        "examples": ["cosie-estland"],
        "tools": [],
        "tags": ["inclusie", "burgerparticipatie", "cosie"],
    },
    {
        "number": 12,
        "slug": "nu-begint-het-echte-werk",
        "title": "'We hebben inwoners gehoord, nu begint het echte werk.' Hoe verander je dat?",
        "summary": (
            "Inwoners horen en daarna zelf verdergaan is geen co-creatie; een andere houding "
            "kost moeite maar loont."
        ),
        "title_en": (
            "'We have listened to residents, now the real work begins.' How do you change that?"
        ),
        "summary_en": (
            "Listening to residents and then carrying on alone is not co-creation; a different "
            "attitude takes effort but it pays off."
        ),
        "body": _md("""
            **Wat gaat er mis?** In het openbaar bestuur hoor je vaak deze gedachte: 'We hebben
            nu naar inwoners geluisterd. Tijd om zelf aan de slag te gaan.' De inbreng van
            inwoners wordt zo een los moment, in plaats van een rode draad.

            **Wat helpt?** Een andere manier van denken is niet makkelijk. Maar de CoSIE-pilots
            laten zien dat het de moeite waard is. Betrek inwoners bij alle onderdelen van het
            proces: het initiatief, het ontwerp, de invoering en de evaluatie. Dan komen er
            inzichten naar boven die je anders mist. Die maken publieke diensten beter.

            **Uit de praktijk:** de gedachte 'nu begint het echte werk' werd opgetekend in de
            pilot in de gemeente Houten. De partners daar gaven ook een mooi advies:
            'Ambtenaren moeten leren op hun handen te zitten!'
        """),
        "phases": ["co-initieren", "co-design", "co-productie", "co-evaluatie"],
        "examples": ["cosie-houten"],
        "tools": [],
        "tags": ["organisatiecultuur", "burgerparticipatie", "cosie"],
    },
]


# ---------------------------------------------------------------------------
# Voorbeelden: CoSIE-pilots en regionale praktijk
# ---------------------------------------------------------------------------

EXAMPLES = [
    {
        "slug": "cosie-hongarije",
        "title": "CoSIE-pilot Hongarije: lokale diensten zijn complex",
        "summary": (
            "De Hongaarse partners lieten in een video en een pilotbeschrijving zien hoe "
            "ingewikkeld lokale diensten kunnen zijn."
        ),
        "country": "Hongarije",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            De Hongaarse partners in CoSIE maakten een video en schreven een beschrijving van hun
            pilot. Daarin staat de complexiteit van lokale dienstverlening centraal.
        """),
        "lessons": _md("""
            Een ingewikkelde start is normaal. De roadmap koppelt hier een advies aan: doe ook
            de start samen. Breng de belangrijke spelers bij elkaar en zoek samen uit waar de
            knelpunten zitten.
        """),
        "body": _md("""
            Hongarije is een van de landen die meedeed aan het Europese project CoSIE. De aanpak
            en de resultaten van deze pilot zijn hier nog niet verder beschreven.
        """),
        "phases": ["co-initieren"],
        "challenges": ["start-lijkt-te-complex"],
        "tools": [],
        "tags": ["cosie", "dienstverlening"],
    },
    {
        "slug": "cosie-finland",
        "title": "CoSIE-pilot Finland: groepen bereiken die buiten beeld blijven",
        "summary": (
            "In Finland ontwikkelden ze strategieën om groepen te laten meedoen die normaal "
            "geen contact hebben met de overheid."
        ),
        "country": "Finland",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            De Finse pilot bedacht strategieën om mensen te betrekken die normaal niet met de
            overheid in contact komen. Die strategieën bleken effectief.
        """),
        "lessons": _md("""
            Groepen die ver van de overheid af staan, komen niet vanzelf. Je hebt een bewuste
            strategie nodig. Die kun je het best samen met een paar belanghebbenden opstellen.
        """),
        "body": _md("""
            Finland deed mee aan CoSIE. Hoe de strategieën er precies uitzagen, is hier nog
            niet beschreven.
        """),
        "phases": ["co-initieren"],
        "challenges": ["belanghebbenden-doen-niet-mee"],
        "tools": [],
        "tags": ["cosie", "inclusie", "burgerparticipatie"],
    },
    {
        "slug": "cosie-estland",
        "title": "CoSIE-pilot Estland: neutrale ruimtes en neutrale mentoren",
        "summary": (
            "In Estland kregen werkgroepen een neutrale ruimte en een neutrale mentor, zodat "
            "niemand het gesprek kon overnemen."
        ),
        "country": "Estland",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            - De werkgroepen kwamen samen in neutrale ruimtes.
            - Elke werkgroep had een neutrale mentor.
            - De pilot werkte met inwoners met specifieke behoeften.
        """),
        "lessons": _md("""
            Neutrale plekken en begeleiders helpen tegen deelnemers die het gesprek domineren.
            Zo krijgt iedereen een kans om gehoord te worden.

            Bij deelnemers met specifieke behoeften geeft de roadmap dit advies: breng hun
            behoeften vooraf goed in kaart. Plan belangrijke bijeenkomsten samen met de mensen
            die de dienst later gaan gebruiken. Zo voelt niemand zich buitengesloten.
        """),
        "body": _md("""
            Estland was een van de CoSIE-landen. De roadmap noemt de Estse pilot bij twee
            uitdagingen: dominante deelnemers en een proces dat voor sommigen te zwaar is.
        """),
        "phases": ["co-design", "co-productie"],
        "challenges": ["deelnemers-domineren-gesprek", "proces-te-intensief"],
        "tools": ["neutrale-ruimtes"],
        "tags": ["cosie", "gelijkwaardigheid", "inclusie"],
    },
    {
        "slug": "cosie-spanje",
        "title": "CoSIE-pilot Spanje: doorgaan, ook als mensen wisselen",
        "summary": (
            "Ondanks veel wisselingen van personen bleef de Spaanse pilot co-productie en "
            "co-management gewoon uitvoeren."
        ),
        "country": "Spanje",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            - Er waren veel wisselingen van personen. Toch bleven de activiteiten voor
              co-productie en co-management hetzelfde.
            - Er was steeds genoeg ruimte en tijd voor co-creatie.
            - De Living Labs van Northumbria Universiteit hielpen om uit te zoeken hoe managers
              op een hoger niveau meer bij de evaluatie betrokken konden worden.
            - De pilot stelde voor om regelmatig bijeen te komen om te evalueren, met oog voor
              verschillende perspectieven.
        """),
        "lessons": _md("""
            Als co-creatie een gewoonte is, gaat het door als mensen vertrekken. Betrek ook
            hogere managers bij de evaluatie. Een living lab kan helpen om uit te zoeken hoe.
        """),
        "body": _md("""
            Spanje deed mee aan CoSIE. De Spaanse pilot komt bij drie uitdagingen van de roadmap
            terug: wisselende deelnemers, tegenvallende betrokkenheid en evaluatie.
        """),
        "phases": ["co-productie", "co-evaluatie"],
        "challenges": [
            "wisselende-deelnemers-en-tijd",
            "weinig-betrokkenheid-coproductie",
            "hoe-evalueren",
        ],
        "tools": ["living-labs", "regelmatige-evaluatiebijeenkomsten"],
        "tags": ["cosie", "living lab", "evaluatie"],
    },
    {
        "slug": "cosie-nieuwegein",
        "title": "CoSIE-pilot Nieuwegein: lokale problemen samen aanpakken",
        "summary": (
            "De Nederlandse pilot in Nieuwegein beschrijft systemen om lokale problemen op een "
            "co-creatieve manier aan te pakken."
        ),
        "country": "Nederland",
        "place": "Nieuwegein",
        "organisation": "",
        "what_was_done": _md("""
            De pilot in Nieuwegein beschrijft hoe je systemen inricht om lokale problemen samen
            met de betrokkenen op te lossen.
        """),
        "lessons": _md("""
            Standaardiseren is soms nodig, zeker in grotere steden. Maar de lastigste problemen
            spelen vaak lokaal. Daar heb je een vaste manier nodig om samen oplossingen te
            zoeken.
        """),
        "body": _md("""
            Nieuwegein was een van de Nederlandse pilots in CoSIE. De pilot is hier vooral een
            voorbeeld bij de vraag hoe standaardisatie en co-creatie samengaan. De inhoud is
            hier nog niet verder beschreven.
        """),
        "phases": ["co-design", "co-productie"],
        "challenges": ["standaardisatie-of-maatwerk"],
        "tools": [],
        "tags": ["cosie", "publieke waarden", "dienstverlening"],
    },
    {
        "slug": "cosie-houten",
        "title": "CoSIE-pilot Houten: leren op je handen te zitten",
        "summary": (
            "In Houten bracht een Conversation of Change met community reports verschillende "
            "groepen bij elkaar en leerden ambtenaren een andere houding."
        ),
        "country": "Nederland",
        "place": "Houten",
        "organisation": "Gemeente Houten",
        "what_was_done": _md("""
            - De pilot organiseerde een Conversation of Change. Community reports vormden de
              basis van die bijeenkomst.
            - Dat bleek de sleutel om verschillende groepen belanghebbenden bij het proces te
              betrekken.
        """),
        "lessons": _md("""
            In Houten werd de gedachte gehoord: 'nu we de mensen gehoord hebben, begint het
            echte werk'. Die houding kom je vaker tegen. De partners in Houten vatten de les
            kort samen: 'Ambtenaren moeten leren op hun handen te zitten!'

            Inwoners horen aan het begin is niet genoeg. Ze horen mee te doen in alle fasen.
        """),
        "body": _md("""
            Houten was een van de Nederlandse pilots in CoSIE. In dezelfde gemeente werkte
            projectleider Jessica Dijkman met community reporting. Zie ook het voorbeeld
            'Community reporting in Houten'.
        """),
        "phases": ["co-design", "co-evaluatie"],
        "challenges": ["weinig-betrokkenheid-coproductie", "nu-begint-het-echte-werk"],
        "tools": ["conversation-of-change", "community-reporting"],
        "tags": ["cosie", "narratieve methoden", "organisatiecultuur"],
    },
    {
        "slug": "cosie-zweden",
        "title": "CoSIE-pilot Zweden: tijd en ruimte voor reflectie",
        "summary": (
            "De Zweedse partners lieten zien dat evaluatie tijd en ruimte voor reflectie nodig "
            "heeft."
        ),
        "country": "Zweden",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            - De Zweedse partners beschreven het belang van genoeg tijd en ruimte om stil te
              staan en te evalueren.
            - Ze stelden voor om regelmatig bijeen te komen, zodat iedereen open zijn zorgen
              kan delen vanuit verschillende perspectieven.
        """),
        "lessons": _md("""
            Vragen wat gebruikers van een dienst vinden, is een begin. Echte co-creatie vraagt
            meer: vaste momenten om samen terug te kijken en na te denken.
        """),
        "body": _md("""
            Zweden deed mee aan CoSIE. De inhoud van de Zweedse pilot is hier nog niet
            verder beschreven.
        """),
        "phases": ["co-evaluatie"],
        "challenges": ["we-vragen-al-om-feedback", "hoe-evalueren"],
        "tools": ["regelmatige-evaluatiebijeenkomsten"],
        "tags": ["cosie", "evaluatie"],
    },
    {
        "slug": "cosie-italie",
        "title": "CoSIE-pilots Italië: vroeg eens worden over de doelen",
        "summary": (
            "In Italië zorgden vroege deelname en overeenstemming over de hoofddoelen voor "
            "een systematische verandering in de dienstverlening."
        ),
        "country": "Italië",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            - Ook in de Italiaanse pilots was een Conversation of Change met community reports
              de sleutel om verschillende groepen belanghebbenden te betrekken.
            - De partners stapten vroeg in en werden het eens over de belangrijkste doelen van
              het project.
        """),
        "lessons": _md("""
            Vroeg instappen en samen de hoofddoelen vaststellen, werkte in Italië als sleutel.
            Het leidde tot een systematische verandering in hoe de dienst wordt geleverd en
            geëvalueerd.
        """),
        "body": _md("""
            Italië deed mee aan CoSIE. De roadmap noemt de Italiaanse pilots bij twee
            uitdagingen: tegenvallende betrokkenheid en spanning tussen instanties.
        """),
        "phases": ["co-initieren", "co-productie"],
        "challenges": ["weinig-betrokkenheid-coproductie", "spanning-tussen-instanties"],
        "tools": ["conversation-of-change", "community-reporting"],
        "tags": ["cosie", "samenwerking", "narratieve methoden"],
    },
    {
        "slug": "cosie-verenigd-koninkrijk",
        "title": "CoSIE-pilot Verenigd Koninkrijk: samenwerken in de reclassering",
        "summary": (
            "In de Britse pilot in de reclassering werd duidelijk hoe lastig samenwerken is als "
            "instanties in hun eigen koker werken."
        ),
        "country": "Verenigd Koninkrijk",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            De Britse pilot vond plaats in de reclassering. Daar werkten verschillende
            instanties samen.
        """),
        "lessons": _md("""
            In deze pilot werd het probleem van werken in kokers goed zichtbaar. Elke staf of
            afdeling heeft eigen prioriteiten en plannen. Dat zorgt voor spanning. Hoe de pilot
            daarmee omging, is hier nog niet beschreven.
        """),
        "body": _md("""
            Het Verenigd Koninkrijk deed mee aan CoSIE met een pilot in de reclassering.
        """),
        "phases": ["co-productie"],
        "challenges": ["spanning-tussen-instanties"],
        "tools": [],
        "tags": ["cosie", "reclassering", "samenwerking"],
    },
    {
        "slug": "cosie-polen",
        "title": "CoSIE-pilot Polen: doelen die meebewegen",
        "summary": (
            "De Poolse pilot liet zien dat de weg naar een doel verschuift tijdens co-creatie, "
            "omdat behoeften van inwoners veranderen."
        ),
        "country": "Polen",
        "place": "",
        "organisation": "",
        "what_was_done": _md("""
            Tijdens de Poolse pilot veranderde onderweg de manier waarop de doelen bereikt
            werden.
        """),
        "lessons": _md("""
            Verschuivende doelen zijn geen teken van mislukking. Ze horen bij de zoektocht van
            co-creatie. Vaak laten ze zien dat de behoeften van inwoners veranderen.
        """),
        "body": _md("""
            Polen deed mee aan CoSIE. Het onderwerp en de resultaten van de pilot zijn
            hier nog niet verder beschreven.
        """),
        "phases": ["co-design", "co-productie"],
        "challenges": ["doelen-blijven-veranderen"],
        "tools": [],
        "tags": ["cosie", "publieke waarden"],
    },
    {
        "slug": "aanpak-nypels-nieuwegein",
        "title": "Aanpak Nypels: het afvalprobleem samen met bewoners aanpakken",
        "summary": (
            "In Nieuwegein pakt de gemeente binnen de 'aanpak Nypels' het afvalprobleem samen met "
            "bewoners aan."
        ),
        "country": "Nederland",
        "place": "Nieuwegein",
        "organisation": "Gemeente Nieuwegein",
        "what_was_done": _md("""
            Binnen de 'aanpak Nypels' werkt de gemeente Nieuwegein samen met bewoners aan het
            afvalprobleem. Projectleider Nynke Joustra is bij de aanpak betrokken.
        """),
        "lessons": _md("""
            Nynke Joustra vertelt over de aanpak en de uitdagingen in de eerste online sessie
            van Hogeschool Utrecht. Die sessie gaat over de vraag hoe je een initiatief voor
            co-creatie start. De uitkomsten van de aanpak zijn hier nog niet beschreven.
        """),
        "body": _md("""
            Een voorbeeld uit de regio Utrecht van een gemeente die een concreet probleem in de
            wijk samen met de bewoners oppakt.
        """),
        "phases": ["co-initieren"],
        "challenges": ["start-lijkt-te-complex", "standaardisatie-of-maatwerk"],
        "tools": [],
        "tags": ["afval", "burgerparticipatie"],
    },
    {
        "slug": "community-reporting-houten",
        "title": "Community reporting in Houten",
        "summary": (
            "De gemeente Houten zette community reporting in en verbeterde zo de dienstverlening "
            "aan mensen met een afstand tot de arbeidsmarkt."
        ),
        "country": "Nederland",
        "place": "Houten",
        "organisation": "Gemeente Houten",
        "what_was_done": _md("""
            De gemeente Houten gebruikte community reporting. Bij deze verhalende methode
            vertellen mensen uit de doelgroep zelf over hun ervaringen. Zo gaf de gemeente samen
            met de doelgroep vorm aan co-creatie.
        """),
        "lessons": _md("""
            Via co-creatie werd de dienstverlening aan mensen met een afstand tot de
            arbeidsmarkt beter. Projectleider Jessica Dijkman vertelt hierover in de tweede
            online sessie van Hogeschool Utrecht.
        """),
        "body": _md("""
            Een voorbeeld uit de regio Utrecht, binnen het sociaal domein. Houten was ook een
            van de Nederlandse pilots in CoSIE.
        """),
        "phases": ["co-initieren", "co-design"],
        "challenges": ["weinig-betrokkenheid-coproductie"],
        "tools": ["community-reporting", "narratieve-methoden"],
        "tags": ["werk en inkomen", "narratieve methoden", "sociaal domein"],
    },
    {
        "slug": "gemengd-wonen-groene-sticht",
        "title": "Gemengd wonen met 't Groene Sticht",
        "summary": (
            "Gewone huurders of studenten delen een woonproject met mensen die extra steun "
            "nodig hebben. Bewoners geven het proces zelf mee vorm."
        ),
        "country": "Nederland",
        "place": "",
        "organisation": "'t Groene Sticht",
        "what_was_done": _md("""
            Nico Ooms is projectleider Gemengd Wonen Tussenvoorziening. Daarnaast is hij
            coördinator van 't Groene Sticht. Hij is betrokken bij negen initiatieven voor
            gemengd wonen. Bij al die initiatieven geven bewoners samen invulling aan het
            proces.

            In zo'n woonproject wonen reguliere huurders of studenten samen met andere
            bewoners. Dat zijn bijvoorbeeld:

            - mensen die eerder dak- of thuisloos waren;
            - jongeren met een licht verstandelijke beperking;
            - mensen die psychisch kwetsbaar zijn.
        """),
        "lessons": _md("""
            Nico Ooms vertelt hierover in de derde online sessie van Hogeschool Utrecht. Die
            sessie gaat over professionals uit verschillende diensten die samenwerken en samen
            co-creëren. Dat is vaak een ingewikkelde praktijk. Over gemengd wonen is ook een
            studie beschikbaar: 'Gemengd Wonen; lessen uit de praktijk'.
        """),
        "body": _md("""
            Een voorbeeld uit de regio over wonen, inclusie en samenwerking tussen
            organisaties. De plaatsen en resultaten van de afzonderlijke initiatieven
            zijn hier nog niet beschreven.
        """),
        "phases": ["co-design", "co-productie"],
        "challenges": ["spanning-tussen-instanties"],
        "tools": [],
        "tags": ["wonen", "inclusie", "samenwerking", "sociaal domein"],
    },
    {
        "slug": "onderzoek-movisie-burgerparticipatie",
        "title": "Movisie: onderzoek naar burgerparticipatie in gemeenten",
        "summary": (
            "Karin Sok van Movisie presenteerde resultaten van onderzoek naar burgerparticipatie "
            "op gemeentelijk niveau."
        ),
        "country": "Nederland",
        "place": "",
        "organisation": "Movisie",
        "what_was_done": _md("""
            Movisie deed onderzoek naar burgerparticipatie op het niveau van de gemeente. Karin
            Sok vertelt over de resultaten in de vierde online sessie van Hogeschool Utrecht.
        """),
        "lessons": _md("""
            Die sessie gaat over co-evaluatie en over co-creatie die blijft. Hoe krijg je
            co-creatie in het DNA van je organisatie? De uitkomsten van het onderzoek zelf
            zijn hier nog niet beschreven.
        """),
        "body": _md("""
            Een bijdrage aan de vier online sessies die Hogeschool Utrecht samen met het
            Kennisplatform Utrecht Sociaal organiseert.
        """),
        "phases": ["co-evaluatie"],
        "challenges": [],
        "tools": [],
        "tags": ["burgerparticipatie", "onderzoek", "evaluatie"],
    },
]


# ---------------------------------------------------------------------------
# Hulpmiddelen
# ---------------------------------------------------------------------------

TOOLS = [
    {
        "slug": "community-reporting",
        "title": "Community reporting",
        "kind": "methode",
        "summary": (
            "Een verhalende methode waarbij mensen uit de doelgroep zelf vertellen over hun "
            "ervaringen."
        ),
        "body": _md("""
            Community reporting is een narratieve methode. Mensen uit de doelgroep vertellen zelf
            over wat ze hebben meegemaakt. Die verhalen heten **community reports**. Je hoort zo
            direct van de mensen om wie het gaat hoe een dienst in hun leven uitpakt.

            In de gemeente Houten werd de methode ingezet om samen met de doelgroep vorm te
            geven aan co-creatie. In Houten en in Italië vormden community reports de basis van
            de Conversation of Change.
        """),
        "when_to_use": _md("""
            - Als je wilt weten hoe mensen een dienst echt ervaren.
            - Als je een groep wilt horen die weinig contact heeft met de overheid.
            - Als startpunt voor een gesprek tussen inwoners, professionals en managers.
        """),
        "how_to_use": _md("""
            1. Kies samen met een paar mensen uit de doelgroep een thema.
            2. Zoek mensen die hun verhaal willen vertellen.
            3. Spreek af wat er met de verhalen gebeurt en vraag toestemming.
            4. Leg de verhalen vast op een manier die past bij de vertellers, bijvoorbeeld
               gesproken, geschreven of op video.
            5. Bespreek de verhalen met alle betrokkenen, bijvoorbeeld in een Conversation of
               Change.
            6. Laat de vertellers weten wat er met hun verhaal is gedaan.
        """),
        "phases": ["co-initieren", "co-design", "co-evaluatie"],
        "tags": ["narratieve methoden", "inclusie", "sociaal domein"],
    },
    {
        "slug": "narratieve-methoden",
        "title": "Narratieve methoden: verhalen over beleefde ervaringen",
        "kind": "methode",
        "summary": (
            "Werken met verhalen over wat mensen echt hebben meegemaakt, om het gesprek op "
            "gang te brengen."
        ),
        "body": _md("""
            Bij narratieve methoden staan verhalen centraal. Mensen vertellen over situaties die
            ze zelf hebben beleefd. Zo'n verhaal is een goede prikkel voor een gesprek. Het
            maakt een abstract probleem concreet en persoonlijk.

            De roadmap noemt verhalen over beleefde ervaringen als hulpmiddel om de eerste
            gesprekken makkelijker te maken. Community reporting is een bekende vorm.
        """),
        "when_to_use": _md("""
            - Aan het begin, om behoeften te verkennen.
            - Als een gesprek vastloopt in algemene standpunten.
            - Als je wilt dat beslissers de gevolgen van beleid beter begrijpen.
        """),
        "how_to_use": _md("""
            1. Stel een open vraag, zoals: 'Vertel eens over een moment dat de dienst je hielp
               of juist niet.'
            2. Luister zonder te oordelen of meteen oplossingen te geven.
            3. Vraag door op wat iemand voelde en nodig had.
            4. Zoek samen naar patronen in verschillende verhalen.
            5. Gebruik die patronen als basis voor ideeën.
        """),
        "phases": ["co-initieren", "co-design"],
        "tags": ["narratieve methoden", "burgerparticipatie"],
    },
    {
        "slug": "living-labs",
        "title": "Living labs",
        "kind": "methode",
        "summary": (
            "Een manier van werken waarbij je samen met gebruikers oplossingen ontwikkelt en "
            "test in hun eigen omgeving."
        ),
        "body": _md("""
            In een living lab ontwikkel en test je nieuwe oplossingen in het echte leven, niet
            achter een bureau. Gebruikers, professionals en onderzoekers werken daarbij samen.
            Zo zie je snel wat werkt en wat niet.

            In CoSIE hielpen de Living Labs van Northumbria Universiteit de Spaanse pilot. Ze
            zochten samen uit hoe ze hogere managers sterker bij de evaluatie konden
            betrekken. De roadmap noemt hulpmiddelen uit living labs ook als manier om
            vroege gesprekken makkelijker te maken.
        """),
        "when_to_use": _md("""
            - Als je een idee wilt uitproberen voordat je het groot invoert.
            - Als je wilt ontdekken hoe je een bepaalde groep, zoals managers, beter betrekt.
            - Als je gebruikers actief wilt laten meedenken en meedoen.
        """),
        "how_to_use": _md("""
            1. Kies een concrete vraag of een idee om te testen.
            2. Zoek een echte omgeving waar je het kunt uitproberen.
            3. Stel een groep samen van gebruikers, professionals en eventueel onderzoekers.
            4. Test in korte rondes en verzamel na elke ronde reacties.
            5. Pas het idee aan en test opnieuw.
        """),
        "phases": ["co-initieren", "co-design", "co-evaluatie"],
        "tags": ["living lab", "evaluatie", "ontwerpen"],
    },
    {
        "slug": "digitale-hulpmiddelen",
        "title": "Digitale hulpmiddelen",
        "kind": "digitaal",
        "summary": (
            "Online middelen om meer mensen te bereiken en contact te houden, als aanvulling "
            "op persoonlijk contact."
        ),
        "body": _md("""
            Digitale hulpmiddelen zijn een van de soorten tools die de roadmap noemt. Denk aan
            online bijeenkomsten, een appgroep of een online platform om ideeën te delen. De
            serie sessies van Hogeschool Utrecht over co-creatie is bijvoorbeeld online opgezet.

            Digitale middelen zijn handig, maar ze vervangen het echte contact niet. Een relatie
            met inwoners bouw je vooral op door elkaar te ontmoeten.
        """),
        "when_to_use": _md("""
            - Als deelnemers moeilijk op één plek samen kunnen komen.
            - Om tussen bijeenkomsten door contact te houden.
            - Om een bredere groep te informeren over het initiatief.
        """),
        "how_to_use": _md("""
            1. Vraag deelnemers welke middelen zij al gebruiken.
            2. Kies een middel dat eenvoudig en toegankelijk is.
            3. Help mensen die minder digitaal vaardig zijn, of bied een alternatief.
            4. Combineer online contact met ontmoetingen in het echt.
        """),
        "phases": ["co-initieren", "co-design", "co-productie", "co-evaluatie"],
        "tags": ["digitaal", "burgerparticipatie"],
    },
    {
        "slug": "conversation-of-change",
        "title": "Conversation of Change",
        "kind": "bijeenkomst",
        "summary": (
            "Een bijeenkomst waarin verschillende groepen belanghebbenden samen praten over "
            "verandering, met community reports als basis."
        ),
        "body": _md("""
            De Conversation of Change is een bijeenkomst waarin verhalen uit de doelgroep het
            vertrekpunt zijn. Die verhalen, de community reports, brengen verschillende groepen
            belanghebbenden met elkaar in gesprek.

            In Houten en in de Italiaanse pilots van CoSIE was deze bijeenkomst de sleutel om
            verschillende groepen bij het proces te betrekken.
        """),
        "when_to_use": _md("""
            - Als de betrokkenheid in de uitvoering tegenvalt.
            - Als je inwoners, professionals en beslissers samen aan tafel wilt krijgen.
            - Als je verhalen uit community reporting wilt omzetten in actie.
        """),
        "how_to_use": _md("""
            1. Verzamel vooraf community reports over het thema.
            2. Nodig alle groepen uit: inwoners, uitvoerders, partners en beslissers.
            3. Laat de verhalen zien of horen aan het begin van de bijeenkomst.
            4. Bespreek in kleine groepen wat opvalt en wat er moet veranderen.
            5. Maak samen concrete afspraken en vertel later wat ermee gebeurd is.
        """),
        "phases": ["co-design", "co-productie", "co-evaluatie"],
        "tags": ["bijeenkomsten", "narratieve methoden", "samenwerking"],
    },
    {
        "slug": "neutrale-ruimtes",
        "title": "Neutrale ruimtes met neutrale mentoren",
        "kind": "ruimte",
        "summary": (
            "Plekken en begeleiders zonder belang bij de uitkomst, zodat iedereen vrij kan "
            "praten en niemand het gesprek overneemt."
        ),
        "body": _md("""
            Een neutrale ruimte is een plek waar geen van de partijen 'thuis' is. Een neutrale
            mentor begeleidt het gesprek zonder zelf een belang te hebben. Samen zorgen ze
            ervoor dat deelnemers zich vrij voelen om te zeggen wat ze denken.

            In Estland werkten de werkgroepen van de CoSIE-pilot met neutrale ruimtes en
            neutrale mentoren. De roadmap raadt neutrale ruimtes ook aan bij evaluatie. Daar
            kunnen dienstverleners, inwoners en anderen open hun zorgen delen.
        """),
        "when_to_use": _md("""
            - Als een paar deelnemers het gesprek domineren.
            - Als er grote verschillen in macht zijn tussen de deelnemers.
            - Bij evaluatie, als je eerlijke feedback wilt.
        """),
        "how_to_use": _md("""
            1. Kies een plek die niet van de gemeente of een van de andere partijen is.
            2. Vraag een begeleider die geen belang heeft bij de uitkomst.
            3. Stel samen spelregels op: iedereen heeft evenveel stem.
            4. Laat de mentor letten op wie nog niet aan het woord is geweest.
        """),
        "phases": ["co-design", "co-productie", "co-evaluatie"],
        "tags": ["gelijkwaardigheid", "evaluatie"],
    },
    {
        "slug": "regelmatige-evaluatiebijeenkomsten",
        "title": "Regelmatige evaluatiebijeenkomsten",
        "kind": "bijeenkomst",
        "summary": (
            "Vaste momenten waarop alle betrokkenen samen terugkijken, met ruimte voor "
            "verschillende perspectieven."
        ),
        "body": _md("""
            Evalueren doe je bij co-creatie niet één keer aan het eind. Je komt regelmatig
            bijeen om samen te kijken hoe het gaat. Zo kunnen dienstverleners, inwoners en andere
            betrokkenen op tijd hun zorgen delen.

            De Zweedse en Spaanse pilots in CoSIE stelden zulke regelmatige bijeenkomsten voor.
            De Zweedse partners benadrukten daarbij hoe belangrijk tijd en ruimte voor reflectie
            is.
        """),
        "when_to_use": _md("""
            - Tijdens het hele proces, in elke fase.
            - Als je merkt dat de betrokkenheid afneemt.
            - Als doelen of behoeften lijken te veranderen.
        """),
        "how_to_use": _md("""
            1. Spreek samen een vast ritme af.
            2. Kies een neutrale plek.
            3. Nodig alle groepen uit, ook managers.
            4. Stel open vragen: wat gaat goed, wat moet anders, wat missen we?
            5. Leg afspraken vast en bespreek ze de volgende keer opnieuw.
        """),
        "phases": ["co-evaluatie"],
        "tags": ["evaluatie", "bijeenkomsten"],
    },
    {
        "slug": "informele-ontmoeting",
        "title": "Informele ontmoetingsplekken",
        "kind": "ruimte",
        "summary": (
            "Contact maken met inwoners op plekken waar zij al komen, zoals het schoolplein, "
            "het buurthuis of langs het voetbalveld."
        ),
        "body": _md("""
            Samenwerken begint met elkaar kennen. Dat lukt vaak beter op een informele plek dan
            in een zaal met een strak programma. Denk aan het schoolplein, het buurthuis of de
            rand van het voetbalveld. Daar kan een echt gesprek ontstaan tussen inwoner en
            overheid.
        """),
        "when_to_use": _md("""
            - Voordat je met co-creatie begint, om een netwerk op te bouwen.
            - Om mensen te bereiken die niet naar bijeenkomsten komen.
            - Doorlopend, om je netwerk te onderhouden.
        """),
        "how_to_use": _md("""
            1. Zoek uit waar de mensen in je wijk of doelgroep elkaar ontmoeten.
            2. Ga er regelmatig naartoe, ook als je niets te vragen hebt.
            3. Luister vooral en vertel wie je bent.
            4. Onthoud wat je hoort en kom erop terug.
        """),
        "phases": ["co-initieren"],
        "tags": ["netwerk", "burgerparticipatie"],
    },
]


# ---------------------------------------------------------------------------
# Thema's van de landkaart co-creatie
# ---------------------------------------------------------------------------

THEMES = [
    {
        "slug": "paradoxen-in-publieke-waarden",
        "title": "Paradoxen in publieke waarden",
        "order": 1,
        "summary": (
            "Wat doe je als inwoners iets anders willen dan de raad? Co-creatie raakt aan "
            "democratie, beleid en publieke waarden."
        ),
        "body": _md("""
            Co-creatie brengt spanningen met zich mee. Inwoners kunnen heel andere wensen hebben
            dan de gemeenteraad. Wie heeft dan de regie over de democratie? En wat is de rol van
            de raad en het college? Het onderzoek achter de landkaart co-creatie liet zien dat
            het borgen van beleid en publieke waarden een van de grote obstakels is.

            Er zijn meer van zulke paradoxen. Een dienst moet soms standaard zijn om hem op
            grotere schaal aan te bieden. Maar de lastigste problemen vragen juist lokaal
            maatwerk. En doelen kunnen tijdens co-creatie verschuiven, terwijl beleid om
            duidelijkheid vraagt.

            Algemene tips:

            - Maak vooraf duidelijk wat open ligt en wat niet.
            - Betrek raad en college op tijd en houd ze op de hoogte.
            - Maak zichtbaar hoe besluiten tot stand komen.
        """),
        "tools": ["conversation-of-change", "neutrale-ruimtes"],
        "examples": ["cosie-nieuwegein", "cosie-polen", "onderzoek-movisie-burgerparticipatie"],
        "articles": ["landkaart-co-creatie-publieke-sector"],
        "tags": ["publieke waarden", "burgerparticipatie"],
    },
    {
        "slug": "het-krachtenveld-organiseren",
        "title": "Het krachtenveld organiseren",
        "order": 2,
        "summary": (
            "Samenwerken met inwoners lukt vaak wel; je eigen organisatie en andere instanties "
            "meekrijgen is de grotere uitdaging."
        ),
        "body": _md("""
            Ambtenaren die met co-creatie werken, zijn vaak 'eenzame samenwerkers'. Met inwoners
            gaat het goed. Maar zodra ze collega's en hun eigen organisatie moeten betrekken,
            lopen ze vast. Ook tussen instanties is samenwerken lastig. Elke organisatie heeft
            eigen prioriteiten en werkt vaak in haar eigen koker.

            Het krachtenveld organiseren betekent: bondgenoten zoeken, managers erbij halen en
            vroeg samen de doelen afspreken. Voorbeelden uit CoSIE laten zien dat dat werkt. In
            Italië leidde vroege overeenstemming over de doelen tot een systematische
            verandering. In Spanje hielp een living lab om hogere managers bij de evaluatie te
            betrekken.

            Vergeet ook het netwerk buiten het gemeentehuis niet. Zo'n netwerk moet je
            voortdurend onderhouden.
        """),
        "tools": ["living-labs", "conversation-of-change", "informele-ontmoeting"],
        "examples": [
            "cosie-verenigd-koninkrijk",
            "cosie-italie",
            "cosie-spanje",
            "gemengd-wonen-groene-sticht",
        ],
        "articles": [
            "landkaart-co-creatie-publieke-sector",
            "co-creatie-eerst-even-wat-anders",
        ],
        "tags": ["samenwerking", "organisatiecultuur", "netwerk"],
    },
    {
        "slug": "competenties-voor-co-creatie",
        "title": "Competenties voor co-creatie",
        "order": 3,
        "summary": (
            "Luisteren, ruimte geven en relaties onderhouden: co-creatie vraagt andere "
            "vaardigheden van ambtenaren."
        ),
        "body": _md("""
            Co-creatie vraagt iets anders van je dan traditioneel beleid maken. Je moet achter
            je bureau vandaan durven komen en echt contact maken met inwoners. Je werkt
            gelijkwaardig samen en neemt de ander serieus.

            Soms betekent dat: minder doen. De partners in Houten zeiden het zo: 'Ambtenaren
            moeten leren op hun handen te zitten!' Ruimte geven, luisteren en niet meteen met
            oplossingen komen, zijn belangrijke vaardigheden.

            Belangrijke competenties zijn onder meer:

            - contact maken en een relatie opbouwen;
            - goed luisteren naar verhalen van inwoners;
            - invloed durven delen;
            - omgaan met onzekerheid en doelen die verschuiven;
            - collega's en leidinggevenden meenemen.

            Je leert dit niet alleen. Leer samen met je team en wissel ervaringen uit met
            andere gemeenten.
        """),
        "tools": ["narratieve-methoden", "community-reporting", "informele-ontmoeting"],
        "examples": [
            "cosie-houten",
            "cosie-estland",
            "aanpak-nypels-nieuwegein",
            "community-reporting-houten",
        ],
        "articles": [
            "co-creatie-eerst-even-wat-anders",
            "landkaart-co-creatie-publieke-sector",
        ],
        "tags": ["organisatiecultuur", "gelijkwaardigheid", "netwerk"],
    },
    {
        "slug": "interventies-die-werken",
        "title": "Interventies die werken",
        "order": 4,
        "summary": (
            "Methoden, werkvormen en bijeenkomsten die in de praktijk hielpen om co-creatie "
            "van de grond te krijgen."
        ),
        "body": _md("""
            Welke interventies helpen bij co-creatie? De pilots van CoSIE en projecten uit de
            regio geven een aantal aanwijzingen.

            - **Verhalen als startpunt.** Community reporting en andere narratieve methoden
              laten mensen zelf vertellen. In Houten hielp dat om de dienstverlening aan
              mensen met een afstand tot de arbeidsmarkt te verbeteren.
            - **Een bijeenkomst rond die verhalen.** De Conversation of Change bracht in Houten
              en Italië verschillende groepen bij het proces.
            - **Neutrale plekken en begeleiders.** In Estland zorgden die ervoor dat iedereen
              gehoord werd.
            - **Samen uitproberen.** Living labs helpen om ideeën in de praktijk te testen.
            - **Regelmatig evalueren.** Vaste momenten om samen terug te kijken.

            Kies een interventie die past bij jouw vraag en jouw doelgroep. En evalueer samen
            of hij werkt.
        """),
        "tools": [
            "community-reporting",
            "conversation-of-change",
            "neutrale-ruimtes",
            "living-labs",
            "regelmatige-evaluatiebijeenkomsten",
            "digitale-hulpmiddelen",
        ],
        "examples": [
            "community-reporting-houten",
            "cosie-italie",
            "cosie-finland",
            "aanpak-nypels-nieuwegein",
            "gemengd-wonen-groene-sticht",
        ],
        "articles": ["landkaart-co-creatie-publieke-sector"],
        "tags": ["narratieve methoden", "living lab", "bijeenkomsten"],
    },
]


# ---------------------------------------------------------------------------
# Artikelen
# ---------------------------------------------------------------------------

ARTICLES = [
    {
        "slug": "landkaart-co-creatie-publieke-sector",
        "title": "De landkaart co-creatie: wat ambtenaren in de praktijk tegenkomen",
        "summary": (
            "Onderzoek van NHL-Hogeschool en BMC met vijf gemeenten leidde tot een landkaart vol "
            "handvatten voor ambtenaren die samenwerken met inwoners."
        ),
        "body": _md("""
            Steeds vaker werken inwoners, overheden en organisaties samen aan maatschappelijke
            vraagstukken. Dat iedereen daarbij een actieve rol heeft, vinden we inmiddels
            gewoon. Toch blijkt het in de praktijk vaak lastiger dan gedacht. Wat doe je als
            inwoners iets heel anders willen dan de gemeenteraad? En hoe kom je door alle regels
            en procedures heen als je iets eenvoudigs wilt regelen, zoals verlichting in een
            tunnel?

            ## Het onderzoek

            In 2016 deden NHL-Hogeschool en BMC onderzoek bij vijf gemeenten: Delft, Groningen,
            Leeuwarden, Tytsjerksteradiel en IJsselstein. De vraag was hoe ambtenaren omgaan met
            de obstakels die ze bij co-creatie tegenkomen. Het doel: tips en oplossingen
            verzamelen voor ambtenaren die net beginnen met samenwerken met inwoners.

            ## Inzicht 1: de eenzame samenwerker

            Ambtenaren blijken bij co-creatie vaak 'eenzame samenwerkers' te zijn. In het
            contact met inwoners zijn ze krachtig en doelgericht. Maar als ze hun eigen
            organisatie en collega's moeten meekrijgen, lopen ze tegen de grootste problemen aan.

            ## Inzicht 2: beleid en publieke waarden borgen

            Een tweede obstakel: hoe borg je beleid en publieke waarden? Wie houdt de regie
            over de democratie? En wat doe je met de gemeenteraad en het college?
            De belangrijkste inzichten uit het onderzoek zijn gebundeld op een website.

            ## De landkaart

            Op basis van het onderzoek maakte het A&O-fonds samen met BMC en NHL-Hogeschool een
            landkaart. Die helpt ambtenaren bij hun zoektocht naar de beste vorm van
            co-creatie. De landkaart is een bron van inspiratie, met video's,
            achtergrondartikelen en werkvormen. Hij bestaat uit vier gebieden:

            1. paradoxen in publieke waarden;
            2. het organiseren van het krachtenveld;
            3. competenties voor co-creatie;
            4. interventies die succesvol zijn in co-creatieprojecten.

            Zo helpt de landkaart gemeentelijke professionals om zich staande te houden in het
            krachtenveld. Ze werken aan hun vaardigheden voor co-creatie en leren samen met hun
            team.

            ## Samen verder

            Het plan is om het onderzoek voort te zetten als community. Werkt jouw gemeente aan
            co-creatie? En wil je ervaringen uitwisselen en samen meer kennis opbouwen? Dan kan
            je gemeente zich melden bij het A+O-fonds gemeenten.
        """),
        "author": "BMC",
        "published_on": "2018-07-30",
        "kind": "achtergrond",
        "tags": ["onderzoek", "publieke waarden", "organisatiecultuur"],
    },
    {
        "slug": "co-creatie-eerst-even-wat-anders",
        "title": "Co-creatie? Eerst even wat anders!",
        "summary": (
            "Wie met inwoners wil co-creëren, moet eerst investeren in de relatie. Een pleidooi "
            "om achter je bureau vandaan te komen en een netwerk op te bouwen."
        ),
        "body": _md("""
            Veel overheden willen graag co-creëren met inwoners. Maar volgens de schrijver van
            dit stuk slaan ze dan vaak een stap over. Ben je als overheid niet bereid om te
            investeren in de relatie met inwoners? Dan kun je co-creatie wel vergeten. Eerst
            moet je je werkplek uit en mensen echt ontmoeten. Niet met een enquête of een vast
            belscript, maar als jezelf. Dat voelt spannend. Maar wie wil oogsten, moet eerst
            zaaien.

            ## Wat co-creatie is, en wat niet

            Bij co-creatie heeft iedereen invloed op het proces en op het resultaat, via een
            eigen, unieke bijdrage. Gelijkwaardigheid tussen de partners is daarvoor een
            voorwaarde. Vraagt een gemeente inwoners om 'mee te denken' of 'mee te helpen'? Dan
            gebruikt ze inwoners vooral om haar eigen plannen waar te maken. Dat is iets heel
            anders. Samenwerken als gelijken begint met elkaar serieus nemen. En dus met elkaar
            leren kennen.

            ## Bijeenkomsten die weinig opleveren

            Overheden doen veel pogingen om inwoners te bereiken. Vaak is dat een bijeenkomst
            met een strak programma, een spreker en een werkvorm die iedereen al kent, zoals
            speeddaten. Op de gastenlijst staan vooral de bekende vrijwilligers van de
            dorpsvereniging en de sportclub. Nieuwe, inspirerende samenwerkingen ontstaan daar
            zelden.

            ## Bouw aan een netwerk

            Goede samenwerking rust op een netwerk van partners, nu of later. Je kent elkaars
            initiatieven, dromen en ambities. Wil de overheid samenwerken met bewoners? Dan moet
            ze hen ook zien als partner in haar netwerk. Daarvoor zijn geen bijeenkomsten nodig
            waarin de overheid vooral zendt. Wel informele ontmoetingen, waarin bewoner en
            overheid echt met elkaar praten. Dat kan overal: langs het voetbalveld, op het
            schoolplein of in het buurthuis.

            ## Onderhoud is nodig

            Een netwerk moet je steeds blijven onderhouden. Je kunt het niet in een project
            stoppen of aan een ander overlaten. Besteed je er geen aandacht meer aan, dan
            verdwijnt het. Overheden moeten dus blijven investeren in hun relaties met
            inwoners. Dat vraagt een lange adem en een goed humeur.

            ## Morgen beginnen

            Het goede nieuws: je kunt morgen al starten. Een paar eerste stappen:

            - Ga een ochtend naar een plek waar inwoners elkaar ontmoeten.
            - Stel je voor en luister vooral.
            - Kom terug, ook als je niets te vragen hebt.
        """),
        "author": "",
        "published_on": None,
        "kind": "opinie",
        "tags": ["netwerk", "gelijkwaardigheid", "burgerparticipatie"],
    },
]

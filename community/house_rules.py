"""The house rules of the community, as data: what the page ``/huisregels/`` lists, what a
moderator picks as the ground of a decision, and what a report reason points to.

A rule's ``key`` is its anchor on the page (``/huisregels/#<key>``) and is stored in
``Decision.ground``: never rename a key that has been used.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy

from community.models import Report


@dataclass(frozen=True)
class HouseRule:
    key: str
    title: str
    text: str

    @property
    def url(self) -> str:
        """The rule on the house rules page (a path; mails put ``SITE_URL`` before it)."""
        return f"{reverse('community:house_rules')}#{self.key}"


RULES = (
    HouseRule(
        key="respect",
        title=gettext_lazy("Wees respectvol"),
        text=gettext_lazy(
            "Iedereen mag hier meedoen en een eigen mening hebben. Reageer op wat iemand "
            "schrijft, niet op wie iemand is. Beledig, bedreig of pest niemand. Maak ook geen "
            "grappen over iemands afkomst, geloof, geslacht, seksuele voorkeur of beperking. "
            "Ben je het ergens niet mee eens? Zeg dat rustig en leg uit waarom."
        ),
    ),
    HouseRule(
        key="privacy",
        title=gettext_lazy("Deel geen persoonsgegevens van anderen"),
        text=gettext_lazy(
            "Zet geen namen, telefoonnummers, e-mailadressen, adressen of foto's van andere "
            "mensen op de site als zij dat niet goed vinden. Dat geldt ook voor inwoners met "
            "wie je samenwerkte: vertel hun verhaal zo dat niemand hen kan herkennen. Over "
            "jezelf deel je alleen wat je zelf wilt."
        ),
    ),
    HouseRule(
        key="spam",
        title=gettext_lazy("Geen spam of reclame"),
        text=gettext_lazy(
            "Deze community is er om ervaringen te delen, niet om iets te verkopen. Maak geen "
            "reclame voor een bedrijf, product of dienst. Plaats niet steeds hetzelfde bericht "
            "en zet geen links neer die niets met het onderwerp te maken hebben. Past een "
            "product of organisatie van jezelf bij je verhaal? Zeg dan eerlijk dat het van "
            "jou is."
        ),
    ),
    HouseRule(
        key="onderwerp",
        title=gettext_lazy("Blijf bij het onderwerp"),
        text=gettext_lazy(
            "Het gaat hier over co-creatie in het publieke domein: samen met inwoners en "
            "partners werken aan beleid, diensten en de buurt. Houd je verhalen en reacties "
            "bij dat onderwerp. Wil je over iets anders praten? Zoek daar dan een andere plek "
            "voor."
        ),
    ),
    HouseRule(
        key="eerlijk",
        title=gettext_lazy("Wees eerlijk en controleerbaar"),
        text=gettext_lazy(
            "Vertel wat je echt hebt meegemaakt. Zeg erbij als iets je mening is of als je "
            "iets niet zeker weet. Noem waar je cijfers en feiten vandaan komen, zodat anderen "
            "ze kunnen nagaan. Doe je niet voor als iemand anders, en schrijf niet namens een "
            "organisatie als je niet voor die organisatie mag spreken."
        ),
    ),
)

RULES_BY_KEY = {rule.key: rule for rule in RULES}

# What a member who reports something points to. "Iets anders" goes to the most general
# rule; when reasons are counted (an automatic hide), any other reason wins a tie.
REASON_RULES = {
    Report.Reason.SPAM: "spam",
    Report.Reason.OFFENSIVE: "respect",
    Report.Reason.PERSONAL_DATA: "privacy",
    Report.Reason.OFF_TOPIC: "onderwerp",
    Report.Reason.OTHER: "eerlijk",
}


def get(key: str) -> HouseRule | None:
    """The rule with this key, or None (an empty or unknown ground)."""
    return RULES_BY_KEY.get(key)


def choices() -> list[tuple[str, str]]:
    """For a form field: (key, title) of every rule, in the page's order."""
    return [(rule.key, rule.title) for rule in RULES]


def rule_for_reason(reason: str) -> str:
    """The key of the rule a report reason points to."""
    return REASON_RULES[Report.Reason(reason)]

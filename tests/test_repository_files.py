"""The files a municipality reads before it adopts the platform: the licence, the
publiccode.yml (standard version 0.4), the security policy and the contributors' guide.

publiccode.yml is held to the keys, types and values of the standard (as its reference
parser checks them for version 0.4), so a typo in a category or a description that is
too long fails here and not in a catalogue's crawler.
"""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent

DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
}  # fmt: skip
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
SCOPES = {
    "agriculture", "culture", "defence", "education", "emergency-services", "employment",
    "energy", "environment", "finance-and-economic-development", "foreign-affairs",
    "government", "healthcare", "infrastructures", "justice", "local-authorities",
    "manufacturing", "research", "science-and-technology", "security", "society", "sport",
    "tourism", "transportation", "welfare",
}  # fmt: skip
CATEGORIES = {
    "accounting", "agile-project-management", "applicant-tracking",
    "application-development", "appointment-scheduling", "backup", "billing-and-invoicing",
    "blog", "budgeting", "business-intelligence", "business-process-management", "cad",
    "call-center-management", "cloud-management", "collaboration", "communications",
    "compliance-management", "contact-management", "content-management", "crm",
    "customer-service-and-support", "data-analytics", "data-collection",
    "data-visualization", "digital-asset-management", "digital-citizenship",
    "document-management", "donor-management", "e-commerce", "e-signature",
    "email-management", "email-marketing", "employee-management",
    "enterprise-project-management", "enterprise-social-networking", "erp",
    "event-management", "facility-management", "feedback-and-reviews-management",
    "financial-reporting", "fleet-management", "fundraising", "gamification",
    "geographic-information-systems", "grant-management", "graphic-design", "help-desk",
    "hr", "ide", "identity-management", "instant-messaging", "inventory-management",
    "it-asset-management", "it-development", "it-management", "it-security",
    "it-service-management", "knowledge-management", "learning-management-system",
    "marketing", "mind-mapping", "mobile-marketing", "mobile-payment",
    "network-management", "office", "online-booking", "online-community",
    "payment-gateway", "payroll", "predictive-analysis", "procurement",
    "productivity-suite", "project-collaboration", "project-management",
    "property-management", "real-estate-management", "remote-support",
    "resource-management", "sales-management", "seo", "service-desk",
    "social-media-management", "survey", "talent-management", "task-management",
    "taxes-management", "test-management", "time-management", "time-tracking",
    "translation", "video-conferencing", "video-editing", "visitor-management", "voip",
    "warehouse-management", "web-collaboration", "web-conferencing", "website-builder",
    "workflow-management",
}  # fmt: skip
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def publiccode_problems(data) -> list[str]:
    """What the publiccode.yml 0.4 standard refuses in ``data``; empty when valid."""
    problems = []

    def need(mapping, key, kind, where=""):
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None:
            problems.append(f"{where}{key}: missing")
        elif not isinstance(value, kind):
            problems.append(f"{where}{key}: must be {kind.__name__}")
        return value if isinstance(value, kind) else None

    if not isinstance(data, dict):
        return ["the file is not a mapping"]
    if data.get("publiccodeYmlVersion") not in {"0.4", "0.4.0"}:  # a string, not 0.4
        problems.append("publiccodeYmlVersion: must be the string 0.4")
    need(data, "name", str)
    url = need(data, "url", str)
    if url and not URL.match(url):
        problems.append("url: not an address")
    if "landingURL" in data and not URL.match(str(data["landingURL"])):
        problems.append("landingURL: not an address")
    if "releaseDate" in data:
        try:
            date.fromisoformat(str(data["releaseDate"]))
        except ValueError:
            problems.append("releaseDate: not a date (YYYY-MM-DD)")
    platforms = need(data, "platforms", list)
    if platforms is not None and not platforms:
        problems.append("platforms: empty")
    categories = need(data, "categories", list) or []
    problems += [f"categories: unknown {c!r}" for c in categories if c not in CATEGORIES]
    if need(data, "developmentStatus", str) not in DEVELOPMENT_STATUSES | {None}:
        problems.append("developmentStatus: unknown value")
    if need(data, "softwareType", str) not in SOFTWARE_TYPES | {None}:
        problems.append("softwareType: unknown value")
    audience = data.get("intendedAudience") or {}
    problems += [f"scope: unknown {s!r}" for s in audience.get("scope", []) if s not in SCOPES]
    problems += [
        f"countries: {c!r} is not ISO 3166-1 alpha-2 in lower case"
        for c in audience.get("countries", [])
        if not re.fullmatch(r"[a-z]{2}", str(c))
    ]
    for language, text in (need(data, "description", dict) or {}).items():
        where = f"description.{language}."
        if not LANGUAGE_TAG.match(language):
            problems.append(f"description: {language!r} is not a language tag")
        short = need(text, "shortDescription", str, where) or ""
        if len(short) > 150:
            problems.append(f"{where}shortDescription: longer than 150 characters")
        long = need(text, "longDescription", str, where) or ""
        if long and not 150 <= len(long) <= 10000:
            problems.append(f"{where}longDescription: must be 150 to 10,000 characters")
        features = need(text, "features", list, where)
        if features is not None and not all(isinstance(f, str) and f for f in features):
            problems.append(f"{where}features: must be a list of texts")
        if features == []:
            problems.append(f"{where}features: empty")
    legal = need(data, "legal", dict) or {}
    need(legal, "license", str, "legal.")
    maintenance = need(data, "maintenance", dict) or {}
    kind = need(maintenance, "type", str, "maintenance.")
    if kind not in MAINTENANCE_TYPES | {None}:
        problems.append("maintenance.type: unknown value")
    if kind in {"internal", "community"}:
        for contact in need(maintenance, "contacts", list, "maintenance.") or []:
            need(contact, "name", str, "maintenance.contacts.")
            if "email" in contact and not EMAIL.match(str(contact["email"])):
                problems.append("maintenance.contacts.email: not an address")
    localisation = need(data, "localisation", dict) or {}
    need(localisation, "localisationReady", bool, "localisation.")
    languages = need(localisation, "availableLanguages", list, "localisation.")
    if languages is not None and not (languages and all(map(LANGUAGE_TAG.match, languages))):
        problems.append("localisation.availableLanguages: must be language tags")
    for group, dependencies in (data.get("dependsOn") or {}).items():
        if group not in {"open", "proprietary", "hardware"}:
            problems.append(f"dependsOn.{group}: unknown group")
        for dependency in dependencies or []:
            need(dependency, "name", str, f"dependsOn.{group}.")
    return problems


@pytest.fixture(scope="module")
def publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_yml_meets_the_standard(publiccode):
    assert publiccode_problems(publiccode) == []


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d.pop("name"), "name: missing"),
        (lambda d: d.update(publiccodeYmlVersion=0.4), "publiccodeYmlVersion"),
        (lambda d: d.update(categories=["co-creation"]), "categories: unknown"),
        (lambda d: d.update(softwareType="website"), "softwareType: unknown value"),
        (lambda d: d["description"]["nl"].update(shortDescription="x" * 151), "longer than 150"),
        (lambda d: d["description"]["en"].pop("features"), "description.en.features: missing"),
        (lambda d: d["maintenance"].update(contacts=[{"email": "x"}]), "contacts.name: missing"),
        (lambda d: d["localisation"].update(localisationReady="ja"), "must be bool"),
        (lambda d: d.update(releaseDate="4 december"), "releaseDate: not a date"),
    ],
)
def test_the_check_refuses_what_the_standard_refuses(publiccode, change, problem):
    broken = yaml.safe_load(yaml.safe_dump(publiccode))
    change(broken)
    assert any(problem in found for found in publiccode_problems(broken))


def test_publiccode_yml_describes_this_project(publiccode):
    """Its facts are the repository's own: licence, version, languages, Django."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)
    assert publiccode["softwareVersion"] == version
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    assert set(publiccode["description"]) == {"nl", "en"}
    assert publiccode["localisation"]["availableLanguages"] == ["nl", "en"]
    django = next(d for d in publiccode["dependsOn"]["open"] if d["name"] == "Django")
    assert f'"Django>={django["versionMin"]},' in pyproject
    assert publiccode["usedBy"] == []


def test_the_licence_is_the_full_eupl_1_2():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in licence
    assert "Licensed under the EUPL" in licence
    # All fifteen articles and the appendix of compatible licences.
    for number in range(1, 16):
        assert re.search(rf"^{number}\. [A-Z]", licence, re.M), f"article {number}"
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in licence


@override_settings(SECURITY_EMAIL="security@cocreatie.example.nl")
def test_the_security_policy_points_where_security_txt_points(client, publiccode):
    policy = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    security_txt = client.get("/.well-known/security.txt").content.decode()
    contact = re.search(r"^Contact: mailto:(\S+)$", security_txt, re.M).group(1)
    assert contact in policy
    assert "/.well-known/security.txt" in policy
    assert publiccode["maintenance"]["contacts"][0]["email"] == contact
    languages = re.search(r"^Preferred-Languages: (.+)$", security_txt, re.M).group(1)
    assert f"({languages})" in policy


def test_the_contributors_guide_names_the_commands_that_exist():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make ([a-z]+)", guide):
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target}"
    assert "`make run`" in guide and "`make test`" in guide
    assert "`.ci/run`" in guide and (ROOT / ".ci/run").exists()
    assert "STYLE.md" not in guide or (ROOT / "docs/STYLE.md").exists()


def test_the_changelog_lists_the_current_version_first():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)
    releases = re.findall(r"^## \[([^\]]+)\]", changelog, re.M)
    assert releases[:2] == ["Unreleased", version]

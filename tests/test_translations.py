"""The catalogues are complete: no entry untranslated or fuzzy, every placeholder kept,
and extracting the texts again finds nothing new to translate."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parent.parent
# The site's catalogues (its own texts, and allauth's and Django's in plain Dutch), then
# the overrides of the libraries' English (locale/libraries/, second in LOCALE_PATHS).
SITE_CATALOGUES = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))
LIBRARY_CATALOGUES = sorted(ROOT.glob("locale/libraries/*/LC_MESSAGES/django.po"))
CATALOGUES = SITE_CATALOGUES + LIBRARY_CATALOGUES
# As in the header of locale/en/LC_MESSAGES/django.po.
IGNORED = ("tests/*", "bench/*", "build/*", ".venv/*", "var/*")
MAKEMESSAGES = ["makemessages", "-l", "en", "-e", "html,txt,py"]
MAKEMESSAGES += [argument for pattern in IGNORED for argument in ("-i", pattern)]


def gettext_tool(*args: str) -> str:
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def entries(output: str) -> list[str]:
    """The msgids in ``msgattrib`` output, without the header."""
    blocks = [block for block in output.split("\n\n") if "msgid" in block]
    return [block for block in blocks if 'msgid ""\nmsgstr ""' not in block.split("\n#")[0]]


def test_there_is_a_dutch_and_an_english_catalogue_and_the_english_library_overrides():
    assert {path.parts[-3] for path in SITE_CATALOGUES} == {"nl", "en"}
    assert {path.parts[-3] for path in LIBRARY_CATALOGUES} == {"en"}
    # Django reads them in this order; makemessages writes to the first one only.
    assert settings.LOCALE_PATHS == [ROOT / "locale", ROOT / "locale" / "libraries"]


def test_the_library_overrides_come_before_the_libraries_own_texts():
    """allauth's "Sign In" reads as the rest of the site does, in both languages (the
    compiled catalogues, as ``make messages`` builds them)."""
    for language, text in (("en", "Log in"), ("nl", "Inloggen")):
        with translation.override(language):
            assert gettext("Sign In") == text


@pytest.mark.parametrize(
    "catalogue", CATALOGUES, ids=lambda path: "/".join(path.relative_to(ROOT / "locale").parts[:-2])
)
def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    gettext_tool("msgfmt", "--check", "-o", "/dev/null", str(catalogue))

    assert entries(gettext_tool("msgattrib", "--untranslated", str(catalogue))) == []
    assert entries(gettext_tool("msgattrib", "--only-fuzzy", str(catalogue))) == []


def test_extracting_the_texts_again_finds_nothing_untranslated(tmp_path):
    """A text added to a template or module without its English fails here."""
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    copy = tmp_path / "site"
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    environment = {"PATH": "/usr/bin:/bin", "DEBUG": "true"}
    environment["DJANGO_SETTINGS_MODULE"] = "cocreatie.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy, capture_output=True, text=True, check=False, timeout=300, env=environment,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    extracted = copy / "locale/en/LC_MESSAGES/django.po"
    new = entries(gettext_tool("msgattrib", "--untranslated", str(extracted)))
    fuzzy = entries(gettext_tool("msgattrib", "--only-fuzzy", str(extracted)))
    assert new + fuzzy == [], "translate these in locale/en/LC_MESSAGES/django.po:\n" + "\n\n".join(
        new + fuzzy
    )

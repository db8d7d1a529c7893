"""The layers of the code base: every import points down, never up or sideways.

core (cocreatie/core) → nothing of ours; roadmap → core; community → core, roadmap;
sessions_app → core, roadmap and community's permissions module; planner → core,
roadmap, community; the site (the rest of
cocreatie/) → everything. See docs/architecture.md.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("cocreatie", "roadmap", "community", "sessions_app", "planner", "bench", "tests")

# Layer → the modules it may import (a name allows that module and everything below it).
ALLOWED = {
    "core": ("cocreatie.core",),
    "roadmap": ("cocreatie.core", "roadmap"),
    "community": ("cocreatie.core", "roadmap", "community"),
    "sessions_app": ("cocreatie.core", "roadmap", "community.permissions", "sessions_app"),
    "planner": ("cocreatie.core", "roadmap", "community", "planner"),
    "site": ("cocreatie", "roadmap", "community", "sessions_app", "planner"),
}
APP_LABELS = ("roadmap", "community", "sessions_app", "sessions", "planner")


def layer_of(module: str) -> str:
    if module == "cocreatie.core" or module.startswith("cocreatie.core."):
        return "core"
    top = module.split(".", 1)[0]
    return "site" if top == "cocreatie" else top


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(module: str, source: str, *, is_package: bool = False):
    """(line, imported module, names imported from it) for every import in ``source``,
    at the top or inside a function, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield node.lineno, base, tuple(alias.name for alias in node.names)


def allows(layer: str, target: str) -> bool:
    return any(target == name or target.startswith(f"{name}.") for name in ALLOWED[layer])


def check(module: str, source: str, *, is_package: bool = False) -> list[str]:
    """The imports of ``module`` that point to a layer it may not use."""
    layer = layer_of(module)
    found = []
    for line, target, names in imports(module, source, is_package=is_package):
        if target.split(".", 1)[0] not in OURS or allows(layer, target):
            continue
        # "from community import permissions" imports the module community.permissions.
        if names and all(allows(layer, f"{target}.{name}") for name in names):
            continue
        found.append(f"{module}:{line}: {layer} imports {target}")
    return found


def test_every_import_points_down():
    found = []
    for top in ("cocreatie", "roadmap", "community", "sessions_app"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            module = ".".join(parts[:-1] if is_package else parts)
            found += check(module, path.read_text(), is_package=is_package)
    assert found == []


@pytest.mark.parametrize(
    "module, source, expected",
    [
        ("cocreatie.core.search", "from community.models import Case", "core imports community"),
        ("roadmap.views", "from community import services", "roadmap imports community"),
        ("community.views", "import sessions_app.models", "community imports sessions_app"),
        ("sessions_app.views", "from community.models import Case", "sessions_app imports"),
        ("sessions_app.views", "from community import models", "sessions_app imports"),
        ("roadmap.views", "from cocreatie.views import HomeView", "roadmap imports cocreatie"),
        ("cocreatie.core.tags", "def f():\n    from roadmap import models", "core imports"),
        ("cocreatie.core.search", "from .. import views", "core imports cocreatie"),
    ],
)
def test_the_check_catches_an_arrow_that_points_up(module, source, expected):
    """Controls: each of these imports is reported."""
    (found,) = check(module, source)
    assert expected in found


@pytest.mark.parametrize(
    "module, source",
    [
        ("sessions_app.views", "from community.permissions import can_organise"),
        ("sessions_app.views", "from community import permissions"),
        ("community.views", "from roadmap.models import Phase"),
        ("cocreatie.views", "from sessions_app.models import Session"),
        ("cocreatie.core.search", "from cocreatie.core.models import SearchDocument"),
        ("cocreatie.core.search", "from . import models"),
    ],
)
def test_the_check_lets_arrows_that_point_down_pass(module, source):
    assert check(module, source) == []


@pytest.mark.parametrize(
    "path", sorted((ROOT / "cocreatie" / "core").rglob("*.py")), ids=lambda p: p.name
)
def test_core_names_no_app(path):
    """Core code names no app label, model or URL of ours in its strings; apps register
    with it instead (migrations only reference the project's own tables)."""
    if "migrations" in path.parts:
        return
    tree = ast.parse(path.read_text())
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    named = [
        text
        for text in strings
        for label in APP_LABELS
        if text == label or text.startswith((f"{label}.", f"{label}:", f"/{label}"))
    ]
    assert named == []

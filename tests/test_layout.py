"""The house keeps its shape: data flows one way through the rooms, no module imports
one that imports it back, no module is over 400 lines, tests use public names only.

Rooms, lowest first; a module may import its own room and the rooms below it:

    errors < records < parallel < document < emit < bodies < model < formats < streams < rules < redact
           < mask < check < views < output < api < cli
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "cassette_cli"
ROOMS = ["errors", "records", "parallel", "document", "emit", "bodies", "model", "formats", "streams", "rules", "redact", "replay", "mask", "check", "views", "output", "api", "inputs", "cli"]
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _imports(name: str, path: Path) -> set[str]:
    """Every cassette_cli module `name` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_every_module_is_in_a_room() -> None:
    rooms = {_room(name) for name in MODULES} - {None, "__main__"}
    assert rooms <= set(ROOMS), rooms - set(ROOMS)


def test_no_room_imports_a_higher_one() -> None:
    wrong = []
    for name, imported in GRAPH.items():
        room = _room(name)
        if room not in ROOMS:
            continue
        for other in imported:
            other_room = _room(other)
            if other_room in ROOMS and ROOMS.index(other_room) > ROOMS.index(room):
                wrong.append(f"{name} -> {other}")
    assert wrong == []


def test_no_import_cycle() -> None:
    """Between modules, lazy imports included (a package and its own submodules aside)."""
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, stack: list[str]) -> None:
        state[name] = 1
        for other in sorted(GRAPH[name]):
            if other.startswith(name + ".") or name.startswith(other + "."):
                continue  # a package's __init__ and its own modules
            if state.get(other) == 1:
                cycles.append(" -> ".join(stack[stack.index(other) :] + [other]) if other in stack else f"{name} -> {other}")
            elif other not in state:
                visit(other, stack + [other])
        state[name] = 2

    for name in MODULES:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_is_over_400_lines() -> None:
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_tests_use_public_names_only() -> None:
    """No test imports, or reaches through a module for, a `_private` name of cassette_cli."""
    import_of = re.compile(r"from cassette_cli[\w.]* import (?:\(([^)]*)\)|([^\n]*))")
    reach = re.compile(r"\b(?:cassette_cli(?:\.\w+)*|[A-Za-z]\w*)\.(_[a-z]\w*)\b")
    module_aliases = re.compile(r"(?:from cassette_cli[\w.]* import (\w+)(?: as (\w+))?|import cassette_cli[\w.]* as (\w+))")
    offenders = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for group, line in import_of.findall(text):
            for name in re.split(r"[\s,]+", (group or line).split("#")[0]):
                if re.match(r"_[a-z]", name):
                    offenders.append(f"{path.name}: imports {name}")
        modules = {short or alias or name for name, alias, short in module_aliases.findall(text) if short or any(m.endswith("." + name) for m in MODULES)}
        for match in reach.finditer(text):
            owner = match.group(0).rsplit(".", 1)[0]
            if owner.startswith("cassette_cli") or owner in modules:
                offenders.append(f"{path.name}: {match.group(0)}")
    assert offenders == []

"""The layout of kit/: no import loops, and no module importing a layer above its own.

Layers, top may import lower, never the reverse (docs/architecture.md, issue #9):
cli > hub, course, dashboard > curriculum > report, web, io > engine > errors, atomic, paths, i18n.
Imports inside functions count too: an import moved into a function still ties the modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

from repo import ROOT

KIT = ROOT / "kit"

ENGINE = (
    "framework",
    "framework_translation",
    "responses",
    "scoring",
    "consolidation",
    "trend",
    "plan",
    "assessment",
)
#: Rank of each top-level part of kit/ (higher may import lower). Modules not listed (the
#: package's own __init__, teaching, datagen, ...) are checked for loops only.
LAYERS = {
    **dict.fromkeys(("errors", "atomic", "paths", "i18n"), 0),
    **dict.fromkeys(ENGINE, 1),
    **dict.fromkeys(("report", "web", "io"), 2),
    "curriculum": 3,
    **dict.fromkeys(("hub", "course", "dashboard"), 4),
    "cli": 5,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(KIT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kit_imports(path: Path, modules: set[str]) -> set[str]:
    """The kit modules a file imports, anywhere in it (module level or inside functions)."""
    found = set()
    package = module_name(path).rpartition(".")[0] if path.name != "__init__.py" else None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                anchor = (package or module_name(path)).split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from kit.course import commands" imports the submodule, not the package.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != "kit" and name != module_name(path):
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in KIT.rglob("*.py")}
    modules = set(files)
    return {name: kit_imports(path, modules) for name, path in files.items()}


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop as a list of modules, or None (depth-first search, three colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_checker_sees_a_loop_and_a_clean_graph():
    """Does the loop finder report a loop that is there and none where there is none?"""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_loop_in_kit():
    """Is kit/ free of import loops (counting imports inside functions)?"""
    assert find_cycle(import_graph()) is None


def test_no_module_imports_a_higher_layer():
    """Does every module import only its own layer or lower ones (the engine no io, report,
    web, dashboard, course, hub or cli)?"""
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for target in sorted(targets)
        if layer(module) is not None and layer(target) is not None and layer(target) > layer(module)
    ]
    assert wrong == []


def test_course_and_hub_import_nothing_from_the_dashboard():
    """Do the course and the hub stay clear of the dashboard's internals?"""
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if module.startswith(("kit.course", "kit.hub"))
        for target in targets
        if target.startswith("kit.dashboard")
    ]
    assert wrong == []

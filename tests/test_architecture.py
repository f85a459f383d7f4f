"""The layers of ``station/`` as the README draws them, checked on the import graph of every module.

Front ends (``ui``, ``cli``) call operations only (a library's types may be named under
``TYPE_CHECKING``, and its plain result types, such as QA's verdicts, used); operations compose the libraries; libraries never import an operation or a front end;
``core`` imports no library. Imports inside functions count as much as those at the top of a file, and
no two files of ``station/`` may import each other, directly or round a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "station"

CORE = ("station.core", "station.errors", "station.config", "station.files", "station.assets", "station.messages")
LIBRARIES = ("station.vision", "station.documents", "station.pki", "station.timestamps", "station.signing",
             "station.validation", "station.store")
OPERATIONS = ("station.operations", "station.bootstrap", "station.doctor", "station.health")
FRONT_ENDS = ("station.ui", "station.cli")
RESULT_TYPES = ("station.validation.results",)
"""Library modules of plain result types (no engine behind them) that a front end may use at run time."""
RANK = {**dict.fromkeys(CORE, 0), **dict.fromkeys(LIBRARIES, 1), **dict.fromkeys(OPERATIONS, 2),
        **dict.fromkeys(FRONT_ENDS, 3)}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str | None:
    """The layer prefix ``module`` belongs to (None: the package itself)."""
    return next((p for p in RANK if module == p or module.startswith(p + ".")), None)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """``(module imported, line, only for type checking)`` for every import of a station module in ``path``."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]

    def walk(node: ast.AST, typing_only: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for stmt in child.body:
                    yield from walk_one(stmt, True)
                for stmt in child.orelse:
                    yield from walk_one(stmt, typing_only)
            else:
                yield from walk_one(child, typing_only)

    def walk_one(node: ast.AST, typing_only: bool) -> Iterator[tuple[str, int, bool]]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("station"):
                    yield alias.name, node.lineno, typing_only
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("station"):
                for alias in node.names:  # `from station.x import y` may name the module y
                    candidate = f"{base}.{alias.name}"
                    yield (candidate if (ROOT.parent / Path(*candidate.split("."))).with_suffix(".py").exists()
                           or (ROOT.parent / Path(*candidate.split(".")) / "__init__.py").exists()
                           else base), node.lineno, typing_only
        else:
            yield from walk(node, typing_only)

    yield from walk(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)


MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py")) if "migrations" not in p.parts}


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if m != "station" and layer(m) is None] == []


def test_no_module_imports_a_layer_above_it() -> None:
    wrong = []
    for module, path in MODULES.items():
        mine = layer(module)
        for target, line, typing_only in imports(path):
            theirs = layer(target)
            if mine and theirs and not typing_only and RANK[theirs] > RANK[mine]:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line} imports {target}")
    assert sorted(set(wrong)) == []


def test_front_ends_reach_the_libraries_only_through_operations() -> None:
    wrong = []
    for module, path in MODULES.items():
        if layer(module) in FRONT_ENDS:
            for target, line, typing_only in imports(path):
                if not typing_only and layer(target) in LIBRARIES and target not in RESULT_TYPES:
                    wrong.append(f"{path.relative_to(ROOT.parent)}:{line} imports {target}")
    assert sorted(set(wrong)) == []


def test_no_import_circle_between_files() -> None:
    graph = {m: {t for t, _, typing_only in imports(p) if not typing_only and t in MODULES and t != m}
             for m, p in MODULES.items()}
    circles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def connect(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in graph:
        if module not in index:
            connect(module)
    assert circles == []


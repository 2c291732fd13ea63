"""crisisdesk's modules import one another without a cycle: data flows ingest → nlp → store →
analysis → outputs, and a module that reaches back up the flow (even from inside a function, where
Python would not complain until the call) ties two stages into one.

The graph is read from the source, not from an interpreter: every module under src/crisisdesk is
parsed, and every ``import`` in it counts, at module level or inside a function, except those under
``if TYPE_CHECKING:`` (annotations only, never run). Importing ``crisisdesk.a.b`` is an edge to
``crisisdesk.a.b`` alone: Python also runs the packages ``crisisdesk`` and ``crisisdesk.a`` first,
but a package's own imports are edges of that package, walked like any module's.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "crisisdesk"


def module_files(src: Path = SRC) -> dict[str, Path]:
    """Every module of the package: dotted name → file."""
    found = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(node: ast.AST):
    """Every Import/ImportFrom below ``node``, at any depth, skipping ``if TYPE_CHECKING:`` bodies
    (their ``else:`` runs, so it is walked)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _imports_of_statement(other)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        yield from _imports(child)


def _imports_of_statement(statement: ast.stmt):
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        yield statement
    yield from _imports(statement)


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module → the crisisdesk modules it imports (see module docstring)."""
    files = module_files(src)
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                target = _absolute(name, node, path.name == "__init__.py")
                # "from crisisdesk.nlp import prefilter" imports the module crisisdesk.nlp.prefilter.
                targets = [f"{target}.{a.name}" if f"{target}.{a.name}" in files else target for a in node.names]
            for target in targets:
                while target and target not in files and "." in target:
                    target = target.rsplit(".", 1)[0]  # "import crisisdesk.x.Name" style access
                if target in files and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


# --- the walker itself, on small made-up packages ---------------------------------------------------


def _package(tmp_path: Path, modules: dict[str, str]) -> Path:
    for name, source in modules.items():
        path = tmp_path.joinpath(*name.split(".")).with_suffix(".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return tmp_path


def test_an_import_inside_a_function_counts(tmp_path):
    src = _package(
        tmp_path,
        {
            "crisisdesk.__init__": "",
            "crisisdesk.a": "from crisisdesk.b import thing\n",
            "crisisdesk.b": "def late():\n    from crisisdesk import a\n",
        },
    )
    assert cycles(import_graph(src)) == [["crisisdesk.a", "crisisdesk.b"]]


def test_type_checking_imports_do_not_count(tmp_path):
    src = _package(
        tmp_path,
        {
            "crisisdesk.__init__": "",
            "crisisdesk.sub.__init__": "",
            "crisisdesk.sub.a": "from . import b\n",
            "crisisdesk.sub.b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from crisisdesk.sub.a import A\nelse:\n    import os\n",
        },
    )
    graph = import_graph(src)
    assert graph["crisisdesk.sub.a"] == {"crisisdesk.sub.b"}
    assert cycles(graph) == []


def test_relative_and_dotted_imports_resolve(tmp_path):
    src = _package(
        tmp_path,
        {
            "crisisdesk.__init__": "",
            "crisisdesk.x.__init__": "from .y import f\n",
            "crisisdesk.x.y": "import crisisdesk.z\n",
            "crisisdesk.z": "from ..crisisdesk import nothing\nfrom crisisdesk.x.y import f\n",
        },
    )
    graph = import_graph(src)
    assert graph["crisisdesk.x"] == {"crisisdesk.x.y"}
    assert cycles(graph) == [["crisisdesk.x.y", "crisisdesk.z"]]


# --- crisisdesk -------------------------------------------------------------------------------------

#: The cycle the lexicon work removes: the prefilter reads the components' word lists, which import
#: the prefilter back. Other branches move those lists to crisisdesk/lexicon; the prefilter reads
#: them there once merged, and this mark goes.
NLP_VOCABULARY_CYCLE = frozenset(f"crisisdesk.nlp.{m}" for m in ("prefilter", "times", "conditions", "events", "claims", "figure_dates"))


def test_outside_nlp_no_module_is_in_an_import_cycle():
    outside = [c for c in cycles(import_graph()) if not set(c) <= NLP_VOCABULARY_CYCLE]
    assert outside == []


def test_no_import_cycle():
    assert cycles(import_graph()) == []

"""No import cycles between the project's own modules.

The graph is read from the source with `ast`: every `import` and `from ... import` at any
level (module top, inside functions, under `if TYPE_CHECKING`), resolved to a project
module. `from a import b` points at the module `a.b` when there is one, else at `a`; a
package is its `__init__.py`. A function-local import that only dodges a cycle at run time
is still a cycle here: the shared piece belongs one floor down instead.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_modules() -> dict[str, Path]:
    """Dotted name -> file, for every module under a top-level package of the project."""
    modules = {}
    for init in ROOT.glob("*/__init__.py"):
        for path in init.parent.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path) -> list[str]:
    """Every module name that `module` imports, absolute, as written (not yet resolved)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names += [f"{base}.{alias.name}" for alias in node.names]
    return names


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module a dotted name lands in: the longest prefix that is one."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph = {}
    for module, path in modules.items():
        names = imported_names(module, path)
        graph[module] = {target for n in names if (target := resolve(n, modules))} - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One loop through each strongly connected group of modules (Tarjan, iterative)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while (member := stack.pop()) != node:
                        group.add(member)
                        on_stack.discard(member)
                    on_stack.discard(node)
                    if group:
                        groups.append(loop_through(graph, group | {node}))
    return groups


def loop_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for succ in sorted(graph[node] & group):
                if succ == start:
                    return paths[node] + [start]
                if succ not in paths:
                    paths[succ] = paths[node] + [succ]
                    nxt.append(succ)
        frontier = nxt
    return sorted(group)


def test_imports_count_at_every_level_and_resolve_relative_ones(tmp_path):
    path = tmp_path / "views.py"
    path.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import forms\n"
        "from ..core import errors\n"
        "if TYPE_CHECKING:\n"
        "    import app.models\n"
        "def view():\n"
        "    from app.services.orders import order_place\n"
    )
    names = imported_names("pkg.app.views", path)
    assert {"pkg.app.forms", "pkg.core.errors", "app.models"} <= set(names)
    assert "app.services.orders.order_place" in names


def test_a_loop_is_found_and_printed_from_its_first_module():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"d"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_covers_the_project():
    graph = import_graph()
    assert "consent.services.consent" in graph["consent.apps"]  # an import inside ready()
    assert "core.tasks" in graph["rights.services.exports"]


def test_project_modules_import_no_cycle():
    found = cycles(import_graph())
    message = "\n".join(" -> ".join(loop) for loop in found)
    assert not found, f"{len(found)} import cycle(s) between project modules:\n{message}"

"""The import graph keeps the shape the README's "Layout" describes: `common` below every
domain, domains never reaching up for `workers`, Celery or the app's wiring, no circle
between packages, and imports at the top of their module.

The graph is read from the source with `ast` (every import, wherever it stands), with
each `propertyhub` sub-package, each top-level module of it and `workers` as one node.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The app's wiring: what composes the domains (and may therefore import them all).
WIRING = {"app", "asgi", "cli", "schedule"}
# Below the domains, beside `common`: settings and the database's configuration.
BASE = {"config", "db"}
# What no domain may import: the wiring above it, and the Celery side of the jobs seam.
ABOVE_DOMAINS = WIRING | {"workers", "celery"}
# A function-local import is allowed only with a comment on its line that says why.
LOCAL_IMPORT_REASON = "# local import:"


def node_of(module: str) -> str | None:
    """The graph node a module belongs to, `celery` for Celery, None for the rest."""
    parts = module.split(".")
    if parts[0] in ("workers", "celery"):
        return parts[0]
    if parts[0] == "propertyhub" and len(parts) > 1:
        return parts[1]
    return None


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: from the module's own package, `level` steps up
        base = module.split(".")[: len(module.split(".")) - node.level + int(is_package)]
        return [".".join(base + ([node.module] if node.module else []))]
    return [node.module or ""]


def read_graph(root: Path) -> tuple[dict[str, set[str]], list[str]]:
    """Edges between nodes ({node: {imported nodes}}), and the function-local imports
    that give no reason ("path:line")."""
    edges: dict[str, set[str]] = {}
    unexplained: list[str] = []
    for path in sorted([*root.glob("propertyhub/**/*.py"), *root.glob("workers/**/*.py")]):
        module = _module_name(path, root)
        source = path.read_text()
        tree = ast.parse(source)
        lines = source.splitlines()
        top = {id(n) for n in tree.body}
        here = node_of(module)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            if id(node) not in top and LOCAL_IMPORT_REASON not in lines[node.lineno - 1]:
                unexplained.append(f"{path.relative_to(root)}:{node.lineno}")
            for name in _imported(node, module, path.name == "__init__.py"):
                target = node_of(name)
                if here is not None and target is not None and target != here:
                    edges.setdefault(here, set()).add(target)
    return edges, unexplained


def cycles(edges: dict[str, set[str]]) -> Iterator[list[str]]:
    """Every circle (as a path back to its start), found by depth-first search."""
    seen: set[str] = set()

    def visit(node: str, path: list[str]) -> Iterator[list[str]]:
        if node in path:
            yield [*path[path.index(node):], node]
            return
        if node in seen:
            return
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            yield from visit(nxt, path)
        path.pop()
        seen.add(node)

    for start in sorted(edges):
        yield from visit(start, [])


def violations(root: Path) -> list[str]:
    edges, unexplained = read_graph(root)
    found = [f"common imports {target}" for target in sorted(edges.get("common", ()))
             if target not in BASE]
    domains = {n for n in edges if n not in WIRING | BASE | {"common", "workers", "celery"}}
    found += [f"{domain} imports {target}" for domain in sorted(domains)
              for target in sorted(edges[domain] & ABOVE_DOMAINS)]
    found += [f"circle: {' -> '.join(circle)}" for circle in cycles(edges)]
    found += [f"function-local import without a reason: {where}" for where in unexplained]
    return found


def test_dependencies_point_down():
    assert violations(ROOT) == []


def test_the_check_sees_bad_imports(tmp_path):
    def write(name: str, text: str) -> None:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    write("propertyhub/common/auth.py", "from propertyhub.accounts.models import User\n")
    write("propertyhub/accounts/models.py", "from ..listings import models\n")
    write("propertyhub/listings/models.py", "import propertyhub.accounts.models\n")
    write("propertyhub/billing/services.py", "from workers.jobs import enqueue\nimport celery\n")
    write("propertyhub/cart/services.py", "def f():\n    import json\n")
    write("propertyhub/crm/services.py", "def f():\n    import json  # local import: why\n")

    assert violations(tmp_path) == [
        "common imports accounts",
        "billing imports celery",
        "billing imports workers",
        "circle: accounts -> listings -> accounts",
        "function-local import without a reason: propertyhub/cart/services.py:2",
    ]

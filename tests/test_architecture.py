"""Dependencies between the apps point one way.

Reads every module of every app with the standard library's `ast` (imports inside function
bodies count: hiding an import there hides the dependency, it does not remove it) and checks:

- an app named in LAYERS imports only from apps before it in that list;
- no two apps import each other, directly or through others (apps not yet in LAYERS too);
- inside an app, services never import tasks: a service enqueues a task by its name through
  the outbox (`cgrs.tasks.enqueue("app.tasks.name", id)`), and the tasks call the services.

The project package `cgrs` is the foundation every app may use (outbox, navigation, forms,
middleware); only its wiring modules (PROJECT_WIRING: settings, URLs, the admin site, the demo
loader) import apps. The README's "Architecture" section draws the same order.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]

# Lowest first. An app may import from the apps above it in this list, never below.
LAYERS = [
    "cgrs",
    "audit",
    "accounts",
    "taxonomy",
    "cases",
    "outcomes",
    "documents",
    "experts",
    "ta_library",
    "search",
]

# Modules of `cgrs` that wire the apps together, and so sit above all of them.
PROJECT_WIRING = (
    "cgrs/settings/",
    "cgrs/urls.py",
    "cgrs/admin_site.py",
    "cgrs/celery.py",
    "cgrs/wsgi.py",
    "cgrs/management/commands/load_demo_data.py",
)

# Imports against the order that are known and not fixed yet: (importing app, imported app)
# -> why. Remove an entry when its imports are gone; never add one for new code.
KNOWN_EXCEPTIONS = {
    ("ta_library", "search"): (
        "the library tells search that resources changed and runs its text search through "
        "search's selectors, while search's index rows point at resources"
    ),
    ("outcomes", "documents"): "the outcome form takes a document upload (documents/forms)",
    ("documents", "search"): "text extraction of documents reuses search.extraction",
    ("cases", "insights"): "case services refresh the outcome insights (facts_refresh)",
    ("outcomes", "insights"): "outcome services refresh the outcome insights (facts_refresh)",
    ("documents", "redaction"): "withdrawing a document withdraws its redaction samples",
    ("ta_library", "redaction"): "resource pages ask redaction.rules whether a sample shows",
}


def _app_of(path: Path) -> str | None:
    relative = path.relative_to(BASE_DIR).as_posix()
    if relative.startswith(PROJECT_WIRING):
        return None
    return relative.split("/", 1)[0]


def _apps() -> list[str]:
    return sorted(p.parent.name for p in BASE_DIR.glob("*/apps.py"))


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every absolute import in the module, wherever it is (module level or in a function)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.extend((f"{node.module}.{alias.name}", node.lineno) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
    return found


def _modules(app: str):
    for path in sorted((BASE_DIR / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _app_imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where ("path:line"), for imports between apps."""
    apps = set(_apps())
    edges = defaultdict(list)
    for app in apps:
        for path in _modules(app):
            importer = _app_of(path)
            if importer is None:
                continue
            for name, line in _imports(path):
                imported = name.split(".", 1)[0]
                if imported in apps and imported != importer:
                    edges[(importer, imported)].append(f"{path.relative_to(BASE_DIR)}:{line}")
    return {pair: sorted(set(places)) for pair, places in edges.items()}


def test_layers_name_existing_apps():
    # LAYERS names only apps that exist (a renamed app must be renamed here too).
    assert set(LAYERS) <= set(_apps())


def test_apps_import_only_apps_below_them():
    rank = {app: position for position, app in enumerate(LAYERS)}
    wrong = [
        f"{importer} imports {imported} ({', '.join(places)})"
        for (importer, imported), places in sorted(_app_imports().items())
        if importer in rank
        and imported in rank
        and rank[imported] > rank[importer]
        and (importer, imported) not in KNOWN_EXCEPTIONS
    ]
    assert not wrong, "imports against the order in LAYERS:\n" + "\n".join(wrong)


def test_no_two_apps_depend_on_each_other():
    edges = {
        pair: places for pair, places in _app_imports().items() if pair not in KNOWN_EXCEPTIONS
    }
    graph = defaultdict(set)
    for importer, imported in edges:
        graph[importer].add(imported)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph[node])
        return False

    cycles = [
        f"{a} imports {b} ({', '.join(places)}) and {b} leads back to {a}"
        for (a, b), places in sorted(edges.items())
        if reaches(b, a)
    ]
    assert not cycles, "import cycles between apps:\n" + "\n".join(cycles)


def test_services_enqueue_tasks_by_name():
    wrong = []
    for app in _apps():
        for path in _modules(app):
            if path.stem != "services" and path.parent.name != "services":
                continue
            wrong.extend(
                f"{path.relative_to(BASE_DIR)}:{line} imports {name}"
                for name, line in _imports(path)
                if name.startswith(f"{app}.tasks")
            )
    assert not wrong, "services import their tasks (enqueue them by name):\n" + "\n".join(wrong)


def test_the_checks_see_a_forbidden_import(tmp_path):
    """The walk finds imports hidden in function bodies (so the checks above can fail)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from outcomes.models import Outcome\n")
    assert ("outcomes.models.Outcome", 2) in _imports(module)

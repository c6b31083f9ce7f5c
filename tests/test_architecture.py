"""Dependencies between the apps point one way.

Reads every module of every app with the standard library's `ast` (imports inside function
bodies count: hiding an import there hides the dependency, it does not remove it) and checks:

- an app named in LAYERS imports only from apps before it in that list;
- no two apps import each other, directly or through others (apps not yet in LAYERS too);
- inside an app, services never import tasks: a service enqueues a task by its name through
  the outbox (`cgrs.tasks.enqueue("app.tasks.name", id)`), and the tasks call the services;
- `devtools` (demo data, benchmarks) sits above everything: no app imports it, and the
  production settings do not install it.

The project package `cgrs` is the foundation every app may use (outbox, navigation, forms,
middleware); only its wiring modules (PROJECT_WIRING: settings, URLs, the admin site) import
apps. The README's "Architecture" section draws the same order.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
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
    "insights",
    "documents",
    "experts",
    "ta_library",
    "redaction",
    "search",
]

# Modules of `cgrs` that wire the apps together, and so sit above all of them.
PROJECT_WIRING = (
    "cgrs/settings/",
    "cgrs/urls.py",
    "cgrs/admin_site.py",
    "cgrs/celery.py",
    "cgrs/wsgi.py",
)

# Demo data and benchmarks: installed by the local and test settings only; it may import any
# app, and nothing else may import it.
DEVTOOLS = "devtools"
# Imports against the order that are known and not fixed yet: (importing app, imported app)
# -> why. Remove an entry when its imports are gone; never add one for new code.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


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


def test_the_apps_built_on_others_register_their_hooks():
    """Lower apps reach higher ones only through hooks registered in AppConfig.ready(): a
    registration that goes missing would silently skip the work, so it fails here."""
    from cases import extensions as case_extensions
    from documents import extensions as document_extensions
    from insights.selectors import case_page_similar
    from insights.services import facts_refresh
    from redaction.rules import may_serve_sample, may_show_sample_page
    from redaction.services import redaction_withdraw_for_document
    from search import selectors as search_selectors
    from search.extraction import extract
    from search.services import resources_content_changed, resources_deleted
    from ta_library import extensions as library_extensions

    assert facts_refresh in case_extensions.counts_followers
    assert case_page_similar in case_extensions.record_context
    assert redaction_withdraw_for_document in document_extensions.withdrawal_followers
    assert document_extensions.text_readers == [extract]
    assert library_extensions.content_followers == [resources_content_changed]
    assert library_extensions.deletion_followers == [resources_deleted]
    assert library_extensions.sample_page_rules == [may_show_sample_page]
    assert library_extensions.sample_file_rules == [may_serve_sample]
    assert library_extensions.keyword_searches == [
        library_extensions.KeywordSearch(
            lexicon_expression=search_selectors.lexicon_expression,
            keyword_match=search_selectors.keyword_match,
            with_snippets=search_selectors.with_snippets,
            snippet_of=search_selectors.snippet_of,
        )
    ]


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


def test_no_app_imports_devtools():
    wrong = [
        f"{path.relative_to(BASE_DIR)}:{line} imports {name}"
        for app in _apps()
        if app != DEVTOOLS
        for path in _modules(app)
        for name, line in _imports(path)
        if name.split(".", 1)[0] == DEVTOOLS
    ]
    assert not wrong, "devtools is not installed in production:\n" + "\n".join(wrong)


_SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import get_commands
print(json.dumps({"apps": settings.INSTALLED_APPS, "commands": sorted(get_commands())}))
"""


def _installed(settings_module: str) -> dict:
    """INSTALLED_APPS and the manage.py commands under `settings_module`, read in a fresh
    interpreter (production refuses to start without its three variables: give it dummies)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "probe-only",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
        "REDIS_URL": "redis://127.0.0.1:1",
    }
    out = subprocess.run(
        [sys.executable, "-c", _SETTINGS_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_production_does_not_install_devtools():
    production = _installed("cgrs.settings.production")
    assert DEVTOOLS not in production["apps"]
    assert "load_demo_data" not in production["commands"]
    assert not [name for name in production["commands"] if name.startswith("bench_")]
    # Nor does the production image (Dockerfile) copy it.
    ignored = (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split()
    assert f"{DEVTOOLS}/" in ignored
    # ...while `make run` (local settings) has the demo loader and the benchmarks.
    local = _installed("cgrs.settings.local")
    assert DEVTOOLS in local["apps"]
    assert {"load_demo_data", "bench_library", "bench_insights"} <= set(local["commands"])


def test_every_command_of_ours_loads():
    """A command whose imports broke (a module moved) fails here, not when someone runs it."""
    from django.core.management import get_commands, load_command_class

    ours = set(_apps())
    broken = []
    for name, app in sorted(get_commands().items()):
        if app in ours:
            try:
                load_command_class(app, name)
            except ImportError as error:
                broken.append(f"{app}: {name}: {error}")
    assert not broken, "\n".join(broken)


def test_the_checks_see_a_forbidden_import(tmp_path):
    """The walk finds imports hidden in function bodies (so the checks above can fail)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from outcomes.models import Outcome\n")
    assert ("outcomes.models.Outcome", 2) in _imports(module)


def _readme_block(marker: str) -> str:
    """The README text after `<!-- marker...-->` up to the next blank line after its block."""
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"<!-- {marker}:")
    return readme[start:].split("\n\n", 1)[0]


def test_the_readme_draws_the_layers():
    block = _readme_block("layers")
    drawing = block.split("```\n", 2)[1]
    column = [
        line.split()[0]
        for line in drawing.splitlines()
        if line[:1].isalpha() and line.split()[0] != DEVTOOLS and "wiring" not in line
    ]
    assert column == LAYERS[::-1]


def test_every_function_the_readme_names_for_a_rule_imports():
    import importlib
    import re

    table = _readme_block("rules").split("-->", 1)[1]
    names = re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)+)`", table)
    assert len(names) >= 8
    missing = []
    for name in names:
        parts, found, cut = name.split("."), None, 0
        for cut in range(len(parts), 0, -1):
            try:
                found = importlib.import_module(".".join(parts[:cut]))
                break
            except ImportError:
                continue
        for attribute in parts[cut:] if found is not None else ():
            found = getattr(found, attribute, None)
        if found is None:
            missing.append(name)
    assert not missing, "the README names functions that do not exist:\n" + "\n".join(missing)

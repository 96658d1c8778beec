"""The engine is a layer below the Django apps, and `esco` does not depend on the `skills` app."""

import ast
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import vakmanschap
import vakmanschap.skills_engine as engine_package

PROJECT_ROOT = Path(vakmanschap.__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
import vakmanschap.skills_engine as pkg
for mod in pkgutil.iter_modules(pkg.__path__):
    importlib.import_module(f"vakmanschap.skills_engine.{mod.name}")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("django", "vakmanschap")))))
"""


def test_importing_every_engine_module_loads_neither_django_nor_an_app():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    run = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(json.loads(run.stdout))
    assert not {m for m in loaded if m.split(".")[0] == "django"}
    engine_modules = {
        f"vakmanschap.skills_engine.{m.name}" for m in pkgutil.iter_modules(engine_package.__path__)
    }
    assert "vakmanschap.skills_engine.engine" in engine_modules
    assert loaded == {"vakmanschap", "vakmanschap.skills_engine"} | engine_modules


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module a file imports, at top level or inside functions, relative ones resolved."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.update(f"{module}.{alias.name}" for alias in node.names)
            names.add(module)
    return names


def test_the_esco_app_imports_nothing_from_the_skills_app():
    esco_dir = PROJECT_ROOT / "vakmanschap" / "esco"
    offenders = {}
    for path in esco_dir.rglob("*.py"):
        package = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts[:-1])
        bad = {m for m in imported_modules(path, package) if m.startswith("vakmanschap.skills.")}
        bad |= {m for m in imported_modules(path, package) if m == "vakmanschap.skills"}
        if bad:
            offenders[str(path.relative_to(PROJECT_ROOT))] = sorted(bad)
    assert offenders == {}

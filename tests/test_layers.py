"""Imports run one way: an app imports only from the apps before it in LAYERS (docs/architecture.md,
"Layers"). Entry points — management commands, app configs, URL maps, demo data, worker tasks and the two
whole-installation tools in core — may import anything."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "kompass"
LAYERS = [
    "core",
    "municipalities",
    "accounts",
    "criteria",
    "evaluations",
    "assessment",
    "comparison",
    "reports",
    "importer",
    "search",
    "actionplans",
    "jobs",
    "api",
    "portal",
]
ENTRY_POINTS = {"apps.py", "urls.py", "demo.py", "tasks.py"}
WHOLE_INSTALLATION_TOOLS = {"core/access_table.py", "core/backup.py"}


def _upward_imports() -> list[str]:
    rank = {app: index for index, app in enumerate(LAYERS)}
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        parts = relative.parts
        if len(parts) < 2 or parts[0] not in rank or "migrations" in parts or "management" in parts:
            continue
        if path.name in ENTRY_POINTS or relative.as_posix() in WHOLE_INSTALLATION_TOOLS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kompass."):
                target = node.module.split(".")[1]
                if target in rank and rank[target] > rank[parts[0]]:
                    found.append(f"{relative.as_posix()}:{node.lineno} imports {node.module}")
    return found


def test_every_app_is_in_the_layers() -> None:
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_no_import_runs_up_the_layers() -> None:
    assert _upward_imports() == []

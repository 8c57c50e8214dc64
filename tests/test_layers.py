"""The layer rules of docs/architecture.md, checked on every import in the code (function-level
imports included): lower layers never import higher ones, no service imports another service,
and only `workflows.api` of the planner is public."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

#: The generated API packages: one per proto package under protos/tripsmith/.
GENERATED = {path.name for path in (ROOT / "protos" / "tripsmith").iterdir() if path.is_dir()}

#: What each layer may import besides itself and the generated API code, lowest first.
ALLOWED = {
    "tripsmith": set(),
    "tripsmith.core": set(),
    "tripsmith.runtime": {"tripsmith.core"},
    "tripsmith.suppliers": {"tripsmith.core", "tripsmith.runtime"},
    "tripsmith.client": {"tripsmith.core", "tripsmith.runtime"},
    "workflows.api": set(),
    "workflows": {"tripsmith.core", "tripsmith.runtime"},
    "services": {"tripsmith.core", "tripsmith.runtime", "tripsmith.suppliers", "workflows.api"},
    "tripsmith.stack": {"tripsmith.core", "tripsmith.runtime", "tripsmith.suppliers", "workflows.api", "services"},
    "tripsmith.cli": {"tripsmith.core", "tripsmith.runtime", "tripsmith.suppliers", "tripsmith.client",
                      "tripsmith.stack", "workflows.api", "services"},
}


def layer(module: str) -> str | None:
    """The layer a module of ours belongs to; "generated" for protoc's output; None otherwise."""
    parts = module.split(".")
    if parts[0] == "tripsmith":
        if len(parts) == 1 or parts[1].startswith("__"):
            return "tripsmith"  # the package itself, which holds only __version__
        if parts[1] in GENERATED:
            return "generated"
        return f"tripsmith.{parts[1]}"
    if parts[0] == "workflows":
        return "workflows.api" if parts[1:2] == ["api"] else "workflows"
    if parts[0] == "services":
        return "services"
    return None


def _source_modules():
    for top in ("tripsmith", "services", "workflows"):
        for path in sorted((ROOT / top).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            if layer(module) != "generated":
                yield path, module


def _imports(path: Path, module: str):
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:  # `from tripsmith import cli` names a module, not just a package
                yield node.lineno, f"{base}.{alias.name}"


def _service(module: str) -> str:
    """The service a module of `services` belongs to ("" for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(path: Path, module: str) -> list[str]:
    """What in the file breaks the rules, as "file:line imports X: why"."""
    own = layer(module)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = []
    for line, imported in _imports(path, module):
        target = layer(imported)
        if target in (None, "generated", "tripsmith") or target == own:
            if own == target == "services" and _service(imported) != _service(module):
                found.append(f"{shown}:{line} imports {imported}: a service imports another service")
            continue
        if own == "workflows" and target == "workflows.api":
            continue
        if target not in ALLOWED[own]:
            found.append(f"{shown}:{line} imports {imported}: {own} may not import {target}")
    return found


def test_every_import_follows_the_layer_rules():
    problems = [problem for path, module in _source_modules() for problem in violations(path, module)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("module, source, problem", [
    ("tripsmith.runtime.example", "from services.gateway.config import GatewayConfig", "may not import services"),
    ("tripsmith.core.example", "import tripsmith.runtime.config", "may not import tripsmith.runtime"),
    ("workflows.example", "from services.flights import servicer", "may not import services"),
    ("services.hotels.example", "from services.flights.offers import decode", "another service"),
    ("services.gateway.example", "from workflows.itinerary import ItineraryWorkflow", "may not import workflows"),
    ("tripsmith.suppliers.example", "def f():\n    from tripsmith.cli import render\n", "may not import tripsmith.cli"),
    ("tripsmith.stack.example", "from tripsmith import cli", "may not import tripsmith.cli"),
    ("workflows.api", "from workflows.payloads import ToolInput", "workflows.api may not import workflows"),
    ("tripsmith", "from tripsmith.runtime import config", "tripsmith may not import tripsmith.runtime"),
    ("services.gateway.example", "import services.flights", "another service"),
])
def test_the_check_catches_a_violation(tmp_path, module, source, problem):
    path = tmp_path / "example.py"
    path.write_text(source)
    found = violations(path, module)
    assert any(problem in line for line in found), found

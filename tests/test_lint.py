"""The Python code has no lint defects (ruff, with the rules in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

#: Folders of installed or built things, not of our code.
NOT_OURS = {"node_modules", "build", "tripsmith.egg-info"}


def test_python_code_has_no_lint_defects():
    # Every folder of hand-written Python (generated code is excluded in pyproject.toml).
    folders = sorted(path.name for path in ROOT.iterdir() if path.is_dir() and path.name not in NOT_OURS
                     and not path.name.startswith(".") and any(path.rglob("*.py")))
    assert {"tripsmith", "services", "workflows", "tests"} <= set(folders)
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", *folders],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

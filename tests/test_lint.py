"""The Python code has no lint defects (ruff, with the rules in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_python_code_has_no_lint_defects():
    folders = ["tripsmith", "services", "tests", "tools", "benchmarks", "examples"]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", *folders],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

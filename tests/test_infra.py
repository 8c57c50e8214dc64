"""The operations files are valid and loadable, checked with promtool as Prometheus would:
the scrape configuration, the alert rules (and their unit tests), and every query of the
Grafana dashboard."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import ROOT

PROMETHEUS = ROOT / "infra" / "prometheus"
DASHBOARD = ROOT / "infra" / "grafana" / "tripsmith-dashboard.json"


def promtool(*args: str, cwd=PROMETHEUS) -> subprocess.CompletedProcess:
    binary = shutil.which("promtool")
    assert binary, "promtool comes with Debian's prometheus package, which `make install` installs"
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_scrape_configuration_and_rules_are_valid():
    result = promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 5 rules found" in result.stdout + result.stderr


def test_the_alerts_fire_on_the_series_they_are_written_for():
    result = promtool("test", "rules", "alerts_test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_dashboard_query_is_valid_promql(tmp_path):
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["panels"]
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    assert len(expressions) >= 8
    # Recording rules are the way promtool parses arbitrary queries; JSON is valid YAML.
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:query_{index}", "expr": expression} for index, expression in enumerate(expressions)]}]}
    (tmp_path / "dashboard_rules.yml").write_text(json.dumps(rules))
    result = promtool("check", "rules", "dashboard_rules.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == "${datasource}" and panel["gridPos"]["w"] > 0, panel["title"]

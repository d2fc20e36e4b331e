# Two commands for a newcomer: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PG_TEST_URL := $(or $(DATABASE_URL),postgresql+psycopg://postgres@127.0.0.1:5432/test)

.PHONY: run test lint audit test-sqlite test-postgres bench clean

$(VENV)/.installed-run: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/jobs-app db upgrade
	$(BIN)/jobs-app seed-demo
	$(BIN)/jobs-app run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Known vulnerabilities in the installed packages fail; an unreachable advisory database skips.
audit: $(VENV)/.installed-test
	$(BIN)/python tools/audit_dependencies.py

test-sqlite: $(VENV)/.installed-test
	@echo "== pytest on SQLite =="
	@test -x /usr/bin/chromium || echo "== /usr/bin/chromium is missing: SKIPPED the browser tests (tests/ui); apt-get install chromium =="
	env -u DATABASE_URL -u TEST_DATABASE_URL $(BIN)/pytest

test-postgres: $(VENV)/.installed-test
	@if $(BIN)/python -m tests.reachable "$(PG_TEST_URL)"; then \
		echo "== pytest on PostgreSQL ($(PG_TEST_URL)) =="; \
		TEST_DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) is unreachable, and CI=true makes that a failure"; exit 1; \
	else \
		echo "== PostgreSQL at $(PG_TEST_URL) is unreachable: SKIPPED the PostgreSQL run =="; \
	fi

test: lint audit test-sqlite test-postgres

bench: $(VENV)/.installed-test
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/transport.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache

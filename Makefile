# Provenance Notes — every command a developer or operator needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXT := extension
NODE_STAMP := $(EXT)/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the API is reached: the extension's default API address (`provnotes serve` derives the
# same address from --host/--port for its JSON-LD links unless PROVNOTES_PUBLIC_BASE_URL is set).
PROVNOTES_PUBLIC_BASE_URL ?= http://$(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
export PROVNOTES_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: help run test install lint typecheck test-sqlite test-sqlite-api test-sqlite-e2e \
        test-postgres test-faults test-contract test-contract-sqlite test-contract-postgresql \
        ext-install ext-build \
        ext-lint ext-unit ext-e2e chromium firefox bench given-names vectors demo seed import-asd migrate clean

help: ## List the commands
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-15s %s\n", $$1, $$2}'

run: install ## Run the product: install, migrate, seed an empty database, serve on :8000 (PORT=8123 for another)
	$(BIN)/provnotes serve --host $(HOST) --port $(PORT) --seed seed_data

# `make test` runs its steps in groups side by side (.ci/parallel.py), since most of them wait
# on browsers, servers and databases rather than on the CPU: first the set-up, then the checks,
# the SQLite suite in two halves (browser tests apart), the PostgreSQL suite, and one after
# another the fault suite and schemathesis on each database, which are bounded by time rather
# than by work: the others run niced so these get the CPU they would get alone. Each group
# prints its log whole when it ends, and a summary of every step's time comes last. `ports=N`
# gives a group N ports of PROVNOTES_TEST_PORTS to itself (10 in all).
TEST_SETUP := "python: install" "extension: ext-build" "browsers: chromium firefox"
TEST_GROUPS := "checks nice=5: lint typecheck ext-lint ext-unit" \
	"e2e ports=2 nice=2: test-sqlite-e2e" "sqlite ports=3 nice=5: test-sqlite-api" \
	"postgres ports=2 nice=5: test-postgres" \
	"timed ports=3: test-faults test-contract-sqlite test-contract-postgresql"

test: ## Run every check and test (SQLite and PostgreSQL, extension, Chromium and Firefox)
	@$(PYTHON) .ci/parallel.py $(TEST_SETUP) -- $(TEST_GROUPS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install the package with dev tools

lint: install ## Lint and format-check the Python code
	$(BIN)/ruff check api tests bench extension/scripts .ci
	$(BIN)/ruff format --check api tests bench extension/scripts .ci

typecheck: install ## Type-check api/ (mypy strict)
	$(BIN)/mypy

test-sqlite: install ## Run the Python test suite on SQLite
	PROVNOTES_TEST_DB=sqlite $(BIN)/pytest -q -p no:cacheprovider -m "not faults"

test-sqlite-api: install # the SQLite suite but its browser tests, which test-sqlite-e2e runs
	PROVNOTES_TEST_DB=sqlite $(BIN)/pytest -q -p no:cacheprovider -m "not e2e and not faults"

test-sqlite-e2e: install # as ext-e2e, but leaving extension/dist alone for ext-lint
	PROVNOTES_TEST_DB=sqlite $(BIN)/pytest -q -p no:cacheprovider -m e2e

test-postgres: install ## Run the Python test suite on PostgreSQL (127.0.0.1:5432)
	PROVNOTES_TEST_DB=postgresql $(BIN)/pytest -q -p no:cacheprovider -m "not e2e and not faults"

test-contract: test-contract-sqlite test-contract-postgresql ## Run schemathesis (every phase, admin token) against SQLite and PostgreSQL

test-contract-sqlite: install
	$(BIN)/python -m tests.contract.run sqlite

test-contract-postgresql: install
	$(BIN)/python -m tests.contract.run postgresql

test-faults: install ## Freeze, stop and fill the database, kill -9 an import; print the figures
	$(BIN)/pytest -q -s -p no:cacheprovider -m faults tests/faults

$(NODE_STAMP): $(EXT)/package.json $(EXT)/package-lock.json
	cd $(EXT) && npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

ext-install: $(NODE_STAMP) ## Install the extension's npm packages (again only when package*.json change)

ext-build: ext-install ## Build the extension into extension/dist, its default API address from PORT
	cd $(EXT) && PROVNOTES_PUBLIC_BASE_URL=$(PROVNOTES_PUBLIC_BASE_URL) npm run --silent build

ext-lint: ext-build ## Lint the extension with web-ext
	cd $(EXT) && npm run --silent lint

ext-unit: ext-install ## Run the extension's unit tests
	cd $(EXT) && npm test --silent

given-names: install ## Write the folded Russian given names from pymorphy3's dictionary (then run make vectors)
	$(BIN)/python -m api.annotate.inflection

vectors: install ## Write the local matcher's test vectors and name pack from the Python engine
	$(BIN)/python -m tests.annotate.match_vectors

ext-e2e: install ext-build chromium firefox ## Run the extension end-to-end in headless Chromium and Firefox ESR
	$(BIN)/pytest -q -p no:cacheprovider -m e2e

chromium: ## Install Debian's chromium for browser tests (needs root)
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

firefox: ## Install Debian's firefox-esr for browser tests (needs root)
	@command -v firefox-esr >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null; }

bench: install ext-install chromium ## Benchmark accuracy, the engine, the local matcher, HTTP (also against bare FastAPI), seeding and the ASD import; writes docs/PERFORMANCE.md
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@command -v wrk >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench.accuracy
	$(BIN)/python -m bench.bench_engine
	$(BIN)/python -m bench.bench_local
	$(BIN)/python -m bench.bench_http
	$(BIN)/python -m bench.bench_framework
	$(BIN)/python -m bench.bench_seed
	$(BIN)/python -m bench.bench_import
	$(BIN)/python -m bench.bench_dump
	$(BIN)/python -m bench.bench_import_memory

demo: install ext-build chromium ## Open the canonical article with the extension; save artifacts/demo.png
	$(BIN)/python $(EXT)/scripts/demo.py

seed: install ## Seed (or re-seed) the database from seed_data/
	$(BIN)/provnotes seed seed_data

ASD_CSV ?= data/asd-state-media-profiles/State_Media_Matrix.csv
import-asd: install ## Regenerate seed_data/asd/ from the State Media Matrix (report: ASD_FLAGS=--dry-run)
	$(BIN)/provnotes import-source asd $(ASD_CSV) --out seed_data/asd $(ASD_FLAGS)

migrate: install ## Upgrade the database schema
	$(BIN)/provnotes migrate

clean: ## Remove the virtual environment, caches and build output
	rm -rf $(VENV) $(EXT)/node_modules $(EXT)/dist .pytest_cache .mypy_cache .ruff_cache

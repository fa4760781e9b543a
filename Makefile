# The portal's commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
OCR_READY := command -v pdftoppm >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie

.DEFAULT_GOAL := help
.PHONY: help install run test test-postgres lint format check messages api-check eval-import bench-import bench-search bench-load bench-faults bench-plone clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@# axe-core for the accessibility audit in the browser tests (skipped where npm is absent).
	command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix .cache/node axe-core@4.14.1 \
		|| echo "npm not found: the accessibility audit will be skipped"
	@# Debian's OCR programs for scanned documents (tesseract-ocr-vie: the Vietnamese model).
	$(OCR_READY) || { apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-vie poppler-utils; } \
		|| echo "could not install tesseract-ocr tesseract-ocr-vie poppler-utils: scans will not be read"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

run: $(STAMP) ## Run the site on SQLite with sample content at http://127.0.0.1:$(PORT), and the worker that reads scans
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_sample
	$(BIN)/python manage.py ensure_admin --port $(PORT)
	$(BIN)/python manage.py db_worker --backend scans & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP) ## Run the whole test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)
	$(BIN)/python -m pytest

test-postgres: $(STAMP) ## Run the suite on the PostgreSQL server at 127.0.0.1:5432
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal $(BIN)/python -m pytest

lint: $(STAMP) ## ruff check and format check, and the import layers (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=.:site $(BIN)/lint-imports --no-cache

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP) ## Django's system checks and the migrations check
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

api-check: API_PATHS ?= ^/api/v1/(directives|news)
api-check: $(STAMP) ## Schemathesis against the API of a running site (make run in another shell; PORT, API_PATHS)
	$(BIN)/schemathesis run http://127.0.0.1:$(PORT)/api/v1/openapi.json --include-path-regex '$(API_PATHS)' --checks all --max-time 120 --workers 1

messages: $(STAMP) ## Compile locale/*/LC_MESSAGES/*.po into the committed .mo files
	$(BIN)/python locale/compile.py

eval-import: $(STAMP) ## Score both importers on every labelled document (per field, per type, worst documents)
	$(BIN)/python -m bench.eval_directives --check
	$(BIN)/python -m bench.eval_procedures --check
	$(BIN)/python -m bench.eval_scans --check

bench-import: N ?= 1000
bench-import: $(STAMP) ## import_directives --publish of N generated files (or FOLDER=path) into a fresh SQLite (or BENCH_DATABASE_URL=postgres://...) database: documents/s, peak memory
	$(BIN)/python -m bench.importing $(if $(FOLDER),--folder $(FOLDER),--generate $(N)) $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL))

bench-plone: N ?= 10000
bench-plone: FORMAT ?= both
bench-plone: $(STAMP) ## Generate a Plone export of N items (FORMAT=both|plone-exportimport|collective-exportimport) and time import_plone into a fresh SQLite (or DATABASE_URL=postgres://...) database: items/s, peak memory
	$(BIN)/python -m bench.plone_export --n $(N) --format $(FORMAT) --import $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

bench-search: N ?= 10000
bench-search: ENGINES ?= sqlite,postgres
bench-search: $(STAMP) ## Time search over N generated directives on SQLite and PostgreSQL (N=10000)
	$(BIN)/python -m bench.search --n $(N) --engines $(ENGINES)

bench-load: CONNECTIONS ?= 200
bench-load: DURATION ?= 60
bench-load: $(STAMP) ## gunicorn + PostgreSQL + Redis on loopback, wrk with 200 clients for 60 s: errors, p99
	command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m bench.load --connections $(CONNECTIONS) --duration $(DURATION)

bench-faults: $(STAMP) ## PostgreSQL restarted/stopped under load and during an import, Redis stopped: 503s, recovery
	$(BIN)/python -m bench.faults

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache

# Everyday commands. `make run` and `make test` work on a fresh clone with only CPython 3.11-3.14.
# Another Python in its own virtualenv: make test PYTHON=python3.13 VENV=.venv-3.13
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run test test-fast lint format worker beat smoke bench-library bench-search bench-orgs bench-insights relevance clean-data

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	@rm -rf build *.egg-info
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

# Bring the Spanish catalogue up to date with the code (needs GNU gettext), then translate the
# new entries in locale/es/LC_MESSAGES/django.po and run this again to compile them.
messages: install
	$(MANAGE) makemessages -l es --no-wrap
	$(MANAGE) compilemessages -l es --ignore=.venv*

# Install, start the embedded PostgreSQL (unless DATABASE_URL is set), migrate, load the
# demo data, print the demo logins and serve. However it is stopped (Ctrl-C, SIGTERM, a closed
# terminal, even SIGKILL) the server and the database stop with it: see cgrs/local_run.py.
run: install
	$(BIN)/python -m cgrs.local_run --host $(HOST) --port $(PORT) $(RUN_ARGS)

# The whole suite against PostgreSQL; non-zero exit on any failure.
test: install
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -x -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A cgrs worker --loglevel=INFO --concurrency=2

beat: install
	$(BIN)/celery -A cgrs beat --loglevel=INFO

# Start `make run` on another port, check that pages answer and that SIGTERM stops it all.
smoke: install
	VENV=$(VENV) bash scripts/smoke.sh

bench-library: install
	$(MANAGE) bench_library --resources $${N:-1000}

bench-search: install
	$(MANAGE) bench_search --resources $${N:-1000}

# Precision, recall and nDCG of library search over the judged set (devtools/relevance/), in a
# fresh scratch database; ARGS=--verbose for every query.
relevance: install
	$(MANAGE) search_relevance --scratch cgrs_relevance --check $(ARGS)

bench-orgs: install
	$(MANAGE) bench_organizations

# Outcome insights pages on N synthetic outcomes (N=1000000 for the 1M figures).
bench-insights: install
	$(MANAGE) bench_insights --outcomes $${N:-100000}

clean-data:
	rm -rf .data

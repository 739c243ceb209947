# The two commands of the README: `make run` and `make test`; `make bench` for the benchmarks.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DEBUG=1
TEST_ENV := SECRET_KEY=tests-only-secret-key
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext
# The catalogues: English, and Dutch for the libraries that ship none (django-simple-history); only the .po are committed.
CATALOGUES := locale/en/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.mo
TEST_PACKAGES := $(RUN_PACKAGES) poppler-utils chromium postgresql-client

BENCH_PACKAGES := $(RUN_PACKAGES) wrk
BENCH_ENV := DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/dyzo_bench}

.PHONY: run demo-code test lint test-sqlite test-postgres serve backup restore run-packages test-packages backup-packages bench-packages bench bench-reports bench-load bench-fault bench-fuzz bench-tasks lock

run: run-packages $(BIN)/.installed $(CATALOGUES)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_reference_data
	$(DEV_ENV) $(BIN)/python manage.py load_demo_data
	$(DEV_ENV) $(BIN)/python scripts/with_worker.py $(BIN)/python manage.py runserver 127.0.0.1:8000

# The current sign-in code of the demo staff logins (make run prints this command).
demo-code: $(BIN)/.installed
	@$(DEV_ENV) $(BIN)/python manage.py demo_code

# The checks and the two passes run side by side, one a core; make prints the output of each when it ends.
test: test-packages $(BIN)/.installed-test $(CATALOGUES)
	$(MAKE) --jobs=3 --output-sync=target lint test-sqlite test-postgres

lint: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEV_ENV) $(BIN)/mypy .

test-sqlite:
	env -u DATABASE_URL $(TEST_ENV) $(BIN)/pytest

# Runs when a PostgreSQL is reachable; REQUIRE_POSTGRES=1 (set by .ci/run) makes its absence a failure.
test-postgres:
	@url=$$($(BIN)/python scripts/postgres_url.py) || exit 1; \
	if [ -n "$$url" ]; then \
		echo "PostgreSQL: $$url"; \
		DATABASE_URL="$$url" $(TEST_ENV) $(BIN)/pytest; \
	else \
		echo "PostgreSQL not reachable: skipping the PostgreSQL run."; \
	fi

# Production mode on this machine: DEBUG off, PostgreSQL, gunicorn; the variables are in scripts/serve.
serve: run-packages $(BIN)/.installed $(CATALOGUES)
	scripts/serve

# The database that DATABASE_URL names (unset: the SQLite of `make run`).
# make backup [FILE=path]; make restore FILE=path [YES=1] (asks first unless YES=1; keeps a safety copy)
backup: backup-packages $(BIN)/.installed
	DEBUG=$${DEBUG-1} $(BIN)/python manage.py backup $(if $(FILE),--output "$(FILE)")

restore: backup-packages $(BIN)/.installed
	@test -n "$(FILE)" || { echo "Gebruik: make restore FILE=var/backups/dyzo-….backup"; exit 1; }
	DEBUG=$${DEBUG-1} $(BIN)/python manage.py restore "$(FILE)" $(if $(YES),--yes)

# PostgreSQL, scale data set built once in the dyzo_bench database; the fuzzer uses its own dyzo_fuzz.
bench: bench-reports bench-load bench-fault bench-fuzz bench-tasks

bench-reports: bench-packages $(BIN)/.installed-bench
	$(BENCH_ENV) $(BIN)/python bench/reports.py

bench-load: bench-packages $(BIN)/.installed-bench
	$(BENCH_ENV) $(BIN)/python bench/load.py

bench-fault: bench-packages $(BIN)/.installed-bench
	$(BENCH_ENV) $(BIN)/python bench/fault.py

bench-fuzz: bench-packages $(BIN)/.installed-bench
	$(BIN)/python bench/fuzz.py

bench-tasks: bench-packages $(BIN)/.installed-bench
	$(BENCH_ENV) $(BIN)/python bench/tasks.py

run-packages: PACKAGES = $(RUN_PACKAGES)
test-packages: PACKAGES = $(TEST_PACKAGES)
backup-packages: PACKAGES = postgresql-client
bench-packages: PACKAGES = $(BENCH_PACKAGES)
run-packages test-packages backup-packages bench-packages:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q $$missing; \
		else echo "Missing Debian packages:$$missing (install them as root)"; fi; \
	fi

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Each stamp depends on its lock file: a changed lock reinstalls. `make lock` rewrites them from pyproject.toml.
$(BIN)/.installed: requirements/run.txt | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements/run.txt
	touch $@

$(BIN)/.installed-test: requirements/test.txt $(BIN)/.installed
	$(BIN)/pip install -q -r requirements/test.txt
	touch $@

$(BIN)/.installed-bench: requirements/bench.txt $(BIN)/.installed
	$(BIN)/pip install -q -r requirements/bench.txt
	touch $@

# The lock files: the ranges of pyproject.toml, resolved to exact versions; the extras are held to the run pins.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)

lock: $(BIN)/.installed-test
	$(PIP_COMPILE) -o requirements/run.txt pyproject.toml
	$(PIP_COMPILE) --extra test -c requirements/run.txt -o requirements/test.txt pyproject.toml
	$(PIP_COMPILE) --extra bench -c requirements/run.txt -o requirements/bench.txt pyproject.toml

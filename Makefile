# Candid: `make run` serves the embedded default with demo data; `make test` runs every test
# on SQLite and on a throw-away PostgreSQL server. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
CANDID_DATA_DIR ?= $(CURDIR)/data
UPKEEP := moderation_upkeep transparency_upkeep rights_upkeep prune_access_log deletion_reminders
export CANDID_DATA_DIR

.PHONY: run test test-sqlite test-postgres deps deps-build deps-system demo lint bench clean

.venv/.installed: requirements.txt requirements-dev.txt | deps-build
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

deps: .venv/.installed

# PyICU (accounts/usernames.py) is built by pip from source: ICU headers and a compiler.
deps-build:
	@for pkg in libicu-dev pkg-config g++; do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Debian packages the tests need: PostgreSQL, Chromium, exiftool (independent reader of
# served metadata). Installed only when missing.
deps-system:
	@missing=""; \
	for pkg in postgresql chromium libimage-exiftool-perl wrk gettext; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: deps
	mkdir -p $(CANDID_DATA_DIR)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py demo --if-empty
	@echo "Candid is at http://127.0.0.1:$(PORT)/"
	@# Periodic upkeep runs beside the web server: moderation escalation and evidence purge,
	@# transparency months, exports and erasures, access-log pruning, deletion reminders.
	( while sleep 300; do for job in $(UPKEEP); do $(PY) manage.py $$job >/dev/null; done; \
	  done ) & \
	trap "kill $$!" EXIT; \
	.venv/bin/gunicorn candid.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile -

demo: deps
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo

test: deps deps-system
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: deps
	.venv/bin/pytest

test-postgres: deps
	scripts/with-postgres.sh .venv/bin/pytest

lint: deps
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench: deps deps-system
	$(PY) bench/upload.py
	$(PY) bench/pages.py
	$(PY) bench/export.py
	CANDID_PG_PORT=54520 scripts/with-postgres.sh $(PY) bench/moderation.py
	CANDID_PG_PORT=54520 scripts/with-postgres.sh $(PY) bench/transparency.py
	CANDID_PG_PORT=54520 scripts/with-postgres.sh $(PY) bench/consent_lookup.py

clean:
	rm -rf .venv data test-artifacts bench/out

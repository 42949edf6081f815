# Candid: `make run` serves the embedded default with demo data; `make test` runs every test
# on SQLite and on a throw-away PostgreSQL server. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
CANDID_DATA_DIR ?= $(CURDIR)/data
export CANDID_DATA_DIR

.PHONY: run run-stack test test-sqlite test-postgres deps deps-build deps-system demo lint bench clean secret lock audit advisories messages

# Dependencies come from the lock files only, every file checked against its PyPI hash.
# requirements*.txt name what Candid needs; `make lock` pins everything they pull in.
.venv/.installed: requirements.lock requirements-dev.lock requirements-pip.lock requirements.txt requirements-dev.txt | deps-build
	python3 scripts/check_lock.py
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --require-hashes -r requirements-pip.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

deps: .venv/.installed

# Regenerate the lock files from requirements*.txt (after adding or changing a pin):
# every package and its dependencies, with the hashes of the files PyPI serves, for
# every platform. uv runs from its own venv and reads no pip configuration.
UV_VERSION := 0.13.9
UV := .venv-lock/bin/uv
LOCK := $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--no-config --index-url https://pypi.org/simple
$(UV):
	python3 -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --isolated --index-url https://pypi.org/simple \
	  uv==$(UV_VERSION)

lock: $(UV)
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	$(LOCK) requirements-pip.txt -o requirements-pip.lock
	python3 scripts/check_lock.py

# Known vulnerabilities in the locked packages (pip-audit); if the advisory service
# cannot be reached, the local snapshot scripts/audit/advisories.json is used and the
# output says so. `make advisories` refreshes that snapshot from GitHub, or from a local
# copy of PyPA's advisory database: make advisories ADVISORY_DB=db.zip ADVISORY_STATE=...
ADVISORY_DB ?=
ADVISORY_STATE ?= main as of $(shell date -u +%F)
audit: deps
	$(PY) scripts/audit_deps.py requirements-dev.lock

advisories: deps
	db="$(ADVISORY_DB)"; \
	if [ -z "$$db" ]; then db=/tmp/candid-advisory-db.zip; \
	  curl -fsSL -o $$db https://github.com/pypa/advisory-database/archive/refs/heads/main.zip; \
	fi; \
	$(PY) scripts/advisories_snapshot.py "$$db" "$(ADVISORY_STATE)"

# PyICU (accounts/usernames.py) is built by pip from source: ICU headers and a compiler;
# gettext's msgfmt compiles the translations.
deps-build:
	@for pkg in libicu-dev pkg-config g++ gettext; do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Debian packages the tests need: PostgreSQL, Chromium, exiftool (independent reader of
# served metadata), Redis and nginx (make run-stack and its test). Installed only when missing.
deps-system:
	@missing=""; \
	for pkg in postgresql chromium libimage-exiftool-perl wrk gettext redis-server nginx; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# The compiled translation catalogues are built here, not committed: a binary .mo cannot be
# merged, and what runs is always the reviewed .po (docs/translating.md).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

messages: $(MO_FILES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | deps-build
	msgfmt --check-format -o $@ $<

# The secret key `make run` (and every target here) uses: random, created once, kept in
# CANDID_DATA_DIR, readable by its owner only. Production sets SECRET_KEY instead.
SECRET_KEY_FILE := $(CANDID_DATA_DIR)/secret_key

secret: $(SECRET_KEY_FILE)

$(SECRET_KEY_FILE):
	mkdir -p $(CANDID_DATA_DIR)
	umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@.tmp
	mv $@.tmp $@

run: deps secret messages
	mkdir -p $(CANDID_DATA_DIR)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py demo --if-empty
	@echo "Candid is at http://127.0.0.1:$(PORT)/"
	@# One task worker beside the web server runs exports, all mail and, from its scheduler,
	@# the periodic upkeep (core/scheduler.py). Other commands keep running tasks in-process.
	export CANDID_TASKS=database; \
	$(PY) manage.py worker --no-startup-delay & \
	trap "kill $$!" EXIT; \
	.venv/bin/gunicorn candid.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile -

# The production-like stack on 127.0.0.1 (scripts/run-stack.sh): PostgreSQL, Redis, the
# S3 server, two gunicorn web processes behind nginx at PORT, one task worker, demo data.
run-stack: deps deps-system messages
	PORT=$(PORT) scripts/run-stack.sh

demo: deps secret messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo

# The two passes run side by side (one per core); each prints its output when it ends.
test: deps deps-system secret messages
	$(MAKE) --no-print-directory audit
	$(MAKE) --no-print-directory -k -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: deps messages
	.venv/bin/pytest

test-postgres: deps messages
	scripts/with-postgres.sh .venv/bin/pytest

lint: deps
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench: deps deps-system secret messages
	$(PY) bench/upload.py
	$(PY) bench/pages.py
	$(PY) bench/pages.py --language de
	$(PY) bench/export.py
	CANDID_PG_PORT=54520 scripts/with-postgres.sh $(PY) bench/moderation.py
	CANDID_PG_PORT=54520 scripts/with-postgres.sh $(PY) bench/transparency.py
	CANDID_PG_PORT=54520 scripts/with-postgres.sh $(PY) bench/consent_lookup.py

clean:
	rm -rf .venv .venv-lock data test-artifacts bench/out

# The demo operator profile (legal notice, points of contact), clearly marked as invented,
# unless CANDID_OPERATOR_FILE names your own (deploy/operator.example.toml).
run: export CANDID_OPERATOR_FILE ?= $(CURDIR)/demo/operator.toml

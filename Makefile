# Candid: `make run` serves the embedded default with demo data; `make test` runs every test
# on SQLite and on a throw-away PostgreSQL server. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
CANDID_DATA_DIR ?= $(CURDIR)/data
export CANDID_DATA_DIR

.PHONY: run test test-sqlite test-postgres deps deps-system demo lint bench clean

.venv/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

deps: .venv/.installed

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
	@# Periodic moderation upkeep (escalation, evidence purge) runs beside the web server.
	( while sleep 300; do $(PY) manage.py moderation_upkeep >/dev/null; \
	  $(PY) manage.py transparency_upkeep >/dev/null; done ) & \
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

bench: deps
	$(PY) bench/upload.py
	$(PY) bench/pages.py

clean:
	rm -rf .venv data test-artifacts bench/out

# Candid's container image: gunicorn serving Candid (the default command) or, with
# `python manage.py worker`, the background task worker. Every Python package comes from
# requirements.lock (pip itself from requirements-pip.lock), each file checked against its hash. Build: docker build -t candid .
# See docs/deploy.md and compose.yaml. The base image is pinned by version; pin it by
# digest too (python:3.11.14-slim-bookworm@sha256:...) in your own registry.

FROM python:3.11.14-slim-bookworm AS build
# A compiler for the locked packages that ship no wheel for this platform (pdqhash), and
# gettext's msgfmt for the translation catalogues (built, not committed).
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential=12.9 gettext=0.21-12 \
 && rm -rf /var/lib/apt/lists/*
COPY requirements-pip.lock requirements.lock /tmp/
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements-pip.lock \
 && /opt/venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock
COPY locale /opt/locale
RUN for po in /opt/locale/*/LC_MESSAGES/django.po; do msgfmt --check-format -o "${po%.po}.mo" "$po"; done

FROM python:3.11.14-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=candid.settings \
    CANDID_DATA_DIR=/srv/candid/data \
    LOG_FORMAT=json \
    GUNICORN_BIND=0.0.0.0:8000
# libstdc++: pdqhash's compiled C++ code. The wheels bring their own image and database
# libraries (Pillow, pillow-heif, psycopg's libpq); pyvips is used by the tests only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libstdc++6=12.2.0-14+deb12u1 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 candid \
 && useradd --system --uid 10001 --gid candid --home-dir /srv/candid --shell /usr/sbin/nologin candid
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv/candid/app
COPY . .
COPY --from=build /opt/locale ./locale
# Static files are collected into the image (read-only, served by WhiteNoise); the key is
# a throw-away one for this step only (collectstatic signs nothing).
RUN SECRET_KEY=collectstatic-only-not-used-at-run-time-$(date +%s%N)-candid-build \
    python manage.py collectstatic --noinput -v0 \
 && mkdir -p /srv/candid/data/tmp/uploads /srv/candid/data/inbox-journal \
 && chown -R candid:candid /srv/candid/data/tmp /srv/candid/data/inbox-journal \
 && chmod 0700 /srv/candid/data/tmp/uploads
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=8)"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "candid.wsgi"]

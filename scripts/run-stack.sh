#!/usr/bin/env bash
# `make run-stack`: Candid's production-like stack on 127.0.0.1, every part a real server:
# PostgreSQL (a throw-away cluster, scripts/with-postgres.sh), Redis (cache, sessions,
# rate limits), moto_server as the S3 media store, two gunicorn web processes
# (deploy/gunicorn.conf.py, JSON logs) behind nginx, which sets X-Forwarded-For and
# X-Request-ID as in deploy/nginx/candid.conf.template, and one task worker; with demo data.
# Ctrl-C stops everything and removes the state. Logs: $STACK_DIR/*.log.
#
# Ports (all on 127.0.0.1): PORT (nginx, 8000), STACK_WEB_PORTS ("PORT+1 PORT+2"),
# STACK_REDIS_PORT (PORT+3), STACK_S3_PORT (PORT+4), STACK_PG_PORT (PORT+5).
# STACK_DEMO=0 skips the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
STACK_PG_PORT=${STACK_PG_PORT:-$((PORT + 5))}

# PostgreSQL first: with-postgres.sh starts it, runs this script again inside, and
# removes the cluster when it ends.
if [ -z "${CANDID_STACK_INSIDE:-}" ]; then
  CANDID_STACK_INSIDE=1 CANDID_PG_PORT=$STACK_PG_PORT exec scripts/with-postgres.sh "$0" "$@"
fi

PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
read -r -a WEB_PORTS <<< "${STACK_WEB_PORTS:-$((PORT + 1)) $((PORT + 2))}"
REDIS_PORT=${STACK_REDIS_PORT:-$((PORT + 3))}
S3_PORT=${STACK_S3_PORT:-$((PORT + 4))}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
for tool in redis-server "$NGINX" "$BIN/moto_server" "$BIN/gunicorn"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (make deps deps-system)" >&2; exit 1; }
done

STACK_DIR=${STACK_DIR:-$(mktemp -d /tmp/candid-stack.XXXXXX)}
mkdir -p "$STACK_DIR"
cleanup() {
  trap - EXIT INT TERM
  [ -f "$STACK_DIR/nginx.pid" ] && kill "$(cat "$STACK_DIR/nginx.pid")" 2>/dev/null || true
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${STACK_KEEP:-}" ] || rm -rf "$STACK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

umask 077
python3 -c "import secrets; print(secrets.token_urlsafe(50))" > "$STACK_DIR/secret_key"
umask 022
export CANDID_DATA_DIR="$STACK_DIR/data"
export CANDID_SECRET_KEY_FILE="$STACK_DIR/secret_key"
export SITE_URL="http://127.0.0.1:$PORT"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export CANDID_TASKS=database
export CANDID_CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
export CANDID_STORAGE=s3 CANDID_S3_BUCKET=candid-media CANDID_S3_REGION=us-east-1
export CANDID_S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
export CANDID_S3_ACCESS_KEY_ID=stack CANDID_S3_SECRET_ACCESS_KEY=stack-secret
export CANDID_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR CANDID_TRUSTED_PROXIES=127.0.0.1
export LOG_FORMAT=json LOG_LEVEL=${LOG_LEVEL:-INFO}
# The demo operator profile (legal notice, points of contact), marked as invented.
export CANDID_OPERATOR_FILE="${CANDID_OPERATOR_FILE:-$PWD/demo/operator.toml}"
mkdir -p "$CANDID_DATA_DIR"

wait_for() {  # wait_for NAME COMMAND...: up to 60 s
  for _ in $(seq 120); do "${@:2}" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$1 did not start; see $STACK_DIR" >&2
  exit 1
}
http_ok() { "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" "$1"; }

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
  --dir "$STACK_DIR" > "$STACK_DIR/redis.log" 2>&1 &
wait_for redis bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT && printf 'PING\r\n' >&3 && head -c5 <&3 | grep -q PONG"
"$BIN/moto_server" -H 127.0.0.1 -p "$S3_PORT" > "$STACK_DIR/s3.log" 2>&1 &
wait_for moto_server http_ok "http://127.0.0.1:$S3_PORT/moto-api/"
"$PY" deploy/ensure_bucket.py

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
[ "${STACK_DEMO:-1}" = 0 ] || "$PY" manage.py demo --if-empty

"$PY" manage.py worker > "$STACK_DIR/worker.log" 2>&1 &
upstreams=""
for web in "${WEB_PORTS[@]}"; do
  GUNICORN_BIND="127.0.0.1:$web" WEB_CONCURRENCY=${STACK_WEB_WORKERS:-1} \
    "$BIN/gunicorn" --config deploy/gunicorn.conf.py candid.wsgi \
    > "$STACK_DIR/web-$web.log" 2> "$STACK_DIR/web-$web.err.log" &
  upstreams+="    server 127.0.0.1:$web;"$'\n'
done
for web in "${WEB_PORTS[@]}"; do wait_for "web $web" http_ok "http://127.0.0.1:$web/healthz"; done

# nginx as deploy/nginx/candid.conf.template sets it up, over plain http on 127.0.0.1.
mkdir -p "$STACK_DIR/nginx"
cat > "$STACK_DIR/nginx.conf" <<CONF
worker_processes 1;
pid $STACK_DIR/nginx.pid;
error_log $STACK_DIR/nginx-error.log warn;
$( [ "$(id -u)" = 0 ] && echo "user $(id -un) $(id -gn);" )
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    log_format candid escape=json '{"time":"\$time_iso8601","remote_addr":"\$remote_addr",'
        '"request":"\$request","status":\$status,"request_id":"\$request_id",'
        '"upstream":"\$upstream_addr"}';
    access_log $STACK_DIR/nginx-access.log candid;
    client_body_temp_path $STACK_DIR/nginx/body;
    proxy_temp_path $STACK_DIR/nginx/proxy;
    fastcgi_temp_path $STACK_DIR/nginx/fastcgi;
    uwsgi_temp_path $STACK_DIR/nginx/uwsgi;
    scgi_temp_path $STACK_DIR/nginx/scgi;
    upstream candid_web {
$upstreams        keepalive 8;
    }
    server {
        listen 127.0.0.1:$PORT;
        client_max_body_size 41m;
        client_body_timeout 120s;
        proxy_read_timeout 120s;
        location / {
            proxy_pass http://candid_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Request-ID \$request_id;
            proxy_redirect off;
        }
    }
}
CONF
"$NGINX" -p "$STACK_DIR" -c "$STACK_DIR/nginx.conf" -e "$STACK_DIR/nginx-error.log" \
  -g "daemon off;" &
wait_for nginx http_ok "http://127.0.0.1:$PORT/healthz"
echo "Candid stack is at http://127.0.0.1:$PORT/ (state and logs in $STACK_DIR; Ctrl-C stops it)"
# Stop everything when any part stops.
wait -n
echo "a part of the stack stopped; stopping the rest" >&2
exit 1

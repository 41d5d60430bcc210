#!/usr/bin/env bash
# Starts `kompass serve` (gunicorn) and the development server on the same PostgreSQL database and Redis,
# runs bench/load/run.py against both, and stops them. Environment: an env file like
# deploy/kompass.env.example (KOMPASS_ENV_FILE, default /tmp/service-prod/kompass.env) whose database was
# made with `kompass setup`.
set -euo pipefail
cd "$(dirname "$0")/../.."
set -a; . "${KOMPASS_ENV_FILE:-/tmp/service-prod/kompass.env}"; set +a
export KOMPASS_API_ANON_RATE=1000000/min KOMPASS_REQUEST_LOG_LEVEL=WARNING
.venv/bin/kompass serve --bind 127.0.0.1:8050 >/tmp/kompass-bench-gunicorn.log 2>&1 & gunicorn_pid=$!
.venv/bin/kompass runserver 127.0.0.1:8051 --noreload --insecure >/tmp/kompass-bench-runserver.log 2>&1 & dev_pid=$!
trap 'kill $gunicorn_pid $dev_pid 2>/dev/null; wait' EXIT
for port in 8050 8051; do
    for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/halsa/" >/dev/null && break; sleep 1; done
done
.venv/bin/python bench/load/run.py --target gunicorn=http://127.0.0.1:8050 --target runserver=http://127.0.0.1:8051 "$@"

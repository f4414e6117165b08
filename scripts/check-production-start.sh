#!/usr/bin/env bash
# The Docker image's start commands, run outside Docker: a production install (`npm ci --omit=dev`)
# of the built dist/ in a temporary folder laid out as the image's /app, NODE_ENV=production, and
# scripts/docker-entry.sh with each subcommand. Checks that `migrate` applies the migrations, `api`
# serves /health, `demo` loads the demo data and `worker`, alone, sends the mails the demo queued.
# Uses the node on PATH; own database and Redis prefix, removed at the end. Called by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

id="$(node -e 'console.log(require("node:crypto").randomBytes(4).toString("hex"))')"
database="beirat_test_production_${id}"
export NODE_ENV=production
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${database}"
export REDIS_URL="redis://127.0.0.1:6379"
export REDIS_PREFIX="beirat-test-production-${id}"
export PORT="$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
export HOST=127.0.0.1
export APP_URL="http://127.0.0.1:${PORT}"
export SESSION_SECRET="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("hex"))')"
export SMTP_URL=""
work="$(mktemp -d)"
app="$work/app"
child=""

cleanup() {
  if [ -n "$child" ]; then kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS \"${database}\" WITH (FORCE)" >/dev/null || true
  redis-cli -h 127.0.0.1 --scan --pattern "${REDIS_PREFIX}:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until the command in $2… succeeds, at most $1 seconds; fails when the child process died.
wait_until() {
  local seconds="$1"
  shift
  for _ in $(seq 1 $((seconds * 4))); do
    if "$@"; then return 0; fi
    if [ -n "$child" ] && ! kill -0 "$child" 2>/dev/null; then break; fi
    sleep 0.25
  done
  echo "timed out (or the process ended) waiting for: $*" >&2
  tail -n 30 "$work/child.log" >&2 || true
  return 1
}

stop_child() {
  kill "$child"
  wait "$child" || true
  child=""
}

echo "-- build (only when dist/ is older than the sources)"
node --input-type=module -e "import { buildState } from './scripts/build-freshness.mjs'; process.exit(buildState('.').current ? 0 : 1)" ||
  npm run build

echo "-- production install in $app (as the image's runtime stage)"
mkdir -p "$app/scripts"
cp package.json package-lock.json "$app/"
cp -R dist "$app/dist"
cp scripts/docker-entry.sh "$app/scripts/"
(cd "$app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
# No Nest CLI at run time (the old `start:worker` called it; typeorm still brings ts-node along).
if [ -e "$app/node_modules/@nestjs/cli" ]; then echo "the production install has the Nest CLI" >&2; exit 1; fi
cd "$app"

echo "-- migrate"
scripts/docker-entry.sh migrate | tee "$work/migrate.log"
grep -q '^Applied [0-9]* migrations' "$work/migrate.log"

echo "-- api: /health"
scripts/docker-entry.sh api >"$work/child.log" 2>&1 &
child=$!
wait_until 60 curl -fs -o /dev/null "http://127.0.0.1:${PORT}/health"
# Production logs JSON, one object a line.
head -n 1 "$work/child.log" | node -e 'JSON.parse(require("node:fs").readFileSync(0, "utf8"))'
stop_child
echo "/health answered 200"

echo "-- demo"
WORKERS=off scripts/docker-entry.sh demo | tee "$work/demo.log"
grep -q 'Demo-Daten angelegt' "$work/demo.log"
proposals="$(psql -h 127.0.0.1 -U postgres -d "$database" -tAc 'SELECT count(*) FROM proposals')"
[ "$proposals" -gt 0 ]
echo "$proposals proposals in the database"

echo "-- worker alone: sends the mails the demo queued"
scripts/docker-entry.sh worker >"$work/child.log" 2>&1 &
child=$!
has_mail() { compgen -G "$app/var/mail/*.eml" >/dev/null; }
wait_until 120 has_mail
stop_child
echo "$(ls "$app/var/mail" | wc -l) mails written by the worker"
echo "production start commands: ok"

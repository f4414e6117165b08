#!/bin/sh
# The image's entry point: one image, four jobs. Each runs the built code under dist/ with the
# production dependencies only (no Nest CLI, no ts-node). `docker compose run app demo` and the like.
set -eu
cd "$(dirname "$0")/.."
# The long-running processes start with `npm start`'s V8 flags (package.json): V8's old generation may
# otherwise grow to 4× its live size before a full GC, and Node 24's young generation is 4× Node 20's
# (docs/BENCHMARKS.md, Memory).
node_flags="--heap-growing-percent=50 --max-semi-space-size=16"
command="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$command" in
  api) exec node $node_flags dist/src/main.js "$@" ;;
  worker) exec node $node_flags dist/src/worker.js "$@" ;;
  migrate) exec node dist/scripts/migrate.js "$@" ;;
  demo) exec node dist/scripts/demo.js "$@" ;;
  *)
    echo "usage: docker-entry.sh api | worker | migrate | demo (got \"$command\")" >&2
    exit 2
    ;;
esac

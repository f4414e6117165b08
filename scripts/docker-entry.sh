#!/bin/sh
# The image's entry point: one image, four jobs. Each runs the built code under dist/ with the
# production dependencies only (no Nest CLI, no ts-node). `docker compose run app demo` and the like.
set -eu
cd "$(dirname "$0")/.."
command="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$command" in
  api) exec node dist/src/main.js "$@" ;;
  worker) exec node dist/src/worker.js "$@" ;;
  migrate) exec node dist/scripts/migrate.js "$@" ;;
  demo) exec node dist/scripts/demo.js "$@" ;;
  *)
    echo "usage: docker-entry.sh api | worker | migrate | demo (got \"$command\")" >&2
    exit 2
    ;;
esac

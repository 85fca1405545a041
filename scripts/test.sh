#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing (Node 22 and
# Yarn 4 from the npm registry, Debian's kubectl and Chromium), then type
# checks, lints, runs the unit and integration tests (SQLite and the local
# PostgreSQL), and the browser tests against the running portal.
#
#   ./scripts/test.sh            everything (what CI runs)
#   ./scripts/test.sh unit       type check, lint and jest only
#   ./scripts/test.sh e2e        browser tests only
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$REPO_ROOT"

what="${1:-all}"

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_debian_packages() {
  local missing=()
  command -v kubectl >/dev/null || missing+=(kubernetes-client)
  command -v chromium >/dev/null || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]} from Debian"
    as_root apt-get update -qq || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The local PostgreSQL (trust auth) is used by the database tests next to SQLite.
export AI_PLATFORM_TEST_POSTGRES="${AI_PLATFORM_TEST_POSTGRES:-postgresql://postgres@127.0.0.1:5432/postgres}"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-$AI_PLATFORM_TEST_POSTGRES}"
export AI_PLATFORM_TEST_REDIS="${AI_PLATFORM_TEST_REDIS:-redis://127.0.0.1:6379}"

unit() {
  step "type check"
  yarn tsc
  step "lint"
  yarn backstage-cli repo lint
  step "unit and integration tests"
  # One worker per core: the integration tests start backends and simulators.
  # CI=true: without it `repo test` enters watch mode in a git checkout.
  CI=true yarn backstage-cli repo test --ci --maxWorkers=2
}

e2e() {
  step "build the app"
  yarn workspace app build
  step "browser tests (Playwright driving Debian's Chromium)"
  yarn playwright test
}

ensure_debian_packages
case "$what" in
  unit) unit ;;
  e2e) e2e ;;
  all)
    unit
    e2e
    ;;
  *)
    echo "usage: $0 [all|unit|e2e]" >&2
    exit 2
    ;;
esac
step "all tests passed"

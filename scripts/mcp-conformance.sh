#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance)
# against the portal's MCP endpoint: the default server and the named
# `ai-platform` server. The suite sends no Authorization header in server
# mode, so it talks to a local proxy that adds the bearer token and passes
# Host and Origin through unchanged (scripts/mcp-conformance-proxy.mjs).
#
#   ./scripts/mcp-conformance.sh
#       starts kube-sim with the demo clusters and a backend (the demo config)
#       on spare ports, runs the suite, stops both
#   MCP_BACKEND=http://localhost:7007 ./scripts/mcp-conformance.sh
#       uses a running backend instead (e.g. ./scripts/start.sh)
#
# Env: MCP_TOKEN (default: the demo token), MCP_CONFORMANCE_VERSION (0.1.16),
# MCP_CONFORMANCE_OUT (results folder, default e2e-artifacts/mcp-conformance),
# MCP_CONFORMANCE_SCENARIOS (space-separated, default: the applicable ones).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -d "$REPO_ROOT/node_modules" ] && [ -d "$REPO_ROOT/.tools" ]; then
  # Already set up: only put Node 22 and Yarn 4 on the PATH.
  export PATH="$(ls -d "$REPO_ROOT"/.tools/node-v22.*/bin | head -1):$REPO_ROOT/.tools/bin:$PATH"
else
  source "$REPO_ROOT/scripts/bootstrap.sh"
fi
cd "$REPO_ROOT"

VERSION="${MCP_CONFORMANCE_VERSION:-0.1.16}"
export MCP_TOKEN="${MCP_TOKEN:-demo-mcp-token-0123456789}"
OUT="${MCP_CONFORMANCE_OUT:-$REPO_ROOT/e2e-artifacts/mcp-conformance}"
ENDPOINTS=(/api/mcp-actions/v1 /api/mcp-actions/v1/ai-platform)

# The scenarios that apply to a product server (see the table printed at the
# end); MCP_CONFORMANCE_SCENARIOS="a b" runs others instead, to look at them.
read -r -a APPLICABLE <<<"${MCP_CONFORMANCE_SCENARIOS:-server-initialize ping tools-list dns-rebinding-protection}"

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    # Each helper runs in its own process group (setsid); end that group only.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  [ -n "${tmp:-}" ] && rm -rf "$tmp"
}
trap cleanup EXIT

tmp="$(mktemp -d)"
mkdir -p "$OUT"

backend="${MCP_BACKEND:-}"
if [ -z "$backend" ]; then
  port="$(free_port)"
  backend="http://localhost:$port"
  # The demo clusters, served by kube-sim on three consecutive spare ports.
  sim="$(free_port)"
  sims=("$sim" "$((sim + 1))" "$((sim + 2))")
  setsid node packages/kube-sim/bin/kube-sim --no-tls --port "$sim" \
    -c h100-prod=packages/kube-sim/clusters/h100-prod \
    -c a100-research=packages/kube-sim/clusters/a100-research \
    -c mi300x-lab=packages/kube-sim/clusters/mi300x-lab \
    --token h100-prod=demo-sim-token-h100-prod \
    --token a100-research=demo-sim-token-a100-research \
    --token mi300x-lab=demo-sim-token-mi300x-lab \
    >"$OUT/kube-sim.log" 2>&1 &
  pids+=($!)
  cat >"$tmp/app-config.mcp-conformance.yaml" <<EOF
app:
  baseUrl: $backend
backend:
  baseUrl: $backend
  listen:
    port: $port
  cors:
    origin: $backend
aiPlatform:
  demo:
    kubeSim:
      enabled: false
kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: h100-prod
          url: http://127.0.0.1:${sims[0]}
          authProvider: serviceAccount
          serviceAccountToken: demo-sim-token-h100-prod
          skipMetricsLookup: true
        - name: a100-research
          url: http://127.0.0.1:${sims[1]}
          authProvider: serviceAccount
          serviceAccountToken: demo-sim-token-a100-research
          skipMetricsLookup: true
        - name: mi300x-lab
          url: http://127.0.0.1:${sims[2]}
          authProvider: serviceAccount
          serviceAccountToken: demo-sim-token-mi300x-lab
          skipMetricsLookup: true
EOF
  step "starting a backend on $backend (log: $OUT/backend.log)"
  # Run the backend's sources without the CLI's file watcher: an edit
  # anywhere in the tree must not restart it in the middle of a scenario.
  # shellcheck disable=SC2016
  setsid bash -c 'cd packages/backend && exec node -e "require(\"@backstage/cli/config/nodeTransform.cjs\"); require(\"./src/index.ts\")" -- "$@"' \
    backend --config ../../app-config.yaml --config "$tmp/app-config.mcp-conformance.yaml" \
    >"$OUT/backend.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -sf "$backend/api/ai-platform/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -sf "$backend/api/ai-platform/health" >/dev/null || {
    echo "backend did not start; see $OUT/backend.log" >&2
    exit 1
  }
  # Not needed by the scenarios, but a backend that cannot collect is not the one to test.
  for _ in $(seq 1 60); do
    fresh="$(curl -sf -H "Authorization: Bearer $MCP_TOKEN" "$backend/api/ai-platform/clusters" |
      grep -o '"state":"fresh"' | wc -l || true)"
    [ "$fresh" -ge 3 ] && break
    sleep 1
  done
  echo "backend up; $fresh of 3 demo clusters collected"
fi

proxy_port="$(free_port)"
setsid node scripts/mcp-conformance-proxy.mjs "$backend" "$proxy_port" >"$OUT/proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  (echo >"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null && break
  sleep 0.1
done

step "scenarios in @modelcontextprotocol/conformance@$VERSION"
npx --yes "@modelcontextprotocol/conformance@$VERSION" list 2>/dev/null | sed -n '/Server scenarios/,/^$/p'

declare -A result
failed=0
for endpoint in "${ENDPOINTS[@]}"; do
  for scenario in "${APPLICABLE[@]}"; do
    step "$scenario against $endpoint"
    dir="$OUT/${endpoint//\//_}/$scenario"
    mkdir -p "$dir"
    if npx --yes "@modelcontextprotocol/conformance@$VERSION" server \
      --url "http://localhost:$proxy_port$endpoint" --scenario "$scenario" -o "$dir" \
      2>&1 | grep -v '^npm warn' | tee "$dir/output.txt"; then
      status=PASS
    else
      status=FAIL
    fi
    # The suite's exit code is not enough on its own: any FAILURE check fails the scenario.
    if grep -Eq '✗|FAILURE|Failed: [1-9]' "$dir/output.txt"; then status=FAIL; fi
    [ "$status" = FAIL ] && failed=1
    result["$endpoint $scenario"]=$status
  done
done

step "results"
printf '%-34s %-26s %s\n' ENDPOINT SCENARIO RESULT
for endpoint in "${ENDPOINTS[@]}"; do
  for scenario in "${APPLICABLE[@]}"; do
    printf '%-34s %-26s %s\n' "$endpoint" "$scenario" "${result["$endpoint $scenario"]}"
  done
done
cat <<'EOF'

Not applicable to this product server:
  tools-call-*, json-schema-2020-12, elicitation-sep1034-defaults,
  elicitation-sep1330-enums, server-sse-polling
      call test tools of the suite's reference server (test_simple_text,
      test_error_handling, test_reconnection, json_schema_2020_12_tool, ...)
      that a product server does not have
  logging-set-level, completion-complete
      the server declares neither logging nor completions
  resources-*, prompts-*
      mcp-actions serves tools only (no resources or prompts)
  server-sse-multiple-streams
      needs a session id; the endpoint is stateless Streamable HTTP (no
      sessions, so several replicas need no sticky sessions)
EOF
exit "$failed"

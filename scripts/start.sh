#!/usr/bin/env bash
# Starts the portal with the embedded demo: SQLite, guest sign-in, the
# simulated clusters and the example catalog. First run installs everything
# (Node 22 and Yarn 4 into .tools/, then the dependencies).
#
#   ./scripts/start.sh         app on http://localhost:3000, backend on :7007
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$REPO_ROOT"
exec yarn start "$@"

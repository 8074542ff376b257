#!/usr/bin/env bash
# One-command set-up on a machine with Node 20 and npm: installs pnpm if missing, the workspace, and builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm@$want (corepack is not used: it fails on signatures on some machines)"
  npm install --global --no-audit --no-fund "pnpm@$want"
fi
pnpm install --frozen-lockfile
pnpm build

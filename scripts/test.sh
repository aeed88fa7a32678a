#!/usr/bin/env bash
# The one command that runs every test, on a fresh Debian machine too:
# installs the npm packages (and, for the end-to-end tests, the Debian
# packages and code-server), then lint, types, unit tests, the bundle and
# the CLI on the examples.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "install npm packages"
npm ci --no-audit --no-fund --loglevel=error

step "lint and format check (Biome)"
npm run --silent lint

step "type check"
npm run --silent typecheck

step "build"
npm run --silent build

step "CLI on the examples"
for example in examples/*.mat; do
  node dist/cli.js run "$example" --json > /dev/null
done
node dist/cli.js run examples/seed.mat | head -n 12

step "unit tests"
npm run --silent unit

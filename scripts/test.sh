#!/usr/bin/env bash
# The one command that runs every test, on a fresh Debian machine too:
# installs the npm packages (and, for the end-to-end tests, the Debian
# packages and code-server), then lint, types, the bundle, the CLI on the
# examples, the .vsix (vsce warnings are failures), unit tests, benchmarks,
# grammar and end-to-end tests.
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
node dist/cli.js run examples/seed.mat > dist/seed-run.txt
head -n 12 dist/seed-run.txt

step "package (vsce; a warning fails the build)"
npm run --silent package

step "unit tests (test/unit/vsix.test.ts checks the .vsix just packaged)"
npm run --silent unit

step "benchmarks, quick mode (numbers reported, not asserted)"
npm run --silent bench -- --quick --out=dist/bench

step "grammar tests (vscode-tmgrammar-test)"
bash scripts/grammar-test.sh

step "end-to-end tests in a real VS Code (code-server + Chromium)"
bash scripts/e2e/run.sh

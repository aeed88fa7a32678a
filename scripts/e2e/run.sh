#!/usr/bin/env bash
# End-to-end tests in a real VS Code: installs code-server and Chromium if
# needed, packages the extension into a .vsix and runs test/e2e/*.e2e.ts
# against it (installed the way a user installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/e2e/setup.sh
npm run --silent build
npm run --silent package
node --import tsx --test --test-concurrency=1 --test-timeout=900000 test/e2e/*.e2e.ts

#!/usr/bin/env bash
# End-to-end tests in a real VS Code: installs code-server and Chromium if
# needed, packages the extension into a .vsix and runs test/e2e/*.e2e.ts
# against it (installed the way a user installs it). `npm run package` fails
# on any vsce warning. start.e2e.ts runs `npm start` itself; readme-pictures
# writes the README's pictures to screenshots/readme/ (npm run pictures
# refreshes the committed ones in media/screenshots/).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/e2e/setup.sh
npm run --silent build
npm run --silent package
node --import tsx --test --test-concurrency=1 --test-timeout=900000 test/e2e/*.e2e.ts

#!/usr/bin/env bash
# `npm run pictures`: regenerates the README's pictures in media/screenshots/
# (inline results, hover, live-results animation, playground) by running
# test/e2e/readme-pictures.e2e.ts in a real VS Code against the packaged .vsix.
# The normal e2e run takes the same pictures into screenshots/readme/ only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/e2e/setup.sh
npm run --silent build
npm run --silent package
PICTURES_DIR="$PWD/media/screenshots" \
  node --import tsx --test --test-timeout=900000 test/e2e/readme-pictures.e2e.ts
ls -l media/screenshots

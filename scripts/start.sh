#!/usr/bin/env bash
# `npm start`: builds and packages the extension, installs the .vsix into a
# local VS Code (code-server, set up like the end-to-end tests), opens the
# examples and prints the address to open in a browser. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PORT="${PORT:-8080}"
STATE="$ROOT/.cache/start"
ENTRY="$ROOT/.cache/code-server/node_modules/code-server/out/node/entry.js"

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
bash scripts/e2e/setup.sh
npm run --silent build
npm run --silent package

mkdir -p "$STATE/user/User" "$STATE/extensions"
cat > "$STATE/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off"
}
JSON
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$STATE/config.yaml"
common=(--config "$STATE/config.yaml" --user-data-dir "$STATE/user" --extensions-dir "$STATE/extensions")
node "$ENTRY" "${common[@]}" --install-extension "$ROOT/dist/matrix-playground.vsix" --force > /dev/null

echo
echo "Matrix Playground is running: open http://127.0.0.1:$PORT/?folder=$ROOT/examples"
echo "(seed.mat shows every result inline; F1 → 'Matrix: Open Neural Network Playground'). Ctrl+C stops it."
echo
exec node "$ENTRY" "${common[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override "$ROOT/examples"

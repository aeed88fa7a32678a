#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages; code-server and the
# Debian packages it needs, as for the end-to-end tests), builds and packages
# the extension, installs the .vsix into a local VS Code (code-server), opens
# the examples with seed.mat and prints the address to open in a browser.
# Ctrl+C stops it, code-server and its extension host included.
#
# Environment:
#   PORT                      port on 127.0.0.1 (default 8080)
#   MATRIX_PLAYGROUND_STATE   where code-server keeps its settings and extensions
#                             between runs (default .cache/start)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PORT="${PORT:-8080}"
STATE="${MATRIX_PLAYGROUND_STATE:-$ROOT/.cache/start}"
ENTRY="$ROOT/.cache/code-server/node_modules/code-server/out/node/entry.js"
EXAMPLES="$ROOT/examples"

say() { printf '[start] %s\n' "$*"; }
fail() {
  printf '[start] %s\n' "$*" >&2
  exit 1
}

case "$PORT" in
  '' | *[!0-9]*) fail "PORT must be a number, not '$PORT'" ;;
esac
# A port already taken would only show up as a code-server stack trace later.
node -e '
  const server = require("node:net").createServer();
  server.once("error", () => process.exit(1));
  server.listen(Number(process.argv[1]), "127.0.0.1", () => server.close(() => process.exit(0)));
' "$PORT" || fail "port $PORT on 127.0.0.1 is in use: stop what uses it or pick another, e.g. PORT=9000 npm start"

# npm packages: on a fresh clone, or when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "checking code-server and its Debian packages (the first run installs them: a few minutes)"
bash scripts/e2e/setup.sh
say "building and packaging the extension"
npm run --silent build
npm run --silent package

mkdir -p "$STATE/user/User" "$STATE/extensions"
# The user's own settings survive between runs; only a missing file gets the quiet defaults.
if [ ! -f "$STATE/user/User/settings.json" ]; then
  cat >"$STATE/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "git.openRepositoryInParentFolders": "never"
}
JSON
fi
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" >"$STATE/config.yaml"
common=(--config "$STATE/config.yaml" --user-data-dir "$STATE/user" --extensions-dir "$STATE/extensions")
say "installing dist/matrix-playground.vsix into code-server"
node "$ENTRY" "${common[@]}" --install-extension "$ROOT/dist/matrix-playground.vsix" --force >/dev/null

# code-server runs in a process group of its own (setsid), so that stopping it
# stops its extension host and file watcher too, whatever signal reached us.
setsid node "$ENTRY" "${common[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened "$EXAMPLES" >"$STATE/code-server.log" 2>&1 &
server=$!

stop() {
  trap - INT TERM
  echo
  say "stopping code-server"
  kill -TERM -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  # The group's other processes (extension host, watcher) get a few seconds, then a KILL.
  for _ in $(seq 50); do
    kill -0 -- "-$server" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$server" 2>/dev/null || true
  say "stopped"
  exit 0
}
trap stop INT TERM

# The address is printed once it answers, not before.
if ! node -e '
  const url = process.argv[1];
  const deadline = Date.now() + 120_000;
  const poll = () =>
    fetch(url).then(
      (r) => (r.ok ? process.exit(0) : retry()),
      () => retry(),
    );
  const retry = () => (Date.now() > deadline ? process.exit(1) : setTimeout(poll, 200));
  poll();
' "http://127.0.0.1:$PORT/healthz"; then
  cat "$STATE/code-server.log" >&2
  kill -TERM -- "-$server" 2>/dev/null || true
  fail "code-server did not answer on port $PORT within 2 minutes (its output is above)"
fi

# ?payload=openFile opens seed.mat in the examples folder, so the first screen already shows results.
address="$(node -e '
  const [port, folder] = process.argv.slice(1);
  const seed = `vscode-remote://127.0.0.1:${port}${folder}/seed.mat`;
  const payload = JSON.stringify([["openFile", seed]]);
  console.log(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
' "$PORT" "$EXAMPLES")"
echo
echo "Matrix Playground is running. Open this address in a browser:"
echo
echo "  $address"
echo
echo "seed.mat opens with every result inline; F1 → 'Matrix: Open Neural Network Playground'"
echo "(or Ctrl+Alt+P in a .mat file) opens the playground. Ctrl+C stops it."
echo

status=0
wait "$server" || status=$?
trap - INT TERM
# Here only if code-server stopped by itself.
fail "code-server exited (status $status); its output is in $STATE/code-server.log"

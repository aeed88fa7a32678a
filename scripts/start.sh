#!/usr/bin/env bash
# `npm start`: checks its prerequisites, installs what is missing (npm packages;
# code-server and the Debian packages it needs, as for the end-to-end tests),
# builds and packages the extension, installs the .vsix into a local VS Code
# (code-server), opens a scratch copy of the examples with seed.mat and prints
# the address to open in a browser. Ctrl+C stops it, code-server and its
# extension host included.
#
# The workspace is a copy of examples/ in $STATE/workspace, never examples/
# itself: code-server saves what the user types, Save Chart writes beside the
# files, and whatever lands in examples/ would show in `git status` and in the
# next .vsix. The copy is made on the first run and kept afterwards (the user's
# edits survive); `npm start -- --fresh` copies examples/ again.
#
# Usage: npm start [-- --fresh]        (or: bash scripts/start.sh [--fresh])
#
# Environment:
#   PORT                      port on 127.0.0.1 (default 8080)
#   MATRIX_PLAYGROUND_STATE   where code-server keeps its settings and extensions,
#                             the workspace and start.log live (default .cache/start,
#                             which git ignores)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

usage() { printf 'usage: npm start [-- --fresh]    (or: bash scripts/start.sh [--fresh])\n'; }
FRESH=
for arg in "$@"; do
  case "$arg" in
    --fresh) FRESH=1 ;;
    -h | --help)
      usage
      printf '  --fresh   copy examples/ into the workspace again, dropping the edits made there\n'
      exit 0
      ;;
    *)
      printf '[start] unknown argument: %s\n' "$arg" >&2
      usage >&2
      exit 2
      ;;
  esac
done

PORT="${PORT:-8080}"
STATE="${MATRIX_PLAYGROUND_STATE:-$ROOT/.cache/start}"
WORKSPACE="$STATE/workspace"
LOG="$STATE/start.log"
ENTRY="$ROOT/.cache/code-server/node_modules/code-server/out/node/entry.js"
# scripts/e2e/setup.sh installs code-server and the Debian packages; its own
# settings are read here so that the checks below stay in step with it.
SETUP=scripts/e2e/setup.sh
CODE_SERVER_VERSION="$(sed -n 's/^CODE_SERVER_VERSION=//p' "$SETUP")"
read -r -a APT_PKGS <<<"$(sed -n 's/^APT_PKGS=(\(.*\))$/\1/p' "$SETUP")"
# code-server 4.100.3's package.json has "engines": {"node": "20"}, and setup.sh
# refuses any other major version: newer code-servers want Node 22 or 24.
NODE_MAJOR=20
[ -n "$CODE_SERVER_VERSION" ] && ((${#APT_PKGS[@]})) ||
  { printf '[start] cannot read CODE_SERVER_VERSION and APT_PKGS from %s\n' "$SETUP" >&2; exit 1; }

say() { printf '[start] %s\n' "$*"; }
fail() {
  printf '[start] %s\n' "$*" >&2
  exit 1
}
# A path as the user reads it: relative to the repository when inside it.
shown() { case "$1" in "$ROOT"/*) printf '%s' "${1#"$ROOT"/}" ;; *) printf '%s' "$1" ;; esac; }

# ---------------------------------------------------------------- prerequisites, one line each

command -v node >/dev/null || fail "Node.js: not found; npm start needs Node $NODE_MAJOR (code-server $CODE_SERVER_VERSION runs on Node $NODE_MAJOR only)"
node_version="$(node -v)"
node_major="${node_version#v}"
node_major="${node_major%%.*}"
[ "$node_major" = "$NODE_MAJOR" ] ||
  fail "Node $node_version: npm start needs Node $NODE_MAJOR (code-server $CODE_SERVER_VERSION runs on Node $NODE_MAJOR only), e.g. 'nvm install $NODE_MAJOR'"
say "Node $node_version: ok (code-server $CODE_SERVER_VERSION needs Node $NODE_MAJOR)"

missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  say "Debian packages ${APT_PKGS[*]}: installed"
elif ! command -v apt-get >/dev/null; then
  fail "Debian packages ${missing[*]}: missing, and there is no apt-get here to install them (npm start expects Debian or Ubuntu)"
elif [ "$(id -u)" = 0 ]; then
  say "Debian packages ${missing[*]}: missing; apt-get will install them (running as root)"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  say "Debian packages ${missing[*]}: missing; apt-get will install them through sudo"
elif command -v sudo >/dev/null && [ -t 0 ]; then
  say "Debian packages ${missing[*]}: missing; apt-get will install them through sudo, which asks for your password now"
  sudo -v || fail "sudo refused: install them yourself with 'sudo apt-get install ${missing[*]}', then run npm start again"
else
  fail "Debian packages ${missing[*]}: missing, and apt-get needs root: run as root, or first 'sudo apt-get install ${missing[*]}'"
fi

case "$PORT" in
  '' | *[!0-9]*) fail "PORT must be a number, not '$PORT'" ;;
esac
# A port already taken would only show up as a code-server stack trace later.
node -e '
  const server = require("node:net").createServer();
  server.once("error", () => process.exit(1));
  server.listen(Number(process.argv[1]), "127.0.0.1", () => server.close(() => process.exit(0)));
' "$PORT" || fail "port $PORT on 127.0.0.1: in use; stop what uses it or pick another, e.g. PORT=9000 npm start"
say "port $PORT on 127.0.0.1: free"

# ---------------------------------------------------------------- steps, one line each

mkdir -p "$STATE"
: >"$LOG"
say "tool output goes to $(shown "$LOG")"

STEPS=7
step_no=0
step_title=
step_started=
now_us() { printf '%s' "${EPOCHREALTIME/[.,]/}"; }
elapsed() {
  local us=$(($(now_us) - step_started))
  printf '%d.%d s' $((us / 1000000)) $((us / 100000 % 10))
}
step_begin() {
  step_no=$((step_no + 1))
  step_title="$1"
  step_started="$(now_us)"
  printf '[start] %d/%d %s … ' "$step_no" "$STEPS" "$step_title"
  printf '\n===== %d/%d %s\n' "$step_no" "$STEPS" "$step_title" >>"$LOG"
}
# "done in 52.1 s", or what happened instead: "up to date (0.0 s)".
step_done() {
  if (($#)); then printf '%s (%s)\n' "$1" "$(elapsed)"; else printf 'done in %s\n' "$(elapsed)"; fi
}
step_failed() {
  printf 'FAILED after %s (exit status %s)\n' "$(elapsed)" "$1"
  {
    printf '[start] the last lines of %s:\n' "$(shown "$LOG")"
    tail -n 25 "$LOG" | sed 's/^/  | /'
    printf '[start] step %d/%d "%s" failed; its whole output is in %s\n' "$step_no" "$STEPS" "$step_title" "$LOG"
  } >&2
  exit 1
}
# Runs a command of the current step with its output in the log.
logged() { "$@" >>"$LOG" 2>&1 </dev/null || step_failed "$?"; }

# Ctrl+C before code-server runs: the step's command gets the SIGINT too (same process group).
interrupted() {
  printf '\n'
  say "interrupted during step $step_no/$STEPS ($step_title); its output so far is in $(shown "$LOG")"
  exit 130
}
trap interrupted INT TERM

step_begin "workspace $(shown "$WORKSPACE")"
if [ -d "$WORKSPACE" ] && [ -z "$FRESH" ]; then
  step_done "kept as you left it"
else
  # Copied beside it and renamed, so that an interrupted copy is never taken for a workspace.
  rm -rf "$WORKSPACE.new"
  logged cp -R "$ROOT/examples" "$WORKSPACE.new"
  logged rm -rf "$WORKSPACE"
  logged mv "$WORKSPACE.new" "$WORKSPACE"
  if [ -n "$FRESH" ]; then step_done "copied examples/ again"; else step_done "copied examples/"; fi
fi

# npm packages: on a fresh clone, or when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step_begin "npm packages (npm ci)"
  logged npm ci --no-audit --no-fund --loglevel=error
  step_done
else
  step_begin "npm packages"
  step_done "up to date"
fi

if [ -f .cache/code-server/.installed ]; then
  step_begin "code-server $CODE_SERVER_VERSION and Debian packages"
else
  step_begin "code-server $CODE_SERVER_VERSION and Debian packages (first run: a few minutes)"
fi
logged bash "$SETUP"
step_done

step_begin "build (npm run build)"
logged npm run --silent build
step_done

step_begin "package dist/matrix-playground.vsix (npm run package)"
logged npm run --silent package
step_done

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
step_begin "install the .vsix into code-server"
logged node "$ENTRY" "${common[@]}" --install-extension "$ROOT/dist/matrix-playground.vsix" --force
step_done

step_begin "start code-server"
# code-server runs in a process group of its own (setsid), so that stopping it
# stops its extension host and file watcher too, whatever signal reached us.
setsid node "$ENTRY" "${common[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened "$WORKSPACE" >"$STATE/code-server.log" 2>&1 &
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
  printf 'FAILED after %s\n' "$(elapsed)"
  tail -n 25 "$STATE/code-server.log" | sed 's/^/  | /' >&2
  kill -TERM -- "-$server" 2>/dev/null || true
  fail "code-server did not answer on port $PORT within 2 minutes; its output is in $STATE/code-server.log"
fi
step_done

# ?payload=openFile opens seed.mat in the workspace, so the first screen already shows results.
address="$(node -e '
  const [port, folder] = process.argv.slice(1);
  const seed = `vscode-remote://127.0.0.1:${port}${folder}/seed.mat`;
  const payload = JSON.stringify([["openFile", seed]]);
  console.log(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
' "$PORT" "$WORKSPACE")"
echo
echo "Matrix Playground is running. Open this address in a browser:"
echo
echo "  $address"
echo
echo "seed.mat opens with every result inline; F1 → 'Matrix: Open Neural Network Playground'"
echo "(or Ctrl+Alt+P in a .mat file) opens the playground. Ctrl+C stops it."
echo "The files are a copy of examples/ in $(shown "$WORKSPACE"), kept between runs;"
echo "npm start -- --fresh copies examples/ again. code-server's output: $(shown "$STATE/code-server.log")."
echo

status=0
wait "$server" || status=$?
trap - INT TERM
# Here only if code-server stopped by itself.
fail "code-server exited (status $status); its output is in $STATE/code-server.log"

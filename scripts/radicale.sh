#!/usr/bin/env bash
# Starts or stops a throw-away Radicale 3 CalDAV server on 127.0.0.1 for the CalDAV tests.
#
#   scripts/radicale.sh start   # venv in .build-radicale-venv/, server on a free port, prints the URL
#   scripts/radicale.sh stop    # kills the server by the PID it wrote, removes its storage
#   scripts/radicale.sh url     # prints the URL of the running server
#
# start writes:
#   .build-radicale/url      http://127.0.0.1:<port>/ (tests read it through TMINUS_RADICALE_URL)
#   .build-radicale/pid      the server's PID (stop kills exactly this process)
#   .build-radicale/log      the server's output
# The server uses htpasswd "plain" auth with the single user test/test (the principal is /test/)
# and keeps its collections under a fresh temporary folder that stop deletes.
set -euo pipefail
cd "$(dirname "$0")/.."

root="$PWD"
venv="$root/.build-radicale-venv"
state="$root/.build-radicale"

log() { echo "radicale: $*" >&2; }

install() {
    if [ -x "$venv/bin/radicale" ]; then return; fi
    log "creating $venv and installing radicale 3 from PyPI"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'radicale==3.*'
}

free_port() {
    "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

is_running() {
    [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null
}

start() {
    if is_running; then
        log "already running at $(cat "$state/url") (pid $(cat "$state/pid"))"
        cat "$state/url"
        return
    fi
    install
    mkdir -p "$state"
    local storage port url
    storage="$(mktemp -d "${TMPDIR:-/tmp}/tminus-radicale.XXXXXX")"
    echo "$storage" >"$state/storage"
    printf 'test:test\n' >"$state/users"
    port="$(free_port)"
    cat >"$state/config" <<EOF
[server]
hosts = 127.0.0.1:$port

[auth]
type = htpasswd
htpasswd_filename = $state/users
htpasswd_encryption = plain

[rights]
type = owner_only

[storage]
filesystem_folder = $storage/collections

[logging]
level = warning
mask_passwords = True
EOF
    url="http://127.0.0.1:$port/"
    "$venv/bin/python" -m radicale --config "$state/config" >"$state/log" 2>&1 &
    echo $! >"$state/pid"
    echo "$url" >"$state/url"
    # Wait until it answers (any HTTP status counts; 401 is the normal unauthenticated answer).
    for _ in $(seq 1 100); do
        if "$venv/bin/python" - "$url" <<'EOF' 2>/dev/null; then
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass
EOF
            log "listening at $url (pid $(cat "$state/pid"))"
            echo "$url"
            return
        fi
        if ! is_running; then break; fi
        sleep 0.1
    done
    log "did not start; its log follows"
    cat "$state/log" >&2 || true
    stop
    exit 1
}

stop() {
    if [ -f "$state/pid" ]; then
        local pid
        pid="$(cat "$state/pid")"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
            log "stopped pid $pid"
        fi
        rm -f "$state/pid"
    fi
    if [ -f "$state/storage" ]; then
        rm -rf "$(cat "$state/storage")"
        rm -f "$state/storage"
    fi
    rm -f "$state/url"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) cat "$state/url" ;;
    *) echo "usage: scripts/radicale.sh start|stop|url" >&2; exit 64 ;;
esac

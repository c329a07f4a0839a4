#!/usr/bin/env bash
# Candor in the background, end to end: under Xvfb and a private session bus with a stand-in
# notification service (fake_notifications.py). Alex runs `candor --background` (no window, no GL
# libraries loaded); Sam, a `candor serve`, says he is running late; a Notify call arrives with
# its text, and its "Thanks for letting me know" button posts Alex's thanks. A second `candor`
# shows the running window and exits 0; `candor quit` stops it; after a restart every entry is
# still there.
# Usage: background_test.sh path/to/candor      (run by ctest as e2e.background)
set -euo pipefail
candor=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
# Debian's python3 (with python3-dbus), not whichever python3 comes first on PATH.
py=/usr/bin/python3
[[ -x $py ]] || py=python3
if [[ -z ${CANDOR_BG_INNER:-} ]]; then
    for tool in xvfb-run dbus-run-session "$py"; do
        command -v "$tool" >/dev/null || { echo "SKIPPED: $tool is not installed (tools/dev.sh installs it)"; exit 0; }
    done
    "$py" -c 'import dbus, gi' 2>/dev/null || { echo "SKIPPED: python3-dbus is not installed"; exit 0; }
    export CANDOR_BG_INNER=1
    exec xvfb-run -a -s "-screen 0 1024x768x24" dbus-run-session -- "$0" "$@"
fi

script_name=background_test
source "$here/two_nodes.sh"
fail() { echo "background_test: $*" >&2; for f in "$work"/*.log; do echo "== $f" >&2; tail -20 "$f" >&2; done; exit 1; }
eventually() {  # eventually SECONDS COMMAND...: until COMMAND succeeds
    local until=$((SECONDS + $1)); shift
    while ! "$@" >/dev/null 2>&1; do (( SECONDS < until )) || return 1; sleep 0.1; done
}
gl_loaded() { grep -qE 'libGLX|libEGL|swrast|llvmpipe' "/proc/$1/maps"; }
window_is() { a status | grep -q "\"window\":\"$1\""; }

pair_now
# Alex's Node keeps its port when it comes back as the app: save it in the settings (the app
# reads the saved port), over the control socket as the app itself does.
"$py" - "$alex/control.sock" "$port_a" <<'PY'
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
body = json.dumps({"cmd": "settings", "args": {"port": int(sys.argv[2])}}).encode()
s.sendall(struct.pack("<I", len(body)) + body)
n = struct.unpack("<I", s.recv(4))[0]
assert b'"ok":true' in s.recv(n), "settings were not saved"
PY
stop_all
notify_log=$work/notify.log
"$py" "$here/fake_notifications.py" "$notify_log" --invoke thanks >"$work/notify-service.log" 2>&1 &
pids+=($!)
eventually 10 test -f "$notify_log.ready" || fail "the stand-in notification service did not start"

start "$sam" Sam "$port_s"

"$candor" --background --data-dir "$alex" >"$work/alex-app.log" 2>&1 &
app=$!
pids+=($app)
eventually 10 a status || fail "candor --background did not start"
window_is hidden || fail "a background Candor should report window hidden: $(a status)"
gl_loaded $app && fail "a background Candor must not load GL before a window is shown"
alex_online() { a status | grep -q '"online":true'; }
sam_has_thanks() { s feed --kind ack | grep -q 'Thanks for letting me know'; }
app_gone() { ! kill -0 "$app" 2>/dev/null; }
eventually 20 alex_online ||
    fail "Alex's background Candor did not reach Sam"

s late 15 --reason traffic >/dev/null
eventually 20 grep -q 'Sam is running 15 min late' "$notify_log" || fail "no notification for Sam's late notice"
grep 'Sam is running 15 min late' "$notify_log" | grep -q traffic || fail "the notification lacks the reason: $(cat "$notify_log")"
grep 'Sam is running 15 min late' "$notify_log" | grep -q '"thanks", "Thanks for letting me know"' ||
    fail "the late notice offers no thanks: $(cat "$notify_log")"
# The service pressed "Thanks for letting me know": Alex's thanks reaches Sam.
eventually 20 sam_has_thanks ||
    fail "the thanks from the notification did not reach Sam"

# A second candor shows the running Node's window and exits at once.
started=$(date +%s%N)
"$candor" --data-dir "$alex" >"$work/second.log" 2>&1 || fail "the second candor failed: $(cat "$work/second.log")"
echo "second candor returned after $(( ($(date +%s%N) - started) / 1000000 )) ms"
eventually 10 window_is shown || fail "the window did not show: $(a status)"
eventually 10 gl_loaded $app || fail "the shown window has no GL"
"$candor" show --data-dir "$alex" --json | grep -q '"window":"shown"' || fail "candor show did not answer"

# Quit stops it cleanly; the directory is free again at once.
"$candor" quit --data-dir "$alex" || fail "candor quit failed"
eventually 10 app_gone || fail "Candor still runs after quit"
wait "$app" || fail "Candor exited with $? after quit"
a status >/dev/null 2>&1 && fail "a Node still answers after quit"

# Nothing lost: after a restart every entry is there.
before=$(entries "$sam")
start "$alex" Alex "$port_a"
wait_synced
(( $(entries "$alex") == before )) || fail "Alex has $(entries "$alex") entries after the restart, Sam $before"
a feed --kind late | grep -q traffic || fail "Sam's late notice is gone after the restart"
a feed --kind ack | grep -q 'Thanks for letting me know' || fail "Alex's thanks is gone after the restart"
echo "background_test: ok"

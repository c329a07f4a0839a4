# Sourced by the screenshot scripts: two `candor serve` Nodes (Alex and Sam) in a temporary
# folder, on loopback, optionally at a faked time, driven through the CLI.
# Needs: $candor, and $script_name for messages. Provides: $work $alex $sam $port_a $port_s,
# run, start, stop_all, phase, a, s, entries, wait_synced, json_field, pair_now, control; cleans up on exit.
work=$(mktemp -d)
alex=$work/alex sam=$work/sam
port_a=$((20000 + RANDOM % 20000))
port_s=$((port_a + 1))
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# libfaketime is preloaded directly (not through the faketime wrapper, which forks) so that the
# pid a serve leaves in $! is the Node itself and SIGTERM reaches it.
faketime_lib=""
for lib in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
    [[ -f $lib ]] && faketime_lib=$lib && break
done
offset=""  # faketime offset for the current phase ("-26h"), empty for now
run() {    # run ARGS...: candor at the phase's time, as this process (exec)
    if [[ -n $offset ]]; then
        LD_PRELOAD=$faketime_lib FAKETIME=$offset FAKETIME_DONT_FAKE_MONOTONIC=1 exec "$candor" "$@"
    fi
    exec "$candor" "$@"
}
json_field() {  # json_field NAME: the first "NAME":"value" of stdin
    grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4
}
start() {  # start DIR NAME PORT
    (run serve --data-dir "$1" --name "$2" --port "$3" --bind 127.0.0.1 --no-discovery) >>"$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        (run status --data-dir "$1") >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    echo "$script_name: $2's node did not start:" >&2
    cat "$1.log" >&2
    return 1
}
stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
a() { (run "$@" --data-dir "$alex" --json); }
s() { (run "$@" --data-dir "$sam" --json); }
entries() { (run status --data-dir "$1" --json) | grep -o '"entries":[0-9]*' | cut -d: -f2; }
wait_synced() {  # until both hold the same number of entries and say the other is online
    for _ in $(seq 200); do
        local ea es
        ea=$(entries "$alex") es=$(entries "$sam")
        if [[ $ea == "$es" ]] && (run status --data-dir "$alex" --json) | grep -q '"online":true'; then return 0; fi
        sleep 0.05
    done
    echo "$script_name: the two nodes did not sync" >&2
    return 1
}
phase() {  # phase OFFSET: both nodes up at that time, connected
    stop_all
    offset=$1
    start "$alex" Alex "$port_a"
    start "$sam" Sam "$port_s"
    wait_synced
}
pair_now() {  # both nodes up and paired, now (an invite's expiry follows the real clock)
    start "$alex" Alex "$port_a"
    start "$sam" Sam "$port_s"
    local code
    code=$(a pair invite | json_field code)
    s pair join "$code" --peer "127.0.0.1:$port_a" --timeout 20 >/dev/null
    wait_synced
}

# Sends a control request the CLI has no command for (asking for a commitment).
control() {  # control DIR JSON
    python3 - "$1/control.sock" "$2" <<'EOF'
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
payload = sys.argv[2].encode()
s.sendall(struct.pack("<I", len(payload)) + payload)
n = struct.unpack("<I", s.recv(4, socket.MSG_WAITALL))[0]
reply = json.loads(s.recv(n, socket.MSG_WAITALL))
if not reply.get("ok"):
    sys.exit("control: " + reply.get("error", "request failed"))
EOF
}


# Sourced by the network-namespace tests: skip/fail, the root and `ip netns` checks, polling.
# Needs: $work (a scratch folder whose *.log files fail() prints). Provides: skip, fail,
# need_netns, until_ok, json_field, end_nodes (with $pids).
skip() { echo "SKIPPED: $*"; exit 0; }
fail() {
    echo "FAILED: $*" >&2
    for log in "${work:-/nonexistent}"/*.log; do
        [ -f "$log" ] && { echo "--- $log" >&2; tail -n 60 "$log" >&2; }
    done
    exit 1
}
need_netns() {
    [ "$(id -u)" = 0 ] || skip "creating network namespaces needs root (running as uid $(id -u))"
    command -v ip >/dev/null 2>&1 || skip "'ip' (iproute2) is not installed"
    ip netns list >/dev/null 2>&1 || skip "'ip netns' is not available"
}
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
# Polls a command until it succeeds, for at most $1 seconds.
until_ok() {
    local limit=$1; shift
    local deadline=$((SECONDS + limit))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep 0.2
    done
}
# Ends the test's processes by pid ($pids), then fails if a candor process started from $work
# outlived them (a test must never leave a Node running behind it).
end_nodes() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    pids=()
    if pgrep -f -- "$work/" >/dev/null 2>&1; then
        pkill -KILL -f -- "$work/"
        echo "FAILED: a candor process outlived the test" >&2
        return 1
    fi
}

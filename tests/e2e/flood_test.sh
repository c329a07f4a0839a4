#!/usr/bin/env bash
# The LAN cannot lock the partner out: Alex's computer (namespace A) is paired with Sam's (B);
# a third machine (F) floods Alex with well-formed ENet CONNECTs that never speak, 20 a second
# for 40 s. Sam's computer, restarted in the middle of the flood, must get online with Alex and
# sync while it goes on. A and B share one veth pair, A and F another.
# Needs root and `ip netns`; otherwise prints "SKIPPED: <reason>" and exits 0.
#   usage: flood_test.sh CANDOR_BINARY ENET_FLOOD_BINARY
set -uo pipefail

candor=${1:?usage: flood_test.sh CANDOR_BINARY ENET_FLOOD_BINARY}
flood=${2:?usage: flood_test.sh CANDOR_BINARY ENET_FLOOD_BINARY}
source "$(dirname "$0")/netns_lib.sh"
need_netns
[ -x "$candor" ] || fail "no candor binary at $candor"
[ -x "$flood" ] || fail "no enet_flood binary at $flood"

tag=$(printf '%x%x' $$ $((RANDOM % 4096)))
ns_a=candor-fa-$tag
ns_b=candor-fb-$tag
ns_f=candor-ff-$tag
work=$(mktemp -d /tmp/candor-flood-XXXXXX)
pids=()
sam_pid=

cleanup() {
    local rc=$?
    [ -n "$sam_pid" ] && pids+=("$sam_pid")
    end_nodes || rc=1
    ip netns del "$ns_a" 2>/dev/null
    ip netns del "$ns_b" 2>/dev/null
    ip netns del "$ns_f" 2>/dev/null
    rm -rf "$work"
    exit $rc
}
trap cleanup EXIT INT TERM

ip netns add "$ns_a" 2>/dev/null || skip "cannot create a network namespace here (ip netns add failed)"
ip netns add "$ns_b" || fail "ip netns add $ns_b"
ip netns add "$ns_f" || fail "ip netns add $ns_f"
ip link add "fab$tag" type veth peer name "fba$tag" || skip "cannot create a veth pair here"
ip link add "faf$tag" type veth peer name "ffa$tag" || fail "second veth pair"
ip link set "fab$tag" netns "$ns_a" && ip link set "faf$tag" netns "$ns_a" || fail "moving A's ends"
ip link set "fba$tag" netns "$ns_b" || fail "moving B's end"
ip link set "ffa$tag" netns "$ns_f" || fail "moving F's end"
ip -n "$ns_a" addr add 10.98.1.1/24 dev "fab$tag" || fail "address A (to B)"
ip -n "$ns_a" addr add 10.98.2.1/24 dev "faf$tag" || fail "address A (to F)"
ip -n "$ns_b" addr add 10.98.1.2/24 dev "fba$tag" || fail "address B"
ip -n "$ns_f" addr add 10.98.2.2/24 dev "ffa$tag" || fail "address F"
for ns in "$ns_a" "$ns_b" "$ns_f"; do ip -n "$ns" link set lo up || fail "lo up in $ns"; done
ip -n "$ns_a" link set "fab$tag" up && ip -n "$ns_a" link set "faf$tag" up || fail "links A up"
ip -n "$ns_b" link set "fba$tag" up || fail "link B up"
ip -n "$ns_f" link set "ffa$tag" up || fail "link F up"

in_a() { ip netns exec "$ns_a" "$@"; }
in_b() { ip netns exec "$ns_b" "$@"; }
in_f() { ip netns exec "$ns_f" "$@"; }
online() { "$@" | grep -q '"online":true'; }
start_sam() {
    # Not through in_b: `ip netns exec` execs, so $! is the Node itself and SIGTERM reaches it.
    ip netns exec "$ns_b" env CANDOR_DEBUG=1 "$candor" serve --data-dir "$work/B" --name Sam --no-discovery >>"$work/B.log" 2>&1 &
    sam_pid=$!
    until_ok 15 in_b "$candor" status --data-dir "$work/B" --json || fail "B did not start"
}

ip netns exec "$ns_a" env CANDOR_DEBUG=1 "$candor" serve --data-dir "$work/A" --name Alex --no-discovery >"$work/A.log" 2>&1 &
pids+=($!)
until_ok 15 in_a "$candor" status --data-dir "$work/A" --json || fail "A did not start"
start_sam

code=$(in_a "$candor" pair invite --data-dir "$work/A" --json | json_field code)
[ -n "$code" ] || fail "no pairing code"
in_b "$candor" pair join "$code" --peer 10.98.1.1:47600 --data-dir "$work/B" --json --timeout 30 >/dev/null \
    || fail "pair join failed"
until_ok 20 online in_a "$candor" status --data-dir "$work/A" --json || fail "A never saw B online"

# Sam's computer goes away; the flood starts; Sam's computer comes back in the middle of it.
kill "$sam_pid"; wait "$sam_pid" 2>/dev/null; sam_pid=
offline() { ! online "$@"; }
until_ok 30 offline "$candor" status --data-dir "$work/A" --json \
    || fail "A still shows B online after B stopped"
ip netns exec "$ns_f" "$flood" 10.98.2.1:47600 20 40 >"$work/flood.log" 2>&1 &
pids+=($!)
sleep 5
started=$SECONDS
start_sam
until_ok 25 online in_a "$candor" status --data-dir "$work/A" --json \
    || fail "the partner stayed offline during the flood ($(cat "$work/flood.log"))"
until_ok 10 online in_b "$candor" status --data-dir "$work/B" --json || fail "B never saw A online during the flood"
echo "partner online $((SECONDS - started)) s after restarting, during the flood"

in_b "$candor" update "through the flood" --data-dir "$work/B" >/dev/null || fail "update on B"
has() { "$candor" feed --data-dir "$1" --json | grep -q "\"text\":\"$2\""; }
until_ok 15 has "$work/A" "through the flood" || fail "B's update never reached A during the flood"
kill -0 "${pids[1]}" 2>/dev/null || fail "the flood ended before the checks ($(cat "$work/flood.log"))"
wait "${pids[1]}"
cat "$work/flood.log"
echo "flood: the partner got through"

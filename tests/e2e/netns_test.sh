#!/usr/bin/env bash
# Discovery by broadcast alone: two network namespaces joined by a veth pair (10.99.0.1/24 and
# 10.99.0.2/24), a `candor serve` in each with default discovery and no --peer. `pair invite` in
# one, `pair join CODE` in the other must find it from its beacon; then updates sync both ways.
# Needs root and `ip netns`; otherwise prints "SKIPPED: <reason>" and exits 0.
# With JOINER_PORT, the joiner listens there instead (as a second Candor on a computer does):
# it must still find the inviter on the default port, by asking (a "looking" beacon).
#   usage: netns_test.sh CANDOR_BINARY [JOINER_PORT]
set -uo pipefail

candor=${1:?usage: netns_test.sh CANDOR_BINARY [JOINER_PORT]}
b_port=(${2:+--port "$2"})
source "$(dirname "$0")/netns_lib.sh"

need_netns
[ -x "$candor" ] || fail "no candor binary at $candor"

# Names unique per run, so parallel or leftover runs never collide (interface names <= 15 chars).
tag=$(printf '%x%x' $$ $((RANDOM % 4096)))
ns_a=candor-a-$tag
ns_b=candor-b-$tag
veth_a=cva$tag
veth_b=cvb$tag
work=$(mktemp -d /tmp/candor-netns-XXXXXX)
pids=()

cleanup() {
    local rc=$?
    end_nodes || rc=1
    ip netns del "$ns_a" 2>/dev/null
    ip netns del "$ns_b" 2>/dev/null
    rm -rf "$work"
    exit $rc
}
trap cleanup EXIT INT TERM

ip netns add "$ns_a" 2>/dev/null || skip "cannot create a network namespace here (ip netns add failed)"
ip netns add "$ns_b" || fail "ip netns add $ns_b"
ip link add "$veth_a" type veth peer name "$veth_b" || skip "cannot create a veth pair here"
ip link set "$veth_a" netns "$ns_a" || fail "moving $veth_a"
ip link set "$veth_b" netns "$ns_b" || fail "moving $veth_b"
ip -n "$ns_a" addr add 10.99.0.1/24 brd + dev "$veth_a" || fail "address A"
ip -n "$ns_b" addr add 10.99.0.2/24 brd + dev "$veth_b" || fail "address B"
for ns in "$ns_a" "$ns_b"; do
    ip -n "$ns" link set lo up || fail "lo up in $ns"
done
ip -n "$ns_a" link set "$veth_a" up || fail "link A up"
ip -n "$ns_b" link set "$veth_b" up || fail "link B up"

in_a() { ip netns exec "$ns_a" "$@"; }
in_b() { ip netns exec "$ns_b" "$@"; }

# Default port and default discovery: the namespaces keep the two nodes apart.
# Not through in_a: `ip netns exec` execs, so $! is the Node itself and SIGTERM reaches it.
ip netns exec "$ns_a" env CANDOR_DEBUG=1 "$candor" serve --data-dir "$work/A" --name Alex >"$work/A.log" 2>&1 &
pids+=($!)
ip netns exec "$ns_b" env CANDOR_DEBUG=1 "$candor" serve --data-dir "$work/B" --name Sam "${b_port[@]}" >"$work/B.log" 2>&1 &
pids+=($!)
until_ok 15 in_a "$candor" status --data-dir "$work/A" --json || fail "A did not start"
until_ok 15 in_b "$candor" status --data-dir "$work/B" --json || fail "B did not start"

invite=$(in_a "$candor" pair invite --data-dir "$work/A" --json) || fail "pair invite: $invite"
code=$(echo "$invite" | json_field code)
[ -n "$code" ] || fail "no code in: $invite"

# No --peer: B must hear A's pairing beacon on the veth's broadcast address.
started=$SECONDS
joined=$(in_b "$candor" pair join "$code" --data-dir "$work/B" --json --timeout 30 2>"$work/join.err") \
    || fail "pair join without --peer failed: $(cat "$work/join.err")"
echo "paired by broadcast in $((SECONDS - started)) s: $joined"
echo "$joined" | grep -q '"name":"Alex"' || fail "joined the wrong device: $joined"

online() { "$@" | grep -q '"online":true'; }
until_ok 20 online in_a "$candor" status --data-dir "$work/A" --json || fail "A never saw B online"
until_ok 20 online in_b "$candor" status --data-dir "$work/B" --json || fail "B never saw A online"

in_a "$candor" update "hello across the veth" --data-dir "$work/A" >/dev/null || fail "update on A"
in_b "$candor" update "hello back" --data-dir "$work/B" >/dev/null || fail "update on B"
has() { "$candor" feed --data-dir "$1" --json | grep -q "\"text\":\"$2\""; }
until_ok 15 has "$work/B" "hello across the veth" || fail "A's update never reached B"
until_ok 15 has "$work/A" "hello back" || fail "B's update never reached A"

# The partner was found on the veth, not through loopback.
grep -q '10.99.0.1' "$work/B/peers.json" || fail "B did not record A's 10.99.0.1 address"
echo "netns discovery: pairing and sync by broadcast alone work${2:+ (joiner on port $2)}"

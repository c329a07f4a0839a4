#!/usr/bin/env bash
# Benchmark: wake-ups per second of an idle `candor serve`, paired, partner online (the
# voluntary context switches of all its threads over SECONDS). Target: at most 1 per second.
# Usage: tools/bench_wakes.sh [path/to/candor] [SECONDS, default 20]
set -euo pipefail
candor=$(realpath "${1:-./build/candor}"); secs=${2:-20}
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf $work' EXIT
port=$((20000 + RANDOM % 20000))
"$candor" serve --data-dir "$work/sam" --name Sam --port $((port + 1)) --bind 127.0.0.1 --no-discovery >/dev/null 2>&1 &
"$candor" serve --data-dir "$work/alex" --name Alex --port $port --bind 127.0.0.1 --no-discovery >/dev/null 2>&1 &
alex=$!
until "$candor" status --data-dir "$work/alex" >/dev/null 2>&1 && "$candor" status --data-dir "$work/sam" >/dev/null 2>&1; do sleep 0.05; done
code=$("$candor" pair invite --data-dir "$work/alex" --json | grep -o "\"code\":\"[^\"]*\"" | cut -d\" -f4)
"$candor" pair join "$code" --peer 127.0.0.1:$port --data-dir "$work/sam" --timeout 20 >/dev/null
until "$candor" status --data-dir "$work/alex" --json 2>/dev/null | grep -q "\"online\":true"; do sleep 0.1; done
sleep 3
sw() { cat /proc/$alex/task/*/status | awk '/^voluntary_ctxt_switches/ {s += $2} END {print s}'; }
a=$(sw); sleep "$secs"; b=$(sw)
echo "wakes_per_s $(awk -v d=$((b - a)) -v s=$secs 'BEGIN{printf "%.2f", d/s}') (serve, paired, partner online, $secs s; target <= 1)"

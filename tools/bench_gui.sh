#!/usr/bin/env bash
# Benchmark: time to first frame and idle CPU of the app window under Xvfb over 10 s.
# Usage: tools/bench_gui.sh [path/to/candor]   (target: idle under 1% of one core)
set -euo pipefail
candor=${1:-./build/candor}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    candor=$1 data=$2
    "$candor" --data-dir "$data" --report-timing > "$data/out.txt" 2>&1 &
    pid=$!
    for _ in $(seq 100); do grep -q first_frame_ms "$data/out.txt" 2>/dev/null && break; sleep 0.1; done
    grep first_frame_ms "$data/out.txt" || { echo "no first frame"; cat "$data/out.txt"; kill $pid; exit 1; }
    sleep 2   # let the post-start activity window pass
    ticks() { awk "{print \$14 + \$15}" /proc/$pid/stat; }
    hz=$(getconf CLK_TCK)
    t0=$(ticks); sleep 10; t1=$(ticks)
    awk -v d=$((t1 - t0)) -v hz=$hz "BEGIN { printf \"idle_cpu_percent %.2f (over 10 s, %d ticks)\n\", 100 * d / hz / 10, d }"
    kill $pid; wait $pid 2>/dev/null || true
' _ "$candor" "$data"

#!/usr/bin/env bash
# Benchmarks of Candor in the background (printed, not asserted), under Xvfb:
#   second_candor_to_frame_ms  from starting a second `candor` for a directory whose Node runs in
#                              the background to the first drawn frame of that Node's window
#                              (target < 300 ms)
#   idle_cpu_percent / rss_kb  of a background Node idle for 60 s, paired, partner online
# Usage: tools/bench_background.sh [path/to/candor] [idle seconds, default 60]
set -euo pipefail
candor=$(realpath "${1:-./build/candor}")
idle=${2:-60}
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    set -euo pipefail
    candor=$1 idle=$2
    work=$(mktemp -d); trap "kill \$(jobs -p) 2>/dev/null; rm -rf $work" EXIT
    port=$((20000 + RANDOM % 20000))
    "$candor" serve --data-dir "$work/sam" --name Sam --port $((port + 1)) --bind 127.0.0.1 --no-discovery >/dev/null 2>&1 &
    "$candor" serve --data-dir "$work/alex" --name Alex --port $port --bind 127.0.0.1 --no-discovery >/dev/null 2>&1 &
    alex_serve=$!
    until "$candor" status --data-dir "$work/alex" >/dev/null 2>&1 && "$candor" status --data-dir "$work/sam" >/dev/null 2>&1; do sleep 0.05; done
    code=$("$candor" pair invite --data-dir "$work/alex" --json | grep -o "\"code\":\"[^\"]*\"" | cut -d\" -f4)
    "$candor" pair join "$code" --peer 127.0.0.1:$port --data-dir "$work/sam" --timeout 20 >/dev/null
    kill $alex_serve; wait $alex_serve 2>/dev/null || true
    "$candor" --background --report-timing --data-dir "$work/alex" >"$work/app.log" 2>&1 &
    app=$!
    until "$candor" status --data-dir "$work/alex" --json 2>/dev/null | grep -q "\"online\":true"; do sleep 0.1; done
    ticks() { awk "{print \$14 + \$15}" /proc/$app/stat; }
    hz=$(getconf CLK_TCK)
    t0=$(ticks); sleep "$idle"; t1=$(ticks)
    awk -v d=$((t1 - t0)) -v hz=$hz -v s=$idle "BEGIN { printf \"idle_cpu_percent %.2f (background, paired, partner online, %d s, %d ticks)\n\", 100 * d / hz / s, s, d }"
    echo "rss_kb $(awk "/VmRSS/ {print \$2}" /proc/$app/status) (background, no window)"
    start=$(date +%s%3N)
    "$candor" --data-dir "$work/alex"
    for _ in $(seq 100); do grep -q window_frame_at_ms "$work/app.log" && break; sleep 0.01; done
    frame=$(grep -o "window_frame_at_ms [0-9]*" "$work/app.log" | head -1 | cut -d" " -f2)
    echo "second_candor_to_frame_ms $((frame - start))"
    echo "rss_kb_with_window $(awk "/VmRSS/ {print \$2}" /proc/$app/status)"
    "$candor" quit --data-dir "$work/alex" >/dev/null
' _ "$candor" "$idle"

#!/usr/bin/env bash
# Benchmark: time to first frame and idle CPU of the app window under Xvfb over 10 s.
# Usage: tools/bench_gui.sh [path/to/candor] [ENTRIES] [SECTIONS]
#   ENTRIES: a history of that many entries first (made by build/tools/bench_node --generate);
#   the window's first frame does not wait for it ("Opening your history…"), and the time until
#   the history is in is printed beside it. Targets: first frame < 300 ms, idle under 1% of a core.
#   Then, for each section of SECTIONS (default "home history commitments check-ins progress"),
#   the app's own work per frame over 120 frames of that section (views and ImGui, not GL):
#   target p50 under 4 ms at 100,000 entries (figures and rows cached per snapshot version).
set -euo pipefail
candor=${1:-./build/candor}
entries=${2:-0}
sections=${3:-home history commitments check-ins progress}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [ "$entries" -gt 0 ]; then
    "$(dirname "$candor")/tools/bench_node" --generate "$entries" "$data/d" >/dev/null
    data_dir="$data/d"
else
    data_dir="$data"
fi
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    candor=$1 data=$2 data_dir=$3
    "$candor" --data-dir "$data_dir" --report-timing > "$data/out.txt" 2>&1 &
    pid=$!
    for _ in $(seq 100); do grep -q first_frame_ms "$data/out.txt" 2>/dev/null && break; sleep 0.1; done
    grep first_frame_ms "$data/out.txt" || { echo "no first frame"; cat "$data/out.txt"; kill $pid; exit 1; }
    for _ in $(seq 200); do grep -q history_in_ms "$data/out.txt" 2>/dev/null && break; sleep 0.05; done
    grep history_in_ms "$data/out.txt" || true
    sleep 2   # let the post-start activity window pass
    ticks() { awk "{print \$14 + \$15}" /proc/$pid/stat; }
    hz=$(getconf CLK_TCK)
    t0=$(ticks); sleep 10; t1=$(ticks)
    awk -v d=$((t1 - t0)) -v hz=$hz "BEGIN { printf \"idle_cpu_percent %.2f (over 10 s, %d ticks)\n\", 100 * d / hz / 10, d }"
    kill $pid; wait $pid 2>/dev/null || true
' _ "$candor" "$data" "$data_dir"

for section in $sections; do
    line=$(xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --data-dir "$data_dir" --screenshot "$data/$section.png" \
               --section "$section" --frames 120 --report-timing 2>&1 | grep section_frame_ms || echo "no timing")
    p50=$(echo "$line" | awk '{print $3}')
    awk -v s="$section" -v l="$line" -v p="$p50" 'BEGIN { printf "%-12s %s  (target p50 under 4 ms: %.2fx of it)\n", s, l, p / 4 }'
done

#!/usr/bin/env bash
# The weekly fuzz run: every libFuzzer target for 60 s (CANDOR_FUZZ_SECONDS overrides), in the
# clang fuzz build next to the normal one. CI keeps its short run (ctest -L fuzz, 5 s each).
# Fails on any crash, leak, timeout or out-of-memory, printing the reproducers in hex.
#   usage: tools/fuzz_long.sh [FUZZ_BUILD_DIR]     (default: build/fuzz-build)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build/fuzz-build}
export CANDOR_FUZZ_SECONDS=${CANDOR_FUZZ_SECONDS:-60}
echo "fuzzing every target for ${CANDOR_FUZZ_SECONDS} s in $build"
exec "$src/tests/fuzz/run_fuzzers.sh" all "$src" "$build"

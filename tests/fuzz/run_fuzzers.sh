#!/usr/bin/env bash
# Builds Candor's libFuzzer targets in a separate clang build and runs them briefly on a scratch
# copy of their seed corpus; fails on any crash, leak, timeout or out-of-memory.
#   run_fuzzers.sh build SRC_DIR FUZZ_BUILD_DIR          configure + build the fuzz targets
#   run_fuzzers.sh run   SRC_DIR FUZZ_BUILD_DIR TARGET   run one target (CANDOR_FUZZ_SECONDS, default 5)
#   run_fuzzers.sh all   SRC_DIR FUZZ_BUILD_DIR          both, for every target
# Prints "SKIPPED: ..." (and exits 0) when clang or its libFuzzer runtime is missing.
# A failure prints each reproducer in hex; replay one with: FUZZ_BUILD_DIR/tests/TARGET FILE
set -euo pipefail

TARGETS=(fuzz_beacon fuzz_frame fuzz_entry fuzz_sync fuzz_pairing)

mode=${1:?usage: run_fuzzers.sh build|run|all SRC_DIR FUZZ_BUILD_DIR [TARGET]}
src=${2:?source directory}
build=${3:?fuzz build directory}
seconds=${CANDOR_FUZZ_SECONDS:-5}

have_libfuzzer() {
    command -v clang++ >/dev/null 2>&1 || return 1
    local probe
    probe=$(mktemp -d)
    # The driver is in libclang-rt-14-dev; without it -fsanitize=fuzzer fails to link.
    printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
        >"$probe/probe.cpp"
    local ok=0
    clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" >/dev/null 2>&1 || ok=1
    rm -rf "$probe"
    return $ok
}

do_build() {
    if ! have_libfuzzer; then
        echo "SKIPPED: clang with libFuzzer not available (install clang and libclang-rt-14-dev)"
        exit 0
    fi
    local generator=()
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    # An existing build dir keeps its generator; only pass one to a fresh directory.
    [[ -f "$build/CMakeCache.txt" ]] && generator=()
    mkdir -p "$build"
    local sanitize="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
    CC=clang CXX=clang++ cmake -S "$src" -B "$build" "${generator[@]}" \
        -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g -fno-omit-frame-pointer" \
        -DCMAKE_CXX_FLAGS="$sanitize" \
        -DCANDOR_FUZZ=ON -DCANDOR_GUI=OFF -DBUILD_TESTING=ON >"$build/configure.log" 2>&1 || {
        cat "$build/configure.log"
        echo "FAILED: configuring the clang fuzz build"
        exit 1
    }
    cmake --build "$build" -j2 --target "${TARGETS[@]}"
}

do_run() {
    local target=$1
    local exe="$build/tests/$target"
    if [[ ! -x "$exe" ]]; then
        if ! have_libfuzzer; then
            echo "SKIPPED: clang with libFuzzer not available"
            exit 0
        fi
        echo "FAILED: $exe was not built (run: $0 build $src $build)"
        exit 1
    fi
    local seeds="$src/tests/fuzz/corpus/$target"
    local artifacts="$build/artifacts/$target"
    local scratch
    scratch=$(mktemp -d)
    rm -rf "$artifacts"  # only this run's reproducers are reported
    mkdir -p "$artifacts"
    echo "== $target: ${seconds}s from $(find "$seeds" -type f | wc -l) seeds"
    # New inputs go to the first directory (scratch); the committed seeds are only read.
    local status=0
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$exe" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$scratch" "$seeds" \
        >"$scratch.log" 2>&1 || status=$?
    tail -n 60 "$scratch.log"
    rm -rf "$scratch" "$scratch.log"
    if [[ $status -ne 0 ]]; then
        echo "FAILED: $target exited with $status; reproducers (hex):"
        for f in "$artifacts"/*; do
            [[ -f "$f" ]] || continue
            echo "  $f ($(stat -c %s "$f") bytes): $(xxd -p "$f" | tr -d '\n' | head -c 1024)"
        done
        exit 1
    fi
}

case "$mode" in
    build) do_build ;;
    run) do_run "${4:?target}" ;;
    all)
        do_build
        for t in "${TARGETS[@]}"; do do_run "$t"; done
        ;;
    *)
        echo "unknown mode $mode" >&2
        exit 2
        ;;
esac

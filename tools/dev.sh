#!/usr/bin/env bash
# Candor's one-stop developer script (the README's two commands):
#   tools/dev.sh app    install what is missing, build, open the app
#   tools/dev.sh test   install what is missing, build, run every test through ctest
# Extra arguments after `app` go to candor; after `test` to ctest (a leading `--` is dropped:
# `tools/dev.sh app -- --data-dir X`).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config libimgui-dev libglfw3-dev libenet-dev libsodium-dev
          libcereal-dev doctest-dev libstb-dev fonts-dejavu-core libgl1-mesa-dri xvfb xauth
          glslang-tools clang libclang-rt-14-dev iproute2 python3 faketime
          libsystemd-dev dbus python3-dbus python3-gi desktop-file-utils appstream dpkg-dev file procps)

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
    local dir=$1; shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCANDOR_WERROR=ON "$@" >/dev/null
    cmake --build "$dir" -j2
}

cmd=${1:-}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
case "$cmd" in
    app)
        install_missing
        build build
        exec ./build/candor "$@"
        ;;
    test)
        install_missing
        build build
        cd build && exec ctest --output-on-failure -j2 "$@"
        ;;
    *)
        echo "usage: tools/dev.sh app|test" >&2
        exit 1
        ;;
esac

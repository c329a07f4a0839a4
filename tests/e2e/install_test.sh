#!/usr/bin/env bash
# The install tree and the Debian package: `cmake --install` into a DESTDIR puts the binary, the
# desktop entry (desktop-file-validate), the AppStream metainfo (appstreamcli validate --no-net),
# the icon (SVG and hicolor PNGs) and the man page under the prefix; `cpack -G DEB` builds a
# .deb whose Depends were computed from the binary's libraries (shlibdeps).
# Usage: install_test.sh BUILD_DIR            (run by ctest as e2e.install)
set -euo pipefail
build=$(realpath "$1")
for tool in desktop-file-validate appstreamcli dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "SKIPPED: $tool is not installed (tools/dev.sh installs it)"; exit 0; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

DESTDIR=$work/root cmake --install "$build" --prefix /usr >/dev/null
root=$work/root/usr
for f in bin/candor share/applications/app.candor.Candor.desktop share/metainfo/app.candor.Candor.metainfo.xml \
         share/icons/hicolor/scalable/apps/app.candor.Candor.svg share/icons/hicolor/48x48/apps/app.candor.Candor.png \
         share/icons/hicolor/256x256/apps/app.candor.Candor.png share/man/man1/candor.1; do
    [[ -s $root/$f ]] || fail "missing from the install tree: /usr/$f"
done
desktop-file-validate "$root/share/applications/app.candor.Candor.desktop" || fail "the desktop entry does not validate"
appstreamcli validate --no-net "$root/share/metainfo/app.candor.Candor.metainfo.xml" >/dev/null ||
    fail "the metainfo does not validate"
"$root/bin/candor" --version | grep -q '^candor ' || fail "the installed binary does not run"

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/deb" >/dev/null) || fail "cpack -G DEB failed"
deb=$(ls "$work"/deb/candor_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || fail "cpack made no .deb"
contents=$(dpkg-deb -c "$deb")
grep -q './usr/bin/candor$' <<<"$contents" || fail "the .deb has no /usr/bin/candor"
grep -q 'app.candor.Candor.desktop' <<<"$contents" || fail "the .deb has no desktop entry"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsodium libenet libglfw3 libsystemd0 libc6; do
    [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib (shlibdeps): $depends"
done
echo "install_test: ok ($(basename "$deb"), Depends: $depends)"

#!/usr/bin/env bash
# Renders every section of the app under Xvfb and checks each PNG's size and that it is not blank.
# Usage: screenshot_test.sh CANDOR PNG_CHECK OUT_DIR
set -euo pipefail
candor=$1 png_check=$2 out=$3
mkdir -p "$out"
for theme in light dark; do
    for section in home history commitments agreement devices settings; do
        png="$out/$section-$theme.png"
        rm -f "$png"
        xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$png" --size 1280x800 --frames 3 \
            --section "$section" --theme "$theme" --data-dir "$out/data"
        "$png_check" "$png" 1280 800
    done
done
# An odd size works too.
xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/small.png" --size 900x600 --frames 2
"$png_check" "$out/small.png" 900 600

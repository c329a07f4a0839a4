#!/usr/bin/env bash
# The lock screen of a locked data directory and Settings → Privacy of the same directory opened
# with its passphrase (`--passphrase-stdin`), light and dark, at 1280x800 under Xvfb, and the
# welcome of an empty one (which creates nothing). The locked directory is made through the CLI:
# a serve, an update, `lock set`, `quit`.
# Usage: screenshot_lock.sh CANDOR PNG_CHECK OUT_DIR
set -euo pipefail
candor=$1 png_check=$2 out=$3
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill -TERM "${serve_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
dir=$work/alex
passphrase="our quiet passphrase"

"$candor" serve --data-dir "$dir" --name Alex --port 0 --bind 127.0.0.1 --no-discovery >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 200); do "$candor" status --data-dir "$dir" >/dev/null 2>&1 && break; sleep 0.05; done
"$candor" update "Leaving work now, home by 7" --data-dir "$dir" >/dev/null
echo "$passphrase" | "$candor" lock set --passphrase-stdin --data-dir "$dir" >/dev/null
"$candor" quit --data-dir "$dir" >/dev/null
wait "$serve_pid" || true
[[ -f $dir/keys.lock && ! -f $dir/identity.key ]] || { echo "screenshot_lock: the directory is not locked" >&2; exit 1; }

for theme in light dark; do
    xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/lock-$theme.png" --size 1280x800 \
        --theme "$theme" --data-dir "$dir"
    "$png_check" "$out/lock-$theme.png" 1280 800
    echo "$passphrase" | xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/privacy-$theme.png" \
        --size 1280x800 --section settings --theme "$theme" --data-dir "$dir" --passphrase-stdin
    "$png_check" "$out/privacy-$theme.png" 1280 800
done
xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/welcome-light.png" --size 1280x800 \
    --theme light --prompt welcome --data-dir "$work/fresh"
"$png_check" "$out/welcome-light.png" 1280 800
[[ ! -e $work/fresh ]] || { echo "screenshot_lock: the welcome created the data directory" >&2; exit 1; }
echo "screenshot_lock: screenshots in $out"

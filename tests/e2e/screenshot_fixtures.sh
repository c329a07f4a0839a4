#!/usr/bin/env bash
# Builds a lived-in pair of data directories through the CLI — two `candor serve` paired over
# loopback, posting from both — then renders Alex's Home and Commitments at 1280x800 under Xvfb.
# With faketime installed, a first part runs in the past (yesterday, this morning) so the ledger
# has commitments kept on time, kept late with and without a warning, renegotiated and missed;
# without it, only today's entries are made.
# Usage: screenshot_fixtures.sh CANDOR PNG_CHECK OUT_DIR [KEEP_DIR]
#   KEEP_DIR: where to keep both data directories afterwards (to open them with `candor --data-dir`).
set -euo pipefail
candor=$1 png_check=$2 out=$3 keep=${4:-}
mkdir -p "$out"
script_name=fixtures
source "$(dirname "$0")/two_nodes.sh"

pair_now

if [[ -n $faketime_lib ]]; then
    phase -26h
    grandma=$(a commit "Call Grandma" --due +60m | json_field id)
    cleaning=$(a commit "Pick up the dry cleaning" --due +90m | json_field id)
    dentist=$(s commit "Book the dentist" --due +2h | json_field id)
    wait_synced
    phase -1510m   # before the 10 min mark, so the notice counts as a warning in time
    a late 20 --reason "Meeting ran over" --for "$grandma" >/dev/null
    wait_synced
    phase -1474m
    a keep "$grandma" --note "Long chat, she says hi" >/dev/null
    a keep "$cleaning" >/dev/null
    s renegotiate "$dentist" --due +90m --note "Office opens later" >/dev/null
    wait_synced
    phase -1380m
    s keep "$dentist" >/dev/null
    wait_synced
    phase -5h
    text=$(s commit "Text when I leave work" --due +60m | json_field id)
    plants=$(a commit "Water the plants" --due +30m | json_field id)
    wait_synced
    phase -200m
    s keep "$text" >/dev/null
    a miss "$plants" --note "Forgot, did it in the evening" >/dev/null
    wait_synced
    phase ""
else
    echo "fixtures: libfaketime is not installed (apt install faketime); the ledger gets today's entries only" >&2
    milk=$(a commit "Buy oat milk" --due +2h | json_field id)
    a keep "$milk" >/dev/null
    wait_synced
fi

# Now: Sam on the way with an update, running late for a commitment due soon; Alex at home.
mia=$(s commit "Pick up Mia from practice" --due +25m | json_field id)
s commit "Cook dinner together" --due +3h >/dev/null
s update "Leaving work" --where "Office" --until +1h >/dev/null
s late 15 --reason "traffic on the ring road" --for "$mia" >/dev/null
mine=$(a update "Home, making tea" | json_field id)
a commit "Call the landlord about the heating" --due +2h >/dev/null
wait_synced
s ack "$mine" --note "Seen, thank you" >/dev/null
control "$sam" "{\"cmd\":\"request\",\"args\":{\"text\":\"Text me when you set off to the station?\",\"due\":$(( ($(date +%s) + 4 * 3600) * 1000 ))}}"
wait_synced
# Sam's computer goes off the network; what Alex shares now waits for delivery.
kill -TERM "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
unset 'pids[1]'
a commit "Book the table for Saturday" --due +5h >/dev/null
stop_all

shoot() {  # shoot NAME SECTION THEME [HEIGHT]
    local h=${4:-800}
    xvfb-run -a -s "-screen 0 1280x${h}x24" "$candor" --screenshot "$out/$1.png" --size "1280x$h" --frames 3 \
        --section "$2" --theme "$3" --data-dir "$alex"
    "$png_check" "$out/$1.png" 1280 "$h"
}
shoot home-today home light
shoot ledger commitments light
shoot home-today-dark home dark
shoot ledger-dark commitments dark
shoot ledger-full commitments light 1400  # the whole page, with what was resolved recently
if [[ -n $keep ]]; then
    rm -rf "$keep" && mkdir -p "$keep" && cp -r "$alex" "$sam" "$keep/"
fi
echo "fixtures: screenshots in $out"

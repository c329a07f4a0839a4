#!/usr/bin/env bash
# Repair in the moment, as screenshots at 1280x800 in light and dark, from two paired serves
# driven through the CLI: Sam's request for reassurance on Alex's Home and Alex answering it, a
# pause with its countdown on both sides, the apology composer and the apology as Alex reads it,
# and the breathing guide mid-breath.
# Usage: screenshot_repair.sh CANDOR PNG_CHECK OUT_DIR
set -euo pipefail
candor=$1 png_check=$2 out=$3
mkdir -p "$out"
script_name=repair
source "$(dirname "$0")/two_nodes.sh"

shoot() {  # shoot NAME DIR [--form FORM]
    local name=$1 dir=$2
    shift 2
    for theme in light dark; do
        xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/$name-$theme.png" --size 1280x800 \
            --frames 4 --section home --theme "$theme" --data-dir "$dir" "$@"
        "$png_check" "$out/$name-$theme.png" 1280 800
    done
}

pair_now
for dir in "$alex" "$sam"; do control "$dir" '{"cmd":"settings","args":{"code_word":"lighthouse"}}'; done
request=$(s reassure ask --note "That comment at dinner made me anxious" | json_field id)
wait_synced
stop_all
shoot reassurance-request "$alex"
shoot reassurance-answer "$alex" --form answer

phase ""
a reassure answer "$request" --text "I'm here. You matter to me." >/dev/null
a reassure facts "$request" --text "I said it as a joke and didn't notice it landed badly" >/dev/null
s pause --until +1h --note "I need to calm down so I can really listen" >/dev/null
wait_synced
stop_all
shoot pause-partner "$alex"
shoot pause-mine "$sam"

phase ""
s resume --note "I'm ready to talk" >/dev/null
cat >"$work/apology.json" <<'JSON'
{"did": "I made a joke about your job in front of our friends",
 "impact": "I see it made you feel small and not taken seriously, and that it reopened old worries",
 "responsibility": "I take full responsibility; nobody made me say it",
 "plan": [{"text": "Tell our friends I was out of line", "due": "+1d"},
          {"text": "Ask before I joke about you in company", "due": null}],
 "ask": "Tell me when something I say stings, even a little"}
JSON
s apology --file "$work/apology.json" >/dev/null
wait_synced
stop_all
shoot apology-read "$alex"
shoot apology-compose "$sam" --form apology

phase ""
a breathe --seconds 300 >/dev/null
stop_all
sleep 5  # into the guide: past its start, mid-breath
shoot breathe "$alex"
echo "repair: screenshots in $out"

#!/usr/bin/env bash
# Builds a pair of data directories through the CLI — two `candor serve` paired over loopback;
# Alex proposes an agreement from a JSON file, Sam accepts it, Alex later proposes a change — and
# renders the Agreement section at 1280x800 under Xvfb: the agreement in force (Alex), the change
# waiting for Sam's review, and the history (Sam). With faketime installed the first version is
# agreed five weeks ago, so its monthly review is due and the reading view shows the reminder.
# Usage: screenshot_agreement.sh CANDOR PNG_CHECK OUT_DIR
set -euo pipefail
candor=$1 png_check=$2 out=$3
mkdir -p "$out"
script_name=screenshot_agreement
source "$(dirname "$0")/two_nodes.sh"

cat >"$work/v1.json" <<'JSON'
{
  "title": "Our repair agreement",
  "commitments": [
    {"by": "me", "text": "Text when I'm running more than 10 minutes late, before the time, not after"},
    {"by": "me", "text": "Tell you about any message from an ex within 24 hours"},
    {"by": "partner", "text": "Say when something I do makes you anxious, instead of going quiet"},
    {"by": "partner", "text": "Ask before reading my messages; I will show you whatever you ask to see"}
  ],
  "support": "Ask before giving advice\nA hug and ten quiet minutes when one of us is flooded\nCheck in on Sunday evenings over tea",
  "boundaries": [
    {"area": "communication", "text": "Reply within a few hours on weekdays, even if only to say 'later'"},
    {"area": "privacy", "text": "Phones stay unlocked around each other; no secret accounts"},
    {"area": "social media", "text": "No private chats with exes"},
    {"area": "substances and spending", "text": "Talk it over before any purchase above 200"}
  ],
  "breakers": ["Lying about where I am", "Hiding contact with an ex"],
  "review_every_days": 30
}
JSON
cat >"$work/v2.json" <<'JSON'
{
  "title": "Our repair agreement",
  "commitments": [
    {"by": "me", "text": "Text when I'm running more than 15 minutes late, before the time, not after"},
    {"by": "me", "text": "Tell you about any message from an ex within 24 hours"},
    {"by": "me", "text": "Put my phone away at dinner"},
    {"by": "partner", "text": "Say when something I do makes you anxious, instead of going quiet"},
    {"by": "partner", "text": "Ask before reading my messages; I will show you whatever you ask to see"}
  ],
  "support": "Ask before giving advice\nA hug and ten quiet minutes when one of us is flooded\nCheck in on Sunday evenings over tea",
  "boundaries": [
    {"area": "communication", "text": "Reply within two hours on weekdays, even if only to say 'later'"},
    {"area": "privacy", "text": "Phones stay unlocked around each other; no secret accounts"},
    {"area": "substances and spending", "text": "Talk it over before any purchase above 200"},
    {"area": "family", "text": "Visits to my parents are planned together, a week ahead"}
  ],
  "breakers": ["Lying about where I am", "Hiding contact with an ex"],
  "review_every_days": 14
}
JSON

pair_now

# Version 1, proposed by Alex and accepted by Sam: five weeks ago when faketime can say so.
if [[ -n $faketime_lib ]]; then
    phase -35d
else
    echo "screenshot_agreement: libfaketime is not installed; the agreement is made today (no review due)" >&2
fi
v1=$(a agreement propose --file "$work/v1.json" | json_field version)
wait_synced
s agreement accept "$v1" >/dev/null
wait_synced
phase ""
stop_all
shoot() {  # shoot NAME DIR VIEW THEME
    CANDOR_SCREENSHOT_VIEW=$3 xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/$1.png" \
        --size 1280x800 --frames 3 --section agreement --theme "$4" --data-dir "$2"
    "$png_check" "$out/$1.png" 1280 800
}
shoot agreement-in-force "$alex" in-force light

# Alex records the review they just had and proposes a change; Sam has not answered yet.
phase ""
a agreement review --note "Late texts are working. Two weeks between reviews for now; the phone at dinner still stings." >/dev/null
v2=$(a agreement propose --file "$work/v2.json" | json_field version)
[[ -n $v2 ]] || { echo "screenshot_agreement: the change was not proposed" >&2; exit 1; }
wait_synced
stop_all
shoot agreement-review "$sam" proposals light
shoot agreement-history "$sam" history light
shoot agreement-review-dark "$sam" proposals dark
shoot agreement-editor "$sam" editor light
shoot agreement-review-form "$alex" review light
# Meanwhile, with Alex's computer off, Sam proposes a change of their own: two open proposals.
python3 - "$work/v1.json" "$work/v3.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for c in doc["commitments"]:  # written from Sam's side
    c["by"] = "partner" if c["by"] == "me" else "me"
    c["text"] = c["text"].replace("instead of going quiet", "within a day, instead of going quiet")
json.dump(doc, open(sys.argv[2], "w"))
PY
start "$sam" Sam "$port_s"
s agreement propose --file "$work/v3.json" >/dev/null
stop_all
shoot agreement-concurrent "$sam" proposals light
echo "screenshot_agreement: screenshots in $out"

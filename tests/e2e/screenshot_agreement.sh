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
work=$(mktemp -d)
alex=$work/alex sam=$work/sam
port_a=$((20000 + RANDOM % 20000))
port_s=$((port_a + 1))
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# libfaketime is preloaded directly (not through the faketime wrapper, which forks) so that the
# pid a serve leaves in $! is the Node itself and SIGTERM reaches it.
faketime_lib=""
for lib in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
    [[ -f $lib ]] && faketime_lib=$lib && break
done
offset=""
run() {
    if [[ -n $offset ]]; then
        LD_PRELOAD=$faketime_lib FAKETIME=$offset FAKETIME_DONT_FAKE_MONOTONIC=1 exec "$candor" "$@"
    fi
    exec "$candor" "$@"
}
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }
start() {  # start DIR NAME PORT
    (run serve --data-dir "$1" --name "$2" --port "$3" --bind 127.0.0.1 --no-discovery) >>"$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        (run status --data-dir "$1") >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    echo "screenshot_agreement: $2's node did not start:" >&2
    cat "$1.log" >&2
    return 1
}
stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
a() { (run "$@" --data-dir "$alex" --json); }
s() { (run "$@" --data-dir "$sam" --json); }
entries() { (run status --data-dir "$1" --json) | grep -o '"entries":[0-9]*' | cut -d: -f2; }
wait_synced() {
    for _ in $(seq 200); do
        local ea es
        ea=$(entries "$alex") es=$(entries "$sam")
        if [[ $ea == "$es" ]] && (run status --data-dir "$alex" --json) | grep -q '"online":true'; then return 0; fi
        sleep 0.05
    done
    echo "screenshot_agreement: the two nodes did not sync" >&2
    return 1
}
phase() {  # phase OFFSET: both nodes up at that time, connected
    stop_all
    offset=$1
    start "$alex" Alex "$port_a"
    start "$sam" Sam "$port_s"
    wait_synced
}

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

# Pairing, now (an invite's expiry follows the real clock).
start "$alex" Alex "$port_a"
start "$sam" Sam "$port_s"
code=$(a pair invite | json_field code)
s pair join "$code" --peer "127.0.0.1:$port_a" --timeout 20 >/dev/null
wait_synced

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

#!/usr/bin/env bash
# Check-ins at 1280x800, light and dark, from a pair of data directories built through the CLI:
# a few weeks of daily check-ins from both (at faked past times when libfaketime is installed, for
# the trend chart), today Sam has checked in and Alex not yet (the sealed state on Alex's Home and
# the daily form), the weekly form with the week summary, then both weekly answers open ("Talk
# it through").
# Usage: screenshot_checkins.sh CANDOR PNG_CHECK OUT_DIR
set -euo pipefail
candor=$1 png_check=$2 out=$3
mkdir -p "$out"
script_name=checkins
source "$(dirname "$0")/two_nodes.sh"

pair_now
if [[ -n $faketime_lib ]]; then
    for days in 27 25 23 20 18 16 13 11 9 6 4 2; do
        phase "-${days}d"
        a checkin daily --safe $(( 2 + days % 3 )) --connected $(( 3 + days % 2 )) --trust $(( 2 + (days / 3) % 4 )) >/dev/null
        s checkin daily --safe $(( 3 + days % 2 )) --connected $(( 2 + days % 4 )) --trust $(( 3 + days % 3 )) >/dev/null
        if [[ $days == 2 ]]; then  # this week: something for the week summary
            grandma=$(a commit "Call Grandma" --due +2m | json_field id)
            a keep "$grandma" >/dev/null
            mia=$(s commit "Pick up Mia from practice" --due +25m | json_field id)
            s late 10 --reason "traffic" --for "$mia" >/dev/null
            s keep "$mia" >/dev/null
            s update "At the gym" >/dev/null
        fi
        wait_synced
    done
    phase ""
else
    echo "checkins: libfaketime is not installed (apt install faketime); the trend gets no past days" >&2
fi
a commit "Call Grandma" --due +2h >/dev/null
s commit "Text when I leave work" --due +1h >/dev/null
s update "At the gym" --until +1h >/dev/null
s checkin daily --safe 4 --connected 4 --trust 5 --note "Dinner was lovely" >/dev/null
wait_synced
stop_all

shoot() {  # shoot NAME SECTION THEME DIR
    xvfb-run -a -s "-screen 0 1280x800x24" "$candor" --screenshot "$out/$1.png" --size 1280x800 --frames 3 \
        --section "$2" --theme "$3" --data-dir "$4"
    "$png_check" "$out/$1.png" 1280 800
}
shoot checkin-home-sealed home light "$alex"
shoot checkin-home-sealed-dark home dark "$alex"
shoot checkins-today check-ins light "$alex"
shoot checkins-today-dark check-ins dark "$alex"

# The weekly form with the week beside it, then both answers open.
start "$alex" Alex "$port_a"
start "$sam" Sam "$port_s"
wait_synced
a checkin daily --safe 3 --connected 4 --trust 4 --note "A calm evening" >/dev/null
printf '%s' '{"appreciations": ["You texted when you left work, every day", "The walk on Sunday"], "went_right": "We talked before it got heated", "issue": "I feel uneasy about late nights and I need a text by ten", "request": "Text me by ten when you are out"}' >"$work/alex-week.json"
printf '%s' '{"appreciations": ["You made time for my mum"], "went_right": "Saturday morning", "issue": "I feel rushed about the mornings and I need ten quiet minutes", "request": "Plan Saturday together"}' >"$work/sam-week.json"
s checkin weekly --file "$work/sam-week.json" >/dev/null
wait_synced
stop_all
shoot checkins-weekly-form check-ins light "$alex"
start "$alex" Alex "$port_a"
start "$sam" Sam "$port_s"
wait_synced
a checkin weekly --file "$work/alex-week.json" >/dev/null
wait_synced
sleep 1
wait_synced
stop_all
shoot checkins-talk check-ins light "$alex"
shoot checkins-talk-dark check-ins dark "$alex"
echo "checkins: screenshots in $out"

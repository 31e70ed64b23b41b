#!/usr/bin/env bash
# Times the CalDAV adapter against a local Radicale: a full and an incremental sync of calendars
# of 1,000 and 5,000 events, next to one raw calendar-query REPORT with calendar-data (the floor
# any client pays), and prints the ratio (target: full sync within 1.3x of the raw REPORT).
#
#   scripts/caldav-sync-bench.sh            # 1000 and 5000 events
#   scripts/caldav-sync-bench.sh 200 2000   # other sizes
#
# The calendars are written straight into Radicale's storage folder as .ics files (Radicale checks
# UID uniqueness across the collection on every PUT, so uploading thousands over HTTP takes many
# minutes). 90% of the events are single events spread over a year, 10% weekly series of 8 with
# one override. Radicale is started with scripts/radicale.sh when it is not running and stopped
# again at the end; the tminus binary is built with -c release in .build-caldav-release.
# Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
sizes=("$@")
if [ "${#sizes[@]}" -eq 0 ]; then sizes=(1000 5000); fi

started_here=0
if ! url="$(scripts/radicale.sh url 2>/dev/null)" || [ -z "$url" ] || ! curl -s -o /dev/null "$url"; then
    url="$(scripts/radicale.sh start)"
    started_here=1
fi
cleanup() {
    for size in "${sizes[@]}"; do rm -rf "$storage/collection-root/test/bench-$size"; done
    if [ "$started_here" -eq 1 ]; then scripts/radicale.sh stop; fi
}
storage="$(cat "$root/.build-radicale/storage")/collections"
trap cleanup EXIT

echo "caldav-sync-bench: building tminus (release)" >&2
swift build -c release --scratch-path "$root/.build-caldav-release" --product tminus >&2
tminus="$root/.build-caldav-release/release/tminus"

# Make sure the principal exists (Radicale creates it on the first authenticated request).
curl -s -o /dev/null -u test:test -X PROPFIND -H 'Depth: 0' "$url"

for size in "${sizes[@]}"; do
    folder="$storage/collection-root/test/bench-$size"
    rm -rf "$folder"
    mkdir -p "$folder"
    "$root/.build-radicale-venv/bin/python" - "$folder" "$size" <<'EOF'
import json, os, sys
folder, size = sys.argv[1], int(sys.argv[2])
with open(os.path.join(folder, ".Radicale.props"), "w") as props:
    json.dump({"tag": "VCALENDAR", "D:displayname": "bench %d" % size,
               "C:supported-calendar-component-set": "VEVENT"}, props)
for index in range(size):
    uid = "bench-%05d@tminus.test" % index
    day = 1 + index % 365
    month, mday = 1, day
    for length in (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31):
        if mday <= length:
            break
        mday -= length
        month += 1
    hour = 8 + index % 9
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//T-Minus//bench//EN", "BEGIN:VEVENT",
             "UID:" + uid, "DTSTAMP:20260101T000000Z",
             "DTSTART:2026%02d%02dT%02d0000Z" % (month, mday, hour),
             "DTEND:2026%02d%02dT%02d3000Z" % (month, mday, hour),
             "SUMMARY:Bench event %d, with a comma\\, and unicode \u00e9\u4f1a" % index,
             "DESCRIPTION:" + ("Agenda item %d. " % index) * 6]
    if index % 10 == 0:
        lines += ["RRULE:FREQ=WEEKLY;COUNT=8"]
    lines += ["END:VEVENT"]
    if index % 10 == 0:
        lines += ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20260101T000000Z",
                  "RECURRENCE-ID:2026%02d%02dT%02d0000Z" % (month, mday, hour),
                  "DTSTART:2026%02d%02dT%02d0000Z" % (month, mday, hour + 1),
                  "DTEND:2026%02d%02dT%02d3000Z" % (month, mday, hour + 1),
                  "SUMMARY:Bench event %d (moved)" % index, "END:VEVENT"]
    lines += ["END:VCALENDAR", ""]
    with open(os.path.join(folder, uid + ".ics"), "w", encoding="utf-8", newline="") as item:
        item.write("\r\n".join(lines))
EOF
    echo "caldav-sync-bench: wrote $size events into $folder" >&2
    "$tminus" bench caldav-sync --url "$url" --calendar "/test/bench-$size/" --repeat 3 --changes 10
done

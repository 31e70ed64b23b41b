#!/usr/bin/env bash
# Renders a report's HTML page (DIR/index.html, written by `tminus sim run|fuzz --report DIR`) in a
# headless Chromium and checks what the browser made of it: the page parsed whole (every inline SVG
# plot the file holds is in the browser's DOM, with its drawn marks), the verdict table has a row
# per run, the verdict badge is there, and the screenshot (DIR/index.png) is not blank.
# CI runs it on the scenario suite's report (issue 8: "its HTML page renders").
#
# Usage: scripts/render-report.sh DIR [RUNS]   (RUNS: the runs the verdict table must list)
# Needs chromium (Debian's package; .ci/run installs it).
set -euo pipefail
dir="${1:?usage: scripts/render-report.sh DIR [RUNS]}"
runs="${2:-1}"
page="$(cd "$dir" && pwd)/index.html"
[ -f "$page" ] || { echo "render-report: no $page (run tminus sim run --report $dir first)" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "render-report: chromium not found; install Debian's chromium package" >&2; exit 2; }

flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400)
"$browser" "${flags[@]}" --dump-dom "file://$page" > "$dir/index.dom.html" 2>/dev/null
"$browser" "${flags[@]}" --screenshot="$dir/index.png" "file://$page" >/dev/null 2>&1

python3 - "$page" "$dir/index.dom.html" "$dir/index.png" "$runs" <<'PY'
import re, struct, sys, zlib

page, dom_path, png_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
source = open(page, encoding="utf-8").read()
dom = open(dom_path, encoding="utf-8").read()
problems = []

def svgs(text):
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)

written, rendered = svgs(source), svgs(dom)
if not written:
    problems.append("the page holds no SVG plot")
if len(rendered) != len(written):
    problems.append(f"the file holds {len(written)} SVG plots, the browser's DOM {len(rendered)}")
blank = [i for i, svg in enumerate(rendered) if not re.search(r"<(path|polyline|line|rect|circle|text)\b", svg)]
if blank:
    problems.append(f"{len(blank)} SVG plot(s) draw nothing (first: plot #{blank[0] + 1})")
if "parsererror" in dom:
    problems.append("the browser reported a parser error")
verdicts = re.search(r"<h2[^>]*>Verdicts</h2>.*?<table\b.*?</table>", dom, flags=re.S)
rows = len(re.findall(r"<tr\b", verdicts.group(0))) - 1 if verdicts else -1
if rows < runs:
    problems.append(f"the verdict table lists {rows} run(s), expected at least {runs}")
if not re.search(r"(ALL PASSED|FAILED)", dom):
    problems.append("no verdict badge")

# The screenshot: a blank (or failed) render is one colour; a page has text, tables and plots.
data = open(png_path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    problems.append("the screenshot is not a PNG")
else:
    offset, idat = 8, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            idat += data[offset + 8:offset + 8 + length]
        offset += 12 + length
    distinct = len(set(zlib.decompress(idat)))
    if distinct < 64:
        problems.append(f"the screenshot looks blank ({distinct} distinct byte values)")

if problems:
    print(f"render-report: {page} does not render as expected:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    sys.exit(1)
print(f"render-report: {page} renders: {len(rendered)} SVG plots, {rows} runs in the verdict table, screenshot {png_path}")
PY

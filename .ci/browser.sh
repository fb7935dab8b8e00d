#!/usr/bin/env bash
# The report and the served pages in a real browser (issue 11, section 3).
#
# Builds two stores from fixture data in this repository (the demo story;
# the hostile-text articles), writes reports, opens them and a served page
# in headless chromium, checks the DOM chromium built (every version there,
# the SVG timeline drawn, no markup from article text), and keeps the DOM
# dumps and screenshots in target/ci/browser/.
#
# usage: .ci/browser.sh BIN
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
out=$(pwd)/target/ci/browser
rm -rf "$out"
mkdir -p "$out"

chrome() {
    timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --hide-scrollbars --user-data-dir="$out/profile" "$@" 2>>"$out/chromium.log"
}

# name, store, query: a report, its DOM as chromium built it, a screenshot,
# and the appearance ids `origin --json` lists for the same query.
report() {
    local name=$1 store=$2 query=$3
    "$bin" -q --store "$store" report "$query" -o "$out/$name.html"
    "$bin" -q --store "$store" origin "$query" --json > "$out/$name.origin.jsonl"
    chrome --dump-dom "file://$out/$name.html" > "$out/$name.dom.html"
    chrome --window-size=1100,1600 --screenshot="$out/$name.png" "file://$out/$name.html" > /dev/null
}

"$bin" -q --store "$out/demo-store" ingest src/demo/corpus
"$bin" -q --store "$out/hostile-store" ingest tests/fixtures/hostile
report three-outlets "$out/demo-store" "This strike is costing the region dearly"
report hostile-script "$out/hostile-store" "The pier will reopen before the summer season"
report hostile-img "$out/hostile-store" "We found cracks in three of the twelve pillars"

# A served page (sled lets one process hold a store: read what to expect
# first): serve on a free loopback port, find the group by search,
# open its page, stop the server.
"$bin" -q --store "$out/hostile-store" origin "The pier will reopen before the summer season" --json \
    > "$out/served.origin.jsonl"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" --store "$out/hostile-store" serve --addr "127.0.0.1:$port" 2> "$out/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
group=$(python3 - "$port" <<'PY'
import re, sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(100):
    try:
        page = urllib.request.urlopen(base + "/search?q=pier+will+reopen+before+the+summer+season", timeout=10).read().decode()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("serve did not answer")
print(re.search(r'href="(/group/[0-9a-f]+)"', page).group(1))
PY
)
chrome --dump-dom "http://127.0.0.1:$port$group" > "$out/served.dom.html"
chrome --window-size=1100,1600 --screenshot="$out/served.png" "http://127.0.0.1:$port$group" > /dev/null
kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT

python3 - "$out" three-outlets hostile-script hostile-img served <<'PY'
"""Checks the DOM chromium built for each page."""
import json, sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements, self.text, self.scripts, self._in_script = [], [], [], False
    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_script = True
    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)

out, names = sys.argv[1], sys.argv[2:]
failed = False
for name in names:
    dom = Dom()
    dom.feed(open(f"{out}/{name}.dom.html", encoding="utf-8").read())
    origin = json.loads(open(f"{out}/{name}.origin.jsonl").readline())["data"]
    want = {v["appearance"] for v in origin["versions"]}
    got = {a.get("data-appearance") for t, a in dom.elements if t == "article" and "data-appearance" in a}
    problems = []
    if got != want:
        problems.append(f"versions: {len(got)} in the page, {len(want)} stored")
    if not any(t == "svg" and "timeline-svg" in a.get("class", "") for t, a in dom.elements):
        problems.append("no SVG timeline")
    marks = sum(1 for t, a in dom.elements if t == "circle" and "mark" in a.get("class", "").split())
    if marks != len(want):
        problems.append(f"{marks} timeline marks for {len(want)} versions")
    for tag, attrs in dom.elements:
        if tag in ("img", "iframe", "object", "embed", "b"):
            problems.append(f"hostile element <{tag}>")
        for k, v in attrs.items():
            if k.startswith("on"):
                problems.append(f"event handler {k} on <{tag}>")
            if k in ("href", "src", "action") and (v or "").strip().lower().startswith("javascript:"):
                problems.append(f"javascript: URL in {k} of <{tag}>")
    if len(dom.scripts) != 1:
        problems.append(f"{len(dom.scripts)} script elements (only the report's own)")
    text = "".join(dom.text)
    if name.startswith("hostile") and "<b>Evil</b> Herald" not in text:
        problems.append("the hostile outlet name is not shown as text")
    if name == "hostile-script" and "<script>alert(1)</script>" not in text:
        problems.append("the hostile quote is not shown as text")
    print(f"{name}: {len(got)} versions, {marks} timeline marks, {len(dom.scripts)} script; "
          + ("ok" if not problems else "FAILED: " + "; ".join(problems)))
    failed |= bool(problems)
sys.exit(1 if failed else 0)
PY
ls "$out"/*.png

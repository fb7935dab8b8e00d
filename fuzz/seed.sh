#!/usr/bin/env bash
# Seeds each fuzz target's corpus with the project's own fixtures (all
# written for this project): texts, pages, a WARC archive built from the
# pages, JSONL records and sidecars, and an export made from the demo.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{extract_text,html_page,warc,jsonl_sidecar,import,store_values}
for f in "$root"/tests/fixtures/*/*.txt "$root"/tests/fixtures/*/*/*.txt \
    "$root"/src/demo/corpus/*.txt "$root"/src/web/testdata/*.txt; do
    [ -f "$f" ] && cp "$f" "corpus/extract_text/$(basename "$(dirname "$f")")-$(basename "$f")"
done
cp "$root"/src/web/testdata/*.html corpus/html_page/
for f in "$root"/tests/fixtures/*/*.meta.json "$root"/src/demo/corpus/*.meta.json; do
    cp "$f" "corpus/jsonl_sidecar/$(basename "$(dirname "$f")")-$(basename "$f")"
done
python3 - "$root" <<'PY'
import json, sys, pathlib
root = pathlib.Path(sys.argv[1])
out = pathlib.Path("corpus")
# Store values in the codec's layout (store/src/codec.rs), after a 64-byte
# body: a statement, an article, a one-appearance list (format 2), and a
# format 1 list with its text.
body = b"We will rebuild the bridge before the rains, the mayor said today."[:64]
def s(b): return bytes([len(b)]) + b
seeds = {
    "statement": b"\x02\x00" + s(b"We will rebuild") + b"\x01" + s(b"Awa Diallo") + b"\x00\x01" + s(b"AFP"),
    "article": b"\x02\x01" + s(b"Daily") + b"\x00\x00\x00" + s(body) + b"\x00" * 5 + b"\x01" + s(b"en"),
    "appearances": b"\x02\x01" + b"\x11" * 32 + b"\x22" * 32 + b"\x03\x0f\x01" + s(b"the mayor") + b"\x02",
    "legacy": b"\x01\x01" + b"\x11" * 32 + b"\x22" * 32 + b"\x03\x0f" + s(b"will rebuild") + b"\x00\x01",
}
for name, value in seeds.items():
    (out / "store_values" / name).write_bytes(body + value)
texts = sorted((root / "src/demo/corpus").glob("*.txt"))
lines = [json.dumps({"id": t.stem, "text": t.read_text(), "outlet": "Seed Daily"}) for t in texts]
(out / "jsonl_sidecar/demo.jsonl").write_text("\n".join(lines) + "\n")
records = []
for i, page in enumerate(sorted((root / "src/web/testdata").glob("*.html"))):
    body = page.read_bytes()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:seed:%d>\r\n"
            "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://seed.example/%s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (i, page.name, len(http))).encode()
    records.append(head + http + b"\r\n\r\n")
(out / "warc/pages.warc").write_bytes(b"".join(records))
PY
# An export of the demo store, for import.
if [ -x "$root/target/release/quotetrail" ]; then
    qt="$root/target/release/quotetrail"
    tmp=$(mktemp -d)
    "$qt" -q --store "$tmp/store" ingest "$root/src/demo/corpus" > /dev/null || true
    "$qt" -q --store "$tmp/store" export > corpus/import/demo-export.jsonl || true
    rm -rf "$tmp"
fi

#!/usr/bin/env bash
# Extraction on Spark gives what one machine gives (issue 13, section 4).
#
# Installs PySpark 3.5.3 into a venv under target/ if it is not there,
# builds a small JSONL corpus from the repository's own fixtures (invented
# articles; nothing from ../shared), runs spark/extract_job.py's jobs in
# local mode (local[2], several partitions, one SparkContext) both ways
# (mapPartitions and RDD.pipe),
# once more on the same texts as pages in two web archives (--warc), and
# once with --command keys, and checks each time that the sorted output
# lines equal those of `BIN extract --format jsonl` (`BIN keys`) on the same
# input. Needs Java 17 and python3.
#
# usage: .ci/spark.sh BIN
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
root=$(pwd)
venv=$root/target/spark-venv
out=$root/target/ci/spark
rm -rf "$out"
mkdir -p "$out"

if ! "$venv/bin/python" -c 'import pyspark' > /dev/null 2>&1; then
    echo "installing pyspark 3.5.3 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pyspark==3.5.3
fi

# The fixtures as JSON Lines: one record per .txt file, its sidecar's
# fields beside `id` (the path) and `text`. Every record has an id, so the
# output names articles the same way however the input is split.
"$venv/bin/python" - tests/fixtures "$out/corpus.jsonl" <<'PY'
import json, pathlib, sys
root, dest = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(dest, "w", encoding="utf-8") as f:
    for path in sorted(root.rglob("*.txt")):
        if "snapshots" in path.parts:
            continue
        record = {"id": str(path.relative_to(root)), "text": path.read_text(encoding="utf-8")}
        meta = path.with_name(path.name[:-4] + ".meta.json")
        if meta.exists():
            record.update({k: v for k, v in json.loads(meta.read_text()).items() if k not in record})
        f.write(json.dumps(record, ensure_ascii=False) + "\n")
PY
records=$(wc -l < "$out/corpus.jsonl")

# The same articles as web pages in two web archives (one gzipped), for
# the job's --warc path: each text's paragraphs in an <article>.
"$venv/bin/python" - "$out/corpus.jsonl" "$out/warc" <<'PY'
import gzip, html, json, os, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
os.makedirs(sys.argv[2])

def record(r):
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in r["text"].split("\n\n") if p.strip())
    page = (f"<!doctype html><html><head><title>{html.escape(r['id'])}</title></head>"
            f"<body><article>{paras}</article></body></html>").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" \
        + f"Content-Length: {len(page)}\r\n\r\n".encode() + page
    uri = "https://fixtures.example/" + r["id"]
    head = ("WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:fixture:{r['id']}>\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
            f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"

half = len(records) // 2
with open(os.path.join(sys.argv[2], "a.warc"), "wb") as f:
    f.write(b"".join(record(r) for r in records[:half]))
with gzip.open(os.path.join(sys.argv[2], "b.warc.gz"), "wb") as f:
    f.write(b"".join(record(r) for r in records[half:]))
PY

# One machine. Exit status 1 (an input reported on stderr, such as a page
# without an article) is what the Spark job passes too.
single() {
    local rc=0
    "$bin" -q extract --format jsonl "$1" > "$2.unsorted" 2>> "$out/single.log" || rc=$?
    [ "$rc" -le 1 ] || { echo "spark: \`extract\` on one machine exited $rc"; exit 1; }
    sort "$2.unsorted" > "$2"
}
single "$out/corpus.jsonl" "$out/single-jsonl.jsonl"
single "$out/warc" "$out/single-warc.jsonl"
"$bin" -q keys "$out/corpus.jsonl" | sort > "$out/single-keys.jsonl"

# The four jobs share one SparkContext (one JVM start, the slow part),
# built by the job's own `build`, as `extract_job.py` itself runs it.
export PYSPARK_PYTHON=$venv/bin/python
runs=(partitions pipe warc keys)
start=$(date +%s)
"$venv/bin/python" - "$bin" "$out" <<'PY' 2> "$out/spark.log" || {
import sys, time
sys.path.insert(0, "spark")
from extract_job import build, context

binary, out = sys.argv[1], sys.argv[2]
jobs = {
    "partitions": dict(source=f"{out}/corpus.jsonl", mode="partitions", partitions=4),
    "pipe": dict(source=f"{out}/corpus.jsonl", mode="pipe", partitions=4),
    "warc": dict(source=f"{out}/warc", warc=True),
    "keys": dict(source=f"{out}/corpus.jsonl", command="keys", partitions=4),
}
sc = context("local[2]")
sc.addFile(binary)
sc.addPyFile("spark/extract_job.py")  # the workers unpickle its functions
try:
    for name, job in jobs.items():
        start = time.time()
        build(sc, binary, **job).saveAsTextFile(f"{out}/spark-{name}")
        with open(f"{out}/timings", "a") as f:
            print(f"{name} {time.time() - start:.1f}", file=f)
finally:
    sc.stop()
PY
    tail -n 30 "$out/spark.log"
    echo "spark: the job failed (log: $out/spark.log)"
    exit 1
}
echo "spark: $(date -d "@$(($(date +%s) - start))" -u +%M:%S) for the four jobs in local[2] (log: $out/spark.log)"

status=0
for mode in "${runs[@]}"; do
    case $mode in
        warc) single=$out/single-warc.jsonl ;;
        keys) single=$out/single-keys.jsonl ;;
        *) single=$out/single-jsonl.jsonl ;;
    esac
    cat "$out/spark-$mode"/part-* | sort > "$out/$mode.jsonl"
    took=$(awk -v m="$mode" '$1 == m { print $2 }' "$out/timings")
    if [ ! -s "$single" ]; then
        echo "spark ($mode): one machine found no articles; nothing to compare"
        status=1
    elif cmp -s "$single" "$out/$mode.jsonl"; then
        echo "spark ($mode): $(wc -l < "$out/$mode.jsonl") lines from $records texts, the same lines as one machine (${took} s)"
    else
        echo "spark ($mode): MISMATCH: the sorted lines differ from \`extract --format jsonl\` (\`keys\`) on one machine"
        echo "(< one machine, > spark; first 200 characters of each line; all in $out/)"
        diff <(cut -c1-200 "$single") <(cut -c1-200 "$out/$mode.jsonl") | head -n 20 || true
        status=1
    fi
done
exit "$status"

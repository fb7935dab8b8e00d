#!/usr/bin/env bash
# Extraction on Spark gives what one machine gives (issue 13, section 4).
#
# Installs PySpark 3.5.3 into a venv under target/ if it is not there,
# builds a small JSONL corpus from the repository's own fixtures (invented
# articles; nothing from ../shared), runs spark/extract_job.py in local mode
# (local[2], several partitions) both ways (mapPartitions and RDD.pipe),
# and checks that the sorted output lines equal those of
# `BIN extract --format jsonl` on the same file. Needs Java 17 and python3.
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

"$bin" -q extract --format jsonl "$out/corpus.jsonl" | sort > "$out/single.jsonl"

export PYSPARK_PYTHON=$venv/bin/python
status=0
for mode in partitions pipe; do
    start=$(date +%s)
    "$venv/bin/python" spark/extract_job.py --bin "$bin" --master 'local[2]' --partitions 4 \
        --mode "$mode" "$out/corpus.jsonl" "$out/$mode" 2> "$out/$mode.log" || {
        tail -n 30 "$out/$mode.log"
        echo "spark ($mode): the job failed (log: $out/$mode.log)"
        exit 1
    }
    cat "$out/$mode"/part-* | sort > "$out/$mode.jsonl"
    if cmp -s "$out/single.jsonl" "$out/$mode.jsonl"; then
        echo "spark ($mode): $(wc -l < "$out/$mode.jsonl") articles from $records records, the same lines as one machine ($(($(date +%s) - start)) s)"
    else
        echo "spark ($mode): MISMATCH: the sorted lines differ from \`extract --format jsonl\` on one machine"
        echo "(< one machine, > spark; first 200 characters of each line; all in $out/)"
        diff <(cut -c1-200 "$out/single.jsonl") <(cut -c1-200 "$out/$mode.jsonl") | head -n 20 || true
        status=1
    fi
done
exit "$status"

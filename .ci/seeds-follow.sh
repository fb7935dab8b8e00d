#!/usr/bin/env bash
# Seeds check for following a statement across outlets (issue 3, section 5):
# after ingesting the Mali corpus, the splinter group's founding statement as
# printed by 001 (MyJoyOnline) and 002 (MinnPost) meets in one group, the
# differing agency credits are flagged, and the name variants (IMA/MIA,
# Ag Intalla/Ag Intallah) are flagged. Runs the release binary; exit 1 on
# failure. Usage: .ci/seeds-follow.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${QUOTETRAIL_SHARED:-${shared:-$root/../shared}}
bin=${1:-${QUOTETRAIL_BIN:-$root/target/release/quotetrail}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store=$work/store

"$bin" --store "$store" ingest "$shared/corpus/mali" --quiet
"$bin" --store "$store" verify --quiet >/dev/null
"$bin" --store "$store" groups --shared --json --quiet > "$work/groups.jsonl"
"$bin" --store "$store" audit --json > "$work/audit.jsonl"
: > "$work/compare.jsonl"
python3 - "$work/groups.jsonl" > "$work/ids" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    print(json.loads(line)["data"]["group"])
PY
while read -r g; do
    "$bin" --store "$store" compare "$g" --json >> "$work/compare.jsonl"
done < "$work/ids"

python3 - "$work/compare.jsonl" "$work/audit.jsonl" <<'PY'
import json, sys

def records(path):
    return [json.loads(l) for l in open(path) if l.strip()]

failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

groups = [r["data"] for r in records(sys.argv[1]) if r["type"] == "comparison"]
audit = records(sys.argv[2])

def outlets(g):
    return {v.get("outlet") for v in g["versions"]}

def words(g):
    return " ".join(v["text"] for v in g["versions"]).lower()

# 1. The founding statement (the new group's name and leader) printed by
#    both outlets meets in one group.
founding = [
    g for g in groups
    if {"MyJoyOnline", "MinnPost"} <= outlets(g)
    and "intalla" in words(g)
]
check(bool(founding), "001 and 002 versions of the founding statement meet in one group")

# 2. Differing credits flagged: within the group, and across the two outlets
#    the agencies AFP, RFI and Reuters are all credited.
flags = lambda g: {f["kind"] for v in g["versions"] for f in v["flags"]}
wires = lambda g: {v.get("wire") for v in g["versions"] if v.get("wire")}
check(any(len(wires(g)) >= 2 and "different_wire" in flags(g) for g in founding),
      "the group's differing agency credits are flagged (different_wire)")
credited = set()
for r in audit:
    if r["type"] == "outlet_audit" and r["data"]["outlet"] in ("MyJoyOnline", "MinnPost"):
        credited |= set(r["data"]["wires"])
check({"AFP", "RFI", "Reuters"} <= credited,
      "AFP, RFI and Reuters credited across 001 and 002 (got %s)" % sorted(credited))
check(any(r["type"] == "conflict" and r["data"]["kind"] == "different_wires" for r in audit),
      "audit lists the different-agency conflict")

# 3. Name variants flagged: Ag Intalla/Ag Intallah (in the group's diff or
#    the audit), IMA/MIA (the audit's name variants).
variants = [r["data"] for r in audit if r["type"] == "name_variants"]
def one_identity(*tests):
    for v in variants:
        names = [a.lower() for a in v["aliases"]]
        if all(any(t(n) for n in names) for t in tests):
            return True
    return False
intalla_diff = any("spelling_variant" in flags(g) or "speaker_name_variant" in flags(g) for g in founding)
intalla_alias = one_identity(lambda n: n.endswith("ag intalla"), lambda n: n.endswith("ag intallah"))
check(intalla_diff and intalla_alias, "Ag Intalla / Ag Intallah flagged (group diff: %s, audit: %s)" % (intalla_diff, intalla_alias))
ima_mia = any(
    any(a == "ima" for a in (x.lower() for x in v["aliases"])) and
    any(a == "mia" for a in (x.lower() for x in v["aliases"]))
    for v in variants
)
check(ima_mia, "IMA / MIA flagged as one organisation")
sys.exit(1 if failures else 0)
PY

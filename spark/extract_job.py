"""Run `quotetrail extract --format jsonl` over a corpus with PySpark.

Extraction is a pure function of each article, so it spreads over a
cluster without coordination: every Spark task hands its share of the
input to the release binary and keeps what the binary prints, one JSON
line per article, the same lines a single machine prints (in another
order). `.ci/spark.sh` checks exactly that in local mode.

Two ways to run the binary, chosen with --mode:

* ``partitions`` (the default): ``mapPartitions`` starts the binary once
  per partition with ``subprocess``, writes the partition's JSONL records to
  its stdin and reads its stdout. The binary is shipped with ``addFile`` and
  found with ``SparkFiles.get`` on each executor, so it needs no fixed path
  on the workers. Exit status 1 (some records were bad; each is named on
  stderr) keeps the rest of the partition; anything else fails the task.
* ``pipe``: ``RDD.pipe`` with one fixed command line (through ``/bin/sh``,
  so that exit status 1 passes here too). No Python between the records and
  the binary, but the binary must be at the same path on every worker (or
  be given with ``--files`` and named relative to the task's working
  directory), and an empty partition runs the binary on empty input, which
  it reports ("<stdin>: empty file") and passes.

WARC inputs (``--warc``) are binary and read whole: each file becomes one
record of ``binaryFiles``, written to a temporary file on the executor and
given to the binary by path. ``--mode pipe`` does not apply to them.

usage: extract_job.py --bin BIN INPUT OUTPUT_DIR [--mode partitions|pipe]
                      [--command extract|keys] [--warc] [--master local[2]]
                      [--partitions N]

``--command keys`` runs ``quotetrail keys`` instead: one line per statement
with the matcher's candidate keys, to join on (see the README).

INPUT is a JSONL file (or a directory or glob of them: anything
``textFile`` reads, ``hdfs://`` and ``s3a://`` included); with ``--warc``,
anything ``binaryFiles`` reads. OUTPUT_DIR is written by
``saveAsTextFile``: ``part-*`` files of JSON lines.
"""

import argparse
import os
import shlex
import subprocess
import tempfile

from pyspark import SparkConf, SparkContext, SparkFiles

# The binary's exit codes (README, "Exit codes"): 0 all read, 1 some input
# failed while the rest went on. Anything else is a failed task.
OK_CODES = (0, 1)


def run_binary(binary, args, stdin_bytes):
    """Runs the binary, returns its stdout lines; raises on a hard failure."""
    proc = subprocess.run(
        [binary, "-q", *args],
        input=stdin_bytes,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    if proc.returncode not in OK_CODES:
        raise RuntimeError(
            f"quotetrail exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}"
        )
    # Bad records are reported, not fatal: keep the messages in the
    # executor's log.
    if proc.stderr:
        os.write(2, proc.stderr)
    return proc.stdout.decode("utf-8").splitlines()


def command_args(command, path):
    """The binary's arguments: `extract --format jsonl PATH` or `keys PATH`."""
    if command == "keys":
        return ["keys", path]
    return ["extract", "--format", "jsonl", path]


def extract_partition(binary_name, command):
    """A mapPartitions function: one binary run per partition of JSONL lines."""

    def run(lines):
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        if not data:
            return iter(())
        binary = SparkFiles.get(binary_name)
        return iter(run_binary(binary, command_args(command, "-"), data))

    return run


def extract_warc(binary_name, command):
    """A flatMap function over (path, bytes) records of binaryFiles."""

    def run(record):
        path, content = record
        binary = SparkFiles.get(binary_name)
        # Keep the extension: it tells the binary the format (.warc or
        # .warc.gz).
        name = os.path.basename(path)
        suffix = ".warc.gz" if name.endswith(".gz") else ".warc"
        with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
            tmp.write(content)
            tmp.flush()
            return run_binary(binary, command_args(command, tmp.name), None)

    return run


def build(sc, binary, source, mode="partitions", command="extract", warc=False, partitions=None):
    """The RDD of output lines for one input; `binary` was added with addFile."""
    name = os.path.basename(binary)
    if warc:
        files = sc.binaryFiles(source, minPartitions=partitions)
        return files.flatMap(extract_warc(name, command))
    lines = sc.textFile(source, minPartitions=partitions)
    # Blank lines carry no article; leaving them out keeps empty
    # partitions from starting the binary.
    lines = lines.filter(lambda line: line.strip())
    if mode == "pipe":
        # Through sh so that exit status 1 (bad records, each named on
        # stderr; also an empty partition) passes as in the other mode,
        # while anything else fails the task.
        call = " ".join(shlex.quote(a) for a in [binary, "-q", *command_args(command, "-")])
        run = f"{call} || [ $? -eq 1 ]"
        return lines.pipe(f"/bin/sh -c {shlex.quote(run)}", checkCode=True)
    return lines.mapPartitions(extract_partition(name, command))


def context(master=None):
    """A SparkContext, quiet but for warnings."""
    conf = SparkConf().setAppName("quotetrail-extract")
    if master:
        conf = conf.setMaster(master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    return sc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--bin", required=True, help="the quotetrail binary")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--mode", choices=("partitions", "pipe"), default="partitions")
    ap.add_argument(
        "--command",
        choices=("extract", "keys"),
        default="extract",
        help="what the binary prints: articles (extract --format jsonl) or candidate keys",
    )
    ap.add_argument("--warc", action="store_true", help="INPUT is WARC files")
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit sets it")
    ap.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    args = ap.parse_args()

    sc = context(args.master)
    binary = os.path.abspath(args.bin)
    sc.addFile(binary)
    try:
        out = build(sc, binary, args.input, args.mode, args.command, args.warc, args.partitions)
        out.saveAsTextFile(args.output)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()

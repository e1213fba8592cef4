"""Peak memory of exporting a big store: the in-memory export (the former ``kg export``) against the
streamed one, on the same store, each in a fresh process.

    .venv/bin/python benchmarks/bench_export.py [--copies 100] [--work DIR] [--formats nt,nq,ttl,trig]

The store: the generated test corpus (``tests/make_corpus.py``, 228 documents) built with ``kg build``,
then copied ``--copies`` times with every document, statement and entity renamed (``-c17`` appended to
its key), so that the big store has ``copies`` times the documents, statements and entities, each copy
with its own graph and bookkeeping. It is made once under ``--work`` (default: a folder in the system's
temporary folder) and reused by later runs with the same number of copies.

For each syntax, prints seconds and peak resident memory (the process's ``VmHWM``) of the in-memory
export (:func:`kg.store.store_to_graph` and :func:`kg.export.serialize`, or the sorted dataset for .nq and
.trig: what ``kg export`` did before it streamed) and of ``kg export``, checks that both wrote the same
bytes, and prints the ratios. Run on demand; not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: runs a script or module in this process and writes its peak resident memory (VmHWM: the peak of this
#: process's own memory; ru_maxrss would also count the parent's when the child was started by vfork)
RUNNER = """
import atexit, runpy, sys
out = sys.argv.pop(1)
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(out, "w").write(line.split()[1])
atexit.register(peak)
if sys.argv[1] == "-m":
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    exec(sys.argv.pop(1))
"""

IN_MEMORY = """
import sys
from pathlib import Path
from kg.export import serialize
from kg.store import _dataset_bytes, open_store, store_to_graph
store = open_store(sys.argv[1], read_only=True)
fmt = sys.argv[3]
data = _dataset_bytes(store, fmt) if fmt in ("nq", "trig") else serialize(store_to_graph(store), fmt)
Path(sys.argv[2]).write_bytes(data)
"""

FORMATS = {"nt": "nt", "nq": "nq", "ttl": "turtle", "trig": "trig"}


def run(argv: list[str], work: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of ``python ARGV`` (``-m module ...`` or ``-c``-less code and its
    arguments) in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    peak = work / "peak.txt"
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(peak), *argv], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr.decode()}")
    return seconds, int(peak.read_text()) / 1024


def same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes, compared a block at a time (this process stays small)."""
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def base_store(work: Path) -> Path:
    store = work / "corpus-store"
    if not (store / "CURRENT").exists():
        corpus = work / "corpus"
        if not corpus.exists():
            subprocess.run([sys.executable, str(ROOT / "tests" / "make_corpus.py"), str(corpus)], check=True,
                           stdout=subprocess.DEVNULL)
        build = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(store)],
                               env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        if build.returncode not in (0, 8):  # 8: the corpus's deliberately bad inputs were skipped
            sys.exit("kg build of the test corpus failed")
    return store


def big_store(work: Path, copies: int) -> Path:
    """The corpus store copied ``copies`` times (see the module docstring)."""
    import pyoxigraph as ox

    from kg.store import P_EXTRACTION, open_store, store_base

    target = work / f"big-{copies}"
    if (target / "CURRENT").exists():
        return target
    source = open_store(base_store(work), read_only=True)
    base = store_base(source)
    renamed = tuple(base + p for p in ("document/", "statement/", "entity/", "graph/document/"))
    quads = [q for q in source if q.predicate.value != str(P_EXTRACTION)]

    def rename(term, k: int):
        if isinstance(term, ox.NamedNode) and term.value.startswith(renamed):
            return ox.NamedNode(f"{term.value}-c{k}")
        return term

    def copied():
        for k in range(copies):
            for q in quads:
                if k == 0:
                    yield q
                else:
                    yield ox.Quad(rename(q.subject, k), q.predicate, rename(q.object, k), rename(q.graph_name, k))

    store = open_store(target, create=True)
    store.bulk_extend(copied())
    store.flush()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the corpus in the big store (default 100)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-export",
                        help="folder for the corpus, the stores and the exports")
    parser.add_argument("--formats", default="nt,nq,ttl,trig", help="extensions to export (default nt,nq,ttl,trig)")
    parser.add_argument("--streamed-only", action="store_true",
                        help="measure the streamed export only (the in-memory one of a large store needs GBs)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    store = big_store(args.work, args.copies)

    from kg.store import count_documents, count_quads, open_store

    opened = open_store(store, read_only=True)
    print(f"store: {count_documents(opened):,} documents, {count_quads(opened):,} exported quads, "
          f"{sum(f.stat().st_size for f in store.iterdir()) / 1e6:,.0f} MB on disk ({args.copies} copies of the "
          f"test corpus)")
    del opened
    print(f"{'format':<7} {'export':<10} {'seconds':>8} {'peak MB':>8} {'output MB':>10}")
    for ext in args.formats.split(","):
        fmt = FORMATS[ext]
        mem_out, stream_out = args.work / f"in-memory.{ext}", args.work / f"streamed.{ext}"
        str_s, str_mb = run(["-m", "kg.cli", "export", "--store", str(store), "-o", str(stream_out)], args.work)
        size = stream_out.stat().st_size / 1e6
        if args.streamed_only:
            print(f"{ext:<7} {'streamed':<10} {str_s:8.1f} {str_mb:8.0f} {size:10.1f}")
            stream_out.unlink()
            continue
        mem_s, mem_mb = run([IN_MEMORY, str(store), str(mem_out), fmt], args.work)
        same = same_bytes(mem_out, stream_out)
        print(f"{ext:<7} {'in memory':<10} {mem_s:8.1f} {mem_mb:8.0f} {size:10.1f}")
        print(f"{ext:<7} {'streamed':<10} {str_s:8.1f} {str_mb:8.0f} {size:10.1f}")
        print(f"{ext:<7} streamed / in memory: peak memory {str_mb / mem_mb:.2f}, time {str_s / mem_s:.2f}; "
              f"same bytes: {'yes' if same else 'NO'}")
        mem_out.unlink()
        stream_out.unlink()
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory of exporting a big store: the in-memory export (the former ``kg export``) against the
streamed one, on the same store, each in a fresh process.

    .venv/bin/python benchmarks/bench_export.py [--copies 100] [--work DIR] [--formats nt,nq,ttl,trig]

The store: the generated test corpus (``tests/make_corpus.py``, 228 documents) built with ``kg build``,
then copied ``--copies`` times with every document, statement and entity renamed (``-c17`` appended to
its key), so that the big store has ``copies`` times the documents, statements and entities, each copy
with its own graph and bookkeeping. It is made once under ``--work`` (default: a folder in the system's
temporary folder) and reused by later runs with the same number of copies.

For each syntax, prints seconds and peak resident memory (the process's ``ru_maxrss``) of the in-memory
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


def run(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of a command run in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(argv)}\n{err}")
    return seconds, usage.ru_maxrss / 1024


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
        mem_s, mem_mb = run([sys.executable, "-c", IN_MEMORY, str(store), str(mem_out), fmt])
        str_s, str_mb = run([sys.executable, "-m", "kg.cli", "export", "--store", str(store), "-o", str(stream_out)])
        same = mem_out.read_bytes() == stream_out.read_bytes()
        size = stream_out.stat().st_size / 1e6
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

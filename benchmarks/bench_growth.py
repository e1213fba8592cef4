"""How ``kg build`` into one store behaves as the store grows: 20,000 generated documents, built in slices.

Usage::

    .venv/bin/python benchmarks/bench_growth.py [--documents 20000] [--slice 2000] [--workers 1]
                                                [--max-minutes 60] [--store DIR]

The corpus comes from :func:`make_corpus.growth_articles` (``tests/make_corpus.py``): short news articles
whose people, organisations and towns are drawn with a Zipf-like law from name spaces of hundreds of
thousands of names, so that the number of distinct entities keeps growing as in real news. Each slice of
``--slice`` documents is built into the same store (``kg.corpus.build_corpus``, as ``kg build SLICE
--store DIR`` does, in this process so that the models load once), and a line is printed per slice:

- documents/s of the slice, by the clock and per CPU second of the process (the clock moves with the
  machine's other work, the CPU time much less), and the CPU seconds of it spent in the store's final
  reconciliation (which reads every document of the store: it grows with the store) and in loading the
  entity index;
- the distinct names the corpus holds so far (the generator's count) and the entries of the store's entity
  index (:func:`kg.store.load_index`: one per local entity key) with its size in memory (tracemalloc);
- the store's size on disk as the build leaves it (RocksDB's write-ahead logs included) and the peak
  resident memory of the process so far (the models included: they are loaded before the first slice;
  with ``--workers N`` the fork server's own loading falls in the first slice, and the peak memory is
  this process's only).

After the last slice the store is compacted (``pyoxigraph.Store.optimize``) and its size printed again.

At the end it fits the growth: the per-document cost against the store's size (flat or linear), the
entities against the documents (Heaps' law, a power), the disk and memory per document and per entity,
and projects them to 1 M and 10 M documents. The run stops after the slice that passes ``--max-minutes``
and says how far it got. It runs on demand; the test suite does not run it.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import _cpu  # noqa: E402 - this process, its children, and kg's fork server with its workers


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes




def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2 ** 20


def fit_line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares ``y = a + b x``: (a, b)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - b * mx, b


def fit_power(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares ``y = k x^beta`` in log-log: (k, beta)."""
    a, b = fit_line([math.log(x) for x in xs], [math.log(y) for y in ys])
    return math.exp(a), b


def _timed(module, name: str, totals: dict) -> None:
    """Add the CPU seconds of every call of ``module.name`` to ``totals[name]``."""
    function = getattr(module, name)

    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.process_time() - started

    setattr(module, name, wrapper)


def run(documents: int, slice_size: int, workers: int, max_minutes: float, store_dir: Path) -> list[dict]:
    import kg.store
    from kg.corpus import build_corpus, iter_sources
    from kg.export import DEFAULT_BASE_IRI
    from kg.store import load_index, open_store
    from make_corpus import growth_articles

    from kg.nlp import MODELS, load_pipeline

    cpu = time.process_time()
    for lang in sorted(MODELS):
        load_pipeline(lang)
    print(f"models loaded in {time.process_time() - cpu:.1f} s of CPU (not counted below)", flush=True)
    totals: dict[str, float] = {}
    for name in ("reconcile", "load_index"):
        _timed(kg.store, name, totals)
    started = time.perf_counter()
    records = growth_articles(documents)
    names: set[str] = set()
    rows: list[dict] = []
    store = open_store(store_dir, create=True)
    print(f"{'documents':>9} {'docs/s':>7} {'per CPU s':>9} {'reconcile':>9} {'index':>6} {'names':>7} "
          f"{'entries':>7} {'index MB':>8} {'disk MB':>8} {'peak MB':>8}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for first in range(0, documents, slice_size):
            part = Path(tmp) / f"slice-{first:07d}.jsonl"
            with part.open("w", encoding="utf-8") as fh:
                for _ in range(min(slice_size, documents - first)):
                    record = next(records)
                    names.update(record.pop("names"))
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            totals.clear()
            t, cpu = time.perf_counter(), _cpu()
            report = build_corpus(iter_sources([str(part)]), store, base_iri=DEFAULT_BASE_IRI, workers=workers)
            seconds, cpu = time.perf_counter() - t, _cpu() - cpu
            part.unlink()
            reconcile_s, index_s = totals.get("reconcile", 0.0), totals.get("load_index", 0.0)
            tracemalloc.start()  # measured, not timed: the build loads its own
            index = load_index(store, DEFAULT_BASE_IRI)
            index_bytes = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            row = {"documents": first + report.added + report.replaced + report.unchanged, "built": report.added,
                   "seconds": seconds, "cpu": cpu, "reconcile": reconcile_s, "index_load": index_s,
                   "names": len(names), "index_entries": len(index.info),
                   "index_mb": index_bytes / 2 ** 20,
                   "store_entities": report.store.get("entities", 0), "disk_mb": disk_mb(store_dir),
                   "peak_mb": _peak_mb()}
            rows.append(row)
            print(f"{row['documents']:>9} {report.added / seconds:>7.2f} {report.added / cpu:>9.2f} "
                  f"{reconcile_s:>9.1f} {index_s:>6.1f} {row['names']:>7} {row['index_entries']:>7} "
                  f"{row['index_mb']:>8.1f} {row['disk_mb']:>8.1f} {row['peak_mb']:>8.0f}", flush=True)
            del index
            if time.perf_counter() - started > max_minutes * 60 and first + slice_size < documents:
                print(f"stopped after {row['documents']} of {documents} documents: --max-minutes {max_minutes:g} "
                      "passed", flush=True)
                break
    del store  # closed: reopening replays and drops the write-ahead logs
    gc.collect()
    store = open_store(store_dir)
    store.optimize()
    del store
    gc.collect()
    rows[-1]["compact_mb"] = disk_mb(store_dir)
    print(f"store compacted: {rows[-1]['compact_mb']:.1f} MB on disk for {rows[-1]['documents']} documents "
          f"({time.perf_counter() - started:.0f} s in all)", flush=True)
    return rows


def project(rows: list[dict]) -> None:
    """Fit the growth of the measured slices (CPU time) and project it to 1 M and 10 M documents."""
    if len(rows) < 3:
        print("too few slices to fit a growth (3 or more needed)")
        return
    ns = [r["documents"] for r in rows]
    mids = [r["documents"] - r["built"] / 2 for r in rows]  # documents in the store while a slice was built
    # per document, without the reconciliation and index load, which one build pays once
    per_doc = [(r["cpu"] - r["reconcile"] - r["index_load"]) / r["built"] for r in rows]
    a, b = fit_line(mids, per_doc)
    print(f"\nper-document CPU (reading, parsing, extraction, writes; without the final reconciliation): "
          f"{per_doc[0] * 1000:.0f} ms in the first slice, {per_doc[-1] * 1000:.0f} ms in the last; fit "
          f"{a * 1000:.1f} ms {'+' if b >= 0 else '-'} {abs(b) * 1e9:.1f} ms per million documents in the store")
    b = max(b, 0.0)  # a cost that does not rise is projected flat
    once = [r["reconcile"] + r["index_load"] for r in rows]
    ra, rb = fit_line(ns, once)
    print(f"reconciliation and index load, once per build over the whole store: {once[-1]:.1f} s of CPU for "
          f"{ns[-1]} documents; fit {ra:.1f} s + {rb * 1000:.2f} ms per stored document")
    k, beta = fit_power(ns, [r["index_entries"] for r in rows])
    kn, beta_names = fit_power(ns, [r["names"] for r in rows])
    print(f"entities: index entries = {k:.2f} x documents^{beta:.2f} (the generated names: "
          f"{kn:.2f} x documents^{beta_names:.2f})")
    disk_per_doc = rows[-1]["compact_mb"] / rows[-1]["documents"]
    ia, ib = fit_line([r["index_entries"] for r in rows], [r["index_mb"] for r in rows])
    ma, mb = fit_line(ns, [r["peak_mb"] for r in rows])
    print(f"disk: {disk_per_doc * 1000:.1f} MB per 1,000 documents (compacted); entity index "
          f"{ib * 2 ** 20:.0f} bytes per entry in memory; peak memory {ma:.0f} MB + {mb * 1000:.1f} MB per 1,000 "
          f"documents")
    for n in (1_000_000, 10_000_000):
        entries = k * n ** beta
        build_h = (a * n + b * n * n / 2 + ra + rb * n) / 3600
        print(f"projected for {n:>10,} documents: {entries:>11,.0f} index entries, entity index "
              f"{ia + ib * entries:>7,.0f} MB, peak memory {ma + mb * n:>9,.0f} MB, store "
              f"{disk_per_doc * n / 1024:>6,.1f} GB on disk, one build {build_h:>6,.1f} h of CPU "
              f"({n / (build_h * 3600):.1f} documents per CPU second)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--documents", type=int, default=20_000)
    p.add_argument("--slice", type=int, default=2_000, help="documents per slice (default 2000)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--max-minutes", type=float, default=60.0,
                   help="stop after the slice that passes this time (default 60)")
    p.add_argument("--store", help="build into this store folder and keep it (default: a temporary one)")
    args = p.parse_args()
    print(f"kg build of {args.documents} generated documents in slices of {args.slice}, "
          f"{args.workers} worker(s), {os.cpu_count()} cores on the machine", flush=True)
    if args.store:
        rows = run(args.documents, args.slice, args.workers, args.max_minutes, Path(args.store))
    else:
        tmp = tempfile.mkdtemp(prefix="kg-growth-")
        try:
            rows = run(args.documents, args.slice, args.workers, args.max_minutes, Path(tmp) / "store")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    project(rows)


if __name__ == "__main__":
    main()

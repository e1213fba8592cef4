"""CPU time of the store's part of ``kg build`` alone: writes, reconciliation, index, statistics.

Usage::

    .venv/bin/python benchmarks/bench_store.py STORE INPUT ... [--runs 3]

``STORE`` is a store that ``kg build INPUT ... --store STORE`` built. The benchmark builds the same inputs
into new stores with :func:`kg.corpus.build_corpus`, in one process, with the documents read beforehand
and each document's extraction taken from ``STORE`` instead of spaCy's: what is left is the store's work,
in seconds rather than the minutes of a real build, and with much less noise on a shared machine. Each
run prints the CPU seconds of :func:`kg.store.write_document`, :func:`kg.store.reconcile`,
:func:`kg.store.load_index` and :func:`kg.store.store_stats`, and checks that the new store exports the
same N-Quads as ``STORE``, byte for byte. Run it from the folder the inputs were named from (the
documents' sources are the paths as given).
"""
from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's kg

PARTS = ("write_document", "reconcile", "load_index", "store_stats")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("store", help="a store built from the inputs by kg build")
    p.add_argument("inputs", nargs="+", help="the files, folders or .jsonl the store was built from")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()

    import kg.corpus as corpus
    import kg.store as store
    from kg.dates import normalise_date
    from kg.merge import extraction_from_json

    source = store.open_store(args.store, read_only=True)
    base = store.store_base(source)
    stored = {store._doc_id_of(base, doc): data for doc, data, _ in store._extractions(source, base)}
    sources = list(corpus.iter_sources(args.inputs))
    read = {id(s): corpus.read_sources([s]) for s in sources}  # reading (HTML, language) is not the store's
    with tempfile.TemporaryDirectory() as tmp:
        store.export_store(source, Path(tmp) / "expected.nq")
        expected = (Path(tmp) / "expected.nq").read_bytes()
    del source

    def extracted(items: list, **_) -> list:
        out = []
        for item in items:
            _, entities, statements = extraction_from_json(stored[item[0].id])
            out.append(SimpleNamespace(entities=tuple(entities), statements=tuple(statements)))
        return out

    corpus.read_sources = lambda batch, **_: [x for s in batch for x in read[id(s)]]
    corpus._extract_items = extracted
    totals: dict[str, float] = {}
    depth = [0]  # a part called inside another (load_index in reconcile) counts in the outer one only

    def timed(name: str) -> None:
        function = getattr(store, name)

        @functools.wraps(function)
        def wrapper(*a, **kw):
            started = time.process_time()
            depth[0] += 1
            try:
                return function(*a, **kw)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    totals[name] = totals.get(name, 0.0) + time.process_time() - started

        setattr(store, name, wrapper)

    for name in PARTS:
        timed(name)
    normalise_date("3 mars 1999", "fr")  # dateparser warmed, as the extraction leaves it in a real build
    normalise_date("March 3, 1999", "en")
    import kg.export

    for run in range(1, args.runs + 1):
        totals.clear()
        if hasattr(kg.export, "_document_date"):  # every run reads the documents' dates afresh
            kg.export._document_date.cache_clear()
        with tempfile.TemporaryDirectory() as tmp:
            new = store.open_store(Path(tmp) / "store", create=True)
            started = time.process_time()
            report = corpus.build_corpus(sources, new, base_iri=base)
            cpu = time.process_time() - started
            store.export_store(new, Path(tmp) / "out.nq")
            same = (Path(tmp) / "out.nq").read_bytes() == expected
            del new
        parts = ", ".join(f"{name} {totals.get(name, 0.0):.3f}" for name in PARTS)
        print(f"run {run}: {report.read} documents, build_corpus {cpu:.3f} s of CPU; {parts}; "
              f"store part {sum(totals.values()):.3f}; export {'the same bytes' if same else 'DIFFERS'}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()

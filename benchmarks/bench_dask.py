"""``kg build --dask local:N`` (a LocalCluster of N worker processes) against ``kg build --workers N``
(N processes of multiprocessing), on the same inputs, for N = 1 and 2.

Usage::

    .venv/bin/python benchmarks/bench_dask.py [INPUT ...] [--workers 1 2] [--partition-size 32]

Without inputs it builds the 200+ document test corpus (``tests/make_corpus.py``) in a temporary folder.
Each build is ``kg build INPUTS --store NEW_DIR ...`` in a fresh process, timed from start to exit:
starting the workers and loading the models in each (counted, as a user waits for it), reading, parsing,
extraction, and writing the store (for Dask: the partitions' results, then the bulk load here). Peak
memory is that of the process running the command (for Dask, the workers are the cluster's processes:
their memory is not in it). Every build's N-Quads export is compared with the first: they must be the
same bytes. Run on demand; not part of the test suite.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import available_cores, inputs_or_test_corpus  # noqa: E402  (the same load measure and inputs)


def build(inputs: list[str], store: Path, engine: str, workers: int, partition_size: int) -> dict:
    extra = (["--workers", str(workers)] if engine == "workers" else
             ["--dask", f"local:{workers}", "--partition-size", str(partition_size)])
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", *inputs, "--store", str(store), *extra],
                         capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 8):  # 8: the generated corpus's deliberately bad inputs were skipped
        raise SystemExit(f"kg build {' '.join(extra)} failed ({run.returncode}):\n{run.stderr}")
    documents = int(re.search(r"documents\s+(\d+) read", run.stdout).group(1))
    models = re.search(r"models loaded in ([\d.]+)-([\d.]+) s per worker", run.stdout)
    export = store.with_suffix(".nq")
    subprocess.run([sys.executable, "-m", "kg.cli", "export", "--store", str(store), "-o", str(export)],
                   check=True, capture_output=True, env=env)
    digest = hashlib.sha256(export.read_bytes()).hexdigest()
    return {"documents": documents, "seconds": seconds, "digest": digest,
            "models": f"{models.group(1)}-{models.group(2)}" if models else ""}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="*", help="files, folders or .jsonl (default: the generated test corpus)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--partition-size", type=int, default=32, help="documents per Dask partition (default 32)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = inputs_or_test_corpus(args.inputs, tmp)
        print(f"cores available to 2 busy processes: {available_cores():.2f}")
        print(f"{'workers':>7}  {'engine':<17} {'documents':>9} {'seconds':>8} {'docs/s':>7}  models loaded (s)")
        results = {}
        for w in args.workers:
            for engine, name in (("workers", f"--workers {w}"), ("dask", f"--dask local:{w}")):
                r = build(inputs, Path(tmp) / f"{engine}-{w}", engine, w, args.partition_size)
                results[engine, w] = r
                print(f"{w:>7}  {name:<17} {r['documents']:>9} {r['seconds']:>8.1f} "
                      f"{r['documents'] / r['seconds']:>7.2f}  {r['models']}")
            ratio = results["workers", w]["seconds"] / results["dask", w]["seconds"]
            print(f"{w:>7}  dask / multiprocessing throughput: {ratio:.2f}")
        for engine in ("workers", "dask"):
            if (engine, 1) in results and (engine, 2) in results:
                print(f"{engine:>7}  2 workers / 1 worker throughput: "
                      f"{results[engine, 1]['seconds'] / results[engine, 2]['seconds']:.2f}")
        digests = {r["digest"] for r in results.values()}
        print(f"same export bytes for every build: {'yes' if len(digests) == 1 else 'NO'}")
        return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())

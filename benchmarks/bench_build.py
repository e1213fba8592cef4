"""Throughput of ``kg build`` against bare spaCy ``nlp.pipe`` on the same texts, for 1 and 2 workers.

Usage::

    .venv/bin/python benchmarks/bench_build.py [INPUT ...] [--workers 1 2]

Without inputs it builds the 200+ document test corpus (``tests/make_corpus.py``) in a temporary folder.
Each measurement runs in a fresh process (model loading included, as a user sees it) and reports its peak
resident memory, the largest of the process and of its worker processes.

- ``spacy``: the documents' cleaned texts (read before the clock starts) through
  ``spacy.load(model).pipe(texts, batch_size=32, n_process=N)``, per language, and nothing else;
- ``kg build``: ``kg build INPUTS --store DIR --workers N`` into a new store: reading the files, parsing,
  extraction, resolution, writing every document and the final reconciliation.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux: kilobytes


def child_spacy(inputs: list[str], workers: int) -> dict:
    import spacy

    from kg.corpus import iter_inputs
    from kg.nlp import MODELS

    by_lang: dict[str, list[str]] = {}
    for item in iter_inputs(inputs):
        if isinstance(item, tuple):
            by_lang.setdefault(item[0].lang, []).append(item[0].text)
    started = time.perf_counter()  # the clock starts once the texts are read: spaCy's own work only
    n = 0
    for lang, texts in sorted(by_lang.items()):
        nlp = spacy.load(MODELS[lang][0])
        for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
            n += 1
    return {"documents": n, "seconds": time.perf_counter() - started}


def child_kg(inputs: list[str], workers: int) -> dict:
    from kg.cli import EXIT_PARTIAL, main

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            rc = main(["build", *inputs, "--store", str(Path(tmp) / "store"), "--workers", str(workers)])
        seconds = time.perf_counter() - started
    if rc not in (0, EXIT_PARTIAL):  # the generated corpus holds bad inputs on purpose: skipped, not fatal
        raise SystemExit(f"kg build failed with exit code {rc}")
    read = int(out.getvalue().split(" read:")[0].split()[-1])
    return {"documents": read, "seconds": seconds}


def _spin(seconds: float) -> float:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass
    return time.process_time()


def available_cores(n: int = 2, seconds: float = 3.0) -> float:
    """How many cores ``n`` busy processes actually get on this machine now (other jobs share it)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(n) as pool:
        started = time.perf_counter()
        cpu = sum(pool.map(_spin, [seconds] * n))
        return cpu / (time.perf_counter() - started)


def measure(kind: str, inputs: list[str], workers: int) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", kind, *inputs, "--workers", str(workers)],
                         capture_output=True, text=True, cwd=ROOT)
    if run.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="*", help="files, folders or .jsonl (default: the generated test corpus)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--child", choices=["spacy", "kg"], help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        result = (child_spacy if args.child == "spacy" else child_kg)(args.inputs, args.workers[0])
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        inputs = args.inputs
        if not inputs:
            sys.path.insert(0, str(ROOT / "tests"))
            from make_corpus import write_corpus

            write_corpus(Path(tmp) / "corpus")
            inputs = [str(Path(tmp) / "corpus")]
        print(f"cores available to 2 busy processes: {available_cores():.2f}")
        print(f"{'workers':>7}  {'run':<9} {'documents':>9} {'seconds':>8} {'docs/s':>7} {'peak MB':>8}")
        for w in args.workers:
            bare = measure("spacy", inputs, w)
            built = measure("kg", inputs, w)
            for name, r in (("spacy", bare), ("kg build", built)):
                print(f"{w:>7}  {name:<9} {r['documents']:>9} {r['seconds']:>8.1f} "
                      f"{r['documents'] / r['seconds']:>7.2f} {r['peak_mb']:>8.0f}")
            ratio = (built["documents"] / built["seconds"]) / (bare["documents"] / bare["seconds"])
            print(f"{w:>7}  kg build / spacy throughput: {ratio:.2f}")


if __name__ == "__main__":
    main()

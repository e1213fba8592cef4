"""Throughput of ``kg build`` against bare spaCy ``nlp.pipe`` on the same texts, for 1 and 2 workers.

Usage::

    .venv/bin/python benchmarks/bench_build.py [INPUT ...] [--workers 1 2] [--no-parts]

Without inputs it builds the 200+ document test corpus (``tests/make_corpus.py``) in a temporary folder.
Each measurement runs in a fresh process (model loading included, as a user sees it) and reports its
wall-clock time, its CPU time (the process and its worker processes: what the run costs on a machine
shared with other work, where wall-clock ratios move with the load) and its peak resident memory, the
largest of the process and of its worker processes (kg's fork server and workers included, sampled from
``/proc`` four times a second).

- ``spacy``: the documents' cleaned texts (read before the clock starts) through
  ``spacy.load(model).pipe(texts, batch_size=32, n_process=N)``, per language, and nothing else (spaCy's
  import included: it was left out of the clock before, about 0.8 s of CPU that only ``kg build`` paid);
- ``kg build``: ``kg build INPUTS --store DIR --workers N`` into a new store: reading the files, parsing,
  extraction, resolution, writing every document and the final reconciliation.

It also prints what a process costs before its first document (start-up: Python, spaCy and the models;
for kg also its modules, lexicons, gazetteer, name matchers and language detector), which bare spaCy and
``kg build`` pay once per run whatever the number of workers (spaCy forks its workers from the process that loaded the
model, kg from a fork server that did, see ``kg.workers``), and, unless ``--no-parts``, the CPU time of
each part of a one-process build measured in that one process: spaCy's own components, kg's components in
the spaCy pipeline, reading, extraction and the store.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's kg, in this process and in the runs it starts


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux: kilobytes


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes, and of the fork server that
    ``kg build --workers N`` starts (``kg.workers``) with the workers it forked: it is no child this
    process waits for, so its time is read from ``/proc`` (Linux) while it lives."""
    cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if pid:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    return cpu


def inputs_or_test_corpus(inputs: list[str], tmp: str) -> list[str]:
    """The inputs given, or the generated test corpus (``tests/make_corpus.py``) written under ``tmp``."""
    if inputs:
        return inputs
    sys.path.insert(0, str(ROOT / "tests"))
    from make_corpus import write_corpus

    write_corpus(Path(tmp) / "corpus")
    return [str(Path(tmp) / "corpus")]


def _documents(inputs: list[str]) -> list:
    from kg.corpus import iter_inputs

    return [item[0] for item in iter_inputs(inputs) if isinstance(item, tuple)]


def child_spacy(inputs: list[str], workers: int) -> dict:
    by_lang: dict[str, list[str]] = {}
    for doc in _documents(inputs):  # kg's readers, which import no spaCy
        by_lang.setdefault(doc.lang, []).append(doc.text)
    assert "spacy" not in sys.modules
    # the clock starts once the texts are read: spaCy's own work only, from its import on, as a script
    # using spaCy pays it (and as kg build does)
    started, cpu = time.perf_counter(), _cpu()
    import spacy

    from kg.nlp import MODELS

    n = 0
    for lang, texts in sorted(by_lang.items()):
        nlp = spacy.load(MODELS[lang][0])
        for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
            n += 1
    return {"documents": n, "seconds": time.perf_counter() - started, "cpu": _cpu() - cpu}


def _descendants_peak_mb(root: int) -> float:
    """The largest peak resident memory (VmHWM) among the live processes descending from ``root`` (Linux)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    peak, todo = 0, list(children.get(root, ()))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
    return peak / 1024


def child_kg(inputs: list[str], workers: int) -> dict:
    import threading

    from kg.cli import EXIT_PARTIAL, main

    # the workers of kg build --workers N are forked from a fork server, not from this process: their
    # memory is sampled while they live
    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            peak[0] = max(peak[0], _descendants_peak_mb(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        started, cpu = time.perf_counter(), _cpu()
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            rc = main(["build", *inputs, "--store", str(Path(tmp) / "store"), "--workers", str(workers)])
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    done.set()
    sampler.join()
    if rc not in (0, EXIT_PARTIAL):  # the generated corpus holds bad inputs on purpose: skipped, not fatal
        raise SystemExit(f"kg build failed with exit code {rc}")
    read = int(out.getvalue().split(" read:")[0].split()[-1])
    return {"documents": read, "seconds": seconds, "cpu": cpu, "tree_peak_mb": peak[0]}


def child_startup(langs: list[str], kind: str) -> dict:
    """CPU of a fresh process until it can parse: ``spacy`` loads the models, ``kg`` does what the fork
    server of a build does before the first worker is forked (:func:`kg.workers.preload`)."""
    cpu = time.process_time()
    if kind == "spacy":
        import spacy

        from kg.nlp import MODELS

        for lang in langs:
            spacy.load(MODELS[lang][0])
    else:
        from kg.workers import preload

        preload()
    return {"cpu": time.process_time() - cpu}


class _Timed:
    """A pipeline component whose CPU time is added to ``totals[name]``."""

    def __init__(self, name: str, proc, totals: dict):
        self.name, self.proc, self.totals = name, proc, totals

    def _add(self, started: float) -> None:
        self.totals[self.name] = self.totals.get(self.name, 0.0) + time.process_time() - started

    def __call__(self, doc):
        started = time.process_time()
        doc = self.proc(doc)
        self._add(started)
        return doc

    def pipe(self, stream, **kwargs):
        docs = list(stream)  # what comes before is timed by its own wrapper
        started = time.process_time()
        out = list(self.proc.pipe(docs, **kwargs)) if hasattr(self.proc, "pipe") else [self.proc(d) for d in docs]
        self._add(started)
        yield from out

    def __getattr__(self, name):
        return getattr(self.proc, name)


def child_parts(inputs: list[str]) -> dict:
    """CPU time of each part of a one-worker ``kg build`` into a new store, measured in one process."""
    import kg.corpus
    import kg.pipeline
    import kg.store
    from kg.cli import main
    from kg.nlp import load_pipeline

    from kg.nlp import MODELS
    from kg.workers import preload

    totals: dict[str, float] = {}
    started = time.process_time()
    preload()  # what every run pays once: the models, the gazetteer, the language detector …
    start_up = time.process_time() - started
    components: dict[str, float] = {}
    for lang in MODELS:
        nlp = load_pipeline(lang)
        nlp._components = [(name, _Timed(name, proc, components)) for name, proc in nlp._components]
        nlp.tokenizer = _Timed("tokenizer", nlp.tokenizer, components)

    def timed(module, name: str, part: str) -> None:
        function = getattr(module, name)

        def wrapper(*args, **kwargs):
            t = time.process_time()
            result = function(*args, **kwargs)
            totals[part] = totals.get(part, 0.0) + time.process_time() - t
            return result

        setattr(module, name, wrapper)

    timed(kg.corpus, "read_sources", "reading (files, HTML, language)")
    timed(kg.pipeline, "extract_document", "extraction and resolution")
    for name in ("write_document", "reconcile", "load_index", "store_stats"):
        timed(kg.store, name, "store (writes, reconciliation)")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.process_time()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["build", *inputs, "--store", str(Path(tmp) / "store")])
        total = time.process_time() - started
    kg_components = {"kg_sentence_bounds", "gazetteer_names", "gazetteer_words"}
    return {"start-up": start_up, "total": total,
            "spacy": {k: v for k, v in components.items() if k not in kg_components},
            "kg components": {k: v for k, v in components.items() if k in kg_components},
            "kg": totals}


def _run(*args: str) -> dict:
    run = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if run.returncode != 0:
        raise SystemExit(f"{args[:2]} run failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def measure(kind: str, inputs: list[str], workers: int) -> dict:
    return _run("--child", kind, *inputs, "--workers", str(workers))


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


def print_parts(parts: dict) -> None:
    spacy_cpu = sum(parts["spacy"].values())
    kg_parts = {**{f"component {k}": v for k, v in parts["kg components"].items()}, **parts["kg"]}
    kg_cpu = parts["total"] - spacy_cpu
    print(f"one-process build, CPU seconds by part (start-up {parts['start-up']:.1f} s not included):")
    print(f"  spaCy's own pipeline  {spacy_cpu:6.2f}  "
          + ", ".join(f"{k} {v:.2f}" for k, v in sorted(parts["spacy"].items(), key=lambda kv: -kv[1])))
    print(f"  kg                    {kg_cpu:6.2f}  "
          + ", ".join(f"{k} {v:.2f}" for k, v in sorted(kg_parts.items(), key=lambda kv: -kv[1]))
          + f", other {kg_cpu - sum(kg_parts.values()):.2f}")
    print(f"  spaCy's share of the build's CPU: {spacy_cpu / parts['total']:.2f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="*", help="files, folders or .jsonl (default: the generated test corpus)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--no-parts", action="store_true", help="skip the CPU breakdown of a one-process build")
    p.add_argument("--child", choices=["spacy", "kg", "startup-spacy", "startup-kg", "parts"],
                   help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        if args.child.startswith("startup-"):
            result = child_startup(args.inputs, args.child.split("-")[1])
        elif args.child == "parts":
            result = child_parts(args.inputs)
        else:
            result = (child_spacy if args.child == "spacy" else child_kg)(args.inputs, args.workers[0])
        result["peak_mb"] = max(_peak_mb(), result.pop("tree_peak_mb", 0.0))
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        inputs = inputs_or_test_corpus(args.inputs, tmp)
        print(f"cores available to 2 busy processes: {available_cores():.2f}")
        langs = sorted({d.lang for d in _documents(inputs)})
        bare = _run("--child", "startup-spacy", *langs)["cpu"]
        worker = _run("--child", "startup-kg", *langs)["cpu"]
        from kg.nlp import MODELS

        print(f"start-up, once per run whatever the workers, CPU seconds: spaCy {bare:.1f} (import, the models of "
              f"{', '.join(langs)}); kg {worker:.1f} (the same for {', '.join(sorted(MODELS))}, and kg's modules, "
              f"lexicons, gazetteer, name matchers and language detector)")
        if not args.no_parts:
            print_parts(_run("--child", "parts", *inputs))
        print(f"{'workers':>7}  {'run':<9} {'documents':>9} {'seconds':>8} {'docs/s':>7} {'CPU s':>7} {'peak MB':>8}")
        for w in args.workers:
            bare = measure("spacy", inputs, w)
            built = measure("kg", inputs, w)
            for name, r in (("spacy", bare), ("kg build", built)):
                print(f"{w:>7}  {name:<9} {r['documents']:>9} {r['seconds']:>8.1f} "
                      f"{r['documents'] / r['seconds']:>7.2f} {r['cpu']:>7.1f} {r['peak_mb']:>8.0f}")
            ratio = (built["documents"] / built["seconds"]) / (bare["documents"] / bare["seconds"])
            cpu_ratio = (built["documents"] / built["cpu"]) / (bare["documents"] / bare["cpu"])
            print(f"{w:>7}  kg build / spacy throughput: {ratio:.2f} (per CPU second: {cpu_ratio:.2f})")


if __name__ == "__main__":
    main()

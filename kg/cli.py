"""The command line: parses options, calls one kg function, renders the result.

Every :class:`~kg.errors.KGError` becomes one message line on stderr and a non-zero exit; no command
leaves a half-written output file behind.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__
from .errors import InputError, KGError


def _progress(iterable, total: int, desc: str):
    """A progress bar on a terminal, nothing when stderr is piped."""
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=not sys.stderr.isatty(),
                leave=False)


def cmd_build(args: argparse.Namespace) -> int:
    import os
    import shutil
    import tempfile

    from .corpus import build_corpus, count_inputs, format_report, iter_sources
    from .store import DATASET_EXTENSIONS, export_store, open_store

    if not args.store and not args.output:
        raise KGError("kg build needs --store DIR (a persistent store to add to) or -o FILE (a one-shot export), "
                      "or both")
    if args.workers < 1:
        raise KGError(f"--workers must be at least 1, found {args.workers}")
    if args.output:
        from pathlib import Path

        from .export import format_for
        if Path(args.output).suffix.lower() not in DATASET_EXTENSIONS:
            format_for(args.output)  # an unknown extension is refused before any work
    single = args.inputs[0] if len(args.inputs) == 1 else None
    if single and single != "-" and not os.path.isdir(single) and not single.lower().endswith(".jsonl"):
        # one article: its error is the command's error, before any store is touched
        from .ingest import read_document
        read_document(single, lang=args.lang, encoding=args.encoding)
    tmp = None if args.store else tempfile.mkdtemp(prefix="kg-build-")
    try:
        store = open_store(args.store or tmp + "/store", create=True)
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm
            bar = tqdm(total=count_inputs(args.inputs), desc="building", unit="doc", file=sys.stderr)

        def on_skip(s) -> None:
            if bar is None:
                print(f"kg: skipped {s.reason}", file=sys.stderr)
            else:
                bar.write(f"kg: skipped {s.reason}", file=sys.stderr)

        try:
            report = build_corpus(iter_sources(args.inputs, lang=args.lang), store, lang=args.lang,
                                  encoding=args.encoding, base_iri=args.base_iri,
                                  min_confidence=args.min_confidence, workers=args.workers,
                                  on_document=bar.update if bar is not None else None, on_skip=on_skip)
        finally:
            if bar is not None:
                bar.close()
        if report.read == 0:
            if len(args.inputs) == 1 and len(report.skipped) == 1:
                raise InputError(report.skipped[0].reason.removeprefix("kg: "))
            raise InputError(f"none of the {len(args.inputs)} inputs could be read")
        if args.output:
            export_store(store, args.output)
        del store
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(format_report(report), end="")
    if args.output:
        print(f"kg: written {args.output}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .store import export_store, open_store

    store = open_store(args.store, read_only=True)
    export_store(store, args.output)
    print(f"kg: written {args.output}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from .corpus import format_stats
    from .store import open_store, store_stats

    stats = store_stats(open_store(args.store, read_only=True), top=args.top)
    print(json.dumps(stats, ensure_ascii=False, indent=1) if args.json else format_stats(stats), end="\n" if args.json else "")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_report, read_gold

    records = read_gold(args.gold, articles=args.articles)
    report = evaluate(records, progress=lambda docs: _progress(docs, len(records), "evaluating"))
    if args.json:
        print(json.dumps({"gold": args.gold, **report}, ensure_ascii=False, indent=1))
    else:
        print(f"kg evaluate {args.gold}: {report['records']} record(s)\n")
        print(format_report(report, by_label=args.by_label, verbose=args.verbose), end="")
    return 0


def make_parser() -> argparse.ArgumentParser:
    from .export import DEFAULT_BASE_IRI

    p = argparse.ArgumentParser(prog="kg", description="Build knowledge graphs from news articles.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read articles into a store and/or write their knowledge graph",
                       description="Read news articles (files, folders of .txt/.md/.html, JSONL with one article per "
                                   "line, - for standard input) and add their knowledge graph to a persistent store "
                                   "(--store), or write it as RDF (-o; the format follows the extension: .ttl, .nt, "
                                   ".jsonld, .rdf, .nq, .trig). Documents already in the store with the same content "
                                   "are skipped, so an interrupted build resumes where it stopped.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, folders, .jsonl files, or - (stdin)")
    b.add_argument("--store", metavar="DIR", help="store directory to add to (created if missing)")
    b.add_argument("-o", "--output", help="output file (.ttl, .nt, .jsonld, .rdf, .nq, .trig)")
    b.add_argument("--workers", type=int, default=1, metavar="N", help="parser processes (default: 1)")
    b.add_argument("--lang", choices=["fr", "en"], help="language of the articles (default: detected)")
    b.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default: utf-8)")
    b.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help=f"base of entity IRIs (default: {DEFAULT_BASE_IRI})")
    b.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="keep only statements with confidence >= X (0..1, default 0)")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("evaluate", help="score extraction against gold annotations",
                       description="Extract every record of a gold file (JSONL of annotated articles or of PLOVER "
                                   "sentences, or a .json file holding one record) and print precision, recall "
                                   "and F1 for entities and relations, per language, and the split entities and "
                                   "negated edges present.")
    e.add_argument("gold", metavar="GOLD", help="gold file (.jsonl, or .json holding one record)")
    e.add_argument("--by-label", action="store_true", help="also score each relation label")
    e.add_argument("--verbose", action="store_true",
                   help="list per record the missing relations, the wrong and the forbidden edges present")
    e.add_argument("--json", action="store_true", help="print the whole report as JSON")
    e.add_argument("--articles", metavar="DIR",
                   help="folder of the article files named by records that have no 'text' (default: found "
                        "next to the gold file)")
    e.set_defaults(func=cmd_evaluate)

    x = sub.add_parser("export", help="write a store's graph to an RDF file",
                       description="Export a store built by 'kg build --store'. The format follows the extension: "
                                   ".ttl, .nt, .jsonld, .rdf (one graph), .nq, .trig (one named graph per document).")
    x.add_argument("--store", metavar="DIR", required=True, help="store directory")
    x.add_argument("-o", "--output", required=True, help="output file (.ttl, .nt, .jsonld, .rdf, .nq, .trig)")
    x.set_defaults(func=cmd_export)

    t = sub.add_parser("stats", help="counts of a store: types, relations, most connected entities",
                       description="Print a store's documents, entities by type, statements by relation and the "
                                   "entities that take part in the most statements.")
    t.add_argument("--store", metavar="DIR", required=True, help="store directory")
    t.add_argument("--top", type=int, default=10, metavar="N", help="how many connected entities to list (default 10)")
    t.add_argument("--json", action="store_true", help="print the counts as JSON")
    t.set_defaults(func=cmd_stats)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KGError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""The command line: parses options, calls one kg function, renders the result.

Every :class:`~kg.errors.KGError` becomes one message line on stderr and a non-zero exit; no command
leaves a half-written output file behind.
"""
from __future__ import annotations

import argparse
import sys
from typing import Iterator, Sequence

from . import __version__
from .errors import InputError, KGError, StoreError


def _progress(iterable, total: int, desc: str):
    """A progress bar on a terminal, nothing when stderr is piped."""
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=not sys.stderr.isatty(),
                leave=False)


def cmd_build(args: argparse.Namespace) -> int:
    from .export import DEFAULT_BASE_IRI, write_graph  # noqa: F401
    from .ingest import read_document
    from .pipeline import build_graph

    _check_build_output(args.output)
    skipped: list[str] = []

    def documents() -> Iterator:
        for path in args.inputs:
            try:
                yield read_document(path, lang=args.lang, encoding=args.encoding)
            except InputError as e:
                if len(args.inputs) == 1:
                    raise
                skipped.append(f"{path}: {e}")
                print(f"kg: skipped {e}", file=sys.stderr)

    kg = build_graph(_progress(documents(), len(args.inputs), "building"), min_confidence=args.min_confidence)
    if not kg.documents:
        raise InputError(f"none of the {len(args.inputs)} inputs could be read")
    _write_build_output(kg, args)
    s = kg.stats()
    edges = sum(1 for st in kg.statements() if st.is_edge)
    print(f"kg: {s['documents']} document(s), {s['entities']} entities, {s['statements']} statements "
          f"({edges} direct edges) -> {args.output}")
    if skipped:
        print(f"kg: {len(skipped)} input(s) skipped", file=sys.stderr)
    return 0


def _check_build_output(path: str) -> None:
    """Refuse an output format before the (slow) build, naming the RDF and property-graph extensions."""
    from pathlib import Path

    from .export import EXTENSIONS
    from .propertygraph import WRITERS

    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS and ext not in WRITERS:
        raise StoreError(f"cannot tell the output format of {path!r} from its extension {ext or '(none)'!r}; "
                         f"allowed: {', '.join(EXTENSIONS)} (RDF), {', '.join(WRITERS)} (property graph)")


def _write_build_output(kg, args: argparse.Namespace) -> None:
    """RDF by extension, or a property graph (.graphml, .gexf, .json) through the RDF."""
    from pathlib import Path

    from .export import to_rdf, write_graph
    from .propertygraph import WRITERS, write_property_graph

    if Path(args.output).suffix.lower() in WRITERS:
        write_property_graph(to_rdf(kg, args.base_iri), args.output)
    else:
        write_graph(kg, args.output, base_iri=args.base_iri)


def cmd_viz(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .propertygraph import read_rdf
    from .viz import write_viz

    if not args.output and not args.png:
        raise InputError("nothing to write: give -o PAGE.html and/or --png PICTURE.png")
    if args.png and Path(args.png).suffix.lower() != ".png":
        raise StoreError(f"--png {args.png!r}: the picture's name must end in .png")
    rdf = read_rdf(args.store)
    title = args.title or Path(args.store).name
    for out in write_viz(rdf, *[p for p in (args.output, args.png) if p], title=title):
        print(f"kg: wrote {out}")
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

    b = sub.add_parser("build", help="read articles and write their knowledge graph",
                       description="Read news articles (.txt, .md, .html) and write their knowledge graph "
                                   "as RDF; the format follows the output's extension (.ttl, .nt, .jsonld), or as a "
                                   "property graph for Gephi, Cytoscape and yEd (.graphml, .gexf, .json).")
    b.add_argument("inputs", nargs="+", metavar="ARTICLE", help="article files")
    b.add_argument("-o", "--output", required=True, help="output file (.ttl, .nt, .jsonld; .graphml, .gexf, .json)")
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

    v = sub.add_parser("viz", help="draw a graph: an interactive HTML page and/or a PNG picture",
                       description="Draw the knowledge graph of a store folder or an RDF file (.ttl, .nt, .jsonld, "
                                   ".nq, .trig) as one self-contained HTML page that works offline (filters, "
                                   "search, evidence on hover) and/or as a PNG picture from the same layout.")
    v.add_argument("--store", required=True, metavar="DIR|FILE", help="store folder or RDF file to draw")
    v.add_argument("-o", "--output", metavar="PAGE.html", help="interactive page to write (.html)")
    v.add_argument("--png", metavar="PICTURE.png", help="static picture to write (.png), readable for small graphs")
    v.add_argument("--title", help="title of the page and picture (default: the input's file name)")
    v.set_defaults(func=cmd_viz)
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

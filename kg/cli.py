"""The command line: parses options, calls one kg function, renders the result.

Every :class:`~kg.errors.KGError` becomes one message line on stderr and a non-zero exit; so does a bad
option value (exit code 2); no command leaves a half-written output file behind. A closed standard
output (``kg ... | head``) ends a command quietly, with the exit code it would have had. Exit codes:
0 done, 1 other kg error, 2 bad input, option or query, 3 spaCy model missing, 4 data file under
ontologies/ broken, 5 output or store not writable, 6 push refused, 7 validation failed, 8 build done but
some inputs failed (listed), 130 interrupted.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from typing import Callable, Sequence

from . import __version__
from .errors import InputError, KGError, StoreError

#: exit code of a build that finished, but with some inputs failed (listed under "skipped")
EXIT_PARTIAL = 8
#: the most parser processes a build starts
MAX_WORKERS = 64


def _progress(iterable, total: int, desc: str):
    """A progress bar on a terminal, nothing when stderr is piped."""
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=not sys.stderr.isatty(),
                leave=False)


def cmd_build(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from .corpus import build_corpus, count_inputs, format_report, iter_sources
    from .store import open_store

    if not args.store and not args.output:
        raise KGError("kg build needs --store DIR (a persistent store to add to) or -o FILE (a one-shot export), "
                      "or both")
    if args.output:
        _check_output(args.output)  # an unknown extension is refused before any work
    if args.dask:
        return _build_on_dask(args)
    single = args.inputs[0] if len(args.inputs) == 1 else None
    if single and single != "-" and not os.path.isdir(single):
        # one file: its error is the command's error, before any store is touched
        from .ingest import check_name, open_regular, read_document
        if single.lower().endswith(".jsonl"):
            open_regular(check_name(single)).close()
        else:
            read_document(single, lang=args.lang, encoding=args.encoding, max_chars=args.max_chars)
    tmp = None if args.store else tempfile.mkdtemp(prefix="kg-build-")
    try:
        store = open_store(args.store or tmp + "/store", create=True)
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm
            bar = tqdm(total=count_inputs(args.inputs, markdown=args.markdown), desc="building", unit="doc",
                       file=sys.stderr)
        # a skipped input is held back until a document or another skipped input comes: when nothing else
        # does, it is the command's one error line
        held: list = []
        built = False

        def say(line: str) -> None:
            if bar is None:
                _say(line, file=sys.stderr)
            else:
                bar.write(line, file=sys.stderr)

        def flush() -> None:
            while held:
                say(f"kg: skipped {held.pop(0).reason}")

        def on_skip(s) -> None:
            held.append(s)
            if built or len(held) > 1:
                flush()

        def on_document() -> None:
            nonlocal built
            built = True
            flush()
            if bar is not None:
                bar.update()

        try:
            report = build_corpus(iter_sources(args.inputs, lang=args.lang, encoding=args.encoding,
                                               markdown=args.markdown, max_chars=args.max_chars),
                                  store, lang=args.lang, encoding=args.encoding, base_iri=args.base_iri,
                                  min_confidence=args.min_confidence, workers=args.workers,
                                  background=args.background_knowledge, max_chars=args.max_chars,
                                  max_sentence_tokens=args.max_sentence_tokens,
                                  on_document=on_document, on_skip=on_skip)
        finally:
            if bar is not None:
                bar.close()
        if report.built == 0:
            if len(report.skipped) == 1:
                raise InputError(report.skipped[0].reason.removeprefix("kg: "))
            flush()
            raise InputError(f"none of the {len(report.skipped)} input(s) could be built (each is listed above)"
                             if report.skipped else "the inputs hold no document")
        flush()
        if args.output:
            _export(store, args.output)
        del store
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return _built(args, report, format_report(report))


def _built(args: argparse.Namespace, report, summary: str) -> int:
    """Print a build's summary and what it wrote; the exit code: 0, or EXIT_PARTIAL when inputs failed."""
    _say(summary, end="")
    if args.output:
        _say(f"kg: written {args.output}")
    if report.skipped:
        _say(f"kg: {len(report.skipped)} of {report.inputs} input(s) failed and were not built (listed under "
             f"'skipped'); exit code {EXIT_PARTIAL}", file=sys.stderr)
        return EXIT_PARTIAL
    return 0


def _build_on_dask(args: argparse.Namespace) -> int:
    """kg build --dask: extraction on a Dask cluster's workers, the store loaded here (kg.distributed)."""
    import shutil
    import tempfile

    from .corpus import format_report
    from .distributed import PARTITION_SIZE, Options, dask_build

    if args.workers != 1:
        raise InputError("give --workers N (processes on this machine) or --dask (a cluster), not both")
    options = Options(lang=args.lang, encoding=args.encoding, min_confidence=args.min_confidence,
                      background=args.background_knowledge, max_chars=args.max_chars,
                      max_sentence_tokens=args.max_sentence_tokens)
    tmp = None if args.store else tempfile.mkdtemp(prefix="kg-build-")
    results = args.results or (args.store.rstrip("/") + ".dask-results" if args.store else tmp + "/results")
    store_path = args.store or tmp + "/store"
    total = {"documents": 0}
    bar: dict = {}  # the progress bar of the current stage, on a terminal only

    def progress(stage: str, n: int = 1) -> None:
        if not sys.stderr.isatty():
            return
        if stage not in bar:
            for b in bar.values():  # the extraction is done when the loading starts
                b.close()
            bar.clear()
            from tqdm import tqdm
            bar[stage] = tqdm(total=total["documents"], desc=stage, unit="doc", file=sys.stderr, leave=False)
        bar[stage].update(n)

    def on_start(run) -> None:
        _say(f"kg: Dask dashboard at {run.dashboard}" if run.dashboard else
             "kg: Dask dashboard unavailable (bokeh is not installed where the scheduler runs)", file=sys.stderr)
        progress("extracting", 0)

    try:
        try:
            report, run = dask_build(
                args.inputs, args.dask, store_path, base_iri=args.base_iri, results=results, options=options,
                markdown=args.markdown, partition_size=args.partition_size or PARTITION_SIZE,
                on_plan=lambda plan: total.update(documents=sum(p.documents for p in plan.partitions)),
                on_start=on_start, on_partition=lambda done: progress("extracting", done["documents"] or 0),
                on_document=lambda: progress("loading"))
        finally:
            for b in bar.values():
                b.close()
        for s in report.skipped:
            if report.built or len(report.skipped) > 1:
                _say(f"kg: skipped {s.reason}", file=sys.stderr)
        if report.built == 0:
            if len(report.skipped) == 1:
                raise InputError(report.skipped[0].reason.removeprefix("kg: "))
            raise InputError(f"none of the {len(report.skipped)} input(s) could be built (each is listed above)"
                             if report.skipped else "the inputs hold no document")
        if args.output:
            from .store import open_store
            _export(open_store(store_path, read_only=True), args.output)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return _built(args, report, format_report(report) + run.format())


def cmd_export(args: argparse.Namespace) -> int:
    from .store import open_store

    if not args.output and not args.neo4j_import:
        raise InputError("nothing to write: give -o FILE and/or --neo4j-import DIR")
    if args.output:
        _check_output(args.output)
    store = open_store(args.store, read_only=True)
    _warn_if_unfinished(store, args.store)
    if args.output:
        bar = None
        if sys.stderr.isatty():  # the streamed syntaxes report the quads read
            from tqdm import tqdm
            bar = tqdm(desc="exporting", unit="quad", unit_scale=True, file=sys.stderr, leave=False)
        try:
            _export(store, args.output, progress=None if bar is None else lambda n: bar.update(n - bar.n))
        finally:
            if bar is not None:
                bar.close()
        _say(f"kg: written {args.output}")
    if args.neo4j_import:
        from .cypher import neo4j_import_command, write_neo4j_import
        from .propertygraph import to_property_graph
        from .store import store_to_graph

        write_neo4j_import(to_property_graph(store_to_graph(store)), args.neo4j_import)
        _say(f"kg: written {args.neo4j_import}; with Neo4j 5 stopped, load it with:\n"
             f"  {neo4j_import_command(args.neo4j_import)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from .corpus import format_stats
    from .store import open_store, store_stats

    stats = store_stats(open_store(args.store, read_only=True), top=args.top)
    _say(json.dumps(stats, ensure_ascii=False, indent=1) if args.json else format_stats(stats), end="\n" if args.json else "")
    return 0


def _check_output(path: str) -> None:
    """Refuse an output format before any work, naming the RDF and property-graph extensions."""
    from .api import check_output

    check_output(path)


def _export(store, path: str, progress=None) -> None:
    """A store's graph to ``path``: RDF by extension, or a property graph (.graphml, .gexf, .json)."""
    from .api import write_output

    write_output(store, path, progress=progress)


def cmd_viz(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .propertygraph import read_rdf
    from .viz import write_viz

    if not args.output and not args.png:
        raise InputError("nothing to write: give -o PAGE.html and/or --png PICTURE.png")
    if args.png and Path(args.png).suffix.lower() != ".png":
        raise StoreError(f"--png {args.png!r}: the picture's name must end in .png")
    rdf = _store_part(args, "viz") if Path(args.store).is_dir() else _file_only(args, read_rdf)
    title = args.title or Path(args.store).name
    for out in write_viz(rdf, *[p for p in (args.output, args.png) if p], title=title):
        _say(f"kg: wrote {out}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_report, read_gold

    records = read_gold(args.gold, articles=args.articles)
    report = evaluate(records, progress=lambda docs: _progress(docs, len(records), "evaluating"))
    if args.json:
        _say(json.dumps({"gold": args.gold, **report}, ensure_ascii=False, indent=1))
    else:
        _say(f"kg evaluate {args.gold}: {report['records']} record(s)\n")
        _say(format_report(report, by_label=args.by_label, verbose=args.verbose), end="")
    return 0


def _query_source(args: argparse.Namespace):
    """The store a query-side command reads: ``--store DIR`` or ``--data FILE``."""
    from .sparql import load_data, open_store

    if args.store and args.data:
        raise InputError("give either --store DIR or --data FILE, not both")
    if args.store:
        store = open_store(args.store)
        _warn_if_unfinished(store, args.store)
        return store
    if args.data:
        return load_data(args.data)
    raise InputError("no data to query: give --store DIR or --data FILE")


def _warn_if_unfinished(store, path: str) -> None:
    from .store import unfinished_build

    if unfinished_build(store):
        _say(f"kg: warning: the last build into {path} did not finish; entity labels, types and links of the "
             f"documents it wrote are missing until 'kg build INPUTS --store {path}' runs again", file=sys.stderr)


def _limit(value):
    """An option's limit: 0 means none."""
    return value or None


def cmd_query(args: argparse.Namespace) -> int:
    from .sparql import format_table, read_query, run_query_in_child, serialize_result

    text = read_query(args.query)
    store = _query_source(args)
    result = run_query_in_child(store, text, timeout=_limit(args.timeout), max_depth=_limit(args.max_depth),
                                max_size=_limit(args.max_query_size))
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    out = (format_table(result, max_width=args.max_width or None).encode("utf-8") if fmt == "table"
           else serialize_result(result, fmt))
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # "kg query ... | head": the reader has all it wants
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from .push import Endpoint, push
    from .sparql import open_store

    password = args.password if args.password is not None else os.environ.get("KG_PUSH_PASSWORD")
    if args.user is None:
        password = None
    elif password is None:
        raise InputError("--user needs --password (or the KG_PUSH_PASSWORD environment variable)")
    # an exported $KG_PUSH_TOKEN does not get in the way of an explicit --user
    token = args.token if args.token is not None else (
        os.environ.get("KG_PUSH_TOKEN") or None if args.user is None else None)
    endpoint = Endpoint(args.endpoint, user=args.user, password=password, token=token, retries=args.retries,
                        timeout=args.timeout)
    store = open_store(args.store)
    report = push(store, endpoint, protocol=args.protocol, graphs=args.graph or None, batch_size=args.batch_size,
                  progress=lambda g: print(f"kg: pushed {g}", file=sys.stderr) if sys.stderr.isatty() else None)
    _say(report.format(), end="")
    return 0 if all(g.remote in (None, g.triples) for g in report.graphs) else 1


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from .server import serve
    from .sparql import load_data, open_store

    token = args.token if args.token is not None else os.environ.get("KG_SERVE_TOKEN")
    if args.writable and not token:
        raise InputError("--writable needs --token TOKEN (or the KG_SERVE_TOKEN environment variable)")
    if token and not args.writable:
        token = None  # a token alone does not make the endpoint writable
    if args.store and args.data:
        raise InputError("give either --store DIR or --data FILE, not both")
    if args.store:
        store = open_store(args.store, read_only=not args.writable)
    elif args.data:
        store = load_data(args.data)
    else:
        raise InputError("nothing to serve: give --store DIR or --data FILE")
    mode = "writable (updates need the bearer token)" if token else "read-only"
    serve(store, args.host, args.port, token=token,
          log=(lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None,
          timeout=_limit(args.timeout), max_memory=_limit(args.max_memory), max_rows=_limit(args.max_rows),
          max_depth=_limit(args.max_depth), max_query_size=_limit(args.max_query_size),
          allow_service=args.allow_service or (), allow_load=args.allow_load or (),
          allow_hosts=args.allow_host or (), workers=args.workers,
          ready=lambda url: print(f"kg: SPARQL endpoint at {url} ({mode}); query page at "
                                  f"{url.rsplit('/', 1)[0]}/ ; Ctrl-C stops", file=sys.stderr, flush=True))
    return 0


def _query_limits(parser: argparse.ArgumentParser, timeout: float | None) -> None:
    """The limits kg query and kg serve put on a query."""
    from .sparql import MAX_DEPTH, MAX_QUERY_SIZE

    parser.add_argument("--timeout", type=_number(float, 0), default=timeout, metavar="S",
                        help=f"stop a query after S seconds (0: no limit; default {timeout:g})" if timeout else
                        "stop a query after S seconds (default: no limit)")
    parser.add_argument("--max-depth", type=_number(int, 0), default=MAX_DEPTH, metavar="N",
                        help=f"refuse queries nesting ( [ {{ more than N deep (0: no limit; default {MAX_DEPTH})")
    parser.add_argument("--max-query-size", type=_number(int, 0), default=MAX_QUERY_SIZE, metavar="N",
                        help=f"refuse queries longer than N characters (0: no limit; default {MAX_QUERY_SIZE})")


def cmd_validate(args: argparse.Namespace) -> int:
    from .errors import ValidationError
    from .validate import read_rdf, validate_graph

    if bool(args.file) == bool(args.store):
        raise InputError("give one RDF FILE or --store DIR to validate")
    graph = _store_part(args, "validate") if args.store else _file_only(args, lambda _: read_rdf(args.file))
    name = args.store or args.file
    report = validate_graph(graph, sources=args.sources)
    _say(report.format(name, limit=args.limit or None), end="")
    if not report.conforms:
        raise ValidationError(f"{name} does not conform to ontologies/shapes.ttl: {len(report.violations)} "
                              f"violation(s)")
    return 0


def _store_part(args: argparse.Namespace, purpose: str):
    """The graph of a store that 'kg validate' or 'kg viz' works on: the part the options select, or the
    whole store when it is within --max-triples."""
    from .select import graph_for
    from .sparql import open_store

    try:
        store = open_store(args.store)
    except StoreError as e:
        if purpose == "viz":  # kg viz reads a store folder or a file: either is its input
            raise InputError(str(e)) from None
        raise
    return graph_for(store, purpose, limit=_limit(args.max_triples), document=args.document, entity=args.entity,
                     hops=args.hops, construct=args.construct)


def _file_only(args: argparse.Namespace, read: Callable):
    """An RDF file is read whole: the store's selection options do not apply to it."""
    given = [f"--{name}" for name in ("document", "entity", "construct") if getattr(args, name) is not None]
    if given:
        raise InputError(f"{', '.join(given)} select(s) a part of a store; give --store DIR (a store folder), "
                         f"not an RDF file")
    return read(args.store)


def _selection(parser: argparse.ArgumentParser, purpose: str) -> None:
    """The options that select a part of a store, and the limit on the whole."""
    from .select import LIMITS

    group = parser.add_mutually_exclusive_group()
    group.add_argument("--document", metavar="ID", help="only this document of the store (its id or IRI) and the "
                                                         "entities it names")
    group.add_argument("--entity", metavar="KEY", help="only this entity's neighbourhood (its key, as in its IRI, or "
                                                       "the IRI): its statements, their documents and entities")
    group.add_argument("--construct", metavar="QUERY", help="only the triples of this SPARQL CONSTRUCT query over "
                                                            "the store (text, or a .rq file)")
    parser.add_argument("--hops", type=_number(int, 1, 10), default=1, metavar="N",
                        help="with --entity: statements up to N steps away, 1 to 10 (default 1)")
    parser.add_argument("--max-triples", type=_number(int, 0), default=LIMITS[purpose], metavar="N",
                        help=f"refuse a store or selection of more than N triples, which would be held in memory "
                             f"(0: no limit; default {LIMITS[purpose]:,})")


def _say(*values, file=None, end: str = "\n") -> None:
    """print(), except that a closed pipe (``kg ... | head``) silences the stream instead of raising: the
    command goes on and keeps its exit code."""
    stream = sys.stdout if file is None else file
    try:
        print(*values, file=stream, end=end)
        stream.flush()
    except BrokenPipeError:
        _silence(stream)


def _silence(stream) -> None:
    """Send what is left for ``stream`` (Python flushes it at exit) nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class _Parser(argparse.ArgumentParser):
    """argparse with one error line: what is wrong and where the help is, without the usage text."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _number(kind: type, low: float | None = None, high: float | None = None, *,
            above: bool = False) -> Callable[[str], float]:
    """An argparse ``type`` for a finite int or float in ``[low, high]`` (``(low, high]`` with ``above``)."""
    noun = "an integer" if kind is int else "a number"
    if low is not None and high is not None:
        what = f"{noun} greater than {low:g} and at most {high:g}" if above else f"{noun} from {low:g} to {high:g}"
    elif low is not None:
        what = f"{noun} {'greater than' if above else 'of at least'} {low:g}"
    else:
        what = noun

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, found {text!r}") from None
        if (kind is float and not math.isfinite(value)) or (low is not None and (value < low or above and value == low)) \
                or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {what}, found {text}")
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def make_parser() -> argparse.ArgumentParser:
    from .export import DEFAULT_BASE_IRI
    from .ingest import MAX_CHARS, MAX_SENTENCE_TOKENS

    p = _Parser(prog="kg", description="Build knowledge graphs from news articles.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read articles into a store and/or write their knowledge graph",
                       description="Read news articles (files, folders of .txt/.html/.htm, JSONL with one article per "
                                   "line, - for standard input) and add their knowledge graph to a persistent store "
                                   "(--store), or write it (-o; the format follows the extension: RDF as .ttl, .nt, "
                                   ".jsonld, .rdf, .nq, .trig, or a property graph for Gephi, Cytoscape and yEd as "
                                   ".graphml, .gexf, .json). Documents already in the store with the same content "
                                   "are skipped, so an interrupted build resumes where it stopped. An input that "
                                   "cannot be read is reported and skipped: the build then exits with code 8, or 2 "
                                   "when no input could be built.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, folders, .jsonl files, or - (stdin)")
    b.add_argument("--store", metavar="DIR", help="store directory to add to (created if missing)")
    b.add_argument("-o", "--output", help="output file (.ttl, .nt, .jsonld, .rdf, .nq, .trig; .graphml, .gexf, .json)")
    b.add_argument("--workers", type=_number(int, 1, MAX_WORKERS), default=1, metavar="N",
                   help=f"parser processes, 1 to {MAX_WORKERS} (default: 1)")
    b.add_argument("--lang", choices=["fr", "en"], help="language of the articles (default: detected)")
    b.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default: utf-8)")
    b.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help=f"base of entity IRIs (default: {DEFAULT_BASE_IRI})")
    b.add_argument("--min-confidence", type=_number(float, 0, 1), default=0.0, metavar="X",
                   help="keep only statements with confidence >= X (0..1, default 0)")
    b.add_argument("--markdown", action="store_true",
                   help="also read the .md files of folders as articles (a .md file named on its own always is)")
    b.add_argument("--max-chars", type=_number(int, 1), default=MAX_CHARS, metavar="N",
                   help=f"skip a document longer than N characters (for a page: its text; default {MAX_CHARS})")
    b.add_argument("--max-sentence-tokens", type=_number(int, 10), default=MAX_SENTENCE_TOKENS, metavar="N",
                   help=f"cut a sentence longer than N tokens before parsing, at 10 or more (default "
                        f"{MAX_SENTENCE_TOKENS})")
    b.add_argument("--background-knowledge", action="store_true",
                   help="also keep statements completed from the gazetteer (an office's country the text does "
                        "not name), marked kgo:basis kgo:Gazetteer")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="read, parse and extract on a Dask cluster: a scheduler's address (tcp://host:8786), or "
                        "local:N for N worker processes on this machine; the store is loaded here")
    b.add_argument("--results", metavar="DIR|URL",
                   help="with --dask: folder (or fsspec URL) every worker can write, for the partitions' results; "
                        "a rerun skips the partitions found there (default: STORE.dask-results next to --store)")
    b.add_argument("--partition-size", type=_number(int, 1, 100_000), default=None, metavar="N",
                   help="with --dask: documents per partition, the unit of work of a worker (default 64)")
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

    q = sub.add_parser("query", help="run a SPARQL query over a store or an RDF file",
                       description="Run a SPARQL 1.1 query (text, or a .rq file) over a kg store or an RDF file, "
                                   "over the union of its graphs; the kg prefixes (kgo:, ent:, rdf:, rdfs:, nif:, "
                                   "prov:, schema:, skos:, dcterms: ...) need no declaration. SELECT and ASK print "
                                   "an aligned table on a terminal and CSV otherwise; CONSTRUCT and DESCRIBE "
                                   "print Turtle.")
    q.add_argument("query", metavar="QUERY", help="SPARQL text, or a .rq file")
    q.add_argument("--store", metavar="DIR", help="kg store directory")
    q.add_argument("--data", metavar="FILE", help="RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) instead of a store")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"],
                   help="result format (default: table on a terminal, csv otherwise); CONSTRUCT gives Turtle")
    q.add_argument("--max-width", type=_number(int, 0), default=60, metavar="N",
                   help="cut table cells to N characters (0: no limit; default 60)")
    _query_limits(q, timeout=None)
    q.set_defaults(func=cmd_query)

    pu = sub.add_parser("push", help="send a store's graphs to a remote SPARQL endpoint",
                        description="Send every named graph of a store (or the --graph ones) to a SPARQL 1.1 Update "
                                    "endpoint or a Graph Store HTTP Protocol endpoint, one graph at a time, in "
                                    "batches, with retries. Each graph replaces the remote graph of the same name, "
                                    "so pushing again does not duplicate anything. Prints one line per graph with "
                                    "the triples sent and the count the endpoint then reports.")
    pu.add_argument("--store", metavar="DIR", required=True, help="kg store directory")
    pu.add_argument("--endpoint", metavar="URL", required=True,
                    help="SPARQL Update endpoint (e.g. http://host:8890/sparql-auth) or Graph Store endpoint")
    pu.add_argument("--graph", metavar="IRI", action="append", help="push only this named graph (repeatable)")
    pu.add_argument("--protocol", choices=["update", "gsp"], default="update",
                    help="SPARQL 1.1 Update (default) or Graph Store HTTP Protocol")
    pu.add_argument("--user", metavar="U", help="user name for HTTP Basic or Digest authentication")
    pu.add_argument("--password", metavar="P", help="password (default: $KG_PUSH_PASSWORD)")
    pu.add_argument("--token", metavar="TOKEN",
                    help="bearer token, sent as 'Authorization: Bearer TOKEN' (as 'kg serve --writable' wants; "
                         "default: $KG_PUSH_TOKEN); not with --user")
    pu.add_argument("--batch-size", type=_number(int, 1, 1_000_000), default=1000, metavar="N",
                    help="triples per request, 1 to 1000000 (default 1000)")
    pu.add_argument("--retries", type=_number(int, 0, 100), default=3, metavar="N",
                    help="retries of a failed request, 0 to 100: connection errors, timeouts, HTTP 408/429/5xx "
                         "(default 3)")
    pu.add_argument("--timeout", type=_number(float, 0, 86400, above=True), default=60.0, metavar="S",
                    help="seconds per request, more than 0 and at most 86400 (default 60)")
    pu.set_defaults(func=cmd_push)

    sv = sub.add_parser("serve", help="answer SPARQL queries over HTTP",
                        description="Serve a store (or an RDF file) as a SPARQL 1.1 Protocol endpoint at /sparql "
                                    "(GET and POST queries, results in the format the Accept header asks for) "
                                    "with a query page at /. Read-only unless started with --writable and a "
                                    "token, which SPARQL updates must then send as 'Authorization: Bearer TOKEN'.")
    sv.add_argument("--store", metavar="DIR", help="kg store directory")
    sv.add_argument("--data", metavar="FILE", help="RDF file to serve instead of a store (kept in memory)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=_number(int, 0, 65535), default=7878, help="port (default 7878)")
    sv.add_argument("--writable", action="store_true", help="accept SPARQL updates that carry the token")
    sv.add_argument("--token", metavar="TOKEN", help="bearer token for updates (default: $KG_SERVE_TOKEN)")
    sv.add_argument("--verbose", action="store_true", help="log every request on stderr")
    from .server import MAX_MEMORY, MAX_ROWS, TIMEOUT, WORKERS

    _query_limits(sv, timeout=TIMEOUT)
    sv.add_argument("--max-rows", type=_number(int, 0), default=MAX_ROWS, metavar="N",
                    help=f"rows (or triples) an answer may hold; more are cut, which the answer says (0: no "
                         f"limit; default {MAX_ROWS})")
    sv.add_argument("--max-memory", type=_number(int, 0), default=MAX_MEMORY, metavar="MB",
                    help=f"megabytes of memory a query process may use beyond the server's (0: no limit; "
                         f"default {MAX_MEMORY})")
    sv.add_argument("--allow-service", action="append", metavar="URL_PREFIX",
                    help="let SERVICE call endpoints under this http(s) URL prefix (repeatable; default: none, "
                         "SERVICE is refused)")
    sv.add_argument("--allow-load", action="append", metavar="URL_PREFIX",
                    help="let LOAD fetch sources under this http(s) URL prefix (repeatable; default: none)")
    sv.add_argument("--allow-host", action="append", metavar="NAME",
                    help="a host name clients may use besides IP addresses, localhost and --host (repeatable; "
                         "* allows any: only behind a proxy that checks it)")
    sv.add_argument("--workers", type=_number(int, 1, MAX_WORKERS), default=WORKERS, metavar="N",
                    help=f"requests answered at once, each query in its own process (default {WORKERS})")
    sv.set_defaults(func=cmd_serve)

    va = sub.add_parser("validate", help="check RDF against kg's SHACL shapes",
                        description="Validate an RDF file (.ttl, .nt, .jsonld, .rdf, .nq, .trig) or a store against "
                                    "the SHACL shapes in ontologies/shapes.ttl with pySHACL: every statement has a "
                                    "subject, a relation of the ontology, a target or a quote, provenance with "
                                    "offsets, one polarity and one modality; every entity has one English label "
                                    "and one type. Prints each violation; exits with code 7 if there are any.")
    va.add_argument("file", nargs="?", metavar="FILE", help="RDF file")
    va.add_argument("--store", metavar="DIR", help="kg store directory (its graphs are validated together)")
    va.add_argument("--sources", metavar="DIR", default=".",
                    help="folder the documents' source paths are relative to; offsets are checked against the "
                         "source files found there (default: the current folder)")
    va.add_argument("--limit", type=_number(int, 0), default=50, metavar="N",
                    help="print at most N violations (0: all; default 50)")
    _selection(va, "validate")
    va.set_defaults(func=cmd_validate)

    v = sub.add_parser("viz", help="draw a graph: an interactive HTML page and/or a PNG picture",
                       description="Draw the knowledge graph of a store folder or an RDF file (.ttl, .nt, .jsonld, "
                                   ".nq, .trig) as one self-contained HTML page that works offline (filters, "
                                   "search, evidence on hover) and/or as a PNG picture from the same layout.")
    v.add_argument("--store", required=True, metavar="DIR|FILE", help="store folder or RDF file to draw")
    v.add_argument("-o", "--output", metavar="PAGE.html", help="interactive page to write (.html)")
    v.add_argument("--png", metavar="PICTURE.png", help="static picture to write (.png), readable for small graphs")
    v.add_argument("--title", help="title of the page and picture (default: the input's file name)")
    _selection(v, "viz")
    v.set_defaults(func=cmd_viz)

    x = sub.add_parser("export", help="write a store's graph to an RDF file, a property graph or Neo4j",
                       description="Export a store built by 'kg build --store'. The format follows the extension: "
                                   ".ttl, .nt, .jsonld, .rdf (one graph), .nq, .trig (one named graph per document), "
                                   "or a property graph: .graphml, .gexf (Gephi, yEd), .json (Cytoscape.js), "
                                   ".cypher (a Cypher script for Neo4j). --neo4j-import DIR writes CSV files for "
                                   "'neo4j-admin database import full' and prints the command that loads them.")
    x.add_argument("--store", metavar="DIR", required=True, help="store directory")
    x.add_argument("-o", "--output",
                   help="output file (.ttl, .nt, .jsonld, .rdf, .nq, .trig; .graphml, .gexf, .json, .cypher)")
    x.add_argument("--neo4j-import", metavar="DIR",
                   help="folder to write Neo4j's bulk-import CSV files into (created if missing)")
    x.set_defaults(func=cmd_export)

    t = sub.add_parser("stats", help="counts of a store: types, relations, most connected entities",
                       description="Print a store's documents, entities by type, statements by relation and the "
                                   "entities that take part in the most statements.")
    t.add_argument("--store", metavar="DIR", required=True, help="store directory")
    t.add_argument("--top", type=_number(int, 0), default=10, metavar="N",
                   help="how many connected entities to list (default 10)")
    t.add_argument("--json", action="store_true", help="print the counts as JSON")
    t.set_defaults(func=cmd_stats)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = make_parser()
        args = parser.parse_args(argv)
        try:
            return args.func(args)
        except KGError as e:
            _say(f"kg: error: {e}", file=sys.stderr)
            return e.exit_code
        except KeyboardInterrupt:
            _say("kg: interrupted", file=sys.stderr)
            return 130
    except BrokenPipeError:
        # "kg ... | head": the reader has all it wants (the commands print through _say, which goes on
        # after a closed pipe; this catches the rest, such as --help). Exit 0, as 'kg query' does.
        _silence(sys.stdout)
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""``kg build --dask``: reading, parsing and extraction on the workers of a Dask cluster.

The flow, for the inputs of one build:

1. **Plan** (here, :func:`plan_inputs`): the inputs become *partitions* of at most ``partition_size``
   documents, in input order: article files (local paths, or fsspec URLs such as ``s3://bucket/news/``
   when the matching fsspec backend is installed), ranges of lines of local JSONL files, whole remote
   JSONL shards. Folders and globs (``shards/*.jsonl``) are listed as ``kg build`` lists them. Each
   partition has a key: a hash of what it reads (names, sizes, modification times or ETags, line ranges)
   and of the options that change extractions.
2. **Map** (on the workers, :func:`extract_partition`): each worker loads the spaCy models once
   (:class:`ModelsPlugin`, a ``distributed`` worker plugin), reads its partitions' documents, extracts
   them as ``kg build`` does and writes one result file per partition under the results folder (a local
   folder or an fsspec URL every worker can write to): a JSON line per input, with the extraction kg
   stores (:func:`kg.merge.extraction_to_json`), the content hash and the source file, or why the input
   was skipped. A file is complete or absent (written under a temporary name, then renamed; an object
   store publishes an object when it is closed), so a rerun after a failure skips the partitions whose
   results are there. A worker that dies takes its running partitions with it: the scheduler runs them
   again elsewhere, and since a partition's result depends only on its inputs, the build's result does
   not change.
3. **Reduce** (here, :func:`load_results`): the results are read in partition order; cross-document
   entity resolution (:class:`kg.merge.EntityIndex`) runs over all of them, and the graph goes to the
   store. A new store is bulk-loaded (``pyoxigraph.Store.bulk_extend``, into a temporary folder renamed
   into place at the end): every document's graph is written once, with the final entity keys. A store
   that already holds documents is updated document by document, as ``kg build --store`` does, then
   reconciled. Either way the store ends up holding the same quads as a plain ``kg build --store`` of the
   same inputs, so its exports are the same bytes.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from .corpus import ARTICLE_SUFFIXES, JSONL_SUFFIXES, MARKDOWN_SUFFIXES, BuildReport, Ignored, Skipped
from .errors import InputError, KGError, StoreError
from .ingest import MAX_CHARS, MAX_SENTENCE_TOKENS

__all__ = ["Unit", "Partition", "Plan", "Options", "ModelsPlugin", "DaskRun", "plan_inputs", "extract_partition",
           "read_result", "load_results", "connect", "dashboard", "build_on_dask", "dask_build", "PARTITION_SIZE",
           "RESULTS_FORMAT"]

#: documents per partition (a task on a worker); each worker holds one partition's extractions at most
PARTITION_SIZE = 64
#: bump when the layout of a partition's result file changes: older results are then not reused
RESULTS_FORMAT = "1"
_GLOB = set("*?[")


# -- the plan ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """One input of a partition: an article file, or lines ``[first, end)`` of a JSONL file (``end`` None:
    to the end of the file) starting at byte ``offset``.

    ``name`` is the input's name as ``kg build`` gives it (a document's ``source``, the messages);
    ``path`` is where a worker opens it (an absolute local path or an fsspec URL); ``source_file`` is what
    the store records as the document's file (an article's absolute path or URL)."""

    kind: str  # "file" or "jsonl"
    name: str
    path: str
    local: bool
    first: int = 1
    end: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Partition:
    """Units read and extracted together on one worker; ``key`` names its result file."""

    index: int
    units: tuple[Unit, ...]
    key: str
    documents: int


@dataclass(frozen=True)
class Options:
    """What changes an extraction (part of every partition's key)."""

    lang: str | None = None
    encoding: str = "utf-8"
    min_confidence: float = 0.0
    background: bool = False
    max_chars: int | None = MAX_CHARS
    max_sentence_tokens: int = MAX_SENTENCE_TOKENS


@dataclass
class Plan:
    """The partitions of a build, and the inputs that are no part of any (in input order)."""

    partitions: list[Partition] = field(default_factory=list)
    #: (position, Skipped): inputs that could not be listed or opened, before partition ``position``
    skipped: list[tuple[int, Skipped]] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)


def _is_url(item: str) -> bool:
    """An fsspec URL (``s3://``, ``gs://``, ``file://`` ...), read through fsspec; else a local path."""
    return "://" in item


def _wanted(markdown: bool) -> tuple[str, ...]:
    return ARTICLE_SUFFIXES + JSONL_SUFFIXES + (MARKDOWN_SUFFIXES if markdown else ())


def _remote_files(item: str, markdown: bool) -> Iterator[str | Skipped | Ignored]:
    """The files of an fsspec URL: itself, the files of a folder (recursively), or a glob's matches."""
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(item)
    except (ImportError, ValueError) as e:
        yield Skipped(item, f"{item}: cannot be opened ({e}); install the fsspec backend of its protocol")
        return
    wanted = _wanted(markdown)
    try:
        if _GLOB & set(path):
            found = sorted(fs.glob(path))
            if not found:
                yield Skipped(item, f"{item}: no file matches")
            for p in found:
                yield fs.unstrip_protocol(p)
        elif fs.isdir(path):
            names = [p for p in sorted(fs.find(path)) if not any(part.startswith(".") for part in
                                                                 PurePosixPath(p[len(path):]).parts)]
            kept = [p for p in names if p.lower().endswith(wanted)]
            for p in kept:
                yield fs.unstrip_protocol(p)
            for p in names:
                if not p.lower().endswith(wanted):
                    yield Ignored(fs.unstrip_protocol(p), f"{fs.unstrip_protocol(p)}: not an article file")
            if not kept:
                yield Skipped(item, f"{item}: folder holds no {', '.join(wanted)} file")
        elif fs.exists(path):
            yield item
        else:
            yield Skipped(item, f"{item}: no such file")
    except OSError as e:
        yield Skipped(item, f"{item}: cannot be listed ({e})")


def _expand_all(inputs: Iterable[str], markdown: bool) -> Iterator[str | Skipped | Ignored]:
    """The files of the inputs, as ``kg build`` lists them, plus local globs and fsspec URLs."""
    from .corpus import _expand

    for item in inputs:
        if item == "-":
            raise InputError("standard input cannot be read on a Dask cluster (the workers read the inputs); "
                             "save it to a file, or build it without --dask")
        if _is_url(item):
            yield from _remote_files(item, markdown)
        elif _GLOB & set(item) and not os.path.exists(item):
            found = sorted(glob.glob(item, recursive=True))
            if not found:
                yield Skipped(item, f"{item}: no file matches")
            yield from _expand(found, markdown)
        else:
            yield from _expand([item], markdown)


def _file_key(unit: Unit) -> str:
    """What tells that a file changed: size and modification time, or the fsspec backend's key (an ETag)."""
    try:
        if unit.local:
            st = os.stat(unit.path)
            return f"{st.st_size}:{st.st_mtime_ns}"
        import fsspec

        fs, path = fsspec.core.url_to_fs(unit.path)
        return str(fs.ukey(path))
    except (OSError, ValueError):  # the worker will say what is wrong with it
        return "unreadable"


def _jsonl_ranges(name: str, size: int, room: int) -> Iterator[tuple[Unit, int] | Skipped]:
    """A local JSONL file as ranges of lines: the first of at most ``room`` documents (what the partition
    being made can still take), the next of ``size`` each. Yields (unit, documents)."""
    from .ingest import open_regular

    path = os.path.abspath(name)
    try:
        fh = open_regular(name)
    except InputError as e:
        yield Skipped(name, str(e))
        return
    with fh:
        first = offset = None
        count = position = 0
        for n, line in enumerate(fh, 1):
            if line.strip():
                if first is None:
                    first, offset = n, position
                elif count == room:
                    yield Unit("jsonl", name, path, True, first, n, offset), count
                    first, offset, count, room = n, position, 0, size
                count += 1
            position += len(line)
        if first is not None:
            yield Unit("jsonl", name, path, True, first, None, offset), count


def plan_inputs(inputs: Iterable[str], options: Options, *, markdown: bool = False,
                partition_size: int = PARTITION_SIZE) -> Plan:
    """Partition the inputs (see the module docstring). Reads no document: local JSONL files are only
    scanned for their line boundaries."""
    plan = Plan()
    units: list[tuple[Unit, int]] = []

    def close() -> None:
        if not units:
            return
        parts = [RESULTS_FORMAT, _version(), sorted(vars(options).items())]
        parts += [[u.kind, u.name, u.first, u.end, u.offset, _file_key(u)] for u, _ in units]
        key = hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
        plan.partitions.append(Partition(len(plan.partitions), tuple(u for u, _ in units), key,
                                         sum(n for _, n in units)))
        units.clear()

    def add(unit: Unit, n: int) -> None:
        units.append((unit, n))
        if sum(k for _, k in units) >= partition_size:
            close()

    for item in _expand_all(inputs, markdown):
        if isinstance(item, Ignored):
            plan.ignored.append(item)
        elif isinstance(item, Skipped):
            close()
            plan.skipped.append((len(plan.partitions), item))
        elif item.lower().endswith(JSONL_SUFFIXES):
            if _is_url(item):  # a remote shard is one range: finding its lines would mean reading it here
                add(Unit("jsonl", item, item, False), partition_size)
                continue
            room = partition_size - sum(k for _, k in units)
            for r in _jsonl_ranges(item, partition_size, room):
                if isinstance(r, Skipped):
                    close()
                    plan.skipped.append((len(plan.partitions), r))
                else:
                    add(*r)
        else:
            local = not _is_url(item)
            add(Unit("file", item, os.path.abspath(item) if local else item, local), 1)
    close()
    return plan


def _version() -> str:
    from . import __version__
    from .store import FORMAT_VERSION

    return f"{__version__}/{FORMAT_VERSION}"


# -- the map: on a worker ---------------------------------------------------------------------------
class ModelsPlugin(WorkerPlugin):
    """Loads kg's spaCy pipelines, gazetteer and lexicons once per worker process, when the worker starts
    (or joins later, or is restarted after a failure), and records how long it took
    (``worker.kg_models_seconds``)."""

    name = "kg-models"

    def __init__(self, langs: tuple[str, ...] = ("fr", "en")):
        self.langs = tuple(langs)

    def setup(self, worker) -> None:
        worker.kg_models_seconds = load_models(self.langs)


def load_models(langs: Iterable[str]) -> float:
    """Load the pipelines of ``langs`` and kg's data in this process; return the seconds it took."""
    from .gazetteer import load_gazetteer
    from .lexicon import load_lexicon
    from .nlp import load_pipeline

    started = time.perf_counter()
    load_gazetteer()
    for lang in langs:
        load_lexicon(lang)
        load_pipeline(lang)
    return time.perf_counter() - started


def _read_article(unit: Unit, options: Options):
    """An article file as ``kg build`` reads it (:func:`kg.ingest.read_document`), opened at the unit's
    path but named by its name. Returns (document, source file) or raises InputError."""
    from .ingest import (HTML_BYTES_PER_CHAR, HTML_SUFFIXES, _looks_like_html, _read_bytes, _too_long,
                         decode_bytes, parse_html, parse_text)

    max_chars = options.max_chars
    html_name = PurePosixPath(unit.name).suffix.lower() in HTML_SUFFIXES
    limit = None if max_chars is None else max_chars * (HTML_BYTES_PER_CHAR if html_name else 4)
    if unit.local:
        data = _read_bytes(Path(unit.path), unit.name, limit, max_chars)
    else:
        import fsspec

        try:
            with fsspec.open(unit.path, "rb") as fh:
                data = fh.read() if limit is None else fh.read(limit + 1)
        except (OSError, ValueError) as e:
            raise InputError(f"{unit.name} cannot be read ({e})") from None
        if limit is not None and len(data) > limit:
            raise InputError(_too_long(unit.name, max_chars, f"more than {limit:,} bytes"))
    raw = decode_bytes(data, unit.name, options.encoding)
    read = parse_html if _looks_like_html(Path(PurePosixPath(unit.name).name), raw) else parse_text
    return read(raw, unit.name, options.lang, max_chars=max_chars), unit.path


def _jsonl_lines(unit: Unit) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of a JSONL unit's non-blank lines."""
    if unit.local:
        from .ingest import open_regular

        fh = open_regular(unit.path, unit.name)
    else:
        import fsspec

        try:
            fh = fsspec.open(unit.path, "rb").open()
        except (OSError, ValueError) as e:
            raise InputError(f"{unit.name} cannot be read ({e})") from None
    with fh:
        fh.seek(unit.offset)
        for n, line in enumerate(fh, unit.first):
            if unit.end is not None and n >= unit.end:
                break
            if line.strip():
                yield n, line


def _units(partition: Partition, options: Options) -> Iterator[tuple | Skipped]:
    """The partition's inputs, read: (document, source file) or Skipped, in order."""
    from .corpus import read_sources

    for unit in partition.units:
        if unit.kind == "file":
            try:
                yield _read_article(unit, options)
            except InputError as e:
                yield Skipped(unit.name, str(e))
            continue
        try:
            for n, line in _jsonl_lines(unit):
                yield from read_sources([("jsonl", f"{unit.name}:{n}", line, n == 1)], options.lang,
                                        options.encoding, options.max_chars)
        except InputError as e:
            yield Skipped(unit.name, str(e))


def _result_path(results: str, key: str) -> str:
    return results.rstrip("/") + f"/{key}.jsonl"


def _complete(fs, path: str, key: str) -> bool:
    """Whether a result file is there and whole: its last line is the end mark of its partition."""
    try:
        size = fs.size(path)
        if not size:
            return False
        with fs.open(path, "rb") as fh:
            fh.seek(max(0, size - 4096))
            last = fh.read().rstrip(b"\n").rsplit(b"\n", 1)[-1]
        return json.loads(last).get("end") == key
    except (OSError, ValueError, FileNotFoundError):
        return False


def extract_partition(partition: Partition, options: Options, results: str) -> dict:
    """Read and extract one partition (on a worker) and write its result file under ``results``; return
    its counts. A partition whose result is already there is not done again."""
    import fsspec

    from .corpus import BATCH, _extract_batch
    from .merge import extraction_to_json
    from .store import content_hash

    target = _result_path(results, partition.key)
    fs, path = fsspec.core.url_to_fs(target)
    if _complete(fs, path, partition.key):  # a former attempt finished it
        return {"partition": partition.index, "documents": partition.documents, "cached": True}
    local = type(fs).__name__ == "LocalFileSystem"
    # a local file is written under a temporary name and renamed; an object store publishes on close
    write_to = path if not local else str(Path(path).with_name(f".{Path(path).name}.{secrets.token_hex(6)}.tmp"))
    documents = 0
    try:
        with fs.open(write_to, "wb") as out:
            def emit(record: dict) -> None:
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")

            batch: list = []

            def flush() -> None:
                for (doc, source_file), ex in zip(batch, _extract_batch([d for d, _ in batch],
                                                                       options.min_confidence, options.background,
                                                                       options.max_sentence_tokens)):
                    if isinstance(ex, str):
                        emit({"fail": [doc.source, f"{doc.source}: {ex}"]})
                    else:
                        emit({"doc": extraction_to_json(doc, ex.entities, ex.statements),
                              "hash": content_hash(doc, options.min_confidence, options.background),
                              "file": source_file})
                batch.clear()

            for item in _units(partition, options):
                if isinstance(item, Skipped):
                    flush()  # in input order
                    emit({"skip": [item.source, item.reason]})
                    continue
                batch.append(item)
                documents += 1
                if len(batch) >= BATCH:
                    flush()
            flush()
            emit({"end": partition.key})
        if local:
            os.replace(write_to, path)
    except BaseException:
        if local:
            Path(write_to).unlink(missing_ok=True)
        raise
    return {"partition": partition.index, "documents": documents, "cached": False}


def read_result(results: str, key: str) -> Iterator[dict] | None:
    """The records of a partition's result file, streamed; None when it is missing or incomplete."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(_result_path(results, key))
    if not _complete(fs, path, key):
        return None

    def records() -> Iterator[dict]:
        with fs.open(path, "rb") as fh:
            for line in fh:
                record = json.loads(line)
                if "end" not in record:
                    yield record

    return records()


# -- the reduce: here -------------------------------------------------------------------------------
def _records(plan: Plan, results: str) -> Iterator[tuple]:
    """Every input's outcome in input order: ("skip", Skipped) for an input not read, ("fail", Skipped) for
    a document whose extraction failed, or ("doc", json, hash, file)."""
    skipped = iter(plan.skipped)
    pending = next(skipped, None)
    for part in plan.partitions:
        while pending is not None and pending[0] <= part.index:
            yield ("skip", pending[1])
            pending = next(skipped, None)
        records = read_result(results, part.key)
        if records is None:
            raise StoreError(f"the result of partition {part.index} ({part.key}) is missing from {results}")
        for r in records:
            if "skip" in r:
                yield ("skip", Skipped(*r["skip"]))
            elif "fail" in r:  # read, but its extraction failed
                yield ("fail", Skipped(*r["fail"]))
            else:
                yield ("doc", r["doc"], r["hash"], r["file"])
    while pending is not None:
        yield ("skip", pending[1])
        pending = next(skipped, None)


def _skip(record: tuple, report: BuildReport, tick: Callable[[], None]) -> None:
    if record[0] == "fail":  # a document was read: counted, as kg build counts it
        report.read += 1
        tick()
    report.skipped.append(record[1])


def _load_incrementally(records: Iterable[tuple], store, base: str, report: BuildReport,
                        tick: Callable[[], None]) -> None:
    """Documents into a store that holds some already: one transaction each, in input order, as
    :func:`kg.corpus.build_corpus` writes them; then the store is reconciled."""
    from .export import document_iri
    from .merge import extraction_from_json
    from .store import _sources_of, add_source, load_index, stored_hash, write_document

    index = None
    for rec in records:
        if rec[0] != "doc":
            _skip(rec, report, tick)
            continue
        _, data, h, source_file = rec
        doc, entities, statements = extraction_from_json(data)
        report.read += 1
        tick()
        old = stored_hash(store, base, doc.id)
        if old == h:
            report.unchanged += 1
            if source_file and source_file not in _sources_of(store, base, str(document_iri(base, doc.id))):
                add_source(store, base, doc.id, source_file)
            continue
        if index is None:
            index = load_index(store, base)
        index.add(entities)
        replaced = write_document(store, base, doc, entities, statements, h, index, source_file)
        if old is not None or replaced:
            report.replaced += 1
        else:
            report.added += 1


def _bulk_quads(records: Iterable[tuple], base: str, report: BuildReport, folder: str,
                tick: Callable[[], None]) -> Iterator:
    """Every quad of a new store holding the documents (see the module docstring), in bounded memory
    besides the entity index: the records go through an external sort by document id, so that the last
    version of each document is kept (a later text with the same id replaces an earlier one, as in
    ``kg build``), with the source files of all its versions."""
    import pyoxigraph
    from rdflib import Graph, Literal, URIRef

    from .merge import EntityIndex, extraction_from_json
    from .store import (P_BASE, P_EXTRACTION, P_HASH, P_KEYS, P_RECONCILED, P_SOURCE, _keys_fingerprint, _nt,
                        document_graph, document_rdf, entities_graph, entity_mapping, entity_rdf, meta_graph)
    from .stream import LineSorter
    from .export import document_iri

    by_id = LineSorter(folder)
    seq = 0
    for rec in records:
        if rec[0] != "doc":
            _skip(rec, report, tick)
            continue
        _, data, h, source_file = rec
        doc_id = json.loads(data)["document"]["id"]
        report.read += 1
        tick()
        by_id.add("\0".join((json.dumps(doc_id, ensure_ascii=False), "%012d" % seq, h,
                             json.dumps(source_file, ensure_ascii=False), data)).encode("utf-8") + b"\n")
        seq += 1

    # the last version of each document, with the files of every version; the entity index over them
    index = EntityIndex()
    finals = Path(folder) / "documents.jsonl"
    with open(finals, "wb") as out:
        group: list[list[str]] = []

        def close() -> None:
            if not group:
                return
            stored = None  # the version the store holds after each record, as kg build writes them
            for fields in group:
                if stored is None:
                    report.added += 1
                elif fields[2] == stored[2]:
                    report.unchanged += 1  # the same text again (in another file): kept, its file noted
                    continue
                else:
                    report.replaced += 1
                stored = fields
            sources = sorted({json.loads(g[3]) for g in group} - {None})
            index.add(extraction_from_json(stored[4])[1])
            out.write(json.dumps([stored[2], sources, stored[4]], ensure_ascii=False).encode("utf-8") + b"\n")
            group.clear()

        for line in by_id:
            fields = line[:-1].decode("utf-8").split("\0", 4)
            if group and fields[0] != group[0][0]:
                close()
            group.append(fields)
        close()

    meta = meta_graph(base)
    meta_node = pyoxigraph.NamedNode(meta)

    def quads(lines: list[str], graph: str) -> Iterator:
        g = pyoxigraph.NamedNode(graph)
        for t in pyoxigraph.parse("\n".join(lines), format=pyoxigraph.RdfFormat.N_TRIPLES):
            yield pyoxigraph.Quad(t.subject, t.predicate, t.object, g)

    yield pyoxigraph.Quad(meta_node, pyoxigraph.NamedNode(str(P_BASE)), pyoxigraph.Literal(base), meta_node)
    with open(finals, "rb") as fh:
        for line in fh:
            h, sources, data = json.loads(line)
            doc, entities, statements = extraction_from_json(data)
            mapping = entity_mapping(index, entities, statements)
            yield from quads(document_rdf(base, doc, statements, mapping), document_graph(base, doc.id))
            m = Graph()
            node = URIRef(str(document_iri(base, doc.id)))
            m.add((node, P_HASH, Literal(h)))
            m.add((node, P_EXTRACTION, Literal(data)))
            m.add((node, P_KEYS, Literal(_keys_fingerprint(mapping))))
            for src in sources:
                m.add((node, P_SOURCE, Literal(src)))
            yield from quads(_nt(m), meta)
    members = index.members()
    yield from quads(entity_rdf(base, (index.describe(c, ms) for c, ms in sorted(members.items()))),
                     entities_graph(base))
    yield pyoxigraph.Quad(meta_node, pyoxigraph.NamedNode(str(P_RECONCILED)), pyoxigraph.Literal(True), meta_node)


def load_results(plan: Plan, results: str, store_path: str | os.PathLike, *, base_iri: str,
                 on_document: Callable[[], None] | None = None) -> BuildReport:
    """The reduce: the partitions' results, in input order, into the store at ``store_path`` (see the
    module docstring). Returns the report, with the store's counts."""
    import tempfile

    from .export import _check_base
    from .store import init_store, is_reconciled, open_store, reconcile, store_stats

    _check_base(base_iri)

    started = time.perf_counter()
    report = BuildReport(ignored=list(plan.ignored))
    tick = on_document or (lambda: None)
    target = Path(store_path)
    fresh = not target.exists() or (target.is_dir() and not any(target.iterdir()))
    if fresh:
        if target.exists():
            target.rmdir()
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.kg-bulk-{secrets.token_hex(6)}")
        try:
            store = open_store(staging, create=True)
            with tempfile.TemporaryDirectory(prefix="kg-reduce-", dir=os.environ.get("KG_TMPDIR") or None) as tmp:
                try:
                    store.bulk_extend(_bulk_quads(_records(plan, results), base_iri, report, tmp, tick))
                except OSError as e:
                    raise StoreError(f"cannot bulk-load the store: {e}") from e
            if report.read == 0:  # nothing to store: no store is made, as kg build makes none
                del store
                shutil.rmtree(staging, ignore_errors=True)
                report.seconds = time.perf_counter() - started
                return report
            store.flush()
            del store
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        store = open_store(target)
    else:
        store = open_store(target)
        init_store(store, base_iri)
        _load_incrementally(_records(plan, results), store, base_iri, report, tick)
        if not is_reconciled(store, base_iri):
            report.rewritten = reconcile(store, base_iri)["rewritten"]
        store.flush()
    report.store = store_stats(store)
    report.seconds = time.perf_counter() - started
    return report


# -- the cluster ------------------------------------------------------------------------------------
@dataclass
class DaskRun:
    """What a Dask build did besides the report: the cluster and the work done on it."""

    workers: int = 0
    partitions: int = 0
    cached: int = 0  # partitions whose results a former run had written
    dashboard: str | None = None
    models_seconds: list[float] = field(default_factory=list)  # per worker
    extract_seconds: float = 0.0

    def format(self) -> str:
        models = (f"; models loaded in {min(self.models_seconds):.1f}-{max(self.models_seconds):.1f} s per worker"
                  if self.models_seconds else "")
        return (f"dask       {self.workers} worker(s), {self.partitions} partition(s), {self.cached} already done; "
                f"extraction {self.extract_seconds:.1f} s{models}\n")


def connect(address: str):
    """A ``distributed.Client`` for ``address``: ``local:N`` starts a LocalCluster of N worker processes
    on the loopback interface for this run (closed with the client); anything else is the address of a
    running scheduler (``tcp://host:8786``). Returns (client, cluster or None)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise KGError(f"--dask needs the dask and distributed packages ({e}); install kg's dependencies") from None
    if address.startswith("local:"):
        try:
            n = int(address[len("local:"):])
        except ValueError:
            n = 0
        if not 1 <= n <= 64:
            raise InputError(f"--dask {address!r}: expected local:N with N worker processes from 1 to 64, "
                             f"or a scheduler address such as tcp://host:8786")
        import logging

        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as e:
        raise KGError(f"cannot reach the Dask scheduler at {address!r}: {e}; start one with 'dask scheduler', "
                      f"or give --dask local:N") from None


def dashboard(client) -> str | None:
    """The dashboard's address, None when the scheduler cannot serve it (bokeh is not installed there)."""
    import importlib.util

    try:
        has_bokeh = client.run_on_scheduler(lambda: importlib.util.find_spec("bokeh") is not None)
    except Exception:  # noqa: BLE001 - an old or locked-down scheduler: ask nothing more of it
        has_bokeh = False
    link = client.dashboard_link if has_bokeh else None
    return link or None


def build_on_dask(client, plan: Plan, options: Options, results: str, *,
                  on_start: Callable[[DaskRun], None] | None = None,
                  on_partition: Callable[[dict], None] | None = None) -> DaskRun:
    """The map: every partition of ``plan`` whose result is not under ``results`` yet, extracted on the
    cluster's workers (each loading the models once). ``on_start`` is called before the work starts (the
    run knows the dashboard's address then), ``on_partition`` with each finished partition's counts.
    Raises :class:`KGError` when a partition fails for good."""
    import fsspec
    from distributed import as_completed

    try:
        fs, path = fsspec.core.url_to_fs(results)
        fs.makedirs(path, exist_ok=True)
    except (ImportError, ValueError) as e:
        raise StoreError(f"cannot use the results folder {results!r}: {e}; install the fsspec backend of its "
                         f"protocol (s3fs for s3://, gcsfs for gs:// ...)") from None
    except OSError as e:
        raise StoreError(f"cannot create the results folder {results!r}: {e}") from None
    run = DaskRun(partitions=len(plan.partitions), dashboard=dashboard(client))
    if on_start:
        on_start(run)
    todo = []
    for part in plan.partitions:
        if _complete(fs, _result_path(path, part.key), part.key):
            run.cached += 1
            if on_partition:
                on_partition({"partition": part.index, "documents": part.documents, "cached": True})
        else:
            todo.append(part)
    started = time.perf_counter()
    if todo:
        client.register_plugin(ModelsPlugin(), name="kg-models")
        futures = [client.submit(extract_partition, part, options, results, key=f"kg-partition-{part.key}",
                                 pure=False) for part in todo]
        try:
            for future in as_completed(futures):
                try:
                    done = future.result()
                except KGError:
                    raise
                except Exception as e:  # noqa: BLE001 - a partition that failed for good: one message
                    raise KGError(f"a partition failed on the cluster ({type(e).__name__}: {e}); its results "
                                  f"and those done are kept in {results}, run the build again to go on") from None
                if on_partition:
                    on_partition(done)
        finally:
            for f in futures:
                f.release()
    run.extract_seconds = time.perf_counter() - started
    info = client.scheduler_info()
    run.workers = len(info.get("workers", {}))
    if todo:
        seconds = client.run(lambda dask_worker: getattr(dask_worker, "kg_models_seconds", None))
        run.models_seconds = sorted(s for s in seconds.values() if s is not None)
    return run


def dask_build(inputs: Iterable[str], address: str, store_path: str | os.PathLike, *, base_iri: str,
               results: str, options: Options = Options(), markdown: bool = False,
               partition_size: int = PARTITION_SIZE, on_plan: Callable[[Plan], None] | None = None,
               on_start: Callable[[DaskRun], None] | None = None,
               on_partition: Callable[[dict], None] | None = None,
               on_document: Callable[[], None] | None = None) -> tuple[BuildReport, DaskRun]:
    """``kg build --dask``: plan the inputs, extract them on the cluster at ``address`` (``local:N`` or a
    scheduler's address; a LocalCluster is closed at the end), and load the results into the store at
    ``store_path``. The callbacks report progress: ``on_plan`` with the plan, ``on_start`` when the
    cluster is ready, ``on_partition`` per partition extracted, ``on_document`` per document loaded.
    Returns the build's report (its time is the whole build's) and what the cluster did."""
    started = time.perf_counter()
    if not _is_url(results):  # the workers may not share this process's folder: they get the absolute path
        results = os.path.abspath(results)
    plan = plan_inputs(inputs, options, markdown=markdown, partition_size=partition_size)
    if on_plan:
        on_plan(plan)
    run = DaskRun()
    if plan.partitions:  # else every input was refused: no cluster is needed to say so
        client, cluster = connect(address)
        try:
            run = build_on_dask(client, plan, options, results, on_start=on_start, on_partition=on_partition)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    report = load_results(plan, results, store_path, base_iri=base_iri, on_document=on_document)
    report.seconds = time.perf_counter() - started
    return report, run

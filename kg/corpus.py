"""Corpus builds: many inputs streamed into one persistent, incremental, merged store.

:func:`iter_inputs` turns files, folders, JSONL files and standard input into documents, lazily, reporting
bad inputs instead of stopping; :func:`build_corpus` streams them through the parser (``nlp.pipe`` in
batches, in ``workers`` processes that each load the models once) and writes each document into the store
in input order, one transaction per document, then reconciles cross-document resolution
(:func:`kg.store.reconcile`). Documents already in the store with the same content are not parsed again,
so a build that was interrupted finishes the remaining documents only when it is run again.
"""
from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, TextIO

from .errors import InputError, KGError
from .ingest import (MAX_CHARS, MAX_SENTENCE_TOKENS, SUPPORTED_LANGUAGES, check_name, decode_bytes, open_regular, parse_html, parse_text,
                     read_document)
from .model import Document

__all__ = ["Skipped", "Ignored", "BuildReport", "iter_sources", "read_sources", "iter_inputs", "count_inputs",
           "parse_jsonl_record", "build_corpus", "format_report", "format_stats"]

#: files a folder contributes (recursively); other files in a folder are ignored, and listed as such
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
#: Markdown files in a folder are mostly READMEs and notes: articles only with ``markdown=True``
#: (``kg build --markdown``), or when named on their own
MARKDOWN_SUFFIXES = (".md",)

#: documents per task sent to a worker (and per nlp.pipe call)
BATCH = 16


@dataclass(frozen=True)
class Skipped:
    """An input that was not built, and why: it failed (a build with skipped inputs exits with code 8)."""

    source: str
    reason: str


@dataclass(frozen=True)
class Ignored:
    """A file of a folder that is no article (a README, notes, pictures): listed, not read, not a failure."""

    source: str
    reason: str


@dataclass
class BuildReport:
    """What a build did."""

    read: int = 0  # documents read from the inputs
    added: int = 0
    replaced: int = 0  # documents whose text changed (same id, or same file)
    unchanged: int = 0  # already in the store with the same content
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)  # files of the folders that are no articles
    rewritten: int = 0  # earlier documents whose entity keys changed with the new ones
    seconds: float = 0.0
    store: dict = field(default_factory=dict)  # kg.store.store_stats of the store afterwards

    @property
    def built(self) -> int:
        """Inputs now in the store: added, replaced or already there."""
        return self.added + self.replaced + self.unchanged

    @property
    def inputs(self) -> int:
        """Inputs that were built or failed (ignored files are not inputs)."""
        return self.built + len(self.skipped)


# -- inputs -----------------------------------------------------------------------------------------
def _expand(inputs: Iterable[str], markdown: bool = False) -> Iterator[str | Skipped | Ignored]:
    """Paths of the inputs: files as given, folders walked in sorted order, ``-`` kept. A folder contributes
    its article and JSONL files (and .md files with ``markdown``); its other files are :class:`Ignored`."""
    wanted = ARTICLE_SUFFIXES + JSONL_SUFFIXES + (MARKDOWN_SUFFIXES if markdown else ())
    for item in inputs:
        if item == "-":
            yield item
            continue
        try:
            check_name(item)
        except InputError as e:
            yield Skipped(str(e).split(":", 1)[0], str(e))
            continue
        p = Path(item)
        if p.is_dir():
            found = False
            ignored = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    path = os.path.join(root, name)
                    try:
                        check_name(path)
                    except InputError as e:
                        yield Skipped(str(e).split(":", 1)[0], str(e))
                        continue
                    if name.lower().endswith(wanted):
                        found = True
                        yield path
                    else:
                        hint = ("a Markdown file in a folder is read only with --markdown, or when named on its own"
                                if name.lower().endswith(MARKDOWN_SUFFIXES) else
                                f"a folder contributes {', '.join(wanted)} files")
                        ignored.append(Ignored(path, f"{path}: not an article file ({hint})"))
            yield from ignored
            if not found:
                yield Skipped(item, f"{item}: folder holds no {', '.join(wanted)} file"
                              + (f" ({len(ignored)} other file(s) ignored)" if ignored else ""))
        else:
            yield item


def parse_jsonl_record(record: object, where: str, *, lang: str | None = None,
                       max_chars: int | None = MAX_CHARS) -> Document:
    """One JSONL article: ``text`` or ``html``, optional ``id``, ``url``, ``title``, ``published`` (or
    ``date``), ``lang``, ``source``. Raises :class:`InputError` for a record kg cannot use.

    The document's ``source`` is ``where``, the record's file and line (``corpus.jsonl:12``), which the
    offsets index (the record's ``text``, or the text extracted from its ``html``); the record's own
    ``source`` (a site or an agency, "en.wikinews.org") becomes the ``publisher`` metadata
    (``dcterms:publisher``), and its ``url`` the ``url`` metadata (``schema:url``).
    """
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with 'text' or 'html', found {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(f"{where}: the record has neither 'text' nor 'html' as a string; "
                         f"keys found: {', '.join(sorted(map(str, record))) or 'none'}")
    for key in ("id", "url", "title", "published", "date", "lang", "source"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{where}: {key!r} must be a string, found {type(record[key]).__name__}")
    rec_lang = lang or record.get("lang") or None
    if rec_lang is not None and rec_lang.strip().lower() not in SUPPORTED_LANGUAGES:
        raise InputError(f"{where}: language {rec_lang!r} is not supported; allowed: {', '.join(SUPPORTED_LANGUAGES)}")
    doc = (parse_text(text, where, rec_lang, max_chars=max_chars) if isinstance(text, str)
           else parse_html(html, where, rec_lang, max_chars=max_chars))
    meta = dict(doc.meta)
    if record.get("url"):
        meta["url"] = record["url"]
    if record.get("source"):
        # what the record says it comes from beats a dateline's agency: it was given, not guessed
        meta["publisher"] = record["source"]
    if record.get("published") or record.get("date"):  # the day of writing, as a dateline gives it
        meta["date"] = record.get("published") or record["date"]
    title = record.get("title") or doc.title
    if title:
        meta["title"] = title
    doc_id = (record.get("id") or "").strip() or doc.id
    return replace(doc, id=doc_id, title=title or None, meta=meta)


def _jsonl_line(line: str | bytes, where: str, lang: str | None, encoding: str = "utf-8",
                first: bool = False, max_chars: int | None = MAX_CHARS) -> Document | Skipped | None:
    """One JSONL line: its document, a :class:`Skipped`, or None for a blank line."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig" if first and encoding.lower() in ("utf-8", "utf8") else encoding)
        except (UnicodeDecodeError, LookupError) as e:
            return Skipped(where, f"{where}: cannot be decoded as {encoding} ({e})")
    if not line.strip():
        return None
    try:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
        except RecursionError:
            raise InputError(f"{where}: JSON nested too deep to read; expected one flat object per line") from None
        return parse_jsonl_record(record, where, lang=lang, max_chars=max_chars)
    except InputError as e:
        return Skipped(where, str(e))


def _jsonl(lines: Iterable[str | bytes], name: str, lang: str | None, encoding: str = "utf-8",
           max_chars: int | None = MAX_CHARS, start: int = 1) -> Iterator[Document | Skipped]:
    for n, line in enumerate(lines, start):
        out = _jsonl_line(line, f"{name}:{n}", lang, encoding, first=n == 1, max_chars=max_chars)
        if out is not None:
            yield out


def _stdin(stream: BinaryIO | TextIO, lang: str | None, encoding: str = "utf-8",
           max_chars: int | None = MAX_CHARS) -> Iterator[Document | Skipped]:
    """Standard input: JSONL when its first non-blank line starts with ``{``, else one article. Read as
    bytes, so that a line that is not valid text costs that line only."""
    first = stream.readline()
    skipped = 0
    while first and not first.strip():
        first = stream.readline()
        skipped += 1
    head = first.lstrip()
    if head[:1] in ("{", b"{") or head[:4] in ("\ufeff{", b"\xef\xbb\xbf{"):
        # JSONL: streamed line by line
        yield from _jsonl(itertools.chain([first], stream), "<stdin>", lang, encoding, max_chars, start=skipped + 1)
        return
    limit = None if max_chars is None else max_chars * 4  # enough bytes for the longest allowed text
    data = first + (stream.read() if limit is None else stream.read(max(limit + 1 - len(first), 0)))
    try:
        if limit is not None and len(data) > limit:
            raise InputError(f"<stdin> is too long (more than {limit:,} bytes): the limit is {max_chars:,} characters "
                             f"per document; split it, or raise the limit with --max-chars")
        if isinstance(data, bytes):
            data = decode_bytes(data, "<stdin>", encoding)
        if not data.strip():
            raise InputError("<stdin> is empty; expected an article or JSONL records")
        if data.lstrip("\ufeff \t\r\n")[:15].lower().startswith(("<!doctype", "<html")):
            yield parse_html(data, "<stdin>", lang, max_chars=max_chars)
        else:
            yield parse_text(data, "<stdin>", lang, max_chars=max_chars)
    except InputError as e:
        yield Skipped("<stdin>", str(e))


def iter_sources(inputs: Iterable[str], *, lang: str | None = None, stdin: BinaryIO | TextIO | None = None,
                 encoding: str = "utf-8", markdown: bool = False,
                 max_chars: int | None = MAX_CHARS) -> Iterator[tuple | Skipped | Ignored]:
    """The inputs as small units of work, lazily and in order, for :func:`read_sources`: an article file,
    one JSONL line, or a document read from standard input (which only this process can read); and a
    :class:`Skipped` or :class:`Ignored` for each input that is not read. Only regular files are opened: a
    FIFO or a device is skipped, never waited on."""
    for item in _expand(inputs, markdown):
        if isinstance(item, (Skipped, Ignored)):
            yield item
        elif item == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
            for d in _stdin(stream, lang, encoding, max_chars):
                yield d if isinstance(d, Skipped) else ("doc", d)
        elif item.lower().endswith(JSONL_SUFFIXES):
            try:
                fh = open_regular(item)
            except InputError as e:
                yield Skipped(item, str(e))
                continue
            with fh:  # streamed: a JSONL file of any size is never held in memory
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        yield ("jsonl", f"{item}:{n}", line, n == 1)
        else:
            yield ("file", item)


def read_sources(sources: list, lang: str | None = None, encoding: str = "utf-8",
                 max_chars: int | None = MAX_CHARS) -> list:
    """Read units of work from :func:`iter_sources` (in a worker, or here): one ``(document, source_file)``,
    :class:`Skipped` or :class:`Ignored` for each."""
    out: list = []
    for src in sources:
        if isinstance(src, (Skipped, Ignored)):
            out.append(src)
        elif src[0] == "doc":
            out.append((src[1], None))
        elif src[0] == "jsonl":
            d = _jsonl_line(src[2], src[1], lang, encoding, first=src[3], max_chars=max_chars)
            out.append(d if isinstance(d, Skipped) else (d, None))
        else:
            try:
                out.append((read_document(src[1], lang=lang, encoding=encoding, max_chars=max_chars),
                            os.path.abspath(src[1])))
            except InputError as e:
                out.append(Skipped(src[1], str(e)))
    return out


def iter_inputs(inputs: Iterable[str], *, lang: str | None = None, encoding: str = "utf-8",
                stdin: BinaryIO | TextIO | None = None, markdown: bool = False,
                max_chars: int | None = MAX_CHARS) -> Iterator[tuple[Document, str | None] | Skipped | Ignored]:
    """Documents of files, folders (recursively: .txt, .html, .htm, .jsonl, and .md with ``markdown``),
    JSONL files and ``-`` (standard input: an article, or JSONL when it starts with ``{``), lazily and in
    order.

    Yields ``(document, source_file)`` where ``source_file`` is the absolute path of an article file (a
    changed file replaces the document it gave before) or None, :class:`Skipped` for an input that
    cannot be read (missing, not a regular file, binary, undecodable, longer than ``max_chars``, a bad
    JSONL line ...) and :class:`Ignored` for a file of a folder that is no article.
    """
    for src in iter_sources(inputs, lang=lang, stdin=stdin, encoding=encoding, markdown=markdown,
                            max_chars=max_chars):
        yield from read_sources([src], lang, encoding, max_chars)


def count_inputs(inputs: Iterable[str], markdown: bool = False) -> int | None:
    """How many documents the inputs hold (for a progress bar), None when it cannot be told cheaply."""
    total = 0
    for item in _expand(inputs, markdown):
        if isinstance(item, (Skipped, Ignored)):
            continue
        if item == "-":
            return None
        if item.lower().endswith(JSONL_SUFFIXES):
            try:
                with open_regular(item) as fh:
                    total += sum(1 for line in fh if line.strip())
            except (InputError, OSError):
                pass
        else:
            total += 1
    return total


# -- extraction, in this process or in workers ------------------------------------------------------
def _extract_batch(batch: list[Document], min_confidence: float, background: bool = False,
                   max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> list:
    """Extract a batch (runs in a worker): an :class:`~kg.pipeline.Extraction` or an error message per
    document, in order."""
    from .pipeline import extract

    try:
        out = list(extract(batch, max_sentence_tokens=max_sentence_tokens))
    except KGError:
        raise
    except Exception:  # one bad document must not lose the batch: redo it one by one
        out = []
        for doc in batch:
            try:
                out.extend(extract([doc], max_sentence_tokens=max_sentence_tokens))
            except KGError:
                raise
            except Exception as e:  # noqa: BLE001 - reported as a skipped input
                out.append(f"extraction failed ({type(e).__name__}: {e})")
    return [ex if isinstance(ex, str) else replace(
        ex, statements=tuple(st for st in ex.statements if st.confidence >= min_confidence
                             and (background or st.basis is None))) for ex in out]


def _worker_init() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the pool and reports it once
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    from .stream import batched

    return batched(items, size)


def _extract_items(items: list[tuple], min_confidence: float, background: bool = False,
                   max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> list:
    """:func:`_extract_batch` over items whose first field is the document."""
    return _extract_batch([item[0] for item in items], min_confidence, background, max_sentence_tokens)


def _ordered_map(pool, fn: Callable[[list], list], items: Iterable, window: int) -> Iterator[tuple]:
    """(item, result) for each item, in input order: ``fn`` maps a batch to one result per item, in
    ``pool`` (at most ``window`` batches in flight, so memory stays bounded) or here when ``pool`` is None."""
    if pool is None:
        for batch in _batches(items, BATCH):
            yield from zip(batch, fn(batch))
        return
    pending: deque = deque()
    for batch in _batches(items, BATCH):
        pending.append((batch, pool.apply_async(fn, (batch,))))
        while len(pending) >= window:
            b, res = pending.popleft()
            yield from zip(b, res.get())
    while pending:
        b, res = pending.popleft()
        yield from zip(b, res.get())


@contextlib.contextmanager
def _pool(workers: int):
    """A pool of ``workers`` processes, or None for one worker (everything runs here)."""
    if workers <= 1:
        yield None
        return
    from .workers import worker_context

    ctx = worker_context()  # no fork of a process holding the store open: forked from a fork server
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        yield pool


def _extract_stream(items: Iterable[tuple], workers: int, min_confidence: float,
                    background: bool = False) -> Iterator[tuple]:
    """(item, extraction or error) for each item (whose first field is a Document), in input order."""
    with _pool(workers) as pool:
        yield from _ordered_map(pool, functools.partial(_extract_items, min_confidence=min_confidence,
                                                        background=background), items, 2 * workers)


# -- the build --------------------------------------------------------------------------------------
def build_corpus(sources: Iterable[tuple | Skipped | Ignored], store, *, base_iri: str, lang: str | None = None,
                 encoding: str = "utf-8", min_confidence: float = 0.0, workers: int = 1,
                 background: bool = False, max_chars: int | None = MAX_CHARS,
                 max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
                 on_document: Callable[[], None] | None = None,
                 on_skip: Callable[[Skipped], None] | None = None) -> BuildReport:
    """Build inputs into a store (see the module docstring) and return what was done.

    ``sources`` come from :func:`iter_sources`; with several workers they are read (HTML extraction,
    language detection) as well as parsed in the workers. A document already in the store with the same
    content is not parsed. A document longer than ``max_chars`` characters is skipped; a sentence longer
    than ``max_sentence_tokens`` tokens is cut before parsing. ``on_document`` is called once per document
    read (for a progress bar), ``on_skip`` for every skipped input.
    """
    from .store import (add_source, content_hash, init_store, is_reconciled, load_index, reconcile, store_stats,
                        stored_hash, write_document)

    started = time.perf_counter()
    report = BuildReport()
    init_store(store, base_iri)
    index = None  # loaded when the first document is written: a build with nothing new reads no extraction
    exact = True  # the index holds the entities of the store's documents only: no document was replaced

    def skip(s: Skipped) -> None:
        report.skipped.append(s)
        if on_skip:
            on_skip(s)

    def tick() -> None:
        if on_document:
            on_document()

    def pending(items) -> Iterator[tuple]:
        for _, item in items:
            if isinstance(item, Ignored):
                report.ignored.append(item)
                continue
            if isinstance(item, Skipped):
                skip(item)
                continue
            doc, source_file = item
            report.read += 1
            h = content_hash(doc, min_confidence, background)
            if stored_hash(store, base_iri, doc.id) == h:
                report.unchanged += 1
                if source_file:
                    from .store import _sources_of
                    from .export import document_iri
                    if source_file not in _sources_of(store, base_iri, str(document_iri(base_iri, doc.id))):
                        add_source(store, base_iri, doc.id, source_file)
                tick()
                continue
            # the text is not needed after parsing: keep only what the graph needs in the queue
            yield doc, source_file, h

    def write(doc: Document, source_file: str | None, h: str, ex) -> None:
        nonlocal index, exact
        tick()
        if isinstance(ex, str):
            skip(Skipped(doc.source, f"{doc.source}: {ex}"))
            return
        old = stored_hash(store, base_iri, doc.id)
        if old == h:  # the same text twice in one run
            report.unchanged += 1
            return
        if index is None:
            index = load_index(store, base_iri)
        index.add(ex.entities)
        replaced = write_document(store, base_iri, doc, list(ex.entities), list(ex.statements), h, index,
                                  source_file)
        if old is not None or replaced:
            report.replaced += 1
            exact = False  # the index still holds the entities of the replaced version
        else:
            report.added += 1

    with _pool(workers) as pool:
        window = 2 * workers
        read = _ordered_map(pool, functools.partial(read_sources, lang=lang, encoding=encoding, max_chars=max_chars),
                            sources, window)
        extracted = _ordered_map(pool, functools.partial(_extract_items, min_confidence=min_confidence,
                                                         background=background,
                                                         max_sentence_tokens=max_sentence_tokens),
                                 pending(read), window)
        for (doc, source_file, h), ex in extracted:
            write(doc, source_file, h, ex)
    if not is_reconciled(store, base_iri):  # else nothing was written since the last complete build
        report.rewritten = reconcile(store, base_iri, index if exact else None)["rewritten"]
    store.flush()
    report.store = store_stats(store)
    report.seconds = time.perf_counter() - started
    return report


def format_report(report: BuildReport, *, max_skipped: int = 10) -> str:
    """A one-screen summary of a build."""
    s = report.store
    rate = report.read / report.seconds if report.seconds else 0.0
    lines = [
        f"documents  {report.read} read: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged ({rate:.1f} documents/s, {report.seconds:.1f} s)",
    ]
    if report.rewritten:
        lines.append(f"           {report.rewritten} earlier document(s) updated to the merged entities")
    if s:
        lines.append(f"store      {s['documents']} documents, {s['entities']} entities, {s['statements']} statements")
        lines.append("entities   " + (", ".join(f"{k} {v}" for k, v in s["by_type"].items()) or "none"))
        top = sorted(s["by_relation"].items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        lines.append("relations  " + (", ".join(f"{k} {v}" for k, v in top) or "none"))

    def listed(head: str, items) -> None:
        lines.append(head)
        lines.extend(f"  {item.reason}" for item in items[:max_skipped])
        if len(items) > max_skipped:
            lines.append(f"  ... and {len(items) - max_skipped} more")

    if report.skipped:
        listed(f"skipped    {len(report.skipped)} input(s) failed, of {report.inputs}; not built:", report.skipped)
    if report.ignored:
        listed(f"ignored    {len(report.ignored)} file(s) of the folders that are no articles:", report.ignored)
    return "\n".join(lines) + "\n"


def format_stats(stats: dict) -> str:
    """The counts of :func:`kg.store.store_stats` as text."""
    lines = [f"documents   {stats['documents']}", f"entities    {stats['entities']}",
             f"statements  {stats['statements']}", "", "entities by type"]
    lines += [f"  {k:<24} {v}" for k, v in stats["by_type"].items()]
    lines += ["", "statements by relation"]
    lines += [f"  {k:<24} {v}" for k, v in sorted(stats["by_relation"].items(), key=lambda kv: (-kv[1], kv[0]))]
    lines += ["", "most connected entities (statements)"]
    lines += [f"  {e['statements']:>5}  {e['label']}  <{e['entity']}>" for e in stats["most_connected"]]
    return "\n".join(lines) + "\n"

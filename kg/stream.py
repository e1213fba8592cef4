"""Streaming exports of a store, in memory that does not grow with the store.

The exports of :func:`kg.store.export_store` are deterministic: N-Triples and N-Quads are sorted lines,
TriG is pyoxigraph's serialisation of the quads in sorted order, Turtle is rdflib's serialisation (subjects
by the number of references to them, then by IRI). Sorting everything in memory would hold the whole
store; here the lines go through an external merge sort (:class:`LineSorter`: sorted runs of at most
``chunk_bytes`` written to a temporary folder, then merged), so memory stays bounded by the chunk size
whatever the size of the store, and the bytes are those of the in-memory serialisation of the same graph:

- ``.nq``: pyoxigraph's N-Quads lines of every exported quad, sorted;
- ``.nt``: rdflib's N-Triples lines of the union of the graphs, sorted, each line once;
- ``.trig``: the quads sorted by (graph, subject, predicate, object), streamed through pyoxigraph's TriG
  writer, the ``@prefix`` lines sorted;
- ``.ttl``: rdflib's Turtle writer run on bounded groups of subjects, in the order its whole-graph run
  would take (the subjects typed ``rdfs:Class`` first, then by number of references, then by IRI), each
  subject's triples read from the store's index; the ``@prefix`` lines are those the body uses.

The files are written atomically: to a temporary file next to the output, renamed when complete.
"""
from __future__ import annotations

import contextlib
import functools
import heapq
import io
import itertools
import os
import secrets
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .errors import StoreError

__all__ = ["CHUNK_BYTES", "STREAMED_FORMATS", "LineSorter", "exported_quads", "atomic_output", "stream_export"]

#: bytes of lines held in memory before a sorted run is written to disk
CHUNK_BYTES = 32 << 20
#: sorted runs merged at once (a larger store merges in several passes, never holding more files open)
MERGE_FAN_IN = 64
#: quads per pyoxigraph or rdflib serialisation call, and triples per group of Turtle subjects
BATCH = 20_000
#: the syntaxes exported by streaming, by the name :func:`kg.store.export_store` uses
STREAMED_FORMATS = ("nq", "trig", "nt", "turtle")

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_CLASS = "http://www.w3.org/2000/01/rdf-schema#Class"


# -- external sort ----------------------------------------------------------------------------------
class LineSorter:
    """An external merge sort of byte lines, each ending in ``b"\\n"``.

    Lines are added with :meth:`add`; iterating gives them in byte order (each line once with
    ``unique``). At most ``chunk_bytes`` of lines are held in memory: each full chunk is sorted and
    written to a run file under ``folder``, and the runs are merged at the end (in passes of at most
    :data:`MERGE_FAN_IN` files).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     s = LineSorter(d, chunk_bytes=4, unique=True)
    ...     for line in (b"b\\n", b"a\\n", b"c\\n", b"a\\n"):
    ...         s.add(line)
    ...     list(s)
    [b'a\\n', b'b\\n', b'c\\n']
    """

    def __init__(self, folder: str | os.PathLike, *, chunk_bytes: int = CHUNK_BYTES, unique: bool = False):
        self.folder = Path(folder)
        self.chunk_bytes = chunk_bytes
        self.unique = unique
        self._lines: list[bytes] = []
        self._size = 0
        self._runs: list[Path] = []

    def add(self, line: bytes) -> None:
        self._lines.append(line)
        self._size += len(line) + 64  # the list slot and the bytes object's header count too
        if self._size >= self.chunk_bytes:
            self._spill()

    def extend(self, lines: Iterable[bytes]) -> None:
        for line in lines:
            self.add(line)

    def _sorted_chunk(self) -> list[bytes]:
        lines = sorted(set(self._lines)) if self.unique else sorted(self._lines)
        self._lines, self._size = [], 0
        return lines

    def _new_run(self) -> Path:
        fd, name = tempfile.mkstemp(prefix="run-", suffix=".txt", dir=self.folder)
        os.close(fd)
        return Path(name)

    def _spill(self) -> None:
        if not self._lines:
            return
        run = self._new_run()
        with open(run, "wb") as fh:
            fh.writelines(self._sorted_chunk())
        self._runs.append(run)

    def _merge(self, runs: list[Path]) -> Iterator[bytes]:
        with contextlib.ExitStack() as stack:
            files = [stack.enter_context(open(r, "rb", buffering=1 << 16)) for r in runs]
            previous = None
            for line in heapq.merge(*files):
                if self.unique and line == previous:
                    continue
                previous = line
                yield line

    def __iter__(self) -> Iterator[bytes]:
        if not self._runs:  # everything fitted in memory
            yield from self._sorted_chunk()
            return
        self._spill()
        runs = self._runs
        while len(runs) > MERGE_FAN_IN:  # merge passes keep the open files bounded
            merged = []
            for i in range(0, len(runs), MERGE_FAN_IN):
                group = runs[i:i + MERGE_FAN_IN]
                run = self._new_run()
                with open(run, "wb") as fh:
                    fh.writelines(self._merge(group))
                for r in group:
                    r.unlink()
                merged.append(run)
            runs = merged
        self._runs = runs
        try:
            yield from self._merge(runs)
        finally:
            for r in runs:
                r.unlink(missing_ok=True)
            self._runs = []


# -- the store's quads ------------------------------------------------------------------------------
def exported_quads(store, base: str, progress: Callable[[int], None] | None = None) -> Iterator:
    """Every quad an export holds: all graphs but the bookkeeping graph, read graph by graph (the
    bookkeeping graph, with every document's extraction, is never read), with the literals restored as
    :func:`kg.export.to_rdf` writes them. ``progress`` is called with the number of quads read so far,
    every :data:`BATCH` quads."""
    import pyoxigraph

    from .store import _restorer, meta_graph

    restore = _restorer()
    meta = meta_graph(base)
    # the graphs' names are streamed too: a store holds one graph per document
    graphs = itertools.chain([pyoxigraph.DefaultGraph()], (g for g in store.named_graphs() if g.value != meta))
    n = 0
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, g):
            yield restore(q)
            n += 1
            if progress is not None and n % BATCH == 0:
                progress(n)
    if progress is not None:
        progress(n)


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _check_no_bnode(q) -> None:
    import pyoxigraph

    if isinstance(q.subject, pyoxigraph.BlankNode) or isinstance(q.object, pyoxigraph.BlankNode):
        raise StoreError("graph has blank nodes, which cannot be serialised deterministically")


# -- output -----------------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file handle for ``path``: the bytes go to a temporary file in the same folder, which
    replaces ``path`` when the block ends without error (after an fsync); on any error it is removed and
    ``path`` is left as it was."""
    path = Path(path)
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {os.fspath(path)!r}: directory {os.fspath(path.parent)!r} does not exist")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as e:
        raise StoreError(f"cannot write {os.fspath(path)!r}: {e.strerror or e}") from e
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {os.fspath(path)!r}: {e.strerror or e}") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _SortedHead(io.RawIOBase):
    """A writer that passes bytes on to ``out``, except that the ``@prefix`` lines at the start are
    written sorted (pyoxigraph writes them in its own order; kg's exports sort them)."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.head = b""
        self.done = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        if self.done:
            self.out.write(data)
            return len(data)
        self.head += data
        lines = self.head.split(b"\n")
        prefixes = []
        for line in lines[:-1]:
            if not line.startswith(b"@prefix"):
                break
            prefixes.append(line)
        else:
            return len(data)  # only prefix lines so far (the last may be incomplete)
        self._release(len(prefixes))
        return len(data)

    def _release(self, n: int) -> None:
        lines = self.head.split(b"\n")
        head = sorted(line + b"\n" for line in lines[:n])
        self.out.write(b"".join(head) + b"\n".join(lines[n:]))
        self.head, self.done = b"", True

    def finish(self) -> None:
        if not self.done:
            lines = self.head.split(b"\n")
            n = sum(1 for line in lines[:-1] if line.startswith(b"@prefix"))
            self._release(n)


# -- the formats ------------------------------------------------------------------------------------
def _nquads(store, base: str, out: BinaryIO, sorter: Callable[..., LineSorter], progress) -> None:
    import pyoxigraph

    lines = sorter()
    for batch in batched(exported_quads(store, base, progress)):
        lines.extend(pyoxigraph.serialize(batch, format=pyoxigraph.RdfFormat.N_QUADS).splitlines(keepends=True))
    out.writelines(line for line in lines if line.strip())


def _prefixes(base: str) -> dict[str, str]:
    from .export import PREFIXES

    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    prefixes.update({"ent": base + "entity/", "st": base + "statement/", "doc": base + "document/"})
    return dict(sorted(prefixes.items()))


def _trig(store, base: str, out: BinaryIO, sorter: Callable[..., LineSorter], progress) -> None:
    import pyoxigraph

    # the order of the in-memory export: (graph, subject, predicate, object) as N-Triples strings; no
    # term's string holds a NUL or a newline (N-Triples escapes them), so the joined key sorts the same
    keys = sorter()
    for q in exported_quads(store, base, progress):
        keys.add("\0".join((str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))).encode("utf-8")
                 + b"\n")

    def quads() -> Iterator:
        for batch in batched(keys):
            text = []
            for key in batch:
                g, s, p, o = key[:-1].decode("utf-8").split("\0")
                text.append(f"{s} {p} {o} {g} .\n" if g != "DEFAULT" else f"{s} {p} {o} .\n")
            yield from pyoxigraph.parse("".join(text), format=pyoxigraph.RdfFormat.N_QUADS)

    head = _SortedHead(out)
    pyoxigraph.serialize(quads(), head, format=pyoxigraph.RdfFormat.TRIG, prefixes=_prefixes(base))
    head.finish()


def _rdflib_graph(triples: list, base: str):
    """A batch of pyoxigraph triples as an rdflib graph, read as the in-memory export reads them."""
    import pyoxigraph
    from rdflib import Graph

    from .store import _bind

    g = Graph(bind_namespaces="none")
    g.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return _bind(g, base)


def _ntriples(store, base: str, out: BinaryIO, sorter: Callable[..., LineSorter], progress) -> None:
    import pyoxigraph

    lines = sorter(unique=True)
    for batch in batched(exported_quads(store, base, progress)):
        for q in batch:
            _check_no_bnode(q)
        triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in batch]
        # rdflib writes each triple's line by itself: a batch gives the lines the whole graph would
        lines.extend(_rdflib_graph(triples, base).serialize(format="nt", encoding="utf-8").splitlines(keepends=True))
    out.writelines(line for line in lines if line.strip())


def _turtle(store, base: str, out: BinaryIO, sorter: Callable[..., LineSorter], progress) -> None:
    """rdflib's Turtle of the union graph, subject group by subject group (see the module docstring)."""
    import pyoxigraph
    from rdflib import Graph, URIRef

    from .store import _bind, _restorer, meta_graph

    # pass 1: the subjects, the (object, subject, predicate) references, rdfs:Class members, predicates
    subjects = sorter(unique=True)
    references = sorter(unique=True)
    classes = sorter(unique=True)
    predicates: set[str] = set()
    for q in exported_quads(store, base, progress):
        _check_no_bnode(q)
        s = q.subject.value.encode("utf-8")
        subjects.add(s + b"\n")
        predicates.add(q.predicate.value)
        if isinstance(q.object, pyoxigraph.NamedNode):
            references.add(b"\0".join((q.object.value.encode("utf-8"), s, q.predicate.value.encode("utf-8")))
                           + b"\n")
            if q.predicate.value == _RDF_TYPE and q.object.value == _RDFS_CLASS:
                classes.add(s + b"\n")

    # the order rdflib's whole-graph writer takes: members of rdfs:Class by IRI, then the other subjects
    # by the number of triples pointing at them, then by IRI (all three streams are sorted by IRI)
    order = sorter()
    refs = _counts(references)
    members = iter(classes)
    member = next(members, None)
    ref = next(refs, None)
    for line in subjects:
        iri = line[:-1]
        while ref is not None and ref[0] < iri:
            ref = next(refs, None)
        while member is not None and member[:-1] < iri:
            member = next(members, None)
        if member is not None and member[:-1] == iri:
            order.add(b"0\0" + iri + b"\n")
        else:
            count = ref[1] if ref is not None and ref[0] == iri else 0
            order.add(b"1\0%020d\0" % count + iri + b"\n")

    # rdflib names a predicate outside the bound namespaces with a generated prefix (ns1, ns2 ...); bound
    # once here, in IRI order, so that every group names it alike
    prefixes = Graph(bind_namespaces="none")
    _bind(prefixes, base)
    for p in sorted(predicates):
        if p != _RDF_TYPE:
            try:
                prefixes.namespace_manager.compute_qname(p, generate=True)
            except Exception:  # rdflib writes a predicate it cannot split as a full IRI
                pass
    bindings = sorted((str(prefix), str(ns)) for prefix, ns in prefixes.namespaces())

    restore = _restorer()
    meta = meta_graph(base)
    used: dict[str, str] = {}
    body = tempfile.TemporaryFile(dir=sorter().folder)
    with body:
        group: list[str] = []
        triples: set = set()

        def flush() -> None:
            if not group:
                return
            g = Graph(bind_namespaces="none")
            for prefix, ns in bindings:
                g.bind(prefix, ns, override=True, replace=True)
            g.parse(data=pyoxigraph.serialize(sorted(triples, key=str), format=pyoxigraph.RdfFormat.N_TRIPLES)
                    .decode("utf-8"), format="nt")
            writer = _GroupTurtle(g)
            writer.write_subjects(body, [URIRef(s) for s in group])
            used.update(writer.namespaces)
            group.clear()
            triples.clear()

        for line in order:
            iri = line[:-1].rsplit(b"\0", 1)[-1].decode("utf-8")
            node = pyoxigraph.NamedNode(iri)
            for q in store.quads_for_pattern(node, None, None, None):
                if getattr(q.graph_name, "value", None) == meta:
                    continue
                r = restore(q)
                triples.add(pyoxigraph.Triple(r.subject, r.predicate, r.object))
            group.append(iri)
            if len(triples) >= BATCH:
                flush()
        flush()
        for prefix, ns in sorted(used.items()):
            out.write(("@prefix %s: <%s> .\n" % (prefix, ns)).encode("utf-8"))
        body.seek(0)
        while chunk := body.read(1 << 20):
            out.write(chunk)
    out.write(b"\n")


def _counts(lines: Iterable[bytes]) -> Iterator[tuple[bytes, int]]:
    """(first field, number of lines) of lines sorted by their first NUL-separated field."""
    current, n = None, 0
    for line in lines:
        key = line.split(b"\0", 1)[0]
        if key != current:
            if current is not None:
                yield current, n
            current, n = key, 0
        n += 1
    if current is not None:
        yield current, n


def _group_turtle_class():
    from rdflib.plugins.serializers.turtle import TurtleSerializer

    class GroupTurtle(TurtleSerializer):
        """rdflib's Turtle writer for some subjects of a graph, in a given order, without the header:
        the statements it writes are those its whole-graph run writes for these subjects."""

        def write_subjects(self, stream: BinaryIO, subjects: list) -> None:
            self.reset()
            self.stream = stream
            self.base = None
            self.preprocess()  # finds the prefixes the statements use
            for subject in subjects:
                if self.statement(subject):
                    self.write("\n")

    return GroupTurtle


_GROUP_TURTLE = None


def _GroupTurtle(graph):  # noqa: N802 - a class, made on first use (rdflib's serializer module is heavy)
    global _GROUP_TURTLE
    if _GROUP_TURTLE is None:
        _GROUP_TURTLE = _group_turtle_class()
    return _GROUP_TURTLE(graph)


_WRITERS = {"nq": _nquads, "trig": _trig, "nt": _ntriples, "turtle": _turtle}


def stream_export(store, path: str | os.PathLike, fmt: str, *, base: str,
                  progress: Callable[[int], None] | None = None, chunk_bytes: int = CHUNK_BYTES) -> Path:
    """Write the store's export in syntax ``fmt`` (one of :data:`STREAMED_FORMATS`) to ``path``,
    atomically, by streaming; ``progress`` is called with the number of quads read so far. The sort
    holds at most about ``chunk_bytes`` of lines in memory at a time; its runs go to ``$KG_TMPDIR``
    when set, else to the system's temporary folder."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise StoreError(f"no streaming export for {fmt!r}; streamed: {', '.join(STREAMED_FORMATS)}") from None
    with tempfile.TemporaryDirectory(prefix="kg-export-", dir=os.environ.get("KG_TMPDIR") or None) as folder, \
            atomic_output(path) as out:
        writer(store, base, out, functools.partial(LineSorter, folder, chunk_bytes=chunk_bytes), progress)
    return Path(path)

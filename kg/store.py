"""The embedded persistent store: a pyoxigraph on-disk :class:`pyoxigraph.Store` (a SPARQL 1.1 engine).

Layout (``BASE`` is the base IRI, ``https://kg.example.org/`` by default):

- ``<BASE graph/entities>``: entity descriptions (types, ``rdfs:label``, ``skos:altLabel``, ``owl:sameAs``),
  merged over every document (see :mod:`kg.merge`);
- ``<BASE graph/document/{id}>``, one per document (its id %-encoded): the document node, its statements
  with their provenance and the direct triples, exactly as :func:`kg.export.to_rdf` writes them;
- ``<BASE graph/meta>``: bookkeeping that no export contains: the base IRI, and per document its content
  hash, its source files, its extraction (to re-derive its graph when cross-document resolution changes)
  and a fingerprint of the entity keys its graph uses.

The union of the document graphs and the entity graph is the graph :func:`kg.export.to_rdf` writes for
the whole corpus; readers query it with ``use_default_graph_as_union=True``.

Every change to one document (its graph and its bookkeeping) is one SPARQL update, which pyoxigraph
applies in one transaction: a build killed at any moment leaves each document either wholly in the store
or not at all. The entity graph is written by :func:`reconcile` at the end of a build, from the entity
index of the whole store, in one more transaction with the mark that the store is reconciled (a document
write removes that mark, so the next build reconciles a store whose last build was killed). The triples
come from the one mapping of :mod:`kg.export` (:func:`~kg.export.rdf_triples`), as pyoxigraph terms: no
rdflib graph is built on the way.

pyoxigraph keeps literals in canonical form: inside the store a confidence ``0.90`` reads ``0.9`` and the
``xsd:nonNegativeInteger`` offsets read as ``xsd:integer`` (the same values). Exports restore the exact
literals of :func:`kg.export.to_rdf`, so a store's export equals a one-shot ``kg build -o`` byte for byte.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from .errors import KGError, StoreError
from .export import (DEFAULT_BASE_IRI, PREFIXES, SERIALIZERS, _check_base, _confidence, document_iri, entity_triples,
                     format_for, rdf_triples, serialize, write_bytes)
from .graph import KnowledgeGraph
from .merge import EntityIndex, extraction_from_json, extraction_to_json, map_statement
from .model import Document, Entity, Statement
from .vocab import KGO, NIF

__all__ = [
    "open_store", "entities_graph", "document_graph", "meta_graph", "store_base", "init_store",
    "content_hash", "stored_hash", "write_document", "reconcile", "is_reconciled", "unfinished_build", "load_index", "store_to_graph",
    "document_triples", "description_triples",
    "store_to_dataset", "store_quads", "export_store", "store_stats", "DATASET_EXTENSIONS", "count_quads",
    "count_documents", "check_size", "IN_MEMORY_EXPORT_TRIPLES",
]

#: bookkeeping predicates of the meta graph (never exported)
BUILD = "urn:kg:build:"
P_BASE, P_HASH, P_SOURCE = URIRef(BUILD + "baseIRI"), URIRef(BUILD + "contentHash"), URIRef(BUILD + "sourceFile")
P_EXTRACTION, P_KEYS = URIRef(BUILD + "extraction"), URIRef(BUILD + "entityKeys")
#: set on the meta graph by :func:`reconcile`, removed by every document write: the store is consistent
P_RECONCILED = URIRef(BUILD + "reconciled")
#: bump when the stored extraction or graph layout changes: documents built by another version are redone
FORMAT_VERSION = "1"

#: extensions of the exports that keep the per-document graphs
DATASET_EXTENSIONS = {".nq": "nq", ".trig": "trig"}


# -- graph names ----------------------------------------------------------------------------------------
def entities_graph(base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the graph of entity descriptions."""
    return base + "graph/entities"


def document_graph(base: str, doc_id: str) -> str:
    """The IRI of a document's graph: ``BASE graph/document/`` and the id, %-encoded."""
    return base + "graph/document/" + quote(doc_id, safe="")


def meta_graph(base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the bookkeeping graph."""
    return base + "graph/meta"


# -- opening ----------------------------------------------------------------------------------------
def open_store(path: str | os.PathLike, *, read_only: bool = False, create: bool = False):
    """Open the pyoxigraph store in directory ``path``.

    Parameters
    ----------
    path : str or PathLike
        The store's directory.
    read_only : bool
        Open for reading only (several readers may share a store; not while a build writes to it).
    create : bool
        Create the store (and the directory) when it does not exist yet.

    Raises
    ------
    StoreError
        The directory does not exist (and ``create`` is false), is a file, holds something else than a
        store, or the store is in use by another process.
    """
    import pyoxigraph

    p = Path(path)
    shown = os.fspath(path)
    if p.exists() and not p.is_dir():
        raise StoreError(f"store {shown!r} is a file; expected a store directory (created by 'kg build --store')")
    is_store = (p / "CURRENT").is_file()
    if not is_store:
        if not create or read_only:
            what = "does not exist" if not p.exists() else "is not a kg store (no pyoxigraph database in it)"
            raise StoreError(f"store {shown!r} {what}; expected a directory created by 'kg build --store'")
        if p.exists() and any(p.iterdir()):
            raise StoreError(f"cannot create a store in {shown!r}: the directory is not empty and holds no store; "
                             f"give a new or empty directory")
        try:
            p.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create store directory {shown!r}: {e.strerror or e}") from e
    try:
        return pyoxigraph.Store.read_only(str(p)) if read_only else pyoxigraph.Store(str(p))
    except OSError as e:
        msg = str(e)
        if "lock" in msg.lower():
            raise StoreError(f"store {shown!r} is in use by another process (a build is running?); "
                             f"wait for it to finish") from e
        raise StoreError(f"cannot open store {shown!r}: {msg}") from e


def _node(iri: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def _find_base(store) -> str | None:
    import pyoxigraph

    for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(str(P_BASE)), None, None):
        return q.object.value
    return None


def store_base(store) -> str:
    """The base IRI a store was built with; :class:`StoreError` for an empty store."""
    base = _find_base(store)
    if base is None:
        raise StoreError("the store is empty: it has no documents yet; add some with 'kg build INPUTS --store DIR'")
    return base


def init_store(store, base: str) -> None:
    """Record the base IRI of a new store, or check that an existing store has the same."""
    _check_base(base)
    found = _find_base(store)
    if found is None:
        meta = meta_graph(base)
        store.update(f"INSERT DATA {{ GRAPH <{meta}> {{ <{meta}> <{P_BASE}> {Literal(base).n3()} . }} }}")
    elif found != base:
        raise StoreError(f"the store was built with base IRI {found!r}, not {base!r}; give --base-iri {found} "
                         f"or use another store")


# -- documents --------------------------------------------------------------------------------------
def content_hash(doc: Document, min_confidence: float, background: bool = False) -> str:
    """What decides whether a document must be extracted again: its text, language, title, metadata, the
    confidence threshold, whether background knowledge is kept, and the store format (not its file
    name: the same text under two names is one document)."""
    data = [FORMAT_VERSION, doc.id, doc.lang, doc.text, doc.title, sorted(doc.meta.items()), min_confidence]
    if background:
        data.append("background")
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


def stored_hash(store, base: str, doc_id: str) -> str | None:
    """The content hash of a document in the store, None when it is not there."""
    for q in store.quads_for_pattern(_node(str(document_iri(base, doc_id))), _node(str(P_HASH)), None,
                                     _node(meta_graph(base))):
        return q.object.value
    return None


def documents_with_source(store, base: str, source: str) -> list[str]:
    """Document IRIs whose bookkeeping names ``source`` as one of their files."""
    import pyoxigraph

    return sorted(q.subject.value for q in store.quads_for_pattern(
        None, _node(str(P_SOURCE)), pyoxigraph.Literal(source), _node(meta_graph(base))))


def _sources_of(store, base: str, doc_iri: str) -> list[str]:
    return sorted(q.object.value for q in store.quads_for_pattern(_node(doc_iri), _node(str(P_SOURCE)), None,
                                                                   _node(meta_graph(base))))


def _nt(graph: Graph) -> list[str]:
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # N-Triples lines end at "\n" only: str.splitlines would also cut a literal at a form feed or U+2028
    return sorted(line for line in data.split("\n") if line.strip())


def _keys_fingerprint(mapping: Mapping[str, str]) -> str:
    return hashlib.sha1(json.dumps(sorted(mapping.items()), ensure_ascii=False).encode("utf-8")).hexdigest()


def _ox(term):
    """A pyoxigraph term for an rdflib IRI or literal (the same lexical form, language and datatype)."""
    import pyoxigraph

    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(term.datatype))
        return pyoxigraph.Literal(str(term))
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(term)
    raise StoreError(f"cannot store {term!r}: kg's graphs hold IRIs and literals only")


def _triples(triples: Iterable[tuple]) -> set:
    """rdflib triples as a set of pyoxigraph triples."""
    import pyoxigraph

    try:
        return {pyoxigraph.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in triples}
    except ValueError as e:  # an IRI or a language tag pyoxigraph refuses
        raise StoreError(f"cannot write to the store: {e}") from e


def document_triples(base: str, doc: Document, statements: Iterable[Statement], mapping: Mapping[str, str]) -> set:
    """A document's graph as pyoxigraph triples: :func:`~kg.export.to_rdf` of the document and its statements
    (entity keys mapped to canonical ones), without the entity descriptions."""
    kg = KnowledgeGraph()
    kg.add_document(doc)
    mapped = [map_statement(st, mapping) for st in statements]
    for key in sorted({k for st in mapped for k in (st.subject, st.object) if k}):
        kg.add_entity(Entity(key, key, "Person"))
    for st in mapped:
        kg.add_statement(st)
    return _triples(rdf_triples(kg, base, entities=False))


def description_triples(base: str, entities: Iterable[Entity]) -> set:
    """The triples describing entities, as :func:`~kg.export.to_rdf` writes them, as pyoxigraph triples."""
    return _triples(t for e in entities for t in entity_triples(base, e))


def _lines(triples: Iterable) -> list[str]:
    return sorted(f"{t} ." for t in triples)


def document_rdf(base: str, doc: Document, statements: Iterable[Statement], mapping: Mapping[str, str]) -> list[str]:
    """The N-Triples lines of :func:`document_triples`, sorted."""
    return _lines(document_triples(base, doc, statements, mapping))


def entity_rdf(base: str, entities: Iterable[Entity]) -> list[str]:
    """The N-Triples lines of :func:`description_triples`, sorted."""
    return _lines(description_triples(base, entities))


def _delete_subject(graph: str, subject: str) -> str:
    return f"DELETE WHERE {{ GRAPH <{graph}> {{ <{subject}> ?p ?o }} }}"


def _data(verb: str, graphs: Mapping[str, Iterable]) -> str:
    """An ``INSERT DATA`` or ``DELETE DATA`` operation (``verb``) of the pyoxigraph triples of each graph."""
    body = " ".join(f"GRAPH <{g}> {{\n" + "\n".join(f"{t} ." for t in triples) + "\n}"
                    for g, triples in graphs.items() if triples)
    return f"{verb} DATA {{ {body} }}" if body else ""


def _meta_triples(doc_node: str, **values: str | list[str]) -> list:
    """Bookkeeping triples of a document: ``hash``, ``extraction``, ``keys``, ``sources``."""
    import pyoxigraph

    node = pyoxigraph.NamedNode(doc_node)
    preds = {"hash": P_HASH, "extraction": P_EXTRACTION, "keys": P_KEYS, "sources": P_SOURCE}
    out = []
    for name, value in values.items():
        for v in value if isinstance(value, list) else [value]:
            out.append(pyoxigraph.Triple(node, pyoxigraph.NamedNode(preds[name]), pyoxigraph.Literal(v)))
    return out


def entity_mapping(index: EntityIndex, entities: Iterable[Entity], statements: Iterable[Statement]) -> dict[str, str]:
    """The canonical key of every entity key a document uses (its entities', its statements')."""
    mapping = {e.key: index.canonical(e.key) for e in entities}
    for st in statements:
        for k in (st.subject, st.object, st.provenance.attributed_to, st.place):
            if k and k not in mapping:
                mapping[k] = index.canonical(k)
    return mapping


def write_document(store, base: str, doc: Document, entities: list[Entity], statements: list[Statement],
                   chash: str, index: EntityIndex, source_file: str | None = None) -> list[str]:
    """Add (or replace) one document in one transaction, and return the ids of the documents it replaced.

    ``index`` must already hold the document's entities; its graph uses the canonical keys the index
    gives now. A document whose only source file was ``source_file`` is replaced by this one (the file
    changed). The descriptions of the entities are left to :func:`reconcile`, which writes the entity graph
    of the whole store (until then the store reads as not reconciled, :func:`is_reconciled`).
    """
    doc_node = str(document_iri(base, doc.id))
    meta = meta_graph(base)
    ops = [f"DROP SILENT GRAPH <{document_graph(base, doc.id)}>", _delete_subject(meta, doc_node),
           f"DELETE WHERE {{ GRAPH <{meta}> {{ <{meta}> <{P_RECONCILED}> ?o }} }}"]
    replaced = []
    if source_file is not None:
        for other in documents_with_source(store, base, source_file):
            if other == doc_node:
                continue
            ops.append(f"DELETE DATA {{ GRAPH <{meta}> {{ <{other}> <{P_SOURCE}> {Literal(source_file).n3()} }} }}")
            if _sources_of(store, base, other) == [source_file]:
                other_id = _doc_id_of(base, other)
                replaced.append(other_id)
                ops += [f"DROP SILENT GRAPH <{document_graph(base, other_id)}>", _delete_subject(meta, other)]
    mapping = entity_mapping(index, entities, statements)
    sources = sorted(set(_sources_of(store, base, doc_node)) | ({source_file} if source_file else set()))
    bookkeeping = _meta_triples(doc_node, hash=chash, extraction=extraction_to_json(doc, entities, statements),
                                keys=_keys_fingerprint(mapping), sources=sources)
    ops.append(_data("INSERT", {document_graph(base, doc.id): document_triples(base, doc, statements, mapping),
                                meta: bookkeeping}))
    _update(store, ops)
    return replaced


def add_source(store, base: str, doc_id: str, source_file: str) -> None:
    """Note one more file that holds an unchanged document's text."""
    meta = meta_graph(base)
    _update(store, [f"INSERT DATA {{ GRAPH <{meta}> {{ <{document_iri(base, doc_id)}> <{P_SOURCE}> "
                    f"{Literal(source_file).n3()} }} }}"])


def _doc_id_of(base: str, doc_node: str) -> str:
    from urllib.parse import unquote

    return unquote(doc_node[len(base + "document/"):])


def _update(store, ops: list[str]) -> None:
    try:
        store.update(" ;\n".join(op for op in ops if op))
    except (OSError, SyntaxError, ValueError) as e:
        raise StoreError(f"cannot write to the store: {e}") from e


def _extractions(store, base: str) -> Iterator[tuple[str, str, str | None]]:
    """(document IRI, extraction JSON, entity-key fingerprint) of every document, in IRI order."""
    meta = _node(meta_graph(base))
    keys = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, _node(str(P_KEYS)), None, meta)}
    docs = sorted(q.subject.value for q in store.quads_for_pattern(None, _node(str(P_EXTRACTION)), None, meta))
    for d in docs:
        for q in store.quads_for_pattern(_node(d), _node(str(P_EXTRACTION)), None, meta):
            yield d, q.object.value, keys.get(d)


def load_index(store, base: str) -> EntityIndex:
    """The cross-document entity index of every document in the store."""
    index = EntityIndex()
    for _, data, _ in _extractions(store, base):
        index.add(_entities_of(json.loads(data)))
    return index


def _entities_of(data: dict) -> list[Entity]:
    return [Entity(e["key"], e["label"], e["type"], frozenset(tuple(a) for a in e["alt"]), e["wikidata"],
                   e["geonames"], e.get("part_of"), e.get("local_to")) for e in data["entities"]]


def _keys_of(data: dict) -> set[str]:
    """The entity keys a document's extraction uses (:func:`entity_mapping` maps each), read from its JSON."""
    keys = {e["key"] for e in data["entities"]}
    for st in data["statements"]:
        keys.update(k for k in (st["s"], st["o"], st["p"][4], st.get("place")) if k)
    return keys


def reconcile(store, base: str, index: EntityIndex | None = None) -> dict:
    """Bring every document graph and the entity graph in line with the resolution over the whole store.

    Documents added earlier may have used a key that later documents changed ("Smith" was John Smith until
    a Mary Smith came): their graphs are rewritten, one transaction each; then the entity graph is
    brought to the descriptions of the whole store's entities, with the mark that the store is
    reconciled, in one more. The result depends only on the set of documents in the store. ``index`` is
    the entity index of exactly the store's documents when the caller holds it (a build that replaced
    none), else it is read from the store. Returns counts.
    """
    if index is None:
        index = load_index(store, base)
    meta = meta_graph(base)
    rewritten = 0
    for doc_node, data, fingerprint in _extractions(store, base):
        extraction = json.loads(data)
        fp = _keys_fingerprint({k: index.canonical(k) for k in _keys_of(extraction)})
        if fp == fingerprint:
            continue
        doc, entities, statements = extraction_from_json(data)
        mapping = entity_mapping(index, entities, statements)
        ops = [f"DROP SILENT GRAPH <{document_graph(base, doc.id)}>",
               f"DELETE WHERE {{ GRAPH <{meta}> {{ <{doc_node}> <{P_KEYS}> ?o }} }}",
               _data("INSERT", {document_graph(base, doc.id): document_triples(base, doc, statements, mapping),
                                meta: _meta_triples(doc_node, keys=fp)})]
        _update(store, ops)
        rewritten += 1
    members = index.members()
    wanted = description_triples(base, (index.describe(c, ms) for c, ms in sorted(members.items())))
    ents = entities_graph(base)
    current = {_triple_of(q) for q in store.quads_for_pattern(None, None, None, _node(ents))}
    _update(store, [_data("DELETE", {ents: current - wanted}), _data("INSERT", {ents: wanted - current}),
                    f"INSERT DATA {{ GRAPH <{meta}> {{ <{meta}> <{P_RECONCILED}> true }} }}"])
    return {"rewritten": rewritten, "entities": len(members)}


def _triple_of(quad):
    """The triple of a pyoxigraph quad."""
    import pyoxigraph

    return pyoxigraph.Triple(quad.subject, quad.predicate, quad.object)


def unfinished_build(store) -> bool:
    """True for a kg store with documents written since its last reconciliation: a build that did not
    finish, whose entity descriptions (labels, types, links) are incomplete until the next ``kg build``."""
    base = _find_base(store)
    return base is not None and not is_reconciled(store, base) and count_documents(store, base) > 0


def is_reconciled(store, base: str) -> bool:
    """True when no document was written since the last :func:`reconcile` (which then has nothing to do)."""
    meta = _node(meta_graph(base))
    return any(True for _ in store.quads_for_pattern(meta, _node(str(P_RECONCILED)), None, meta))


# -- reading and export -----------------------------------------------------------------------------
def _restorer():
    """The store keeps literals in canonical form: a decimal 0.90 as 0.9, an xsd:nonNegativeInteger as an
    xsd:integer. Exports give back the exact literals :func:`~kg.export.to_rdf` writes."""
    import pyoxigraph

    nonneg = pyoxigraph.NamedNode(str(XSD.nonNegativeInteger))
    offsets = {pyoxigraph.NamedNode(str(NIF.beginIndex)), pyoxigraph.NamedNode(str(NIF.endIndex))}
    confidence = pyoxigraph.NamedNode(str(KGO.confidence))
    decimal = pyoxigraph.NamedNode(str(XSD.decimal))

    def restore(q):
        if q.predicate in offsets and isinstance(q.object, pyoxigraph.Literal):
            return pyoxigraph.Quad(q.subject, q.predicate, pyoxigraph.Literal(q.object.value, datatype=nonneg),
                                   q.graph_name)
        if q.predicate == confidence and isinstance(q.object, pyoxigraph.Literal):
            value = str(_confidence(float(q.object.value)))
            return pyoxigraph.Quad(q.subject, q.predicate, pyoxigraph.Literal(value, datatype=decimal), q.graph_name)
        return q

    return restore


def store_quads(store, base: str | None = None) -> list:
    """Every exported quad of the store (the bookkeeping graph left out), with the literals as
    :func:`~kg.export.to_rdf` writes them, sorted."""
    base = base or store_base(store)
    meta = meta_graph(base)
    restore = _restorer()
    quads = [restore(q) for q in store.quads_for_pattern(None, None, None, None)
             if getattr(q.graph_name, "value", None) != meta]
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _to_rdflib(triples_nt: bytes) -> Graph:
    g = Graph(bind_namespaces="none")
    g.parse(data=triples_nt.decode("utf-8"), format="nt")
    return g


def _bind(g: Graph, base: str) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("ent", base + "entity/")
    g.bind("st", base + "statement/")
    g.bind("doc", base + "document/")
    return g


def store_to_graph(store) -> Graph:
    """The union of the store's exported graphs as one rdflib graph: the graph :func:`~kg.export.to_rdf`
    gives for the whole corpus."""
    import pyoxigraph

    base = store_base(store)
    triples = sorted({pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store_quads(store, base)},
                     key=str)
    return _bind(_to_rdflib(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)), base)


def graph_of(store) -> Graph:
    """The knowledge graph in a store as one rdflib graph: for a store ``kg build --store`` wrote, its
    export (:func:`store_to_graph`, without the bookkeeping); for any other pyoxigraph store, every quad."""
    import pyoxigraph

    if _find_base(store) is not None:
        return store_to_graph(store)
    triples = sorted({pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store}, key=str)
    return _to_rdflib(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES))


def store_to_dataset(store):
    """The store's exported graphs as an rdflib ``Dataset`` (one named graph per document, and the entities)."""
    from rdflib import Dataset

    base = store_base(store)
    ds = Dataset()
    _bind(ds, base)
    ds.parse(data=_dataset_bytes(store, "nq").decode("utf-8"), format="nquads")
    return ds


def _dataset_bytes(store, fmt: str) -> bytes:
    import pyoxigraph

    base = store_base(store)
    quads = store_quads(store, base)
    if fmt == "nq":
        lines = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS).splitlines(keepends=True)
        return b"".join(sorted(line for line in lines if line.strip()))
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    prefixes.update({"ent": base + "entity/", "st": base + "statement/", "doc": base + "document/"})
    data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=dict(sorted(prefixes.items())))
    # the body follows the sorted quads; the prefix lines are sorted too, so the bytes never vary
    lines = data.splitlines(keepends=True)
    head = [line for line in lines if line.startswith(b"@prefix")]
    return b"".join(sorted(head)) + b"".join(line for line in lines if not line.startswith(b"@prefix"))


#: triples an export in a syntax that is not streamed (.jsonld, .rdf) may hold: it is built in memory
IN_MEMORY_EXPORT_TRIPLES = 2_000_000


def export_store(store, path: str | os.PathLike, fmt: str | None = None, *,
                 progress: Callable[[int], None] | None = None,
                 max_triples: int | None = IN_MEMORY_EXPORT_TRIPLES) -> Path:
    """Export the store to ``path``, atomically, in the syntax of its extension: ``.nq`` and ``.trig`` keep
    the per-document graphs; ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf`` hold their union. The same store gives
    the same bytes.

    ``.nq``, ``.trig``, ``.nt`` and ``.ttl`` are written by streaming (:mod:`kg.stream`), in memory that does
    not grow with the store; ``progress`` is then called with the number of quads read so far. ``.jsonld``
    and ``.rdf`` are built in memory: a store of more than ``max_triples`` exported quads (None: no limit)
    is refused for them with :class:`StoreError`, which names the streamed syntaxes.
    """
    from .stream import stream_export

    ext = Path(path).suffix.lower()
    if fmt is None:
        fmt = DATASET_EXTENSIONS.get(ext)
    if fmt is None:
        try:
            fmt = format_for(path)
        except StoreError:
            allowed = ", ".join(sorted({".ttl", ".nt", ".jsonld", ".rdf", *DATASET_EXTENSIONS}))
            raise StoreError(f"cannot tell the RDF syntax of {os.fspath(path)!r} from its extension "
                             f"{ext or '(none)'!r}; allowed: {allowed}") from None
    if fmt in ("nq", "trig", "nt", "turtle"):
        return stream_export(store, path, fmt, base=store_base(store), progress=progress)
    if fmt not in SERIALIZERS:
        raise StoreError(f"unknown RDF syntax {fmt!r}; allowed: {', '.join([*SERIALIZERS, 'nq', 'trig'])}")
    check_size(store, max_triples, f"an export to {ext or fmt} is built in memory",
               "export to .nt, .nq, .ttl or .trig instead, which stream")
    return write_bytes(path, serialize(store_to_graph(store), fmt))


def count_quads(store, limit: int | None = None, base: str | None = None) -> int:
    """The number of exported quads of a store (the bookkeeping graph left out), counting at most
    ``limit + 1`` of them (None: all): enough to tell whether the store is over a limit without reading
    all of a large one."""
    from .stream import exported_quads

    n = 0
    for _ in exported_quads(store, base or store_base(store)):
        n += 1
        if limit is not None and n > limit:
            break
    return n


def count_documents(store, base: str | None = None) -> int:
    """The number of documents in a store (from its bookkeeping: one content hash each)."""
    base = base or store_base(store)
    return sum(1 for _ in store.quads_for_pattern(None, _node(str(P_HASH)), None, _node(meta_graph(base))))


def check_size(store, limit: int | None, why: str, instead: str, error: type[KGError] = StoreError) -> None:
    """Refuse, with ``error``, a store of more than ``limit`` exported quads for work that holds the whole
    graph in memory: the message gives the size, the limit, ``why`` and what to do ``instead``. None: no
    limit."""
    if limit is None:
        return
    n = count_quads(store, limit)
    if n > limit:
        raise error(f"the store holds more than {limit:,} triples ({count_documents(store):,} documents), the "
                    f"limit: {why}; {instead}")


def _select(store, query: str) -> list[tuple]:
    from .vocab import KGO_NS

    prefixes = {"kgo": KGO_NS, "rdf": str(RDF), "rdfs": str(RDFS)}
    return [tuple(sol[i] for i in range(len(sol))) for sol in
            store.query(query, prefixes=prefixes, use_default_graph_as_union=True)]


def store_stats(store, top: int = 10) -> dict:
    """Counts of a store: documents, entities by type, statements by relation, and the ``top`` entities
    that take part in the most statements."""
    base = store_base(store)
    docs = _select(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgo:Document }")[0][0]
    by_type = {str(t.value).rsplit("/", 1)[-1]: int(n.value) for t, n in _select(
        store, "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Entity, ?t FILTER(?t != kgo:Entity) } "
               "GROUP BY ?t")}
    by_rel = {str(r.value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: int(n.value) for r, n in _select(
        store, "SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s a kgo:Statement ; rdf:predicate ?r } GROUP BY ?r")}
    top_rows = _select(store, f"""
        SELECT ?e ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {{
            ?e a kgo:Entity ; rdfs:label ?label .
            {{ ?s rdf:subject ?e }} UNION {{ ?s rdf:object ?e }}
        }} GROUP BY ?e ?label ORDER BY DESC(?n) ?e LIMIT {int(top)}""")
    return {
        "base": base,
        "documents": int(docs.value),
        "entities": sum(by_type.values()) if by_type else 0,
        "statements": sum(by_rel.values()),
        "by_type": dict(sorted(by_type.items())),
        "by_relation": dict(sorted(by_rel.items())),
        "most_connected": [{"entity": e.value, "label": label.value, "statements": int(n.value)}
                           for e, label, n in top_rows],
    }

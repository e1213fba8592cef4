"""RDF export of a :class:`~kg.graph.KnowledgeGraph`.

:func:`to_rdf` builds an rdflib graph (pure), :func:`serialize` turns it into deterministic bytes, and
:func:`write_graph` writes a file atomically, choosing the syntax from the file's extension.

The modelling, for one statement ``Blinken met Lavrov``::

    ent:Antony_Blinken a kgo:Entity, schema:Person ; rdfs:label "Antony Blinken"@en ;
        skos:altLabel "M. Blinken"@fr ; owl:sameAs wd:Q4773712 ;
        kgo:met ent:Sergei_Lavrov .                       # direct triple: positive and asserted only
    st:0123456789abcdef a rdf:Statement, kgo:Statement ;
        rdf:subject ent:Antony_Blinken ; rdf:predicate kgo:met ; rdf:object ent:Sergei_Lavrov ;
        kgo:polarity kgo:Positive ; kgo:modality kgo:Asserted ; kgo:confidence 0.80 ;
        prov:wasDerivedFrom doc:seed ; nif:referenceContext doc:seed ;
        nif:anchorOf "..." ; nif:beginIndex 120 ; nif:endIndex 190 ;
        kgo:place ent:Vienna ; kgo:date "2022-01-21"^^xsd:date .   # when the clause names them

Every statement, negated, planned, possible or a quote, keeps its reified node; only positive, asserted
statements between two entities (:attr:`Statement.is_edge <kg.model.Statement.is_edge>`) also give a
direct triple, so a plain triple store never sees a denied or merely planned relation as a fact.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .errors import StoreError
from .graph import KnowledgeGraph, statement_key
from .model import ASSERTED, NEGATIVE, PLANNED, POSITIVE, POSSIBLE, RELATIONS, Document, Entity, Statement
from .vocab import GEONAMES, KGO, KGO_NS, NIF, SCHEMA, WIKIDATA

__all__ = [
    "DEFAULT_BASE_IRI", "PREFIXES", "DOCUMENT_META", "SERIALIZERS", "EXTENSIONS", "entity_iri", "document_iri",
    "statement_iri", "entity_triples", "document_triples", "statement_triples",
    "rdf_triples", "to_rdf", "serialize", "format_for", "write_graph", "write_bytes",
]

DEFAULT_BASE_IRI = "https://kg.example.org/"

_WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")
_TWO_PLACES = Decimal("0.01")

_POLARITY = {POSITIVE: KGO.Positive, NEGATIVE: KGO.Negative}
_MODALITY = {ASSERTED: KGO.Asserted, PLANNED: KGO.Planned, POSSIBLE: KGO.Possible}
_RELATION = {r: KGO[r] for r in RELATIONS}

#: prefixes bound in every export (the base-dependent ent:, st:, doc: are added per graph)
PREFIXES = {
    "kgo": Namespace(KGO_NS), "schema": SCHEMA, "skos": SKOS, "owl": OWL, "prov": PROV, "nif": NIF,
    "xsd": XSD, "rdf": RDF, "rdfs": RDFS, "dcterms": DCTERMS, "wd": WIKIDATA,
}


#: the XML Schema type of each precision a date may have (kg.dates.iso_datatype)
_DATE_TYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear}


def _date_literal(value: str, lang: str | None = None) -> Literal:
    """A document's date: an ISO date or date-time as such; a date in words ("4 juillet 2012") as the
    ``xsd:date`` it names when ``lang`` is given and it has its year; else the text as written."""
    if _ISO_DATE.fullmatch(value):
        return Literal(value, datatype=XSD.date)
    if _ISO_DATETIME.fullmatch(value):
        return Literal(value, datatype=XSD.dateTime)
    if lang:
        from .dates import iso_datatype, normalise_date

        found = normalise_date(value, lang)
        if found is not None:
            return Literal(found, datatype=_DATE_TYPES[iso_datatype(found)])
    return Literal(value)


#: dateline metadata keys -> (predicate, literal factory); keys not listed are not exported
DOCUMENT_META: dict[str, tuple[URIRef, Callable[[str], Literal]]] = {
    "date": (DCTERMS.date, _date_literal),
    "place": (DCTERMS.spatial, Literal),
    "publisher": (DCTERMS.publisher, Literal),
    "url": (SCHEMA.url, lambda v: Literal(v, datatype=XSD.anyURI)),
}


# -- IRIs ---------------------------------------------------------------------------------------------
def _segment(text: str) -> str:
    # keeps RFC 3986 unreserved characters (letters, digits, "_.-~"), %-encodes the rest, "/" included
    return quote(text, safe="")


def entity_iri(base: str, key: str) -> URIRef:
    """The IRI of an entity: ``base + "entity/" + key``, with anything unsafe in ``key`` %-encoded.

    >>> entity_iri("https://kg.example.org/", "Antony_Blinken")
    rdflib.term.URIRef('https://kg.example.org/entity/Antony_Blinken')
    """
    return URIRef(base + "entity/" + _segment(key))


def document_iri(base: str, doc_id: str) -> URIRef:
    """The IRI of a document: ``base + "document/" + doc_id``, %-encoded (a path's "/" included)."""
    return URIRef(base + "document/" + _segment(doc_id))


def statement_iri(base: str, st: Statement) -> URIRef:
    """The IRI of a statement: 16 hex digits of a SHA-1 over its :func:`~kg.graph.statement_key`.

    The key is what makes two statements the same in the graph, so the IRI is stable across runs and
    independent of the order statements were added in.
    """
    text = json.dumps(list(statement_key(st)), ensure_ascii=False, separators=(",", ":"))
    return URIRef(base + "statement/" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16])


def _check_base(base: str) -> None:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+[/#]\Z", base):
        raise StoreError(f"base IRI {base!r} is not usable: it must be an absolute IRI ending in '/' or '#', "
                         f"like {DEFAULT_BASE_IRI!r}")


# -- graph --------------------------------------------------------------------------------------------
# The mapping of kg's model to RDF, as triples of rdflib terms: to_rdf gathers them into an rdflib graph, and
# the store (kg.store) writes them as they come, without building one.
def entity_triples(base: str, e: Entity) -> Iterator[tuple]:
    """The triples describing an entity: its types, labels and identifiers."""
    node = entity_iri(base, e.key)
    yield node, RDF.type, KGO.Entity
    yield node, RDF.type, SCHEMA[e.type]
    yield node, RDFS.label, Literal(e.label, lang="en")
    for text, lang in sorted(e.alt_labels):
        if (text, lang) == (e.label, "en"):
            continue
        yield node, SKOS.altLabel, Literal(text, lang=lang or None)
    if e.wikidata:
        if not _WIKIDATA_ID.fullmatch(e.wikidata):
            raise StoreError(f"entity {e.key!r} has Wikidata id {e.wikidata!r}; expected the form Q123")
        yield node, OWL.sameAs, WIKIDATA[e.wikidata]
    if e.geonames:
        yield node, OWL.sameAs, GEONAMES[f"{int(e.geonames)}/"]
    if e.part_of:
        yield node, KGO.isPartOf, entity_iri(base, e.part_of)
    if e.local_to:
        yield node, KGO.localTo, document_iri(base, e.local_to)


def document_triples(base: str, doc: Document) -> Iterator[tuple]:
    """The triples of a document node: its types, source, language, title and dateline metadata."""
    node = document_iri(base, doc.id)
    yield node, RDF.type, KGO.Document
    yield node, RDF.type, PROV.Entity
    yield node, DCTERMS.source, Literal(doc.source)
    yield node, DCTERMS.language, Literal(doc.lang)
    if doc.title:
        yield node, DCTERMS.title, Literal(doc.title, lang=doc.lang or None)
    for key in sorted(doc.meta):
        if key in DOCUMENT_META and doc.meta[key]:
            pred, make = DOCUMENT_META[key]
            value = str(doc.meta[key])
            yield node, pred, _document_date(value, doc.lang) if make is _date_literal else make(value)


@functools.lru_cache(maxsize=4096)
def _document_date(value: str, lang: str | None) -> Literal:
    # the documents of a corpus share few dates, and reading one in words costs milliseconds (dateparser)
    return _date_literal(value, lang)


#: background knowledge a statement may rest on besides the text (Statement.basis)
_BASIS = {"gazetteer": KGO.Gazetteer}


def _lookup(table: dict, value: str, what: str, st: Statement) -> URIRef:
    try:
        return table[value]
    except KeyError:
        raise StoreError(f"statement {st.subject} {st.relation} {st.object or st.quote!r} has {what} {value!r}; "
                         f"allowed: {', '.join(table)}") from None


def _statement_date(st: Statement) -> Literal:
    """A statement's date as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``, as precise as its clause."""
    from .dates import iso_datatype

    kind = iso_datatype(st.date or "")
    if kind is None:
        raise StoreError(f"statement {st.subject} {st.relation} {st.object or st.quote!r} has date {st.date!r}; "
                         f"expected YYYY-MM-DD, YYYY-MM or YYYY")
    return Literal(st.date, datatype=_DATE_TYPES[kind])


def _confidence(value: float) -> Literal:
    # via str() so that 0.125 rounds as written (0.13), not as its binary approximation
    return Literal(Decimal(str(value)).quantize(_TWO_PLACES, rounding=ROUND_HALF_UP))


def statement_triples(base: str, st: Statement) -> Iterator[tuple]:
    """The triples of a statement: its reified node with its provenance, and the direct triple of a
    positive asserted edge."""
    node = statement_iri(base, st)
    predicate = _lookup(_RELATION, st.relation, "relation", st)
    subject = entity_iri(base, st.subject)
    yield node, RDF.type, RDF.Statement
    yield node, RDF.type, KGO.Statement
    yield node, RDF.subject, subject
    yield node, RDF.predicate, predicate
    if st.object is not None:
        yield node, RDF.object, entity_iri(base, st.object)
    elif st.quote is not None:
        yield node, RDF.object, Literal(st.quote, lang=st.lang or None)
    if st.quote is not None:
        yield node, KGO.quote, Literal(st.quote, lang=st.lang or None)
    yield node, KGO.polarity, _lookup(_POLARITY, st.polarity, "polarity", st)
    yield node, KGO.modality, _lookup(_MODALITY, st.modality, "modality", st)
    yield node, KGO.confidence, _confidence(st.confidence)
    if st.role:
        yield node, KGO.role, Literal(st.role, lang="en")
    if st.event_code:
        yield node, KGO.cameoCode, Literal(st.event_code)
    if st.basis:
        yield node, KGO.basis, _lookup(_BASIS, st.basis, "basis", st)
    if st.date:
        yield node, KGO.date, _statement_date(st)
    if st.place:
        yield node, KGO.place, entity_iri(base, st.place)
    p = st.provenance
    if p.attributed_to:
        yield node, KGO.attributedTo, entity_iri(base, p.attributed_to)
    doc = document_iri(base, p.document)
    yield node, PROV.wasDerivedFrom, doc
    yield node, NIF.referenceContext, doc
    yield node, NIF.anchorOf, Literal(p.sentence)
    yield node, NIF.beginIndex, Literal(p.begin, datatype=XSD.nonNegativeInteger)
    yield node, NIF.endIndex, Literal(p.end, datatype=XSD.nonNegativeInteger)
    if st.is_edge:
        yield subject, predicate, entity_iri(base, st.object)


def rdf_triples(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI, *, entities: bool = True) -> Iterator[tuple]:
    """The triples of :func:`to_rdf` (some may come twice), without building a graph; with
    ``entities=False`` without the entity descriptions (the triples of :func:`entity_triples`)."""
    _check_base(base_iri)
    if entities:
        for e in kg.entities():
            yield from entity_triples(base_iri, e)
    for doc_id in sorted(kg.documents):
        yield from document_triples(base_iri, kg.documents[doc_id])
    for st in kg.statements():
        yield from statement_triples(base_iri, st)


def to_rdf(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The knowledge graph as RDF: entities, documents, every statement reified, and direct triples for
    positive asserted edges. Pure: reads ``kg``, returns a new graph.

    Raises :class:`~kg.errors.StoreError` for a base IRI that does not end in ``/`` or ``#``, and for a
    statement whose relation, polarity or modality is not in :mod:`kg.model`.
    """
    _check_base(base_iri)
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("ent", base_iri + "entity/")
    g.bind("st", base_iri + "statement/")
    g.bind("doc", base_iri + "document/")
    for triple in rdf_triples(kg, base_iri):
        g.add(triple)
    return g


# -- serialisation ------------------------------------------------------------------------------------
def _check_no_bnodes(graph: Graph) -> None:
    # blank node labels change from run to run; kg's own graphs never have any
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        raise StoreError("graph has blank nodes, which cannot be serialised deterministically")


def _turtle(graph: Graph) -> bytes:
    # rdflib's Turtle writer sorts prefixes, subjects, predicates and objects
    return graph.serialize(format="turtle", encoding="utf-8")


def _ntriples(graph: Graph) -> bytes:
    # rdflib writes N-Triples in store order; sorted lines make the output canonical
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def _sorted_json(value):
    """JSON-LD with every array sorted (arrays are unordered in JSON-LD, except @list)."""
    if isinstance(value, dict):
        return {k: [_sorted_json(v) for v in x] if k == "@list" else _sorted_json(x) for k, x in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph) -> bytes:
    # rdflib's JSON-LD writer visits subjects in set order, which changes from run to run
    context = {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(_sorted_json(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


_NCNAME = re.compile(r"[^\W\d][\w.-]*\Z")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str, attribute: bool = False) -> str:
    if _XML_INVALID.search(text):
        raise StoreError(f"text {text[:40]!r} has a character that XML cannot represent; export to .ttl or .nt")
    entities = {"\r": "&#13;"}
    if attribute:
        entities.update({'"': "&quot;", "\n": "&#10;", "\t": "&#9;"})
    return xml_escape(text, entities)


def _xml(graph: Graph) -> bytes:
    """RDF/XML written here rather than by rdflib, whose namespace declarations come in set order."""
    bound = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces() if prefix), key=lambda x: -len(x[0]))
    qnames: dict[URIRef, tuple[str, str]] = {}
    extra: dict[str, str] = {}
    for pred in sorted(set(graph.predicates())):
        iri = str(pred)
        for ns, prefix in bound:
            if iri.startswith(ns) and _NCNAME.match(iri[len(ns):]):
                qnames[pred] = (prefix, iri[len(ns):])
                break
        else:
            m = re.search(r"[^\W\d][\w.-]*\Z", iri)
            if not m or m.start() == 0:
                raise StoreError(f"predicate <{iri}> cannot be written in RDF/XML; export to .ttl or .nt")
            ns = iri[:m.start()]
            prefix = extra.setdefault(ns, f"ns{len(extra) + 1}")
            qnames[pred] = (prefix, m.group())
    used = {prefix for prefix, _ in qnames.values()} | {"rdf"}
    declared = {prefix: ns for ns, prefix in bound if prefix in used}
    declared.update({prefix: ns for ns, prefix in extra.items()})
    declared["rdf"] = str(RDF)
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    out += [f'  xmlns:{prefix}="{_xml_text(declared[prefix], True)}"' for prefix in sorted(declared)]
    out[-1] += ">"
    for subject in sorted(set(graph.subjects())):
        out.append(f'  <rdf:Description rdf:about="{_xml_text(str(subject), True)}">')
        for pred, obj in sorted(graph.predicate_objects(subject)):
            tag = "%s:%s" % qnames[pred]
            if isinstance(obj, Literal):
                attr = (f' xml:lang="{obj.language}"' if obj.language else
                        f' rdf:datatype="{_xml_text(str(obj.datatype), True)}"' if obj.datatype else "")
                out.append(f"    <{tag}{attr}>{_xml_text(str(obj))}</{tag}>")
            else:
                out.append(f'    <{tag} rdf:resource="{_xml_text(str(obj), True)}"/>')
        out.append("  </rdf:Description>")
    out.append("</rdf:RDF>")
    return ("\n".join(out) + "\n").encode("utf-8")


#: syntax name -> serializer; each gives the same bytes for the same graph on every run
SERIALIZERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": _turtle,
    "nt": _ntriples,
    "json-ld": _jsonld,
    "xml": _xml,
}

#: file extension -> rdflib syntax name, for reading: what kg writes, and N-Quads / TriG
READ_EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".nq": "nquads", ".trig": "trig",
    ".rdf": "xml", ".xml": "xml",
}


def read_graph(path: str | os.PathLike) -> Graph:
    """The RDF file at ``path`` as one rdflib graph (the graphs of N-Quads and TriG merged); the syntax
    follows the extension (a key of :data:`READ_EXTENSIONS`). Raises :class:`~kg.errors.InputError` for a
    missing file, an unknown extension or bad syntax."""
    from rdflib import Dataset

    from .errors import InputError

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{os.fspath(path)!r} does not exist; expected an RDF file or a store folder")
    fmt = READ_EXTENSIONS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the RDF syntax of {os.fspath(path)!r} from its extension "
                         f"{p.suffix or '(none)'!r}; allowed: {', '.join(READ_EXTENSIONS)} or a store folder")
    g: Graph = Dataset() if fmt in ("nquads", "trig") else Graph()
    try:
        g.parse(p, format=fmt)
    except Exception as e:  # rdflib raises many unrelated types for bad syntax
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(f"{os.fspath(path)!r} is not valid {fmt}: {first[:200]}") from None
    if isinstance(g, Dataset):
        merged = Graph()
        for s_, p_, o_, _ in g.quads((None, None, None, None)):
            merged.add((s_, p_, o_))
        return merged
    return g


#: file extension -> syntax name
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".xml": "xml",
    ".rdf": "xml",
}


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """The graph in syntax ``fmt`` (a key of :data:`SERIALIZERS`), as UTF-8 bytes.

    The same graph gives the same bytes on every run. Graphs with blank nodes are refused.
    """
    try:
        writer = SERIALIZERS[fmt]
    except KeyError:
        raise StoreError(f"unknown RDF syntax {fmt!r}; allowed: {', '.join(SERIALIZERS)}") from None
    _check_no_bnodes(graph)
    return writer(graph)


def format_for(path: str | os.PathLike) -> str:
    """The syntax name for a file name, from its extension; :class:`StoreError` for an unknown one."""
    ext = Path(path).suffix.lower()
    try:
        return EXTENSIONS[ext]
    except KeyError:
        raise StoreError(f"cannot tell the RDF syntax of {os.fspath(path)!r} from its extension {ext or '(none)'!r}; "
                         f"allowed: {', '.join(EXTENSIONS)}") from None


def write_graph(kg: KnowledgeGraph, path: str | os.PathLike, base_iri: str = DEFAULT_BASE_IRI,
                fmt: str | None = None) -> Path:
    """Export ``kg`` to ``path`` atomically and return the path.

    The syntax comes from ``fmt`` (a key of :data:`SERIALIZERS`) or else from the extension (a key of
    :data:`EXTENSIONS`). The data go to a temporary file in the same directory, which then replaces
    ``path`` in one step: a reader never sees a half-written file, and on any error the temporary file
    is removed and ``path`` is left as it was.
    """
    path = Path(path)
    if fmt is None:
        fmt = format_for(path)
    elif fmt not in SERIALIZERS:
        raise StoreError(f"unknown RDF syntax {fmt!r}; allowed: {', '.join(SERIALIZERS)}")
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {os.fspath(path)!r}: directory {os.fspath(path.parent)!r} does not exist")
    return write_bytes(path, serialize(to_rdf(kg, base_iri), fmt))


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: to a temporary file in the same directory, which then
    replaces ``path`` in one step; on any error the temporary file is removed and ``path`` is left as it was
    (:func:`kg.stream.atomic_output`)."""
    from .stream import atomic_output

    with atomic_output(path) as fh:
        fh.write(data)
    return Path(path)

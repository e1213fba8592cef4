"""Test helper: a kg store laid out as the store contract says, made from an rdflib graph.

Entity descriptions go to ``{base}graph/entities``; each document's node, statements and the direct
triples those statements give go to ``{base}graph/document/{percent-encoded doc id}``.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.export import DEFAULT_BASE_IRI
from kg.vocab import KGO, KGO_NS

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TTL = ROOT / "examples" / "corpus.ttl"


def split_graph(g: Graph, base: str = DEFAULT_BASE_IRI) -> dict[str, list[tuple]]:
    """rdflib triples grouped by the named graph the store contract puts them in."""
    entities_graph = base + "graph/entities"
    doc_prefix = base + "document/"

    def doc_graph(doc: URIRef) -> str:
        return base + "graph/document/" + str(doc)[len(doc_prefix):]

    out: dict[str, list[tuple]] = {}
    entity_nodes = set(g.subjects(RDF.type, KGO.Entity))
    direct_docs: dict[tuple, set[str]] = {}
    for st in g.subjects(RDF.type, KGO.Statement):
        doc = g.value(st, PROV.wasDerivedFrom)
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        if (g.value(st, KGO.polarity), g.value(st, KGO.modality)) == (KGO.Positive, KGO.Asserted):
            direct_docs.setdefault(key, set()).add(doc_graph(doc))
        out.setdefault(doc_graph(doc), []).extend(g.triples((st, None, None)))
    for doc in g.subjects(RDF.type, KGO.Document):
        out.setdefault(doc_graph(doc), []).extend(g.triples((doc, None, None)))
    for s in entity_nodes:
        for triple in g.triples((s, None, None)):
            if str(triple[1]).startswith(KGO_NS) and not isinstance(triple[2], Literal):
                for graph in sorted(direct_docs.get(triple, ())):
                    out[graph].append(triple)
            else:
                out.setdefault(entities_graph, []).append(triple)
    return out


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def fill_store(store: ox.Store, g: Graph, base: str = DEFAULT_BASE_IRI) -> ox.Store:
    for graph, triples in split_graph(g, base).items():
        name = ox.NamedNode(graph)
        store.extend(ox.Quad(_ox(s), _ox(p), _ox(o), name) for s, p, o in triples)
    store.flush()
    return store


def make_store(path: str | Path, g: Graph, base: str = DEFAULT_BASE_IRI) -> Path:
    """Write ``g`` into a new on-disk store at ``path`` and close it; returns the path."""
    store = ox.Store(str(path))
    fill_store(store, g, base)
    del store
    return Path(path)


def corpus_graph() -> Graph:
    g = Graph()
    g.parse(CORPUS_TTL, format="turtle")
    return g

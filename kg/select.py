"""Part of a store, for the work that holds a graph in memory (``kg validate``, ``kg viz``).

A store may hold far more than pySHACL can validate or a page can draw. :func:`graph_for` gives the whole
exported graph when it is within a limit, and otherwise refuses with a message that gives the store's
size, the limit and the ways to select a part; :func:`select_graph` gives such a part, as an rdflib graph
with the literals of the export (:func:`kg.store.store_to_graph`):

- one document: its graph (document node, statements, direct triples) and the descriptions of the
  entities it names;
- one entity's neighbourhood: the statements whose subject or object it is, their documents, and the
  descriptions of the entities they name, ``hops`` statements away (1: its own statements);
- a SPARQL CONSTRUCT query over the union of the store's graphs (the bookkeeping left out).

Every selection is itself held to the limit, so that a hub entity cannot exhaust memory either.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Graph

from .errors import InputError, QueryError

__all__ = ["LIMITS", "graph_for", "select_graph", "select_quads"]

#: triples a command may hold in memory, by command: pySHACL keeps several copies of the graph and its
#: reports; a page or picture of more than some ten thousand statements cannot be read, and its layout
#: takes minutes
LIMITS = {"validate": 1_000_000, "viz": 100_000}

_HOW = ("select a part: --document ID (one document), --entity KEY (an entity's neighbourhood, "
        "--hops N for more), or --construct QUERY (a SPARQL CONSTRUCT), or raise --max-triples")

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: the statement properties that name an entity
_ENTITY_LINKS = (_RDF + "subject", _RDF + "object")


def _n(iri: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def _as_graph(triples: Iterable, base: str) -> Graph:
    import pyoxigraph

    from .store import _bind, _to_rdflib

    triples = sorted(set(triples), key=str)
    return _bind(_to_rdflib(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)), base)


class _Budget:
    """Counts the triples a selection gathers and stops it past the limit."""

    def __init__(self, limit: int | None, what: str):
        self.limit, self.what, self.triples = limit, what, set()

    def add(self, q) -> None:
        import pyoxigraph

        self.triples.add(pyoxigraph.Triple(q.subject, q.predicate, q.object))
        if self.limit is not None and len(self.triples) > self.limit:
            raise InputError(f"{self.what} holds more than {self.limit:,} triples, the limit; select a smaller "
                             f"part, or raise --max-triples")


def _graph_quads(store, base: str, subject=None, predicate=None, obj=None) -> Iterator:
    """Restored quads of every exported graph (not the bookkeeping) matching the pattern."""
    from .store import _restorer, meta_graph

    restore = _restorer()
    meta = meta_graph(base)
    for q in store.quads_for_pattern(subject, predicate, obj, None):
        if getattr(q.graph_name, "value", None) != meta:
            yield restore(q)


def _describe(store, base: str, entities: Iterable[str], budget: _Budget) -> None:
    """The descriptions of entities (from the entity graph), and of the entities they are part of."""
    from .store import _restorer, entities_graph
    from .vocab import KGO

    restore = _restorer()
    graph = _n(entities_graph(base))
    part_of = str(KGO.isPartOf)
    todo, seen = sorted(set(entities)), set()
    while todo:
        e = todo.pop()
        if e in seen:
            continue
        seen.add(e)
        for q in store.quads_for_pattern(_n(e), None, None, graph):
            budget.add(restore(q))
            if q.predicate.value == part_of:
                todo.append(q.object.value)


def _entity_iris(triples: Iterable, base: str) -> set[str]:
    prefix = base + "entity/"
    return {t.value for q in triples for t in (q.subject, q.object) if t.value.startswith(prefix)}


def _document(store, base: str, document: str, limit: int | None) -> set:
    from urllib.parse import unquote

    from .store import _restorer, document_graph

    prefix = base + "document/"
    doc_id = unquote(document[len(prefix):]) if document.startswith(prefix) else document
    budget = _Budget(limit, f"document {document!r}")
    restore = _restorer()
    for q in store.quads_for_pattern(None, None, None, _n(document_graph(base, doc_id))):
        budget.add(restore(q))
    if not budget.triples:
        raise InputError(f"the store has no document {document!r}; give a document's id (its 'id', or 'doc-' and a "
                         f"hash) or IRI, as 'kg query \"SELECT ?d WHERE {{ ?d a kgo:Document }}\"' lists them")
    _describe(store, base, _entity_iris(budget.triples, base), budget)
    return budget.triples


def _neighbourhood(store, base: str, entity: str, hops: int, limit: int | None) -> set:
    from .export import entity_iri
    from .store import entities_graph
    from .vocab import PROV

    if hops < 1:
        raise InputError(f"--hops must be 1 or more, found {hops}")
    iri = entity if entity.startswith(("http://", "https://", "urn:")) else str(entity_iri(base, entity))
    if not any(True for _ in store.quads_for_pattern(_n(iri), None, None, _n(entities_graph(base)))):
        raise InputError(f"the store has no entity {entity!r} (looked for <{iri}>); give an entity's key as in its "
                         f"IRI (Sergei_Lavrov) or the IRI itself")
    budget = _Budget(limit, f"the neighbourhood of {entity!r} ({hops} hop(s))")
    derived = str(PROV.wasDerivedFrom)
    frontier, entities, statements, documents = {iri}, {iri}, set(), set()
    for _ in range(hops):
        found: set[str] = set()
        for e in sorted(frontier):
            for link in _ENTITY_LINKS:
                for q in _graph_quads(store, base, None, _n(link), _n(e)):
                    if q.subject.value in statements:
                        continue
                    statements.add(q.subject.value)
                    spo = {}
                    for sq in _graph_quads(store, base, q.subject):
                        budget.add(sq)
                        if sq.predicate.value == derived:
                            documents.add(sq.object.value)
                        if sq.predicate.value in _SPO:
                            spo[_SPO[sq.predicate.value]] = sq.object
                    found |= {t.value for t in spo.values() if t.value.startswith(base + "entity/")}
                    if len(spo) == 3:  # the direct triple of a positive, asserted statement, if there is one
                        for dq in _graph_quads(store, base, spo["s"], spo["p"], spo["o"]):
                            budget.add(dq)
        frontier = found - entities
        entities |= found
    for d in sorted(documents):
        for q in _graph_quads(store, base, _n(d)):
            budget.add(q)
    _describe(store, base, entities | _entity_iris(budget.triples, base), budget)
    return budget.triples


_SPO = {_RDF + "subject": "s", _RDF + "predicate": "p", _RDF + "object": "o"}


def select_quads(store, *, document: str | None = None, entity: str | None = None, hops: int = 1,
                 construct: str | None = None, limit: int | None = None) -> set:
    """The triples of a selection (see the module docstring) as a set of pyoxigraph triples, with the
    literals of the export. Exactly one of ``document``, ``entity`` and ``construct`` is given; ``limit``
    caps the triples (None: no cap). Raises :class:`~kg.errors.InputError` for a document or entity the
    store does not hold, :class:`~kg.errors.QueryError` for a query that is not a CONSTRUCT, and
    :class:`~kg.errors.InputError` for a selection over the limit."""
    from .store import store_base

    if sum(x is not None for x in (document, entity, construct)) != 1:
        raise InputError("select one of: --document, --entity, --construct")
    base = store_base(store)
    if construct is not None:
        return _construct(store, base, construct, limit)
    if document is not None:
        return _document(store, base, document, limit)
    return _neighbourhood(store, base, entity, hops, limit)


def _construct(store, base: str, text: str, limit: int | None) -> set:
    import pyoxigraph

    from .sparql import QUERY_PREFIXES, read_query
    from .store import BUILD, _restorer

    query = read_query(text)
    prefixes = dict(QUERY_PREFIXES)
    prefixes.update({"ent": base + "entity/", "st": base + "statement/", "doc": base + "document/"})
    try:
        result = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"the --construct query is not valid SPARQL: {e}") from None
    if not isinstance(result, pyoxigraph.QueryTriples):
        raise QueryError("--construct needs a CONSTRUCT (or DESCRIBE) query, which gives triples; found a "
                         "SELECT or ASK query")
    restore = _restorer()
    budget = _Budget(limit, "the --construct query's result")
    graph = pyoxigraph.DefaultGraph()
    try:
        for t in result:
            if t.predicate.value.startswith(BUILD):  # the bookkeeping is no part of the graph
                continue
            budget.add(restore(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)))
    except OSError as e:
        raise QueryError(f"the --construct query failed: {e}") from None
    return budget.triples


def select_graph(store, *, document: str | None = None, entity: str | None = None, hops: int = 1,
                 construct: str | None = None, limit: int | None = None) -> Graph:
    """:func:`select_quads` as an rdflib graph, with kg's prefixes bound."""
    from .store import store_base

    triples = select_quads(store, document=document, entity=entity, hops=hops, construct=construct, limit=limit)
    return _as_graph(triples, store_base(store))


def graph_for(store, purpose: str, *, limit: int | None = None, document: str | None = None,
              entity: str | None = None, hops: int = 1, construct: str | None = None) -> Graph:
    """The graph ``purpose`` (``validate``, ``viz``) works on: the selection when one is given, else the
    whole export of the store; a graph of more than ``limit`` triples is refused with an
    :class:`~kg.errors.InputError` that says how big the store is and how to select a part (None: no
    limit)."""
    import itertools

    from .store import _find_base, check_size, graph_of

    if any(x is not None for x in (document, entity, construct)):
        return select_graph(store, document=document, entity=entity, hops=hops, construct=construct, limit=limit)
    why = f"'kg {purpose}' holds the whole graph in memory"
    if _find_base(store) is not None:
        check_size(store, limit, why, _HOW, error=InputError)
    elif limit is not None and sum(1 for _ in itertools.islice(store, limit + 1)) > limit:
        # a pyoxigraph store that kg did not build: every quad is drawn, and no part can be selected
        raise InputError(f"the store holds more than {limit:,} quads, the limit: {why}; raise --max-triples")
    return graph_of(store)

"""The knowledge graph: a networkx MultiDiGraph of entities keyed by entity key, statements as edges.

``said`` statements whose object is a quote have no target node; they are kept in
:attr:`KnowledgeGraph.quotes` so that every statement survives to export.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

import networkx as nx

from .model import Document, Entity, Statement


def statement_key(st: Statement) -> tuple:
    """A total, deterministic order and identity for statements."""
    p = st.provenance
    return (p.document, p.begin, p.end, st.subject, st.relation, st.object or "", st.quote or "",
            st.polarity, st.modality, st.role or "")


class KnowledgeGraph:
    """Entities and the statements between them, with the documents they come from."""

    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()
        self.quotes: dict[tuple, Statement] = {}
        self.documents: dict[str, Document] = {}

    # -- building -------------------------------------------------------------------------------
    def add_document(self, doc: Document) -> None:
        self.documents[doc.id] = doc

    def add_entity(self, entity: Entity) -> None:
        """Add an entity, merging labels and identifiers with an entity of the same key."""
        if entity.key in self.graph:
            old: Entity = self.graph.nodes[entity.key]["entity"]
            entity = replace(
                old,
                alt_labels=old.alt_labels | entity.alt_labels,
                wikidata=old.wikidata or entity.wikidata,
                geonames=old.geonames or entity.geonames,
                part_of=old.part_of or entity.part_of,
                local_to=old.local_to or entity.local_to,
            )
        self.graph.add_node(entity.key, entity=entity)

    def add_statement(self, st: Statement) -> None:
        """Add a statement; its entities must have been added first. Duplicates are ignored."""
        for key in (st.subject, st.object):
            if key is not None and key not in self.graph:
                raise KeyError(f"statement refers to unknown entity {key!r}")
        k = statement_key(st)
        if st.object is None:
            self.quotes[k] = st
        elif not self.graph.has_edge(st.subject, st.object, key=k):
            self.graph.add_edge(st.subject, st.object, key=k, statement=st)

    # -- reading --------------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        """Entities sorted by key."""
        return [self.graph.nodes[n]["entity"] for n in sorted(self.graph.nodes)]

    def entity(self, key: str) -> Entity:
        return self.graph.nodes[key]["entity"]

    def statements(self) -> list[Statement]:
        """Every statement (edges and quotes) in a deterministic order."""
        out = [d["statement"] for _, _, d in self.graph.edges(data=True)] + list(self.quotes.values())
        return sorted(out, key=statement_key)

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements())

    def __len__(self) -> int:
        return self.graph.number_of_edges() + len(self.quotes)

    def stats(self) -> dict:
        """Counts by entity type and by relation."""
        by_type: dict[str, int] = {}
        for e in self.entities():
            by_type[e.type] = by_type.get(e.type, 0) + 1
        by_rel: dict[str, int] = {}
        for st in self.statements():
            by_rel[st.relation] = by_rel.get(st.relation, 0) + 1
        return {"documents": len(self.documents), "entities": self.graph.number_of_nodes(),
                "statements": len(self), "by_type": dict(sorted(by_type.items())),
                "by_relation": dict(sorted(by_rel.items()))}

    def update(self, entities: Iterable[Entity], statements: Iterable[Statement]) -> None:
        for e in entities:
            self.add_entity(e)
        for st in statements:
            self.add_statement(st)

"""The whole flow: ingest -> nlp -> extract -> resolve -> graph."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from .extract.relations import extract_statements
from .gazetteer import load_gazetteer
from .graph import KnowledgeGraph
from .ingest import MAX_SENTENCE_TOKENS
from .lexicon import load_lexicon
from .model import Document, Entity, Statement
from .nlp import parse
from .resolve import DocEntities


@dataclass(frozen=True)
class Extraction:
    """What one document yields."""

    document: Document
    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]


def extract_document(document: Document, spacy_doc) -> Extraction:
    """Entities and statements of one parsed document (pure: no I/O, no global state)."""
    lex = load_lexicon(document.lang)
    ents = DocEntities(spacy_doc, lex, load_gazetteer(), document)
    statements = list(extract_statements(document, spacy_doc, ents, lex))
    # an entity seen only as a nationality adjective or a title becomes a node only if it takes part
    # in a statement: "la cuisine italienne" does not make Italy a node of the graph
    used = {st.subject for st in statements} | {st.object for st in statements if st.object}
    kept = [e for e in ents.entities() if ents.is_named(e.key) or e.key in used]
    # an actor named by description brings what it is part of ("Government of Mali" brings Mali)
    owners = {e.part_of for e in kept if e.part_of}
    entities = tuple(e for e in ents.entities() if ents.is_named(e.key) or e.key in used or e.key in owners)
    return Extraction(document, entities, tuple(statements))


def extract(documents: Iterable[Document], *,
            max_sentence_tokens: int | None = MAX_SENTENCE_TOKENS) -> Iterator[Extraction]:
    """Stream documents through the parser and the extractors; sentences longer than
    ``max_sentence_tokens`` tokens are cut before parsing (see :func:`kg.nlp.sentence_bounds`)."""
    for document, spacy_doc in parse(documents, max_sentence_tokens=max_sentence_tokens):
        yield extract_document(document, spacy_doc)


def build_graph(documents: Iterable[Document], *, min_confidence: float = 0.0, background: bool = False,
                graph: KnowledgeGraph | None = None,
                max_sentence_tokens: int | None = MAX_SENTENCE_TOKENS) -> KnowledgeGraph:
    """Build (or extend) a knowledge graph from documents. Statements that rest on background knowledge
    (``Statement.basis``) are kept only with ``background``."""
    kg = graph if graph is not None else KnowledgeGraph()
    for ex in extract(documents, max_sentence_tokens=max_sentence_tokens):
        kg.add_document(ex.document)
        statements = [st for st in ex.statements if st.confidence >= min_confidence
                      and (background or st.basis is None)]
        kg.update(ex.entities, statements)
    return kg

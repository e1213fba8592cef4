"""Frozen records that flow through the pipeline: ingest -> extract -> resolve -> graph -> export.

Character offsets are always half-open ``[start, end)``. Offsets on a :class:`Mention` or in the
extractor's records index :attr:`Document.text` (the cleaned text the parser sees);
:class:`Provenance` carries offsets into the *original* file, obtained with
:meth:`Document.original_span`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

#: entity types, as local names of schema.org classes
PERSON, ORGANIZATION, PLACE = "Person", "Organization", "Place"
ENTITY_TYPES = (PERSON, ORGANIZATION, PLACE)

#: statement polarity and modality, as local names of kgo individuals
POSITIVE, NEGATIVE = "Positive", "Negative"
ASSERTED, PLANNED, POSSIBLE = "Asserted", "Planned", "Possible"

#: the relations kg extracts (RDF local names in the kgo namespace)
EVENT_RELATIONS = (
    "met", "said", "warned", "threatened", "denied", "accused", "criticised", "condemned",
    "called_for", "offered", "agreed", "rejected", "supported", "negotiated", "visited",
    "attacked", "sanctioned", "reported", "investigated",
)
STATIC_RELATIONS = ("role_in", "member_of", "located_in")
RELATIONS = EVENT_RELATIONS + STATIC_RELATIONS
#: relations whose direction carries no meaning
SYMMETRIC_RELATIONS = frozenset({"met", "negotiated"})
#: relations that coordinated subjects hold with each other ("A and B met / agreed"); "agreed" is not
#: symmetric, since its target may be the thing agreed to ("the United States agreed ACTA")
MUTUAL_RELATIONS = SYMMETRIC_RELATIONS | {"agreed"}


@dataclass(frozen=True, eq=False)
class Document:
    """One news article after ingestion.

    ``text`` is the cleaned body (NFC, straight apostrophes, plain spaces, page furniture and
    dateline removed); ``offsets[i]`` is the offset in the original file of ``text[i]``, with one
    extra entry for the end of the text, so every span of ``text`` maps back to the original.
    """

    id: str
    source: str
    lang: str
    text: str
    offsets: tuple[int, ...]
    title: str | None = None
    #: dateline and other metadata: ``place``, ``date``, ``publisher``, ``url`` ...
    meta: Mapping[str, str] = field(default_factory=dict)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to offsets into the original file."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside a text of {len(self.text)} characters")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Provenance:
    """Where a statement comes from: the document, the evidence text and its original offsets."""

    document: str
    sentence: str
    begin: int
    end: int
    #: for a relation inside reported speech, the key of the entity who made the claim
    attributed_to: str | None = None


@dataclass(frozen=True)
class Entity:
    """One real-world entity, resolved within (and later across) documents."""

    key: str  # stable local name: derived from an identifier or the canonical label
    label: str  # English canonical label
    type: str  # one of ENTITY_TYPES
    alt_labels: frozenset[tuple[str, str]] = frozenset()  # (text, language tag)
    wikidata: str | None = None  # "Q30"
    geonames: int | None = None  # 6252001
    #: for an actor named by description (an organ of a state, a group from a place): the key of the
    #: entity its description names ("le gouvernement malien" -> Mali); exported as kgo:isPartOf
    part_of: str | None = None
    #: for an actor named only by description in one document ("the rebels", "deux agresseurs"): the id
    #: of that document; such an entity is never merged with another (exported as kgo:localTo)
    local_to: str | None = None


@dataclass(frozen=True)
class Statement:
    """A relation the text states: an edge between two entities, or a quote for ``said``."""

    subject: str  # entity key
    relation: str  # one of RELATIONS
    object: str | None  # entity key, None when ``quote`` is set
    provenance: Provenance
    quote: str | None = None
    lang: str | None = None  # language of the quote
    polarity: str = POSITIVE
    modality: str = ASSERTED
    confidence: float = 0.5
    role: str | None = None  # for role_in / member_of: the office, in English
    #: CAMEO code of this very event when its trigger says more than the relation ("demanded" is a
    #: called_for coded 10, "will give" an offer of intent coded 03); None: the relation's own code
    event_code: str | None = None
    #: None when the text states the relation; else the background knowledge that supplied part of it
    #: ("gazetteer": "Prime Minister X" is of the country the gazetteer says X led). Such a statement
    #: is never a direct triple and is left out of evaluation
    basis: str | None = None
    #: when the event happened, as its clause says ("on Friday", "le 6 février 1998"), resolved against
    #: the document's date: ISO 8601 at the precision the text gives, "2022-01-21", "2011-03" or "2011"
    #: (see :mod:`kg.dates`); None when the clause names no time or it cannot be resolved
    date: str | None = None
    #: where the event happened, as its clause says ("in Vienna", "à Vienne"): the key of a place entity,
    #: never the statement's own subject or object
    place: str | None = None

    @property
    def is_edge(self) -> bool:
        """True for a positive, asserted relation between two entities (exported as a direct triple)."""
        return self.object is not None and self.polarity == POSITIVE and self.modality == ASSERTED and \
            self.basis is None

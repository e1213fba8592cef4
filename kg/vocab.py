"""The ontology's terms as closed namespaces, and the other vocabularies kg writes.

:data:`KGO` lists every term that ``ontologies/kg.ttl`` defines; asking for any other name raises
``AttributeError``, so a typo fails where it is made instead of producing a dangling IRI. A test keeps
the two in sync.

>>> from kg.vocab import KGO
>>> KGO.met
rdflib.term.URIRef('https://kg.example.org/ontology#met')
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from .errors import OntologyError
from .resources import ontologies_dir

__all__ = [
    "KGO", "KGO_NS", "SCHEMA", "NIF", "PROV", "SKOS", "DCTERMS", "OWL", "RDF", "RDFS", "XSD",
    "WIKIDATA", "GEONAMES", "ONTOLOGY_PATH", "ontology",
]

#: the kg ontology namespace
KGO_NS = "https://kg.example.org/ontology#"
#: the ontology file, loaded by :func:`ontology`
ONTOLOGY_PATH = ontologies_dir() / "kg.ttl"

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
#: Wikidata entities (``WIKIDATA["Q30"]``) and GeoNames features (``GEONAMES["6252001/"]``)
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")


class KGO(DefinedNamespace):
    """The kg ontology, ``https://kg.example.org/ontology#`` (``ontologies/kg.ttl``)."""

    _NS = Namespace(KGO_NS)
    _fail = True

    # classes
    Entity: URIRef
    Statement: URIRef
    Document: URIRef
    Polarity: URIRef
    Modality: URIRef
    EventRelation: URIRef
    StaticRelation: URIRef

    # individuals
    Positive: URIRef
    Negative: URIRef
    Asserted: URIRef
    Planned: URIRef
    Possible: URIRef

    # statement properties
    polarity: URIRef
    modality: URIRef
    confidence: URIRef
    quote: URIRef
    role: URIRef
    attributedTo: URIRef
    document: URIRef
    cameoCode: URIRef
    ploverCategory: URIRef
    date: URIRef
    place: URIRef

    # background knowledge
    basis: URIRef
    KnowledgeSource: URIRef
    Gazetteer: URIRef

    # entity properties
    isPartOf: URIRef
    localTo: URIRef

    # event relations (kg.model.EVENT_RELATIONS)
    met: URIRef
    said: URIRef
    warned: URIRef
    threatened: URIRef
    denied: URIRef
    accused: URIRef
    criticised: URIRef
    condemned: URIRef
    called_for: URIRef
    offered: URIRef
    agreed: URIRef
    rejected: URIRef
    supported: URIRef
    negotiated: URIRef
    visited: URIRef
    attacked: URIRef
    sanctioned: URIRef
    reported: URIRef
    investigated: URIRef

    # static relations (kg.model.STATIC_RELATIONS)
    role_in: URIRef
    member_of: URIRef
    located_in: URIRef


@lru_cache(maxsize=1)
def ontology() -> Graph:
    """The parsed ontology, loaded once. Raises :class:`~kg.errors.OntologyError` if it is missing or malformed."""
    g = Graph()
    try:
        g.parse(ONTOLOGY_PATH, format="turtle")
    except FileNotFoundError:
        raise OntologyError(f"ontology file {ONTOLOGY_PATH} is missing") from None
    except Exception as e:  # rdflib raises several unrelated types for bad syntax
        raise OntologyError(f"ontology file {ONTOLOGY_PATH} is not valid Turtle: {e}") from None
    return g

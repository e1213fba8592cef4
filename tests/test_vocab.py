"""The closed namespace KGO and ontologies/kg.ttl define the same terms, and every relation is documented."""
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, get_annotations

from kg.model import RELATIONS, STATIC_RELATIONS, SYMMETRIC_RELATIONS
from kg.vocab import KGO, KGO_NS, ontology

DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                OWL.NamedIndividual}
# PLOVER event categories (manual 0.7b1); CAMEO codes are 3 digits in the 20 root categories
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def kgo_terms() -> set[str]:
    return {t for t in get_annotations(KGO) if not t.startswith("_")}


def ttl_terms() -> set[str]:
    g = ontology()
    return {str(s)[len(KGO_NS):] for s, t in g.subject_objects(RDF.type)
            if isinstance(s, URIRef) and str(s).startswith(KGO_NS) and (t in DECLARATIONS or
                                                                         str(t).startswith(KGO_NS))}


def test_ontology_parses_and_is_an_owl_ontology():
    g = ontology()
    onto = URIRef("https://kg.example.org/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo) is not None
    for pred in (RDFS.label, RDFS.comment):
        assert {o.language for o in g.objects(onto, pred)} >= {"en", "fr"}


def test_every_kgo_term_is_defined_in_the_ontology():
    missing = kgo_terms() - ttl_terms()
    assert not missing, f"in kg/vocab.py but not declared in kg.ttl: {sorted(missing)}"


def test_every_ontology_term_is_in_kgo():
    g = ontology()
    used = {str(t)[len(KGO_NS):] for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(KGO_NS)}
    missing = (ttl_terms() | used) - kgo_terms()
    assert not missing, f"in kg.ttl but not in kg/vocab.py: {sorted(missing)}"


def test_kgo_rejects_typos():
    with pytest.raises(AttributeError):
        KGO.typo
    with pytest.raises(AttributeError):
        KGO["criticized"]  # the relation is spelt "criticised"
    assert KGO.called_for == URIRef(KGO_NS + "called_for")


@pytest.mark.parametrize("relation", RELATIONS)
def test_relation_is_documented(relation):
    g = ontology()
    prop = KGO[relation]
    assert (prop, RDF.type, OWL.ObjectProperty) in g
    for pred in (RDFS.label, RDFS.comment):
        langs = [o.language for o in g.objects(prop, pred) if isinstance(o, Literal)]
        assert sorted(langs) == ["en", "fr"], f"{relation}: {pred} needs exactly one @en and one @fr"
    cameo = [str(o) for o in g.objects(prop, KGO.cameoCode)]
    plover = [str(o) for o in g.objects(prop, KGO.ploverCategory)]
    if relation in STATIC_RELATIONS:
        assert (prop, RDF.type, KGO.StaticRelation) in g
        assert not cameo and not plover
    else:
        assert (prop, RDF.type, KGO.EventRelation) in g
        assert len(cameo) == 1 and len(cameo[0]) == 3 and cameo[0].isdigit() and 1 <= int(cameo[0][:2]) <= 20
        assert set(plover) <= PLOVER and len(plover) <= 1


@pytest.mark.parametrize("relation", RELATIONS)
def test_symmetric_relations_match_the_model(relation):
    symmetric = (KGO[relation], RDF.type, OWL.SymmetricProperty) in ontology()
    assert symmetric == (relation in SYMMETRIC_RELATIONS)


def test_cameo_codes_of_core_relations():
    g = ontology()
    code = {r: str(g.value(KGO[r], KGO.cameoCode)) for r in RELATIONS if g.value(KGO[r], KGO.cameoCode)}
    assert code["met"][:2] == code["visited"][:2] == code["negotiated"][:2] == "04"
    assert code["criticised"] == code["condemned"] == "111" and code["accused"] == "112"
    assert code["threatened"][:2] == "13" and code["rejected"][:2] == "12" and code["sanctioned"] == "163"
    assert code["said"] == "010"

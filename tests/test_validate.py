"""kg validate: the SHACL shapes accept every export of the example corpus and catch what they should."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.export import EXTENSIONS, to_rdf, write_graph
from kg.model import RELATIONS
from kg.sparql import open_store
from kg.validate import read_rdf, shapes, store_graph, validate_graph
from kg.vocab import KGO, NIF, SCHEMA
from kgstore import corpus_graph, make_store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "examples").glob("*.txt"))
WIKINEWS = ROOT / "tests" / "data" / "wikinews-dev.jsonl"
KGS = "https://kg.example.org/shapes#"
ENT = "https://kg.example.org/entity/"


def kg(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_relation_list_is_the_models():
    g = shapes()
    lst = g.value(URIRef(KGS + "RelationShape"), SH["in"])
    from rdflib.collection import Collection

    assert [str(t) for t in Collection(g, lst)] == [str(KGO[r]) for r in RELATIONS]


def test_corpus_and_its_store_conform(tmp_path):
    report = validate_graph(corpus_graph())
    assert report.conforms, report.format("corpus")
    store = open_store(make_store(tmp_path / "kg", corpus_graph()))
    assert validate_graph(store_graph(store)).conforms


def test_offsets_are_checked_against_the_source_files():
    g = corpus_graph()
    report = validate_graph(g, sources=ROOT)
    assert report.conforms and report.sources_checked == report.documents == len(ARTICLES)
    st = _statement(g)
    g.set((st, NIF.endIndex, Literal(10 ** 6)))
    report = validate_graph(g, sources=ROOT)
    assert not report.conforms and "past the end of examples/" in report.format("g")
    assert validate_graph(g, sources=ROOT / "docs").sources_checked == 0


def _statement(g, relation="met"):
    return next(s for s in g.subjects(RDF.type, KGO.Statement) if g.value(s, RDF.predicate) == KGO[relation])


def _break(name):
    g = corpus_graph()
    st = _statement(g)
    quote = _statement(g, "said")
    ent = URIRef(ENT + "Olaf_Scholz")
    if name == "second English label":
        g.add((ent, RDFS.label, Literal("Scholz", lang="en")))
    elif name == "label not English":
        g.set((ent, RDFS.label, Literal("Olaf Scholz", lang="de")))
    elif name == "no type":
        g.remove((ent, RDF.type, SCHEMA.Person))
    elif name == "two types":
        g.add((ent, RDF.type, SCHEMA.Place))
    elif name == "unknown relation":
        g.set((st, RDF.predicate, URIRef(str(KGO) + "likes")))
    elif name == "no polarity":
        g.remove((st, KGO.polarity, None))
    elif name == "bad modality":
        g.set((st, KGO.modality, KGO.Positive))
    elif name == "begin after end":
        g.set((st, NIF.beginIndex, Literal(10 ** 6)))
    elif name == "negative offset":
        g.set((st, NIF.endIndex, Literal(-1)))
    elif name == "no source document":
        g.remove((st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    elif name == "quote without kgo:quote":
        g.remove((quote, KGO.quote, None))
    elif name == "object not an entity":
        g.set((st, RDF.object, URIRef(ENT + "Nobody")))
    elif name == "no object and no code of its own":
        g.remove((st, RDF.object, None))
        g.remove((st, KGO.cameoCode, None))
    elif name == "confidence above 1":
        g.set((st, KGO.confidence, Literal(__import__("decimal").Decimal("1.5"))))
    return g, st, ent


BROKEN = {
    "second English label": "rdfs:label", "label not English": "rdfs:label", "no type": "exactly one type",
    "two types": "exactly one type", "unknown relation": "relation of the kg ontology",
    "no polarity": "kgo:polarity", "bad modality": "kgo:modality", "begin after end": "nif:beginIndex",
    "negative offset": "nif:endIndex", "no source document": "prov:wasDerivedFrom",
    "quote without kgo:quote": "kgo:quote", "object not an entity": "rdf:object",
    "confidence above 1": "kgo:confidence", "no object and no code of its own": "without rdf:object",
}


def test_an_act_alone_conforms():
    """A statement without rdf:object states an act of its subject alone ("X resigned"): it conforms
    with its own CAMEO code, and without one it does not (see BROKEN)."""
    g = corpus_graph()
    st = _statement(g)
    g.remove((st, RDF.object, None))
    g.set((st, RDF.predicate, KGO.agreed))
    g.set((st, KGO.cameoCode, Literal("083")))
    assert validate_graph(g).conforms, validate_graph(g).format("g")


@pytest.mark.parametrize("name", BROKEN)
def test_shapes_catch(name):
    g, st, ent = _break(name)
    report = validate_graph(g)
    assert not report.conforms
    text = report.format("g")
    assert BROKEN[name] in text, text


def test_report_is_sorted_and_stable():
    g, _, _ = _break("unknown relation")
    g.add((URIRef(ENT + "Olaf_Scholz"), RDFS.label, Literal("Scholz", lang="en")))
    report = validate_graph(g)
    assert report.violations == sorted(report.violations) and len(report.violations) >= 2


def test_cli_validate(tmp_path):
    g, _, _ = _break("no polarity")
    bad = tmp_path / "bad.nt"
    g.serialize(bad, format="nt")
    run = kg("validate", bad)
    assert run.returncode == 7 and "kgo:polarity" in run.stdout and "1 violation(s)" in run.stderr
    assert "Traceback" not in run.stderr
    store = make_store(tmp_path / "kg", corpus_graph())
    run = kg("validate", "--store", store)
    assert run.returncode == 0 and "conforms" in run.stdout, run.stdout + run.stderr


@pytest.mark.parametrize("args, code", [([], 2), (["missing.ttl"], 2), (["x.csv"], 2), (["--store", "nope"], 5)])
def test_cli_validate_errors(args, code):
    run = kg("validate", *args)
    assert run.returncode == code and "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def corpus_kg():
    """The example articles and three Wikinews texts (two French, one English), extracted once."""
    from kg.ingest import parse_text, read_document
    from kg.model import Document
    from kg.pipeline import build_graph

    docs = [read_document(p) for p in ARTICLES]
    records = [json.loads(line) for line in WIKINEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked = [r for r in records if r["lang"] == "fr"][:2] + [r for r in records if r["lang"] == "en"][:1]
    docs += [parse_text(r["text"], source=r["id"], lang=r["lang"]) for r in picked]
    assert isinstance(docs[0], Document)
    return build_graph(docs)


@pytest.mark.model
@pytest.mark.parametrize("ext", sorted(EXTENSIONS))
def test_every_export_format_conforms(corpus_kg, tmp_path, ext):
    path = tmp_path / f"corpus{ext}"
    write_graph(corpus_kg, path)
    graph = read_rdf(path)
    assert len(graph) == len(to_rdf(corpus_kg))
    report = validate_graph(graph, sources=ROOT)
    assert report.conforms, report.format(path.name)
    assert report.sources_checked == len(ARTICLES)  # the Wikinews texts have no file


@pytest.mark.model
def test_store_of_the_corpus_conforms(corpus_kg, tmp_path):
    store = open_store(make_store(tmp_path / "kg", to_rdf(corpus_kg)))
    report = validate_graph(store_graph(store))
    assert report.conforms, report.format("store")

"""The property graph: RDF in, networkx / GraphML / GEXF / Cytoscape.js out; round trips, determinism,
the store folder, the command line's build outputs and bad input."""
import json
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import Graph

from conftest import ROOT
from kg.errors import InputError, StoreError
from kg.export import to_rdf
from kg.graph import KnowledgeGraph
from kg.model import NEGATIVE, PERSON, PLACE, PLANNED, Document, Entity, Provenance, Statement
from kg.propertygraph import (WRITERS, generate_cytoscape, generate_gexf, generate_graphml, layout, read_rdf,
                              read_store, to_property_graph, write_property_graph)

SEED_TTL = ROOT / "examples" / "blinken-lavrov-vienne.fr.ttl"
ENT = "https://kg.example.org/entity/"
DOC = "seeds/blinken.fr.txt"


def small_graph() -> Graph:
    kg = KnowledgeGraph()
    kg.add_document(Document(DOC, DOC, "fr", "x", (0, 1), title="Blinken à Vienne"))
    kg.add_entity(Entity("Antony_Blinken", "Antony Blinken", PERSON, frozenset({("M. Blinken", "fr")}),
                         wikidata="Q4773712"))
    kg.add_entity(Entity("Sergei_Lavrov", "Sergei Lavrov", PERSON, frozenset(), wikidata="Q167444"))
    kg.add_entity(Entity("Vienna", "Vienna", PLACE, frozenset({("Vienne", "fr")}), geonames=2761369))
    prov = Provenance(DOC, "M. Blinken a rencontré M. Lavrov.", 10, 44)
    kg.add_statement(Statement("Antony_Blinken", "met", "Sergei_Lavrov", prov, confidence=0.8))
    kg.add_statement(Statement("Sergei_Lavrov", "threatened", "Antony_Blinken", prov, polarity=NEGATIVE,
                               confidence=0.6))
    kg.add_statement(Statement("Antony_Blinken", "met", "Sergei_Lavrov", Provenance(DOC, "Ils se reverront.", 50, 67),
                               modality=PLANNED, confidence=0.7))
    kg.add_statement(Statement("Antony_Blinken", "said", None, Provenance(DOC, "« Rien ne change », a dit Blinken.",
                                                                          70, 105), quote="Rien ne change", lang="fr",
                               confidence=0.9))
    kg.add_statement(Statement("Sergei_Lavrov", "agreed", None, Provenance(DOC, "Lavrov a démissionné.", 110, 131),
                               event_code="083", confidence=0.9))  # an act alone: no object
    return to_rdf(kg)


def test_entities_become_nodes_and_statements_edges():
    pg = to_property_graph(small_graph())
    assert sorted(pg) == [ENT + "Antony_Blinken", ENT + "Sergei_Lavrov", ENT + "Vienna"]
    blinken = pg.nodes[ENT + "Antony_Blinken"]
    assert blinken == {"type": "Person", "label": "Antony Blinken", "labels": "Antony Blinken@en | M. Blinken@fr",
                       "wikidata": "Q4773712", "quotes": 1, "acts": 0}
    assert pg.nodes[ENT + "Vienna"]["geonames"] == "2761369"
    assert pg.number_of_edges() == 3  # neither the quote nor the act alone is an edge
    assert pg.nodes[ENT + "Sergei_Lavrov"]["acts"] == 1
    [act] = pg.graph["acts"][ENT + "Sergei_Lavrov"]
    assert (act["relation"], act["cameo"], act["sentence"]) == ("agreed", "083", "Lavrov a démissionné.")
    assert "quote" not in act and act["statement"].startswith("https://")
    met = [d for _, _, d in pg.edges(data=True) if d["relation"] == "met"]
    assert sorted(d["modality"] for d in met) == ["Asserted", "Planned"]
    neg = [d for _, _, d in pg.edges(data=True) if d["relation"] == "threatened"][0]
    assert neg["polarity"] == "Negative" and neg["confidence"] == 0.6
    assert neg["sentence"] == "M. Blinken a rencontré M. Lavrov." and neg["document_title"] == "Blinken à Vienne"
    assert neg["document"] == "https://kg.example.org/document/seeds%2Fblinken.fr.txt"
    (quote,) = pg.graph["quotes"][ENT + "Antony_Blinken"]
    assert quote["relation"] == "said" and quote["quote"] == "Rien ne change"
    assert quote["statement"].startswith("https://kg.example.org/statement/")  # the statement IRI


def test_seed_graph_has_the_article_entities():
    pg = to_property_graph(read_rdf(SEED_TTL))
    labels = {d["label"] for _, d in pg.nodes(data=True)}
    assert {"Antony Blinken", "Sergei Lavrov", "NATO", "Vienna", "Ukraine"} <= labels
    assert all(d["relation"] != "said" for _, _, d in pg.edges(data=True))
    assert sum(len(q) for q in pg.graph["quotes"].values()) == 10


@pytest.mark.parametrize("ext", [".graphml", ".gexf"])
def test_graphml_and_gexf_read_back_by_networkx(tmp_path, ext):
    pg = to_property_graph(read_rdf(SEED_TTL))
    path = write_property_graph(read_rdf(SEED_TTL), tmp_path / f"seed{ext}")
    back = nx.read_graphml(path, force_multigraph=True) if ext == ".graphml" else nx.read_gexf(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert sorted(back) == sorted(pg)
    nodes = {n: {k: v for k, v in d.items() if k != "viz"} for n, d in back.nodes(data=True)}
    assert nodes == dict(pg.nodes(data=True))
    edges = {(u, v, k): {a: x for a, x in d.items() if a != "id"} for u, v, k, d in back.edges(keys=True, data=True)}
    assert edges == {(u, v, k): d for u, v, k, d in pg.edges(keys=True, data=True)}
    for attrs in edges.values():
        assert {"relation", "polarity", "modality", "confidence", "document", "sentence"} <= set(attrs)
        assert isinstance(attrs["confidence"], float)


def test_cytoscape_json_elements():
    pg = to_property_graph(small_graph())
    data = json.loads(generate_cytoscape(pg))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(pg)
    assert all(set(n["position"]) == {"x", "y"} for n in nodes)
    assert len(edges) == 3
    assert all({"id", "source", "target", "relation", "polarity", "modality", "confidence"} <= set(e["data"])
               for e in edges)
    assert data["data"]["quotes"][ENT + "Antony_Blinken"][0]["quote"] == "Rien ne change"


def test_outputs_are_deterministic():
    rdf = read_rdf(SEED_TTL)
    first = {ext: w(to_property_graph(rdf)) for ext, w in WRITERS.items()}
    again = {ext: w(to_property_graph(read_rdf(SEED_TTL))) for ext, w in WRITERS.items()}
    assert first == again
    assert b"lastmodifieddate" not in first[".gexf"]


def test_layout_is_deterministic_and_covers_every_node():
    pg = to_property_graph(read_rdf(SEED_TTL))
    pos = layout(pg)
    assert set(pos) == set(pg) and pos == layout(pg)
    assert len(set(pos.values())) == len(pos)  # no two nodes on the same spot


def test_large_component_layout_is_quick():
    g = nx.MultiDiGraph()
    g.add_edges_from((f"n{i}", f"n{(i * 7 + 3) % 2000}") for i in range(2000))
    pos = layout(g)
    assert len(pos) == 2000 and all(abs(x) < 1e7 and abs(y) < 1e7 for x, y in pos.values())


@pytest.mark.parametrize("name", ["seed.ttl", "seed.nt", "seed.jsonld", "seed.rdf", "seed.nq", "seed.trig"])
def test_every_rdf_syntax_kg_writes_reads_the_same(tmp_path, name):
    from kg.export import serialize

    rdf = read_rdf(SEED_TTL)
    ext = name.split(".")[1]
    if ext in ("nq", "trig"):  # as a store dumps them: the statements in a named graph
        from rdflib import Dataset, URIRef
        ds = Dataset()
        g = ds.graph(URIRef("https://kg.example.org/graph/document/x"))
        for t in rdf:
            g.add(t)
        (tmp_path / name).write_bytes(ds.serialize(format={"nq": "nquads", "trig": "trig"}[ext], encoding="utf-8"))
    else:  # kg's own deterministic writers
        (tmp_path / name).write_bytes(serialize(rdf, {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}[ext]))
    assert generate_graphml(to_property_graph(read_rdf(tmp_path / name))) == generate_graphml(to_property_graph(rdf))


def make_store(path):
    """A pyoxigraph store laid out as kg's store writes it: entities and each document in named graphs."""
    import pyoxigraph as ox
    from rdflib.namespace import RDF

    rdf = read_rdf(SEED_TTL)
    entities = {s for s in rdf.subjects(RDF.type, None) if str(s).startswith(ENT)}
    store = ox.Store(str(path))

    def term(t):
        from rdflib import Literal, URIRef
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
        raise TypeError(t)

    ent_graph = ox.NamedNode("https://kg.example.org/graph/entities")
    doc_graph = ox.NamedNode("https://kg.example.org/graph/document/doc-3b6b7ec84430a362")
    store.extend([ox.Quad(term(s), term(p), term(o), ent_graph if s in entities else doc_graph) for s, p, o in rdf])
    store.flush()
    del store
    return path


def test_store_folder_reads_like_the_file(tmp_path):
    store = make_store(tmp_path / "store")
    assert generate_graphml(to_property_graph(read_store(store))) == generate_graphml(
        to_property_graph(read_rdf(SEED_TTL)))


def test_bad_input_is_one_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_rdf(tmp_path / "missing.ttl")
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="not valid turtle"):
        read_rdf(tmp_path / "bad.ttl")
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(InputError, match="allowed: .ttl"):
        read_rdf(tmp_path / "x.csv")
    with pytest.raises(StoreError, match="allowed: .graphml, .gexf, .json"):
        write_property_graph(small_graph(), tmp_path / "out.dot")
    with pytest.raises(StoreError, match="does not exist"):
        write_property_graph(small_graph(), tmp_path / "nowhere" / "out.graphml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "x.csv"]


def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.model
def test_build_writes_a_property_graph(tmp_path):
    # one build (the models take most of its time); .gexf and .json take the same route through WRITERS
    out = tmp_path / "seed.graphml"
    run = kg("build", ROOT / "examples" / "blinken-lavrov-vienne.fr.txt", "-o", out)
    assert run.returncode == 0, run.stderr
    g = nx.read_graphml(out, force_multigraph=True)
    assert any(d["relation"] == "met" for _, _, d in g.edges(data=True))
    assert {d["label"] for _, d in g.nodes(data=True)} >= {"Antony Blinken", "Sergei Lavrov", "Vienna"}


def test_build_refuses_an_unknown_format_before_building(tmp_path):
    run = kg("build", tmp_path / "missing.txt", "-o", tmp_path / "out.dot")
    assert run.returncode != 0 and ".graphml, .gexf, .json, .cypher (property graph)" in run.stderr

"""The commands work together on one real store: build it, then query, validate, export, draw it."""
import subprocess
import sys

import networkx as nx
import pytest

from conftest import ROOT

pytestmark = pytest.mark.model

EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))


def kg(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=600, **kw)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("integration") / "store"
    run = kg("build", *EXAMPLES, "--store", path)
    assert run.returncode == 0, run.stderr
    return path


def test_query_over_a_built_store_finds_the_seed_meeting(store):
    run = kg("query", "--store", store, "--format", "csv",
             "SELECT ?a ?b WHERE { ?s rdf:predicate kgo:met ; rdf:subject/rdfs:label ?a ; "
             "rdf:object/rdfs:label ?b } ORDER BY ?a ?b")
    assert run.returncode == 0, run.stderr
    assert "Antony Blinken,Sergei Lavrov" in run.stdout


def test_a_built_store_conforms_to_the_shapes(store):
    run = kg("validate", "--store", store, "--sources", ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_store_exports_as_property_graphs_and_draws(store, tmp_path):
    for ext in (".graphml", ".gexf"):
        out = tmp_path / f"graph{ext}"
        run = kg("export", "--store", store, "-o", out)
        assert run.returncode == 0, run.stderr
        g = nx.read_graphml(out) if ext == ".graphml" else nx.read_gexf(out)
        labels = {d.get("label") for _, d in g.nodes(data=True)}
        assert {"Antony Blinken", "Sergei Lavrov", "Vienna"} <= labels
        assert any(d.get("relation") == "met" for _, _, d in g.edges(data=True))
    page = tmp_path / "graph.html"
    run = kg("viz", "--store", store, "-o", page)
    assert run.returncode == 0, run.stderr
    assert "Antony Blinken" in page.read_text(encoding="utf-8")


def test_push_leaves_the_bookkeeping_graph_out(store):
    from kg.store import open_store

    graphs = {g.value for g in open_store(store, read_only=True).named_graphs()}
    assert any(g.endswith("graph/meta") for g in graphs)  # the store keeps its bookkeeping
    from kg import push

    sent = []

    def record(endpoint, graph, lines, first):
        sent.append(graph)

    original = push._update_batch
    push._update_batch = record
    try:
        push.push(open_store(store, read_only=True), push.Endpoint("http://127.0.0.1:9/sparql", retries=0),
                  verify=False)
    finally:
        push._update_batch = original
    assert len(set(sent)) == len(graphs) - 1  # every graph but the bookkeeping one
    assert not any(str(g).endswith("graph/meta") for g in sent)

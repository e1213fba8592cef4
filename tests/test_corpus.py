"""Corpus builds into a persistent store, end to end through the command line, on 200+ documents made from
the repository's texts and generated variations (``tests/make_corpus.py``)."""
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from urllib.parse import unquote

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.store import P_HASH, document_graph, entities_graph, meta_graph, open_store
from make_corpus import write_corpus

pytestmark = pytest.mark.model

ENT = "https://kg.example.org/entity/"
KGO = "https://kg.example.org/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def kg(*args, timeout=600, **kw):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kw)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    counts = write_corpus(root / "in")
    assert counts["documents"] >= 200
    store = root / "store"
    # the corpus has .md articles in its folders, and two bad inputs: a build with failed inputs exits 8
    run = kg("build", root / "in", "--store", store, "--markdown")
    assert run.returncode == 8, run.stderr
    assert kg("export", "--store", store, "-o", root / "first.nq").returncode == 0
    assert kg("export", "--store", store, "-o", root / "first.ttl").returncode == 0
    return {"root": root, "in": root / "in", "store": store, "counts": counts,
            "stdout": run.stdout, "stderr": run.stderr}


@pytest.fixture(scope="module")
def graph(corpus):
    return Graph().parse(corpus["root"] / "first.ttl")


def entities(g):
    return set(g.subjects(RDF.type, URIRef(KGO + "Entity")))


def test_every_document_is_built_and_bad_inputs_are_reported(corpus):
    s = json.loads(kg("stats", "--store", corpus["store"], "--json").stdout)
    assert s["documents"] == corpus["counts"]["documents"]
    assert "2 input(s)" in corpus["stdout"]
    assert "articles.jsonl:11: not valid JSON" in corpus["stderr"]
    assert "broken.txt is binary" in corpus["stderr"]
    # no progress bar when stderr is not a terminal: only the skipped inputs, then how many failed
    lines = [line for line in corpus["stderr"].splitlines() if line.strip()]
    assert all(line.startswith("kg: skipped ") for line in lines[:-1]), lines
    assert lines[-1].startswith("kg: 2 of ") and "exit code 8" in lines[-1]


def test_no_duplicate_nodes_across_documents(graph):
    ents = entities(graph)
    # actors named only by description ("refugees") are each their document's: alike names, distinct nodes
    local = {e for e in ents if graph.value(e, URIRef(KGO + "localTo")) is not None}
    labels = Counter(str(graph.value(e, RDFS.label)) for e in ents if e not in local)
    assert [lab for lab, n in labels.items() if n > 1] == []
    same_as = Counter(o for e in ents for o in graph.objects(e, OWL.sameAs))
    assert [o for o, n in same_as.items() if n > 1] == []
    # the same entity in several articles and languages is one node
    assert URIRef(ENT + "Sergei_Lavrov") in ents and URIRef(ENT + "NATO") in ents
    assert URIRef(ENT + "Luiz_Inacio_Lula_da_Silva") in ents
    for short in ("Lavrov", "OTAN", "Lula", "Harrowgate"):
        assert URIRef(ENT + short) not in ents, short
    alt = {str(o) for o in graph.objects(URIRef(ENT + "NATO"), None)}
    assert "OTAN" in alt


def test_people_sharing_a_surname_stay_apart(graph):
    ents = entities(graph)
    assert URIRef(ENT + "Mary_Whitcombe") in ents and URIRef(ENT + "Peter_Whitcombe") in ents
    # "Mr. Whitcombe" alone could be either: its own node, never one of them
    assert URIRef(ENT + "Whitcombe") in ents
    # "Mr. Harrowgate" alone can only be John Harrowgate, the one Harrowgate of the corpus
    crit = [st for st in graph.subjects(RDF.predicate, URIRef(KGO + "criticised"))
            if "Mr. Harrowgate" in str(graph.value(st, URIRef(NIF + "anchorOf")))]
    assert crit and {graph.value(st, RDF.subject) for st in crit} == {URIRef(ENT + "John_Harrowgate")}


def test_second_build_changes_nothing_and_exports_the_same_bytes(corpus, tmp_path):
    run = kg("build", corpus["in"], "--store", corpus["store"], "--markdown")
    assert run.returncode == 8, run.stderr
    assert " 0 added, 0 replaced" in run.stdout
    assert kg("export", "--store", corpus["store"], "-o", tmp_path / "again.nq").returncode == 0
    assert (tmp_path / "again.nq").read_bytes() == (corpus["root"] / "first.nq").read_bytes()


def test_two_workers_give_the_same_bytes(corpus, tmp_path):
    run = kg("build", corpus["in"], "--store", tmp_path / "store", "--workers", 2, "-o", tmp_path / "two.nq",
             "--markdown")
    assert run.returncode == 8, run.stderr
    assert (tmp_path / "two.nq").read_bytes() == (corpus["root"] / "first.nq").read_bytes()


def test_a_killed_build_resumes_to_the_same_result(corpus, tmp_path):
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus["in"]), "--store", str(store), "--markdown"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    # kill -9 when the build reports the bad file near the end of the corpus: most documents are in the
    # store by then, and the batch being parsed and the files after it are not
    for line in proc.stderr:
        if "broken.txt" in line:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    # the killed store is consistent: every document has both its graph and its bookkeeping, or neither
    st = open_store(store, read_only=True)
    base = "https://kg.example.org/"
    graphs = {g.value for g in st.named_graphs()} - {meta_graph(base), entities_graph(base)}
    hashed = {q.subject.value for q in st.quads_for_pattern(None, None, None, None) if q.predicate.value == str(P_HASH)}
    assert graphs and {document_graph(base, unquote(d.rsplit("/", 1)[-1])) for d in hashed} == graphs
    del st
    run = kg("build", corpus["in"], "--store", store, "--markdown")
    assert run.returncode == 8, run.stderr
    summary = run.stdout.split("\n")[0]
    added = int(summary.split(" added")[0].rsplit(" ", 1)[-1])
    unchanged = int(summary.split(" unchanged")[0].rsplit(" ", 1)[-1])
    assert unchanged > 0 and added > 0, summary  # only the documents the killed run had not written
    assert kg("export", "--store", store, "-o", tmp_path / "resumed.nq").returncode == 0
    assert (tmp_path / "resumed.nq").read_bytes() == (corpus["root"] / "first.nq").read_bytes()


def test_changed_documents_replace_their_statements(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Trade envoy John Harrowgate met Angela Merkel in Berlin on Monday.\n", encoding="utf-8")
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(json.dumps({"id": "b", "lang": "en", "text": "NATO condemned Russia on Monday."}) + "\n")
    store = tmp_path / "store"
    assert kg("build", art, jsonl, "--store", store).returncode == 0
    art.write_text("Trade envoy John Harrowgate met Emmanuel Macron in Paris on Monday.\n", encoding="utf-8")
    jsonl.write_text(json.dumps({"id": "b", "lang": "en", "text": "NATO condemned Iran on Monday."}) + "\n")
    run = kg("build", art, jsonl, "--store", store, "-o", tmp_path / "out.ttl")
    assert run.returncode == 0, run.stderr
    assert "2 replaced" in run.stdout
    g = Graph().parse(tmp_path / "out.ttl")
    ents = entities(g)
    assert URIRef(ENT + "Emmanuel_Macron") in ents and URIRef(ENT + "Iran") in ents
    assert URIRef(ENT + "Angela_Merkel") not in ents and URIRef(ENT + "Russia") not in ents
    assert len(set(g.subjects(RDF.type, URIRef(KGO + "Document")))) == 2


def test_stdin_and_store_errors(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", "-", "--store", tmp_path / "s"],
                         input="NATO condemned Russia on Monday.\n", capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "1 added" in run.stdout
    run = kg("export", "--store", tmp_path / "missing", "-o", tmp_path / "x.ttl")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert run.stderr.startswith("kg: error: store") and not (tmp_path / "x.ttl").exists()
    run = kg("stats", "--store", tmp_path / "s")
    assert run.returncode == 0 and "most connected" in run.stdout

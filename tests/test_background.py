"""Background knowledge stays apart from what the text states: a statement the gazetteer completes
("Prime Minister X" without a country) carries kgo:basis, gives no direct triple, is only kept on request
(``kg build --background-knowledge``) and is never scored by ``kg evaluate``."""
import subprocess
import sys

import pytest
from rdflib import Graph, URIRef

from kg.evaluate import evaluate_records
from kg.ingest import parse_text
from kg.pipeline import build_graph, extract

pytestmark = pytest.mark.model

KGO = "https://kg.example.org/ontology#"
ENT = "https://kg.example.org/entity/"
# the text names no country: the gazetteer knows which one Viktor Yanukovych was Prime Minister of
TEXT = "Prime Minister Viktor Yanukovych opened the session on Tuesday."


def statements(text=TEXT):
    return list(extract([parse_text(text, "note.txt", lang="en")]))[0].statements


def test_office_completed_by_the_gazetteer_says_so():
    roles = [st for st in statements() if st.relation == "role_in"]
    assert roles and all(st.basis == "gazetteer" for st in roles), roles
    assert not any(st.is_edge for st in roles)  # never a direct triple


def test_office_the_text_names_is_text():
    roles = [st for st in statements("Ukrainian Prime Minister Viktor Yanukovych opened the session.")
             if st.relation == "role_in"]
    assert roles and all(st.basis is None for st in roles), roles


def test_background_statements_only_on_request():
    doc = parse_text(TEXT, "note.txt", lang="en")
    plain = build_graph([doc])
    assert not [st for st in plain.statements() if st.basis], "kept without being asked for"
    full = build_graph([doc], background=True)
    assert [st for st in full.statements() if st.basis == "gazetteer"]


def test_cli_marks_background_statements(tmp_path):
    src = tmp_path / "note.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "g.ttl"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", src, "-o", out, "--background-knowledge"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    g = Graph().parse(out)
    marked = set(g.subjects(URIRef(KGO + "basis"), URIRef(KGO + "Gazetteer")))
    assert marked
    yanukovych = URIRef(ENT + "Viktor_Yanukovych")
    assert (yanukovych, URIRef(KGO + "role_in"), None) not in g  # no direct triple


def test_evaluate_does_not_score_background_statements():
    record = {"id": "bg", "lang": "en", "text": TEXT,
              "entities": [{"name": "Viktor Yanukovych", "type": "PER", "aliases": []},
                           {"name": "Ukraine", "type": "GPE", "aliases": []}],
              "relations": [{"source": "Viktor Yanukovych", "relation": "role_in", "target": "Ukraine",
                             "symmetric": False, "alternatives": []}]}
    extraction = list(extract([parse_text(TEXT, "bg", lang="en")]))
    report = evaluate_records([record], extraction)
    assert report["articles"]["counts"]["relations_found"] == 0

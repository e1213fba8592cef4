"""The whole pipeline through the command line: the seed article against its gold annotation,
determinism, the Turtle contract, and bad input."""
import importlib.util
import json
import subprocess
import sys

import pytest
from rdflib import RDF, RDFS, Graph, Literal

from conftest import DATA, SEED, SEED_GOLD

pytestmark = pytest.mark.model

spec = importlib.util.spec_from_file_location("score", DATA / "eval" / "score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def kg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.ttl"
    run = kg("build", SEED, "-o", out)
    assert run.returncode == 0, run.stderr
    return out


def test_seed_against_gold(seed_ttl):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    report = score.score(str(seed_ttl), gold)
    s, c = report["summary"], report["counts"]
    assert c["entities_found"] == c["entities"] == 11, report["entities"]
    assert s["entities_fragmented"] == 0, report["entities"]
    assert s["excluded_entities_present"] == 0, report["excluded_found"]
    assert c["relations_found"] >= 11, [r for r in report["relations"] if not r["found"]]
    assert s["forbidden_edges"] == 0, report["forbidden"]
    assert s["statement_recall"] == 1.0


def test_build_is_deterministic(seed_ttl, tmp_path):
    again = tmp_path / "again.ttl"
    assert kg("build", SEED, "-o", again).returncode == 0
    assert again.read_bytes() == seed_ttl.read_bytes()


def test_turtle_contract(seed_ttl):
    g = Graph().parse(seed_ttl, format="turtle")
    kgo = "https://kg.example.org/ontology#"
    entities = set(g.subjects(RDF.type, None)) - set(g.subjects(RDF.type, RDF.Statement))
    for e in g.subjects(RDFS.label, None):
        assert len(list(g.objects(e, RDFS.label))) == 1
    statements = set(g.subjects(RDF.type, RDF.Statement))
    assert statements
    from rdflib import URIRef
    for st in statements:
        assert g.value(st, RDF.subject) is not None and g.value(st, RDF.predicate) is not None
        assert g.value(st, RDF.object) is not None
        assert g.value(st, URIRef(kgo + "polarity")) is not None
        assert g.value(st, URIRef(kgo + "modality")) is not None
        assert g.value(st, URIRef(kgo + "confidence")) is not None
    # a said statement carries its quote as a French literal
    said = [st for st in statements if str(g.value(st, RDF.predicate)).endswith("#said")]
    assert any(isinstance(g.value(st, RDF.object), Literal) and g.value(st, RDF.object).language == "fr" for st in said)
    assert entities


def test_evidence_offsets_point_into_the_original_file(seed_ttl):
    g = Graph().parse(seed_ttl, format="turtle")
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    from rdflib import URIRef
    original = SEED.read_text(encoding="utf-8")
    checked = 0
    for st in g.subjects(RDF.type, RDF.Statement):
        b = g.value(st, URIRef(nif + "beginIndex"))
        e = g.value(st, URIRef(nif + "endIndex"))
        anchor = g.value(st, URIRef(nif + "anchorOf"))
        assert b is not None and e is not None and anchor is not None
        b, e = int(b), int(e)
        assert 0 <= b < e <= len(original)
        # same text modulo the normalisation of apostrophes and spaces
        norm = lambda s: " ".join(s.replace("\u2019", "'").replace("\u00a0", " ").split())
        assert norm(original[b:e]) == norm(str(anchor))
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("name,content", [
    ("empty.txt", b""),
    ("blank.txt", b"   \n\n  "),
    ("binary.txt", bytes(range(256)) * 8),
    ("latin1.txt", "Le président a déclaré que la réunion était très utile.".encode("latin-1")),
    ("german.txt", "Der Bundeskanzler hat am Montag in Berlin erklärt, dass die Regierung die Steuern senken "
                   "wird und dass die Verhandlungen mit den Ländern weitergehen.".encode("utf-8")),
])
def test_bad_input_gives_one_error_line_and_no_output(tmp_path, name, content):
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out.ttl"
    run = kg("build", src, "-o", out)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = [l for l in run.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), run.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]  # no temporary file left either


def test_missing_input(tmp_path):
    run = kg("build", tmp_path / "nope.txt", "-o", tmp_path / "out.ttl")
    assert run.returncode != 0 and "Traceback" not in run.stderr


def test_unknown_output_format(tmp_path):
    run = kg("build", SEED, "-o", tmp_path / "out.xyz")
    assert run.returncode != 0 and "Traceback" not in run.stderr and ".ttl" in run.stderr
    assert not (tmp_path / "out.xyz").exists()


def test_min_confidence_filters_statements(seed_ttl, tmp_path):
    out = tmp_path / "sure.ttl"
    assert kg("build", SEED, "-o", out, "--min-confidence", "0.85").returncode == 0
    from rdflib import URIRef
    conf = URIRef("https://kg.example.org/ontology#confidence")
    all_conf = [float(o) for o in Graph().parse(seed_ttl).objects(None, conf)]
    kept = [float(o) for o in Graph().parse(out).objects(None, conf)]
    assert kept and len(kept) < len(all_conf)
    assert min(kept) >= 0.85

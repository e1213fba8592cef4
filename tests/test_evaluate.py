"""kg evaluate: the scoring rules of eval/score.py on in-memory graphs, PLOVER matching, and agreement
with the independent scripts on real builds."""
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from conftest import DATA, ROOT, SEED, SEED_GOLD
from kg.cli import main
from kg.errors import InputError
from kg.evaluate import (
    actor_matches, evaluate_records, format_report, norm, read_gold, record_graph, relation_codes,
    relation_matches, score_graph, score_plover,
)
from kg.ingest import parse_text
from kg.model import NEGATIVE, PLANNED, Entity, Provenance, Statement
from kg.pipeline import Extraction

spec = importlib.util.spec_from_file_location("score", DATA / "eval" / "score.py")
score_py = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score_py)

KGO = Namespace("https://kg.example.org/ontology#")
EX = Namespace("https://example.org/")


# -- building blocks ------------------------------------------------------------------------------------
def ent(label, *alts, type="Person", key=None):
    return Entity(key or label.replace(" ", "_"), label, type, frozenset((a, "fr") for a in alts))


def st(subject, relation, obj, **kw):
    return Statement(subject.replace(" ", "_"), relation, obj.replace(" ", "_") if obj else None,
                     Provenance("doc-1", "une phrase", 0, 10), **kw)


DOC = parse_text("Antony Blinken a rencontré Sergueï Lavrov à Vienne.", "doc.txt", lang="fr")
BLINKEN, LAVROV, VIENNA = ent("Antony Blinken", "M. Blinken"), ent("Sergei Lavrov"), ent("Vienna", type="Place")


def graph(entities, statements):
    return record_graph(DOC, entities, statements)


def gold(relations=(), **kw):
    return {"id": "x", "lang": "fr", "text": "t",
            "entities": [{"name": "Antony Blinken", "aliases": ["Blinken"]}, {"name": "Sergei Lavrov", "aliases": []}],
            "relations": list(relations), **kw}


MET = {"source": "Antony Blinken", "relation": "met", "target": "Sergei Lavrov", "symmetric": True}


# -- articles: score.py's rules --------------------------------------------------------------------------
def test_norm_drops_articles_honorifics_accents():
    assert norm("M. Lavrov") == "lavrov"
    assert norm("l'OTAN") == "otan"
    assert norm("Sergueï  Lavrov.") == "serguei lavrov"


@pytest.mark.parametrize("subject,obj,symmetric,found", [
    ("Antony Blinken", "Sergei Lavrov", False, True),
    ("Sergei Lavrov", "Antony Blinken", True, True),
    ("Sergei Lavrov", "Antony Blinken", False, False),
])
def test_relation_direction_and_symmetry(subject, obj, symmetric, found):
    rep = score_graph(graph([BLINKEN, LAVROV], [st(subject, "met", obj)]), gold([dict(MET, symmetric=symmetric)]))
    assert rep["counts"]["relations_found"] == found
    # an edge the wrong way round for an asymmetric relation is wrong
    assert rep["counts"]["edges_wrong"] == (0 if found else 1)


def test_alternatives_count():
    rel = {"source": "Antony Blinken", "relation": "criticised", "target": "Sergei Lavrov",
           "alternatives": ["condemned"]}
    rep = score_graph(graph([BLINKEN, LAVROV], [st("Antony Blinken", "condemned", "Sergei Lavrov")]), gold([rel]))
    assert rep["counts"]["relations_found"] == 1 and rep["summary"]["relation_precision"] == 1.0
    rep = score_graph(graph([BLINKEN, LAVROV], [st("Antony Blinken", "accused", "Sergei Lavrov")]), gold([rel]))
    assert rep["counts"]["relations_found"] == 0 and rep["extra"] == ["Antony Blinken accused Sergei Lavrov"]


def test_optional_relations_neither_rewarded_nor_penalised():
    optional = [{"source": "Sergei Lavrov", "relation": "negotiated", "target": "Antony Blinken"}]
    statements = [st("Antony Blinken", "met", "Sergei Lavrov"), st("Antony Blinken", "negotiated", "Sergei Lavrov")]
    rep = score_graph(graph([BLINKEN, LAVROV], statements), gold([MET], optional_relations=optional))
    assert rep["counts"]["edges_among_gold"] == 1 and rep["counts"]["edges_wrong"] == 0
    rep = score_graph(graph([BLINKEN, LAVROV], statements), gold([MET]))
    assert rep["counts"]["edges_wrong"] == 1


def test_negated_statement_is_not_an_edge_but_planned_is():
    forbidden = [{"source": "Antony Blinken", "relation": "threatened", "target": "Sergei Lavrov"}]
    negated = st("Antony Blinken", "threatened", "Sergei Lavrov", polarity=NEGATIVE)
    rep = score_graph(graph([BLINKEN, LAVROV], [negated]), gold([], forbidden_relations=forbidden))
    assert rep["counts"]["forbidden"] == 0 and rep["summary"]["edges_total"] == 0
    positive = st("Antony Blinken", "threatened", "Sergei Lavrov")
    rep = score_graph(graph([BLINKEN, LAVROV], [positive]), gold([], forbidden_relations=forbidden))
    assert rep["forbidden"] == ["Antony Blinken threatened Sergei Lavrov"]
    planned = st("Antony Blinken", "met", "Sergei Lavrov", modality=PLANNED)
    assert score_graph(graph([BLINKEN, LAVROV], [planned]), gold([MET]))["counts"]["relations_found"] == 1


def test_negated_flag_on_a_hand_built_graph():
    g = Graph()
    for node, name in ((EX.a, "Antony Blinken"), (EX.b, "Sergei Lavrov")):
        g.add((node, RDFS.label, Literal(name)))
    g.add((EX.s, RDF.subject, EX.a))
    g.add((EX.s, RDF.predicate, KGO.met))
    g.add((EX.s, RDF.object, EX.b))
    g.add((EX.s, URIRef("https://example.org/negated"), Literal(True)))
    assert score_graph(g, gold([MET]))["counts"]["relations_found"] == 0
    g.add((EX.b, URIRef("https://example.org/hasMet"), EX.a))  # a direct triple, any vocabulary
    rel = dict(MET, relation="has_met")
    assert score_graph(g, gold([rel]))["counts"]["relations_found"] == 1


def test_split_entity_is_counted_once_and_found():
    split = [ent("Blinken", key="b1"), ent("Tony Blinken", key="b2"), LAVROV]
    g = gold([MET])
    g["entities"][0]["aliases"] = ["Blinken", "Tony Blinken"]
    rep = score_graph(graph(split, [st("b1", "met", "Sergei Lavrov")]), g)
    assert rep["counts"]["entities_found"] == 2 and rep["fragmented"] == ["Antony Blinken"]
    assert rep["counts"]["fragmented"] == 1 and rep["counts"]["relations_found"] == 1
    # the primary name wins over aliases: one node with the full name is not a split
    rep = score_graph(graph([BLINKEN, ent("Blinken", key="b1"), LAVROV], []), gold())
    assert rep["counts"]["fragmented"] == 0


def test_entity_precision_counts_gold_optional_and_alias_nodes():
    nodes = [BLINKEN, LAVROV, VIENNA, ent("Paris", type="Place"), ent("Blinken", key="b1")]
    rep = score_graph(graph(nodes, []), gold(optional_entities=[{"name": "Vienna"}]))
    c = rep["counts"]
    assert (c["entity_nodes"], c["entity_nodes_matched"]) == (5, 4)
    assert rep["unmatched_nodes"] == ["Paris"]
    assert rep["summary"]["entity_precision"] == pytest.approx(0.8)


def test_statements_and_excluded():
    quote = st("Antony Blinken", "said", None, quote="Nous avons parlé.", lang="fr")
    g = gold(statements=[{"speaker": "Antony Blinken"}, {"speaker": "Sergei Lavrov"}], excluded_entities=["Vienne"])
    rep = score_graph(graph([BLINKEN, LAVROV, ent("Vienne", key="v")], [quote]), g)
    assert rep["counts"]["statements_found"] == 1
    assert rep["excluded_found"] == ["vienne"]


def test_in_memory_scores_agree_with_score_py(tmp_path):
    from kg.export import serialize

    statements = [st("Sergei Lavrov", "met", "Antony Blinken"), st("Antony Blinken", "accused", "Sergei Lavrov"),
                  st("Antony Blinken", "visited", "Vienna"),
                  st("Antony Blinken", "threatened", "Sergei Lavrov", polarity=NEGATIVE),
                  st("Antony Blinken", "said", None, quote="Oui.")]
    g = graph([BLINKEN, LAVROV, VIENNA, ent("Blinken", key="b1")], statements)
    record = gold([MET, {"source": "Antony Blinken", "relation": "visited", "target": "Vienna"}],
                  optional_entities=[{"name": "Vienna"}], statements=[{"speaker": "Antony Blinken"}],
                  forbidden_relations=[{"source": "Antony Blinken", "relation": "threatened",
                                        "target": "Sergei Lavrov"}])
    path = tmp_path / "g.ttl"
    path.write_bytes(serialize(g))
    theirs = score_py.score(str(path), record)
    ours = score_graph(g, record)
    for key, value in theirs["counts"].items():
        assert ours["counts"][key] == value, key
    assert ours["counts"]["forbidden"] == theirs["summary"]["forbidden_edges"]
    assert ours["counts"]["fragmented"] == theirs["summary"]["entities_fragmented"]


def _extraction(text, lang, entities, statements, source="d.txt"):
    return Extraction(parse_text(text, source, lang=lang), tuple(entities), tuple(statements))


def test_totals_are_micro_averaged_per_language():
    records = [gold([MET], id="a", lang="fr"), gold([MET, dict(MET, relation="negotiated")], id="b", lang="en")]
    extractions = [
        _extraction("Blinken a vu Lavrov.", "fr", [BLINKEN, LAVROV], [st("Antony Blinken", "met", "Sergei Lavrov")]),
        _extraction("Blinken met Lavrov.", "en", [BLINKEN], []),
    ]
    report = evaluate_records(records, extractions)
    art = report["articles"]
    assert report["plover"] is None and report["records"] == 2
    assert art["counts"]["relations"] == 3 and art["counts"]["relations_found"] == 1
    assert art["total"]["relation_recall"] == pytest.approx(1 / 3)
    assert art["total"]["entity_recall"] == pytest.approx(3 / 4)
    assert art["by_language"]["fr"]["relation_recall"] == 1.0 and art["by_language"]["en"]["relation_recall"] == 0.0
    assert art["by_label"]["met"] == {"gold": 2, "found": 1, "predicted": 1, "wrong": 0, "recall": 0.5,
                                      "precision": 1.0, "f1": pytest.approx(2 / 3)}
    text = format_report(report, by_label=True, verbose=True)
    assert "missing    Antony Blinken met Sergei Lavrov" in text and "negotiated" in text
    json.dumps(report)


# -- PLOVER ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("actor,names,expected", [
    ("Senior Hungarian officials", ["Hungary"], True),   # nationality adjective
    ("Hungarian", ["Hungary"], True),
    ("South Korean army officers", ["South Korea"], True),  # a nationality of two words
    ("South Korean army officers", ["North Korea"], False),
    ("the United States", ["United States"], True),      # containment
    ("United States", ["the United States of America", "United States"], True),
    ("President Bush", ["George W. Bush"], True),        # head word
    ("Israel's high court", ["Israel"], True),
    ("Sécurité Générale", ["Securite Generale"], True),  # accents
    ("Russia", ["Belarus"], False),
    ("Senior Hungarian officials", ["Romania"], False),
    ("Prime Minister", ["Minsk"], False),
    (None, ["anything"], True),
])
def test_actor_matching(actor, names, expected):
    assert actor_matches(actor, names) is expected


def test_relation_codes_come_from_the_ontology():
    codes = relation_codes()
    assert (codes["met"].cameo, codes["met"].plover) == ("040", "CONSULT")
    assert codes["role_in"].cameo is None and codes["said"].plover is None


@pytest.mark.parametrize("relation,root,event,expected", [
    ("met", "04", "CONSULT", True),
    ("visited", "04", None, True),
    ("agreed", "03", "AGREE", True),
    ("threatened", "13", "THREATEN", True),
    ("warned", "13", None, True),
    ("criticised", "11", "DISAPPROVE", True),
    ("accused", None, "DISAPPROVE", True),     # old PLOVER name, mapped to ACCUSE
    ("attacked", "19", "FIGHT", True),         # CAMEO 190
    ("attacked", "18", "ASSAULT", True),       # PLOVER category
    ("attacked", "18", None, False),
    ("met", "03", "AGREE", False),
    ("called_for", "10", "DEMAND", False),
    ("role_in", "04", "CONSULT", False),
])
def test_cameo_root_and_plover_category(relation, root, event, expected):
    assert relation_matches(relation, root, event) is expected


def _plover(*triples):
    return {"id": "p", "lang": "en", "text": "A sentence.", "expected": [
        {"source": s, "target": t, "cameo_root": root, "plover_event": ev, "relation_category": cat, "symmetric": sym}
        for s, t, root, ev, cat, sym in triples]}


HUNGARY, ROMANIA = ent("Hungary", type="Place"), ent("Romania", type="Place")
US, JORDAN = ent("United States", "US", type="Place"), ent("Jordan", type="Place")


def test_plover_triples_found_either_way_when_symmetric():
    record = _plover(("Senior Hungarian officials", "Romanian officials", "03", "AGREE", "intent to cooperate", True),
                     ("the United States", "Jordan", "11", "DISAPPROVE", "disapprove", False))
    statements = [st("Romania", "agreed", "Hungary"), st("Jordan", "accused", "United States"),
                  st("Hungary", "role_in", "Romania"), st("Hungary", "met", "Jordan", polarity=NEGATIVE)]
    rep = score_plover(record, [HUNGARY, ROMANIA, US, JORDAN], statements)
    assert [t["found"] for t in rep["triples"]] == [True, False]
    # precision over event statements: role_in and negated ones are left out
    assert rep["counts"] == {"triples": 2, "triples_found": 1, "events": 2, "events_correct": 1}
    assert rep["extra"] == ["Jordan accused United States"]


def test_plover_negated_statement_does_not_find_and_missing_target_is_a_wildcard():
    record = _plover(("United States", None, "12", "REJECT", "reject", False))
    assert not score_plover(record, [US, JORDAN], [st("United States", "rejected", "Jordan", polarity=NEGATIVE)])[
        "triples"][0]["found"]
    assert score_plover(record, [US, JORDAN], [st("United States", "rejected", "Jordan", modality=PLANNED)])[
        "triples"][0]["found"]


def test_plover_report_by_category():
    records = [_plover(("Hungary", "Romania", "03", "AGREE", "intent to cooperate", True),
                       ("Hungary", "Romania", "13", "THREATEN", "threaten/warn", False))]
    extractions = [_extraction("Hungary agreed with Romania.", "en", [HUNGARY, ROMANIA],
                               [st("Hungary", "agreed", "Romania")])]
    report = evaluate_records(records, extractions)
    plo = report["plover"]
    assert report["articles"] is None
    assert plo["by_category"]["03 intent to cooperate"] == {"triples": 1, "found": 1, "recall": 1.0}
    assert plo["by_category"]["13 threaten/warn"]["recall"] == 0.0
    assert plo["total"]["recall"] == 0.5 and plo["total"]["precision"] == 1.0
    text = format_report(report, verbose=True)
    assert "missing    Hungary THREATEN Romania" in text and "A sentence." in text


# -- reading gold files ----------------------------------------------------------------------------------
def test_read_gold_formats():
    ids = [r["id"] for r in read_gold(DATA / "wikinews-dev.jsonl")]
    assert ids[:2] == ["wikinews-fr-44532", "wikinews-fr-45070"]
    assert len(read_gold(DATA / "plover-gsr-dev.jsonl")) == 161
    seed = read_gold(SEED_GOLD)
    assert len(seed) == 1 and seed[0]["text"] == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("content,message", [
    ('{"id": "a", "text": "x", "entities": [], "relations": []}\n{oops\n', "line 2: not valid JSON"),
    ('{"id": "a", "text": "x"}\n', "not a gold record"),
    ('{"id": "a", "entities": [], "relations": []}\n', "no 'text'"),
    ('{"id": "a", "text": "x", "entities": [{"nom": "A"}], "relations": []}\n', "entities[0]"),
    ('[1, 2]', "expected a JSON object"),
    ('', "is empty"),
])
def test_bad_gold_file(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        read_gold(path)


def test_cli_bad_file_is_one_error_line(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "missing.jsonl")]) == InputError.exit_code
    err = capsys.readouterr().err
    assert err.startswith("kg: error: gold file") and "does not exist" in err and err.count("\n") == 1


# -- against the independent scripts (models needed) ----------------------------------------------------
KG = shutil.which("kg", path=str(Path(sys.executable).parent)) or str(Path(sys.executable).parent / "kg")


def run(*args):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.model
def test_seed_agrees_with_score_py(tmp_path):
    out = tmp_path / "seed.ttl"
    run(KG, "build", SEED, "-o", out)
    theirs = score_py.score(str(out), json.loads(SEED_GOLD.read_text(encoding="utf-8")))["summary"]
    ours = json.loads(run(KG, "evaluate", SEED_GOLD, "--json"))["articles"]["total"]
    assert round(ours["entity_recall"], 3) == theirs["entity_recall"]
    assert round(ours["relation_recall"], 3) == theirs["relation_recall"]
    assert round(ours["relation_precision"], 3) == theirs["relation_precision_among_gold_entities"]
    assert ours["forbidden"] == theirs["forbidden_edges"] and ours["fragmented"] == theirs["entities_fragmented"]


@pytest.mark.model
def test_wikinews_dev_agrees_with_run_jsonl():
    gold_file = DATA / "wikinews-dev.jsonl"
    theirs = run(sys.executable, DATA / "eval" / "run_jsonl.py", gold_file, "--kg", KG)
    total = dict(re.findall(r"(\w+)=([\d.]+)", theirs.splitlines()[-1]))
    per_label = dict(re.findall(r"(\w+) (\d+/\d+)", theirs.splitlines()[-2].split(":", 1)[1]))
    report = json.loads(run(KG, "evaluate", gold_file, "--json"))
    ours = report["articles"]
    assert total["build_failures"] == "0"
    for key in ("entity_recall", "relation_recall", "relation_precision", "relation_f1", "statement_recall"):
        assert f'{ours["total"][key]:.3f}' == total[key], key
    for key in ("forbidden", "excluded", "fragmented"):
        assert str(ours["total"][key]) == total[key], key
    assert {k: f'{v["found"]}/{v["gold"]}' for k, v in ours["by_label"].items() if v["gold"]} == per_label
    assert set(ours["by_language"]) == {"fr", "en"}

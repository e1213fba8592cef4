"""A SPARQL 1.1 Protocol endpoint over a kg store, on the standard library's HTTP server.

``/sparql`` answers queries sent by GET (``?query=``), by URL-encoded POST (``query=``) or as a POST body of
type ``application/sparql-query``; the result format follows the ``Accept`` header (JSON, XML, CSV, TSV
for SELECT and ASK; Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT and DESCRIBE). Updates
(``update=`` or ``application/sparql-update``) are refused unless the server was made writable with a
token, and then need ``Authorization: Bearer TOKEN``. ``/`` is a small HTML page to type a query.

Every query runs in a child process forked for it (:class:`~kg.sparql.ForkedQuery`), which sees the store
as it is and writes its answer as it reads it, at most ``max_rows`` rows; the child is killed when the
query passes ``timeout`` seconds or the client goes away, and when it crashes the server answers 500 and
goes on. SERVICE and LOAD fetch nothing unless their URL is under an allow-list prefix. A fixed pool of
``workers`` threads answers the connections, each with a socket timeout; request bodies need a valid
Content-Length; the Host header must name this server (DNS rebinding).

:func:`make_server` builds the server (tests run it in a thread on port 0); :func:`serve` runs it until
interrupted.
"""
from __future__ import annotations

import functools
import hmac
import html
import ipaddress
import queue
import socket
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Callable, Sequence

import pyoxigraph as ox

from .errors import KGError, QueryError, StoreError
from .sparql import (GRAPH_FORMATS, MAX_DEPTH, MAX_QUERY_SIZE, QUERY_PREFIXES, RESULT_FORMATS, ForkedQuery,
                     QueryCancelled, QueryCrashed, QueryTimeout, check_allow_list, check_query, evaluate,
                     run_update, write_result)

__all__ = ["MAX_BODY", "TIMEOUT", "MAX_ROWS", "MAX_MEMORY", "WORKERS", "IO_TIMEOUT", "negotiate", "make_server",
           "serve"]

#: the largest request body accepted, in bytes
MAX_BODY = 16 * 1024 * 1024
#: seconds a query may run before it is stopped
TIMEOUT = 30.0
#: rows (or triples) an answer may hold; more are cut and the answer says so
MAX_ROWS = 10_000
#: requests answered at once (threads; each query also has its own process)
WORKERS = 8
#: megabytes of memory a query process may use beyond the server's own
MAX_MEMORY = 1024
#: seconds a connection may stay silent (reading a request) or blocked (writing an answer)
IO_TIMEOUT = 15.0
#: connections the kernel queues while every worker is busy
BACKLOG = 128

# media types clients send that mean one of ours
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "text/javascript": "application/sparql-results+json",
    "application/javascript": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/x-json+ld": "application/ld+json",
}
_GRAPH_ALIASES = {"application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml",
                  "application/json": "application/ld+json"}
# the ?format= / ?output= values some clients send instead of an Accept header
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                 "nt": "nt", "ntriples": "nt", "rdfxml": "xml", "json-ld": "json-ld", "jsonld": "json-ld"}


def _accepted(header: str) -> list[tuple[float, int, str]]:
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((q, -i, fields[0].lower()))
    return sorted(out, reverse=True)


def negotiate(accept: str | None, kind: str) -> str | None:
    """The format name (a key of :data:`~kg.sparql.RESULT_FORMATS` or :data:`~kg.sparql.GRAPH_FORMATS`)
    that best fits an ``Accept`` header for a result of ``kind``; None when nothing acceptable is offered.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", "solutions")
    'json'
    >>> negotiate("application/json", "graph")
    'json-ld'
    """
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    by_type = {media: name for name, (media, _) in table.items()}
    default = "turtle" if kind == "graph" else "json"
    if not accept:
        return default
    for q, _, media in _accepted(accept):
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            return default
        media = (_GRAPH_ALIASES.get(media) if kind == "graph" else None) or _ALIASES.get(media, media)
        if media in by_type:
            return by_type[media]
    return None


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:60em}}textarea{{width:100%;font-family:monospace}}</style>
</head><body>
<h1>kg SPARQL endpoint</h1>
<p>{mode}. Queries run over the union of the store's graphs; these prefixes need no declaration:
<code>{prefixes}</code>.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="14">{example}</textarea>
<p><label>Results as <select name="format">
<option value="json">JSON</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT, DESCRIBE)</option>
</select></label> <button type="submit">Run query</button></p>
</form>
</body></html>
"""
_EXAMPLE = """SELECT ?who ?relation ?whom WHERE {
  ?st rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b ; kgo:polarity kgo:Positive .
  ?a rdfs:label ?who . ?b rdfs:label ?whom .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}
ORDER BY ?who ?relation
LIMIT 50"""


@dataclass(frozen=True)
class _Options:
    token: str | None
    log: Callable[[str], None] | None
    timeout: float | None
    max_memory: int | None  # megabytes
    max_rows: int | None
    max_depth: int | None
    max_query_size: int | None
    allow_service: tuple[str, ...]
    allow_load: tuple[str, ...]
    hosts: frozenset[str] | None  # names the Host header may give besides IP addresses; None: any


class _Refusal(Exception):
    """A request this endpoint answers with an error status (in the query's child process)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _choose_format(kind: str, wanted: str | None, accept: str | None) -> tuple[str, str]:
    """The format name and media type of the answer, from ``?format=`` or else the Accept header."""
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if wanted:
        fmt = _FORMAT_PARAM.get(wanted.lower())
        if kind == "graph" and fmt in RESULT_FORMATS and fmt not in GRAPH_FORMATS:
            fmt = "turtle"
        if fmt not in table:
            raise _Refusal(HTTPStatus.BAD_REQUEST, f"format {wanted!r}; allowed: {', '.join(table)}")
    else:
        fmt = negotiate(accept, kind)
        if fmt is None:
            offered = ", ".join(media for media, _ in table.values())
            raise _Refusal(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer with {accept!r}; offered: {offered}")
    media = table[fmt][0]
    return fmt, media + ("" if media.endswith("+xml") or media == "application/rdf+xml" else "; charset=utf-8")


def _respond(sink, store: ox.Store, text: str, wanted: str | None, accept: str | None, o: _Options) -> None:
    """Answer one query into ``sink``: runs in the query's child process."""
    def plain(status: int, message: str) -> None:
        sink.header({"status": int(status), "type": "text/plain; charset=utf-8"})
        sink.write((message + "\n").encode("utf-8"))
        sink.end()

    try:
        check_query(text, max_depth=o.max_depth, max_size=o.max_query_size, allow_service=o.allow_service)
        result = evaluate(store, text, max_rows=o.max_rows)
        fmt, media = _choose_format(result.kind, wanted, accept)
    except QueryError as e:
        return plain(HTTPStatus.BAD_REQUEST, str(e))
    except _Refusal as e:
        return plain(e.status, str(e))
    headers = {}
    if result.kind != "boolean" and o.max_rows is not None:
        headers = {"X-KG-Max-Rows": str(o.max_rows), "Trailer": "X-KG-Truncated"}
    sink.header({"status": 200, "type": media, "stream": True, "headers": headers})
    write_result(result, fmt, sink)
    items = result.triples if result.kind == "graph" else result.rows
    sink.end({"truncated": bool(getattr(items, "truncated", False))})


def _host_name(value: str) -> str:
    """The host name of a Host header value, without port, trailing dot or IPv6 brackets, lower case."""
    value = value.strip()
    if value.startswith("["):
        name = value[1:value.find("]")] if "]" in value else value
    else:
        name = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    return name.rstrip(".").lower()


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"
    server: _Server

    def version_string(self) -> str:
        return self.server_version  # not the Python version

    def setup(self) -> None:
        self.timeout = self.server.io_timeout  # StreamRequestHandler sets it on the socket
        super().setup()

    # -- plumbing --
    def _headers(self, status: int, content_type: str, extra: dict | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self._headers(status, content_type, {"Content-Length": str(len(body)), **(extra or {})})
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict | None = None, *, close: bool = False) -> None:
        if close:
            self.close_connection = True
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def log_message(self, fmt, *args):
        log = self.server.options.log
        if log:
            log(f"{self.address_string()} {fmt % args}")

    def parse_request(self) -> bool:
        self._checked = False
        if not super().parse_request():
            return False
        return self._checked or (self._host_ok() and self._framing_ok())

    def handle_expect_100(self) -> bool:
        # called by parse_request: check before inviting the client to send its body
        if not (self._host_ok() and self._framing_ok()):
            return False
        self._checked = True
        return super().handle_expect_100()

    def _host_ok(self) -> bool:
        values = self.headers.get_all("Host") or []
        if not values:
            if self.request_version == "HTTP/1.1":
                self._error(HTTPStatus.BAD_REQUEST, "an HTTP/1.1 request needs a Host header", close=True)
                return False
            return True
        name = _host_name(values[0])
        allowed = self.server.options.hosts
        if len(values) > 1 or not name:
            self._error(HTTPStatus.BAD_REQUEST, "one Host header with a host name is needed", close=True)
            return False
        if allowed is None or name in allowed:
            return True
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            pass
        self._error(HTTPStatus.FORBIDDEN,
                    f"host {name!r} is not a name of this server; allowed: IP addresses, "
                    f"{', '.join(sorted(allowed))} (add one with --allow-host NAME)", close=True)
        return False

    def _framing_ok(self) -> bool:
        if self.headers.get("Transfer-Encoding") is not None:
            self._error(HTTPStatus.LENGTH_REQUIRED, "request bodies must come with a Content-Length, not in chunks",
                        close=True)
            return False
        lengths = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if len(lengths) > 1 or any(not (v.isascii() and v.isdigit()) for v in lengths):
            self._error(HTTPStatus.BAD_REQUEST, f"Content-Length {', '.join(sorted(lengths))}: one number of "
                                                f"bytes is allowed", close=True)
            return False
        if self.command == "POST" and not lengths:
            self._error(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length", close=True)
            return False
        if self.command != "POST" and lengths and int(lengths.pop()) > 0:
            self.close_connection = True  # a body this endpoint does not read: no more requests here
        return True

    def _body(self) -> bytes | None:
        length = int(self.headers["Content-Length"])
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body of {length} bytes; at most {MAX_BODY}",
                        close=True)
            return None
        body = self.rfile.read(length)
        if len(body) < length:
            self._error(HTTPStatus.BAD_REQUEST, f"request body of {len(body)} bytes; Content-Length said {length}",
                        close=True)
            return None
        return body

    # -- routes --
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            mode = ("Writable: updates need the bearer token" if self.server.options.token else "Read-only")
            page = _PAGE.format(mode=mode, example=html.escape(_EXAMPLE),
                                prefixes=html.escape(" ".join(f"{p}:" for p in sorted(QUERY_PREFIXES))))
            return self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")
        if url.path != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, f"no such path {url.path!r}; the endpoint is /sparql")
        if "update" in params:
            return self._error(HTTPStatus.METHOD_NOT_ALLOWED, "updates must be sent by POST", {"Allow": "POST"})
        if "query" not in params:
            return self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
        self._query(params["query"][0], params)

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True  # its body stays unread
            return self._error(HTTPStatus.NOT_FOUND, f"no such path {url.path!r}; the endpoint is /sparql")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        body = self._body()
        if body is None:
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "request body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(text, keep_blank_values=True))
            if "query" in params:
                return self._query(params["query"][0], params)
            if "update" in params:
                return self._update(params["update"][0])
            return self._error(HTTPStatus.BAD_REQUEST, "missing 'query' or 'update' field")
        if ctype == "application/sparql-query":
            return self._query(text, params)
        if ctype == "application/sparql-update":
            return self._update(text)
        self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    f"content type {ctype or 'none'!r}; allowed: application/x-www-form-urlencoded, "
                    f"application/sparql-query, application/sparql-update")

    def _query(self, text: str, params: dict) -> None:
        o = self.server.options
        wanted = (params.get("format") or params.get("output") or [None])[0]
        work = functools.partial(_respond, store=self.server.store, text=text, wanted=wanted,
                                 accept=self.headers.get("Accept"), o=o)
        chunked = self.request_version == "HTTP/1.1"
        started = False  # once the status line is out, an error can only cut the answer short
        buffered: list[bytes] | None = None
        extra: dict = {}
        with self.server.job(work) as job:
            try:
                for kind, value in job.events(watch=self.connection):
                    if kind == "header":
                        if not value.get("stream"):
                            buffered, head = [], value
                            continue
                        if not chunked:
                            self.close_connection = True  # HTTP/1.0: the end of the answer is the end of the data
                        extra = dict(value.get("headers") or {})
                        if chunked:
                            extra["Transfer-Encoding"] = "chunked"
                        else:
                            extra.pop("Trailer", None)
                        self._headers(value["status"], value["type"], extra)
                        self.end_headers()
                        started = True
                        if self.command == "HEAD":
                            return
                    elif kind == "data":
                        if buffered is not None:
                            buffered.append(value)
                        elif chunked:
                            self.wfile.write(b"%X\r\n%s\r\n" % (len(value), value))
                        else:
                            self.wfile.write(value)
                    elif buffered is not None:  # the end of a short answer (an error message)
                        self._send(head["status"], b"".join(buffered), head["type"])
                    elif chunked:
                        trailer = (f"X-KG-Truncated: {'true' if value.get('truncated') else 'false'}\r\n"
                                   if "Trailer" in extra else "")
                        self.wfile.write(f"0\r\n{trailer}\r\n".encode("ascii"))
            except QueryCancelled:
                self.close_connection = True
            except (QueryTimeout, QueryCrashed, KGError) as e:
                status = (HTTPStatus.SERVICE_UNAVAILABLE if isinstance(e, QueryTimeout) else
                          HTTPStatus.INTERNAL_SERVER_ERROR if isinstance(e, QueryCrashed) else HTTPStatus.BAD_REQUEST)
                if started:
                    self.close_connection = True  # no last chunk: the client sees an incomplete answer
                    self.log_message("query stopped after its answer began: %s", e)
                else:
                    self._error(status, str(e))
            except OSError:  # the client stopped reading, or its socket timed out
                self.close_connection = True

    def _update(self, text: str) -> None:
        o = self.server.options
        if not o.token:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only; start it with --writable and "
                                                     "a token to accept updates")
        auth = self.headers.get("Authorization") or ""
        given = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        if not hmac.compare_digest(given.encode(), o.token.encode()):
            return self._error(HTTPStatus.UNAUTHORIZED, "updates need 'Authorization: Bearer TOKEN'",
                               {"WWW-Authenticate": 'Bearer realm="kg"'})
        try:
            check_query(text, max_depth=o.max_depth, max_size=None, allow_service=o.allow_service,
                        allow_load=o.allow_load, update=True)
            with self.server.lock:  # no query forks a half-done update
                run_update(self.server.store, text, max_depth=None)
        except QueryError as e:
            return self._error(HTTPStatus.BAD_REQUEST, str(e))
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")


class _Server(HTTPServer):
    """An HTTP server whose connections are answered by a fixed pool of threads.

    The accept loop waits for a free worker, so extra connections wait in the kernel's listen queue
    (``request_queue_size``) instead of each getting a thread.
    """

    request_queue_size = BACKLOG

    def __init__(self, address, store: ox.Store, options: _Options, *, workers: int, io_timeout: float | None):
        self.store, self.options, self.io_timeout = store, options, io_timeout
        self.lock = threading.Lock()  # held by updates, and by each fork
        self._slots = threading.Semaphore(workers)
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._closing = False
        self._mutex = threading.Lock()
        self._jobs: set[ForkedQuery] = set()
        self._connections: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        super().__init__(address, _Handler)  # closes the server when it cannot bind
        self._threads = [threading.Thread(target=self._work, name=f"kg-serve-{i}", daemon=True)
                         for i in range(workers)]
        for t in self._threads:
            t.start()

    @property
    def active_queries(self) -> int:
        """How many query processes run now."""
        with self._mutex:
            return len(self._jobs)

    def job(self, work) -> ForkedQuery:
        """A child process running ``work`` (see :class:`~kg.sparql.ForkedQuery`), stopped with the server."""
        memory = None if self.options.max_memory is None else self.options.max_memory * 2**20
        job = _TrackedQuery(self, work, timeout=self.options.timeout, lock=self.lock, memory=memory)
        with self._mutex:
            self._jobs.add(job)
        return job

    def _forget(self, job: ForkedQuery) -> None:
        with self._mutex:
            self._jobs.discard(job)

    def process_request(self, request, client_address) -> None:
        while not self._slots.acquire(timeout=0.5):
            if self._closing:
                self.shutdown_request(request)
                return
        self._queue.put((request, client_address))

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            request, client_address = item
            with self._mutex:
                self._connections.add(request)
            try:
                if not self._closing:
                    self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 - one failed connection must not stop the worker
                self.handle_error(request, client_address)
            finally:
                with self._mutex:
                    self._connections.discard(request)
                self.shutdown_request(request)
                self._slots.release()

    def handle_error(self, request, client_address) -> None:
        e = sys.exc_info()[1]
        if isinstance(e, (ConnectionError, TimeoutError)):
            return
        line = f"kg: error while answering {client_address[0]}: {type(e).__name__}: {e}"
        if self.options.log:
            self.options.log(line)
        else:
            print(line, file=sys.stderr)

    def shutdown(self) -> None:
        self._closing = True
        super().shutdown()

    def server_close(self) -> None:
        self._closing = True
        super().server_close()
        with self._mutex:
            jobs, connections = list(self._jobs), list(self._connections)
        for job in jobs:
            job.stop()
        for c in connections:
            try:
                c.shutdown(socket.SHUT_RDWR)  # wakes a worker waiting on its client
            except OSError:
                pass
        for _ in self._threads:
            self._queue.put(None)
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(5)


class _TrackedQuery(ForkedQuery):
    def __init__(self, server: _Server, work, **kw):
        self._server = server
        super().__init__(work, **kw)

    def stop(self) -> None:
        super().stop()
        self._server._forget(self)


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *, token: str | None = None,
                log: Callable[[str], None] | None = None, timeout: float | None = TIMEOUT,
                max_memory: int | None = MAX_MEMORY, max_rows: int | None = MAX_ROWS,
                max_depth: int | None = MAX_DEPTH, max_query_size: int | None = MAX_QUERY_SIZE,
                allow_service: Sequence[str] = (),
                allow_load: Sequence[str] = (), allow_hosts: Sequence[str] = (), workers: int = WORKERS,
                io_timeout: float | None = IO_TIMEOUT) -> HTTPServer:
    """An HTTP server answering SPARQL over ``store``; writable only when a ``token`` is given.

    Each query runs in its own process for at most ``timeout`` seconds, with at most ``max_memory``
    megabytes more than the server's, and answers at most ``max_rows`` rows (None: no limit); queries
    longer than ``max_query_size`` characters or nesting brackets deeper than ``max_depth`` are refused
    before parsing. SERVICE and LOAD may only fetch URLs under a prefix of
    ``allow_service`` / ``allow_load``. The Host header must be an IP address, ``localhost``, ``host`` or
    one of ``allow_hosts`` (``"*"``: any). ``workers`` threads answer the connections; a silent connection
    is closed after ``io_timeout`` seconds. ``log`` receives one line per request.

    Raises :class:`~kg.errors.StoreError` when the address cannot be bound or an option is invalid.
    """
    if token is not None and len(token) < 8:
        raise StoreError("the update token must have at least 8 characters")
    if workers < 1:
        raise StoreError(f"workers must be at least 1, found {workers}")
    for name, value in (("timeout", timeout), ("io_timeout", io_timeout)):
        if value is not None and value <= 0:
            raise StoreError(f"{name} must be a positive number of seconds, found {value}")
    for name, value in (("max_memory", max_memory), ("max_rows", max_rows), ("max_depth", max_depth),
                        ("max_query_size", max_query_size)):
        if value is not None and value < 1:
            raise StoreError(f"{name} must be at least 1 (or None: no limit), found {value}")
    names = {h.rstrip(".").lower() for h in allow_hosts}
    hosts = None if "*" in names else frozenset(names | {"localhost", host.rstrip(".").lower()} - {""})
    options = _Options(token=token, log=log, timeout=timeout, max_memory=max_memory, max_rows=max_rows,
                       max_depth=max_depth,
                       max_query_size=max_query_size,
                       allow_service=check_allow_list(allow_service, "--allow-service"),
                       allow_load=check_allow_list(allow_load, "--allow-load"), hosts=hosts)
    try:
        return _Server((host, port), store, options, workers=workers, io_timeout=io_timeout)
    except OSError as e:
        raise StoreError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def serve(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *,
          ready: Callable[[str], None] | None = None, **options) -> None:
    """Run the endpoint until interrupted; ``options`` are those of :func:`make_server`."""
    server = make_server(store, host, port, **options)
    if ready:
        ready(f"http://{host}:{server.server_address[1]}/sparql")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a foreground server is meant to stop
    finally:
        server.server_close()

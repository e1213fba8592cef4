"""A SPARQL 1.1 Protocol endpoint over a kg store, on the standard library's HTTP server.

``/sparql`` answers queries sent by GET (``?query=``), by URL-encoded POST (``query=``) or as a POST body of
type ``application/sparql-query``; the result format follows the ``Accept`` header (JSON, XML, CSV, TSV
for SELECT and ASK; Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT and DESCRIBE). Updates
(``update=`` or ``application/sparql-update``) are refused unless the server was made writable with a
token, and then need ``Authorization: Bearer TOKEN``. ``/`` is a small HTML page to type a query.

:func:`make_server` builds the server (tests run it in a thread on port 0); :func:`serve` runs it until
interrupted.
"""
from __future__ import annotations

import hmac
import html
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pyoxigraph as ox

from .errors import KGError, QueryError, StoreError
from .sparql import GRAPH_FORMATS, QUERY_PREFIXES, RESULT_FORMATS, run_query, run_update, serialize_result

__all__ = ["MAX_BODY", "negotiate", "make_server", "serve"]

#: the largest request body accepted, in bytes
MAX_BODY = 16 * 1024 * 1024

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


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql/0.1"
    protocol_version = "HTTP/1.1"

    # set on the subclass by make_server
    store: ox.Store
    token: str | None
    lock: threading.Lock
    log: Callable[[str], None] | None

    # -- plumbing --
    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def log_message(self, fmt, *args):
        if self.log:
            self.log(f"{self.address_string()} {fmt % args}")

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body of {length} bytes; at most {MAX_BODY}")
            return None
        return self.rfile.read(length)

    # -- routes --
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            mode = ("Writable: updates need the bearer token" if self.token else "Read-only")
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
        try:
            result = run_query(self.store, text)
        except QueryError as e:
            return self._error(HTTPStatus.BAD_REQUEST, str(e))
        except KGError as e:
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e))
        wanted = (params.get("format") or params.get("output") or [None])[0]
        table = GRAPH_FORMATS if result.kind == "graph" else RESULT_FORMATS
        if wanted:
            fmt = _FORMAT_PARAM.get(wanted.lower())
            if result.kind == "graph" and fmt in RESULT_FORMATS and fmt not in GRAPH_FORMATS:
                fmt = "turtle"
            if fmt not in table:
                return self._error(HTTPStatus.BAD_REQUEST, f"format {wanted!r}; allowed: {', '.join(table)}")
        else:
            fmt = negotiate(self.headers.get("Accept"), result.kind)
            if fmt is None:
                offered = ", ".join(media for media, _ in table.values())
                return self._error(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer with {self.headers.get('Accept')!r}; "
                                                             f"offered: {offered}")
        media = table[fmt][0]
        charset = "" if media.endswith("+xml") or media == "application/rdf+xml" else "; charset=utf-8"
        self._send(HTTPStatus.OK, serialize_result(result, fmt), media + charset)

    def _update(self, text: str) -> None:
        if not self.token:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only; start it with --writable and "
                                                     "a token to accept updates")
        auth = self.headers.get("Authorization") or ""
        given = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return self._error(HTTPStatus.UNAUTHORIZED, "updates need 'Authorization: Bearer TOKEN'",
                               {"WWW-Authenticate": 'Bearer realm="kg"'})
        try:
            with self.lock:
                run_update(self.store, text)
        except QueryError as e:
            return self._error(HTTPStatus.BAD_REQUEST, str(e))
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *, token: str | None = None,
                log: Callable[[str], None] | None = None) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL over ``store``; writable only when a ``token`` is given.

    Raises :class:`~kg.errors.StoreError` when the address cannot be bound.
    """
    if token is not None and len(token) < 8:
        raise StoreError("the update token must have at least 8 characters")
    handler = type("Handler", (_Handler,), {"store": store, "token": token, "lock": threading.Lock(), "log": log})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as e:
        raise StoreError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    server.daemon_threads = True
    return server


def serve(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *, token: str | None = None,
          log: Callable[[str], None] | None = None, ready: Callable[[str], None] | None = None) -> None:
    """Run the endpoint until interrupted."""
    server = make_server(store, host, port, token=token, log=log)
    if ready:
        ready(f"http://{host}:{server.server_address[1]}/sparql")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a foreground server is meant to stop
    finally:
        server.server_close()

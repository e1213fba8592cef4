"""Send a kg store to a remote triple store, one named graph at a time.

Two protocols, chosen by the caller (the endpoint's documentation says which it speaks):

- ``update``: SPARQL 1.1 Update over the SPARQL 1.1 Protocol (an URL-encoded POST of ``update=``). The
  first batch of a graph is ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, the others
  ``INSERT DATA``;
- ``gsp``: the SPARQL 1.1 Graph Store HTTP Protocol. The first batch is a ``PUT ?graph=<g>``, the
  others ``POST ?graph=<g>``, as N-Triples.

Either way, pushing again replaces each graph instead of adding a copy, and every request is
idempotent, so a failed one is retried as it is (connection errors, timeouts, HTTP 408, 429 and 5xx,
with exponential back-off). Other HTTP errors stop the push at once with the server's message.

Authentication: HTTP Basic or Digest with a user and a password (answered when the endpoint asks), or a
bearer token sent with every request (``Authorization: Bearer TOKEN``, what ``kg serve --writable``
wants). An endpoint that asks for another scheme, or for one the given credentials cannot answer, is
one :class:`~kg.errors.PushError` naming the scheme it asked for and the option that answers it.
:func:`push` returns a :class:`PushReport`; :meth:`PushReport.format` is what ``kg push`` prints.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterator

import pyoxigraph as ox

from .errors import PushError

__all__ = ["PROTOCOLS", "GraphReport", "PushReport", "Endpoint", "graph_batches", "push"]

PROTOCOLS = ("update", "gsp")
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass
class GraphReport:
    """What was sent for one named graph; ``remote`` is the triple count the endpoint then reports."""

    graph: str
    triples: int = 0
    batches: int = 0
    remote: int | None = None


@dataclass
class PushReport:
    endpoint: str
    protocol: str
    graphs: list[GraphReport] = field(default_factory=list)
    retries: int = 0
    seconds: float = 0.0
    skipped_default: int = 0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def batches(self) -> int:
        return sum(g.batches for g in self.graphs)

    def format(self) -> str:
        lines = [f"kg push -> {self.endpoint} ({self.protocol}): {len(self.graphs)} graph(s) replaced, "
                 f"{self.triples} triples in {self.batches} batch(es), {self.retries} retry(ies), "
                 f"{self.seconds:.1f} s"]
        width = max([len(g.graph) for g in self.graphs] + [5])
        for g in self.graphs:
            check = ("remote count not checked" if g.remote is None else
                     f"remote: {g.remote}" + ("" if g.remote == g.triples else "  MISMATCH"))
            lines.append(f"  {g.graph.ljust(width)}  {g.triples:>7} triples  {g.batches:>3} batch(es)  {check}")
        if self.skipped_default:
            lines.append(f"  default graph: {self.skipped_default} triples not pushed (kg stores keep everything "
                         f"in named graphs)")
        return "\n".join(lines) + "\n"


#: authentication schemes kg push answers, and the options that give their credentials
_SCHEMES = {"basic": "--user and --password", "digest": "--user and --password", "bearer": "--token"}


def _challenges(headers) -> list[str]:
    """The schemes a 401 answer's ``WWW-Authenticate`` headers ask for, as sent ("Bearer", "Negotiate")."""
    schemes = []
    for value in (headers.get_all("WWW-Authenticate") or []) if headers is not None else []:
        for part in value.split(","):
            word = part.strip().split(" ", 1)[0]
            if word and "=" not in word and word not in schemes:
                schemes.append(word)
    return schemes


class _AskedBasic(urllib.request.HTTPBasicAuthHandler):
    """Basic authentication that answers only a Basic challenge: urllib's own raises a ValueError (a
    traceback) for a challenge in any other scheme; this one leaves the 401 to :meth:`Endpoint.request`."""

    scheme = "basic"

    def http_error_401(self, req, fp, code, msg, headers):
        if not any(s.lower() == self.scheme for s in _challenges(headers)):
            return None
        return super().http_error_401(req, fp, code, msg, headers)


class _AskedDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that answers only a Digest challenge (see :class:`_AskedBasic`)."""

    scheme = "digest"

    def http_error_401(self, req, fp, code, msg, headers):
        if not any(s.lower() == self.scheme for s in _challenges(headers)):
            return None
        return super().http_error_401(req, fp, code, msg, headers)


class Endpoint:
    """An HTTP endpoint with optional authentication (Basic or Digest with ``user`` and ``password``, or a
    bearer ``token``), retries and a timeout."""

    def __init__(self, url: str, *, user: str | None = None, password: str | None = None,
                 token: str | None = None, retries: int = 3, timeout: float = 60.0, backoff: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PushError(f"endpoint {url!r} is not an http(s) URL")
        if (user is None) != (password is None):
            raise PushError("give both --user and --password, or neither")
        if token is not None and user is not None:
            raise PushError("give either --token (bearer authentication) or --user and --password (Basic or "
                            "Digest), not both")
        if token is not None and (not token or any(c.isspace() or not c.isprintable() for c in token)):
            raise PushError("the token is empty or holds spaces or control characters; a bearer token is one word")
        self.url, self.retries, self.timeout, self.backoff, self.sleep = url, retries, timeout, backoff, sleep
        self.user, self.token = user, token
        handlers = []
        if user is not None:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, url, user, password)
            handlers = [_AskedBasic(mgr), _AskedDigest(mgr)]
        self.opener = urllib.request.build_opener(*handlers)
        self.retried = 0
        self.last_content_type = ""

    def _refused(self, method: str, e: urllib.error.HTTPError, detail: str) -> PushError:
        """The error for an HTTP refusal; a 401 says which scheme the endpoint wants and what answers it."""
        message = f"{method} {self.url} answered HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")
        if e.code != 401:
            return PushError(message)
        asked = _challenges(e.headers)
        given = "bearer" if self.token is not None else "basic" if self.user is not None else None
        known = [s for s in asked if s.lower() in _SCHEMES]
        if asked and not known:
            hint = (f"the endpoint asks for {' or '.join(asked)} authentication, which kg push does not "
                    f"support; it supports Basic and Digest (--user and --password) and Bearer (--token)")
        elif not asked:
            hint = "the endpoint refused the credentials" if given else "the endpoint needs credentials"
        elif given is None:
            hint = f"the endpoint asks for {known[0]} authentication: give {_SCHEMES[known[0].lower()]}"
        elif not any(_SCHEMES[s.lower()] == _SCHEMES[given] for s in known):
            hint = (f"the endpoint asks for {' or '.join(known)} authentication, not what was given: give "
                    f"{_SCHEMES[known[0].lower()]} instead")
        else:
            hint = ("the endpoint refused the token" if given == "bearer" else
                    "the endpoint refused the user name or password")
        return PushError(f"{message} ({hint})")

    def request(self, method: str, body: bytes | None, content_type: str | None = None, *,
                params: dict[str, str] | None = None, accept: str | None = None) -> bytes:
        url = self.url
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        headers = {}
        if self.token is not None:
            headers["Authorization"] = f"Bearer {self.token}"
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with self.opener.open(req, timeout=self.timeout) as resp:
                    self.last_content_type = resp.headers.get("Content-Type") or ""
                    return resp.read()
            except urllib.error.HTTPError as e:
                detail = " ".join(e.read(400).decode("utf-8", "replace").split())[:200]
                if e.code not in _RETRY_STATUS or attempt == self.retries:
                    raise self._refused(method, e, detail) from None
                reason = f"HTTP {e.code}"
            except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
                reason = str(getattr(e, "reason", e))
                if attempt == self.retries:
                    raise PushError(f"{self.url} cannot be reached after {self.retries + 1} attempt(s): "
                                    f"{reason}") from None
            self.retried += 1
            self.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")


def graph_batches(store: ox.Store, graph: str, batch_size: int) -> Iterator[list[str]]:
    """The N-Triples lines of one named graph, sorted, in batches of at most ``batch_size``."""
    lines = sorted(ox.serialize([ox.Triple(q.subject, q.predicate, q.object)], format=ox.RdfFormat.N_TRIPLES)
                   .decode("utf-8").rstrip("\n")
                   for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    for i in range(0, len(lines), batch_size):
        yield lines[i:i + batch_size]


def _update_batch(ep: Endpoint, graph: str, lines: list[str], first: bool) -> None:
    data = "\n".join(lines)
    text = (f"DROP SILENT GRAPH <{graph}> ;\n" if first else "") + f"INSERT DATA {{ GRAPH <{graph}> {{\n{data}\n}} }}"
    ep.request("POST", urllib.parse.urlencode({"update": text}).encode("utf-8"),
               "application/x-www-form-urlencoded; charset=utf-8")


def _gsp_batch(ep: Endpoint, graph: str, lines: list[str], first: bool) -> None:
    ep.request("PUT" if first else "POST", ("\n".join(lines) + "\n").encode("utf-8"),
               "application/n-triples; charset=utf-8", params={"graph": graph})


def _remote_count(ep: Endpoint, graph: str, protocol: str) -> int | None:
    """The number of triples the endpoint now holds in ``graph``: a COUNT query for ``update``, the graph
    itself fetched and parsed for ``gsp``. None when the endpoint does not say."""
    import json

    try:
        if protocol == "gsp":
            body = ep.request("GET", None, params={"graph": graph},
                              accept="application/n-triples, text/turtle;q=0.9")
            media = ep.last_content_type.split(";")[0].strip().lower()
            fmt = ox.RdfFormat.from_media_type(media) if media else None
            if fmt is None:
                return None
            return sum(1 for _ in ox.parse(body, format=fmt))
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        body = ep.request("GET", None, params={"query": q}, accept="application/sparql-results+json")
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    except (PushError, ValueError, KeyError, IndexError, SyntaxError):
        return None


def push(store: ox.Store, endpoint: Endpoint, *, protocol: str = "update", graphs: list[str] | None = None,
         batch_size: int = 1000, verify: bool = True,
         progress: Callable[[str], None] | None = None) -> PushReport:
    """Replace each named graph of ``store`` (or only ``graphs``) on ``endpoint``.

    Raises :class:`~kg.errors.PushError` for an unknown protocol or graph, and when the endpoint
    refuses a batch or cannot be reached after the retries; the graphs pushed before stay pushed.
    """
    if protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {protocol!r}; allowed: {', '.join(PROTOCOLS)}")
    if batch_size < 1:
        raise PushError(f"batch size must be at least 1, got {batch_size}")
    # the store's own bookkeeping graph (content hashes, build state) is no part of the knowledge graph
    present = sorted(g.value for g in store.named_graphs()
                     if isinstance(g, ox.NamedNode) and not g.value.endswith("graph/meta"))
    if graphs:
        missing = [g for g in graphs if g not in present]
        if missing:
            raise PushError(f"graph {missing[0]!r} is not in the store; it has: "
                            f"{', '.join(present) if present else 'no named graph'}")
        selected = list(graphs)
    else:
        selected = present
    if not selected:
        raise PushError("the store has no named graph to push")
    send = _update_batch if protocol == "update" else _gsp_batch
    started = time.monotonic()
    report = PushReport(endpoint.url, protocol)
    if not graphs:
        report.skipped_default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    for graph in selected:
        gr = GraphReport(graph)
        try:
            for lines in graph_batches(store, graph, batch_size):
                send(endpoint, graph, lines, first=gr.batches == 0)
                gr.batches += 1
                gr.triples += len(lines)
            if gr.batches == 0:  # an empty graph still replaces the remote one
                if protocol == "update":
                    endpoint.request("POST", urllib.parse.urlencode({"update": f"DROP SILENT GRAPH <{graph}>"})
                                     .encode(), "application/x-www-form-urlencoded; charset=utf-8")
                else:
                    endpoint.request("PUT", b"", "application/n-triples", params={"graph": graph})
        except PushError as e:
            done = len(report.graphs)
            raise PushError(f"graph <{graph}> failed at batch {gr.batches + 1} ({done} of {len(selected)} graph(s) "
                            f"pushed before it; this one is incomplete on the endpoint): {e}") from None
        if verify:
            gr.remote = _remote_count(endpoint, graph, protocol)
        report.graphs.append(gr)
        if progress:
            progress(graph)
    report.retries = endpoint.retried
    report.seconds = time.monotonic() - started
    return report

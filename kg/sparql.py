"""SPARQL over a kg store or an RDF file, and the rendering of its results.

:func:`run_query` evaluates a query (pure: a store in, a :class:`QueryResult` out); the ``format_*``
and :func:`serialize_result` functions render a result as an aligned table, as SPARQL 1.1 results
(JSON, XML, CSV, TSV) or, for CONSTRUCT and DESCRIBE, as RDF; :func:`write_result` writes a result as it
is read, at most ``max_rows`` of it. :func:`open_store` and :func:`load_data` are the I/O edges.

Untrusted queries are checked before pyoxigraph parses them (:func:`check_query`: size, bracket nesting,
SERVICE and LOAD) and run in a child process that can be stopped (:class:`ForkedQuery`): pyoxigraph's
parser overflows its stack on deeply nested or very long queries, and a query cannot be cancelled from
Python.

>>> store = load_data_text('<https://kg.example.org/entity/A> <https://kg.example.org/ontology#met> '
...                        '<https://kg.example.org/entity/B> .', "nt")
>>> print(format_table(run_query(store, "SELECT ?a ?b WHERE { ?a kgo:met ?b }")), end="")
a      b
-----  -----
ent:A  ent:B
(1 row)
"""
from __future__ import annotations

import ctypes
import gc
import heapq
import io
import json
import os
import pickle
import re
import select
import signal
import socket
import stat
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Sequence

import pyoxigraph as ox

try:
    import resource  # Unix
except ImportError:  # pragma: no cover - Windows, where queries do not run in a child process anyway
    resource = None

from . import errors
from .errors import InputError, KGError, QueryError, StoreError
from .export import DEFAULT_BASE_IRI, PREFIXES

__all__ = [
    "ENTITIES_GRAPH", "QUERY_PREFIXES", "RESULT_FORMATS", "GRAPH_FORMATS", "MAX_DEPTH", "MAX_QUERY_SIZE",
    "QueryResult", "QueryTimeout", "QueryCrashed", "QueryCancelled", "ForkedQuery", "open_store", "load_data",
    "load_data_text", "read_query", "check_query", "check_allow_list", "evaluate", "run_query",
    "run_query_in_child", "run_update",
    "format_table", "serialize_result", "write_result", "term_text", "document_graph",
]

#: prefixes every query may use without declaring them (the ones kg's exports bind)
QUERY_PREFIXES: dict[str, str] = {p: str(ns) for p, ns in PREFIXES.items()}
QUERY_PREFIXES.update({"ent": DEFAULT_BASE_IRI + "entity/", "st": DEFAULT_BASE_IRI + "statement/",
                       "doc": DEFAULT_BASE_IRI + "document/"})

#: the named graph of entity descriptions, and the prefix of per-document graphs (store contract)
ENTITIES_GRAPH = DEFAULT_BASE_IRI + "graph/entities"
DOCUMENT_GRAPH_PREFIX = DEFAULT_BASE_IRI + "graph/document/"

_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)

#: RDF file extensions -> pyoxigraph formats, for ``--data``
_DATA_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
                 ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
                 ".xml": ox.RdfFormat.RDF_XML}
_TEXT_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
                 "trig": ox.RdfFormat.TRIG}


def document_graph(doc_id: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The named graph of one document's statements: ``{base}graph/document/{percent-encoded id}``."""
    from urllib.parse import quote

    return base_iri + "graph/document/" + quote(doc_id, safe="")


# -- opening ------------------------------------------------------------------------------------------
def open_store(path: str | Path, read_only: bool = True) -> ox.Store:
    """Open a kg store directory (an on-disk pyoxigraph store) with :func:`kg.store.open_store`.

    Raises :class:`~kg.errors.StoreError` when ``path`` is not a store, instead of creating one.
    """
    from .store import open_store as _open

    return _open(path, read_only=read_only)


def load_data_text(text: str, fmt: str = "turtle") -> ox.Store:
    """An in-memory store holding RDF given as text (``turtle``, ``nt``, ``nq`` or ``trig``)."""
    store = ox.Store()
    try:
        store.load(text.encode("utf-8"), format=_TEXT_FORMATS[fmt])
    except SyntaxError as e:
        raise InputError(f"RDF data is not valid {fmt}: {e}") from None
    return store


def load_data(path: str | Path) -> ox.Store:
    """An in-memory store holding one RDF file; the syntax follows the extension (.ttl, .nt, .nq, .trig,
    .jsonld, .rdf). Triples go to the default graph, quads keep their graph."""
    p = Path(path)
    fmt = _DATA_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(f"{str(path)!r}: unknown RDF extension {p.suffix!r}; allowed: {', '.join(_DATA_FORMATS)}")
    if not p.is_file():
        raise InputError(f"RDF file {str(path)!r} does not exist")
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except (SyntaxError, ValueError) as e:
        raise InputError(f"{str(path)!r} is not valid {p.suffix[1:]}: {e}") from None
    return store


def read_query(query: str) -> str:
    """The query text: ``query`` itself, or the content of the ``.rq``/``.sparql`` file it names."""
    if query.lower().endswith((".rq", ".sparql", ".ru")) and "\n" not in query:
        p = Path(query)
        if not p.is_file():
            raise InputError(f"query file {query!r} does not exist")
        return p.read_text(encoding="utf-8")
    if not query.strip():
        raise QueryError("the query is empty; give SPARQL text or a .rq file")
    return query


# -- checks before parsing ----------------------------------------------------------------------------
#: the deepest nesting of ( [ { a query may have; pyoxigraph's parser overflows its stack near 3,000
MAX_DEPTH = 64
#: the longest query accepted, in characters
MAX_QUERY_SIZE = 1_000_000
# how many readings of an ambiguous '<' the depth check follows at once before it gives up
_MAX_READINGS = 64

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_NAME_CHARS = _PN_CHARS_BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040"
_VAR = re.compile(f"[?$][{_NAME_CHARS}]*")
# a run of the characters of prefixed names, numbers and keywords (SPARQL reads keywords without a word
# boundary: 'SERVICESILENT<x>' and '1SERVICE<x>' are both a SERVICE)
_RUN = re.compile(f"(?:[{_NAME_CHARS}\\-.:%]|\\\\.)+", re.S)
_IRIREF = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_SPACE = re.compile(r"\s+")
_LONG_STRING = {"'": re.compile(r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''", re.S),
                '"': re.compile(r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""', re.S)}
_SHORT_STRING = {"'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'"), '"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"')}
_SERVICE = re.compile("service", re.I | re.A)
_LOAD = re.compile("load", re.I | re.A)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPEN, _CLOSE = "([{", ")]}"


@dataclass
class _Call:
    """A SERVICE or LOAD the scanner found: where, and the IRI it names (None when it cannot tell)."""

    keyword: str
    pos: int
    target: tuple[str, str] | None  # ("iri", text) or ("pname", text); None: a variable or unreadable


class _Scanner:
    """Bracket depth, SERVICE and LOAD of a query, read without parsing it.

    A '<' may open an IRI or be 'less than' (then '#' after it starts a comment and a quote a string), and
    which one the parser takes depends on the grammar. The scanner follows both readings where it matters:
    for SERVICE and LOAD at every '<' (a SERVICE hidden from one reading is seen by the other), for the
    depth where an IRI would follow an operand inside parentheses, which only 'less than' can do.
    """

    def __init__(self, text: str, max_depth: int | None, update: bool):
        self.text, self.max_depth, self.update = text, max_depth, update
        self.calls: list[_Call] = []
        self.prefixes: dict[str, set[str]] = {}
        self.bases: set[str] = set()
        self._seen: set[tuple[int, int]] = set()

    def run(self, *, depth: bool = True, calls: bool = True) -> None:
        if depth:
            self._walk(calls=False)
        if calls:
            self._walk(calls=True)

    def _walk(self, calls: bool) -> None:
        n = len(self.text)
        # a reading: (stack of open brackets, end of the IRI the other reading saw, last token an operand)
        pending: dict[int, set[tuple[str, int, bool]]] = {0: {("", -1, False)}}
        heap = [0]
        while heap:
            pos = heapq.heappop(heap)
            states = pending.pop(pos)
            if len(states) > _MAX_READINGS:
                raise QueryError(f"the query is too ambiguous to check near {_where(self.text, pos)}: put spaces "
                                 f"around '<' when it means 'less than'")
            for stack, span, operand in states:
                for nxt, state in self._step(pos, stack, span if span > pos else -1, operand, calls):
                    if nxt >= n:
                        continue
                    if nxt in pending:
                        pending[nxt].add(state)
                    else:
                        pending[nxt] = {state}
                        heapq.heappush(heap, nxt)

    def _step(self, pos: int, stack: str, span: int, operand: bool,
              calls: bool) -> list[tuple[int, tuple[str, int, bool]]]:
        text = self.text
        c = text[pos]
        if c in _OPEN:
            if not calls:
                stack += c
                if self.max_depth is not None and len(stack) > self.max_depth:
                    raise QueryError(f"the query nests brackets {len(stack)} deep at {_where(text, pos)}; at most "
                                     f"{self.max_depth} levels of ( [ {{ are allowed (--max-depth)")
            return [(pos + 1, (stack, span, False))]
        if c in _CLOSE:
            return [(pos + 1, (stack[:-1], span, c != "}"))]
        if c.isspace():
            return [(_SPACE.match(text, pos).end(), (stack, span, operand))]
        if c == "#":
            return [(_eol(text, pos), (stack, span, operand))]
        if c in "'\"":
            return [(_string_end(text, pos), (stack, span, True))]
        if c == "<":
            m = _IRIREF.match(text, pos)
            if not m:
                return [(pos + 1, (stack, span, False))]
            out = [(m.end(), (stack, span if span >= m.end() else -1, True))]
            if calls or (operand and stack.endswith("(")):
                out.append((pos + 1, (stack, max(span, m.end() - 1) if calls else -1, False)))
            return out
        if c in "?$":
            return [(max(_VAR.match(text, pos).end(), pos + 1), (stack, span, True))]
        m = _RUN.match(text, pos)
        if not m:
            return [(pos + 1, (stack, span, False))]
        if calls and (m.start(), span) not in self._seen:
            self._seen.add((m.start(), span))
            self._run(m, span)
        return [(m.end(), (stack, span, True))]

    def _run(self, m: re.Match, span: int) -> None:
        run, pos = m.group(), m.start()
        upper = run.upper() if run.isascii() else ""
        if upper == "PREFIX":
            self._prefix(m.end())
        elif upper == "BASE":
            target = _target(self.text, m.end())
            if target and target[0] == "iri":
                self.bases.add(target[1])
        keywords = [("SERVICE", _SERVICE)] + ([("LOAD", _LOAD)] if self.update else [])
        for keyword, pattern in keywords:
            for k in pattern.finditer(run):
                if ":" in run[:k.start()]:
                    continue  # in the local part of a prefixed name (schema:serviceType)
                at = pos + k.start()
                if span > at and (keyword == "LOAD" or "#" not in self.text[at:span]):
                    # inside what the other reading takes for an IRI: a SERVICE there needs a comment after
                    # it to reach its endpoint and '{' beyond the '>'; a LOAD cannot be there at all
                    continue
                target = None
                if k.start() == 0 and k.end() == len(run):
                    after = _skip(self.text, m.end())
                    silent = _RUN.match(self.text, after)
                    if silent and silent.group().upper() == "SILENT":
                        after = silent.end()
                    target = _target(self.text, after)
                self.calls.append(_Call(keyword, at, target))

    def _prefix(self, pos: int) -> None:
        pos = _skip(self.text, pos)
        name = _RUN.match(self.text, pos)
        if not name or not name.group().endswith(":"):
            return
        target = _target(self.text, name.end())
        if target and target[0] == "iri":
            self.prefixes.setdefault(name.group()[:-1], set()).add(target[1])

def _eol(text: str, pos: int) -> int:
    ends = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0]
    return min(ends) if ends else len(text)


def _string_end(text: str, pos: int) -> int:
    q = text[pos]
    if text.startswith(q * 3, pos):
        m = _LONG_STRING[q].match(text, pos)
        # unterminated: the parser stops there, nothing after it is read
        return m.end() if m else len(text)
    m = _SHORT_STRING[q].match(text, pos)
    # unterminated on its line: the parser stops there; reading on over-counts, which is safe
    return m.end() if m else pos + 1


def _skip(text: str, pos: int) -> int:
    """The position after the spaces and comments at ``pos``."""
    while pos < len(text):
        if text[pos].isspace():
            pos = _SPACE.match(text, pos).end()
        elif text[pos] == "#":
            pos = _eol(text, pos)
        else:
            break
    return pos


def _target(text: str, pos: int) -> tuple[str, str] | None:
    """The IRI or prefixed name after ``pos`` (spaces and comments skipped), None for anything else."""
    pos = _skip(text, pos)
    m = _IRIREF.match(text, pos)
    if m:
        return "iri", _UCHAR.sub(lambda u: chr(int(u.group(1) or u.group(2), 16)), m.group()[1:-1])
    m = _RUN.match(text, pos)
    if m and ":" in m.group():
        return "pname", m.group().rstrip(".")
    return None


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"line {line}, column {pos - text.rfind(chr(10), 0, pos)}"


def _resolve(target: tuple[str, str] | None, scan: _Scanner, prefixes: dict[str, str]) -> list[str] | None:
    """Every IRI ``target`` may stand for, or None when one of them cannot be known (a variable, a
    relative IRI, an undeclared prefix)."""
    if target is None:
        return None
    kind, value = target
    if kind == "iri":
        iris = [value]
    else:
        name, local = value.split(":", 1)
        local = re.sub(r"\\(.)", r"\1", local)
        bases = scan.prefixes.get(name, set()) | ({prefixes[name]} if name in prefixes else set())
        if not bases:
            return None
        iris = sorted(b + local for b in bases)
    if any(not urllib.parse.urlsplit(i).scheme for i in iris):
        return None
    return iris


def check_allow_list(prefixes: Iterable[str], option: str) -> tuple[str, ...]:
    """The URL prefixes of an allow-list, checked: each must be an http(s) URL with a host.

    Raises :class:`~kg.errors.StoreError` naming ``option`` for anything else.
    """
    out = []
    for p in prefixes:
        u = urllib.parse.urlsplit(p)
        if u.scheme.lower() not in ("http", "https") or not u.hostname:
            raise StoreError(f"{option} {p!r}: an allow-list entry must be an http:// or https:// URL with a "
                             f"host, such as https://query.wikidata.org/sparql")
        out.append(p)
    return tuple(out)


def _allowed(iri: str, prefixes: Sequence[str]) -> bool:
    """Whether ``iri`` is under one of the URL ``prefixes``: same scheme, host and port, and a path under
    the prefix's path (``http://h/sparql`` allows ``http://h/sparql`` and ``http://h/sparql/x``, not
    ``http://h/sparql2`` nor ``http://h.evil/``)."""
    try:
        u = urllib.parse.urlsplit(iri)
        port = u.port
    except ValueError:
        return False
    for p in prefixes:
        a = urllib.parse.urlsplit(p)
        if (u.scheme.lower(), u.hostname, port, u.username, u.password) != \
                (a.scheme.lower(), a.hostname, a.port, None, None):
            continue
        path = a.path.rstrip("/")
        if not path or u.path == path or u.path.startswith(path + "/"):
            return True
    return False


def check_query(text: str, *, max_depth: int | None = MAX_DEPTH, max_size: int | None = MAX_QUERY_SIZE,
                allow_service: Sequence[str] | None = None, allow_load: Sequence[str] | None = None,
                update: bool = False, prefixes: dict[str, str] | None = None) -> None:
    """Refuse, before any parsing, a query (or with ``update``, an update) that is too long, nests
    ( [ { more than ``max_depth`` deep, calls a SERVICE not under a URL prefix of ``allow_service`` or
    LOADs a source not under one of ``allow_load``.

    Brackets count outside string literals and comments; ``None`` turns a limit or a check off (the
    default for SERVICE and LOAD: a local user may query remote endpoints). Raises
    :class:`~kg.errors.QueryError` saying what was found and what is allowed.

    >>> check_query("ASK { FILTER(((1)) = 1) }", max_depth=3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query nests brackets 4 deep at line 1, column 15; at most 3 levels ...
    """
    what = "update" if update else "query"
    if max_size is not None and len(text) > max_size:
        raise QueryError(f"the {what} has {len(text):,} characters; at most {max_size:,} are allowed "
                         f"(--max-query-size)")
    if max_depth is None and allow_service is None and allow_load is None:
        return
    scan = _Scanner(text, max_depth, update)
    scan.run(depth=max_depth is not None, calls=allow_service is not None or allow_load is not None)
    defaults = QUERY_PREFIXES if prefixes is None else prefixes
    for call in sorted(scan.calls, key=lambda c: c.pos):
        allowed = allow_service if call.keyword == "SERVICE" else allow_load
        if allowed is None:
            continue
        option = "--allow-service" if call.keyword == "SERVICE" else "--allow-load"
        at = _where(text, call.pos)
        if not allowed:
            raise QueryError(f"{call.keyword} at {at} is not allowed: this endpoint fetches nothing from other "
                             f"servers unless started with {option} URL_PREFIX")
        iris = _resolve(call.target, scan, defaults)
        if iris is None:
            raise QueryError(f"{call.keyword} at {at}: cannot tell which URL it fetches; write "
                             f"{call.keyword} <absolute IRI> with an IRI under {', '.join(allowed)}")
        for iri in iris:
            if not _allowed(iri, allowed):
                raise QueryError(f"{call.keyword} <{iri}> at {at} is not allowed; allowed URL prefixes "
                                 f"({option}): {', '.join(allowed)}")


# -- evaluation ---------------------------------------------------------------------------------------
@dataclass
class QueryResult:
    """The answer to one query.

    ``kind`` is ``"solutions"`` (SELECT: ``variables`` and ``rows`` of pyoxigraph terms or None),
    ``"boolean"`` (ASK: ``boolean``) or ``"graph"`` (CONSTRUCT / DESCRIBE: ``triples``). :func:`run_query`
    gives lists; :func:`evaluate` gives ``rows`` or ``triples`` that are read once, as they are written.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: Iterable[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: Iterable = field(default_factory=list)
    ordered: bool = False


def _syntax_error(query: str, e: SyntaxError, what: str = "query") -> QueryError:
    m = _SYNTAX_POSITION.match(str(e))
    if not m:
        return QueryError(f"SPARQL {what} syntax error: {e}")
    line, col, msg = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = query.splitlines() or [""]
    near = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return QueryError(f"SPARQL {what} syntax error at line {line}, column {col}: {msg}"
                      + (f" (in {near[:80]!r})" if near else ""))


def _sort_key(row: tuple) -> tuple:
    return tuple((0, "") if t is None else (1, str(t)) for t in row)


_END = object()


class _Capped:
    """The rows (or triples) of a streamed answer, at most ``limit`` of them (None: all).

    The first one is read at once, so that an error of the engine is raised before anything is written;
    ``truncated`` tells, once they are read, that more were left.
    """

    def __init__(self, items: Iterable, limit: int | None = None):
        self._it = iter(items)
        self.limit, self.count, self.truncated = limit, 0, False
        self._next = self._read() if limit != 0 else _END
        self.truncated = limit == 0 and self._read() is not _END

    def _read(self):
        try:
            return next(self._it, _END)
        except (OSError, RuntimeError, ValueError, SyntaxError) as e:
            raise QueryError(f"SPARQL query failed while reading results: {e}") from None

    def __iter__(self):
        while self._next is not _END:
            item, self._next = self._next, _END
            self.count += 1
            yield item
            if self.limit is not None and self.count >= self.limit:
                self.truncated = self._read() is not _END
                return
            self._next = self._read()


def evaluate(store: ox.Store, query: str, *, union: bool = True, prefixes: dict[str, str] | None = None,
             max_rows: int | None = None) -> QueryResult:
    """Start evaluating ``query`` (already checked: see :func:`check_query`): a :class:`QueryResult` whose
    ``rows`` or ``triples`` are read once, in the engine's order, at most ``max_rows`` of them (their
    ``truncated`` attribute then tells whether more were left).

    Raises :class:`~kg.errors.QueryError` for a syntax error (with its line and column) or an engine error
    met before the first row.
    """
    try:
        result = store.query(query, use_default_graph_as_union=union,
                             prefixes=QUERY_PREFIXES if prefixes is None else prefixes)
    except SyntaxError as e:
        raise _syntax_error(query, e) from None
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"SPARQL query failed: {e}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = _Capped((tuple(sol[v] for v in variables) for sol in result), max_rows)
        return QueryResult("solutions", variables=variables, rows=rows, ordered=bool(_ORDER_BY.search(query)))
    return QueryResult("graph", triples=_Capped(result, max_rows))


def run_query(store: ox.Store, query: str, *, union: bool = True, prefixes: dict[str, str] | None = None,
              max_depth: int | None = MAX_DEPTH, max_size: int | None = MAX_QUERY_SIZE,
              allow_service: Sequence[str] | None = None) -> QueryResult:
    """Evaluate ``query`` over ``store``, by default over the union of its graphs.

    The prefixes of :data:`QUERY_PREFIXES` need no declaration. Rows come in the query's order when it
    has an ORDER BY, else sorted, so the same store always gives the same output. The query is first
    checked with :func:`check_query` (``max_depth``, ``max_size``, ``allow_service``). Raises
    :class:`~kg.errors.QueryError` with the line and column of a syntax error.
    """
    check_query(query, max_depth=max_depth, max_size=max_size, allow_service=allow_service, prefixes=prefixes)
    result = evaluate(store, query, union=union, prefixes=prefixes)
    if result.kind == "solutions":
        result.rows = list(result.rows)
        if not result.ordered:
            result.rows.sort(key=_sort_key)
    elif result.kind == "graph":
        result.triples = sorted(result.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return result


def run_update(store: ox.Store, update: str, *, max_depth: int | None = MAX_DEPTH, max_size: int | None = None,
               allow_service: Sequence[str] | None = None, allow_load: Sequence[str] | None = None) -> None:
    """Apply a SPARQL 1.1 Update to a writable store (one transaction), after :func:`check_query`."""
    check_query(update, max_depth=max_depth, max_size=max_size, allow_service=allow_service,
                allow_load=allow_load, update=True)
    try:
        store.update(update, prefixes=QUERY_PREFIXES)
    except SyntaxError as e:
        raise _syntax_error(update, e, "update") from None
    except (OSError, RuntimeError, ValueError) as e:
        # RuntimeError: a LOAD of something that is not RDF, a failed SERVICE
        raise QueryError(f"SPARQL update failed: {e}") from None


# -- running in a child process -----------------------------------------------------------------------
class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""


class QueryCrashed(QueryError):
    """The process evaluating a query died: the engine crashed (a query too long or too nested for its
    parser) or ran out of memory."""


class QueryCancelled(QueryError):
    """The client that asked for a query went away; the query was stopped."""


CAN_FORK = hasattr(os, "fork")
_FRAME_HEAD = 5  # one byte of kind, four of length
_CHUNK = 64 * 1024
# the exceptions a child may report, by name; anything else comes back as QueryCrashed
_KG_ERRORS = {name: cls for name, cls in vars(errors).items() if isinstance(cls, type) and issubclass(cls, KGError)}
_KG_ERRORS.update({c.__name__: c for c in (QueryTimeout, QueryCrashed, QueryCancelled)})


class _Sink:
    """The child's end of the pipe: framed headers, data and the end or the error of its work."""

    def __init__(self, fd: int):
        self.fd, self._buf = fd, bytearray()

    def _frame(self, kind: bytes, payload: bytes) -> None:
        data = memoryview(kind + len(payload).to_bytes(4, "big") + payload)
        while data:
            data = data[os.write(self.fd, data):]

    def header(self, info: dict) -> None:
        """Metadata the parent needs before the data (for the server: status and media type)."""
        self.flush()
        self._frame(b"H", json.dumps(info).encode())

    def write(self, data: bytes) -> int:
        self._buf += data
        if len(self._buf) >= _CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buf:
            self._frame(b"D", bytes(self._buf))
            self._buf.clear()

    def end(self, info: dict | None = None) -> None:
        self.flush()
        self._frame(b"E", json.dumps(info or {}).encode())

    def fail(self, error: str, message: str) -> None:
        self.flush()
        self._frame(b"X", json.dumps({"error": error, "message": message}).encode())


def _vm_size() -> int | None:
    """This process's virtual memory size in bytes (Linux), None when unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _detach(keep: int, seconds: float | None, memory: int | None) -> None:
    """Make a fresh child safe: no Ctrl-C, a hard stop after ``seconds``, at most ``memory`` more
    bytes, death with its parent, stderr to /dev/null (the parent reports a crash in one line), and no copy
    of the parent's sockets and pipes (a client connection must close when the parent closes it)."""
    gc.disable()  # a finaliser of an inherited object could close a descriptor that is no longer its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it then stops the child
    for sig in (signal.SIGTERM, signal.SIGALRM):
        signal.signal(sig, signal.SIG_DFL)
    if seconds is not None:
        signal.setitimer(signal.ITIMER_REAL, seconds + 5)  # the parent stops it first; this is the backstop
    size = _vm_size() if memory is not None and resource is not None else None
    if size is not None:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)
    import faulthandler

    faulthandler.disable()  # a crash of the engine is the parent's to report, not a dump on a copied stderr
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd > 2 and fd != keep:
            try:
                mode = os.fstat(fd).st_mode
            except OSError:
                continue
            if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
                os.close(fd)


class ForkedQuery:
    """``work(sink)`` run in a forked child process that sees the parent's store as it was at the fork,
    with a time limit (``timeout`` seconds) and a memory limit (``memory`` bytes more than the parent's
    address space, Linux), read back by :meth:`events` as it is written; :meth:`stop` kills it.

    ``sink`` has ``header(dict)``, ``write(bytes)`` and ``end(dict)``. A :class:`~kg.errors.KGError`
    raised by ``work`` is raised again by :meth:`events`; a crash of the child (pyoxigraph's parser
    overflows its stack on some queries) is a :class:`QueryCrashed`, the time limit a
    :class:`QueryTimeout`. ``lock`` is held while forking (the server's update lock: no update is half
    done in the copy). Needs ``os.fork`` (:data:`CAN_FORK`).

    >>> store = load_data_text("<http://x/a> <http://x/b> <http://x/c> .", "nt")
    >>> def work(sink):
    ...     sink.write(str(len(run_query(store, "SELECT * WHERE { ?s ?p ?o }").rows)).encode())
    ...     sink.end()
    >>> with ForkedQuery(work, timeout=60) as job:
    ...     [value for kind, value in job.events() if kind == "data"]
    [b'1']
    """

    def __init__(self, work: Callable[[_Sink], None], *, timeout: float | None = None, lock=None,
                 memory: int | None = None):
        self.timeout, self.memory = timeout, memory
        self._replay: bytes | None = None
        if not CAN_FORK:  # no fork (Windows): run here, without a time limit, and replay what was written
            self._inline(work)
            return
        r, w = os.pipe()
        pid = -1
        if lock is not None:
            lock.acquire()
        try:
            pid = os.fork()
        finally:
            if lock is not None and pid != 0:
                lock.release()
            if pid < 0:
                os.close(r)
                os.close(w)
        if pid == 0:  # the child: never returns
            code = 0
            try:
                os.close(r)
                _detach(w, timeout, memory)
                sink = _Sink(w)
                try:
                    work(sink)
                except KGError as e:
                    sink.fail(type(e).__name__, str(e))
                except BrokenPipeError:
                    pass
                except BaseException as e:  # noqa: BLE001 - reported to the parent, which stays up
                    sink.fail("internal", f"{type(e).__name__}: {e}")
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self.fd, self.started = pid, r, time.monotonic()
        self._status: int | None = None

    def _inline(self, work: Callable[[_Sink], None]) -> None:
        r, w = os.pipe()  # only to reuse the framing; the frames are read back from memory
        os.close(r)
        sink = _Sink(w)
        frames = bytearray()
        sink._frame = lambda kind, payload: frames.extend(kind + len(payload).to_bytes(4, "big") + payload)
        try:
            work(sink)
        except KGError as e:
            sink.fail(type(e).__name__, str(e))
        finally:
            os.close(w)
        self.pid, self.fd, self.started, self._status, self._replay = -1, -1, time.monotonic(), 0, bytes(frames)

    def __enter__(self) -> ForkedQuery:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._status is None

    def _reap(self) -> int:
        if self._status is None:
            try:
                self._status = os.waitpid(self.pid, 0)[1]
            except ChildProcessError:
                self._status = 0
            os.close(self.fd)
        return self._status

    def stop(self) -> None:
        """Kill the child (if it still runs) and collect it."""
        if self._status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _died(self) -> QueryError:
        status = self._reap()
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            if sig == signal.SIGALRM:
                return QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped (--timeout)")
            if sig == signal.SIGABRT and self.memory is not None:
                return QueryCrashed(f"the query was stopped ({name}): most likely it needed more than the "
                                    f"{self.memory // 2**20:,} MB of memory a query may use (--max-memory)")
            return QueryCrashed(f"the query engine crashed on this query ({name}); a query this long or this "
                                f"nested cannot be run")
        return QueryCrashed(f"the query process stopped with exit code {os.WEXITSTATUS(status)}")

    def events(self, watch=None) -> Iterator[tuple[str, Any]]:
        """``("header", dict)``, ``("data", bytes)`` ... then ``("end", dict)``, as the child writes them.

        ``watch`` is a socket: when its peer closes the connection, the child is stopped and
        :class:`QueryCancelled` raised. Raises :class:`QueryTimeout` when the time limit passes.
        """
        buf = bytearray(self._replay or b"")
        if self._replay is None:
            poll = select.poll()
            poll.register(self.fd, select.POLLIN)
            if watch is not None:
                poll.register(watch, select.POLLIN)
        while True:
            while len(buf) >= _FRAME_HEAD:
                size = int.from_bytes(buf[1:_FRAME_HEAD], "big")
                if len(buf) < _FRAME_HEAD + size:
                    break
                kind, payload = bytes(buf[:1]), bytes(buf[_FRAME_HEAD:_FRAME_HEAD + size])
                del buf[:_FRAME_HEAD + size]
                if kind == b"D":
                    yield "data", payload
                elif kind == b"H":
                    yield "header", json.loads(payload)
                elif kind == b"E":
                    self._reap()
                    yield "end", json.loads(payload)
                    return
                else:
                    info = json.loads(payload)
                    self._reap()
                    raise _KG_ERRORS.get(info["error"], QueryCrashed)(info["message"])
            if self._replay is not None:
                raise QueryCrashed("the query's answer ended early")
            wait = None
            if self.timeout is not None:
                wait = self.started + self.timeout - time.monotonic()
                if wait <= 0:
                    self.stop()
                    raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped (--timeout)")
            for fd, _ in poll.poll(1000 if wait is None else max(1, min(1000, int(wait * 1000) + 1))):
                if fd == self.fd:
                    chunk = os.read(self.fd, _CHUNK)
                    if not chunk:
                        raise self._died()
                    buf += chunk
                elif watch is not None and _gone(watch):
                    self.stop()
                    raise QueryCancelled("the client closed the connection; the query was stopped")
                elif watch is not None:
                    poll.unregister(watch)  # the client sent more (a pipelined request): nothing to watch
                    watch = None


def run_query_in_child(store: ox.Store, query: str, *, timeout: float | None = None, **options) -> QueryResult:
    """:func:`run_query` in a child process (where ``os.fork`` exists): a query that crashes the engine
    raises :class:`QueryCrashed` instead of ending this process, and one that runs longer than ``timeout``
    seconds is stopped (:class:`QueryTimeout`). ``options`` are those of :func:`run_query`."""
    if not CAN_FORK:
        return run_query(store, query, **options)

    def work(sink) -> None:
        sink.write(pickle.dumps(run_query(store, query, **options), protocol=pickle.HIGHEST_PROTOCOL))
        sink.end()

    with ForkedQuery(work, timeout=timeout) as job:
        data = b"".join(value for kind, value in job.events() if kind == "data")
    return pickle.loads(data)


def _gone(sock) -> bool:
    """Whether the peer of ``sock`` has closed the connection (it is readable and has nothing to read)."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


# -- rendering ----------------------------------------------------------------------------------------
_SHORTEN = sorted(QUERY_PREFIXES.items(), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")


def term_text(term, *, shorten: bool = True) -> str:
    """A term as a table shows it: a prefixed name (``ent:Antony_Blinken``) or ``<iri>``, a literal's
    lexical form, ``_:id`` for a blank node, the empty string for an unbound variable."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if shorten:
            for prefix, ns in _SHORTEN:
                if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]) and not iri[len(ns):].endswith("."):
                    return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _cell(text: str, width: int | None) -> str:
    text = " ".join(text.split())
    if width and len(text) > width:
        return text[: width - 1] + "…"
    return text


def format_table(result: QueryResult, *, max_width: int | None = 60) -> str:
    """An aligned text table (SELECT), ``yes``/``no`` (ASK) or Turtle (CONSTRUCT, DESCRIBE).

    Cells are whitespace-collapsed and cut to ``max_width`` characters (``None``: no limit).
    """
    if result.kind == "boolean":
        return ("yes" if result.boolean else "no") + "\n"
    if result.kind == "graph":
        return serialize_result(result, "turtle").decode("utf-8")
    header = list(result.variables)
    body = [[_cell(term_text(t), max_width) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    widths = [max(w, 1) for w in widths]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"


def _truncated(items) -> bool:
    return bool(getattr(items, "truncated", False))


class _TsvRows(io.RawIOBase):
    """A result's rows as SPARQL 1.1 TSV (each term in its N-Triples form, which pyoxigraph's ``str`` gives),
    read as pyoxigraph's parser asks for it: the way to hand rows that kg sorted, capped or carried across
    a fork to pyoxigraph's serialisers, which take nothing but a :class:`pyoxigraph.QuerySolutions`."""

    def __init__(self, variables: Sequence[str], rows: Iterable[tuple]):
        self._chunks = self._lines(variables, rows)
        self._buf, self._pos = b"", 0

    @staticmethod
    def _lines(variables: Sequence[str], rows: Iterable[tuple]) -> Iterator[bytes]:
        yield ("\t".join("?" + v for v in variables) + "\n").encode("utf-8")
        batch: list[str] = []
        for row in rows:
            batch.append("\t".join("" if t is None else str(t) for t in row) + "\n")
            if len(batch) >= 256:
                yield "".join(batch).encode("utf-8")
                batch = []
        if batch:
            yield "".join(batch).encode("utf-8")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._pos >= len(self._buf):
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buf, self._pos = chunk, 0
        n = min(len(buffer), len(self._buf) - self._pos)
        buffer[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n


class _Writer:
    """``out`` as pyoxigraph's serialisers want it (``write`` and ``flush``), remembering the last byte
    and, with ``hold``, keeping it back (JSON's closing brace, before which a cut answer says so)."""

    def __init__(self, out: BinaryIO, hold: bool = False):
        self.out, self.hold, self.last = out, hold, b""

    def write(self, data: bytes) -> int:
        n = len(data)
        if not n:
            return 0
        data = bytes(data)
        if self.hold:
            data, self.last = self.last + data[:-1], data[-1:]
        else:
            self.last = data[-1:]
        if data:
            self.out.write(data)
        return n

    def flush(self) -> None:
        flush = getattr(self.out, "flush", None)
        if flush is not None:
            flush()


def _results(fmt: ox.QueryResultsFormat) -> Callable[[QueryResult, BinaryIO], None]:
    """A writer of SELECT and ASK results through pyoxigraph's serialiser for ``fmt``. A line break ends
    the output; when the server's row limit cut the answer, JSON gets a ``"truncated": true`` member and
    XML a comment after its root element."""
    def write(result: QueryResult, out: BinaryIO) -> None:
        if result.kind == "boolean":
            answer = ox.parse_query_results('{"head":{},"boolean":%s}' % ("true" if result.boolean else "false"),
                                            ox.QueryResultsFormat.JSON)
        else:
            answer = ox.parse_query_results(_TsvRows(result.variables, result.rows), ox.QueryResultsFormat.TSV)
        json_out = fmt == ox.QueryResultsFormat.JSON
        writer = _Writer(out, hold=json_out)
        answer.serialize(writer, format=fmt)
        cut = _truncated(result.rows)
        if json_out:  # the held-back closing brace
            out.write((b',"truncated":true' if cut else b"") + writer.last + b"\n")
            return
        if writer.last != b"\n":
            out.write(b"\n")
        if cut and fmt == ox.QueryResultsFormat.XML:
            out.write(b"<!-- truncated: the server's row limit cut this answer -->\n")

    return write


def _rdf(fmt: ox.RdfFormat) -> Callable[[QueryResult, BinaryIO], None]:
    def write(result: QueryResult, out: BinaryIO) -> None:
        ox.serialize(result.triples, out, fmt)

    return write


def _turtle(result: QueryResult, out: BinaryIO) -> None:
    if not isinstance(result.triples, list):
        # streamed: pyoxigraph's writer, which writes as it reads
        ox.serialize(result.triples, out, ox.RdfFormat.TURTLE, prefixes=QUERY_PREFIXES)
        return
    # via rdflib, whose Turtle writer sorts prefixes and subjects (pyoxigraph's keeps hash order)
    from rdflib import Graph

    g = Graph(bind_namespaces="none")
    g.parse(data=ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    used = {str(t) for triple in g for t in triple}
    for prefix, ns in sorted(QUERY_PREFIXES.items()):
        if any(u.startswith(ns) for u in used):
            g.bind(prefix, ns)
    out.write(g.serialize(format="turtle", encoding="utf-8"))


#: SELECT / ASK result syntaxes: name -> (media type, writer(result, binary file))
RESULT_FORMATS: dict[str, tuple[str, Callable[[QueryResult, BinaryIO], None]]] = {
    "json": ("application/sparql-results+json", _results(ox.QueryResultsFormat.JSON)),
    "xml": ("application/sparql-results+xml", _results(ox.QueryResultsFormat.XML)),
    "csv": ("text/csv", _results(ox.QueryResultsFormat.CSV)),
    "tsv": ("text/tab-separated-values", _results(ox.QueryResultsFormat.TSV)),
}
#: CONSTRUCT / DESCRIBE result syntaxes: name -> (media type, writer(result, binary file))
GRAPH_FORMATS: dict[str, tuple[str, Callable[[QueryResult, BinaryIO], None]]] = {
    "turtle": ("text/turtle", _turtle),
    "nt": ("application/n-triples", _rdf(ox.RdfFormat.N_TRIPLES)),
    "xml": ("application/rdf+xml", _rdf(ox.RdfFormat.RDF_XML)),
    "json-ld": ("application/ld+json", _rdf(ox.RdfFormat.JSON_LD)),
}


def write_result(result: QueryResult, fmt: str, out: BinaryIO) -> None:
    """Write ``result`` to the binary file ``out`` in syntax ``fmt``: a key of :data:`RESULT_FORMATS` for
    SELECT and ASK, of :data:`GRAPH_FORMATS` for CONSTRUCT and DESCRIBE (where ``json``, ``csv`` and
    ``tsv`` give Turtle). SELECT and ASK results are written by pyoxigraph's own serialisers, RDF by its
    RDF writers (Turtle by rdflib's, which sorts). Streamed rows (see :func:`evaluate`) are written as
    they are read; when a row limit cut them, JSON says ``"truncated": true`` and XML ends with a
    comment."""
    if result.kind == "graph":
        table = GRAPH_FORMATS
        fmt = fmt if fmt in GRAPH_FORMATS else "turtle" if fmt in RESULT_FORMATS else fmt
    else:
        table = RESULT_FORMATS
    if fmt not in table:
        raise QueryError(f"result format {fmt!r} is not available for this query; allowed: {', '.join(table)}")
    try:
        table[fmt][1](result, out)
    except (OSError, RuntimeError, ValueError, SyntaxError) as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise QueryError(f"SPARQL query failed while writing results: {e}") from None


def serialize_result(result: QueryResult, fmt: str) -> bytes:
    """The result in syntax ``fmt`` as bytes (see :func:`write_result`)."""
    out = io.BytesIO()
    write_result(result, fmt, out)
    return out.getvalue()

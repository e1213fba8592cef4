"""SPARQL over a kg store or an RDF file, and the rendering of its results.

:func:`run_query` evaluates a query (pure: a store in, a :class:`QueryResult` out); the ``format_*``
and :func:`serialize_result` functions render a result as an aligned table, as SPARQL 1.1 results
(JSON, XML, CSV, TSV) or, for CONSTRUCT and DESCRIBE, as RDF. :func:`open_store` and
:func:`load_data` are the I/O edges.

>>> store = load_data_text('<https://kg.example.org/entity/A> <https://kg.example.org/ontology#met> '
...                        '<https://kg.example.org/entity/B> .', "nt")
>>> print(format_table(run_query(store, "SELECT ?a ?b WHERE { ?a kgo:met ?b }")), end="")
a      b
-----  -----
ent:A  ent:B
(1 row)
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import pyoxigraph as ox

from .errors import InputError, QueryError, StoreError
from .export import DEFAULT_BASE_IRI, PREFIXES

__all__ = [
    "ENTITIES_GRAPH", "QUERY_PREFIXES", "RESULT_FORMATS", "GRAPH_FORMATS", "QueryResult", "open_store",
    "load_data", "load_data_text", "read_query", "run_query", "run_update", "format_table", "serialize_result",
    "term_text", "document_graph",
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


# -- evaluation ---------------------------------------------------------------------------------------
@dataclass
class QueryResult:
    """The materialised answer to one query.

    ``kind`` is ``"solutions"`` (SELECT: ``variables`` and ``rows`` of pyoxigraph terms or None),
    ``"boolean"`` (ASK: ``boolean``) or ``"graph"`` (CONSTRUCT / DESCRIBE: ``triples``).
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
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


def run_query(store: ox.Store, query: str, *, union: bool = True,
              prefixes: dict[str, str] | None = None) -> QueryResult:
    """Evaluate ``query`` over ``store``, by default over the union of its graphs.

    The prefixes of :data:`QUERY_PREFIXES` need no declaration. Rows come in the query's order when it
    has an ORDER BY, else sorted, so the same store always gives the same output. Raises
    :class:`~kg.errors.QueryError` with the line and column of a syntax error.
    """
    try:
        result = store.query(query, use_default_graph_as_union=union,
                             prefixes=QUERY_PREFIXES if prefixes is None else prefixes)
    except SyntaxError as e:
        raise _syntax_error(query, e) from None
    except OSError as e:
        raise QueryError(f"SPARQL query failed: {e}") from None
    try:
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple(sol[v] for v in variables) for sol in result]
            ordered = bool(_ORDER_BY.search(query))
            if not ordered:
                rows.sort(key=_sort_key)
            return QueryResult("solutions", variables=variables, rows=rows, ordered=ordered)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("boolean", boolean=bool(result))
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return QueryResult("graph", triples=triples)
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"SPARQL query failed while reading results: {e}") from None


def run_update(store: ox.Store, update: str) -> None:
    """Apply a SPARQL 1.1 Update to a writable store (one transaction)."""
    try:
        store.update(update, prefixes=QUERY_PREFIXES)
    except SyntaxError as e:
        raise _syntax_error(update, e, "update") from None
    except OSError as e:
        raise QueryError(f"SPARQL update failed: {e}") from None


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


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d


def _json(result: QueryResult) -> bytes:
    if result.kind == "boolean":
        data = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                    for row in result.rows]
        data = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _xml(result: QueryResult) -> bytes:
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("  </head>")
    if result.kind == "boolean":
        out.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            for v, t in zip(result.variables, row):
                if t is None:
                    continue
                if isinstance(t, ox.NamedNode):
                    inner = f"<uri>{escape(t.value)}</uri>"
                elif isinstance(t, ox.BlankNode):
                    inner = f"<bnode>{escape(t.value)}</bnode>"
                else:
                    j = _json_term(t)
                    attr = (f" xml:lang={quoteattr(j['xml:lang'])}" if "xml:lang" in j else
                            f" datatype={quoteattr(j['datatype'])}" if "datatype" in j else "")
                    inner = f"<literal{attr}>{escape(t.value)}</literal>"
                out.append(f"      <binding name={quoteattr(v)}>{inner}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _csv(result: QueryResult) -> bytes:
    # SPARQL 1.1 CSV: plain lexical values, IRIs without brackets, CRLF line ends
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "boolean":
        w.writerow(["_askResult"])
        w.writerow(["true" if result.boolean else "false"])
    else:
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow(["" if t is None else t.value for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv(result: QueryResult) -> bytes:
    # SPARQL 1.1 TSV: "?var" header, terms in their Turtle / N-Triples form
    if result.kind == "boolean":
        return f"?_askResult\n{'true' if result.boolean else 'false'}\n".encode("utf-8")
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _rdf(fmt: ox.RdfFormat) -> Callable[[QueryResult], bytes]:
    def write(result: QueryResult) -> bytes:
        return ox.serialize(result.triples, format=fmt)

    return write


def _turtle(result: QueryResult) -> bytes:
    # via rdflib, whose Turtle writer sorts prefixes and subjects (pyoxigraph's keeps hash order)
    from rdflib import Graph

    g = Graph(bind_namespaces="none")
    g.parse(data=ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    used = {str(t) for triple in g for t in triple}
    for prefix, ns in sorted(QUERY_PREFIXES.items()):
        if any(u.startswith(ns) for u in used):
            g.bind(prefix, ns)
    return g.serialize(format="turtle", encoding="utf-8")


#: SELECT / ASK result syntaxes: name -> (media type, writer)
RESULT_FORMATS: dict[str, tuple[str, Callable[[QueryResult], bytes]]] = {
    "json": ("application/sparql-results+json", _json),
    "xml": ("application/sparql-results+xml", _xml),
    "csv": ("text/csv", _csv),
    "tsv": ("text/tab-separated-values", _tsv),
}
#: CONSTRUCT / DESCRIBE result syntaxes: name -> (media type, writer)
GRAPH_FORMATS: dict[str, tuple[str, Callable[[QueryResult], bytes]]] = {
    "turtle": ("text/turtle", _turtle),
    "nt": ("application/n-triples", _rdf(ox.RdfFormat.N_TRIPLES)),
    "xml": ("application/rdf+xml", _rdf(ox.RdfFormat.RDF_XML)),
    "json-ld": ("application/ld+json", _rdf(ox.RdfFormat.JSON_LD)),
}


def serialize_result(result: QueryResult, fmt: str) -> bytes:
    """The result in syntax ``fmt``: a key of :data:`RESULT_FORMATS` for SELECT and ASK, of
    :data:`GRAPH_FORMATS` for CONSTRUCT and DESCRIBE (where ``json``, ``csv`` and ``tsv`` give Turtle)."""
    if result.kind == "graph":
        table = GRAPH_FORMATS
        fmt = fmt if fmt in GRAPH_FORMATS else "turtle" if fmt in RESULT_FORMATS else fmt
    else:
        table = RESULT_FORMATS
    try:
        return table[fmt][1](result)
    except KeyError:
        raise QueryError(f"result format {fmt!r} is not available for this query; allowed: {', '.join(table)}") \
            from None

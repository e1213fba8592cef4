"""kg from Python in one call: :func:`build` a knowledge graph, or :func:`open_store` a store, and read it.

Both give a :class:`Graph`, which reads as kg's own records (:meth:`Graph.entities`,
:meth:`Graph.statements`), as RDF (:meth:`Graph.to_rdf`), as a networkx property graph
(:meth:`Graph.to_networkx`), as two pandas DataFrames (:meth:`Graph.to_pandas`, with the ``pandas``
extra), writes itself in any format ``kg build -o`` knows (:meth:`Graph.write`) and shows itself in a
notebook (a summary table and the interactive page of ``kg viz``).

There is one way of building: :func:`build` streams its inputs through the very function ``kg build``
uses (:func:`kg.corpus.build_corpus`) into a store, an in-memory one unless ``store=`` names a folder,
so that ``kg.build(paths).write("x.ttl")`` writes the same bytes as ``kg build PATHS -o x.ttl``.

Examples
--------
>>> import kg
>>> graph = kg.build("Antony Blinken a rencontré Sergueï Lavrov à Vienne jeudi.", lang="fr")
>>> graph
<kg.Graph: 1 document, 3 entities, 1 statement>
>>> [(st.subject, st.relation, st.object) for st in graph.statements()]
[('Antony_Blinken', 'met', 'Sergei_Lavrov')]
>>> sorted((e.label, e.type) for e in graph.entities())
[('Antony Blinken', 'Person'), ('Sergei Lavrov', 'Person'), ('Vienna', 'Place')]
"""
from __future__ import annotations

import html
import os
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Literal, Union

from .errors import InputError, KGError, StoreError
from .ingest import MAX_CHARS, MAX_SENTENCE_TOKENS, SUPPORTED_LANGUAGES
from .model import Document, Entity, Statement

if TYPE_CHECKING:  # imported for the annotations only: importing them costs time
    import networkx
    import pandas
    import pyoxigraph
    import rdflib

    from .corpus import BuildReport
    from .graph import KnowledgeGraph

__all__ = ["Graph", "Source", "build", "open_store", "check_output", "write_output", "ENTITY_COLUMNS",
           "STATEMENT_COLUMNS", "PANDAS_EXTRA", "VIZ_MAX_ENTITIES"]

#: what :func:`build` takes: a text, a path (file, folder or JSONL file), or a :class:`~kg.model.Document`
Source = Union[str, "os.PathLike[str]", Document]

#: the columns of the entities DataFrame of :meth:`Graph.to_pandas`, in order
ENTITY_COLUMNS = ("key", "iri", "label", "type", "alt_labels", "wikidata", "geonames", "part_of", "local_to")
#: the columns of the statements DataFrame of :meth:`Graph.to_pandas`, in order
STATEMENT_COLUMNS = ("iri", "subject", "subject_label", "relation", "object", "object_label", "quote", "lang",
                     "polarity", "modality", "confidence", "document", "document_title", "sentence", "begin",
                     "end", "attributed_to", "role", "cameo", "basis", "date", "place", "place_label")
#: the optional dependency :meth:`Graph.to_pandas` needs, as ``pip install 'kg[pandas]'`` installs it
PANDAS_EXTRA = "pandas"
#: above this many entities a notebook shows the summary table without the interactive page (which would
#: weigh megabytes in the notebook); :meth:`Graph.to_html` still draws it
VIZ_MAX_ENTITIES = 1500

#: file names that are meant as paths, not as texts: a missing one is an error, never a one-line article
_PATH_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


# -- output: shared with the command line (kg build -o, kg export -o) ---------------------------------
def check_output(path: str | os.PathLike[str]) -> None:
    """Refuse an output whose format cannot be told from its extension, before any work is done.

    The formats are those of ``kg build -o`` and ``kg export -o``: RDF (``.ttl``, ``.nt``, ``.jsonld``,
    ``.rdf``, ``.xml``; ``.nq`` and ``.trig`` with one named graph per document) and property graphs
    (``.graphml``, ``.gexf``, ``.json``, ``.cypher``).

    >>> check_output("graph.ttl")
    >>> check_output("graph.csv")
    Traceback (most recent call last):
    kg.errors.StoreError: cannot tell the output format of 'graph.csv' from its extension '.csv'; ...
    """
    from .export import EXTENSIONS
    from .propertygraph import WRITERS
    from .store import DATASET_EXTENSIONS

    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS and ext not in DATASET_EXTENSIONS and ext not in WRITERS:
        raise StoreError(f"cannot tell the output format of {os.fspath(path)!r} from its extension "
                         f"{ext or '(none)'!r}; allowed: {', '.join([*EXTENSIONS, *DATASET_EXTENSIONS])} (RDF), "
                         f"{', '.join(WRITERS)} (property graph)")


def write_output(store: pyoxigraph.Store, path: str | os.PathLike[str],
                 progress: Callable[[int], None] | None = None) -> Path:
    """Write a store's graph to ``path``, atomically: RDF by extension (N-Quads, TriG, N-Triples and Turtle
    streamed from the store), or a property graph (``.graphml``, ``.gexf``, ``.json``, ``.cypher``: see
    :data:`kg.propertygraph.WRITERS`). The same store gives the same bytes. ``progress`` is called with the
    number of quads read so far, for the streamed syntaxes."""
    from .propertygraph import WRITERS, write_property_graph
    from .store import export_store, store_to_graph

    check_output(path)
    if Path(path).suffix.lower() in WRITERS:
        return write_property_graph(store_to_graph(store), path)
    return export_store(store, path, progress=progress)


# -- inputs ---------------------------------------------------------------------------------------------
def _items(inputs: Source | Iterable[Source]) -> Iterator[Source]:
    if isinstance(inputs, (str, os.PathLike, Document)):
        yield inputs
    elif isinstance(inputs, (bytes, bytearray)):
        raise InputError("kg.build takes texts as str, not bytes; decode them first (or give the file's path)")
    else:
        try:
            it = iter(inputs)
        except TypeError:
            raise InputError(f"kg.build cannot read a {type(inputs).__name__}; expected a text, a path, a "
                             f"kg Document, or an iterable of them") from None
        yield from it


def _is_path(text: str) -> bool:
    """A one-line string that names an existing file or folder is a path; else it is a text, except a
    one-line string ending like an article file, which is refused as a missing file rather than built as a
    one-line article."""
    if "\n" in text or "\r" in text or len(text) > 4096:
        return False
    try:
        if os.path.exists(text):
            return True
    except (ValueError, OSError):  # a NUL character, a name too long
        return False
    if text.strip() == text and text.lower().endswith(_PATH_SUFFIXES):
        raise InputError(f"{text}: no such file or folder (a one-line string ending in "
                         f"{text[text.rfind('.'):]!r} is taken for a path; to build it as a text, pass "
                         f"kg.ingest.parse_text(text, 'name')")
    return False


def _sources(inputs: Source | Iterable[Source], *, lang: str | None, encoding: str, markdown: bool,
             max_chars: int | None) -> Iterator[tuple | Any]:
    """The units of work of :func:`kg.corpus.iter_sources` for texts, paths and documents, lazily."""
    from .corpus import Skipped, iter_sources
    from .ingest import parse_text

    for n, item in enumerate(_items(inputs), 1):
        if isinstance(item, Document):
            yield ("doc", item)
            continue
        if isinstance(item, os.PathLike):
            path: str | None = os.fspath(item)
        elif isinstance(item, str):
            try:
                path = item if _is_path(item) else None
            except InputError as e:
                yield Skipped(item, str(e))
                continue
        else:
            raise InputError(f"input {n} is a {type(item).__name__}; expected a text (str), a path or a "
                             f"kg Document")
        if path is not None:
            yield from iter_sources([path], lang=lang, encoding=encoding, markdown=markdown, max_chars=max_chars)
            continue
        source = f"<text {n}>"
        try:
            yield ("doc", parse_text(item, source, lang, max_chars=max_chars))
        except InputError as e:
            yield Skipped(source, str(e))


def _count(inputs: Source | Iterable[Source], markdown: bool) -> int | None:
    """How many documents a list of inputs holds, for the progress bar; None for a stream."""
    from .corpus import count_inputs

    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    if not isinstance(inputs, (list, tuple)):
        return None
    total = 0
    for item in inputs:
        path = os.fspath(item) if isinstance(item, os.PathLike) else item if isinstance(item, str) else None
        try:
            is_path = path is not None and (isinstance(item, os.PathLike) or _is_path(path))
        except InputError:
            is_path = False
        total += (count_inputs([path], markdown) or 0) if is_path and path is not None else 1
    return total


# -- building -------------------------------------------------------------------------------------------
def build(inputs: Source | Iterable[Source], lang: str | None = None, *,
          store: str | os.PathLike[str] | None = None, base_iri: str | None = None, min_confidence: float = 0.0,
          background: bool = False, workers: int = 1, encoding: str = "utf-8", markdown: bool = False,
          max_chars: int | None = MAX_CHARS, max_sentence_tokens: int | None = MAX_SENTENCE_TOKENS,
          errors: Literal["raise", "skip"] = "raise", progress: bool | None = None) -> Graph:
    """Build the knowledge graph of texts, files, folders, JSONL files or documents, as ``kg build`` does.

    Parameters
    ----------
    inputs : str, PathLike, Document, or an iterable of them
        What to build, streamed in order: a ``pathlib.Path`` is a file or folder (folders recursively:
        ``.txt``, ``.html``, ``.htm``, ``.jsonl``); a ``str`` is a path when it is one line naming an
        existing file or folder, and the text of an article otherwise (a one-line string ending in
        ``.txt``, ``.md``, ``.html``, ``.htm`` or ``.jsonl`` that names no file is an error, not an
        article); a :class:`~kg.model.Document` (from :mod:`kg.ingest`) is built as it is.
    lang : {"fr", "en"}, optional
        The language of the texts and files; detected per document when not given. A Document keeps its own.
    store : str or PathLike, optional
        A store folder (created if missing) to build into and read from, as ``kg build --store``: what is
        already there stays, documents already there are not parsed again. Default: a store in memory.
    base_iri : str, optional
        The base of the IRIs (default ``https://kg.example.org/``, or the one ``store`` was built with).
    min_confidence : float, default 0.0
        Statements below this confidence are left out (``kg build --min-confidence``).
    background : bool, default False
        Keep statements completed from the gazetteer (``kg build --background-knowledge``).
    workers : int, default 1
        Processes that read and parse (``kg build --workers``).
    encoding, markdown, max_chars, max_sentence_tokens
        As ``kg build --encoding``, ``--markdown``, ``--max-chars`` and ``--max-sentence-tokens``.
    errors : {"raise", "skip"}, default "raise"
        An input that cannot be read (missing, binary, too long, in another language, a bad JSONL line):
        "raise" stops with its :class:`~kg.errors.InputError`; "skip" builds the others, warns, and lists it
        in ``graph.report.skipped``.
    progress : bool, optional
        Show a progress bar on standard error; default: when standard error is a terminal.

    Returns
    -------
    Graph
        The graph; ``graph.report`` says what the build did (:class:`kg.corpus.BuildReport`).

    Raises
    ------
    InputError
        An input cannot be read (with ``errors="raise"``), none can, or an option is out of range.
    ModelNotInstalled
        The spaCy model of a language is missing.

    Examples
    --------
    >>> graph = kg.build(["Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
    ...                   "Olaf Scholz met Donald Tusk in Warsaw on Friday."], lang=None)
    >>> graph.stats()["documents"], sorted({st.relation for st in graph.statements()})
    (2, ['met'])
    >>> graph.write("graph.ttl")  # the same bytes as kg build -o graph.ttl
    PosixPath('graph.ttl')
    """
    from .corpus import BuildReport, Skipped, build_corpus
    from .export import DEFAULT_BASE_IRI
    from .store import open_store as open_pyoxigraph, store_base

    if lang is not None and lang not in SUPPORTED_LANGUAGES:
        raise InputError(f"language {lang!r} is not supported; allowed: {', '.join(SUPPORTED_LANGUAGES)}")
    if errors not in ("raise", "skip"):
        raise InputError(f"errors={errors!r}; allowed: 'raise', 'skip'")
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)) \
            or not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"min_confidence={min_confidence!r}; allowed: a number from 0 to 1")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers={workers!r}; allowed: a whole number from 1")
    if store is None:
        import pyoxigraph

        db = pyoxigraph.Store()
    else:
        db = open_pyoxigraph(store, create=True)
    if base_iri is None:
        try:
            base_iri = store_base(db)
        except StoreError:  # a new store
            base_iri = DEFAULT_BASE_IRI
    report_skipped: list[Skipped] = []
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=_count(inputs, markdown), desc="building", unit="doc", file=sys.stderr, leave=False)

    def on_skip(s: Skipped) -> None:
        if errors == "raise":
            raise InputError(s.reason.removeprefix("kg: "))
        report_skipped.append(s)

    try:
        report: BuildReport = build_corpus(
            _sources(inputs, lang=lang, encoding=encoding, markdown=markdown, max_chars=max_chars), db,
            base_iri=base_iri, lang=lang, encoding=encoding, min_confidence=float(min_confidence), workers=workers,
            background=background, max_chars=max_chars, max_sentence_tokens=max_sentence_tokens,
            on_document=bar.update if bar is not None else None, on_skip=on_skip)
    finally:
        if bar is not None:
            bar.close()
    if report.built == 0:
        raise InputError(f"none of the {len(report.skipped)} input(s) could be built: "
                         + "; ".join(s.reason for s in report.skipped[:3])
                         + (" ..." if len(report.skipped) > 3 else "")
                         if report.skipped else "the inputs hold no document")
    if report.skipped:
        warnings.warn(f"kg: {len(report.skipped)} of {report.inputs} input(s) could not be built and were "
                      f"skipped (listed in graph.report.skipped): "
                      + "; ".join(s.reason for s in report.skipped[:3]), stacklevel=2)
    return Graph(db, report=report, name=None if store is None else os.fspath(store))


def open_store(path: str | os.PathLike[str]) -> Graph:
    """Open a store built by ``kg build --store DIR`` (or ``kg.build(..., store=DIR)``), read-only.

    Raises
    ------
    StoreError
        ``path`` is no store, an empty one, or one a build is writing to.

    Examples
    --------
    >>> kg.build("Olaf Scholz met Donald Tusk in Warsaw.", lang="en", store="store").close()
    >>> with kg.open_store("store") as graph:
    ...     [(st.subject, st.relation, st.object) for st in graph.statements()]
    [('Olaf_Scholz', 'met', 'Donald_Tusk')]
    """
    from .store import open_store as open_pyoxigraph, store_base

    db = open_pyoxigraph(path, read_only=True)
    store_base(db)  # an empty store is refused now, not at the first read
    return Graph(db, name=os.fspath(path))


# -- the graph ------------------------------------------------------------------------------------------
def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


class Graph:
    """A knowledge graph kg built, held in a store (in memory, or a store folder), read in several shapes.

    Made by :func:`build` and :func:`open_store`; every method reads the store anew. A Graph over a store
    folder keeps it open (other processes cannot build into it) until :meth:`close`, or the end of a
    ``with`` block.

    Attributes
    ----------
    report : kg.corpus.BuildReport or None
        What :func:`build` did (documents added, skipped inputs...); None for :func:`open_store`.
    name : str or None
        The store folder, None for a store in memory.
    """

    def __init__(self, store: pyoxigraph.Store, *, report: BuildReport | None = None,
                 name: str | None = None) -> None:
        self._db: pyoxigraph.Store | None = store
        self.report = report
        self.name = name

    # -- the store ---------------------------------------------------------------------------------
    @property
    def store(self) -> pyoxigraph.Store:
        """The pyoxigraph store, for SPARQL (``graph.store.query(q, use_default_graph_as_union=True)``); it
        also holds kg's bookkeeping graph, which :meth:`to_rdf` leaves out."""
        if self._db is None:
            raise StoreError(f"the graph{f' of {self.name!r}' if self.name else ''} is closed")
        return self._db

    @property
    def base_iri(self) -> str:
        """The base of the graph's IRIs."""
        from .store import store_base

        return store_base(self.store)

    def close(self) -> None:
        """Release the store (a store folder can then be built into again); reading afterwards is an error."""
        self._db = None

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- kg's own records --------------------------------------------------------------------------
    def _model(self) -> KnowledgeGraph:
        """The store's content as a :class:`kg.graph.KnowledgeGraph`: the extraction of every document,
        with its entity keys mapped to the canonical ones of the whole store (as the store's own graphs),
        and the merged entities."""
        from .graph import KnowledgeGraph
        from .merge import EntityIndex, extraction_from_json, map_statement
        from .store import _extractions

        db = self.store
        base = self.base_iri
        index = EntityIndex()
        extractions = []
        for _, data, _ in _extractions(db, base):
            doc, entities, statements = extraction_from_json(data)
            index.add(entities)
            extractions.append((doc, entities, statements))
        kg = KnowledgeGraph()
        for canonical, members in sorted(index.members().items()):
            kg.add_entity(index.describe(canonical, members))
        for doc, entities, statements in extractions:
            # the keys a document's graph uses, as kg.store.write_document maps them
            mapping = {e.key: index.canonical(e.key) for e in entities}
            for st in statements:
                for k in (st.subject, st.object, st.provenance.attributed_to):
                    if k and k not in mapping:
                        mapping[k] = index.canonical(k)
            kg.add_document(doc)
            for st in statements:
                kg.add_statement(map_statement(st, mapping))
        return kg

    def entities(self) -> list[Entity]:
        """Every entity (one per real-world entity across documents), sorted by key.

        >>> [(e.key, e.type, e.wikidata) for e in kg.build("Olaf Scholz met Donald Tusk.", lang="en").entities()]
        [('Donald_Tusk', 'Person', None), ('Olaf_Scholz', 'Person', 'Q61053')]
        """
        return self._model().entities()

    def statements(self) -> list[Statement]:
        """Every statement (negated, planned, possible ones and quotes too) in a stable order, each with its
        evidence (``st.provenance``: document id, sentence, offsets into the original file), polarity,
        modality and confidence.

        >>> st, = kg.build("Olaf Scholz did not meet Donald Tusk.", lang="en").statements()
        >>> st.relation, st.polarity, st.modality, st.confidence, st.provenance.sentence
        ('met', 'Negative', 'Asserted', 0.9, 'Olaf Scholz did not meet Donald Tusk.')
        """
        return self._model().statements()

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts, as ``kg stats --json`` prints them: documents, entities by type, statements by relation,
        and the ``top`` entities taking part in the most statements."""
        from .store import store_stats

        return store_stats(self.store, top=top)

    # -- other shapes ------------------------------------------------------------------------------
    def to_rdf(self, dataset: bool = False) -> rdflib.Graph:
        """The graph as RDF, the triples ``kg build -o graph.ttl`` writes (kg's bookkeeping left out).

        Parameters
        ----------
        dataset : bool, default False
            Give an ``rdflib.Dataset`` with one named graph per document and one for the entities, as
            ``kg build -o graph.trig`` writes, rather than their union.
        """
        from .store import store_to_dataset, store_to_graph

        return store_to_dataset(self.store) if dataset else store_to_graph(self.store)

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The property graph of ``kg build -o graph.graphml``: a ``networkx.MultiDiGraph`` whose nodes are
        entity IRIs (``type``, ``label``, ``labels``, ``wikidata``, ``geonames``, ``quotes``, ``acts``) and whose
        edges, keyed by statement IRI, carry the statement (``relation``, ``polarity``, ``modality``, ``confidence``,
        ``document``, ``sentence`` ...); quotes are in ``g.graph["quotes"]``, acts without object ("X resigned")
        in ``g.graph["acts"]``."""
        from .propertygraph import to_property_graph

        return to_property_graph(self.to_rdf())

    def to_pandas(self) -> tuple[pandas.DataFrame, pandas.DataFrame]:
        """Two DataFrames, ``(entities, statements)``, with the columns :data:`ENTITY_COLUMNS` and
        :data:`STATEMENT_COLUMNS` (one row per entity, one per statement, in the order of :meth:`entities`
        and :meth:`statements`). Needs pandas: ``pip install 'kg[pandas]'``.

        Entities: ``key`` (as in statements), ``iri``, ``label`` (English canonical name), ``type``
        (Person, Organization, Place), ``alt_labels`` (its other names, the RDF's ``skos:altLabel``, as
        ``name@lang`` joined by `` | ``),
        ``wikidata`` ("Q30"), ``geonames`` (an integer), ``part_of`` (the key of what an actor named by
        description belongs to), ``local_to`` (the document of an actor named only by description).

        Statements: ``iri``, ``subject`` and ``object`` (entity keys; ``object`` is missing for a quote),
        ``subject_label``, ``object_label``, ``relation``, ``quote`` and its ``lang``, ``polarity``
        (Positive, Negative), ``modality`` (Asserted, Planned, Possible), ``confidence`` (0 to 1),
        ``document`` (its id), ``document_title``, ``sentence`` (the evidence) with ``begin`` and ``end``
        (offsets into the original file), ``attributed_to`` (who made a reported claim), ``role`` (of
        role_in and member_of), ``cameo`` (the event's own CAMEO code), ``basis`` (background knowledge it
        rests on), ``date`` (when the event happened, as its clause says: ISO 8601 at the precision the text
        gives, "2022-01-21", "2011-03" or "2011"), ``place`` and ``place_label`` (where it happened: a place
        entity's key and label). Text columns have pandas' string type, ``confidence`` is a float, ``begin`` and ``end``
        integers, ``geonames`` a nullable integer; a missing value is NA (``pandas.isna``).

        Raises
        ------
        KGError
            pandas is not installed.

        Examples
        --------
        >>> entities, statements = kg.build("Olaf Scholz met Donald Tusk.", lang="en").to_pandas()
        >>> statements[["subject_label", "relation", "object_label", "confidence"]]
          subject_label relation object_label  confidence
        0   Olaf Scholz      met  Donald Tusk         0.9
        """
        try:
            import pandas as pd
        except ImportError:
            raise KGError(f"Graph.to_pandas needs pandas, which is not installed; install kg's "
                          f"'{PANDAS_EXTRA}' extra: pip install 'kg[{PANDAS_EXTRA}]'") from None
        from .export import entity_iri, statement_iri

        kg = self._model()
        base = self.base_iri
        entities = kg.entities()
        labels = {e.key: e.label for e in entities}
        titles = {d.id: d.title for d in kg.documents.values()}
        rows = [(e.key, str(entity_iri(base, e.key)), e.label, e.type,
                 " | ".join(f"{t}@{lang}" if lang else t for t, lang in sorted(e.alt_labels)
                            if (t, lang) != (e.label, "en")) or None,
                 e.wikidata, e.geonames, e.part_of, e.local_to) for e in entities]
        ents = pd.DataFrame.from_records(rows, columns=list(ENTITY_COLUMNS))
        # the same types whatever the data: a column with no value is not left as objects
        ents = ents.astype({**{c: "str" for c in ENTITY_COLUMNS}, "geonames": "Int64"})
        rows = []
        for st in kg.statements():
            p = st.provenance
            rows.append((str(statement_iri(base, st)), st.subject, labels.get(st.subject, st.subject), st.relation,
                         st.object, labels.get(st.object, st.object) if st.object else None, st.quote, st.lang,
                         st.polarity, st.modality, float(st.confidence), p.document, titles.get(p.document),
                         p.sentence, p.begin, p.end, p.attributed_to, st.role, st.event_code, st.basis,
                         st.date, st.place, labels.get(st.place, st.place) if st.place else None))
        sts = pd.DataFrame.from_records(rows, columns=list(STATEMENT_COLUMNS))
        sts = sts.astype({**{c: "str" for c in STATEMENT_COLUMNS}, "confidence": "float64", "begin": "int64",
                          "end": "int64"})
        return ents, sts

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph to ``path``, atomically, in the format its extension names, exactly as
        ``kg build -o PATH`` and ``kg export -o PATH`` do: ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``,
        ``.xml``, ``.nq``, ``.trig`` (RDF) or ``.graphml``, ``.gexf``, ``.json``, ``.cypher`` (property graph).

        Raises
        ------
        StoreError
            The extension names no format, or the file cannot be written.
        """
        return write_output(self.store, path)

    def to_html(self, title: str | None = None) -> str:
        """The interactive page of ``kg viz -o page.html``: one HTML document that works offline.

        Raises
        ------
        InputError
            The graph has no entity.
        """
        from .propertygraph import layout, to_property_graph
        from .viz import generate_html

        pg = to_property_graph(self.to_rdf())
        if pg.number_of_nodes() == 0:
            raise InputError("the graph has no entity; nothing to draw")
        return generate_html(pg, title=title or self.name or "kg graph", positions=layout(pg)).decode("utf-8")

    # -- display -----------------------------------------------------------------------------------
    def __repr__(self) -> str:
        if self._db is None:
            return f"<kg.Graph{f' {self.name!r}' if self.name else ''}: closed>"
        s = self.stats(top=0)
        where = f" {self.name!r}" if self.name else ""
        return (f"<kg.Graph{where}: {_plural(s['documents'], 'document')}, "
                f"{_plural(s['entities'], 'entity', 'entities')}, {_plural(s['statements'], 'statement')}>")

    def _repr_html_(self) -> str:
        """What Jupyter shows: a summary table, and the interactive page in a sandboxed frame (its script
        and style inline, so it works without network)."""
        s = self.stats(top=0)
        e = html.escape
        by_type = "".join(f"<tr><td>{e(t)}</td><td>{n}</td></tr>" for t, n in s["by_type"].items())
        by_rel = "".join(f"<tr><td>{e(r)}</td><td>{n}</td></tr>"
                         for r, n in sorted(s["by_relation"].items(), key=lambda kv: (-kv[1], kv[0])))
        docs = Counter()  # statements per document
        titles = {}
        if s["documents"] <= 50:
            model = self._model()
            for st in model.statements():
                docs[st.provenance.document] += 1
            titles = {d.id: (d.title or d.source, d.lang) for d in model.documents.values()}
        doc_rows = "".join(f"<tr><td>{e(t)}</td><td>{e(lang)}</td><td>{docs[i]}</td></tr>"
                           for i, (t, lang) in sorted(titles.items(), key=lambda kv: kv[1]))
        table = ("<table class='kg-summary'><thead><tr><th colspan='2'>"
                 f"{_plural(s['documents'], 'document')}, {_plural(s['entities'], 'entity', 'entities')}, "
                 f"{_plural(s['statements'], 'statement')}</th></tr></thead><tbody>"
                 f"<tr><th>entity type</th><th>entities</th></tr>{by_type}"
                 f"<tr><th>relation</th><th>statements</th></tr>{by_rel}</tbody></table>")
        if doc_rows:
            table += ("<table class='kg-documents'><thead><tr><th>document</th><th>lang</th><th>statements</th>"
                      f"</tr></thead><tbody>{doc_rows}</tbody></table>")
        head = f"<div class='kg-graph'><div style='display:flex;gap:2em;align-items:flex-start'>{table}</div>"
        if s["entities"] == 0:
            return head + "<p>The graph has no entity: nothing to draw.</p></div>"
        if s["entities"] > VIZ_MAX_ENTITIES:
            return head + (f"<p>{s['entities']} entities: too many to draw here; open "
                           f"<code>graph.to_html()</code> written to a file, or <code>kg viz</code>.</p></div>")
        page = self.to_html()
        return head + (f"<iframe class='kg-viz' sandbox='allow-scripts' srcdoc=\"{html.escape(page, quote=True)}\" "
                       f"style='width:100%;height:640px;border:1px solid #ddd'></iframe></div>")

"""Read news articles into :class:`~kg.model.Document` records.

:func:`read_document` does the I/O: it checks the file (present, not empty, not binary, decodable),
decodes it and hands the string to :func:`parse_text` or :func:`parse_html`, pure functions that do
the work:

1. character normalisation: NFC, straight apostrophes, plain spaces, invisible characters removed,
   runs of spaces collapsed, paragraph breaks kept as blank lines;
2. removal of page furniture, line by line and conservatively: navigation and breadcrumb lines,
   counters and share buttons, "Lire aussi" / "Read more" teasers, links to the previous / next
   article, copyright, cookie and newsletter lines, lines without a letter or digit;
3. the dateline ("PARIS, 21 janvier (AFP) -", "WASHINGTON (Reuters) -", "4 juillet 2012. -") becomes
   the ``place`` / ``region`` / ``date`` / ``publisher`` metadata and leaves the text;
4. the headline of a plain-text article becomes the title, and stays in the text (for a page, the
   title comes from the HTML);
5. the language is detected (or given) and must be one of :data:`SUPPORTED_LANGUAGES`.

The vocabulary of steps 2 and 3 lives in ``ontologies/boilerplate.json``; the rules are written once
for every language.

Offsets
-------
``Document.offsets[i]`` is the offset of ``Document.text[i]`` in the *input string*: a character that
was replaced (a curly apostrophe, a no-break space) keeps the offset of the original character, a
character that was removed (a soft hyphen, a zero-width space, page furniture) has no entry, and one
last entry gives the end of the last mapped character. For a plain-text file the input string is the
file decoded as it is, ``path.read_bytes().decode(encoding)``: a byte-order mark is part of it, and line
ends are not translated. For an HTML page it is the text extracted from the page, as returned by
:func:`extract_html`: the offsets do not point into the HTML source. A character composed by NFC
from several input characters ("e" and a combining accent) maps to the first of them.

Examples
--------
>>> doc = parse_text("PARIS, 21 janvier (AFP) - Le ministre a parlé.", "x.txt", lang="fr")
>>> doc.text, doc.meta["place"], doc.meta["publisher"]
('Le ministre a parlé.', 'PARIS', 'AFP')
>>> doc.offsets[0]
26
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .errors import InputError, OntologyError
from .model import Document
from .resources import ontologies_dir

__all__ = [
    "SUPPORTED_LANGUAGES", "MAX_CHARS", "MAX_SENTENCE_TOKENS", "read_document", "open_regular", "check_name", "decode_bytes", "parse_text",
    "parse_html", "extract_html", "detect_language", "document_id", "furniture_kind", "document_date",
]

#: languages kg extracts from (ISO 639-1)
SUPPORTED_LANGUAGES = ("fr", "en")

HTML_SUFFIXES = (".html", ".htm")
#: the longest document kg reads, in characters (spaCy's own default ``nlp.max_length``): a longer text is
#: refused with one message before any cleaning or parsing, which would take minutes and gigabytes
MAX_CHARS = 1_000_000
#: an HTML page may be this many times larger than the text limit (markup, scripts, styles)
HTML_BYTES_PER_CHAR = 20
#: the longest sentence handed to the parser, in tokens: a longer run without a sentence end is cut (see
#: :func:`kg.nlp.sentence_bounds`), so that parsing and extraction stay linear in the length of a text
MAX_SENTENCE_TOKENS = 250
BOILERPLATE_PATH = ontologies_dir() / "boilerplate.json"

#: the languages the detector chooses among: French and English plus enough neighbours that a German
#: or Spanish article is named and refused instead of being forced onto the closer of fr and en
DETECTABLE_LANGUAGES = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "CATALAN", "ROMANIAN",
    "POLISH", "SWEDISH", "TURKISH", "RUSSIAN", "ARABIC", "CHINESE", "JAPANESE",
)
#: the detector reads at most this many characters: plenty to tell languages apart, and fast
DETECTION_SAMPLE = 5000

#: a headline is shorter than this; so is every line that the phrase-based furniture rules may drop
TITLE_MAX = 200
FURNITURE_MAX = 300
#: datelines are looked for in this many lines at the top of the article
DATELINE_LINES = 3

_ALLOWED = "a news article as .txt, .md, .html or .htm text"
_LANG_HINT = "give --lang fr or --lang en to override"
_BINARY_SAMPLE = 8192
#: file signatures of formats people mistake for articles, to name them in the error
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx / .odt document)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
)


# --------------------------------------------------------------------------------------------------
# reading files (the only I/O of this module, with the data file below)

def read_document(path: str | Path, lang: str | None = None, encoding: str = "utf-8",
                  max_chars: int | None = MAX_CHARS) -> Document:
    """Read one article file into a :class:`~kg.model.Document`.

    Parameters
    ----------
    path : str or Path
        A ``.txt`` / ``.md`` file, or an ``.html`` / ``.htm`` page (a file whose content starts with
        ``<!doctype`` or ``<html`` is read as HTML whatever its name; any other file is read as text).
    lang : {"fr", "en"}, optional
        The article's language; detected when not given.
    encoding : str, default "utf-8"
        The file's encoding, any Python codec name. A UTF-8 byte-order mark is accepted and skipped.
    max_chars : int or None, default :data:`MAX_CHARS`
        The longest text accepted (for a page: its extracted text); None for no limit. A file too large to
        hold such a text is refused before it is decoded.

    Returns
    -------
    Document
        ``source`` is ``path`` as given; offsets index the decoded file (see the module docstring).

    Raises
    ------
    InputError
        The file is missing, not a regular file (a FIFO, a device), empty or whitespace only, binary, not
        decodable with ``encoding``, longer than ``max_chars``, in a language other than French or English,
        or has no body text left after cleaning; or its name is not valid UTF-8.
    """
    source = check_name(str(path))
    html_name = Path(path).suffix.lower() in HTML_SUFFIXES
    limit = None if max_chars is None else max_chars * (HTML_BYTES_PER_CHAR if html_name else 4)
    data = _read_bytes(Path(path), source, limit, max_chars)
    raw = decode_bytes(data, source, encoding)
    if _looks_like_html(Path(path), raw):
        return parse_html(raw, source, lang, max_chars=max_chars)
    return parse_text(raw, source, lang, max_chars=max_chars)


def check_name(name: str) -> str:
    """``name`` itself when it is valid UTF-8 text, else :class:`InputError`: a file name in another encoding
    (which Python keeps as lone surrogates) cannot be printed, stored or written as RDF."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        raise InputError(f"{shown}: the file name is not valid UTF-8; rename the file to read it") from None
    return name


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def open_regular(path: str | Path, source: str | None = None):
    """Open a regular file for reading in binary mode, or raise :class:`InputError`.

    The file is opened without blocking and checked *after* opening, so that a FIFO, a device or a socket
    (which would block or never end) is refused at once, even one that replaced a file a moment before.
    """
    source = source or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{source}: no such file; expected {_ALLOWED}") from None
    except OSError as e:
        raise InputError(f"{source} cannot be read ({e.strerror}); expected {_ALLOWED}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "something else")
        if kind == "a directory":
            raise InputError(f"{source} is a directory; expected {_ALLOWED}")
        raise InputError(f"{source} is {kind}, not a regular file; only regular files are read "
                         "(give - to read standard input)")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_bytes(path: Path, source: str, limit: int | None = None, max_chars: int | None = None) -> bytes:
    """The file's bytes. A file of more than ``limit`` bytes, more than a text of ``max_chars`` characters
    can take, is refused without being read."""
    with open_regular(path, source) as fh:
        size = os.fstat(fh.fileno()).st_size
        if limit is not None and size > limit:
            raise InputError(_too_long(source, max_chars, f"{size:,} bytes"))
        try:
            data = fh.read() if limit is None else fh.read(limit + 1)
        except OSError as e:
            raise InputError(f"{source} cannot be read ({e.strerror}); expected {_ALLOWED}") from None
    if limit is not None and len(data) > limit:  # the file grew while it was read
        raise InputError(_too_long(source, max_chars, f"more than {limit:,} bytes"))
    return data


def _too_long(source: str, max_chars: int, found: str) -> str:
    return (f"{source} is too long ({found}): the limit is {max_chars:,} characters per document; split it, "
            f"or raise the limit with --max-chars")


def _check_length(text: str, source: str, max_chars: int | None) -> None:
    if max_chars is not None and len(text) > max_chars:
        raise InputError(_too_long(source, max_chars, f"{len(text):,} characters"))


def decode_bytes(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode a file's bytes, refusing empty, binary and undecodable content.

    Parameters
    ----------
    data : bytes
        The whole file.
    source : str
        The file's name, for the error messages.
    encoding : str, default "utf-8"
        Any Python codec name.

    Returns
    -------
    str
        The decoded text, a byte-order mark included (it is dropped later, as an invisible character),
        so that offsets into it are offsets into the file as any reader decodes it.

    Raises
    ------
    InputError
        With a one-line message saying what was found and what is allowed.
    """
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r} for {source}; give a codec name such as utf-8, latin-1 or cp1252"
        ) from None
    if not data:
        raise InputError(f"{source} is empty (0 bytes); expected {_ALLOWED}")
    _refuse_binary(data, source, codec)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{source} is not valid {encoding}: byte 0x{data[e.start:e.start + 1].hex()} at byte offset "
            f"{e.start} ({e.reason}); if the file uses another encoding, give it with --encoding "
            "(e.g. --encoding latin-1)"
        ) from None
    if not any(_visible(c) for c in text):
        raise InputError(f"{source} contains only whitespace ({len(data)} bytes); expected {_ALLOWED}")
    return text


def _refuse_binary(data: bytes, source: str, codec: str) -> None:
    wide = codec.startswith(("utf-16", "utf-32"))  # NUL bytes are normal there
    if not wide and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            f"{source} starts with a UTF-16 byte-order mark; give --encoding utf-16 to read it"
        )
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{source} looks like {kind}, not text; expected {_ALLOWED}")
    if wide:
        return
    head = data[:_BINARY_SAMPLE]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{source} is binary (NUL byte at byte offset {nul}); expected {_ALLOWED}")
    controls = sum(1 for b in head if (b < 32 and b not in b"\t\n\r\f\v\x1b") or b == 0x7F)
    if controls > 0.1 * len(head):
        raise InputError(
            f"{source} is binary ({controls} control bytes in its first {len(head)}); expected {_ALLOWED}"
        )


def _looks_like_html(path: Path, raw: str) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    start = raw.lstrip("\ufeff \t\r\n")[:9].lower()
    return start.startswith(("<!doctype", "<html"))


# --------------------------------------------------------------------------------------------------
# parsing strings (pure)

def parse_text(raw: str, source: str, lang: str | None = None, *, max_chars: int | None = MAX_CHARS) -> Document:
    """Clean a plain-text article into a :class:`~kg.model.Document`.

    Parameters
    ----------
    raw : str
        The article as decoded from its file.
    source : str
        Where it comes from (a path); kept in ``Document.source``. When it ends in ``.md``, Markdown
        heading, emphasis and link markup is removed too.
    lang : {"fr", "en"}, optional
        The article's language; detected when not given.
    max_chars : int or None, default :data:`MAX_CHARS`
        The longest ``raw`` accepted; None for no limit.

    Returns
    -------
    Document
        ``text`` is the cleaned body, ``offsets`` index ``raw``; ``title`` is the headline when the first
        line is one (short, no final punctuation, more text after it), and it stays in ``text``.

    Raises
    ------
    InputError
        ``raw`` is longer than ``max_chars``, no body text is left after cleaning, or the language is
        neither French nor English.

    Examples
    --------
    >>> doc = parse_text("Accueil Monde Un titre coupé...\\n\\nUn titre\\n\\nLe texte de l’article.", "a.txt", "fr")
    >>> doc.title, doc.text
    ('Un titre', "Un titre\\n\\nLe texte de l'article.")
    """
    _check_length(raw, source, max_chars)
    return _build(raw, source, lang, markdown=source.lower().endswith(".md"))


def parse_html(html: str, source: str, lang: str | None = None, *, max_chars: int | None = MAX_CHARS) -> Document:
    """Extract and clean the article of an HTML page into a :class:`~kg.model.Document`.

    Parameters
    ----------
    html : str
        The page.
    source : str
        Where it comes from (a path or a URL); kept in ``Document.source``.
    lang : {"fr", "en"}, optional
        The article's language; detected when not given.
    max_chars : int or None, default :data:`MAX_CHARS`
        The longest extracted text accepted (the page itself may be :data:`HTML_BYTES_PER_CHAR` times
        longer); None for no limit.

    Returns
    -------
    Document
        ``offsets`` index the text returned by :func:`extract_html` for ``html``, not the HTML source;
        ``title`` is the page's headline.

    Raises
    ------
    InputError
        The page or its text is too long, the page has no article text, or it is neither French nor
        English.
    """
    if max_chars is not None and len(html) > max_chars * HTML_BYTES_PER_CHAR:
        raise InputError(_too_long(source, max_chars, f"a page of {len(html):,} characters"))
    paragraphs, headings, title = _extract_html(html)
    if not paragraphs:
        raise InputError(f"{source}: no article text found in the HTML page; expected {_ALLOWED}")
    text = "\n\n".join(paragraphs)
    _check_length(text, source, max_chars)
    return _build(text, source, lang, title=title, headings=headings)


def _build(raw: str, source: str, lang: str | None, title: str | None = None,
           markdown: bool = False, headings: frozenset[str] = frozenset()) -> Document:
    if lang is not None:
        lang = lang.strip().lower()
        if lang not in SUPPORTED_LANGUAGES:
            raise InputError(f"language {lang!r} given for {source} is not supported; use fr or en")
    rules = _rules()
    norm = _normalise(raw)
    lines = _split_lines(norm, markdown)
    for line in lines:
        line.keep = bool(line.content.text) and furniture_kind(line.content.text, rules) is None
    if not any(line.keep for line in lines):
        raise InputError(
            f"{source}: no body text left after cleaning ({sum(bool(ln.content.text) for ln in lines)} "
            f"non-empty lines, all page furniture); expected {_ALLOWED}"
        )
    meta = _take_dateline([ln for ln in lines if ln.keep], rules, headings)
    kept = [ln for ln in lines if ln.keep]
    if not kept:
        raise InputError(f"{source}: no body text left after removing the dateline; expected {_ALLOWED}")
    if title is None and len(kept) > 1 and _title_like(kept[0].content.text):
        title = kept[0].content.text
    if title:
        title = _squash(title)
        meta["title"] = title
    body = _join(norm, lines)
    if lang is None:
        lang = _supported_language(body.text, source)
    return Document(
        id=document_id(body.text),
        source=source,
        lang=lang,
        text=body.text,
        offsets=tuple(body.starts) + (body.ends[-1],),
        title=title or None,
        meta=meta,
    )


def document_date(document: Document) -> date | None:
    """The day a document was written: its ``date`` metadata (a dateline's date, a record's ``published``
    date), normalised by :func:`kg.dates.normalise_date` in the document's language; None when there is
    none or it lacks its year ("21 janvier": the year is never guessed).

    >>> document_date(parse_text("PARIS, 4 juillet 2012 (AFP) - Le ministre a parlé.", "x.txt", lang="fr"))
    datetime.date(2012, 7, 4)
    """
    from .dates import normalise_date, parse_iso

    value = document.meta.get("date")
    if not value:
        return None
    found = normalise_date(str(value), document.lang)
    return parse_iso(found) if found else None


def document_id(text: str) -> str:
    """The stable id of a document: ``doc-`` and the first 16 hex digits of the SHA-1 of its text.

    >>> document_id("Le texte.")
    'doc-d9649a2c7bdc9add'
    """
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------------
# text with a map back to the input

class _Mapped:
    """A string whose every character remembers the span ``[start, end)`` it came from in the input."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str = "", starts: Sequence[int] = (), ends: Sequence[int] = ()):
        self.text, self.starts, self.ends = text, list(starts), list(ends)

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, k: slice) -> _Mapped:
        return _Mapped(self.text[k], self.starts[k], self.ends[k])

    def take(self, indices: Iterable[int]) -> _Mapped:
        indices = list(indices)
        return _Mapped("".join(self.text[i] for i in indices), [self.starts[i] for i in indices],
                       [self.ends[i] for i in indices])

    def drop(self, spans: Iterable[tuple[int, int]]) -> _Mapped:
        """The same text without the characters of ``spans``."""
        gone = set()
        for start, end in spans:
            gone.update(range(start, end))
        return self.take(i for i in range(len(self.text)) if i not in gone)


#: replacements beyond the general rules of _map_char
_CHAR_MAP = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'",
    "\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
    "\t": " ", "\x0b": " ", "\x0c": " ",
}


@lru_cache(maxsize=4096)
def _map_char(c: str) -> str:
    if c in _CHAR_MAP:
        return _CHAR_MAP[c]
    category = unicodedata.category(c)
    if category == "Zs":  # no-break, thin, narrow no-break ... spaces
        return " "
    if category in ("Cc", "Cf"):  # controls; soft hyphen, zero-width and bidi marks, byte-order mark
        return ""
    return c


def _visible(c: str) -> bool:
    return _map_char(c) not in ("", " ", "\n")


def _normalise(raw: str) -> _Mapped:
    """NFC and the character replacements, each output character mapped to its input span."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    composed = unicodedata.is_normalized("NFC", raw)
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        if raw[i] == "\r" and j < n and raw[j] == "\n":  # CRLF: the LF stands for the line end
            i = j
            continue
        if composed:
            piece = raw[i]
        else:
            # compose a base character with the combining marks after it; all of it maps to the base
            while j < n and unicodedata.combining(raw[j]):
                j += 1
            piece = unicodedata.normalize("NFC", raw[i:j])
        for c in piece:
            mapped = _map_char(c)
            if mapped:
                chars.append(mapped)
                starts.append(i)
                ends.append(j)
        i = j
    return _Mapped("".join(chars), starts, ends)


@dataclass
class _Line:
    start: int  # index of the line's first character in the normalised text
    end: int  # index of the newline that ends it (or the text's length)
    content: _Mapped  # the line stripped, spaces collapsed
    keep: bool = True


_MD_MARKUP = (
    re.compile(r"^ {0,3}#{1,6}(?: +|$)"),  # ATX heading marker
    re.compile(r" +#+ *$"),  # closing hashes of a heading
    re.compile(r"^ {0,3}> ?"),  # block quote marker
)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _strip_markdown(line: _Mapped) -> _Mapped:
    spans: list[tuple[int, int]] = []
    for pattern in _MD_MARKUP:
        spans += [m.span() for m in pattern.finditer(line.text)]
    spans += [m.span() for m in _MD_IMAGE.finditer(line.text)]
    for m in _MD_LINK.finditer(line.text):  # keep the link text only
        spans += [(m.start(), m.start(1)), (m.end(1), m.end())]
    for m in _MD_STRONG.finditer(line.text):
        spans += [(m.start(), m.start(2)), (m.end(2), m.end())]
    return line.drop(spans) if spans else line


#: wiki markup that dumps of wikis leave in article text: "[[w:Paul Volcker|Paul Volcker]]" (the
#: opening bracket is sometimes lost), "[[Ottawa]]", and a "{{byline|date}}" template reduced to a prefix
_WIKI_LINK = re.compile(r"\[\[?(?:[a-z]{1,3}:)?(?:[^\[\]|\n]+\|)?([^\[\]|\n]+)\]\]")
_WIKI_TEMPLATE = re.compile(r"\{\{[^{}\n]*\}\}|^byline\|date")


def _strip_wiki(line: _Mapped) -> _Mapped:
    spans = [m.span() for m in _WIKI_TEMPLATE.finditer(line.text)]
    for m in _WIKI_LINK.finditer(line.text):  # keep the link's text only
        spans += [(m.start(), m.start(1)), (m.end(1), m.end())]
    return line.drop(spans) if spans else line


def _tidy(line: _Mapped) -> _Mapped:
    """Strip the line and collapse its runs of spaces, keeping the first space of each run."""
    keep: list[int] = []
    after_space = True
    for k, c in enumerate(line.text):
        if c == " ":
            if after_space:
                continue
            after_space = True
        else:
            after_space = False
        keep.append(k)
    if keep and line.text[keep[-1]] == " ":
        keep.pop()
    return line.take(keep)


def _split_lines(norm: _Mapped, markdown: bool) -> list[_Line]:
    lines = []
    start = 0
    for end in [m.start() for m in re.finditer("\n", norm.text)] + [len(norm.text)]:
        content = norm[start:end]
        if markdown:
            content = _strip_markdown(content)
        if "[" in content.text or "{" in content.text or "byline|" in content.text:
            content = _strip_wiki(content)
        lines.append(_Line(start, end, _tidy(content)))
        start = end + 1
    return lines


def _join(norm: _Mapped, lines: list[_Line]) -> _Mapped:
    """The kept lines, separated by a blank line where the input had one and by a newline elsewhere.

    Separators are the input's own newlines (the one after the previous kept line, and the one before
    the next), so that they too map back.
    """
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    previous = None
    for index, line in enumerate(lines):
        if not line.keep:
            continue
        if previous is not None:
            newlines = [lines[previous].end]
            if any(not lines[k].content.text for k in range(previous + 1, index)):
                newlines.append(line.start - 1)
            for k in newlines:
                text.append("\n")
                starts.append(norm.starts[k])
                ends.append(norm.ends[k])
        text.append(line.content.text)
        starts += line.content.starts
        ends += line.content.ends
        previous = index
    return _Mapped("".join(text), starts, ends)


def _squash(text: str) -> str:
    """Normalise a string the way article text is normalised, on one line (for titles and matching)."""
    return " ".join("".join(_map_char(c) for c in unicodedata.normalize("NFC", text)).split())


# --------------------------------------------------------------------------------------------------
# page furniture and datelines

@dataclass(frozen=True)
class _Rules:
    """The compiled vocabulary of ``ontologies/boilerplate.json``."""

    nav_run: re.Pattern
    nav_anchor: re.Pattern
    counter: re.Pattern
    buttons: re.Pattern
    teaser: re.Pattern
    prev_next: re.Pattern
    legal: re.Pattern
    place_words: frozenset[str]  # month and weekday names, which a dateline's place cannot be
    date_led: re.Pattern
    place_led: re.Pattern
    date_only: re.Pattern
    place_only: re.Pattern  # a place after a dated dateline: "2 juillet 2012. - Québec - Le ..."


_SEPARATORS = "|>›»/·•:,\u2013\u2014-"
_SEP = "[" + re.escape(_SEPARATORS) + "]"
_OPENERS = "«\"“'(["
#: what may follow a teaser or previous / next label ("Lire aussi : ..."); not a comma, which a
#: sentence may put there ("Related to this, ...")
_LABEL_MARKS = ":>|»›/\u2013\u2014-"
_COPYRIGHT = re.compile(r"^(?:©|copyright\s*(?:©|\(c\)|\d{4})|\(c\)\s*\d{4})", re.I)
#: the upper-case letters (the re module has no \p{Lu}), for the capitalised words of a place name
_UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x2000) if chr(c).isupper()) + "]"
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")


def _words(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` as whole words, longest first."""
    unique = sorted({w.lower() for w in words}, key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(w) for w in unique) + r")(?!\w)"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    try:
        with open(BOILERPLATE_PATH, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise OntologyError(f"data file {BOILERPLATE_PATH} is missing; reinstall kg from its repository") from None
    except json.JSONDecodeError as e:
        raise OntologyError(f"data file {BOILERPLATE_PATH} is not valid JSON: {e}") from None

    def every(*keys: str) -> list[str]:
        found = []
        for name, section in data.items():
            if name.startswith("_"):
                continue
            value = section
            for key in keys:
                value = value.get(key, {}) if isinstance(value, dict) else {}
            if not isinstance(value, list):
                if value:
                    raise OntologyError(f"{BOILERPLATE_PATH}: {name}.{'.'.join(keys)} must be a list")
                continue
            found += value
        return found

    anchors = every("navigation", "anchors")
    nav_term = _words(anchors + every("navigation", "sections"))
    counter = _words(every("counters"))
    number = r"\d[\d .,]*[kKmM]?"
    gap = rf"[\s{re.escape(_SEPARATORS)}]*"
    months = _words(every("months"))
    weekdays = every("weekdays")
    day = r"\d{1,2}(?:" + "|".join(re.escape(o) for o in every("ordinals")) + r")?(?!\w)"
    date = (
        rf"(?:{_words(weekdays)},?\s+)?"
        rf"(?:{day}\s+{months}\.?(?:\s+\d{{4}})?"
        rf"|{months}\.?\s+{day}(?:,?\s+\d{{4}})?"
        rf"|{months}\.?\s+\d{{4}}"
        r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    )
    # capitalised words, with short lowercase particles inside: "Rio de Janeiro"
    word = rf"(?-i:{_UPPER})[\w.'-]*"
    place = rf"{word}(?:(?: (?-i:[a-z]{{1,3}}))* {word}){{0,3}}"
    on = r"(?:(?:le|on)\s+)?"  # "Le 5 mai 2012 -", "On May 5 -"
    publisher = r"(?:\s*\((?P<publisher>[^()\n]{1,60})\))?"
    # a hyphen-minus dash needs a space before it, so that "Saint-Denis" is no dateline
    dash = r"(?:\s*[\u2013\u2014]{1,2}\s*|\s+--?(?:\s+|$))"
    return _Rules(
        nav_run=re.compile(rf"(?:\s*{_SEP}*\s*{nav_term})+", re.I),
        nav_anchor=re.compile(rf"\s*{_SEP}*\s*{_words(anchors)}", re.I),
        # a number, alone or with what it counts, or a count in brackets: "12 comments", "Commentaires (3)"
        counter=re.compile(rf"{number}\s*(?:{counter})?|{counter}\s*\(\s*{number}\s*\)", re.I),
        # numbers without inner spaces here, or the repetition backtracks
        buttons=re.compile(rf"(?:{gap}(?:{_words(every('buttons') + every('counters'))}|\d+(?:[.,]\d+)?[kKmM]?))+{gap}",
                           re.I),
        teaser=re.compile(rf"{_words(every('teasers'))}", re.I),
        prev_next=re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in every('prev_next'))})", re.I),
        legal=re.compile(_words(every("legal")), re.I),
        place_words=frozenset(w.lower() for w in every("months") + weekdays),
        date_led=re.compile(
            rf"{on}(?P<date>{date})\.?(?:,?\s+(?P<place>{place})(?:, (?P<region>{place}))?)?\.?{publisher}{dash}",
            re.I),
        place_led=re.compile(
            rf"(?P<place>{place})(?:, (?P<region>{place}))?(?:,?\s+{on}(?P<date>{date}))?\.?{publisher}{dash}",
            re.I),
        date_only=re.compile(rf"{on}(?P<date>{date})\.?", re.I),
        place_only=re.compile(rf"(?P<place>{place})(?:, (?P<region>{place}))?\.?{dash}", re.I),
    )


def furniture_kind(line: str, rules: _Rules | None = None) -> str | None:
    """Name the page-furniture rule that a normalised line matches, or None for a body line.

    Parameters
    ----------
    line : str
        One line, normalised (straight apostrophes, single spaces, stripped).
    rules : optional
        The compiled vocabulary; loaded from ``ontologies/boilerplate.json`` when not given.

    Returns
    -------
    str or None
        ``"separator"``, ``"legal"``, ``"navigation"``, ``"counter"``, ``"buttons"``, ``"teaser"`` or
        ``"prev_next"``.

    Examples
    --------
    >>> furniture_kind("12 comments"), furniture_kind("Lire aussi : un autre article")
    ('counter', 'teaser')
    >>> furniture_kind("Le ministre a lu aussi le rapport.") is None
    True
    """
    rules = rules or _rules()
    if not any(c.isalnum() for c in line):
        return "separator"
    short = len(line) < FURNITURE_MAX
    if short and (_COPYRIGHT.match(line) or rules.legal.search(line)):
        return "legal"
    if _is_navigation(line, rules):
        return "navigation"
    if rules.counter.fullmatch(line):
        return "counter"
    if len(line) < 120 and rules.buttons.fullmatch(line):
        return "buttons"
    m = rules.teaser.match(line)
    if m:
        rest = line[m.end():].lstrip()
        # a label alone, or followed by a separator, or in capitals: "LIRE AUSSI Un titre"
        if not rest or rest[0] in _LABEL_MARKS or m.group().isupper():
            return "teaser"
    m = rules.prev_next.match(line)
    if m and short:
        rest = line[m.end():].lstrip()
        # the link text may be glued to the label: "Article suivantL'explosion ..."
        if not rest or rest[0] in _LABEL_MARKS + _OPENERS or rest[0].isupper() or rest[0].isdigit():
            return "prev_next"
    return None


def _is_navigation(line: str, rules: _Rules) -> bool:
    run = rules.nav_run.match(line)
    if not run:
        return False
    terms = len(re.findall(r"\w+(?:'\w+)*", run.group()))
    anchored = rules.nav_anchor.match(line) is not None
    rest = line[run.end():].strip()
    if not rest.strip(_SEPARATORS + " "):  # a menu bar: "Home | World | Business"
        return anchored or terms >= 2
    if not anchored:
        return False
    after_anchor = line[rules.nav_anchor.match(line).end():].lstrip()
    # a breadcrumb ("Accueil > Monde > ...") or menu words then a truncated headline ("... sans...")
    return (after_anchor[:1] in set(">›»/|") and len(line) < FURNITURE_MAX) or (
        terms >= 2 and _ELLIPSIS.search(rest) is not None and len(line) < FURNITURE_MAX)


def _valid_place(place: str | None, rules: _Rules) -> bool:
    """A month or a weekday is no place: "Monday, Jan. 5 -" starts with a date."""
    if not place:
        return True
    words = place.split()
    return words[0].lower() not in rules.place_words and words[-1].lower() not in rules.place_words


def _match_dateline(line: str, rules: _Rules, place_led: bool,
                    after_date: bool = False) -> tuple[int, dict[str, str]] | None:
    """Match a dateline at the start of ``line``: its end and its fields, or None.

    ``place_led`` allows datelines that start with a place; ``after_date`` looks for the place alone
    that may follow a dated dateline.
    """
    if after_date:
        patterns = (rules.place_only,)
    else:
        m = rules.date_only.fullmatch(line)
        if m:  # a date on a line of its own: "December 13, 2004"
            return len(line), {"date": m.group("date")}
        patterns = (rules.date_led, rules.place_led) if place_led else (rules.date_led,)
    for pattern in patterns:
        m = pattern.match(line)
        if not m:
            continue
        fields = {k: v.strip() for k, v in m.groupdict().items() if v}
        for key in ("place", "region"):
            if key in fields and fields[key].endswith(".") and "." not in fields[key].split()[-1][:-1]:
                fields[key] = fields[key][:-1]  # a full stop ("Spain. -"), not an abbreviation ("D.C.")
        if not (_valid_place(fields.get("place"), rules) and _valid_place(fields.get("region"), rules)):
            continue
        if pattern is rules.place_led:
            place = fields["place"]
            loud = sum(c.isalpha() for c in place) >= 2 and place.isupper()  # "WASHINGTON -"
            if not (loud or len(fields) > 1):  # a bare capitalised word is a sentence opener
                continue
        rest = line[m.end():]
        # the sentence after a dateline starts like a sentence: "However, Obama - who ..." is no dateline
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENERS):
            continue
        return m.end(), fields
    return None


def _take_dateline(kept: list[_Line], rules: _Rules,
                   headings: frozenset[str] = frozenset()) -> dict[str, str]:
    """Remove the dateline from the top lines of the article and return its fields.

    A dateline is a line of its own or the start of a body paragraph (never of a headline), within the
    first :data:`DATELINE_LINES` lines after the ``headings`` (the headline and standfirst of an HTML
    page). One that starts with a date ("4 juillet 2012. -") may follow a lead paragraph; one that
    starts with a place ("PARIS, 21 janvier (AFP) -") must open the body, possibly after a headline:
    only a date is specific enough to be trusted further down.
    """
    meta: dict[str, str] = {}
    place_led = True
    top = [line for line in kept[:DATELINE_LINES + len(headings)] if line.content.text not in headings]
    for line in top[:DATELINE_LINES]:
        text = line.content.text
        found = _match_dateline(text, rules, place_led)
        if found and found[0] == len(text):  # a dateline of its own; another one may follow
            _merge(meta, found[1])
            line.keep = False
            continue
        if found and not _title_like(text):  # the start of a body paragraph
            _merge(meta, found[1])
            line.content = _tidy(line.content[found[0]:])
            if "date" in found[1] and "place" not in found[1]:
                place = _match_dateline(line.content.text, rules, True, after_date=True)
                if place:
                    _merge(meta, place[1])
                    line.content = _tidy(line.content[place[0]:])
            break
        if not _title_like(text):
            place_led = False
    return meta


def _merge(meta: dict[str, str], fields: dict[str, str]) -> None:
    for key, value in fields.items():
        meta.setdefault(key, value)


_FINAL_PUNCTUATION = re.compile(r"[.!?…:;,][\"'»”)\]]*$")


def _title_like(line: str) -> bool:
    """Short, without final sentence punctuation and with a letter: a headline, or a dateline."""
    return (0 < len(line) < TITLE_MAX and not _FINAL_PUNCTUATION.search(line)
            and any(c.isalpha() for c in line))


# --------------------------------------------------------------------------------------------------
# HTML

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = _HEADINGS + ("p", "li", "blockquote")
_NOT_ARTICLE = ("nav", "footer", "aside", "form", "script", "style", "noscript")


def extract_html(html: str) -> tuple[str, str | None]:
    """The article text of an HTML page, and its title.

    The main text comes from trafilatura (no comments, precision over recall), completed with the
    headline and standfirst headings right above the first paragraph it kept (trafilatura's precision
    mode drops them, yet headlines state relations too). When trafilatura finds nothing (or cannot be
    imported), the text of the page's headings, ``<p>``, ``<li>`` and ``<blockquote>`` elements
    outside navigation, footers and forms is used instead.

    Parameters
    ----------
    html : str
        The page.

    Returns
    -------
    text : str
        One paragraph a line, paragraphs separated by a blank line; the string that the offsets of
        :func:`parse_html` index. Empty when the page has no text.
    title : str or None
        trafilatura's title, else the first ``<h1>``, else ``<title>``.
    """
    paragraphs, _, title = _extract_html(html)
    return "\n\n".join(paragraphs), title


def _extract_html(html: str) -> tuple[list[str], frozenset[str], str | None]:
    """The paragraphs of :func:`extract_html`, those of them that are headings, and the title."""
    tree = _html_tree(html)
    if tree is None:
        return [], frozenset(), None
    paragraphs, title = _trafilatura(html)
    if paragraphs:
        above = [h for h in _headings_above(tree, paragraphs[0]) if h not in paragraphs[:3]]
        paragraphs = above + paragraphs
    else:
        paragraphs = _simple_paragraphs(tree)
    if not title:
        for path in ("//h1", "//title"):
            found = [_squash(el.text_content()) for el in tree.xpath(path)]
            title = next((t for t in found if t), None)
            if title:
                break
    page_headings = {_squash(el.text_content()) for el in tree.iter(*_HEADINGS)}
    return paragraphs, frozenset(p for p in paragraphs if p in page_headings), title or None


def _html_tree(html: str):
    import lxml.etree
    import lxml.html

    try:
        try:
            return lxml.html.document_fromstring(html)
        except ValueError:  # a str that declares its encoding: lxml wants bytes then
            parser = lxml.html.HTMLParser(encoding="utf-8")
            return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:  # nothing to parse
        return None


def _trafilatura(html: str) -> tuple[list[str], str | None]:
    try:
        import trafilatura
    except ImportError as e:
        warnings.warn(f"trafilatura cannot be imported ({e}); HTML pages are read with a simple "
                      "paragraph extraction instead", RuntimeWarning, stacklevel=4)
        return [], None
    try:
        # the metadata for the title only: no extensive date search, whose fallback (dateparser trying
        # every locale) cost more than the rest of the page's extraction; kg reads no date from here
        result = trafilatura.bare_extraction(html, include_comments=False, favor_precision=True,
                                             with_metadata=True, date_extraction_params={"extensive_search": False})
    except Exception:  # noqa: BLE001 - a heuristic extractor failing on a page means "nothing found"
        return [], None
    if result is None:
        return [], None
    text = getattr(result, "text", None) or ""
    title = getattr(result, "title", None)
    paragraphs = [p for p in (_squash(line) for line in text.split("\n")) if p]
    return paragraphs, (_squash(title) if title else None)


def _headings_above(tree, first_paragraph: str) -> list[str]:
    """The headings right above the element that holds ``first_paragraph``, in page order."""
    key = _squash(first_paragraph)[:60]
    element = next((el for el in tree.iter(*_BLOCKS) if _squash(el.text_content()).startswith(key)), None)
    node, levels = element, 0
    while node is not None and node.tag not in ("body", "html") and levels < 3:
        headings: list[str] = []
        blocked = False
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):  # comments, processing instructions
                continue
            text = _squash(sibling.text_content())
            if sibling.tag in _HEADINGS and text:
                headings.append(text)
            elif text:
                blocked = True
                break
        if headings or blocked:
            return headings[::-1]
        node, levels = node.getparent(), levels + 1  # the body opens its container: look above it
    return []


def _simple_paragraphs(tree) -> list[str]:
    """The text of the page's text blocks outside navigation, footers and forms."""
    paragraphs = []
    for element in tree.iter(*_BLOCKS):
        ancestors = {a.tag for a in element.iterancestors()}
        if ancestors & set(_BLOCKS) or ancestors & set(_NOT_ARTICLE):
            continue  # counted with its block, or not part of the article
        text = _squash(element.text_content())
        if text:
            paragraphs.append(text)
    return paragraphs


# --------------------------------------------------------------------------------------------------
# language

@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in DETECTABLE_LANGUAGES)).build()


def _detect(text: str):
    language = _detector().detect_language_of(text[:DETECTION_SAMPLE])
    if language is None:
        raise InputError(
            f"cannot tell the language of the text ({len(text)} characters without recognisable words); "
            f"{_LANG_HINT}"
        )
    return language


def detect_language(text: str) -> str:
    """The language of ``text``, as an ISO 639-1 code.

    The detector (lingua) chooses among :data:`DETECTABLE_LANGUAGES`, is built once, and is
    deterministic.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``"fr"``, ``"en"``, ``"de"`` ...

    Raises
    ------
    InputError
        The text has no recognisable words.

    Examples
    --------
    >>> detect_language("Der Außenminister traf seinen Amtskollegen am Freitag in Wien.")
    'de'
    """
    return _detect(text).iso_code_639_1.name.lower()


def _supported_language(text: str, source: str) -> str:
    try:
        language = _detect(text)
    except InputError as e:
        raise InputError(f"{source}: {e}") from None
    code = language.iso_code_639_1.name.lower()
    if code not in SUPPORTED_LANGUAGES:
        raise InputError(
            f"{source} is written in {language.name.title()} ({code}); kg reads French (fr) and English (en) "
            f"only; {_LANG_HINT}"
        )
    return code

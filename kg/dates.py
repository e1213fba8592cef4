"""Dates as the text gives them, normalised: a dateline, a published date, a clause's time complement.

:func:`normalise_date` turns a date phrase into ISO 8601 at the precision the text gives: ``YYYY-MM-DD``
for a day (``xsd:date``), ``YYYY-MM`` for a month named alone (``xsd:gYearMonth``), ``YYYY`` for a year
(``xsd:gYear``). A phrase that needs the day of writing to be read ("vendredi", "yesterday", "le 6
février" without its year) is resolved against ``reference``; without one it gives ``None``, never
today's date, so the result depends only on the text.

Two kinds of phrase, read two ways:

- **calendar dates** ("le 6 février 1998", "July 4, 2012", "mars 2011", "12/07/2012", "2012-07-04"):
  `dateparser <https://dateparser.readthedocs.io>`_, with the language's order of day and month, and
  the year from ``reference`` when the phrase has none;
- **deixis**, words relative to the day of writing ("hier", "yesterday", "vendredi", "ce mardi",
  "lundi dernier", "next Tuesday", "l'an dernier", "last month"): counted here from ``reference``, with
  the words in the ``time_expressions`` section of ``ontologies/lexicon/{lang}/lexicon.json``. A weekday
  alone is the nearest such day in the direction the clause's tense points to, the day of writing
  itself included ("vendredi" in a Friday's paper is that Friday), which dateparser does not do.

A week ("la semaine dernière") has no XML Schema type and gives ``None``; so do durations ("trois
jours") and times set by the narrative rather than the day of writing ("la veille", "the next day").

>>> from datetime import date
>>> normalise_date("4 juillet 2012", "fr")
'2012-07-04'
>>> normalise_date("vendredi", "fr", reference=date(2022, 1, 21))  # a Friday
'2022-01-21'
>>> normalise_date("last Tuesday", "en", reference=date(2022, 1, 21))
'2022-01-18'
>>> normalise_date("21 janvier", "fr") is None  # no year, no reference
True
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from .errors import OntologyError

__all__ = ["PAST", "FUTURE", "NEAREST", "TimeWords", "time_words", "normalise_date", "parse_iso", "iso_datatype"]

#: which way a phrase without a year or a weekday alone points from the day of writing: the clause's tense
PAST, FUTURE, NEAREST = "past", "future", "nearest"
_DIRECTIONS = (PAST, FUTURE, NEAREST)
_YEAR = re.compile(r"(1[0-9]|20|21)[0-9]{2}")
_NUMERIC_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")
#: two days of writing far apart: a phrase that reads the same from both needs none
_PROBES = (datetime(1901, 7, 1), datetime(2098, 7, 1))


@dataclass(frozen=True)
class TimeWords:
    """The words of one language's time complements (``time_expressions`` in its ``lexicon.json``)."""

    prepositions: frozenset[str]  # introduce a time complement: "en mars 2011", "on Friday"
    day_words: Mapping[str, int]  # word -> days from the day of writing: "hier" -1
    weekdays: tuple[str, ...]  # Monday first
    months: frozenset[str]  # names and abbreviations: a calendar date names one
    units: Mapping[str, str]  # "mois" -> "month": with this/last/next, a period around the day of writing
    this: frozenset[str]  # "ce", "this": the one of the day of writing
    last: frozenset[str]  # "dernier", "last": the one before
    next: frozenset[str]  # "prochain", "next": the one after
    parts_of_day: frozenset[str]  # "soir", "morning": within the day, say nothing more of the date
    ago: frozenset[str]  # "ago": counted back from the day of writing ("two days ago")

    @property
    def words(self) -> frozenset[str]:
        """Every word that can make a phrase a time complement."""
        return frozenset(self.day_words) | frozenset(self.weekdays) | self.months | frozenset(self.units) | self.ago


def _section(lang: str) -> dict:
    from .lexicon import LEXICON_DIR, read_json

    where = f"lexicon/{lang}/lexicon.json"
    if not (LEXICON_DIR / lang / "lexicon.json").is_file():
        raise OntologyError(f"no lexicon for language {lang!r}; expected {where}")
    data = read_json(Path("lexicon") / lang / "lexicon.json")
    value = data.get("time_expressions")
    if not isinstance(value, dict):
        raise OntologyError(f"{where}: section 'time_expressions' is missing")
    return value


@lru_cache(maxsize=None)
def time_words(lang: str) -> TimeWords:
    """The time words of ``lang`` ("fr", "en"), loaded once."""
    data = _section(lang)
    where = f"lexicon/{lang}/lexicon.json time_expressions"

    def words(key: str) -> frozenset[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise OntologyError(f"{where}: {key!r} must be a list of strings")
        return frozenset(w.lower() for w in value)

    weekdays = data.get("weekdays", [])
    if not isinstance(weekdays, list) or len(weekdays) != 7:
        raise OntologyError(f"{where}: 'weekdays' must list the 7 days, Monday first")
    day_words = data.get("day_words", {})
    if not isinstance(day_words, dict) or not all(isinstance(v, int) for v in day_words.values()):
        raise OntologyError(f"{where}: 'day_words' must map words to a number of days")
    units = data.get("units", {})
    if not isinstance(units, dict) or not set(units.values()) <= {"week", "month", "year"}:
        raise OntologyError(f"{where}: 'units' must map words to week, month or year")
    return TimeWords(
        prepositions=words("prepositions"), day_words={k.lower(): v for k, v in day_words.items()},
        weekdays=tuple(w.lower() for w in weekdays), months=words("months"),
        units={k.lower(): v for k, v in units.items()}, this=words("this"), last=words("last"),
        next=words("next"), parts_of_day=words("parts_of_day"), ago=words("ago"),
    )


def parse_iso(value: str) -> date | None:
    """The day of an ISO date or date-time ("2012-07-04", "2012-07-04T10:00:00Z"), or None."""
    value = value.strip()
    m = _ISO_DATETIME.fullmatch(value)
    text = m.group(1) if m else value
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def iso_datatype(value: str) -> str | None:
    """The XML Schema type of a value :func:`normalise_date` gives: ``date``, ``gYearMonth`` or ``gYear``."""
    m = _ISO.fullmatch(value)
    if not m:
        return None
    return "date" if m.group(3) else "gYearMonth" if m.group(2) else "gYear"


_WORD = re.compile(r"\w+(?:-\w+)*(?:'\w*)?|[^\w\s]")


def _words(text: str) -> list[str]:
    # "aujourd'hui" and "après-midi" stay one word, "l'an" gives "l'" and "an", as the lists spell them
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        if "'" in w[:-1] and w not in ("aujourd'hui",):
            head, rest = w.split("'", 1)
            out += [head + "'", rest]
        else:
            out.append(w)
    return out


def _weekday(day: int, reference: date, direction: str, strict: bool) -> date:
    delta = (day - reference.weekday()) % 7  # days forward to the next such day (0: the reference)
    back = (delta - 7) % -7  # days back to the previous one (0: the reference)
    if strict:  # "lundi dernier" on a Monday is a week ago
        back, delta = back or -7, delta or 7
    if direction == PAST:
        return reference + timedelta(days=back)
    if direction == FUTURE:
        return reference + timedelta(days=delta)
    step = back if -back <= delta else delta
    return reference + timedelta(days=step)


def _shift_month(reference: date, months: int) -> str:
    n = reference.year * 12 + reference.month - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _deixis(words: list[str], tw: TimeWords, reference: date | None, direction: str) -> str | None:
    """A phrase relative to the day of writing: a day word, a weekday, or a unit with this/last/next."""
    if reference is None:
        return None
    days = [tw.day_words[w] for w in words if w in tw.day_words]
    if days:
        return (reference + timedelta(days=days[0])).isoformat()
    last = any(w in tw.last for w in words)
    nxt = any(w in tw.next for w in words)
    if last and nxt:
        return None
    weekdays = [tw.weekdays.index(w) for w in words if w in tw.weekdays]
    if weekdays:
        if len(set(weekdays)) > 1:
            return None  # "lundi et mardi": more than one day
        way = PAST if last else FUTURE if nxt else direction
        return _weekday(weekdays[0], reference, way, strict=last or nxt).isoformat()
    units = [tw.units[w] for w in words if w in tw.units]
    this = any(w in tw.this for w in words)
    if units and (this or last or nxt):
        step = -1 if last else 1 if nxt else 0
        if units[0] == "year":
            return f"{reference.year + step:04d}"
        if units[0] == "month":
            return _shift_month(reference, step)
        return None  # a week has no XML Schema type
    if this and not units and len(words) == 1:
        return reference.isoformat()  # "ce matin", "this morning": the day of writing
    return None


@lru_cache(maxsize=4096)  # dateparser takes milliseconds a phrase; the same dates come back document after document
def _calendar(text: str, lang: str, reference: date | None, direction: str) -> str | None:
    """A calendar date read by dateparser, at the precision it names; from two far-apart days of writing
    when none is known, so that only a phrase that needs none is read."""
    from dateparser.date import DateDataParser

    prefer = {PAST: "past", FUTURE: "future", NEAREST: "current_period"}[direction]
    bases = (datetime(reference.year, reference.month, reference.day),) if reference else _PROBES
    found = set()
    for base in bases:
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
                    "PREFER_DAY_OF_MONTH": "first", "TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": False,
                    "PARSERS": ["custom-formats", "absolute-time", "relative-time"]}
        with warnings.catch_warnings():  # dateparser's time-zone helpers may warn; kg asks for days only
            warnings.simplefilter("ignore")
            data = DateDataParser(languages=[lang], settings=settings).get_date_data(text)
        if data is None or data.date_obj is None:
            return None
        d, period = data.date_obj, data.period
        if period in ("day", "time", "part_of_day"):
            found.add(d.date().isoformat())
        elif period == "month":
            found.add(f"{d.year:04d}-{d.month:02d}")
        elif period == "year":
            found.add(f"{d.year:04d}")
        else:
            return None  # a week
    return found.pop() if len(found) == 1 else None


def normalise_date(text: str, lang: str, reference: date | None = None, direction: str = PAST) -> str | None:
    """A date phrase as ISO 8601 at the precision it gives (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or
    None when it names no date or needs a ``reference`` (the day of writing) that is not given.

    Parameters
    ----------
    text : str
        A dateline's date, a published date, or a clause's time complement ("le 6 février 1998",
        "July 4, 2012", "vendredi", "on Tuesday", "hier", "ce mardi", "l'an dernier").
    lang : {"fr", "en"}
        The language of the words (an ISO date reads the same in every language).
    reference : datetime.date, optional
        The day of writing, which relative words count from.
    direction : {"past", "future", "nearest"}
        Where a weekday alone, or a calendar date without its year, lies from the day of writing: in
        the past for a past tense, ahead for a future, else the nearest.

    Examples
    --------
    >>> from datetime import date
    >>> ref = date(2022, 1, 21)
    >>> normalise_date("le 6 février 1998", "fr", ref), normalise_date("hier", "fr", ref)
    ('1998-02-06', '2022-01-20')
    >>> normalise_date("on Tuesday", "en", ref, "future"), normalise_date("en mars 2011", "fr")
    ('2022-01-25', '2011-03')
    """
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction {direction!r}; allowed: {', '.join(_DIRECTIONS)}")
    text = " ".join(text.split())
    if not text:
        return None
    iso = parse_iso(text)
    if iso is not None:
        return iso.isoformat()
    if _ISO.fullmatch(text) and iso_datatype(text) != "date":
        return text  # "2012-07", "2012"
    tw = time_words(lang)
    words = _words(text)
    content = [w for w in words if w not in tw.parts_of_day] or words
    calendar = any(w in tw.months for w in content) or any(_YEAR.fullmatch(w) for w in content) or \
        _NUMERIC_DATE.search(text) is not None
    if not calendar:
        if any(w in tw.ago for w in content) and reference is not None:
            return _calendar(text, lang, reference, PAST)
        return _deixis(content, tw, reference, direction)
    way = PAST if any(w in tw.last for w in content) else FUTURE if any(w in tw.next for w in content) \
        else direction
    # the modifiers are read above; dateparser reads the calendar words alone ("mars dernier" -> "mars")
    kept = text
    for w in sorted(tw.last | tw.next | tw.this | tw.parts_of_day):
        kept = re.sub(rf"(?<!\w){re.escape(w)}(?!\w)", " ", kept, flags=re.I)
    kept = " ".join(kept.split()).strip(" ,")
    if not kept:
        return None
    # the document's language first, whose order of day and month reads "12/07/2012"; then the others (an
    # English date in a French record's metadata)
    for lg in (lang,) + tuple(lg for lg in ("fr", "en") if lg != lang):
        found = _calendar(kept, lg, reference, way)
        if found is not None:
            return found
    return None

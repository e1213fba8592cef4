"""Where kg's data lives: the ``ontologies/`` folder (ontology, SHACL shapes, lexicon, gazetteer, roles,
boilerplate vocabulary).

In the repository it is the top-level ``ontologies/`` folder; a wheel carries the same files as the
package data ``kg/ontologies`` (``pyproject.toml`` maps the one onto the other). :func:`ontologies_dir`
finds the packaged copy through :mod:`importlib.resources`, else the source tree's, so a checkout, an
editable install and a wheel install all read the same files. Every module that reads a data file takes
its path from here.

>>> (ontologies_dir() / "kg.ttl").is_file()
True
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["SOURCE_DIR", "ontologies_dir"]

#: the data folder of a source checkout (or an editable install): ``ontologies/`` beside the package
SOURCE_DIR = Path(__file__).resolve().parent.parent / "ontologies"


@lru_cache(maxsize=1)
def ontologies_dir() -> Path:
    """The folder of kg's data files: the package data ``kg/ontologies`` of an installed wheel, else the
    source tree's ``ontologies/``.

    When neither exists the source tree's path is returned all the same: the loaders then raise
    :class:`~kg.errors.OntologyError` naming the file they miss. (kg reads its data as files, so it is
    not importable from a zip archive.)"""
    packaged = resources.files(__package__).joinpath("ontologies")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return SOURCE_DIR

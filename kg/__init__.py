"""kg: a knowledge-graph builder for news articles.

The Python API (see :mod:`kg.api`)::

    import kg

    graph = kg.build(["article.txt", "Antony Blinken a rencontré Sergueï Lavrov à Vienne."])
    graph.statements()          # kg.Statement records, with evidence, polarity, modality, confidence
    graph.to_rdf()              # rdflib, as kg build -o graph.ttl writes it
    graph.write("graph.ttl")    # any format of kg build -o
    kg.open_store("store/")     # the same reading methods over a store folder

Importing kg is cheap: the API, spaCy and the models are imported when first used. The spaCy component
``nlp.add_pipe("kg")`` is registered by kg's ``spacy_factories`` entry point, by ``import kg.component``,
and by ``import kg`` when spaCy is already imported.
"""
from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module that defines it, imported on first use
_LAZY = {
    "build": "kg.api", "open_store": "kg.api", "Graph": "kg.api", "Source": "kg.api",
    "Document": "kg.model", "Entity": "kg.model", "Statement": "kg.model", "Provenance": "kg.model",
    "KGError": "kg.errors", "InputError": "kg.errors", "ModelNotInstalled": "kg.errors",
    "StoreError": "kg.errors",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:
    from .api import Graph, Source, build, open_store
    from .errors import InputError, KGError, ModelNotInstalled, StoreError
    from .model import Document, Entity, Provenance, Statement


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


if "spacy" in sys.modules:  # spaCy is loaded already: registering the "kg" component costs nothing more
    from . import component  # noqa: E402,F401

"""The one exception tree of kg.

Every error a user can cause is a :class:`KGError`; the command line turns it into one message line and a
non-zero exit. Messages say what was found and what is allowed.
"""


class KGError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """An input document cannot be read: missing, empty, binary, undecodable or in an unsupported language."""

    exit_code = 2


class ModelNotInstalled(KGError):
    """A spaCy model that kg needs is not installed."""

    exit_code = 3


class OntologyError(KGError):
    """A data file under ontologies/ (ontology, lexicon, gazetteer) is missing or malformed."""

    exit_code = 4


class StoreError(KGError):
    """An output file or store cannot be written."""

    exit_code = 5


class QueryError(KGError):
    """A SPARQL query or update cannot be parsed or run: the message gives the position of a syntax error."""

    exit_code = 2


class PushError(KGError):
    """A remote SPARQL endpoint refused the graph, or could not be reached after the retries."""

    exit_code = 6


class ValidationError(KGError):
    """An RDF file or store does not conform to the SHACL shapes in ``ontologies/shapes.ttl``."""

    exit_code = 7

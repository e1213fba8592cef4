"""The worker processes of ``kg build --workers N``: forked from a fork server that loaded the models.

spaCy's own ``nlp.pipe(n_process=N)`` forks the process that loaded the model; a build cannot fork the
process that holds the store open, so it used to spawn fresh workers that each loaded the models again
(Python, spaCy, both pipelines, lexicons and gazetteer: about 5 s of CPU per worker, more than the
parsing of a hundred articles). Here a fork server, a fresh process, loads them once and the workers are
forked from it. This module imports nothing heavy: the process that writes the store needs none of it.
"""
from __future__ import annotations

__all__ = ["worker_context", "preload"]


def preload() -> None:
    """Load what a build worker needs for every configured language: its modules, the spaCy pipelines,
    the lexicons and the gazetteer, and the readers' HTML extractor and language detector. What fails
    here (a model not installed) is left for the worker to report when a document needs it."""
    import kg.corpus  # noqa: F401 - the code the workers run
    import kg.pipeline  # noqa: F401

    from .nlp import long_lived

    # what the workers share is frozen out of the garbage collector's sight: it is not walked again by
    # each worker's collections, which would also copy the pages it lies on (copy-on-write)
    with long_lived():
        _preload()


def _preload() -> None:
    from .lexicon import load_lexicon
    from .nlp import MODELS, load_pipeline

    for lang in sorted(MODELS):
        try:
            load_pipeline(lang)
            load_lexicon(lang)
        except Exception:  # noqa: BLE001 - reported by the worker that meets it
            pass
    # workers read the inputs too: the language detector loads its models on its first text. A text of more
    # than 120 characters needs only its trigram models (0.1 s of CPU); a short one all of them (3 s), which
    # a short input still loads when it comes
    try:
        import trafilatura  # noqa: F401

        from .ingest import detect_language

        detect_language("Le ministre a déclaré que la réunion avait été utile et que les discussions reprendraient "
                        "la semaine prochaine à Vienne avec les partenaires européens du pays.")
    except Exception:  # noqa: BLE001 - as above
        pass
    # dates are read by dateparser, which loads its data for a language on its first date (0.1 s of CPU)
    try:
        from .dates import normalise_date

        for phrase, lang in (("1 janvier 2012", "fr"), ("January 1, 2012", "en")):
            normalise_date(phrase, lang)
    except Exception:  # noqa: BLE001 - as above
        pass


def worker_context():
    """The multiprocessing context of ``kg build --workers N``: workers forked from a fork server that
    loaded the models once (:func:`preload`, through :mod:`kg._preload`), so that a worker starts in
    milliseconds instead of loading them again (about 5 s of CPU each). The fork server is a fresh
    process, not a fork of the one holding the store open; it ignores Ctrl-C and lives until the process
    that started it ends. Where there is no fork server (Windows), workers are spawned and load the
    models themselves."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kg._preload"])
    return ctx

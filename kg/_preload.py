"""Imported by the fork server of ``kg build --workers N`` (:func:`kg.workers.worker_context`): loads the
models, lexicons and gazetteer once, before the workers are forked from it."""
from .workers import preload

preload()

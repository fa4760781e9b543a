"""Fixtures shared by the suite."""

from pathlib import Path

import pytest

from tests import factories, paths

CORPUS = paths.CORPUS


@pytest.fixture
def corpus() -> Path:
    """The real documents in ../shared/corpus; tests that need them skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (it sits beside the repository in CI)")
    return CORPUS


@pytest.fixture
def site(db):
    """The portal's page tree: home page as the default site's root, directive and news
    indexes under it."""
    return factories.make_site()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the read counter keeps its window there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached statistics and rate-limit counters must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()

import pytest
from django.core.cache import cache

from kompass.comparison.queries import forget_data_stamp


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached statistics and rate-limit counters must not leak from one test into the next."""
    cache.clear()
    forget_data_stamp()
    yield
    cache.clear()
    forget_data_stamp()

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory per test, never to the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"

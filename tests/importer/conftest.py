import pytest


@pytest.fixture(autouse=True)
def _read_uploads_at_once(settings):
    """Uploads are read in the request in these tests; the browser test turns the background thread on."""
    settings.KOMPASS_IMPORT_IN_BACKGROUND = False

"""`kompass worker` without a broker explains that none is needed."""

import pytest
from django.core.management import CommandError, call_command


def test_the_worker_command_without_a_broker_says_none_is_needed(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with pytest.raises(CommandError, match="KOMPASS_BROKER_URL är tom: utan meddelandekö körs jobben direkt"):
        call_command("worker")

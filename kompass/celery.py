"""The Celery application: the background worker and its scheduler (`kompass worker`).

Configured from Django's settings (the CELERY_* names, see the end of settings.py). Without a broker
(KOMPASS_BROKER_URL empty) every task runs at once in the calling process, so a laptop needs no worker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")

app = Celery("kompass")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

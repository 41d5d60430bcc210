"""kompass: software for Kommunkompassen evaluations of Swedish municipalities."""

# Load the Celery application with Django, so that tasks bind to it (kompass/celery.py).
from kompass.celery import app as celery_app

__all__ = ["celery_app"]

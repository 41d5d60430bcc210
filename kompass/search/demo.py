"""The demo evaluation's texts in the search index (its texts are indexed as they are saved; this makes
sure, idempotently, for databases made before the search existed)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kompass.evaluations.models import Evaluation
from kompass.search.indexing import index_evaluation


def extend_demo(evaluation: Evaluation) -> str | None:
    rows = index_evaluation(evaluation)
    return (_("Sökindex: %(rows)s texter från demoutvärderingen") % {"rows": rows}) if rows else None

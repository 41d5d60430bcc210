"""Evaluation models, one module per part of the work (PRODUCT.md §4)."""

from kompass.evaluations.models.evaluation import Evaluation, TeamMembership
from kompass.evaluations.models.narrative import AreaText, Finding, ReferenceMunicipality, SubAreaText
from kompass.evaluations.models.scores import AreaScore, QuestionScore, SubAreaScore

__all__ = [
    "AreaScore",
    "AreaText",
    "Evaluation",
    "Finding",
    "QuestionScore",
    "ReferenceMunicipality",
    "SubAreaScore",
    "SubAreaText",
    "TeamMembership",
]

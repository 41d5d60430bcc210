"""Evaluation models, one module per part of the work."""

from kompass.evaluations.models.evaluation import Evaluation, TeamMembership
from kompass.evaluations.models.evidence import DocumentReference, InterviewNote, WebsiteObservation
from kompass.evaluations.models.lifecycle import StatusChange
from kompass.evaluations.models.privacy import PersonalDataErasure
from kompass.evaluations.models.questionnaire import (
    Answer,
    IntervieweeProposal,
    Questionnaire,
    QuestionnaireDocument,
)
from kompass.evaluations.models.scores import AreaScore, QuestionScore, SubAreaScore
from kompass.evaluations.models.visit import InterviewGroup, Participant

__all__ = [
    "Answer",
    "AreaScore",
    "DocumentReference",
    "Evaluation",
    "IntervieweeProposal",
    "InterviewGroup",
    "InterviewNote",
    "Participant",
    "PersonalDataErasure",
    "QuestionScore",
    "Questionnaire",
    "QuestionnaireDocument",
    "StatusChange",
    "SubAreaScore",
    "TeamMembership",
    "WebsiteObservation",
]

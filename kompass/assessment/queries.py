"""Page data for scoring, writing and history, each in a fixed number of queries (no growth with rows).

Individual scores come only through services.visible_evaluator_scores, which enforces blindness."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet

from kompass.assessment.agreement import Agreement
from kompass.assessment.enums import ChangeKind
from kompass.assessment.models import (
    AreaText,
    ChangeRecord,
    EvaluatorScore,
    Finding,
    ReferenceMunicipality,
    SubAreaText,
)
from kompass.assessment.services import (
    agreement_report,
    revealed_area_ids,
    submitted_by_area,
    team_evaluators,
    visible_evaluator_scores,
)
from kompass.criteria.models import Area, Question
from kompass.evaluations.models import AreaScore, Evaluation, QuestionScore


@dataclass
class AreaProgress:
    area: Area
    questions: int
    my_scored: int
    i_submitted: bool
    team: list[tuple[Any, bool]]  # (evaluator, has submitted)
    revealed: bool
    agreed: int
    score: AreaScore | None
    agreement: Agreement | None


def scoring_overview(evaluation: Evaluation, *, viewer: Any) -> dict[str, Any]:
    """Per area: the viewer's progress, who has submitted, whether it is revealed, how many questions have an
    agreed score, and the area score; plus the agreement report."""
    team = team_evaluators(evaluation)
    submitted = submitted_by_area(evaluation)
    revealed = revealed_area_ids(evaluation, team_ids={u.pk for u in team})
    areas = Area.objects.filter(version_id=evaluation.version_id).annotate(n=Count("questions")).order_by("number")
    mine = Counter(
        EvaluatorScore.objects.filter(evaluation=evaluation, evaluator_id=viewer.pk).values_list(
            "question__area_id", flat=True
        )
    )
    agreed = Counter(evaluation.question_scores.values_list("question__area_id", flat=True))
    scores = {s.area_id: s for s in evaluation.area_scores.all()}
    report = agreement_report(evaluation)
    rows = [
        AreaProgress(
            area=area,
            questions=area.n,
            my_scored=mine.get(area.pk, 0),
            i_submitted=viewer.pk in submitted.get(area.pk, set()),
            team=[(user, user.pk in submitted.get(area.pk, set())) for user in team],
            revealed=area.pk in revealed,
            agreed=agreed.get(area.pk, 0),
            score=scores.get(area.pk),
            agreement=report.per_area.get(area.number),
        )
        for area in areas
    ]
    return {"rows": rows, "team": team, "report": report}


@dataclass
class QuestionView:
    question: Question
    mine: EvaluatorScore | None = None
    others: list[tuple[Any, EvaluatorScore | None]] = field(default_factory=list)
    consensus: QuestionScore | None = None
    answer: Any = None
    sources: list[str] = field(default_factory=list)

    @property
    def points_key(self) -> str:
        return f"points-{self.question.pk}"

    @property
    def rationale_key(self) -> str:
        return f"rationale-{self.question.pk}"

    @property
    def evidence_key(self) -> str:
        return f"evidence-{self.question.pk}"

    @property
    def revision_key(self) -> str:
        return f"revision-{self.question.pk}"

    @property
    def all_scores(self) -> list[Decimal]:
        return [s.points for s in [self.mine, *(o for _, o in self.others)] if s is not None]

    @property
    def spread(self) -> Decimal | None:
        points = self.all_scores
        return max(points) - min(points) if len(points) > 1 else None

    @property
    def differs(self) -> bool:
        return bool(self.spread)

    @property
    def suggested(self) -> Decimal | None:
        """The agreed score, or the individual score when everyone gave the same."""
        if self.consensus is not None:
            return self.consensus.points
        points = self.all_scores
        return points[0] if points and len(set(points)) == 1 else None


def area_scoring(evaluation: Evaluation, area: Area, *, viewer: Any) -> dict[str, Any]:
    """Questions of `area` grouped by sub-area with the viewer's score, colleagues' scores (only once the
    area is revealed), the agreed score, the municipality's questionnaire answer and the evidence sources."""
    team = team_evaluators(evaluation)
    submitted = submitted_by_area(evaluation).get(area.pk, set())
    revealed = area.pk in revealed_area_ids(evaluation, team_ids={u.pk for u in team})
    questions = list(Question.objects.filter(area=area).select_related("subarea").order_by("subarea__number", "number"))
    visible: dict[tuple[int, int], EvaluatorScore] = {
        (s.question_id, s.evaluator_id): s
        for s in visible_evaluator_scores(evaluation, viewer=viewer).filter(question__area=area)
    }
    consensus = {s.question_id: s for s in QuestionScore.objects.filter(evaluation=evaluation, question__area=area)}
    answers = _answers(evaluation, questions)
    sources = _sources(evaluation, questions)
    colleagues = [u for u in team if u.pk != viewer.pk]
    views = [
        QuestionView(
            question=q,
            mine=visible.get((q.pk, viewer.pk)),
            others=[(u, visible.get((q.pk, u.pk))) for u in colleagues] if revealed else [],
            consensus=consensus.get(q.pk),
            answer=answers.get(q.pk),
            sources=sources.get(q.pk, []),
        )
        for q in questions
    ]
    subareas: list[tuple[Any, list[QuestionView]]] = []
    for view in views:
        if not subareas or subareas[-1][0].pk != view.question.subarea_id:
            subareas.append((view.question.subarea, []))
        subareas[-1][1].append(view)
    report = agreement_report(evaluation) if revealed else None
    return {
        "subareas": subareas,
        "questions": views,
        "team": [(u, u.pk in submitted) for u in team],
        "colleagues": colleagues,
        "is_member": any(u.pk == viewer.pk for u in team),
        "i_submitted": viewer.pk in submitted,
        "revealed": revealed,
        "differences": sum(1 for v in views if v.differs) if revealed else None,
        "agreement": report.per_area.get(area.number) if report else None,
        "area_score": AreaScore.objects.filter(evaluation=evaluation, area=area).first(),
    }


def _answers(evaluation: Evaluation, questions: list[Question]) -> dict[int, Any]:
    """The municipality's questionnaire answers, when the questionnaire models are installed."""
    try:
        answer_model = apps.get_model("evaluations", "Answer")
    except LookupError:
        return {}
    found = answer_model.objects.filter(evaluation=evaluation, question__in=questions)
    return {a.question_id: a for a in found if a.text or a.links}


SOURCE_MODELS = [
    ("InterviewNote", "Intervjuer"),
    ("DocumentReference", "Dokument"),
    ("WebsiteObservation", "Webbplatsen"),
]


def _sources(evaluation: Evaluation, questions: list[Question]) -> dict[int, list[str]]:
    """Question id → which of the three evidence sources cover it (when the evidence models exist)."""
    result: dict[int, list[str]] = {}
    for model_name, label in SOURCE_MODELS:
        try:
            model = apps.get_model("evaluations", model_name)
        except LookupError:
            continue
        ids = model.objects.filter(evaluation=evaluation, questions__in=questions).values_list("questions", flat=True)
        for question_id in set(ids):
            result.setdefault(question_id, []).append(label)
    return result


def running_sums(evaluation: Evaluation) -> dict[str, Any]:
    """Area scores and the sum of the known ones, for the "as you go" box."""
    scores = list(AreaScore.objects.filter(evaluation=evaluation).select_related("area").order_by("area__number"))
    evaluation.refresh_from_db(fields=["computed_total", "total"])
    return {
        "area_scores": scores,
        "known_sum": sum((s.points for s in scores), Decimal(0)) if scores else None,
        "total": evaluation.total,
        "areas_count": Area.objects.filter(version_id=evaluation.version_id).count(),
    }


def writing_overview(evaluation: Evaluation) -> list[dict[str, Any]]:
    areas = list(Area.objects.filter(version_id=evaluation.version_id).annotate(n=Count("subareas")).order_by("number"))
    general = {t.area_id: bool(t.general_text) for t in AreaText.objects.filter(evaluation=evaluation)}
    subtexts = Counter(
        SubAreaText.objects.filter(evaluation=evaluation).exclude(text="").values_list("area_id", flat=True)
    )
    findings = Counter(Finding.objects.filter(evaluation=evaluation).values_list("area_id", "kind"))
    references = Counter(ReferenceMunicipality.objects.filter(evaluation=evaluation).values_list("area_id", flat=True))
    return [
        {
            "area": a,
            "general": general.get(a.pk, False),
            "subareas": a.n,
            "subtexts": subtexts.get(a.pk, 0),
            "strengths": findings.get((a.pk, "strength"), 0),
            "improvements": findings.get((a.pk, "improvement"), 0),
            "references": references.get(a.pk, 0),
        }
        for a in areas
    ]


def area_writing(evaluation: Evaluation, area: Area) -> dict[str, Any]:
    """Everything on an area's writing page. Allmänt is pre-filled with the version's standard text while
    the evaluation has none."""
    area_text = AreaText.objects.filter(evaluation=evaluation, area=area).first()
    texts = {t.subarea_id: t for t in SubAreaText.objects.filter(evaluation=evaluation, area=area)}
    findings = list(Finding.objects.filter(evaluation=evaluation, area=area).order_by("position", "pk"))
    return {
        "area_text": area_text,
        "general_initial": area_text.general_text if area_text and area_text.general_text else area.general_text,
        "general_revision": area_text.revision if area_text else 0,
        "general_prefilled": not (area_text and area_text.general_text) and bool(area.general_text),
        "subareas": [(s, texts.get(s.pk)) for s in area.subareas.order_by("number")],
        "strengths": [f for f in findings if f.kind == "strength"],
        "improvements": [f for f in findings if f.kind == "improvement"],
        "references": list(
            ReferenceMunicipality.objects.filter(evaluation=evaluation, area=area).order_by("position", "pk")
        ),
    }


def history(
    evaluation: Evaluation, *, viewer: Any, area_number: int | None = None, question_code: str = "", kind: str = ""
) -> QuerySet[ChangeRecord]:
    """The change history, newest first. A colleague's individual scores stay out until the whole team has
    submitted their area (the history must not reveal what the scoring page hides)."""
    hidden = (
        Q(kind=ChangeKind.INDIVIDUAL_SCORE) & ~Q(evaluator_id=viewer.pk) & ~Q(area_id__in=revealed_area_ids(evaluation))
    )
    records = (
        ChangeRecord.objects.filter(evaluation=evaluation)
        .exclude(hidden)
        .select_related("area", "question", "changed_by", "evaluator")
    )
    if area_number:
        records = records.filter(area__number=area_number)
    if question_code:
        records = records.filter(question__code=question_code)
    if kind:
        records = records.filter(kind=kind)
    return records

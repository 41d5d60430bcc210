"""Business logic for evaluations and their scores. Views, API, commands and tasks all call these."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.core.concurrency import StaleWriteError, lock_current, save_revision
from kompass.criteria.models import CriteriaVersion, Question
from kompass.evaluations.enums import Origin, ScoreSource, Status
from kompass.evaluations.models import AreaScore, Evaluation, QuestionScore
from kompass.evaluations.services.sums import refresh_totals
from kompass.municipalities.models import Municipality

AREA_MAX = Decimal(100)

__all__ = ["ScoreError", "StaleWriteError", "score_question"]


class ScoreError(ValueError):
    """A score that cannot be accepted; the message is Swedish and says why."""


class EvaluationNotFound(LookupError):
    pass


def parse_points(value: Any) -> Decimal:
    """Read points written as 5, "5", "4,5" or "4.5". Raises ScoreError for anything else."""
    text = str(value).strip().replace(",", ".") if value is not None else ""
    try:
        points = Decimal(text)
    except InvalidOperation:
        raise ScoreError(_("”%(value)s” är inte ett tal") % {"value": value}) from None
    if not points.is_finite():
        raise ScoreError(_("”%(value)s” är inte ett tal") % {"value": value})
    return points


def validate_points(points: Decimal, *, maximum: Decimal, what: str) -> None:
    if points < 0:
        raise ScoreError(
            _("%(what)s: poängen får inte vara negativ (fick %(points)s)") % {"what": what, "points": points}
        )
    if points > maximum:
        raise ScoreError(
            _("%(what)s: poängen %(points)s är högre än maxpoängen %(maximum)s")
            % {"what": what, "points": points, "maximum": maximum}
        )
    if (points * 2) % 1 != 0:
        raise ScoreError(
            _("%(what)s: poäng ges i hela eller halva poäng (fick %(points)s)") % {"what": what, "points": points}
        )


def evaluation_by_key(key: str) -> Evaluation:
    """Find an evaluation by its key, e.g. "1980-2012" or "1980-2012-2"."""
    evaluation = Evaluation.objects.select_related("municipality", "version").filter(key=key.strip()).first()
    if evaluation is None:
        raise EvaluationNotFound(
            _("Det finns ingen utvärdering med beteckningen ”%(key)s” (form: 1980-2012).") % {"key": key}
        )
    return evaluation


@transaction.atomic
def create_evaluation(
    municipality: Municipality,
    *,
    version: CriteriaVersion,
    year: int,
    status: str = Status.PLANNED,
    origin: str = Origin.KOMPASS,
    **fields: Any,
) -> Evaluation:
    """Create an evaluation; a second one for the same municipality and year gets the next sequence number
    (key "1980-2012-2"). Side effect: freezes the criteria version."""
    if not 1990 <= year <= timezone.now().year + 5:
        raise ScoreError(_("Året %(year)s är inte rimligt för en utvärdering") % {"year": year})
    last = Evaluation.objects.filter(municipality=municipality, year=year).aggregate(m=Max("sequence"))["m"]
    evaluation = Evaluation(
        municipality=municipality,
        version=version,
        year=year,
        sequence=(last or 0) + 1,
        status=status,
        origin=origin,
        **fields,
    )
    if status == Status.PUBLISHED and evaluation.published_at is None:
        evaluation.published_at = timezone.now()
    evaluation.full_clean(exclude=["key"])
    evaluation.save()
    return evaluation


@transaction.atomic
def score_question(
    evaluation: Evaluation,
    question: Question,
    *,
    points: Decimal,
    rationale: str = "",
    by: Any = None,
    expected_revision: int | None = None,
) -> QuestionScore:
    """Set the team's score for a question and update the area and total scores.

    `expected_revision` is the revision the editor started from (0: there was no score; None skips the
    check, for batch imports). If someone saved in between — also a first score saved at the same
    moment — StaleWriteError is raised with their version and nothing changes (kompass.core.concurrency)."""
    if question.area.version_id != evaluation.version_id:
        raise ScoreError(
            _("Fråga %(code)s hör inte till kriterieversionen %(code2)s")
            % {"code": question.code, "code2": evaluation.version.code}
        )
    validate_points(points, maximum=question.max_points, what=f"Fråga {question.code}")
    what = _("Fråga %(code)s") % {"code": question.code}
    lookup: dict[str, Any] = {"evaluation": evaluation, "question": question}
    score = lock_current(QuestionScore, expected=expected_revision, what=what, **lookup)
    score = score or QuestionScore(**lookup)
    score.points, score.rationale, score.updated_by = points, rationale, by
    save_revision(score, what=what, lookup=lookup)  # evaluations.signals recomputes the area and total scores
    return score


@transaction.atomic
def set_published_scores(
    evaluation: Evaluation,
    *,
    area_points: dict[int, Decimal | None],
    printed_total: Decimal | None,
) -> None:
    """Store scores as a report printed them: per area number (None = not published) and the printed total.

    Replaces earlier published area scores; nothing is inferred (a missing area stays missing)."""
    areas = {a.number: a for a in evaluation.version.areas.all()}
    for number, points in area_points.items():
        if number not in areas:
            raise ScoreError(
                _("Kriterieversionen %(code)s har inget område %(number)s")
                % {"code": evaluation.version.code, "number": number}
            )
        if points is not None:
            validate_points(points, maximum=AREA_MAX, what=f"Område {number}")
    if printed_total is not None:
        validate_points(printed_total, maximum=AREA_MAX * len(areas), what="Totalpoängen")
    AreaScore.objects.filter(evaluation=evaluation, source=ScoreSource.PUBLISHED).delete()
    AreaScore.objects.bulk_create(
        AreaScore(evaluation=evaluation, area=areas[n], points=p, source=ScoreSource.PUBLISHED, is_complete=True)
        for n, p in sorted(area_points.items())
        if p is not None
    )
    evaluation.printed_total = printed_total
    Evaluation.objects.filter(pk=evaluation.pk).update(printed_total=printed_total)
    refresh_totals(evaluation)


@dataclass(frozen=True)
class ScoreImportResult:
    rows: int
    created: int
    updated: int


def import_question_scores(evaluation: Evaluation, text: str, *, source: str, by: Any = None) -> ScoreImportResult:
    """Import question scores from CSV text with the columns `question,points[,rationale]`
    (comma or semicolon separated, decimal comma allowed). Every row is checked first; one bad row
    refuses the whole file with the line number, and nothing is written."""
    questions = {
        q.code: q for q in Question.objects.filter(area__version_id=evaluation.version_id).select_related("area")
    }
    rows = _read_score_rows(text, source=source, questions=questions)
    existing = set(evaluation.question_scores.values_list("question__code", flat=True))
    with transaction.atomic():
        for code, points, rationale in rows:
            score = QuestionScore.objects.select_for_update().filter(
                evaluation=evaluation, question=questions[code]
            ).first() or QuestionScore(evaluation=evaluation, question=questions[code], revision=0)
            score.points, score.rationale, score.updated_by = points, rationale, by
            score.revision += 1
            score.save()  # each save recomputes the sums (evaluations.signals)
    created = len({c for c, _, _ in rows} - existing)
    return ScoreImportResult(rows=len(rows), created=created, updated=len(rows) - created)


def _read_score_rows(text: str, *, source: str, questions: dict[str, Question]) -> list[tuple[str, Decimal, str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:2] != ["question", "points"]:
        raise ScoreError(
            _("%(source)s, rad 1: rubrikraden ska börja med ”question,points” (fick %(value)s)")
            % {"source": source, "value": ",".join(header)}
        )
    rows: list[tuple[str, Decimal, str]] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) < 2 or len(raw) > 3:
            raise ScoreError(f"{source}, rad {line}: väntade 2 eller 3 kolumner, fick {len(raw)}")
        code = raw[0].strip()
        if code not in questions:
            raise ScoreError(
                _("%(source)s, rad %(line)s: okänd fråga ”%(code)s”") % {"source": source, "line": line, "code": code}
            )
        if code in seen:
            raise ScoreError(
                _("%(source)s, rad %(line)s: fråga %(code)s förekommer två gånger")
                % {"source": source, "line": line, "code": code}
            )
        seen.add(code)
        try:
            points = parse_points(raw[1])
            validate_points(points, maximum=questions[code].max_points, what=f"fråga {code}")
        except ScoreError as exc:
            raise ScoreError(f"{source}, rad {line}: {exc}") from None
        rows.append((code, points, raw[2].strip() if len(raw) == 3 else ""))
    if not rows:
        raise ScoreError(_("%(source)s: filen innehåller inga poäng") % {"source": source})
    return rows


@transaction.atomic
def publish(evaluation: Evaluation, *, by: Any = None, when: datetime | None = None) -> None:
    """Mark an evaluation published. Side effect: it becomes public and counts in comparisons."""
    evaluation.status = Status.PUBLISHED
    evaluation.published_at = when or timezone.now()
    evaluation.save(update_fields=["status", "published_at", "updated_at"])


def export_evaluation(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready data: identity, team, scores per question, area and total."""
    from kompass.evaluations.scoretable import build_score_table

    table = build_score_table(evaluation)

    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return {
        "key": evaluation.key,
        "municipality": {"code": evaluation.municipality_id, "name": str(evaluation.municipality)},
        "year": evaluation.year,
        "version": evaluation.version.code,
        "status": evaluation.status,
        "origin": evaluation.origin,
        "ordinal": evaluation.ordinal,
        "evaluators": evaluation.evaluator_names
        or [
            {"name": str(m.user), "organisation": m.user.organisation, "role": m.role}
            for m in evaluation.team.select_related("user")
        ],
        "printed_total": num(table.printed_total),
        "computed_total": num(table.computed_total),
        "total": num(table.total),
        "areas": [
            {
                "number": a.number,
                "name": a.name,
                "points": num(a.points),
                "source": a.source,
                "complete": a.complete,
                "subareas": [
                    {
                        "number": s.number,
                        "name": s.name,
                        "points": num(s.points),
                        "max_points": num(s.max_points),
                        "questions": [
                            {
                                "id": q.code,
                                "points": num(q.points),
                                "max_points": num(q.max_points),
                                "rationale": q.rationale,
                            }
                            for q in s.questions
                        ],
                    }
                    for s in a.subareas
                ],
            }
            for a in table.areas
        ],
    }

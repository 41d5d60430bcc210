"""Blind individual scoring, consensus, agreement and the written texts of an evaluation.

Rules kept here, not in templates:
- an evaluator sees a colleague's individual scores for an area only when every evaluator of the team has
  submitted that area (`visible_evaluator_scores`, `revealed_area_ids`);
- only team members score (each only their own scores), agree consensus scores and write;
- every save carries the revision (for a new list item, the list's length) the editor started from; if
  someone saved in between, StaleWriteError is raised with the other version and nothing changes
  (kompass.core.concurrency);
- a published evaluation's scores and texts are not changed here any more.
Every write is atomic and recorded in the change history (signals.py) with the acting user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _

from kompass.assessment.agreement import Agreement, team_agreement
from kompass.assessment.enums import MoveDirection
from kompass.assessment.history import acting_as
from kompass.assessment.models import (
    AreaSubmission,
    AreaText,
    EvaluatorScore,
    Finding,
    ReferenceMunicipality,
    SubAreaText,
)
from kompass.core.concurrency import conflict, lock_current, lock_list, save_revision
from kompass.core.text import UnsafeTextError, clean_user_text, has_control_characters
from kompass.criteria.models import Area, Question, SubArea
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation, QuestionScore
from kompass.evaluations.permissions import has_perm
from kompass.evaluations.services import ScoreError, parse_points, score_question, validate_points
from kompass.municipalities.models import Municipality

TEXT_MAX = 20_000


class AssessmentError(ValueError):
    """A request that cannot be carried out; the message is Swedish and says why. Nothing was changed."""


class ScoreEntriesError(AssessmentError):
    """Some entries of a scoring form are invalid: `errors` maps question id → Swedish message."""

    def __init__(self, errors: dict[int, str]):
        super().__init__(_("Poängen sparades inte: rätta de markerade frågorna."))
        self.errors = errors


@dataclass(frozen=True)
class ScoreEntry:
    """One row of an evaluator's scoring form, as typed."""

    question: Question
    points: str
    rationale: str = ""
    evidence: str = ""
    expected_revision: int | None = 0  # 0: the editor saw no saved score; None: no check


# --- team and blindness -------------------------------------------------------------------------------


def team_evaluators(evaluation: Evaluation) -> list[Any]:
    """The team's evaluators, lead first."""
    memberships = evaluation.team.select_related("user").order_by("role", "user__last_name", "user_id")
    lead_first = sorted(memberships, key=lambda m: (m.role != "lead",))
    return [m.user for m in lead_first]


def submitted_by_area(evaluation: Evaluation) -> dict[int, set[int]]:
    """Area id → the ids of the evaluators who have submitted it."""
    result: dict[int, set[int]] = {}
    for area_id, user_id in AreaSubmission.objects.filter(evaluation=evaluation).values_list("area_id", "evaluator_id"):
        result.setdefault(area_id, set()).add(user_id)
    return result


def revealed_area_ids(evaluation: Evaluation, *, team_ids: set[int] | None = None) -> set[int]:
    """Areas that every evaluator of the team has submitted: only there are individual scores shared."""
    if team_ids is None:
        team_ids = set(evaluation.team.values_list("user_id", flat=True))
    if not team_ids:
        return set()
    return {area_id for area_id, users in submitted_by_area(evaluation).items() if team_ids <= users}


def visible_evaluator_scores(evaluation: Evaluation, *, viewer: Any) -> QuerySet[EvaluatorScore]:
    """The individual scores `viewer` may see: their own, and everyone's in areas the whole team has
    submitted. The caller must already have checked `evaluations.view_internal` (contacts and the public see none)."""
    own = Q(evaluator_id=viewer.pk) if viewer.is_authenticated else Q(pk__in=[])
    return (
        EvaluatorScore.objects.filter(evaluation=evaluation)
        .filter(own | Q(question__area_id__in=revealed_area_ids(evaluation)))
        .select_related("question", "evaluator")
    )


# --- individual scoring --------------------------------------------------------------------------------


def _ensure_editable(evaluation: Evaluation) -> None:
    if evaluation.status == Status.PUBLISHED:
        raise AssessmentError(_("Utvärderingen är publicerad; poäng och texter kan inte längre ändras här."))


def _ensure_team_member(evaluation: Evaluation, user: Any, perm: str = "assessment.write") -> None:
    if not has_perm(user, perm, evaluation):
        raise AssessmentError(_("Bara utvärderingens team kan poängsätta och skriva."))


@transaction.atomic
def save_evaluator_scores(evaluation: Evaluation, area: Area, *, evaluator: Any, entries: Sequence[ScoreEntry]) -> int:
    """Save `evaluator`'s own scores for questions of `area`; entries with empty points are skipped.

    Every entry is checked first: invalid points (negative, above the maximum, not whole or half, not a
    number) raise ScoreEntriesError; a score changed since the form was opened raises StaleWriteError.
    Either way nothing is stored. Returns the number of scores created or changed.
    Side effects: EvaluatorScore rows, change history."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, evaluator, "assessment.score")
    if AreaSubmission.objects.filter(evaluation=evaluation, area=area, evaluator=evaluator).exists():
        raise AssessmentError(_("Du har redan lämnat in område %(n)s; dina poäng är låsta.") % {"n": area.number})
    existing = {
        s.question_id: s
        for s in EvaluatorScore.objects.select_for_update().filter(
            evaluation=evaluation, evaluator=evaluator, question__area=area
        )
    }
    parsed, errors = _parse_entries(area, entries, existing)
    if errors:
        raise ScoreEntriesError(errors)
    changed = 0
    with acting_as(evaluator):
        for entry, points in parsed:
            lookup = {"evaluation": evaluation, "question": entry.question, "evaluator": evaluator}
            score = existing.get(entry.question.pk) or EvaluatorScore(**lookup)
            new = (points, clean_user_text(entry.rationale).strip(), clean_user_text(entry.evidence).strip())
            if score.pk and (score.points, score.rationale, score.evidence) == new:
                continue
            score.points, score.rationale, score.evidence = new
            save_revision(score, what=_("Fråga %(code)s") % {"code": entry.question.code}, lookup=lookup)
            changed += 1
    return changed


def _parse_entries(
    area: Area, entries: Sequence[ScoreEntry], existing: dict[int, EvaluatorScore]
) -> tuple[list[tuple[ScoreEntry, Decimal]], dict[int, str]]:
    parsed, errors = [], {}
    for entry in entries:
        question = entry.question
        what = _("Fråga %(code)s") % {"code": question.code}
        if question.area_id != area.pk:
            errors[question.pk] = _("%(what)s hör inte till området.") % {"what": what}
            continue
        stored = existing.get(question.pk)
        if entry.expected_revision is not None and (stored.revision if stored else 0) != entry.expected_revision:
            raise conflict(stored, what=what)
        if not entry.points.strip():
            if stored is not None:
                errors[question.pk] = _("%(what)s: en sparad poäng kan inte tömmas.") % {"what": what}
            continue
        if has_control_characters(entry.rationale) or has_control_characters(entry.evidence):
            errors[question.pk] = _("%(what)s: %(problem)s") % {"what": what, "problem": UnsafeTextError()}
            continue
        if len(entry.rationale) > TEXT_MAX or len(entry.evidence) > TEXT_MAX:
            errors[question.pk] = _("%(what)s: texten är för lång.") % {"what": what}
            continue
        try:
            points = parse_points(entry.points)
            validate_points(points, maximum=question.max_points, what=what)
        except ScoreError as exc:
            errors[question.pk] = str(exc)
            continue
        parsed.append((entry, points))
    return parsed, errors


@transaction.atomic
def submit_area(evaluation: Evaluation, area: Area, *, evaluator: Any) -> AreaSubmission:
    """Mark `area` as finished by `evaluator`; refused unless every question of it has their score.
    Side effects: an AreaSubmission; their scores for the area become locked; when the whole team has
    submitted, colleagues see each other's scores."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, evaluator, "assessment.score")
    missing = (
        Question.objects.filter(area=area)
        .exclude(pk__in=EvaluatorScore.objects.filter(evaluation=evaluation, evaluator=evaluator).values("question"))
        .count()
    )
    if missing:
        raise AssessmentError(
            _("Område %(n)s kan inte lämnas in: %(missing)s frågor saknar din poäng.")
            % {"n": area.number, "missing": missing}
        )
    submission, _created = AreaSubmission.objects.get_or_create(evaluation=evaluation, area=area, evaluator=evaluator)
    return submission


# --- consensus ---------------------------------------------------------------------------------------------


def agree_consensus(
    evaluation: Evaluation,
    question: Question,
    *,
    by: Any,
    points: str,
    rationale: str,
    expected_revision: int | None,
) -> QuestionScore:
    """Set the team's agreed score for `question` (evaluations.services.score_question) once the whole team
    has submitted its area. `expected_revision` 0 means "there was no agreed score when I began".
    Side effects: QuestionScore, area and total scores, change history."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, by, "assessment.score")
    if question.area_id not in revealed_area_ids(evaluation):
        raise AssessmentError(_("Gemensam poäng sätts när alla i teamet har lämnat in området."))
    rationale = _checked(rationale)
    if len(rationale) > TEXT_MAX:
        raise AssessmentError(_("Motiveringen är för lång."))
    parsed = parse_points(points)
    with acting_as(by):
        return score_question(
            evaluation, question, points=parsed, rationale=rationale.strip(), by=by, expected_revision=expected_revision
        )


# --- agreement ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementReport:
    per_area: dict[int, Agreement]  # area number → agreement, revealed areas only
    overall: Agreement
    evaluators: int


def agreement_report(evaluation: Evaluation) -> AgreementReport:
    """Agreement between the team's evaluators per revealed area and over all of them. Questions count
    when every evaluator has scored them. Areas not yet revealed are left out (they are still blind)."""
    team_ids = [u.pk for u in team_evaluators(evaluation)]
    revealed = revealed_area_ids(evaluation, team_ids=set(team_ids))
    scores: dict[int, dict[int, Decimal]] = {}
    maxima: dict[int, tuple[int, Decimal]] = {}
    rows = EvaluatorScore.objects.filter(evaluation=evaluation, question__area_id__in=revealed).values_list(
        "question_id", "evaluator_id", "points", "question__max_points", "question__area__number"
    )
    for question_id, evaluator_id, points, maximum, area_number in rows:
        scores.setdefault(question_id, {})[evaluator_id] = points
        maxima[question_id] = (area_number, maximum)
    items_per_area: dict[int, list[tuple[Decimal, list[Decimal]]]] = {}
    for question_id, by_user in scores.items():
        if all(uid in by_user for uid in team_ids):
            area_number, maximum = maxima[question_id]
            items_per_area.setdefault(area_number, []).append((maximum, [by_user[uid] for uid in team_ids]))
    per_area = {number: team_agreement(items) for number, items in sorted(items_per_area.items())}
    everything = [item for items in items_per_area.values() for item in items]
    return AgreementReport(per_area=per_area, overall=team_agreement(everything), evaluators=len(team_ids))


# --- writing ------------------------------------------------------------------------------------------------


def _checked(text: str) -> str:
    """User text without bidirectional overrides; control characters refused (kompass.core.text)."""
    try:
        return clean_user_text(text)
    except UnsafeTextError as exc:
        raise AssessmentError(str(exc)) from None


def _clean_text(text: str, *, required: bool = False) -> str:
    text = _checked(text).replace("\r\n", "\n").strip()
    if len(text) > TEXT_MAX:
        raise AssessmentError(_("Texten är för lång (högst %(n)s tecken).") % {"n": TEXT_MAX})
    if required and not text:
        raise AssessmentError(_("Skriv en text."))
    return text


@transaction.atomic
def save_area_text(
    evaluation: Evaluation, area: Area, *, text: str, by: Any, expected_revision: int | None
) -> AreaText:
    """Save an area's Allmänt. `expected_revision` 0: there was no saved text when the editor began; a
    text saved since (also a first one at the same moment) raises StaleWriteError.
    Side effects: AreaText, change history."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, by)
    text = _clean_text(text)
    what, lookup = _("Allmänt"), dict[str, Any](evaluation=evaluation, area=area)
    current = lock_current(AreaText, expected=expected_revision, what=what, **lookup) or AreaText(**lookup)
    current.general_text, current.updated_by = text, by
    with acting_as(by):
        save_revision(current, what=what, lookup=lookup)
    return current


@transaction.atomic
def save_subarea_text(
    evaluation: Evaluation, subarea: SubArea, *, text: str, by: Any, expected_revision: int | None
) -> SubAreaText:
    """Save the text of a sub-area (heading: the sub-area's name); one text per sub-area, refused as
    StaleWriteError when someone saved since `expected_revision`. Side effects: SubAreaText, history."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, by)
    text = _clean_text(text)
    what = _("Texten om %(name)s") % {"name": subarea.name}
    lookup: dict[str, Any] = {"evaluation": evaluation, "subarea": subarea}
    current = lock_current(SubAreaText, expected=expected_revision, what=what, **lookup)
    current = current or SubAreaText(**lookup, area_id=subarea.area_id, heading=subarea.name, position=subarea.number)
    current.text, current.updated_by = text, by
    with acting_as(by):
        save_revision(current, what=what, lookup=lookup)
    return current


def _finding_list_name(kind: str) -> str:
    return _("Listan Styrkor") if kind == FindingKind.STRENGTH else _("Listan Förbättringsmöjligheter")


@transaction.atomic
def add_finding(
    evaluation: Evaluation, area: Area, *, kind: str, text: str, by: Any, expected_count: int | None = None
) -> Finding:
    """Add a strength or improvement point at the end of its list. `expected_count` is the length of the
    list when the form was rendered: a point added or removed since (also at the same moment) raises
    StaleWriteError showing the newest point. Side effects: Finding, history."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, by)
    if kind not in FindingKind.values:
        raise AssessmentError(_("Okänt slag av punkt."))
    text = _clean_text(text, required=True)
    siblings = Finding.objects.filter(evaluation=evaluation, area=area, kind=kind)
    owner = Evaluation.objects.filter(pk=evaluation.pk)
    lock_list(owner, siblings, expected=expected_count, what=_finding_list_name(kind))
    last = siblings.aggregate(m=Max("position"))["m"]
    with acting_as(by):
        return Finding.objects.create(
            evaluation=evaluation, area=area, kind=kind, text=text, position=(last or 0) + 1, revision=1
        )


def _locked_finding(finding: Finding, expected_revision: int | None) -> Finding:
    what = _("Punkten")
    current = lock_current(Finding, expected=expected_revision, what=what, pk=finding.pk)
    if current is None:
        raise conflict(None, what=what)
    return current


@transaction.atomic
def edit_finding(finding: Finding, *, text: str, expected_revision: int | None, by: Any) -> Finding:
    """Change a point's text; a change saved since `expected_revision` raises StaleWriteError.
    Side effects: Finding, history."""
    _ensure_editable(finding.evaluation)
    _ensure_team_member(finding.evaluation, by)
    text = _clean_text(text, required=True)
    current = _locked_finding(finding, expected_revision)
    current.text = text
    with acting_as(by):
        save_revision(current, what=_("Punkten"))
    return current


@transaction.atomic
def delete_finding(finding: Finding, *, expected_revision: int | None, by: Any) -> None:
    """Remove a point and close the gap in its list; refused (StaleWriteError) when it was changed since
    `expected_revision`. Side effects: Finding rows, history."""
    _ensure_editable(finding.evaluation)
    _ensure_team_member(finding.evaluation, by)
    current = _locked_finding(finding, expected_revision)
    with acting_as(by):
        current.delete()
        _renumber(finding.evaluation, finding.area_id, finding.kind)


@transaction.atomic
def move_finding(finding: Finding, *, direction: str, by: Any) -> None:
    """Move a point one step up or down in its list. Side effects: positions, history."""
    _ensure_editable(finding.evaluation)
    _ensure_team_member(finding.evaluation, by)
    siblings = list(
        Finding.objects.select_for_update()
        .filter(evaluation_id=finding.evaluation_id, area_id=finding.area_id, kind=finding.kind)
        .order_by("position", "pk")
    )
    index = next((i for i, f in enumerate(siblings) if f.pk == finding.pk), None)
    if index is None:
        raise AssessmentError(_("Punkten har tagits bort av någon annan sedan du började."))
    other = index - 1 if direction == MoveDirection.UP else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    with acting_as(by):
        _save_positions(siblings)


def _renumber(evaluation: Evaluation, area_id: int, kind: str) -> None:
    _save_positions(
        list(Finding.objects.filter(evaluation=evaluation, area_id=area_id, kind=kind).order_by("position", "pk"))
    )


def _save_positions(items: Sequence[Any]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def add_reference(
    evaluation: Evaluation, area: Area, *, municipality: Municipality | None, theme: str, by: Any
) -> ReferenceMunicipality:
    """Name a municipality worth looking at for `area`, with a theme. Side effects: row, history."""
    _ensure_editable(evaluation)
    _ensure_team_member(evaluation, by)
    if municipality is None or municipality.is_demo:
        raise AssessmentError(_("Välj en kommun ur registret."))
    if municipality.pk == evaluation.municipality_id:
        raise AssessmentError(_("Välj en annan kommun än den som utvärderas."))
    theme = _clean_text(theme)
    if len(theme) > 300:
        raise AssessmentError(_("Temat får vara högst 300 tecken."))
    references = ReferenceMunicipality.objects.filter(evaluation=evaluation, area=area)
    if references.filter(municipality=municipality, theme=theme).exists():
        raise AssessmentError(_("%(name)s finns redan med det temat.") % {"name": municipality.short_name})
    last = references.aggregate(m=Max("position"))["m"]
    with acting_as(by):
        return ReferenceMunicipality.objects.create(
            evaluation=evaluation,
            area=area,
            municipality=municipality,
            name=municipality.short_name,
            theme=theme,
            position=(last or 0) + 1,
        )


@transaction.atomic
def delete_reference(reference: ReferenceMunicipality, *, by: Any) -> None:
    """Remove a municipality worth looking at. Side effects: row, history."""
    _ensure_editable(reference.evaluation)
    _ensure_team_member(reference.evaluation, by)
    with acting_as(by):
        reference.delete()
        _save_positions(
            list(
                ReferenceMunicipality.objects.filter(
                    evaluation_id=reference.evaluation_id, area_id=reference.area_id
                ).order_by("position", "pk")
            )
        )

"""The follow-up at the municipality's next evaluation, as plain data: the previous
published evaluation's improvement points with the status of their actions, and how the scores moved.

Scores are compared directly (with a difference) only within the same criteria version. Across a version
change, both scores are shown side by side with the mapping's comparability note — never a silent
difference. Sub-areas are paired by number within a version, and by name within mapped areas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kompass.actionplans.enums import ActionStatus
from kompass.actionplans.models import ActionPlan
from kompass.actionplans.queries import previous_published_evaluation
from kompass.actionplans.services import AreaGroup, plan_groups
from kompass.criteria.models import AreaMapping
from kompass.evaluations.models import Evaluation
from kompass.evaluations.scoretable import AreaRow, SubAreaRow, build_score_table


@dataclass
class SubAreaChange:
    name: str
    previous_name: str
    previous: Decimal | None
    current: Decimal | None
    difference: Decimal | None


@dataclass
class AreaChange:
    number: int
    name: str
    current: Decimal | None
    current_complete: bool
    previous_label: str
    previous: Decimal | None
    same_version: bool
    comparability: str = ""
    note: str = ""
    difference: Decimal | None = None
    subareas: list[SubAreaChange] = field(default_factory=list)


@dataclass
class StatusCount:
    label: str
    count: int


@dataclass
class FollowUp:
    evaluation: Evaluation
    previous: Evaluation
    plan: ActionPlan | None
    groups: list[AreaGroup]
    changes: list[AreaChange]
    status_counts: list[StatusCount]

    @property
    def version_change(self) -> bool:
        return self.previous.version_id != self.evaluation.version_id

    @property
    def notes(self) -> list[str]:
        """The distinct comparability notes of the mappings used, in order."""
        seen: list[str] = []
        for change in self.changes:
            if change.note and change.note not in seen:
                seen.append(change.note)
        return seen

    @property
    def points(self) -> int:
        return sum(len(g.points) for g in self.groups)

    @property
    def points_with_actions(self) -> int:
        return sum(1 for g in self.groups for p in g.points if p.actions)


def build_followup(evaluation: Evaluation) -> FollowUp | None:
    """The follow-up of the municipality's previous published evaluation, or None if there is none."""
    previous = previous_published_evaluation(evaluation)
    if previous is None:
        return None
    plan = ActionPlan.objects.filter(evaluation=previous).first()
    groups = plan_groups(previous, plan)
    counts = {value: 0 for value in ActionStatus.values}
    for group in groups:
        for point in group.points:
            for action in point.actions:
                counts[action.status] += 1
    return FollowUp(
        evaluation=evaluation,
        previous=previous,
        plan=plan,
        groups=groups,
        changes=score_changes(previous, evaluation),
        status_counts=[StatusCount(str(label), counts[value]) for value, label in ActionStatus.choices],
    )


def score_changes(previous: Evaluation, current: Evaluation) -> list[AreaChange]:
    """Per area of the current evaluation: the previous score of the same (or mapped) area and the change."""
    before = {a.number: a for a in build_score_table(previous).areas}
    now = build_score_table(current).areas
    if previous.version_id == current.version_id:
        return [_change(area, before.get(area.number), same_version=True) for area in now]
    pairs = _mapped_pairs(previous, current)
    changes = []
    for area in now:
        mapped = pairs.get(area.number, [])
        if not mapped:
            changes.append(_change(area, None, same_version=False, note="Inget motsvarande område i förra versionen."))
        for number, mapping in mapped:
            changes.append(
                _change(
                    area,
                    before.get(number),
                    same_version=False,
                    comparability=str(mapping.get_comparability_display()),
                    note=mapping.note.strip(),
                )
            )
    return changes


def _mapped_pairs(previous: Evaluation, current: Evaluation) -> dict[int, list[tuple[int, AreaMapping]]]:
    """current area number → [(previous area number, mapping)], in either direction of the mapping file."""
    pairs: dict[int, list[tuple[int, AreaMapping]]] = {}
    forward = AreaMapping.objects.filter(
        from_area__version_id=previous.version_id, to_area__version_id=current.version_id
    ).select_related("from_area", "to_area")
    for mapping in forward.order_by("to_area__number", "from_area__number"):
        pairs.setdefault(mapping.to_area.number, []).append((mapping.from_area.number, mapping))
    if pairs:
        return pairs
    backward = AreaMapping.objects.filter(
        from_area__version_id=current.version_id, to_area__version_id=previous.version_id
    ).select_related("from_area", "to_area")
    for mapping in backward.order_by("from_area__number", "to_area__number"):
        pairs.setdefault(mapping.from_area.number, []).append((mapping.to_area.number, mapping))
    return pairs


def _change(
    area: AreaRow,
    before: AreaRow | None,
    *,
    same_version: bool,
    comparability: str = "",
    note: str = "",
) -> AreaChange:
    previous = before.points if before else None
    difference = None
    if same_version and previous is not None and area.points is not None and area.complete:
        difference = area.points - previous
    return AreaChange(
        number=area.number,
        name=area.name,
        current=area.points,
        current_complete=area.complete,
        previous_label=f"{before.number}. {before.name}" if before else "",
        previous=previous,
        same_version=same_version,
        comparability=comparability,
        note=note,
        difference=difference,
        subareas=_subarea_changes(area, before, same_version=same_version) if before else [],
    )


def _normalise(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


def _subarea_changes(area: AreaRow, before: AreaRow, *, same_version: bool) -> list[SubAreaChange]:
    if same_version:
        earlier = {s.number: s for s in before.subareas}
        pairs = [(s, earlier.get(s.number)) for s in area.subareas]
    else:
        by_name = {_normalise(s.name): s for s in before.subareas}
        pairs = [(s, by_name.get(_normalise(s.name))) for s in area.subareas]
    return [_subarea_change(now, then, same_version=same_version) for now, then in pairs if then is not None]


def _subarea_change(now: SubAreaRow, then: SubAreaRow, *, same_version: bool) -> SubAreaChange:
    difference = None
    if same_version and now.points is not None and then.points is not None and now.complete:
        difference = now.points - then.points
    return SubAreaChange(now.name, then.name, then.points, now.points, difference)

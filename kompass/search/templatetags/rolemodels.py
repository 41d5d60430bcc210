from __future__ import annotations

from django import template

from kompass.criteria.models import Area
from kompass.evaluations.models import Evaluation
from kompass.search.rolemodels import RoleModel, role_models, role_models_for_areas

register = template.Library()

_MEMO = "_search_role_models"  # attribute on the Evaluation instance: {limit: {area id: [RoleModel]}}


@register.simple_tag
def suggested_role_models(area: Area, evaluation: Evaluation | None = None, limit: int = 5) -> list[RoleModel]:
    """`{% suggested_role_models area evaluation as models %}`: role models for an area, leaving out the
    evaluation's own municipality. With an evaluation, the role models of all its version's areas are
    computed at the first use (`role_models_for_areas`: a fixed number of queries for the whole page)
    and kept on the evaluation instance, i.e. for the request that loaded it."""
    if evaluation is None or area.version_id != evaluation.version_id:
        return role_models(area, exclude_evaluation=evaluation, limit=limit)
    memo: dict[int, dict[int, list[RoleModel]]] = evaluation.__dict__.setdefault(_MEMO, {})
    if limit not in memo:
        memo[limit] = role_models_for_areas(evaluation, limit=limit)
    if area.pk in memo[limit]:
        return memo[limit][area.pk]
    return role_models(area, exclude_evaluation=evaluation, limit=limit)

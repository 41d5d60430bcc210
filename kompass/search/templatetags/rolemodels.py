from __future__ import annotations

from django import template

from kompass.criteria.models import Area
from kompass.evaluations.models import Evaluation
from kompass.search.services import RoleModel, role_models

register = template.Library()


@register.simple_tag
def suggested_role_models(area: Area, evaluation: Evaluation | None = None, limit: int = 5) -> list[RoleModel]:
    """`{% suggested_role_models area evaluation as models %}`: role models for an area, leaving out the
    evaluation's own municipality."""
    return role_models(area, exclude_evaluation=evaluation, limit=limit)

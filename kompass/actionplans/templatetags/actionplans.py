"""Template helpers for action plans: bar widths as CSS classes (no inline styles) and the follow-up
for the shared include `actionplans/_followup.html`."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def bar_class(percent: int | None) -> str:
    """A percentage as one of the classes ap-w-0 … ap-w-100 (steps of 5)."""
    value = max(0, min(100, int(percent or 0)))
    return f"ap-w-{5 * round(value / 5)}"


@register.simple_tag(takes_context=True)
def followup_for(context: template.Context, evaluation: Any) -> dict[str, Any] | None:
    """What the include may show to the person looking: None when there is nothing (no previous published
    evaluation) or when the follow-up is not for them."""
    from kompass.accounts.permissions import has_perm
    from kompass.actionplans.followup import build_followup

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if evaluation is None or user is None or not has_perm(user, "actionplans.view_followup", evaluation):
        return None
    data = build_followup(evaluation)
    if data is None:
        return None
    return {"data": data, "show_actions": has_perm(user, "actionplans.view_plan", data.previous)}

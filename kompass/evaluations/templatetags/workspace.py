"""The workspace's tab navigation, usable from any app's page: `{% include "evaluations/_workspace_nav.html" %}`
with `evaluation` and `request` in the context."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from kompass.evaluations import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_tabs(context: dict[str, Any], evaluation: Any) -> list[dict[str, Any]]:
    """(label, href, current) per tab the user may use; team-only tabs only for the team and administrators."""
    request = context.get("request")
    user = getattr(request, "user", None)
    internal = user is not None and permissions.can_see_internal(user, evaluation)
    key = evaluation.key
    tabs = [
        (_("Översikt"), f"/arbete/{key}/", False),
        (_("Frågeunderlag"), f"/arbete/{key}/fragor/", False),
        (_("Besök"), f"/arbete/{key}/besok/", True),
        (_("Underlag"), f"/arbete/{key}/underlag/", True),
        (_("Poäng"), f"/bedomning/{key}/poang/", True),
        (_("Text"), f"/bedomning/{key}/text/", True),
        (_("Historik"), f"/bedomning/{key}/historik/", True),
        (_("Personuppgifter"), f"/arbete/{key}/personuppgifter/", True),
        (_("Rapport"), f"/rapporter/{key}/", False),
        (_("Handlingsplan"), f"/handlingsplaner/{key}/", False),
    ]
    path = getattr(request, "path", "")
    result = []
    for label, href, team_only in tabs:
        if team_only and not internal:
            continue
        current = path == href if href == f"/arbete/{key}/" else path.startswith(href)
        result.append({"label": label, "href": href, "current": current})
    return result

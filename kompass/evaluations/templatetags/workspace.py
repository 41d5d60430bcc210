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
    """(label, href, current) per tab the user may use."""
    request = context.get("request")
    user = getattr(request, "user", None)

    def may(perm: str) -> bool:
        return permissions.has_perm(user, perm, evaluation)

    work, internal = may("evaluations.view_work"), may("evaluations.view_internal")
    key = evaluation.key
    # (label, href, shown): each tab for those who hold the permission its page asks (docs/permissions.md).
    tabs = [
        (_("Översikt"), f"/arbete/{key}/", work),
        (_("Frågeunderlag"), f"/arbete/{key}/fragor/", work),
        (_("Besök"), f"/arbete/{key}/besok/", internal),
        (_("Underlag"), f"/arbete/{key}/underlag/", internal),
        (_("Poäng"), f"/bedomning/{key}/poang/", internal),
        (_("Text"), f"/bedomning/{key}/text/", internal),
        (_("Historik"), f"/bedomning/{key}/historik/", internal),
        (_("Personuppgifter"), f"/arbete/{key}/personuppgifter/", internal),
        (_("Rapport"), f"/rapporter/{key}/", may("reports.view_report")),
        (_("Handlingsplan"), f"/handlingsplaner/{key}/", may("actionplans.view_plan")),
    ]
    path = getattr(request, "path", "")
    result = []
    for label, href, shown in tabs:
        if not shown:
            continue
        current = path == href if href == f"/arbete/{key}/" else path.startswith(href)
        result.append({"label": label, "href": href, "current": current})
    return result

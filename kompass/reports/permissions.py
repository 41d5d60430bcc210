"""Who reads the report and edits its Kortfakta (django-rules; predicates in kompass.evaluations.permissions)."""

from __future__ import annotations

import rules

from kompass.evaluations.permissions import is_visible, on_team

rules.add_perm("reports.view_report", is_visible)
rules.add_perm("reports.download", is_visible)
rules.add_perm("reports.edit_key_facts", on_team)

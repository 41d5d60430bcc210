"""Who scores and writes (django-rules; the predicates are in kompass.evaluations.permissions).

The pages themselves are `evaluations.view_internal` (the team and administrators). Only team members
score, agree consensus and write; an administrator outside the team may look but is refused (403).
Once an evaluation is published the services refuse changes with a message, whoever asks."""

from __future__ import annotations

import rules

from kompass.evaluations.permissions import is_team_member

rules.add_perm("assessment.score", is_team_member)
rules.add_perm("assessment.write", is_team_member)

"""Demo: individual scores of eva and per for the demo evaluation (9999-2025), close to the team's agreed
scores with some differences, and every area submitted by both. Idempotent: an evaluator who already has
scores in the demo keeps them."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kompass.accounts.models import User
from kompass.assessment.models import AreaSubmission, EvaluatorScore
from kompass.evaluations.models import Evaluation

DEMO_EVALUATORS = ("eva", "per")


@transaction.atomic
def extend_demo(evaluation: Evaluation) -> str | None:
    users = list(User.objects.filter(username__in=DEMO_EVALUATORS, memberships__evaluation=evaluation))
    consensus = {s.question_id: s for s in evaluation.question_scores.select_related("question")}
    if not users or not consensus:
        return None
    created = 0
    for offset, user in enumerate(sorted(users, key=lambda u: u.username)):
        if EvaluatorScore.objects.filter(evaluation=evaluation, evaluator=user).exists():
            continue
        rng = random.Random(f"{evaluation.key}-{user.username}")
        scores = [
            EvaluatorScore(
                evaluation=evaluation,
                question_id=question_id,
                evaluator=user,
                points=_near(score.points, score.question.max_points, rng, offset),
                rationale=score.rationale,
            )
            for question_id, score in sorted(consensus.items())
        ]
        # bulk_create: the demo's own starting point is not a change worth keeping in the history
        EvaluatorScore.objects.bulk_create(scores)
        created += len(scores)
    areas = evaluation.version.areas.all()
    for user in users:
        for area in areas:
            AreaSubmission.objects.get_or_create(evaluation=evaluation, area=area, evaluator=user)
    if not created:
        return None
    return _("bedömning: %(created)s individuella poäng för %(value)s") % {
        "created": created,
        "value": ", ".join(u.username for u in users),
    }


def _near(points: Decimal, maximum: Decimal, rng: random.Random, offset: int) -> Decimal:
    """The agreed score, or half a point to a point away from it for about one question in four."""
    roll = rng.random()
    if roll > 0.25:
        return points
    step = Decimal("0.5") if roll > 0.1 else Decimal(1)
    moved = points + step if (roll * 100 + offset) % 2 < 1 else points - step
    return min(maximum, max(Decimal(0), moved))

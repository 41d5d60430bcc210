"""The demo evaluation's Kortfakta (fictional figures for the fictional municipality)."""

from __future__ import annotations

from decimal import Decimal

from kompass.evaluations.models import Evaluation
from kompass.reports.models import KeyFacts


def extend_demo(evaluation: Evaluation) -> str | None:
    _facts, created = KeyFacts.objects.get_or_create(
        evaluation=evaluation,
        defaults={
            "population": 48_250,
            "area_km2": Decimal("712.4"),
            "employees": 3_940,
            "budget_msek": Decimal("3875.0"),
            "political_majority": "S, C och L (2022–2026)",
            "other": "Skattesats: 21,85 %\nAntal nämnder: 9",
            "source": "Påhittade uppgifter för demokommunen",
        },
    )
    return "Rapport: kortfakta om Exempelkommun" if created else None

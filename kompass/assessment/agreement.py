"""Agreement between evaluators: plain arithmetic, no database.

For two evaluators scoring the same N questions:
- the share of identical scores, and the shares within 0.5 and within 1 point;
- a weighted Cohen's kappa. Points differ in maximum between questions, so each score is first turned into
  its share of the question's maximum and binned into BINS ordered categories (0 %, 25 %, 50 %, 75 %,
  100 % with 5 bins; nearest bin, halves rounded up). With linear weights w(i, j) = 1 - |i - j| / (k - 1)
  (or quadratic: 1 - ((i - j) / (k - 1))²):

      observed  Po = mean over questions of w(a, b)
      expected  Pe = Σ_i Σ_j w(i, j) · pa(i) · pb(j)   (pa, pb: each evaluator's share of category i)
      kappa        = (Po - Pe) / (1 - Pe),  undefined when Pe = 1 (both used one and the same category)

For more than two evaluators every figure is the mean over all pairs (kappa over the pairs where it is
defined). All figures are exact fractions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import combinations

BINS = 5


@dataclass(frozen=True)
class Agreement:
    n: int
    identical: Fraction | None
    within_half: Fraction | None
    within_one: Fraction | None
    kappa: Fraction | None
    pairs: int = 1


def category(points: Decimal, maximum: Decimal, *, bins: int = BINS) -> int:
    """The bin of `points` as a share of `maximum`: 0 … bins-1."""
    if maximum <= 0:
        return 0
    return int((points / maximum * (bins - 1)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def weight(i: int, j: int, *, bins: int = BINS, quadratic: bool = False) -> Fraction:
    distance = Fraction(abs(i - j), bins - 1)
    return 1 - distance**2 if quadratic else 1 - distance


def weighted_kappa(
    pairs: Sequence[tuple[Decimal, Decimal, Decimal]], *, bins: int = BINS, quadratic: bool = False
) -> Fraction | None:
    """Weighted Cohen's kappa for (points a, points b, question maximum) triples; None when undefined."""
    if not pairs:
        return None
    n = len(pairs)
    cats = [(category(a, m, bins=bins), category(b, m, bins=bins)) for a, b, m in pairs]
    observed = sum((weight(i, j, bins=bins, quadratic=quadratic) for i, j in cats), Fraction(0)) / n
    count_a = [sum(1 for i, _ in cats if i == c) for c in range(bins)]
    count_b = [sum(1 for _, j in cats if j == c) for c in range(bins)]
    expected = sum(
        (
            weight(i, j, bins=bins, quadratic=quadratic) * Fraction(count_a[i] * count_b[j], n * n)
            for i in range(bins)
            for j in range(bins)
        ),
        Fraction(0),
    )
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def pair_agreement(
    pairs: Sequence[tuple[Decimal, Decimal, Decimal]], *, bins: int = BINS, quadratic: bool = False
) -> Agreement:
    """Agreement between two evaluators over (points a, points b, question maximum) triples."""
    n = len(pairs)
    if n == 0:
        return Agreement(0, None, None, None, None)
    differences = [abs(a - b) for a, b, _ in pairs]
    return Agreement(
        n=n,
        identical=Fraction(sum(1 for d in differences if d == 0), n),
        within_half=Fraction(sum(1 for d in differences if d <= Decimal("0.5")), n),
        within_one=Fraction(sum(1 for d in differences if d <= 1), n),
        kappa=weighted_kappa(pairs, bins=bins, quadratic=quadratic),
    )


def team_agreement(
    items: Sequence[tuple[Decimal, Sequence[Decimal]]], *, bins: int = BINS, quadratic: bool = False
) -> Agreement:
    """Agreement over questions given as (maximum, [each evaluator's points in a fixed order]); only
    questions every evaluator scored should be passed. More than two evaluators: mean over the pairs."""
    raters = len(items[0][1]) if items else 0
    if raters < 2:
        return Agreement(len(items), None, None, None, None, pairs=0)
    results = [
        pair_agreement([(scores[x], scores[y], maximum) for maximum, scores in items], bins=bins, quadratic=quadratic)
        for x, y in combinations(range(raters), 2)
    ]
    kappas = [r.kappa for r in results if r.kappa is not None]
    return Agreement(
        n=len(items),
        identical=_mean([r.identical for r in results]),
        within_half=_mean([r.within_half for r in results]),
        within_one=_mean([r.within_one for r in results]),
        kappa=_mean(kappas),
        pairs=len(results),
    )


def _mean(values: Sequence[Fraction | None]) -> Fraction | None:
    known = [v for v in values if v is not None]
    return sum(known, Fraction(0)) / len(known) if known else None

from decimal import Decimal as D
from fractions import Fraction

from kompass.assessment.agreement import category, pair_agreement, team_agreement, weighted_kappa

# Four questions with maximum 4: the categories (five bins of the share of the maximum) equal the points.
# a: 4, 2, 0, 3   b: 4, 3, 0, 1   differences 0, 1, 0, 2
EXAMPLE = [(D(4), D(4), D(4)), (D(2), D(3), D(4)), (D(0), D(0), D(4)), (D(3), D(1), D(4))]


def test_linear_weighted_kappa_matches_the_hand_computed_value():
    # Po = (1 + 3/4 + 1 + 1/2) / 4 = 13/16; Pe = (2 + 2.5 + 2.5 + 2) / 16 = 9/16; kappa = (4/16) / (7/16)
    assert weighted_kappa(EXAMPLE) == Fraction(4, 7)


def test_quadratic_weighted_kappa_matches_the_hand_computed_value():
    # Po = 59/64, Pe = 45/64, kappa = 14/19
    assert weighted_kappa(EXAMPLE, quadratic=True) == Fraction(14, 19)


def test_shares_of_identical_and_near_scores_match_the_hand_count():
    result = pair_agreement(EXAMPLE)
    assert (result.n, result.identical, result.within_half, result.within_one) == (
        4,
        Fraction(1, 2),
        Fraction(1, 2),
        Fraction(3, 4),
    )


def test_points_are_binned_as_a_share_of_the_question_maximum_with_halves_rounded_up():
    assert [category(D("2.5"), D(5)), category(D(1), D(6)), category(D("0.5"), D(4)), category(D(6), D(6))] == [
        2,
        1,
        1,
        4,
    ]


def test_kappa_is_undefined_when_both_evaluators_used_one_and_the_same_category():
    assert weighted_kappa([(D(5), D(5), D(5)), (D(4), D(4), D(4))]) is None
    assert pair_agreement([]).kappa is None and pair_agreement([]).n == 0


def test_three_evaluators_get_the_mean_over_the_three_pairs():
    items = [(D(4), [a, b, c]) for a, b, c in [(4, 4, 4), (2, 3, 2), (0, 0, 1), (3, 1, 3)]]
    result = team_agreement([(m, [D(x) for x in s]) for m, s in items])
    pairs = [pair_agreement([(D(s[x]), D(s[y]), m) for m, s in items]) for x, y in [(0, 1), (0, 2), (1, 2)]]
    assert result.pairs == 3 and result.n == 4
    assert result.kappa == sum((p.kappa for p in pairs), Fraction(0)) / 3
    assert result.identical == sum((p.identical for p in pairs), Fraction(0)) / 3

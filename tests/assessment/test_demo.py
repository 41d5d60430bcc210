import pytest

from kompass.assessment.demo import extend_demo
from kompass.assessment.models import AreaSubmission, EvaluatorScore
from kompass.assessment.services import agreement_report
from kompass.core.demo import ensure_demo_evaluation

pytestmark = pytest.mark.django_db


def test_the_demo_gets_individual_scores_for_eva_and_per_with_every_area_submitted_once(kk2020):
    evaluation, _ = ensure_demo_evaluation()
    extend_demo(evaluation)  # setup may already have called it; the second call must change nothing
    questions = evaluation.question_scores.count()
    scores = EvaluatorScore.objects.filter(evaluation=evaluation)
    assert scores.count() == 2 * questions
    assert set(scores.values_list("evaluator__username", flat=True)) == {"eva", "per"}
    assert AreaSubmission.objects.filter(evaluation=evaluation).count() == 16
    assert extend_demo(evaluation) is None and scores.count() == 2 * questions
    report = agreement_report(evaluation)
    assert report.overall.n == questions and 0 < report.overall.identical < 1

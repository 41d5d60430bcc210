from decimal import Decimal

import pytest

from kompass.assessment.enums import ChangeAction, ChangeKind
from kompass.assessment.models import ChangeRecord, EvaluatorScore, Finding
from kompass.assessment.services import (
    AssessmentError,
    ScoreEntriesError,
    ScoreEntry,
    add_finding,
    agree_consensus,
    agreement_report,
    delete_finding,
    edit_finding,
    move_finding,
    save_area_text,
    save_evaluator_scores,
    save_subarea_text,
    submit_area,
    visible_evaluator_scores,
)
from kompass.evaluations.enums import FindingKind
from kompass.evaluations.models import AreaScore, QuestionScore
from kompass.evaluations.services import StaleWriteError, import_question_scores
from tests.assessment.conftest import half, score_all
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_colleagues_scores_stay_hidden_until_both_have_submitted(team):
    score_all(team, team.lead, half)
    score_all(team, team.colleague, half, submit=False)
    assert {s.evaluator_id for s in visible_evaluator_scores(team.evaluation, viewer=team.colleague)} == {
        team.colleague.pk
    }
    assert {s.evaluator_id for s in visible_evaluator_scores(team.evaluation, viewer=team.lead)} == {team.lead.pk}
    submit_area(team.evaluation, team.area, evaluator=team.colleague)
    seen = visible_evaluator_scores(team.evaluation, viewer=team.lead)
    assert {s.evaluator_id for s in seen} == {team.lead.pk, team.colleague.pk}
    assert seen.count() == 2 * len(team.questions())


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "får inte vara negativ"),
        ("99", "är högre än maxpoängen"),
        ("0,25", "hela eller halva poäng"),
        ("mycket", "är inte ett tal"),
    ],
)
def test_invalid_points_are_refused_with_a_swedish_message_and_nothing_is_stored(team, typed, message):
    first, second = team.questions()[:2]
    entries = [ScoreEntry(question=first, points="2"), ScoreEntry(question=second, points=typed)]
    with pytest.raises(ScoreEntriesError) as refused:
        save_evaluator_scores(team.evaluation, team.area, evaluator=team.lead, entries=entries)
    assert list(refused.value.errors) == [second.pk] and message in refused.value.errors[second.pk]
    assert EvaluatorScore.objects.filter(evaluation=team.evaluation).count() == 0


def test_half_points_with_a_decimal_comma_are_accepted(team):
    first = team.questions()[0]
    save_evaluator_scores(
        team.evaluation, team.area, evaluator=team.lead, entries=[ScoreEntry(question=first, points="2,5")]
    )
    assert EvaluatorScore.objects.get(evaluation=team.evaluation).points == Decimal("2.5")


def test_an_area_cannot_be_submitted_before_every_question_has_a_score(team):
    first = team.questions()[0]
    save_evaluator_scores(team.evaluation, team.area, evaluator=team.lead, entries=[ScoreEntry(first, "1")])
    with pytest.raises(AssessmentError, match=f"{len(team.questions()) - 1} frågor saknar din poäng"):
        submit_area(team.evaluation, team.area, evaluator=team.lead)


def test_scores_are_locked_after_submitting(team):
    score_all(team, team.lead, half)
    with pytest.raises(AssessmentError, match="låsta"):
        save_evaluator_scores(
            team.evaluation, team.area, evaluator=team.lead, entries=[ScoreEntry(team.questions()[0], "0", "", "", 1)]
        )


def test_someone_outside_the_team_cannot_score(team, people):
    with pytest.raises(AssessmentError, match="Bara utvärderingens team"):
        save_evaluator_scores(
            team.evaluation, team.area, evaluator=people["admin"], entries=[ScoreEntry(team.questions()[0], "1")]
        )


def test_consensus_is_refused_before_everyone_has_submitted(team):
    score_all(team, team.lead, half)
    with pytest.raises(AssessmentError, match="när alla i teamet har lämnat in"):
        agree_consensus(
            team.evaluation, team.questions()[0], by=team.lead, points="1", rationale="", expected_revision=0
        )


def test_consensus_scores_update_the_area_score_and_complete_it(team):
    score_all(team, team.lead, half)
    score_all(team, team.colleague, lambda q: q.max_points)
    questions = team.questions()
    for q in questions:
        agree_consensus(team.evaluation, q, by=team.lead, points=str(q.max_points), rationale="ok", expected_revision=0)
        if q == questions[0]:
            first = AreaScore.objects.get(evaluation=team.evaluation, area=team.area)
            assert (first.points, first.is_complete) == (q.max_points, False)
    area = AreaScore.objects.get(evaluation=team.evaluation, area=team.area)
    assert (area.points, area.is_complete) == (Decimal(100), True)


def test_a_stale_consensus_save_is_refused_and_shows_the_other_version(team):
    score_all(team, team.lead, half)
    score_all(team, team.colleague, half)
    q = team.questions()[0]
    agree_consensus(team.evaluation, q, by=team.lead, points="1", rationale="Evas version", expected_revision=0)
    with pytest.raises(StaleWriteError, match="Evas version") as refused:
        agree_consensus(team.evaluation, q, by=team.colleague, points="2", rationale="Pers", expected_revision=0)
    assert refused.value.current.points == Decimal(1)
    assert QuestionScore.objects.get(evaluation=team.evaluation, question=q).rationale == "Evas version"


def test_a_stale_individual_score_is_refused(team):
    q = team.questions()[0]
    save_evaluator_scores(team.evaluation, team.area, evaluator=team.lead, entries=[ScoreEntry(q, "1", "first")])
    save_evaluator_scores(team.evaluation, team.area, evaluator=team.lead, entries=[ScoreEntry(q, "2", "tab 1", "", 1)])
    with pytest.raises(StaleWriteError, match="tab 1"):
        save_evaluator_scores(
            team.evaluation, team.area, evaluator=team.lead, entries=[ScoreEntry(q, "3", "tab 2", "", 1)]
        )
    assert EvaluatorScore.objects.get(evaluation=team.evaluation, question=q).points == Decimal(2)


def test_a_stale_text_save_is_refused_and_shows_the_other_version(team):
    save_area_text(team.evaluation, team.area, text="Evas text", by=team.lead, expected_revision=0)
    with pytest.raises(StaleWriteError, match="Evas text"):
        save_area_text(team.evaluation, team.area, text="Pers text", by=team.colleague, expected_revision=0)
    subarea = team.area.subareas.first()
    save_subarea_text(team.evaluation, subarea, text="v1", by=team.lead, expected_revision=0)
    save_subarea_text(team.evaluation, subarea, text="v2", by=team.lead, expected_revision=1)
    with pytest.raises(StaleWriteError, match="v2"):
        save_subarea_text(team.evaluation, subarea, text="v3", by=team.colleague, expected_revision=1)


def test_a_finding_edited_by_someone_else_is_not_overwritten(team):
    finding = add_finding(team.evaluation, team.area, kind=FindingKind.STRENGTH, text="Bra", by=team.lead)
    edit_finding(finding, text="Mycket bra", expected_revision=1, by=team.lead)
    with pytest.raises(StaleWriteError, match="Mycket bra"):
        edit_finding(finding, text="Utmärkt", expected_revision=1, by=team.colleague)
    with pytest.raises(StaleWriteError):
        delete_finding(finding, expected_revision=1, by=team.colleague)
    assert Finding.objects.get(pk=finding.pk).text == "Mycket bra"


def test_findings_keep_their_order_when_moved_and_deleted(team):
    a, b, c = (
        add_finding(team.evaluation, team.area, kind=FindingKind.IMPROVEMENT, text=t, by=team.lead) for t in "ABC"
    )
    move_finding(c, direction="up", by=team.lead)
    order = list(Finding.objects.filter(evaluation=team.evaluation).order_by("position").values_list("text", flat=True))
    assert order == ["A", "C", "B"]
    delete_finding(a, expected_revision=1, by=team.lead)
    rows = list(Finding.objects.filter(evaluation=team.evaluation).order_by("position").values_list("text", "position"))
    assert rows == [("C", 1), ("B", 2)]


def test_history_records_a_service_change_with_who_before_and_after(team):
    save_area_text(team.evaluation, team.area, text="Första", by=team.lead, expected_revision=0)
    save_area_text(team.evaluation, team.area, text="Andra", by=team.colleague, expected_revision=1)
    records = list(ChangeRecord.objects.filter(evaluation=team.evaluation, kind=ChangeKind.AREA_TEXT))
    assert [(r.action, r.changed_by, r.before, r.after) for r in records] == [
        (ChangeAction.UPDATED, team.colleague, {"general_text": "Första"}, {"general_text": "Andra"}),
        (ChangeAction.CREATED, team.lead, None, {"general_text": "Första"}),
    ]
    assert records[0].area == team.area


def test_history_records_a_direct_model_save_and_a_csv_import(team):
    q = team.questions()[0]
    score = QuestionScore.objects.create(evaluation=team.evaluation, question=q, points=1, updated_by=team.lead)
    score.points = Decimal(2)
    score.save()
    import_question_scores(team.evaluation, f"question,points\n{q.code},3\n", source="test.csv", by=team.colleague)
    records = ChangeRecord.objects.filter(evaluation=team.evaluation, kind=ChangeKind.CONSENSUS_SCORE)
    assert [(r.changed_by, r.before, r.after["points"], r.question) for r in records] == [
        (team.colleague, {"points": "2", "rationale": ""}, "3", q),
        (team.lead, {"points": "1", "rationale": ""}, "2", q),
        (team.lead, None, "1", q),
    ]
    Finding.objects.create(evaluation=team.evaluation, area=team.area, kind=FindingKind.STRENGTH, text="x").delete()
    findings = ChangeRecord.objects.filter(evaluation=team.evaluation, kind=ChangeKind.FINDING)
    kinds = list(findings.values_list("action", flat=True))
    assert kinds == [ChangeAction.DELETED, ChangeAction.CREATED]


def test_deleting_an_evaluation_takes_its_history_along(team):
    add_finding(team.evaluation, team.area, kind=FindingKind.STRENGTH, text="x", by=team.lead)
    team.evaluation.delete()
    assert ChangeRecord.objects.count() == 0


def test_agreement_covers_only_areas_the_whole_team_has_submitted(team, kk2020):
    questions = team.questions()
    score_all(team, team.lead, lambda q: q.max_points)
    score_all(team, team.colleague, lambda q: q.max_points if q != questions[0] else Decimal(0))
    area2 = kk2020.areas.get(number=2)
    score_all(team, team.lead, half, area=area2)  # colleague has not submitted area 2
    report = agreement_report(team.evaluation)
    assert list(report.per_area) == [1]
    assert report.overall.n == len(questions)
    assert report.per_area[1].identical * len(questions) == len(questions) - 1


def test_history_records_who_changed_something_in_the_django_admin(team, client):
    finding = Finding.objects.create(evaluation=team.evaluation, area=team.area, kind=FindingKind.STRENGTH, text="x")
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(f"/admin/assessment/finding/{finding.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Finding.objects.filter(pk=finding.pk).exists()
    record = ChangeRecord.objects.get(evaluation=team.evaluation, kind=ChangeKind.FINDING, action=ChangeAction.DELETED)
    assert record.changed_by == admin

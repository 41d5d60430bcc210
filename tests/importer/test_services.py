import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kompass.assessment.models import AreaText, Finding, ReferenceMunicipality
from kompass.evaluations.enums import FindingKind, Origin, Status
from kompass.evaluations.models import Evaluation, SubAreaScore
from kompass.importer.enums import ImportAction
from kompass.importer.models import ImportRecord
from kompass.importer.services import import_text, plan_import
from tests.importer import pdfs, samples

SEED_TEXT = samples.SEED.read_text(encoding="utf-8")


def _scores(evaluation: Evaluation) -> dict[int, Decimal]:
    return {s.area.number: s.points for s in evaluation.area_scores.select_related("area")}


def test_the_seed_enriches_the_published_record_instead_of_creating_a_second_evaluation(published_results):
    record = Evaluation.objects.get(key="1980-2012")
    outcome = import_text(SEED_TEXT, source_name="vasteras-2012.txt")
    assert (outcome.ok, outcome.applied, outcome.plan.action) == (True, True, ImportAction.ENRICH)
    assert Evaluation.objects.filter(municipality_id="1980", year=2012).count() == 1
    record.refresh_from_db()
    assert (record.origin, record.ordinal, str(record.report_date)) == (Origin.PUBLISHED_RECORD, 3, "2012-12-01")
    assert _scores(record) == {1: 58, 2: 69, 3: 82, 4: 65, 5: 68, 6: 64, 7: 74}
    assert record.total is None and record.printed_total is None
    strengths = Finding.objects.filter(evaluation=record, kind=FindingKind.STRENGTH)
    assert [strengths.filter(area__number=n).count() for n in range(1, 8)] == [5, 6, 7, 4, 5, 3, 6]
    assert Finding.objects.filter(evaluation=record, kind=FindingKind.IMPROVEMENT).count() == 25
    assert AreaText.objects.filter(evaluation=record).count() == 7
    assert list(
        ReferenceMunicipality.objects.filter(evaluation=record, area__number=1).values_list("name", "municipality")
    ) == [("Nacka", "0182"), ("Upplands Väsby", "0114")]
    first = record.subarea_texts.select_related("subarea").first()
    assert (first.heading, first.subarea.name) == (
        "Strategi for demokratiutveckling och information",
        "Strategi för demokratiutveckling och information",
    )


def test_importing_the_same_report_again_changes_nothing(published_results):
    import_text(SEED_TEXT, source_name="vasteras-2012.txt")
    findings = Finding.objects.count()
    outcome = import_text(SEED_TEXT, source_name="vasteras-2012.txt")
    assert (outcome.ok, outcome.applied, outcome.plan.action) == (True, False, ImportAction.UNCHANGED)
    assert outcome.message == "vasteras-2012.txt: Finns redan – inget att ändra (1980-2012)."
    assert Finding.objects.count() == findings


def test_a_changed_report_shows_the_differences_and_is_applied_only_with_update(published_results):
    import_text(SEED_TEXT, source_name="vasteras-2012.txt")
    changed = SEED_TEXT.replace("Genomförande av medarbetarsamtal. ", "")
    outcome = import_text(changed, source_name="vasteras-2012-rättad.txt")
    assert (outcome.applied, outcome.plan.action) == (False, ImportAction.CHANGES)
    assert outcome.plan.differences == ["Område 6: styrkor 3 → 2 punkter"]
    assert Finding.objects.filter(area__number=6, kind=FindingKind.STRENGTH).count() == 3
    outcome = import_text(changed, source_name="vasteras-2012-rättad.txt", update=True)
    assert outcome.applied is True
    assert Finding.objects.filter(area__number=6, kind=FindingKind.STRENGTH).count() == 2
    assert ImportRecord.objects.get().source_name == "vasteras-2012-rättad.txt"


def test_without_a_published_record_the_report_becomes_an_imported_published_evaluation(db):
    outcome = import_text(samples.KK2020_FALUN, source_name="falun.txt")
    assert outcome.applied is True
    evaluation = Evaluation.objects.get(key="2080-2021")
    assert (evaluation.origin, evaluation.status, evaluation.version.code) == (
        Origin.IMPORTED,
        Status.PUBLISHED,
        "kk2020",
    )
    assert _scores(evaluation) == {1: 58, 2: Decimal("62.5"), 3: 73, 4: 68}
    assert evaluation.printed_total == Decimal("426.5")
    assert evaluation.evaluator_names == [
        {"name": "Anna Andersson", "organisation": "SKR"},
        {"name": "Bertil Berg", "organisation": "Borlänge kommun"},
    ]
    assert sorted(
        SubAreaScore.objects.filter(evaluation=evaluation).values_list(
            "subarea__area__number", "subarea__number", "points"
        )
    ) == [(1, 1, 14), (1, 2, 12), (1, 4, Decimal("10.5")), (2, 2, 15)]


def test_bad_reports_write_nothing(db):
    for text, name in ((samples.NOT_A_REPORT, "protokoll.txt"), (samples.UNKNOWN_MUNICIPALITY, "gronkoping.txt")):
        outcome = import_text(text, source_name=name)
        assert outcome.ok is False and outcome.applied is False
    assert outcome.message == "gronkoping.txt: kommunen ”GRÖNKÖPINGS KOMMUN” finns inte i kommunregistret."
    assert Evaluation.objects.count() == 0


def test_dry_run_plans_without_writing(db):
    outcome = import_text(samples.KK2020_FALUN, source_name="falun.txt", dry_run=True)
    assert (outcome.ok, outcome.applied, outcome.plan.action) == (True, False, ImportAction.CREATE)
    assert Evaluation.objects.count() == 0


def test_import_command_imports_a_folder_continues_past_bad_files_and_fails_at_the_end(db, tmp_path, capsys):
    (tmp_path / "a-falun.txt").write_text(samples.KK2020_FALUN, encoding="utf-8")
    (tmp_path / "b-tom.txt").write_bytes(b"")
    (tmp_path / "c-skannad.pdf").write_bytes(pdfs.without_text_layer())
    (tmp_path / "d-tranas.txt").write_text(samples.KK2016_TRANAS, encoding="utf-8")
    with pytest.raises(CommandError, match="2 fil\\(er\\) kunde inte importeras"):
        call_command("import", str(tmp_path))
    assert sorted(Evaluation.objects.values_list("key", flat=True)) == ["0687-2017", "2080-2021"]
    out, err = capsys.readouterr()
    assert "2 av 4 filer gick bra, 2 skrevs till databasen." in out
    assert "b-tom.txt: filen är tom." in out
    assert "[" in err and "4/4" in err  # progress bar on stderr


def test_import_command_json_prints_the_extracted_report(db, capsys):
    call_command("import", str(samples.SEED), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["ok"], data["action"], data["applied"]) == (True, "create", False)
    report = data["report"]
    assert (report["municipality_code"], report["year"], report["version"], report["ordinal"]) == (
        "1980",
        2012,
        "kk2010",
        3,
    )
    assert [a["score"] for a in report["areas"]] == [58, 69, 82, 65, 68, 64, 74]
    assert Evaluation.objects.count() == 0


def test_plan_names_a_conflict_with_an_evaluation_made_in_kompass(db):
    from tests.factories import make_evaluation

    make_evaluation("2080", version="kk2020", year=2021)
    assert plan_import(samples.KK2020_FALUN, source_name="falun.txt").action == ImportAction.CONFLICT
    outcome = import_text(samples.KK2020_FALUN, source_name="falun.txt")
    assert outcome.ok is False and Evaluation.objects.count() == 1


def test_printed_averages_changes_date_precision_and_interviewees_are_stored_apart(db):
    from kompass.importer.models import PrintedAreaFigure
    from tests.importer.layouts import REPORTS

    text = (REPORTS / "kk2016-sigtuna-2017-docplayer.txt").read_text(encoding="utf-8")
    outcome = import_text(text, source_name="sigtuna.txt")
    assert outcome.applied is True
    evaluation = Evaluation.objects.get(key="0191-2017")
    assert (evaluation.printed_total, evaluation.computed_total) == (548, 548)
    figures = PrintedAreaFigure.objects.filter(evaluation=evaluation).order_by("area__number")
    assert [(f.area.number, f.printed_average, f.change) for f in figures][:3] == [
        (1, 63, None),
        (2, 60, None),
        (3, 63, None),
    ]
    assert [s["place"] for s in figures[4].sightings] == ["sammanfattningstabellen"]
    record = ImportRecord.objects.get(evaluation=evaluation)
    assert (record.report_date_precision, record.interviewees_text, record.interviewees) == (
        "day",
        "drygt 40 personer",
        40,
    )
    assert record.interviewees_approximate is True


def test_changes_since_last_time_are_stored_as_changes_not_averages(db):
    from kompass.importer.models import PrintedAreaFigure
    from tests.importer.layouts import REPORTS

    text = (REPORTS / "kk2020-lulea-2022-pdfslide.txt").read_text(encoding="utf-8")
    import_text(text, source_name="lulea.txt")
    text = (REPORTS / "page-kramfors-2013.txt").read_text(encoding="utf-8")
    import_text(text, source_name="kramfors.txt")
    kramfors = PrintedAreaFigure.objects.filter(evaluation__key="2282-2013").order_by("area__number")
    assert [(f.printed_average, f.change) for f in kramfors][:2] == [(None, 7), (None, 11)]
    assert ImportRecord.objects.get(evaluation__key="2580-2022").report_date_precision == "month"


def test_a_report_whose_scores_disagree_is_not_imported_without_review(db):
    from tests.importer.layouts import REPORTS

    text = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8")
    text = text.replace("Politisk styrning och kontroll 70\n", "Politisk styrning och kontroll 76\n")
    outcome = import_text(text, source_name="sundbyberg.txt")
    assert (outcome.ok, outcome.applied) == (False, False)
    assert outcome.message.startswith("sundbyberg.txt: behöver granskas innan import (kör med --review): Område 3:")
    assert Evaluation.objects.count() == 0


def test_import_command_review_queues_reports_instead_of_importing(db, tmp_path, capsys):
    from kompass.importer.models import ReportUpload

    (tmp_path / "falun.txt").write_text(samples.KK2020_FALUN, encoding="utf-8")
    call_command("import", str(tmp_path), "--review")
    upload = ReportUpload.objects.get()
    assert (upload.source_name, upload.status, upload.uploaded_by) == ("falun.txt", "review", None)
    assert capsys.readouterr().out == f"falun.txt: Att granska – /import/{upload.pk}/\n"
    assert Evaluation.objects.count() == 0


def test_import_command_dry_run_lists_what_must_be_reviewed(db, tmp_path, capsys):
    from tests.importer.layouts import REPORTS

    text = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8").replace("Totalt 488", "Totalt 498")
    (tmp_path / "sundbyberg.txt").write_text(text, encoding="utf-8")
    call_command("import", str(tmp_path / "sundbyberg.txt"), "--dry-run")
    out = capsys.readouterr().out
    assert (
        "Måste granskas:\n  – Totalpoängen skiljer sig mellan 488 i löptext (sida 2, rad 24: ”488 av 800 möjliga "
        "poäng”); 498 i tabell (sida 3, rad 111: ”Totalt 498”)."
    ) in out


def test_control_characters_and_bidi_overrides_in_imported_text_are_removed_before_anything_is_stored(db):
    hostile = samples.KK2020_FALUN.replace(
        "• Ett aktivt näringslivsråd", "• Ett aktivt\x07 närings\x1blivsråd\u202e", 1
    )
    hostile = hostile.replace("Kommunen samverkar i regionen", "Kommunen\x00 samverkar\u2066 i regionen\x85", 1)
    outcome = import_text(hostile, source_name="falun\x00.txt")
    assert outcome.applied is True
    evaluation = Evaluation.objects.get(key="2080-2021")
    assert list(
        Finding.objects.filter(evaluation=evaluation, area__number=2, kind=FindingKind.STRENGTH).values_list(
            "text", flat=True
        )
    ) == ["Ett aktivt näringslivsråd"]
    assert AreaText.objects.get(evaluation=evaluation, area__number=2).general_text == (
        "Kommunen samverkar i regionen och med näringslivet."
    )
    assert evaluation.source_url == "falun.txt"

"""`kompass report`: writes the file, or on failure leaves nothing behind."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from kompass.reports.renderers import xlsx


def test_report_command_writes_the_file(demo, tmp_path):
    target = tmp_path / "rapport.xlsx"
    out = io.StringIO()

    call_command("report", demo.key, "--format", "xlsx", "--output", str(target), stdout=out)

    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "Kommunkompassen: Analys av Exempelkommun 2025 – poängtabell (Kommunkompassen 2020)"
    assert out.getvalue().startswith(str(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.xlsx"]


def test_failing_render_leaves_no_file_and_keeps_an_older_one(demo, tmp_path, monkeypatch):
    def broken(report):
        raise RuntimeError("disken tog slut")

    monkeypatch.setattr(xlsx, "render", broken)
    (tmp_path / "gammal.xlsx").write_bytes(b"tidigare version")

    with pytest.raises(CommandError, match="kunde inte skapas: disken tog slut Ingen fil skrevs."):
        call_command("report", demo.key, "--format", "xlsx", "--output", str(tmp_path / "ny.xlsx"))
    with pytest.raises(CommandError):
        call_command("report", demo.key, "--format", "xlsx", "--output", str(tmp_path / "gammal.xlsx"))

    assert sorted(p.name for p in tmp_path.iterdir()) == ["gammal.xlsx"]
    assert (tmp_path / "gammal.xlsx").read_bytes() == b"tidigare version"


def test_unknown_evaluation_and_missing_folder_are_refused(demo, tmp_path):
    with pytest.raises(CommandError, match="Utvärderingen 9999-1900 finns inte."):
        call_command("report", "9999-1900", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="finns inte"):
        call_command("report", demo.key, "--format", "xlsx", "--output", str(tmp_path / "saknas" / "x.xlsx"))

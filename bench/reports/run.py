"""Report benchmark: median time per format for the complete demo evaluation 9999-2025, and in the same run
LibreOffice converting the same report's .docx to PDF (what a municipality would otherwise do).

    DATABASE_URL=... .venv/bin/python bench/reports/run.py [--runs 7]

Needs the demo data (`kompass setup`). Installs libreoffice-writer-nogui with apt-get if it is missing."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")


def _median(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    subprocess.run(["apt-get", "install", "-y", "libreoffice-writer-nogui"], check=True, capture_output=True)
    return shutil.which("soffice") or "soffice"


def main() -> None:
    import django

    django.setup()
    from kompass.evaluations.models import Evaluation
    from kompass.reports.renderers import docx, html, pdf, xlsx
    from kompass.reports.services import build_report

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    evaluation = Evaluation.objects.get(key="9999-2025")
    build, report = _median(lambda: build_report(evaluation), runs)
    print(f"content (build_report)   {build * 1000:7.0f} ms")
    results = {}
    for name, renderer in (("pdf", pdf), ("docx", docx), ("xlsx", xlsx), ("html", html)):
        seconds, (_n, _t, content) = _median(lambda r=renderer: r.render(report), runs)
        results[name] = (seconds, content)
        print(f"{name:5} render              {seconds * 1000:7.0f} ms  ({len(content) // 1024} KiB)")
    office = _libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rapport.docx"
        source.write_bytes(results["docx"][1])
        profile = Path(folder) / "profile"
        command = [
            office,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        subprocess.run(command, check=True, capture_output=True)  # first start creates the profile: not timed
        convert, _ = _median(lambda: subprocess.run(command, check=True, capture_output=True), runs)
    pdf_total = build + results["pdf"][0]
    print(f"LibreOffice docx→pdf     {convert * 1000:7.0f} ms")
    print(f"PDF incl. content        {pdf_total * 1000:7.0f} ms  → {convert / pdf_total:.1f}× faster than LibreOffice")
    print(f"(median of {runs} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()

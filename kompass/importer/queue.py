"""The review queue: uploaded reports are read in the background, reviewed and corrected by an
administrator, and only then imported — whole or not at all.

`read_upload(upload_id)` is one plain function, so it can run in this process's background thread today
(`dispatch`) or be sent to a job worker later without change."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils.translation import gettext as _

from kompass.core import formatting
from kompass.importer.enums import UploadStatus
from kompass.importer.extraction import NotAReport, extract_report
from kompass.importer.models import Correction, ReportUpload
from kompass.importer.reading import ReadError, read_report_bytes
from kompass.importer.report import ExtractedReport
from kompass.importer.services import FileOutcome, all_conflicts, carry_out, checksum_of, plan_report

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kompass-import")

# Fields an administrator can correct, with their Swedish labels.
AREA_FIELDS = {"score": "poäng", "average": "snitt", "change": "förändring"}
REPORT_FIELDS = {"total": "totalpoäng", "year": "år", "ordinal": "utvärdering nr"}


class CorrectionRefused(ValueError):
    """A correction that cannot be stored; the message is Swedish and nothing changed."""


def queue_uploads(files: list[tuple[str, bytes]], *, by: Any, background: bool | None = None) -> list[ReportUpload]:
    """Put uploaded files in the review queue as one batch and start reading them.

    Side effects: one ReportUpload per file (status "queued"); each is read by `read_upload` in a
    background thread, or at once when `background` is false (settings.KOMPASS_IMPORT_IN_BACKGROUND)."""
    uploads = []
    with transaction.atomic():
        first = None
        for name, data in files:
            upload = ReportUpload.objects.create(
                uploaded_by=by if getattr(by, "pk", None) else None,
                source_name=name[:300],
                data=data,
                **({"batch": first.batch} if first else {}),
            )
            first = first or upload
            uploads.append(upload)
    run_later = background if background is not None else getattr(settings, "KOMPASS_IMPORT_IN_BACKGROUND", True)
    for upload in uploads:
        if run_later:
            transaction.on_commit(partial(_executor.submit, _read_in_thread, upload.pk))
        else:
            read_upload(upload.pk)
    return uploads


def _read_in_thread(upload_id: Any) -> None:
    close_old_connections()
    try:
        read_upload(upload_id)
    finally:
        connection.close()


def _progress(upload_id: Any, status: str, progress: int, **fields: Any) -> None:
    ReportUpload.objects.filter(pk=upload_id).update(status=status, progress=progress, **fields)


def read_upload(upload_id: Any) -> None:
    """Read one queued upload: its text (OCR for scanned pages) and everything extracted from it.

    Side effects: updates the ReportUpload's status and progress as it goes, then stores the text, page
    confidences and the extracted report (status "review"), or a Swedish message (status "failed").
    Never raises for a bad file."""
    upload = ReportUpload.objects.get(pk=upload_id)
    _progress(upload_id, UploadStatus.READING, 10)
    try:
        read = read_report_bytes(bytes(upload.data), name=upload.source_name)
        _progress(upload_id, UploadStatus.READING, 60, text=read.text, pages=read.pages)
        report = extract_report(
            read.text,
            source_name=upload.source_name,
            page_confidence=read.page_confidence,
            unreadable_pages=read.unreadable_pages,
        )
        plan_report(report, checksum=checksum_of(read.text))  # refuses what can never be imported
    except (ReadError, NotAReport) as exc:
        _progress(upload_id, UploadStatus.FAILED, 100, message=str(exc))
        return
    except Exception as exc:  # a bug must not leave the upload "reading" forever
        _progress(
            upload_id,
            UploadStatus.FAILED,
            100,
            message=_("Oväntat fel vid läsningen (%(kind)s).") % {"kind": type(exc).__name__},
        )
        raise
    _progress(
        upload_id,
        UploadStatus.REVIEW,
        100,
        page_confidence=read.page_confidence,
        unreadable_pages=read.unreadable_pages,
        extracted=report.as_dict(),
        message="",
    )


def report_of(upload: ReportUpload) -> ExtractedReport:
    return ExtractedReport.from_dict(upload.extracted)


def correct_field(upload: ReportUpload, *, field: str, value: str, by: Any) -> Correction:
    """Correct one extracted field ("areas.3.score", "total", "year", …) before the import; the value may be
    the printed one, which resolves a disagreement as the administrator's decision.

    Side effects: a Correction (who, when, before, after, the source text); the upload's extracted report
    changes and the field's disagreements are replaced by a note of the correction. Raises
    CorrectionRefused (Swedish) for an unknown field or a bad value; then nothing changes."""
    if upload.status != UploadStatus.REVIEW:
        raise CorrectionRefused(_("Rapporten går inte att rätta just nu (den granskas inte)."))
    report = report_of(upload)
    parts = field.split(".")
    if len(parts) == 2 and parts[0] == "pages" and parts[1].isdigit():
        return _page_checked(upload, report, int(parts[1]), by)
    parsed = _parse_value(field, value)
    if len(parts) == 3 and parts[0] == "areas" and parts[2] in AREA_FIELDS:
        area = report.area(int(parts[1])) if parts[1].isdigit() else None
        if area is None:
            raise CorrectionRefused(_("Området finns inte i rapporten."))
        before, source = getattr(area, parts[2]), "; ".join(f"{s.place}: {s.snippet}" for s in area.sightings)
        setattr(area, parts[2], parsed)
        if parts[2] == "score":
            area.conflicts = [c for c in area.conflicts if "poängen" not in c]
        elif parts[2] == "average":
            area.conflicts = [c for c in area.conflicts if "snittet" not in c]
        label = _("Område %(n)s, %(what)s") % {"n": area.number, "what": AREA_FIELDS[parts[2]]}
    elif field in REPORT_FIELDS:
        before = getattr(report, field)
        source = "; ".join(f"{s.place}: {s.snippet}" for s in report.total_sightings) if field == "total" else ""
        setattr(report, field, parsed)
        if field == "total":
            report.conflicts = [c for c in report.conflicts if not c.startswith("Totalpoängen")]
        label = REPORT_FIELDS[field]
    else:
        raise CorrectionRefused(_("Fältet kan inte rättas här."))
    return _store(upload, report, field, before, parsed, source, label, by)


def _page_checked(upload: ReportUpload, report: ExtractedReport, page: int, by: Any) -> Correction:
    """A page OCR could not read well, checked against the original by the administrator."""
    marker = _("Sida %(page)s gick inte att läsa säkert") % {"page": page}
    if not any(c.startswith(marker) for c in report.conflicts):
        raise CorrectionRefused(_("Sidan behöver ingen kontroll."))
    report.conflicts = [c for c in report.conflicts if not c.startswith(marker)]
    label = _("Sida %(page)s") % {"page": page}
    return _store(upload, report, f"pages.{page}", _("oläst"), _("kontrollerad mot originalet"), "", label, by)


def _store(
    upload: ReportUpload,
    report: ExtractedReport,
    field: str,
    before: Any,
    parsed: Any,
    source: str,
    label: str,
    by: Any,
) -> Correction:
    note = _("%(label)s rättad av %(who)s: %(before)s → %(after)s") % {
        "label": label,
        "who": getattr(by, "username", ""),
        "before": _shown(before),
        "after": _shown(parsed),
    }
    report.warnings.append(note)
    with transaction.atomic():
        locked = ReportUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.extracted != upload.extracted:
            raise CorrectionRefused(_("Någon annan har ändrat rapporten under tiden; ladda om sidan och försök igen."))
        locked.extracted = report.as_dict()
        locked.save(update_fields=["extracted", "updated_at"])
        upload.extracted = locked.extracted
        return Correction.objects.create(
            upload=upload,
            field=field,
            before=_shown(before),
            after=_shown(parsed),
            source=source[:2000],
            corrected_by=by,
        )


def _parse_value(field: str, value: str) -> Decimal | int | None:
    value = value.strip().replace(" ", "")
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise CorrectionRefused(_("”%(value)s” är inget tal.") % {"value": value[:20]}) from None
    if field in ("year", "ordinal"):
        if number != number.to_integral_value() or not (0 < number <= (2100 if field == "year" else 20)):
            raise CorrectionRefused(_("Ange ett heltal i rimligt intervall."))
        return int(number)
    maximum = 800 if field == "total" else 100
    low = -100 if field.endswith(".change") else 0
    if not (low <= number <= maximum) or number * 2 != (number * 2).to_integral_value():
        raise CorrectionRefused(
            _("Ange ett tal mellan %(low)s och %(high)s (halva poäng går bra).") % {"low": low, "high": maximum}
        )
    return number


def _shown(value: Any) -> str:
    if value is None:
        return _("saknas")
    if isinstance(value, Decimal):
        return formatting.points(value)
    return str(value)


def confirm_upload(upload: ReportUpload, *, by: Any, update: bool = False) -> FileOutcome:
    """Import a reviewed upload, whole or not at all, once no disagreement is left.

    Side effects: the evaluation and its content (services.apply_import, one transaction); the upload is
    marked imported and linked to the evaluation. Never raises for bad input: the outcome says why not."""
    if upload.status != UploadStatus.REVIEW:
        return FileOutcome(upload.source_name, False, _("Rapporten är inte klar för import."))
    report = report_of(upload)
    open_issues = all_conflicts(report)
    if open_issues:
        message = _("Rätta eller bekräfta först: %(what)s") % {"what": " ".join(open_issues)}
        return FileOutcome(upload.source_name, False, message)
    try:
        plan = plan_report(report, checksum=checksum_of(upload.text))
    except NotAReport as exc:
        return FileOutcome(upload.source_name, False, str(exc))
    outcome = carry_out(plan, update=update, by=by, pages=upload.pages, reviewed=True)
    if outcome.applied and plan.evaluation is not None:
        ReportUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.IMPORTED, evaluation=plan.evaluation)
    return outcome

"""Demo data for the questionnaire, the visit plan and the evidence of the demo evaluation (9999-2025).
Idempotent: runs only when the evaluation has no answers yet."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.criteria.models import Question
from kompass.evaluations.enums import DocumentKind
from kompass.evaluations.models import (
    Answer,
    DocumentReference,
    Evaluation,
    IntervieweeProposal,
    InterviewNote,
    Participant,
    Questionnaire,
    QuestionnaireDocument,
    WebsiteObservation,
)
from kompass.evaluations.services.visit import ensure_interview_groups

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ANSWERS = {
    "1.1.1": (
        "Ja. Fullmäktige antog en policy för medborgardialog i juni 2023 (§ 87). Den gäller alla nämnder.",
        ["https://exempelkommun.example.se/demokrati/medborgardialog"],
    ),
    "1.2.1": ("Ja, handlingarna publiceras samma dag som de skickas till ledamöterna.", []),
    "1.3.1": (
        "Vi publicerar ”Exempelkommun i siffror” varje år i maj, med jämförelser från Kolada.",
        ["https://exempelkommun.example.se/resultat"],
    ),
    "1.4.2": ("Ungdomsrådet har funnits sedan 2019 och har yttranderätt i barn- och utbildningsnämnden.", []),
}
# (group position, start day offset, hh, mm, minutes, participants)
PROGRAMME = [
    (1, 0, 13, 0, 75, [("Maria Lind", "Kommundirektör"), ("Jonas Berg", "Ekonomichef"), ("Sara Ek", "HR-chef")]),
    (2, 0, 18, 0, 60, [("Anna Holm", "Kommunstyrelsens ordförande"), ("Erik Sund", "Kommunalråd")]),
    (3, 0, 19, 15, 45, [("Lena Dahl", "Oppositionsråd")]),
    (4, 1, 8, 30, 75, [("Peter Nyström", "Socialchef"), ("Karin Åberg", "Skolchef")]),
    (5, 1, 10, 0, 75, [("Olle Strand", "Rektor"), ("Fatima Ali", "Enhetschef äldreomsorg")]),
    (6, 1, 13, 0, 60, [("Nils Falk", "Kommunal"), ("Eva Borg", "Vision")]),
]


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF with a line of text (hand-written objects, computed cross-references)."""
    text = title.encode("latin-1", errors="replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def extend_demo(evaluation: Evaluation) -> str | None:
    if evaluation.answers.exists():
        return None
    with transaction.atomic():
        _questionnaire(evaluation)
        _visit_plan(evaluation)
        _evidence(evaluation)
    return "Frågeunderlag, besöksplan och underlag för demoutvärderingen"


def _questions(evaluation: Evaluation) -> dict[str, Question]:
    return {q.code: q for q in Question.objects.filter(area__version_id=evaluation.version_id)}


def _questionnaire(evaluation: Evaluation) -> None:
    contact = User.objects.filter(role=Role.CONTACT, municipality_id=evaluation.municipality_id).first()
    questions = _questions(evaluation)
    for code, (text, links) in ANSWERS.items():
        if code in questions:
            Answer.objects.create(
                evaluation=evaluation, question=questions[code], text=text, links=links, updated_by=contact
            )
    content = demo_pdf("Exempelkommun - Policy for medborgardialog (demo)")
    name = default_storage.save(f"fragor/{evaluation.key}/demo-policy-medborgardialog.pdf", ContentFile(content))
    QuestionnaireDocument.objects.create(
        evaluation=evaluation,
        question=questions.get("1.1.1"),
        file=name,
        original_name="Policy för medborgardialog.pdf",
        kind=DocumentKind.PDF,
        size=len(content),
        description="Antagen av fullmäktige 2023-06-12",
        uploaded_by=contact,
    )
    Questionnaire.objects.update_or_create(
        evaluation=evaluation, defaults={"submitted_at": timezone.now(), "submitted_by": contact}
    )


def _visit_plan(evaluation: Evaluation) -> None:
    ensure_interview_groups(evaluation)
    groups = {g.position: g for g in evaluation.interview_groups.all()}
    first_day = evaluation.visit_start or date(2025, 3, 11)
    contact = User.objects.filter(role=Role.CONTACT, municipality_id=evaluation.municipality_id).first()
    for position, offset, hh, mm, minutes, people in PROGRAMME:
        group = groups.get(position)
        if group is None:
            continue
        start = datetime.combine(date.fromordinal(first_day.toordinal() + offset), time(hh, mm), STOCKHOLM)
        group.starts_at = start
        group.ends_at = start + timedelta(minutes=minutes)
        group.location = "Kommunhuset, sammanträdesrum Ekbacken"
        group.save()
        for name, role in people:
            Participant.objects.create(group=group, name=name, role=role, organisation="Exempelkommun")
            IntervieweeProposal.objects.create(
                evaluation=evaluation,
                group=group,
                name=name,
                role=role,
                organisation="Exempelkommun",
                proposed_by=contact,
                accepted=True,
            )


def _evidence(evaluation: Evaluation) -> None:
    questions = _questions(evaluation)
    lead = evaluation.team.select_related("user").order_by("role").first()
    by = lead.user if lead else None
    groups = {g.position: g for g in evaluation.interview_groups.all()}
    note = InterviewNote.objects.create(
        evaluation=evaluation,
        group=groups[2],
        text="Politikerna beskriver policyn för medborgardialog som väl känd; dialog hålls före större beslut.",
        created_by=by,
    )
    note.questions.set([q for c, q in questions.items() if c in ("1.1.1", "1.4.1")])
    reference = DocumentReference.objects.create(
        evaluation=evaluation,
        title="Policy för medborgardialog",
        date=date(2023, 6, 12),
        page="3–5",
        note="Anger när och hur dialog ska ske och hur deltagarna får återkoppling.",
        created_by=by,
    )
    reference.questions.set([q for c, q in questions.items() if c in ("1.1.1", "1.4.1")])
    observation = WebsiteObservation.objects.create(
        evaluation=evaluation,
        url="https://exempelkommun.example.se/demokrati/medborgardialog",
        seen_on=date(2025, 3, 3),
        finding="Policyn finns på webbplatsen, med en kalender över kommande dialoger.",
        created_by=by,
    )
    observation.questions.set([q for c, q in questions.items() if c == "1.1.1"])

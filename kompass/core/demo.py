"""Demo data for the main job: one complete fictional evaluation of "Exempelkommun" (code 9999, outside
SCB's range, marked as demo everywhere), with a team, a municipality contact and every question scored.

Demo accounts share one password (DEMO_PASSWORD); they are created only by `kompass setup` without
--no-demo and are meant for a laptop, never for production."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import FindingKind, Origin, Status, TeamRole
from kompass.evaluations.models import Evaluation, QuestionScore, TeamMembership
from kompass.evaluations.services import create_evaluation
from kompass.evaluations.services.sums import refresh_scores
from kompass.municipalities.services import ensure_demo_municipality

DEMO_PASSWORD = "kompass-demo"
DEMO_VERSION = "kk2020"
DEMO_YEAR = 2025
DEMO_USERS = [
    # username, first name, last name, role, organisation
    ("admin", "Ada", "Administratör", Role.ADMINISTRATOR, "SKR"),
    ("eva", "Eva", "Utvärderare", Role.EVALUATOR, "SKR"),
    ("per", "Per", "Kollega", Role.EVALUATOR, "Grannby kommun"),
    ("kim", "Kim", "Kontakt", Role.CONTACT, "Exempelkommun"),
]
AREA_LEVELS = [0.72, 0.64, 0.81, 0.69, 0.77, 0.58, 0.66, 0.74]


def extend_demo(evaluation: Evaluation) -> list[str]:
    """Let each app add its part of the demo (questionnaire, visit plan, report facts, action plan …):
    an app with a module `demo.py` defining `extend_demo(evaluation) -> str | None` is called on every
    setup, so each extension must be idempotent. Returns what the extensions reported."""
    reports = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kompass.") or config.name == "kompass.core":
            continue
        try:
            extension = import_string(f"{config.name}.demo.extend_demo")
        except ImportError:
            continue
        if message := extension(evaluation):
            reports.append(message)
    return reports


def ensure_demo_users() -> dict[str, User]:
    municipality = ensure_demo_municipality()
    users = {}
    for username, first, last, role, organisation in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "organisation": organisation,
                "email": f"{username}@example.se",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
            user.municipality = municipality if role == Role.CONTACT else None
            user.save()
        users[username] = user
    return users


@transaction.atomic
def ensure_demo_evaluation() -> tuple[Evaluation, bool]:
    """Create the demo evaluation once; later runs leave it (and whatever a user changed) alone."""
    municipality = ensure_demo_municipality()
    users = ensure_demo_users()
    existing = Evaluation.objects.filter(municipality=municipality, year=DEMO_YEAR).first()
    if existing is not None:
        return existing, False
    version = CriteriaVersion.objects.get(code=DEMO_VERSION)
    evaluation = create_evaluation(
        municipality,
        version=version,
        year=DEMO_YEAR,
        status=Status.PUBLISHED,
        origin=Origin.KOMPASS,
        ordinal=2,
        visit_start=date(2025, 3, 11),
        visit_end=date(2025, 3, 12),
        feedback_date=date(2025, 5, 20),
        report_date=date(2025, 5, 6),
        notes="Demodata: en påhittad kommun och en påhittad utvärdering. Räknas inte in i jämförelserna.",
    )
    TeamMembership.objects.create(evaluation=evaluation, user=users["eva"], role=TeamRole.LEAD)
    TeamMembership.objects.create(evaluation=evaluation, user=users["per"], role=TeamRole.PEER)
    _score_everything(evaluation, users["eva"])
    _write_narrative(evaluation)
    refresh_scores(evaluation)
    return evaluation, True


def _score_everything(evaluation: Evaluation, by: User) -> None:
    rng = random.Random(DEMO_YEAR)
    scores = []
    for area in evaluation.version.areas.prefetch_related("questions"):
        level = AREA_LEVELS[area.number - 1]
        for question in area.questions.all():
            share = min(1.0, max(0.0, level + rng.uniform(-0.35, 0.3)))
            points = (Decimal(str(share)) * question.max_points * 2).quantize(Decimal(1)) / 2
            scores.append(
                QuestionScore(
                    evaluation=evaluation,
                    question=question,
                    points=points,
                    updated_by=by,
                    rationale=_rationale(points, question.max_points),
                )
            )
    QuestionScore.objects.bulk_create(scores)


def _rationale(points: Decimal, maximum: Decimal) -> str:
    if points == maximum:
        return "Fullt ut genomfört och dokumenterat; bekräftat i intervjuerna."
    if points == 0:
        return "Inget sådant arbete kunde visas i dokument, intervjuer eller på webbplatsen."
    return "Delvis genomfört: finns i dokumenten men tillämpas inte i hela organisationen."


def _write_narrative(evaluation: Evaluation) -> None:
    scored = {s.question_id: s.points for s in evaluation.question_scores.all()}
    for area in evaluation.version.areas.prefetch_related("subareas__questions"):
        AreaText.objects.create(evaluation=evaluation, area=area, general_text=area.general_text)
        ranked = []
        for position, subarea in enumerate(area.subareas.all(), start=1):
            questions = list(subarea.questions.all())
            got = sum((scored[q.pk] for q in questions), Decimal(0))
            share = got / sum((q.max_points for q in questions), Decimal(0))
            ranked.append((share, subarea))
            SubAreaText.objects.create(
                evaluation=evaluation,
                area=area,
                subarea=subarea,
                heading=subarea.name,
                position=position,
                text=_subarea_text(subarea.name, share),
            )
            weakest = min(questions, key=lambda q: scored[q.pk] / q.max_points)
            if scored[weakest.pk] < weakest.max_points:
                Finding.objects.create(
                    evaluation=evaluation,
                    area=area,
                    kind=FindingKind.IMPROVEMENT,
                    position=position,
                    text=f"Utveckla arbetet så att svaret blir ja: {weakest.text}",
                )
        ranked.sort(key=lambda pair: pair[0], reverse=True)
        for position, (_, subarea) in enumerate(ranked[:3], start=1):
            Finding.objects.create(
                evaluation=evaluation,
                area=area,
                kind=FindingKind.STRENGTH,
                position=position,
                text=f"Väl utvecklat och dokumenterat arbete med {subarea.name[0].lower() + subarea.name[1:]}.",
            )


def _subarea_text(name: str, share: Decimal) -> str:
    topic = name[0].lower() + name[1:]
    if share >= Decimal("0.75"):
        return (
            f"Exempelkommun arbetar systematiskt med {topic}. Arbetet är förankrat i fullmäktiges "
            "styrdokument, följs upp varje år och beskrivs samstämmigt i intervjuerna."
        )
    if share >= Decimal("0.5"):
        return (
            f"Exempelkommun har kommit en bit på väg med {topic}. Det finns styrdokument, men "
            "tillämpningen skiljer sig mellan förvaltningarna och uppföljningen är inte samlad."
        )
    return (
        f"Arbetet med {topic} är i sin början. Intervjuerna visar goda idéer, men det saknas "
        "beslutade dokument och en samlad uppföljning."
    )

"""Synthetic published evaluations for benchmarks ("Scale"): clearly marked, in a separate database.

Synthetic municipalities have codes outside SCB's range ("S000"…), names "Syntetkommun …", and
`is_synthetic=True`; the generator refuses a database holding anything else than synthetic evaluations,
so it can never mix into real data. Each evaluation gets area scores (a few missing, as in the real
record), narrative (Allmänt, a text per sub-area) and Styrkor/Förbättringsmöjligheter in varied Swedish
sentences, so the search benchmark can reuse it."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.criteria.models import Area, CriteriaVersion
from kompass.evaluations.enums import FindingKind, Origin, ScoreSource, Status
from kompass.evaluations.models import AreaScore, Evaluation
from kompass.municipalities.models import County, KeyFigure, Municipality

CODE_PREFIXES = "STUVWXYZ"
EVALUATIONS_PER_MUNICIPALITY = 10
FIRST_YEAR, LAST_YEAR = 2002, 2025
BATCH = 250

SUBJECTS = [
    "Kommunen",
    "Kommunledningen",
    "Förvaltningen",
    "Kommunstyrelsen",
    "Nämnderna",
    "Cheferna",
    "Medarbetarna",
    "Socialförvaltningen",
    "Barn- och utbildningsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
]
STRENGTH_VERBS = [
    "arbetar systematiskt med",
    "har ett väl förankrat arbete med",
    "följer regelbundet upp",
    "har utvecklat en tydlig modell för",
    "redovisar öppet",
    "samverkar aktivt kring",
]
IMPROVEMENT_VERBS = [
    "bör utveckla",
    "kan tydliggöra",
    "behöver följa upp",
    "bör samordna",
    "kan förbättra dokumentationen av",
    "behöver förankra",
]
TOPICS = [
    "medborgardialogen",
    "medborgardialog i budgetprocessen",
    "synpunkts- och klagomålshanteringen",
    "brukarundersökningar",
    "servicedeklarationer",
    "e-tjänster och tillgänglighet på webbplatsen",
    "målstyrningen",
    "den politiska uppföljningen av verksamhetens resultat",
    "internkontrollen",
    "jämförelser med andra kommuner",
    "kompetensförsörjningen",
    "ledarutvecklingsprogrammet",
    "medarbetarsamtalen",
    "arbetsmiljöarbetet",
    "mångfald och likabehandling",
    "innovationsarbetet",
    "omvärldsbevakningen",
    "kvalitetsledningssystemet",
    "samverkan med näringslivet",
    "hållbarhetsarbetet",
    "översiktsplanen",
    "digitaliseringen",
    "etiska riktlinjer mot korruption",
    "informationen till nyinflyttade",
    "lönesättningen",
]
QUALIFIERS = [
    "i hela organisationen",
    "på enhetsnivå",
    "i samtliga nämnder",
    "tillsammans med civilsamhället",
    "med tydliga mål och mått",
    "över förvaltningsgränserna",
    "i dialog med medborgarna",
    "under hela året",
]
EVIDENCE = [
    "Intervjuerna bekräftar bilden.",
    "Det framgår av styrdokumenten.",
    "Webbplatsen ger goda exempel på detta.",
    "Flera intervjuade lyfte fram arbetet.",
    "Dokumentationen är dock ojämn mellan förvaltningarna.",
    "Uppföljningen redovisas i årsredovisningen.",
]


@dataclass(frozen=True)
class SyntheticResult:
    municipalities: int
    evaluations: int
    area_scores: int
    texts: int
    findings: int


class SyntheticDataError(RuntimeError):
    """The target database holds real data (or no reference data); nothing was written."""


def version_for_year(year: int, versions: dict[str, CriteriaVersion]) -> CriteriaVersion:
    candidates = [v for v in versions.values() if v.used_from <= year and (v.used_to is None or year <= v.used_to)]
    return (
        max(candidates, key=lambda v: v.used_from) if candidates else max(versions.values(), key=lambda v: v.used_from)
    )


def _sentence(rng: random.Random, verbs: list[str]) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(verbs)} {rng.choice(TOPICS)} {rng.choice(QUALIFIERS)}. "
        f"{rng.choice(EVIDENCE)}"
    )


def create_synthetic_evaluations(count: int, *, seed: int = 1, narrative: bool = True) -> SyntheticResult:
    """Create `count` synthetic published evaluations (about ten per synthetic municipality).

    Side effects: creates synthetic municipalities, a population key figure for each, evaluations with
    area scores and (with `narrative`) texts and findings, in batches of BATCH evaluations, each batch
    atomic. Raises SyntheticDataError, writing nothing, when the database holds any non-synthetic
    evaluation or lacks the criteria versions."""
    if Evaluation.objects.exclude(municipality__is_synthetic=True).exists():
        raise SyntheticDataError(
            "Databasen innehåller riktiga utvärderingar. Syntetiska data skapas bara i en separat databas."
        )
    versions = {v.code: v for v in CriteriaVersion.objects.all()}
    if not versions or not County.objects.exists():
        raise SyntheticDataError("Databasen saknar kriterier eller länsregister; kör först `kompass setup --no-demo`.")
    rng = random.Random(seed)
    areas = {
        code: list(Area.objects.filter(version=v).prefetch_related("subareas").order_by("number"))
        for code, v in versions.items()
    }
    municipalities = _synthetic_municipalities(math.ceil(count / EVALUATIONS_PER_MUNICIPALITY), rng)
    plan = []
    for index in range(count):
        municipality = municipalities[index % len(municipalities)]
        plan.append((municipality, index // len(municipalities)))
    totals = SyntheticResult(len(municipalities), 0, 0, 0, 0)
    for start in range(0, len(plan), BATCH):
        totals = _add(totals, _create_batch(plan[start : start + BATCH], versions, areas, rng, narrative))
    return totals


def _add(a: SyntheticResult, b: SyntheticResult) -> SyntheticResult:
    return SyntheticResult(
        a.municipalities,
        a.evaluations + b.evaluations,
        a.area_scores + b.area_scores,
        a.texts + b.texts,
        a.findings + b.findings,
    )


@transaction.atomic
def _synthetic_municipalities(number: int, rng: random.Random) -> list[Municipality]:
    counties = list(County.objects.order_by("code"))
    if number > len(CODE_PREFIXES) * 1000:
        raise SyntheticDataError(f"Högst {len(CODE_PREFIXES) * 1000} syntetiska kommuner.")
    wanted = [f"{CODE_PREFIXES[i // 1000]}{i % 1000:03d}" for i in range(number)]
    existing = Municipality.objects.in_bulk(wanted)
    new = [
        Municipality(
            code=code,
            name=f"Syntetkommun {code} (syntetisk)",
            short_name=f"Syntetkommun {code}",
            county=counties[i % len(counties)],
            is_demo=False,
            is_synthetic=True,
        )
        for i, code in enumerate(wanted)
        if code not in existing
    ]
    Municipality.objects.bulk_create(new)
    KeyFigure.objects.bulk_create(
        [
            KeyFigure(
                municipality=m,
                year=2024,
                name="folkmängd",
                value=Decimal(int(rng.lognormvariate(10, 1)) + 2500),
                unit="invånare",
                source="syntetisk",
            )
            for m in new
        ]
    )
    return list(Municipality.objects.filter(code__in=wanted).order_by("code"))


@transaction.atomic
def _create_batch(plan, versions, areas, rng: random.Random, narrative: bool) -> SyntheticResult:
    now = timezone.now()
    evaluations = []
    for municipality, round_number in plan:
        year = FIRST_YEAR + (round_number * 2 + int(municipality.code[1:]) % 3) % (LAST_YEAR - FIRST_YEAR + 1)
        sequence = 1 + (round_number * 2 + int(municipality.code[1:]) % 3) // (LAST_YEAR - FIRST_YEAR + 1)
        version = version_for_year(year, versions)
        evaluations.append(
            Evaluation(
                municipality=municipality,
                version=version,
                year=year,
                sequence=sequence,
                key=Evaluation.make_key(municipality.code, year, sequence),
                status=Status.PUBLISHED,
                origin=Origin.KOMPASS,
                published_at=now,
                source_url="syntetisk",
                notes="Syntetisk utvärdering för mätningar; inte en riktig kommun.",
            )
        )
    Evaluation.objects.bulk_create(evaluations)
    created = list(Evaluation.objects.filter(key__in=[e.key for e in evaluations]).select_related("version"))
    scores, texts, findings, updates = [], [], [], []
    for evaluation in created:
        level = rng.uniform(0.35, 0.85)
        points = {}
        for area in areas[evaluation.version.code]:
            if rng.random() < 0.04:  # a few areas unpublished, as in the real record
                continue
            value = Decimal(max(0, min(100, round(rng.gauss(level * 100, 9)))))
            points[area.number] = value
            scores.append(
                AreaScore(
                    evaluation=evaluation, area=area, points=value, source=ScoreSource.PUBLISHED, is_complete=True
                )
            )
            if narrative:
                texts.extend(_texts(evaluation, area, rng))
                findings.extend(_findings(evaluation, area, rng))
        complete = len(points) == len(areas[evaluation.version.code])
        evaluation.computed_total = sum(points.values(), Decimal(0)) if complete else None
        if rng.random() < 0.1:
            evaluation.printed_total = Decimal(rng.randint(250, 700))
        evaluation.total = (
            evaluation.printed_total if evaluation.printed_total is not None else evaluation.computed_total
        )
        updates.append(evaluation)
    AreaScore.objects.bulk_create(scores, batch_size=2000)
    Evaluation.objects.bulk_update(updates, ["computed_total", "printed_total", "total"], batch_size=500)
    AreaText.objects.bulk_create([t for t in texts if isinstance(t, AreaText)], batch_size=2000)
    SubAreaText.objects.bulk_create([t for t in texts if isinstance(t, SubAreaText)], batch_size=2000)
    Finding.objects.bulk_create(findings, batch_size=2000)
    return SyntheticResult(0, len(created), len(scores), len(texts), len(findings))


def _texts(evaluation: Evaluation, area: Area, rng: random.Random) -> list[AreaText | SubAreaText]:
    texts: list[AreaText | SubAreaText] = [
        AreaText(
            evaluation=evaluation, area=area, general_text=" ".join(_sentence(rng, STRENGTH_VERBS) for _ in range(2))
        )
    ]
    for position, subarea in enumerate(area.subareas.all(), start=1):
        verbs = STRENGTH_VERBS if rng.random() < 0.5 else IMPROVEMENT_VERBS
        texts.append(
            SubAreaText(
                evaluation=evaluation,
                area=area,
                subarea=subarea,
                heading=subarea.name,
                position=position,
                text=" ".join(_sentence(rng, verbs) for _ in range(rng.randint(1, 3))),
            )
        )
    return texts


def _findings(evaluation: Evaluation, area: Area, rng: random.Random) -> list[Finding]:
    return [
        Finding(
            evaluation=evaluation,
            area=area,
            kind=kind,
            position=position,
            text=_sentence(rng, STRENGTH_VERBS if kind == FindingKind.STRENGTH else IMPROVEMENT_VERBS),
        )
        for kind in (FindingKind.STRENGTH, FindingKind.IMPROVEMENT)
        for position in (1, 2)
    ]

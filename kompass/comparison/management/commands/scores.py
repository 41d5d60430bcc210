import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.comparison.averages import AverageProfile, version_average
from kompass.core import formatting
from kompass.evaluations.scoretable import ScoreTable, build_score_table
from kompass.evaluations.services import EvaluationNotFound, evaluation_by_key

MISSING = "saknas"


def fmt(value: Decimal | None) -> str:
    return formatting.points(value, missing=MISSING)


class Command(BaseCommand):
    help = "Visar en utvärderings poängtabell mot versionens genomsnitt. Exempel: kompass scores 1980-2012"

    def add_arguments(self, parser):
        parser.add_argument("evaluation", help="Beteckning: kommunkod-år, t.ex. 1980-2012")
        parser.add_argument("--json", action="store_true", help="Maskinläsbar utdata.")
        parser.add_argument("--questions", action="store_true", help="Visa även varje fråga.")

    def handle(self, *args, **options):
        try:
            evaluation = evaluation_by_key(options["evaluation"])
        except EvaluationNotFound as exc:
            raise CommandError(str(exc)) from None
        table = build_score_table(evaluation)
        average = version_average(evaluation.version)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(table, average), ensure_ascii=False, indent=2))
        else:
            self.print_table(table, average, evaluation.get_status_display(), options["questions"])

    def print_table(self, table: ScoreTable, average: AverageProfile, status: str, questions: bool) -> None:
        w = self.stdout.write
        w(
            self.style.MIGRATE_HEADING(
                f"{table.municipality} {table.year} ({table.evaluation_key}) · {table.version_code} · {status}"
            )
        )
        w(f"{'Område':<58}{'Poäng':>8}{'Max':>6}   Snitt {table.version_code} (antal)")
        for area in table.areas:
            avg = average.area(area.number)
            avg_text = f"{fmt(avg.mean)} (N={avg.n})" if avg else MISSING
            note = "" if area.complete or area.points is None else "  ofullständig"
            w(f"{area.number} {area.name[:55]:<56}{fmt(area.points):>8}{fmt(area.max_points):>6}   {avg_text}{note}")
            for sub in area.subareas:
                if sub.points is None and not questions:
                    continue
                w(f"    {area.number}.{sub.number} {sub.name[:48]:<50}{fmt(sub.points):>8}{fmt(sub.max_points):>6}")
                for q in sub.questions if questions else []:
                    w(f"        {q.code:<8}{q.text[:42]:<42}{fmt(q.points):>8}{fmt(q.max_points):>6}")
        missing = ", ".join(str(n) for n in table.missing_areas)
        computed = (
            fmt(table.computed_total)
            if table.computed_total is not None
            else (f"{MISSING} (område {missing} saknas)" if missing else f"{MISSING} (ofullständig)")
        )
        w(f"{'Summa av områdena':<58}{computed:>8}{fmt(table.max_total):>6}")
        w(f"{'Totalpoäng enligt rapporten':<58}{fmt(table.printed_total):>8}")
        if table.total_difference is not None:
            w(
                _("  Obs: den tryckta totalen skiljer sig från summan av områdena med %(value)s.")
                % {"value": fmt(table.total_difference)}
            )
        w(f"{'Totalpoäng':<58}{fmt(table.total):>8}{'':>6}   {fmt(average.total_mean)} (N={average.total_n})")


def as_json(table: ScoreTable, average: AverageProfile) -> dict:
    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return {
        "evaluation": table.evaluation_key,
        "municipality": table.municipality,
        "year": table.year,
        "version": table.version_code,
        "areas": [
            {
                "number": a.number,
                "name": a.name,
                "points": num(a.points),
                "max_points": num(a.max_points),
                "complete": a.complete,
                "source": a.source,
                "average": num(avg.mean) if (avg := average.area(a.number)) else None,
                "average_n": avg.n if avg else 0,
                "subareas": [
                    {"number": s.number, "name": s.name, "points": num(s.points), "max_points": num(s.max_points)}
                    for s in a.subareas
                ],
            }
            for a in table.areas
        ],
        "computed_total": num(table.computed_total),
        "printed_total": num(table.printed_total),
        "total": num(table.total),
        "total_difference": num(table.total_difference),
        "missing_areas": table.missing_areas,
        "average_total": num(average.total_mean),
        "average_total_n": average.total_n,
    }

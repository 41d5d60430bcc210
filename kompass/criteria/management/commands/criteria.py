from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.criteria.models import CriteriaVersion


class Command(BaseCommand):
    help = "Listar kriterieversionerna och deras huvudområden (ange en kod för delområden och frågor)."

    def add_arguments(self, parser):
        parser.add_argument("code", nargs="?", help="Visa en version i detalj, t.ex. kk2010.")

    def handle(self, *args, **options):
        versions = CriteriaVersion.objects.prefetch_related("areas__subareas__questions")
        if options["code"]:
            versions = versions.filter(code=options["code"])
            if not versions:
                raise CommandError(_("Ingen kriterieversion med koden ”%(code)s”.") % {"code": options["code"]})
        for version in versions:
            frozen = " (låst: används av utvärderingar)" if version.is_frozen else ""
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"{version.code}  {version.name}  {version.years_label()}  "
                    f"[{version.get_edition_display()}]{frozen}"
                )
            )
            for area in version.areas.all():
                proposal = "  (kompass förslag)" if area.proposal else ""
                self.stdout.write(f"  {area.number}. {area.name}{proposal}")
                if options["code"]:
                    for sub in area.subareas.all():
                        self.stdout.write(f"     {area.number}.{sub.number} {sub.name}")
                        for q in sub.questions.all():
                            self.stdout.write(f"        {q.code} [{q.max_points} p] {q.text}")

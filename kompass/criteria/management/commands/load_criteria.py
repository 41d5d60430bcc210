from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.criteria.fileformat import CriteriaFileError
from kompass.criteria.models import FrozenVersionError
from kompass.criteria.services import load_criteria_file, load_mappings


class Command(BaseCommand):
    help = "Läser in kriteriefiler (YAML, se docs/criteria-format.md) eller en mappningsfil (--mappings)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--mappings", action="store_true", help="Filerna är mappningar mellan versioner.")

    def handle(self, *args, **options):
        for path in options["files"]:
            try:
                if options["mappings"]:
                    self.stdout.write(
                        _("%(name)s: %(value)s områdespar inlästa.") % {"name": path.name, "value": load_mappings(path)}
                    )
                else:
                    self.stdout.write(load_criteria_file(path).describe())
            except (CriteriaFileError, FrozenVersionError) as exc:
                raise CommandError(str(exc)) from None

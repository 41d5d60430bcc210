from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kompass.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Bygg om sökindexet för goda exempel från alla publicerade utvärderingar."

    def handle(self, *args: Any, **options: Any) -> None:
        evaluations, rows = reindex_all()
        self.stdout.write(
            _("Sökindexet byggt: %(rows)s texter från %(evaluations)s publicerade utvärderingar.")
            % {"rows": rows, "evaluations": evaluations}
        )

from django.db import models
from django.utils.translation import pgettext_lazy


class ImportAction(models.TextChoices):
    """What an import does (or would do, in a dry run) with a report."""

    CREATE = "create", pgettext_lazy("import action", "Ny publicerad utvärdering")
    ENRICH = "enrich", pgettext_lazy("import action", "Kompletterar ett publicerat resultat med rapportens text")
    UNCHANGED = "unchanged", pgettext_lazy("import action", "Finns redan – inget att ändra")
    CHANGES = "changes", pgettext_lazy("import action", "Finns redan – rapporten skiljer sig")
    UPDATE = "update", pgettext_lazy("import action", "Uppdaterar en tidigare import")
    CONFLICT = "conflict", pgettext_lazy("import action", "Krockar med en utvärdering gjord i kompass")

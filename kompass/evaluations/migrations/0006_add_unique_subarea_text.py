"""One text per evaluation and sub-area. Two simultaneous first saves used to create two rows that both
printed in the report; before the constraint, all but the newest such text are detached from the
sub-area (subarea = NULL): kept and still shown under their heading, never lost."""

from django.db import migrations, models
from django.db.models import Count


def detach_duplicates(apps, schema_editor):
    SubAreaText = apps.get_model("evaluations", "SubAreaText")
    duplicated = (
        SubAreaText.objects.exclude(subarea=None)
        .values("evaluation_id", "subarea_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    for pair in duplicated:
        rows = SubAreaText.objects.filter(evaluation_id=pair["evaluation_id"], subarea_id=pair["subarea_id"])
        newest = rows.order_by("-updated_at", "-pk").first()
        rows.exclude(pk=newest.pk).update(subarea=None)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_add_revision_to_edited_rows"),
    ]

    operations = [
        migrations.RunPython(detach_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="subareatext",
            constraint=models.UniqueConstraint(fields=("evaluation", "subarea"), name="unique_subarea_text"),
        ),
    ]

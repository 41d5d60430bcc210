# The narrative models (Allmänt, sub-area texts, findings, reference municipalities) move to assessment.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0001_add_action_plans'),
        ('assessment', '0002_move_narrative_models'),
    ]

    # The models moved from evaluations to assessment (the code that writes them) but keep their tables:
    # only Django's picture of the models changes, nothing in the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='action',
            name='finding',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='assessment.finding', verbose_name='förbättringsmöjlighet'),
        ),
        migrations.AlterField(
            model_name='planpoint',
            name='finding',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='assessment.finding'),
        ),
            ],
            database_operations=[],
        ),
    ]

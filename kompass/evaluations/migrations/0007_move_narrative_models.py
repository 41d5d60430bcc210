# The narrative models (Allmänt, sub-area texts, findings, reference municipalities) move to assessment.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0002_move_narrative_models'),
        ('evaluations', '0006_add_unique_subarea_text'),
    ]

    # The models moved from evaluations to assessment (the code that writes them) but keep their tables:
    # only Django's picture of the models changes, nothing in the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.RemoveField(
            model_name='finding',
            name='area',
        ),
        migrations.RemoveField(
            model_name='finding',
            name='evaluation',
        ),
        migrations.RemoveField(
            model_name='referencemunicipality',
            name='area',
        ),
        migrations.RemoveField(
            model_name='referencemunicipality',
            name='evaluation',
        ),
        migrations.RemoveField(
            model_name='referencemunicipality',
            name='municipality',
        ),
        migrations.RemoveField(
            model_name='subareatext',
            name='area',
        ),
        migrations.RemoveField(
            model_name='subareatext',
            name='evaluation',
        ),
        migrations.RemoveField(
            model_name='subareatext',
            name='subarea',
        ),
        migrations.RemoveField(
            model_name='subareatext',
            name='updated_by',
        ),
        migrations.DeleteModel(
            name='AreaText',
        ),
        migrations.DeleteModel(
            name='Finding',
        ),
        migrations.DeleteModel(
            name='ReferenceMunicipality',
        ),
        migrations.DeleteModel(
            name='SubAreaText',
        ),
            ],
            database_operations=[],
        ),
    ]

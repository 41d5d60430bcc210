# The narrative models (Allmänt, sub-area texts, findings, reference municipalities) move to assessment.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessment', '0001_add_scoring_and_history'),
        ('criteria', '0001_initial'),
        ('evaluations', '0006_add_unique_subarea_text'),
        ('municipalities', '0003_add_kommungrupp'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The models moved from evaluations to assessment (the code that writes them) but keep their tables:
    # only Django's picture of the models changes, nothing in the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision', models.PositiveIntegerField(default=1, editable=False)),
                ('kind', models.CharField(choices=[('strength', 'Styrka'), ('improvement', 'Förbättringsmöjlighet')], max_length=12, verbose_name='slag')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordning')),
                ('text', models.TextField(verbose_name='text')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='criteria.area')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='evaluations.evaluation')),
            ],
            options={
                'verbose_name': 'styrka eller förbättringsmöjlighet',
                'verbose_name_plural': 'styrkor och förbättringsmöjligheter',
                'db_table': 'evaluations_finding',
                'ordering': ['area__number', 'kind', 'position'],
            },
        ),
        migrations.CreateModel(
            name='ReferenceMunicipality',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='namn som i rapporten')),
                ('theme', models.CharField(blank=True, max_length=300, verbose_name='tema')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordning')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='criteria.area')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reference_municipalities', to='evaluations.evaluation')),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='municipalities.municipality')),
            ],
            options={
                'verbose_name': 'kommun att titta närmare på',
                'verbose_name_plural': 'kommuner att titta närmare på',
                'db_table': 'evaluations_referencemunicipality',
                'ordering': ['area__number', 'position'],
            },
        ),
        migrations.CreateModel(
            name='AreaText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision', models.PositiveIntegerField(default=1, editable=False)),
                ('general_text', models.TextField(blank=True, verbose_name='Allmänt')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='criteria.area')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='area_texts', to='evaluations.evaluation')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'områdestext',
                'verbose_name_plural': 'områdestexter',
                'db_table': 'evaluations_areatext',
                'constraints': [models.UniqueConstraint(fields=('evaluation', 'area'), name='unique_area_text')],
            },
        ),
        migrations.CreateModel(
            name='SubAreaText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision', models.PositiveIntegerField(default=1, editable=False)),
                ('heading', models.CharField(help_text='Rubriken som den står i rapporten.', max_length=300, verbose_name='rubrik')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='ordning')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='criteria.area')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subarea_texts', to='evaluations.evaluation')),
                ('subarea', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='criteria.subarea')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'delområdestext',
                'verbose_name_plural': 'delområdestexter',
                'db_table': 'evaluations_subareatext',
                'ordering': ['area__number', 'position'],
                'constraints': [models.UniqueConstraint(fields=('evaluation', 'subarea'), name='unique_subarea_text')],
            },
        ),
            ],
            database_operations=[],
        ),
    ]

"""The Django admin speaks Swedish where the models give no Swedish name."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.urls import reverse

from kompass.comparison.models import ReferenceAverage
from kompass.comparison.services import load_reference_averages
from kompass.evaluations.models import QuestionScore

pytestmark = pytest.mark.django_db


def test_admin_list_columns_and_form_labels_are_swedish(admin_client, rf, kk2020):
    model_admin = admin.site._registry[QuestionScore]
    columns = model_admin.get_list_display(rf.get("/"))
    headings = [str(label_for_field(c, QuestionScore, model_admin)) for c in columns]
    assert headings == ["utvärdering", "fråga", "poäng", "ändrad av", "ändrad"]
    form = admin_client.get(reverse("admin:criteria_areamapping_add")).content.decode()
    assert "Från område:</label>" in form and "Till område:</label>" in form


def test_skr_reference_for_the_whole_country_is_named_in_swedish(kk2020):
    load_reference_averages()
    reference = ReferenceAverage.objects.get(scope="Sweden", period="2021")
    assert (reference.scope_label, str(reference)) == ("Sverige", "medelvärde Sverige 2021 (kk2020)")

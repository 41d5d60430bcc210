from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.core.forms import KompassForm
from kompass.reports.enums import ReportFormat


class PublishedReportsForm(KompassForm):
    fmt = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.PDF)

from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.reports.enums import ReportFormat


class PublishedReportsForm(forms.Form):
    fmt = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.PDF)

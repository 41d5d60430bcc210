from django.contrib import admin

from kompass.assessment.models import AreaText, Finding, ReferenceMunicipality, SubAreaText
from kompass.core.admin import KompassModelAdmin

# The written part of an evaluation (the writing pages are where it is normally edited).
admin.site.register(AreaText, KompassModelAdmin)
admin.site.register(SubAreaText, KompassModelAdmin)
admin.site.register(Finding, KompassModelAdmin)
admin.site.register(ReferenceMunicipality, KompassModelAdmin)

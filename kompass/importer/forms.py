from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kompass.core.forms import KompassForm
from kompass.importer.reading import ReadError, ReadText, read_report_bytes


class UploadForm(KompassForm):
    report = forms.FileField(
        allow_empty_file=True,  # the reader says "filen är tom" in its own words
        label=_("Rapport (text eller PDF)"),
        help_text=_("En publicerad Kommunkompassen-rapport som textfil (.txt) eller PDF med textlager."),
    )

    def clean_report(self) -> ReadText:
        upload = self.cleaned_data["report"]
        limit = settings.KOMPASS_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("Filen är för stor (högst %(mb)s MB).") % {"mb": limit // (1024 * 1024)})
        data = b"".join(upload.chunks())
        try:
            read = read_report_bytes(data, name=upload.name)
        except ReadError as exc:
            raise forms.ValidationError(str(exc)) from None
        self.source_name = upload.name[:300]
        return read


class ConfirmForm(KompassForm):
    update = forms.BooleanField(
        label=_("Skriv över den tidigare importen med den här rapportens innehåll"), required=False
    )

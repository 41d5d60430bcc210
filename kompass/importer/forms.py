from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompass.core.forms import KompassForm

MAX_FILES = 300


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern for `multiple`)."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class UploadForm(KompassForm):
    """One report or many (text or PDF, also scanned). Each file's content is checked when it is read."""

    reports = MultipleFileField(
        allow_empty_file=True,  # the reader says "filen är tom" in its own words
        widget=MultipleFileInput(attrs={"accept": ".txt,.pdf,text/plain,application/pdf"}),
        label=gettext_lazy("Rapporter (text eller PDF)"),
        help_text=gettext_lazy(
            "En eller flera publicerade Kommunkompassen-rapporter: textfiler (.txt) eller PDF, även skannade."
        ),
        required=False,
    )

    def clean_reports(self) -> list[tuple[str, bytes]]:
        uploads = [u for u in self.cleaned_data["reports"] if u is not None]
        if not uploads:
            raise forms.ValidationError(_("Välj minst en fil."))
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("Högst %(n)s filer åt gången.") % {"n": MAX_FILES})
        limit = settings.KOMPASS_MAX_UPLOAD_BYTES
        files = []
        for upload in uploads:
            name = str(upload.name or "")
            if (upload.size or 0) > limit:
                raise forms.ValidationError(
                    _("%(name)s är för stor (högst %(mb)s MB).") % {"name": name, "mb": limit // (1024 * 1024)}
                )
            files.append((name[:300], b"".join(upload.chunks())))
        return files


class CorrectionForm(KompassForm):
    field = forms.CharField(max_length=100, widget=forms.HiddenInput)
    value = forms.CharField(label=gettext_lazy("Rätt värde"), max_length=20, required=False)


class ConfirmForm(KompassForm):
    update = forms.BooleanField(
        label=gettext_lazy("Skriv över den tidigare importen med den här rapportens innehåll"), required=False
    )
